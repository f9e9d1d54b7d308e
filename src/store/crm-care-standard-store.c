/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-care-standard-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-care-standard-store.h"
#include "crm-store-private.h"
#include "crm-text.h"

/* The care standards a manager sets per customer group (see the header);
 * the tasks they make are written by crm-care-generator.c. */

G_DEFINE_BOXED_TYPE (CrmCareStandard, crm_care_standard, crm_care_standard_copy, crm_care_standard_free)

static const char *const trigger_names[CRM_CARE_N_TRIGGERS] = {
  "contract_signed", "order_delivered", "periodic", "customer_created",
};

static const char *const action_names[CRM_CARE_STANDARD_N_ACTIONS] = {
  "thanks", "care_call", "survey", "visit", "other",
};

/* The value object ----------------------------------------------------------- */

CrmCareStandard *
crm_care_standard_new (void)
{
  CrmCareStandard *self = g_new0 (CrmCareStandard, 1);

  self->trigger = CRM_CARE_TRIGGER_CONTRACT_SIGNED;
  self->action = CRM_CARE_STANDARD_ACTION_THANKS;
  self->active = TRUE;
  return self;
}

CrmCareStandard *
crm_care_standard_copy (const CrmCareStandard *self)
{
  CrmCareStandard *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->category_name = g_strdup (self->category_name);
  copy->name = g_strdup (self->name);
  copy->created_at = g_strdup (self->created_at);
  return copy;
}

void
crm_care_standard_free (CrmCareStandard *self)
{
  if (self == NULL)
    return;
  g_free (self->category_name);
  g_free (self->name);
  g_free (self->created_at);
  g_free (self);
}

const char *
crm_care_trigger_to_string (CrmCareTrigger trigger)
{
  return (guint) trigger < CRM_CARE_N_TRIGGERS ? trigger_names[trigger] : NULL;
}

gboolean
crm_care_trigger_from_string (const char     *text,
                              CrmCareTrigger *trigger)
{
  for (guint i = 0; i < CRM_CARE_N_TRIGGERS; i++)
    if (g_strcmp0 (text, trigger_names[i]) == 0)
      {
        *trigger = (CrmCareTrigger) i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_care_standard_action_to_string (CrmCareStandardAction action)
{
  return (guint) action < CRM_CARE_STANDARD_N_ACTIONS ? action_names[action] : NULL;
}

gboolean
crm_care_standard_action_from_string (const char            *text,
                                      CrmCareStandardAction *action)
{
  for (guint i = 0; i < CRM_CARE_STANDARD_N_ACTIONS; i++)
    if (g_strcmp0 (text, action_names[i]) == 0)
      {
        *action = (CrmCareStandardAction) i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_care_trigger_label (CrmCareTrigger trigger)
{
  switch (trigger)
    {
    case CRM_CARE_TRIGGER_CONTRACT_SIGNED:
      return _("Contract signed");
    case CRM_CARE_TRIGGER_ORDER_DELIVERED:
      return _("Order delivered");
    case CRM_CARE_TRIGGER_PERIODIC:
      return _("Periodic");
    case CRM_CARE_TRIGGER_CUSTOMER_CREATED:
      return _("New customer");
    default:
      return "";
    }
}

const char *
crm_care_standard_action_label (CrmCareStandardAction action)
{
  switch (action)
    {
    case CRM_CARE_STANDARD_ACTION_THANKS:
      return _("Thank-you call");
    case CRM_CARE_STANDARD_ACTION_CARE_CALL:
      return _("Care call");
    case CRM_CARE_STANDARD_ACTION_SURVEY:
      return _("Satisfaction survey");
    case CRM_CARE_STANDARD_ACTION_VISIT:
      return _("Customer visit");
    case CRM_CARE_STANDARD_ACTION_OTHER:
      return _("Other care action");
    default:
      return "";
    }
}

char *
crm_care_standard_describe_schedule (const CrmCareStandard *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->trigger)
    {
    case CRM_CARE_TRIGGER_CONTRACT_SIGNED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after a contract is signed",
                                           "%d days after a contract is signed", self->offset_days),
                              self->offset_days);
    case CRM_CARE_TRIGGER_ORDER_DELIVERED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after an order is delivered",
                                           "%d days after an order is delivered", self->offset_days),
                              self->offset_days);
    case CRM_CARE_TRIGGER_CUSTOMER_CREATED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day after the customer is added",
                                           "%d days after the customer is added", self->offset_days),
                              self->offset_days);
    case CRM_CARE_TRIGGER_PERIODIC:
      if (self->offset_days > 0)
        return g_strdup_printf (_("Every %d days, starting %d days later"), self->every_days,
                                self->offset_days);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d day", "Every %d days", self->every_days),
                              self->every_days);
    default:
      return g_strdup ("");
    }
}

static gboolean
set_invalid (GError             **error,
             CrmValidationError   code,
             const char          *message)
{
  g_set_error_literal (error, CRM_VALIDATION_ERROR, code, message);
  return FALSE;
}

gboolean
crm_care_standard_validate (CrmCareStandard  *self,
                            GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->name != NULL)
    g_strstrip (self->name);
  if (crm_text_is_blank (self->name))
    return set_invalid (error, CRM_VALIDATION_ERROR_REQUIRED, _("Give the care standard a name."));
  if (crm_care_trigger_to_string (self->trigger) == NULL)
    return set_invalid (error, CRM_VALIDATION_ERROR_RANGE, _("Choose what starts the care standard."));
  if (crm_care_standard_action_to_string (self->action) == NULL)
    return set_invalid (error, CRM_VALIDATION_ERROR_RANGE, _("Choose the care action."));
  if (self->offset_days < 0 || self->offset_days > CRM_CARE_MAX_DAYS)
    return set_invalid (error, CRM_VALIDATION_ERROR_RANGE,
                        _("The number of days after the start must be between 0 and 3650."));
  if (self->trigger != CRM_CARE_TRIGGER_PERIODIC)
    self->every_days = 0;
  else if (self->every_days < 1 || self->every_days > CRM_CARE_MAX_DAYS)
    return set_invalid (error, CRM_VALIDATION_ERROR_RANGE,
                        _("A periodic standard repeats every 1 to 3650 days."));
  return TRUE;
}

/* Reading --------------------------------------------------------------------- */

#define STANDARD_SQL \
  "SELECT s.id, s.category_id, k.name, s.name, s.trigger_kind, s.offset_days, " \
  "  coalesce (s.every_days, 0), s.action_kind, s.active, s.created_at " \
  "FROM care_standards s LEFT JOIN categories k ON k.id = s.category_id " \
  "WHERE " CRM_ACTIVE_VIEWER " "

static CrmCareStandard *
standard_from_stmt (sqlite3_stmt *stmt)
{
  CrmCareStandard *standard = crm_care_standard_new ();

  standard->id = sqlite3_column_int64 (stmt, 0);
  standard->category_id = sqlite3_column_int64 (stmt, 1);
  standard->category_name = _crm_column_text (stmt, 2);
  standard->name = _crm_column_text (stmt, 3);
  crm_care_trigger_from_string ((const char *) sqlite3_column_text (stmt, 4), &standard->trigger);
  standard->offset_days = sqlite3_column_int (stmt, 5);
  standard->every_days = sqlite3_column_int (stmt, 6);
  crm_care_standard_action_from_string ((const char *) sqlite3_column_text (stmt, 7), &standard->action);
  standard->active = sqlite3_column_int (stmt, 8) != 0;
  standard->created_at = _crm_column_text (stmt, 9);
  return standard;
}

static GPtrArray *
collect_standards (CrmStore      *store,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GPtrArray) standards = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_care_standard_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (standards, standard_from_stmt (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&standards);
}

/**
 * crm_care_standard_store_list:
 *
 * Returns: (transfer full) (element-type CrmCareStandard): the standards.
 */
GPtrArray *
crm_care_standard_store_list (CrmStore    *store,
                              CrmSession  *session,
                              gboolean     include_inactive,
                              GError     **error)
{
  static const char sql[] =
    STANDARD_SQL "AND (:all = 1 OR s.active = 1) "
    "ORDER BY (s.category_id IS NOT NULL), k.sort_key, k.id, s.active DESC, s.name, s.id";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  _crm_bind_int64 (stmt, ":all", include_inactive ? 1 : 0);
  return collect_standards (store, stmt, error);
}

/**
 * crm_care_standard_store_get:
 *
 * Returns: (transfer full): the standard, or %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND.
 */
CrmCareStandard *
crm_care_standard_store_get (CrmStore    *store,
                             CrmSession  *session,
                             gint64       id,
                             GError     **error)
{
  static const char sql[] = STANDARD_SQL "AND s.id = :id";
  g_autoptr(GPtrArray) standards = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  _crm_bind_int64 (stmt, ":id", id);
  if (!(standards = collect_standards (store, stmt, error)))
    return NULL;
  if (standards->len == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This care standard no longer exists."));
      return NULL;
    }
  return g_steal_pointer (&g_ptr_array_index (standards, 0));
}

/* Writing --------------------------------------------------------------------- */

static gboolean
require_editor (CrmStore    *store,
                CrmSession  *session,
                GError     **error)
{
  if (!_crm_store_require_active (store, session, error))
    return FALSE;
  if (crm_session_get_role (session) != CRM_ROLE_STAFF)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only a manager or an administrator may change the care standards."));
  return FALSE;
}

static gboolean
require_category (CrmStore  *store,
                  gint64     category_id,
                  GError   **error)
{
  static const char sql[] = "SELECT count(*) FROM categories WHERE id = :id";
  sqlite3_stmt *stmt;
  gint64 n = 0;
  int rc;

  if (category_id <= 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", category_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (n > 0)
    return TRUE;
  g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                       _("The customer group of this care standard no longer exists."));
  return FALSE;
}

static void
bind_standard (sqlite3_stmt          *stmt,
               const CrmCareStandard *standard,
               const char            *now)
{
  _crm_bind_id (stmt, ":category", standard->category_id);
  _crm_bind_text (stmt, ":name", standard->name);
  _crm_bind_text (stmt, ":trigger", crm_care_trigger_to_string (standard->trigger));
  _crm_bind_int64 (stmt, ":offset", standard->offset_days);
  _crm_bind_id (stmt, ":every", standard->every_days);
  _crm_bind_text (stmt, ":action", crm_care_standard_action_to_string (standard->action));
  _crm_bind_int64 (stmt, ":active", standard->active ? 1 : 0);
  _crm_bind_text (stmt, ":now", now);
}

static gint64
insert_standard (CrmStore         *store,
                 CrmSession       *session,
                 CrmCareStandard  *standard,
                 GError          **error)
{
  static const char sql[] =
    "INSERT INTO care_standards (category_id, name, trigger_kind, offset_days, every_days, action_kind, "
    "  active, created_at, updated_at, created_by) "
    "VALUES (:category, :name, :trigger, :offset, :every, :action, :active, :now, :now, :user)";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  gint64 id;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  bind_standard (stmt, standard, now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  if (!_crm_store_audit (store, session, "create", "care_standard", id, NULL, NULL, standard->name, error))
    return 0;
  g_free (standard->created_at);
  standard->created_at = g_steal_pointer (&now);
  return id;
}

gint64
crm_care_standard_store_create (CrmStore         *store,
                                CrmSession       *session,
                                CrmCareStandard  *standard,
                                GError          **error)
{
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (standard != NULL, 0);

  if (!require_editor (store, session, error) || !crm_care_standard_validate (standard, error) ||
      !_crm_store_begin (store, error))
    return 0;
  if (!require_category (store, standard->category_id, error) ||
      !(id = insert_standard (store, session, standard, error)) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  standard->id = id;
  return id;
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* One audit row per field that differs between @old and @new. */
static gboolean
audit_changes (CrmStore               *store,
               CrmSession             *session,
               const CrmCareStandard  *old,
               const CrmCareStandard  *new,
               GError                **error)
{
  struct { const char *field; char *old_value; char *new_value; } fields[] = {
    { "category_id", int_text (old->category_id), int_text (new->category_id) },
    { "name", g_strdup (old->name), g_strdup (new->name) },
    { "trigger_kind", g_strdup (crm_care_trigger_to_string (old->trigger)),
      g_strdup (crm_care_trigger_to_string (new->trigger)) },
    { "offset_days", int_text (old->offset_days), int_text (new->offset_days) },
    { "every_days", int_text (old->every_days), int_text (new->every_days) },
    { "action_kind", g_strdup (crm_care_standard_action_to_string (old->action)),
      g_strdup (crm_care_standard_action_to_string (new->action)) },
    { "active", int_text (old->active), int_text (new->active) },
  };
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (ok && g_strcmp0 (fields[i].old_value, fields[i].new_value) != 0)
        ok = _crm_store_audit (store, session, "update", "care_standard", new->id, fields[i].field,
                               fields[i].old_value, fields[i].new_value, error);
      g_free (fields[i].old_value);
      g_free (fields[i].new_value);
    }
  return ok;
}

static gboolean
write_update (CrmStore               *store,
              CrmSession             *session,
              const CrmCareStandard  *standard,
              GError                **error)
{
  static const char sql[] =
    "UPDATE care_standards SET category_id = :category, name = :name, trigger_kind = :trigger, "
    "  offset_days = :offset, every_days = :every, action_kind = :action, active = :active, "
    "  updated_at = :now "
    "WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_standard (stmt, standard, now);
  _crm_bind_int64 (stmt, ":id", standard->id);
  return _crm_store_step_done (store, stmt, error);
}

/* Writes @standard over the stored one inside the caller's transaction. */
static gboolean
update_in_transaction (CrmStore               *store,
                       CrmSession             *session,
                       const CrmCareStandard  *standard,
                       GError                **error)
{
  g_autoptr(CrmCareStandard) old = NULL;

  if (!(old = crm_care_standard_store_get (store, session, standard->id, error)) ||
      !require_category (store, standard->category_id, error))
    return FALSE;
  return write_update (store, session, standard, error) &&
         audit_changes (store, session, old, standard, error);
}

gboolean
crm_care_standard_store_update (CrmStore         *store,
                                CrmSession       *session,
                                CrmCareStandard  *standard,
                                GError          **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (standard != NULL, FALSE);

  if (!require_editor (store, session, error) || !crm_care_standard_validate (standard, error) ||
      !_crm_store_begin (store, error))
    return FALSE;
  if (!update_in_transaction (store, session, standard, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_care_standard_store_set_active (CrmStore    *store,
                                    CrmSession  *session,
                                    gint64       id,
                                    gboolean     active,
                                    GError     **error)
{
  g_autoptr(CrmCareStandard) standard = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_editor (store, session, error) ||
      !(standard = crm_care_standard_store_get (store, session, id, error)))
    return FALSE;
  if (standard->active == !!active)
    return TRUE;
  standard->active = !!active;
  return crm_care_standard_store_update (store, session, standard, error);
}
