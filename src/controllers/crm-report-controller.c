/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-report-controller"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-report-controller.h"

struct _CrmReportController
{
  GObject              parent_instance;

  CrmStore            *store;
  CrmSession          *session;
  const CrmReportInfo *info;          /* NULL when no report is chosen */
  char                *breakdown;     /* NULL = the report's first */
  CrmPeriod            period;
  gint64               staff_id;
  gint64               team_id;
  gint64               category_id;

  CrmReport           *report;
  GCancellable        *cancellable;   /* of the build running now */
  char                *error_message;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CrmReportController, crm_report_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_REPORT_NAME,
  PROP_BREAKDOWN,
  PROP_PERIOD_UNIT,
  PROP_PERIOD_LABEL,
  PROP_STAFF_ID,
  PROP_TEAM_ID,
  PROP_CATEGORY_ID,
  PROP_REPORT,
  PROP_BUSY,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CrmStore        *store;
  CrmSession      *session;
  char            *name;
  CrmReportFilter  filter;
} BuildJob;

static void
build_job_free (BuildJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->session);
  g_free (job->name);
  crm_report_filter_clear (&job->filter);
  g_free (job);
}

static void
set_busy (CrmReportController *self,
          gboolean             busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_error_message (CrmReportController *self,
                   const char          *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
set_report (CrmReportController *self,
            CrmReport           *report)
{
  if (self->report == report)
    return;
  g_set_object (&self->report, report);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

/* Runs on a worker thread: its own read-only connection, interrupted
 * when the build is cancelled. */
static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildJob *job = task_data;
  g_autoptr(CrmStore) reader = NULL;
  g_autoptr(CrmReport) report = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!(reader = crm_store_open_reader (job->store, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  crm_store_set_cancellable (reader, cancellable);
  report = crm_reports_build (reader, job->session, job->name, &job->filter, cancellable, &error);
  crm_store_set_cancellable (reader, NULL);
  if (report == NULL)
    g_task_return_error (task, error);
  else if (g_task_return_error_if_cancelled (task))
    return;
  else
    g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
}

static void
on_build_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CrmReportController *self = CRM_REPORT_CONTROLLER (source);
  g_autoptr(CrmReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  /* An older request, or one cancelled: whoever replaced it reports. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (report == NULL)
    {
      set_report (self, NULL);
      set_error_message (self, error->message);
    }
  else
    {
      set_error_message (self, NULL);
      set_report (self, report);
    }
  set_busy (self, FALSE);
}

/**
 * crm_report_controller_rebuild:
 *
 * Starts building the report with the current filters, cancelling the
 * build still running.
 */
void
crm_report_controller_rebuild (CrmReportController *self)
{
  g_autoptr(GTask) task = NULL;
  BuildJob *job;

  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->info == NULL)
    {
      set_report (self, NULL);
      set_busy (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  job = g_new0 (BuildJob, 1);
  job->store = g_object_ref (self->store);
  job->session = g_object_ref (self->session);
  job->name = g_strdup (self->info->name);
  crm_report_filter_init (&job->filter, &self->period);
  job->filter.staff_id = self->staff_id;
  job->filter.team_id = self->team_id;
  job->filter.category_id = self->category_id;
  job->filter.breakdown = g_strdup (self->breakdown);

  task = g_task_new (self, self->cancellable, on_build_done_cb, NULL);
  g_task_set_source_tag (task, crm_report_controller_rebuild);
  g_task_set_task_data (task, job, (GDestroyNotify) build_job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, build_thread);
}

void
crm_report_controller_cancel (CrmReportController *self)
{
  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
}

GPtrArray *
crm_report_controller_list_reports (CrmReportController *self)
{
  const CrmReportInfo *all;
  GPtrArray *allowed;
  guint n = 0;

  g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), NULL);

  all = crm_reports_get_all (&n);
  allowed = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    if (crm_reports_may_build (&all[i], self->session))
      g_ptr_array_add (allowed, (gpointer) &all[i]);
  return allowed;
}

void
crm_report_controller_set_report_name (CrmReportController *self,
                                       const char          *name)
{
  const CrmReportInfo *info;

  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));

  info = crm_reports_find (name);
  if (info != NULL && self->info == info)
    return;
  if (info != NULL && !crm_reports_may_build (info, self->session))
    {
      set_error_message (self, info->needs_cost
                         ? _("This report shows cost prices, which you may not see.")
                         : _("This report is for managers."));
      info = NULL;
    }
  else if (info == NULL && name != NULL)
    set_error_message (self, _("There is no such report."));
  else
    set_error_message (self, NULL);

  self->info = info;
  g_clear_pointer (&self->breakdown, g_free);
  if (info == NULL)
    set_report (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAKDOWN]);
  crm_report_controller_rebuild (self);
}

const char *
crm_report_controller_get_report_name (CrmReportController *self)
{
  g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), NULL);
  return self->info != NULL ? self->info->name : NULL;
}

const CrmReportInfo *
crm_report_controller_get_info (CrmReportController *self)
{
  g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), NULL);
  return self->info;
}

void
crm_report_controller_set_breakdown (CrmReportController *self,
                                     const char          *breakdown)
{
  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));

  /* The first breakdown is the default: keep NULL for it. */
  if (self->info != NULL && self->info->breakdowns != NULL && breakdown != NULL &&
      g_strcmp0 (self->info->breakdowns[0].name, breakdown) == 0)
    breakdown = NULL;
  if (g_strcmp0 (self->breakdown, breakdown) == 0)
    return;
  g_free (self->breakdown);
  self->breakdown = g_strdup (breakdown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAKDOWN]);
  crm_report_controller_rebuild (self);
}

/* The breakdown's name, the first one's when none was chosen. */
const char *
crm_report_controller_get_breakdown (CrmReportController *self)
{
  g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), NULL);

  if (self->breakdown != NULL)
    return self->breakdown;
  if (self->info != NULL && self->info->breakdowns != NULL)
    return self->info->breakdowns[0].name;
  return NULL;
}

static void
period_changed (CrmReportController *self,
                CrmPeriodUnit        old_unit)
{
  if (old_unit != self->period.unit)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_UNIT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_LABEL]);
  crm_report_controller_rebuild (self);
}

void
crm_report_controller_set_period (CrmReportController *self,
                                  const CrmPeriod     *period)
{
  CrmPeriodUnit old_unit;

  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));
  g_return_if_fail (period != NULL);
  g_return_if_fail (g_date_valid (&period->first) && g_date_valid (&period->last));

  if (period->unit == self->period.unit &&
      g_date_compare (&period->first, &self->period.first) == 0 &&
      g_date_compare (&period->last, &self->period.last) == 0)
    return;
  old_unit = self->period.unit;
  self->period = *period;
  period_changed (self, old_unit);
}

void
crm_report_controller_get_period (CrmReportController *self,
                                  CrmPeriod           *period)
{
  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));
  g_return_if_fail (period != NULL);
  *period = self->period;
}

void
crm_report_controller_set_unit (CrmReportController *self,
                                CrmPeriodUnit        unit)
{
  CrmPeriod period;

  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));
  g_return_if_fail (unit <= CRM_PERIOD_CUSTOM);

  if (unit == CRM_PERIOD_CUSTOM)
    {
      crm_period_init_range (&period, &self->period.first, &self->period.last);
      period.unit = CRM_PERIOD_CUSTOM;
    }
  else
    crm_period_init (&period, unit, &self->period.first);
  crm_report_controller_set_period (self, &period);
}

CrmPeriodUnit
crm_report_controller_get_unit (CrmReportController *self)
{
  g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), CRM_PERIOD_MONTH);
  return self->period.unit;
}

void
crm_report_controller_set_range (CrmReportController *self,
                                 const GDate         *first,
                                 const GDate         *last)
{
  CrmPeriod period;

  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));
  g_return_if_fail (first != NULL && g_date_valid (first));
  g_return_if_fail (last != NULL && g_date_valid (last));

  crm_period_init_range (&period, first, last);
  period.unit = CRM_PERIOD_CUSTOM;
  crm_report_controller_set_period (self, &period);
}

void
crm_report_controller_previous_period (CrmReportController *self)
{
  CrmPeriod period;

  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));
  crm_period_previous (&self->period, &period);
  crm_report_controller_set_period (self, &period);
}

void
crm_report_controller_next_period (CrmReportController *self)
{
  CrmPeriod period;

  g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));
  crm_period_next (&self->period, &period);
  crm_report_controller_set_period (self, &period);
}

char *
crm_report_controller_dup_period_label (CrmReportController *self)
{
  g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), NULL);
  return crm_period_format (&self->period);
}

#define DEFINE_ID_PROPERTY(field, PROP)                                          \
  void                                                                           \
  crm_report_controller_set_##field (CrmReportController *self,                  \
                                     gint64               value)                 \
  {                                                                              \
    g_return_if_fail (CRM_IS_REPORT_CONTROLLER (self));                          \
    g_return_if_fail (value >= 0);                                               \
    if (self->field == value)                                                    \
      return;                                                                    \
    self->field = value;                                                         \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                \
    crm_report_controller_rebuild (self);                                        \
  }                                                                              \
  gint64                                                                         \
  crm_report_controller_get_##field (CrmReportController *self)                  \
  {                                                                              \
    g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), 0);                   \
    return self->field;                                                          \
  }

DEFINE_ID_PROPERTY (staff_id, PROP_STAFF_ID)
DEFINE_ID_PROPERTY (team_id, PROP_TEAM_ID)
DEFINE_ID_PROPERTY (category_id, PROP_CATEGORY_ID)

CrmReport *
crm_report_controller_get_report (CrmReportController *self)
{
  g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), NULL);
  return self->report;
}

gboolean
crm_report_controller_get_busy (CrmReportController *self)
{
  g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), FALSE);
  return self->busy;
}

const char *
crm_report_controller_get_error_message (CrmReportController *self)
{
  g_return_val_if_fail (CRM_IS_REPORT_CONTROLLER (self), NULL);
  return self->error_message;
}

/* GObject ------------------------------------------------------------------ */

static void
crm_report_controller_dispose (GObject *object)
{
  CrmReportController *self = CRM_REPORT_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_report_controller_parent_class)->dispose (object);
}

static void
crm_report_controller_finalize (GObject *object)
{
  CrmReportController *self = CRM_REPORT_CONTROLLER (object);

  g_free (self->breakdown);
  g_free (self->error_message);

  G_OBJECT_CLASS (crm_report_controller_parent_class)->finalize (object);
}

static void
crm_report_controller_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CrmReportController *self = CRM_REPORT_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_REPORT_NAME:
      g_value_set_string (value, crm_report_controller_get_report_name (self));
      break;
    case PROP_BREAKDOWN:
      g_value_set_string (value, crm_report_controller_get_breakdown (self));
      break;
    case PROP_PERIOD_UNIT:
      g_value_set_uint (value, self->period.unit);
      break;
    case PROP_PERIOD_LABEL:
      g_value_take_string (value, crm_report_controller_dup_period_label (self));
      break;
    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;
    case PROP_TEAM_ID:
      g_value_set_int64 (value, self->team_id);
      break;
    case PROP_CATEGORY_ID:
      g_value_set_int64 (value, self->category_id);
      break;
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_report_controller_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CrmReportController *self = CRM_REPORT_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_REPORT_NAME:
      crm_report_controller_set_report_name (self, g_value_get_string (value));
      break;
    case PROP_BREAKDOWN:
      crm_report_controller_set_breakdown (self, g_value_get_string (value));
      break;
    case PROP_PERIOD_UNIT:
      crm_report_controller_set_unit (self, g_value_get_uint (value));
      break;
    case PROP_STAFF_ID:
      crm_report_controller_set_staff_id (self, g_value_get_int64 (value));
      break;
    case PROP_TEAM_ID:
      crm_report_controller_set_team_id (self, g_value_get_int64 (value));
      break;
    case PROP_CATEGORY_ID:
      crm_report_controller_set_category_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_report_controller_class_init (CrmReportControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_report_controller_dispose;
  object_class->finalize = crm_report_controller_finalize;
  object_class->get_property = crm_report_controller_get_property;
  object_class->set_property = crm_report_controller_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT_NAME] =
    g_param_spec_string ("report-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BREAKDOWN] =
    g_param_spec_string ("breakdown", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD_UNIT] =
    g_param_spec_uint ("period-unit", NULL, NULL, CRM_PERIOD_DAY, CRM_PERIOD_CUSTOM, CRM_PERIOD_MONTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD_LABEL] =
    g_param_spec_string ("period-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEAM_ID] =
    g_param_spec_int64 ("team-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY_ID] =
    g_param_spec_int64 ("category-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, CRM_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_report_controller_init (CrmReportController *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  crm_period_init (&self->period, CRM_PERIOD_MONTH, &today);
}

/**
 * crm_report_controller_new:
 *
 * A controller on the first report the session may open, over this
 * month; it starts building at once.
 */
CrmReportController *
crm_report_controller_new (CrmStore   *store,
                           CrmSession *session)
{
  CrmReportController *self;
  g_autoptr(GPtrArray) allowed = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_REPORT_CONTROLLER, "store", store, "session", session, NULL);
  allowed = crm_report_controller_list_reports (self);
  if (allowed->len > 0)
    crm_report_controller_set_report_name (self, ((const CrmReportInfo *) allowed->pdata[0])->name);
  return self;
}
