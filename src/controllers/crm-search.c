/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-search.h"
#include "crm-search-result.h"
#include "crm-search-store.h"
#include "crm-text.h"

#define SEARCH_LIMIT 50

struct _CrmSearch
{
  GObject       parent_instance;

  CrmStore     *store;
  CrmSession   *session;
  CrmStore     *reader;        /* used by one worker at a time, under reader_lock */
  GMutex        reader_lock;
  GListStore   *results;
  GCancellable *cancellable;   /* of the query running now */
  char         *query;
  char         *message;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CrmSearch, crm_search, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SESSION,
  PROP_QUERY,
  PROP_BUSY,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CrmStore   *reader;
  CrmSession *session;
  char       *query;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_clear_object (&job->reader);
  g_clear_object (&job->session);
  g_free (job->query);
  g_free (job);
}

static void
set_busy (CrmSearch *self,
          gboolean   busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_message (CrmSearch  *self,
             const char *message)
{
  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

/* Worker thread: the reader is shared by successive jobs, so one at a time;
 * a cancelled job stops inside SQLite through the reader's progress check. */
static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CrmSearch *self = CRM_SEARCH (source_object);
  SearchJob *job = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;

  g_mutex_lock (&self->reader_lock);
  crm_store_set_cancellable (job->reader, cancellable);
  hits = g_cancellable_set_error_if_cancelled (cancellable, &error)
         ? NULL
         : crm_search_store_find (job->reader, job->session, job->query, SEARCH_LIMIT, &error);
  crm_store_set_cancellable (job->reader, NULL);
  g_mutex_unlock (&self->reader_lock);

  if (hits == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_hits (CrmSearch *self,
           GPtrArray *hits)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < hits->len; i++)
    {
      const CrmSearchHit *hit = g_ptr_array_index (hits, i);
      g_ptr_array_add (items, crm_search_result_new (hit->kind, hit->ref_id, hit->customer_id,
                                                     hit->code, hit->title));
    }
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);
  set_message (self, hits->len == 0
                     ? _("Nothing found. Names can be typed without tones: “nguyen van duc”.")
                     : NULL);
}

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CrmSearch *self = CRM_SEARCH (source);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = g_task_propagate_pointer (G_TASK (result), &error);
  /* A newer query has taken over: its own callback will report. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  set_busy (self, FALSE);
  if (hits == NULL)
    {
      g_list_store_remove_all (self->results);
      set_message (self, error->message);
      return;
    }
  show_hits (self, hits);
}

static gboolean
ensure_reader (CrmSearch *self)
{
  g_autoptr(GError) error = NULL;

  if (self->reader == NULL)
    self->reader = crm_store_open_reader (self->store, &error);
  if (self->reader == NULL)
    set_message (self, error->message);
  return self->reader != NULL;
}

static void
start_search (CrmSearch *self)
{
  g_autoptr(GTask) task = NULL;
  SearchJob *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (crm_text_is_blank (self->query) || !ensure_reader (self))
    {
      g_list_store_remove_all (self->results);
      if (crm_text_is_blank (self->query))
        set_message (self, NULL);
      set_busy (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  job = g_new0 (SearchJob, 1);
  job->reader = g_object_ref (self->reader);
  job->session = g_object_ref (self->session);
  job->query = g_strdup (self->query);
  task = g_task_new (self, self->cancellable, on_search_done_cb, NULL);
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, search_thread);
}

static void
crm_search_dispose (GObject *object)
{
  CrmSearch *self = CRM_SEARCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->results);
  g_clear_object (&self->reader);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_search_parent_class)->dispose (object);
}

static void
crm_search_finalize (GObject *object)
{
  CrmSearch *self = CRM_SEARCH (object);

  g_mutex_clear (&self->reader_lock);
  g_free (self->query);
  g_free (self->message);

  G_OBJECT_CLASS (crm_search_parent_class)->finalize (object);
}

static void
crm_search_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmSearch *self = CRM_SEARCH (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_search_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmSearch *self = CRM_SEARCH (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      crm_search_set_query (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_search_class_init (CrmSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_search_dispose;
  object_class->finalize = crm_search_finalize;
  object_class->get_property = crm_search_get_property;
  object_class->set_property = crm_search_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_search_init (CrmSearch *self)
{
  g_mutex_init (&self->reader_lock);
  self->results = g_list_store_new (CRM_TYPE_SEARCH_RESULT);
}

CrmSearch *
crm_search_new (CrmStore   *store,
                CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_SEARCH, "store", store, "session", session, NULL);
}

void
crm_search_set_query (CrmSearch  *self,
                      const char *query)
{
  g_return_if_fail (CRM_IS_SEARCH (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  start_search (self);
}

const char *
crm_search_get_query (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);
  return self->query;
}

GListModel *
crm_search_get_results (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);
  return G_LIST_MODEL (self->results);
}

gboolean
crm_search_get_busy (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), FALSE);
  return self->busy;
}

const char *
crm_search_get_message (CrmSearch *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH (self), NULL);
  return self->message;
}
