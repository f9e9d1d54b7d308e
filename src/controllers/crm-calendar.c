/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-calendar"

#include "config.h"

#include "crm-calendar.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-event-store.h"
#include "crm-validate.h"

#define DEFAULT_REMINDER_MINUTES 15

struct _CrmCalendarController
{
  GObject            parent_instance;

  CrmStore          *store;
  CrmSession        *session;
  CrmCalendarView    view;
  GDateTime         *date;
  GDateTime         *range_start;
  GDateTime         *range_end;
  CrmCalendarScope   scope;
  gint64             scope_id;
  GListStore        *events;
  GListStore        *today_plan;
};

G_DEFINE_ENUM_TYPE (CrmCalendarView, crm_calendar_view,
  G_DEFINE_ENUM_VALUE (CRM_CALENDAR_VIEW_MONTH, "month"),
  G_DEFINE_ENUM_VALUE (CRM_CALENDAR_VIEW_WEEK, "week"),
  G_DEFINE_ENUM_VALUE (CRM_CALENDAR_VIEW_DAY, "day"))

G_DEFINE_ENUM_TYPE (CrmCalendarScope, crm_calendar_scope,
  G_DEFINE_ENUM_VALUE (CRM_CALENDAR_SCOPE_SELF, "self"),
  G_DEFINE_ENUM_VALUE (CRM_CALENDAR_SCOPE_USER, "user"),
  G_DEFINE_ENUM_VALUE (CRM_CALENDAR_SCOPE_TEAM, "team"))

G_DEFINE_FINAL_TYPE (CrmCalendarController, crm_calendar_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_VIEW,
  PROP_DATE,
  PROP_RANGE_START,
  PROP_RANGE_END,
  PROP_SCOPE,
  PROP_SCOPE_ID,
  PROP_EVENTS,
  PROP_TODAY_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Ranges ----------------------------------------------------------------------- */

static GDateTime *
local_midnight (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                g_date_time_get_day_of_month (local), 0, 0, 0);
}

static GDateTime *
monday_of (GDateTime *midnight)
{
  return g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (midnight));
}

void
crm_calendar_range_for (CrmCalendarView   view,
                        GDateTime        *day,
                        GDateTime       **start,
                        GDateTime       **end)
{
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next_first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) last_monday = NULL;

  g_return_if_fail (day != NULL && start != NULL && end != NULL);

  midnight = local_midnight (day);
  switch (view)
    {
    case CRM_CALENDAR_VIEW_DAY:
      *start = g_date_time_ref (midnight);
      *end = g_date_time_add_days (midnight, 1);
      break;
    case CRM_CALENDAR_VIEW_WEEK:
      *start = monday_of (midnight);
      *end = g_date_time_add_days (*start, 7);
      break;
    case CRM_CALENDAR_VIEW_MONTH:
    default:
      first = g_date_time_new_local (g_date_time_get_year (midnight), g_date_time_get_month (midnight),
                                     1, 0, 0, 0);
      next_first = g_date_time_add_months (first, 1);
      last = g_date_time_add_days (next_first, -1);
      last_monday = monday_of (last);
      *start = monday_of (first);
      *end = g_date_time_add_days (last_monday, 7);
      break;
    }
}

/* Headings and typed times -------------------------------------------------------- */

const char *
crm_calendar_weekday_short (gint day_of_week)
{
  switch (day_of_week)
    {
    case 1:
      return _("Mon");
    case 2:
      return _("Tue");
    case 3:
      return _("Wed");
    case 4:
      return _("Thu");
    case 5:
      return _("Fri");
    case 6:
      return _("Sat");
    case 7:
      return _("Sun");
    default:
      return "";
    }
}

static char *
format_weekday_long (gint        day_of_week,
                     const char *date)
{
  switch (day_of_week)
    {
    case 1:
      return g_strdup_printf (_("Monday, %s"), date);
    case 2:
      return g_strdup_printf (_("Tuesday, %s"), date);
    case 3:
      return g_strdup_printf (_("Wednesday, %s"), date);
    case 4:
      return g_strdup_printf (_("Thursday, %s"), date);
    case 5:
      return g_strdup_printf (_("Friday, %s"), date);
    case 6:
      return g_strdup_printf (_("Saturday, %s"), date);
    default:
      return g_strdup_printf (_("Sunday, %s"), date);
    }
}

/* One message per month so that a translation may put the year where
 * its language wants it ("Tháng 11 năm 2026"). */
static char *
format_month (gint month,
              gint year)
{
  switch (month)
    {
    case 1:
      return g_strdup_printf (_("January %d"), year);
    case 2:
      return g_strdup_printf (_("February %d"), year);
    case 3:
      return g_strdup_printf (_("March %d"), year);
    case 4:
      return g_strdup_printf (_("April %d"), year);
    case 5:
      return g_strdup_printf (_("May %d"), year);
    case 6:
      return g_strdup_printf (_("June %d"), year);
    case 7:
      return g_strdup_printf (_("July %d"), year);
    case 8:
      return g_strdup_printf (_("August %d"), year);
    case 9:
      return g_strdup_printf (_("September %d"), year);
    case 10:
      return g_strdup_printf (_("October %d"), year);
    case 11:
      return g_strdup_printf (_("November %d"), year);
    default:
      return g_strdup_printf (_("December %d"), year);
    }
}

char *
crm_calendar_format_period (CrmCalendarView  view,
                            GDateTime       *day)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  g_return_val_if_fail (day != NULL, NULL);

  local = g_date_time_to_local (day);
  switch (view)
    {
    case CRM_CALENDAR_VIEW_MONTH:
      return format_month (g_date_time_get_month (local), g_date_time_get_year (local));
    case CRM_CALENDAR_VIEW_WEEK:
      crm_calendar_range_for (view, local, &start, &end);
      last = g_date_time_add_days (end, -1);
      from = g_date_time_format (start, "%d/%m/%Y");
      until = g_date_time_format (last, "%d/%m/%Y");
      return g_strdup_printf ("%s – %s", from, until);
    case CRM_CALENDAR_VIEW_DAY:
    default:
      from = g_date_time_format (local, "%d/%m/%Y");
      return format_weekday_long (g_date_time_get_day_of_week (local), from);
    }
}

char *
crm_calendar_format_date_time (GDateTime *time,
                               gboolean   date_only)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  return g_date_time_format (local, date_only ? "%d/%m/%Y" : "%d/%m/%Y %H:%M");
}

/* "9:00", "09:00", "9h", "9h30", "9g30" into hours and minutes. */
static gboolean
parse_clock (const char *text,
             gint       *hour,
             gint       *minute)
{
  const char *p = text;
  gint h = 0, m = 0, digits = 0;

  while (g_ascii_isdigit (*p) && digits < 2)
    h = h * 10 + (*p++ - '0'), digits++;
  if (digits == 0)
    return FALSE;
  if (*p == ':' || *p == 'h' || *p == 'H' || *p == 'g' || *p == '.')
    {
      gboolean colon = (*p == ':' || *p == '.');

      p++;
      digits = 0;
      while (g_ascii_isdigit (*p) && digits < 2)
        m = m * 10 + (*p++ - '0'), digits++;
      if ((colon && digits != 2) || digits == 1)
        return FALSE;
    }
  if (*p != '\0' || h > 23 || m > 59)
    return FALSE;
  *hour = h;
  *minute = m;
  return TRUE;
}

/**
 * crm_calendar_parse_date_time:
 *
 * Returns: (transfer full) (nullable): the local time typed
 */
GDateTime *
crm_calendar_parse_date_time (const char  *text,
                              gboolean     date_only,
                              GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) words = NULL;
  g_autofree char *iso = NULL;
  gint hour = 0, minute = 0;
  guint n_words;

  words = g_strsplit_set (trimmed, " \t", -1);
  /* Several spaces make empty words: keep the others. */
  n_words = 0;
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        char *word = words[i];

        words[i] = words[n_words];
        words[n_words++] = word;
      }
  if (n_words == 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           date_only ? _("Enter a date.") : _("Enter a date and a time, for example 23/11/2026 09:00."));
      return NULL;
    }
  if (!crm_date_parse (words[0], &iso, error))
    return NULL;
  if (date_only ? n_words > 1 : (n_words != 2 || !parse_clock (words[1], &hour, &minute)))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                           date_only ? _("Type the date as day/month/year, for example 23/11/2026.")
                                     : _("Type the date and time as day/month/year hours:minutes, for example 23/11/2026 09:00."));
      return NULL;
    }
  return g_date_time_new_local ((gint) g_ascii_strtoll (iso, NULL, 10),
                                (gint) g_ascii_strtoll (iso + 5, NULL, 10),
                                (gint) g_ascii_strtoll (iso + 8, NULL, 10), hour, minute, 0);
}

static gboolean
overlaps (CrmEvent  *event,
          GDateTime *from,
          GDateTime *to)
{
  GDateTime *start = crm_event_get_start (event);
  GDateTime *end = crm_event_get_end (event);

  if (g_date_time_compare (start, to) >= 0)
    return FALSE;
  if (g_date_time_equal (start, end))
    return g_date_time_compare (start, from) >= 0;
  return g_date_time_compare (end, from) > 0;
}

static gint
compare_starts (gconstpointer a,
                gconstpointer b)
{
  CrmEvent *x = *(CrmEvent *const *) a;
  CrmEvent *y = *(CrmEvent *const *) b;
  gint order = g_date_time_compare (crm_event_get_start (x), crm_event_get_start (y));

  if (order != 0)
    return order;
  return crm_event_get_id (x) < crm_event_get_id (y) ? -1 : crm_event_get_id (x) > crm_event_get_id (y);
}

/* Helpers ----------------------------------------------------------------------- */

static CrmEventScope
scope_of (CrmCalendarController *self,
          CrmCalendarScope       scope,
          gint64                 scope_id)
{
  CrmEventScope result = { 0, 0 };

  switch (scope)
    {
    case CRM_CALENDAR_SCOPE_USER:
      result.user_id = scope_id;
      break;
    case CRM_CALENDAR_SCOPE_TEAM:
      result.team_id = scope_id;
      break;
    case CRM_CALENDAR_SCOPE_SELF:
    default:
      result.user_id = crm_session_get_user_id (self->session);
      break;
    }
  return result;
}

static void
replace_items (GListStore *store,
               GPtrArray  *items)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

/* Every occurrence of the events of @scope overlapping [@from, @to), by start. */
static GPtrArray *
read_occurrences (CrmCalendarController  *self,
                  const CrmEventScope    *scope,
                  GDateTime              *from,
                  GDateTime              *to,
                  GError                **error)
{
  g_autoptr(GPtrArray) events = crm_event_store_list_range (self->store, self->session, scope,
                                                            from, to, error);
  g_autoptr(GPtrArray) occurrences = NULL;

  if (events == NULL)
    return NULL;
  occurrences = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < events->len; i++)
    {
      g_autoptr(GPtrArray) expanded = crm_event_expand (g_ptr_array_index (events, i), from, to);

      for (guint j = 0; j < expanded->len; j++)
        g_ptr_array_add (occurrences, g_object_ref (g_ptr_array_index (expanded, j)));
    }
  g_ptr_array_sort (occurrences, compare_starts);
  return g_steal_pointer (&occurrences);
}

static void
set_range (CrmCalendarController *self,
           CrmCalendarView        view,
           GDateTime             *day)
{
  g_autoptr(GDateTime) midnight = local_midnight (day);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GObject *object = G_OBJECT (self);

  crm_calendar_range_for (view, midnight, &start, &end);
  g_object_freeze_notify (object);
  if (self->view != view)
    {
      self->view = view;
      g_object_notify_by_pspec (object, properties[PROP_VIEW]);
    }
  if (self->date == NULL || !g_date_time_equal (self->date, midnight))
    {
      g_clear_pointer (&self->date, g_date_time_unref);
      self->date = g_date_time_ref (midnight);
      g_object_notify_by_pspec (object, properties[PROP_DATE]);
    }
  if (self->range_start == NULL || !g_date_time_equal (self->range_start, start))
    {
      g_clear_pointer (&self->range_start, g_date_time_unref);
      self->range_start = g_steal_pointer (&start);
      g_object_notify_by_pspec (object, properties[PROP_RANGE_START]);
    }
  if (self->range_end == NULL || !g_date_time_equal (self->range_end, end))
    {
      g_clear_pointer (&self->range_end, g_date_time_unref);
      self->range_end = g_steal_pointer (&end);
      g_object_notify_by_pspec (object, properties[PROP_RANGE_END]);
    }
  g_object_thaw_notify (object);
}

/* Checks with the store that the session may look at the calendar, then
 * switches to it and reads it. */
static gboolean
apply_scope (CrmCalendarController  *self,
             CrmCalendarScope        scope,
             gint64                  scope_id,
             GError                **error)
{
  CrmEventScope wanted = scope_of (self, scope, scope_id);

  if (!crm_event_store_check_scope (self->store, self->session, &wanted, error))
    return FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->scope != scope)
    {
      self->scope = scope;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE]);
    }
  if (self->scope_id != scope_id)
    {
      self->scope_id = scope_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE_ID]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return crm_calendar_controller_reload (self, error);
}

/* Overrides ---------------------------------------------------------------------- */

static void
crm_calendar_controller_dispose (GObject *object)
{
  CrmCalendarController *self = CRM_CALENDAR_CONTROLLER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->events);
  g_clear_object (&self->today_plan);

  G_OBJECT_CLASS (crm_calendar_controller_parent_class)->dispose (object);
}

static void
crm_calendar_controller_finalize (GObject *object)
{
  CrmCalendarController *self = CRM_CALENDAR_CONTROLLER (object);

  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->range_start, g_date_time_unref);
  g_clear_pointer (&self->range_end, g_date_time_unref);

  G_OBJECT_CLASS (crm_calendar_controller_parent_class)->finalize (object);
}

static void
crm_calendar_controller_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CrmCalendarController *self = CRM_CALENDAR_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;
    case PROP_RANGE_START:
      g_value_set_boxed (value, self->range_start);
      break;
    case PROP_RANGE_END:
      g_value_set_boxed (value, self->range_end);
      break;
    case PROP_SCOPE:
      g_value_set_enum (value, self->scope);
      break;
    case PROP_SCOPE_ID:
      g_value_set_int64 (value, self->scope_id);
      break;
    case PROP_EVENTS:
      g_value_set_object (value, self->events);
      break;
    case PROP_TODAY_PLAN:
      g_value_set_object (value, self->today_plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_calendar_controller_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CrmCalendarController *self = CRM_CALENDAR_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_calendar_controller_class_init (CrmCalendarControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = crm_calendar_controller_dispose;
  object_class->finalize = crm_calendar_controller_finalize;
  object_class->get_property = crm_calendar_controller_get_property;
  object_class->set_property = crm_calendar_controller_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE, construct);
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION, construct);
  properties[PROP_VIEW] = g_param_spec_enum ("view", NULL, NULL, CRM_TYPE_CALENDAR_VIEW,
                                             CRM_CALENDAR_VIEW_WEEK, ro);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_RANGE_START] = g_param_spec_boxed ("range-start", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_RANGE_END] = g_param_spec_boxed ("range-end", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_SCOPE] = g_param_spec_enum ("scope", NULL, NULL, CRM_TYPE_CALENDAR_SCOPE,
                                              CRM_CALENDAR_SCOPE_SELF, ro);
  properties[PROP_SCOPE_ID] = g_param_spec_int64 ("scope-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_EVENTS] = g_param_spec_object ("events", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_TODAY_PLAN] = g_param_spec_object ("today-plan", NULL, NULL, G_TYPE_LIST_MODEL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_calendar_controller_init (CrmCalendarController *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->view = CRM_CALENDAR_VIEW_WEEK;
  self->scope = CRM_CALENDAR_SCOPE_SELF;
  self->events = g_list_store_new (CRM_TYPE_EVENT);
  self->today_plan = g_list_store_new (CRM_TYPE_EVENT);
  set_range (self, self->view, now);
}

/* Public API --------------------------------------------------------------------- */

/**
 * crm_calendar_controller_new:
 *
 * The signed-in user's calendar, week view, today; empty until the first
 * crm_calendar_controller_reload() (or any change of view, day or scope).
 */
CrmCalendarController *
crm_calendar_controller_new (CrmStore   *store,
                             CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_CALENDAR_CONTROLLER, "store", store, "session", session, NULL);
}

CrmCalendarView
crm_calendar_controller_get_view (CrmCalendarController *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), CRM_CALENDAR_VIEW_WEEK);
  return self->view;
}

GDateTime *
crm_calendar_controller_get_date (CrmCalendarController *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), NULL);
  return self->date;
}

GDateTime *
crm_calendar_controller_get_range_start (CrmCalendarController *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), NULL);
  return self->range_start;
}

GDateTime *
crm_calendar_controller_get_range_end (CrmCalendarController *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), NULL);
  return self->range_end;
}

CrmCalendarScope
crm_calendar_controller_get_scope (CrmCalendarController *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), CRM_CALENDAR_SCOPE_SELF);
  return self->scope;
}

/* The user id or team id shown; 0 for one's own calendar. */
gint64
crm_calendar_controller_get_scope_id (CrmCalendarController *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), 0);
  return self->scope_id;
}

/**
 * crm_calendar_controller_get_events:
 *
 * Returns: (transfer none): the occurrences of the range (CrmEvent)
 */
GListModel *
crm_calendar_controller_get_events (CrmCalendarController *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), NULL);
  return G_LIST_MODEL (self->events);
}

/**
 * crm_calendar_controller_get_today_plan:
 *
 * Returns: (transfer none): the day's plan (CrmEvent)
 */
GListModel *
crm_calendar_controller_get_today_plan (CrmCalendarController *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), NULL);
  return G_LIST_MODEL (self->today_plan);
}

gboolean
crm_calendar_controller_reload (CrmCalendarController  *self,
                                GError                **error)
{
  CrmEventScope scope;
  g_autoptr(GPtrArray) occurrences = NULL;

  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);

  scope = scope_of (self, self->scope, self->scope_id);
  occurrences = read_occurrences (self, &scope, self->range_start, self->range_end, error);
  if (occurrences == NULL)
    return FALSE;
  replace_items (self->events, occurrences);
  return TRUE;
}

gboolean
crm_calendar_controller_set_view (CrmCalendarController  *self,
                                  CrmCalendarView         view,
                                  GError                **error)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  g_return_val_if_fail (view <= CRM_CALENDAR_VIEW_DAY, FALSE);

  set_range (self, view, self->date);
  return crm_calendar_controller_reload (self, error);
}

gboolean
crm_calendar_controller_set_date (CrmCalendarController  *self,
                                  GDateTime              *day,
                                  GError                **error)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  set_range (self, self->view, day);
  return crm_calendar_controller_reload (self, error);
}

static gboolean
go (CrmCalendarController  *self,
    gint                    direction,
    GError                **error)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) first = NULL;

  switch (self->view)
    {
    case CRM_CALENDAR_VIEW_DAY:
      day = g_date_time_add_days (self->date, direction);
      break;
    case CRM_CALENDAR_VIEW_WEEK:
      day = g_date_time_add_weeks (self->date, direction);
      break;
    case CRM_CALENDAR_VIEW_MONTH:
    default:
      first = g_date_time_new_local (g_date_time_get_year (self->date), g_date_time_get_month (self->date),
                                     1, 0, 0, 0);
      day = g_date_time_add_months (first, direction);
      break;
    }
  return crm_calendar_controller_set_date (self, day, error);
}

/* The next day, week or month (its first day). */
gboolean
crm_calendar_controller_go_next (CrmCalendarController  *self,
                                 GError                **error)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  return go (self, 1, error);
}

gboolean
crm_calendar_controller_go_previous (CrmCalendarController  *self,
                                     GError                **error)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  return go (self, -1, error);
}

gboolean
crm_calendar_controller_show_self (CrmCalendarController  *self,
                                   GError                **error)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  return apply_scope (self, CRM_CALENDAR_SCOPE_SELF, 0, error);
}

gboolean
crm_calendar_controller_show_user (CrmCalendarController  *self,
                                   gint64                  user_id,
                                   GError                **error)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  g_return_val_if_fail (user_id > 0, FALSE);

  if (user_id == crm_session_get_user_id (self->session))
    return apply_scope (self, CRM_CALENDAR_SCOPE_SELF, 0, error);
  return apply_scope (self, CRM_CALENDAR_SCOPE_USER, user_id, error);
}

/* @team_id 0: the manager's own team (for an administrator without a
 * team: everyone). */
gboolean
crm_calendar_controller_show_team (CrmCalendarController  *self,
                                   gint64                  team_id,
                                   GError                **error)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);

  if (team_id <= 0)
    team_id = crm_session_get_team_id (self->session);
  return apply_scope (self, CRM_CALENDAR_SCOPE_TEAM, team_id, error);
}

/**
 * crm_calendar_controller_list_day:
 *
 * Returns: (transfer full) (element-type CrmEvent): the day's occurrences
 */
GPtrArray *
crm_calendar_controller_list_day (CrmCalendarController *self,
                                  GDateTime             *day)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), found);
  g_return_val_if_fail (day != NULL, found);

  from = local_midnight (day);
  to = g_date_time_add_days (from, 1);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmEvent) event = g_list_model_get_item (G_LIST_MODEL (self->events), i);

      if (overlaps (event, from, to))
        g_ptr_array_add (found, g_steal_pointer (&event));
    }
  return found;
}

static gboolean
listed (GPtrArray *events,
        CrmEvent  *event)
{
  if (crm_event_is_occurrence (event))
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    if (crm_event_get_id (g_ptr_array_index (events, i)) == crm_event_get_id (event))
      return TRUE;
  return FALSE;
}

/* The day of @now: overdue open to-dos (oldest first), then the day's
 * occurrences by start. */
gboolean
crm_calendar_controller_load_today (CrmCalendarController  *self,
                                    GDateTime              *now,
                                    GError                **error)
{
  g_autoptr(GDateTime) day_start = NULL;
  g_autoptr(GDateTime) day_end = NULL;
  g_autoptr(GPtrArray) todos = NULL;
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  CrmEventScope scope;

  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  scope = scope_of (self, self->scope, self->scope_id);
  day_start = local_midnight (now);
  day_end = g_date_time_add_days (day_start, 1);
  if (!(todos = crm_event_store_list_open_todos (self->store, self->session, &scope, day_end, error)) ||
      !(day = read_occurrences (self, &scope, day_start, day_end, error)))
    return FALSE;
  plan = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < todos->len; i++)
    if (crm_event_is_overdue (g_ptr_array_index (todos, i), now))
      g_ptr_array_add (plan, g_object_ref (g_ptr_array_index (todos, i)));
  for (guint i = 0; i < day->len; i++)
    if (!listed (plan, g_ptr_array_index (day, i)))
      g_ptr_array_add (plan, g_object_ref (g_ptr_array_index (day, i)));
  replace_items (self->today_plan, plan);
  return TRUE;
}

/**
 * crm_calendar_controller_new_event_at:
 *
 * Returns: (transfer full): a draft, not saved
 */
CrmEvent *
crm_calendar_controller_new_event_at (CrmCalendarController *self,
                                      GDateTime             *start,
                                      gboolean               all_day)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  CrmEvent *event;

  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), NULL);
  g_return_val_if_fail (start != NULL, NULL);

  event = crm_event_new ();
  if (all_day)
    {
      from = local_midnight (start);
      to = g_date_time_add_days (from, 1);
      crm_event_set_kind (event, CRM_EVENT_KIND_TASK);
    }
  else
    {
      from = g_date_time_ref (start);
      to = g_date_time_add_hours (start, 1);
      crm_event_add_reminder (event, DEFAULT_REMINDER_MINUTES);
    }
  crm_event_set_all_day (event, all_day);
  crm_event_set_times (event, from, to);
  crm_event_set_owner_id (event, self->scope == CRM_CALENDAR_SCOPE_USER
                                 ? self->scope_id : crm_session_get_user_id (self->session));
  return event;
}

/* Creates or updates @event, then re-reads the range. */
gboolean
crm_calendar_controller_save (CrmCalendarController  *self,
                              CrmEvent               *event,
                              GError                **error)
{
  gboolean saved;

  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  g_return_val_if_fail (CRM_IS_EVENT (event), FALSE);

  if (crm_event_get_id (event) == 0)
    saved = crm_event_store_create (self->store, self->session, event, error) > 0;
  else
    saved = crm_event_store_update (self->store, self->session, event, error);
  return saved && crm_calendar_controller_reload (self, error);
}

/* Drag and drop: @event (an item of "events") now runs from @start to
 * @end; an occurrence moves its series by as much. */
gboolean
crm_calendar_controller_move (CrmCalendarController  *self,
                              CrmEvent               *event,
                              GDateTime              *start,
                              GDateTime              *end,
                              GError                **error)
{
  g_autoptr(CrmEvent) moved = NULL;
  g_autoptr(CrmEvent) series = NULL;

  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  g_return_val_if_fail (CRM_IS_EVENT (event), FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  moved = crm_event_copy (event);
  crm_event_set_times (moved, start, end);
  series = crm_event_to_series (moved);
  return crm_event_store_move (self->store, self->session, crm_event_get_id (event),
                               crm_event_get_start (series), crm_event_get_end (series), error) &&
         crm_calendar_controller_reload (self, error);
}

gboolean
crm_calendar_controller_set_done (CrmCalendarController  *self,
                                  CrmEvent               *event,
                                  gboolean                done,
                                  GError                **error)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  g_return_val_if_fail (CRM_IS_EVENT (event), FALSE);

  return crm_event_store_set_done (self->store, self->session, crm_event_get_id (event), done, error) &&
         crm_calendar_controller_reload (self, error);
}

gboolean
crm_calendar_controller_delete (CrmCalendarController  *self,
                                CrmEvent               *event,
                                GError                **error)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_CONTROLLER (self), FALSE);
  g_return_val_if_fail (CRM_IS_EVENT (event), FALSE);

  return crm_event_store_delete (self->store, self->session, crm_event_get_id (event), error) &&
         crm_calendar_controller_reload (self, error);
}
