/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-opportunity-store"

#include "config.h"

#include "crm-opportunity-store.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-contact-store.h"
#include "crm-error.h"
#include "crm-store-private.h"
#include "crm-text.h"

/* Opportunities: the sales funnel.  A stage move stamps won_at or lost_at
 * (and clears them when a deal is reopened), needs a reason to lose, and
 * moves the probability to the stage's default unless the user chose one
 * (crm_opportunity_probability_for_stage()).  Every change bumps
 * row_version, so an editor opened before it cannot save over it; every
 * write is audited in its own transaction.
 *
 * Who: as quotes.  An opportunity is read by whoever sees its customer
 * (CRM_VISIBLE_CUSTOMER) and its owner's transactions
 * (CRM_VISIBLE_TRANSACTION); refused reads look like missing records.
 * Staff change their own opportunities and any of the customers assigned
 * to them, and own what they create; managers and administrators change
 * any they see and give it to any active user.  Deleting needs
 * CRM_PERMISSION_DELETE. */

#define OPPORTUNITY_COLUMNS \
  "o.id, o.customer_id, o.owner_id, o.title, o.stage, o.lost_reason, o.expected_value, " \
  "o.probability_bp, o.expected_close, o.campaign_id, o.row_version, c.code, c.full_name, " \
  "u.full_name, o.won_at, o.lost_at, o.created_at, o.updated_at, c.assigned_to "

#define OPPORTUNITY_FROM \
  "FROM opportunities o JOIN customers c ON c.id = o.customer_id " \
  "LEFT JOIN users u ON u.id = o.owner_id "

/* The reading rule above, for rows aliased o and c; bind with
 * _crm_store_bind_viewer(). */
#define VISIBLE_OPPORTUNITY \
  "(c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " AND " \
  CRM_VISIBLE_TRANSACTION ("c", "o.owner_id") ")"

/* The list filter; :search is folded in C, the title by the function
 * below (SQLite's lower() and LIKE know only ASCII). */
#define FILTER_WHERE \
  "(:stage IS NULL OR o.stage = :stage) AND (:owner IS NULL OR o.owner_id = :owner) AND " \
  "(:search IS NULL OR instr (c.folded_name, :search) > 0 OR " \
  " instr (crm_opportunity_fold (o.title), :search) > 0)"

/* Open deals by their expected close, soonest first (none last), then
 * the decided ones; the id keeps pages from overlapping. */
#define ORDER_BY "ORDER BY o.expected_close IS NULL, o.expected_close, o.id"

#define FOLD_KEY "crm-opportunity-fold-db"

/* Filters ------------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (CrmOpportunityFilter, crm_opportunity_filter,
                     crm_opportunity_filter_copy, crm_opportunity_filter_free)

CrmOpportunityFilter *
crm_opportunity_filter_new (void)
{
  CrmOpportunityFilter *self = g_new0 (CrmOpportunityFilter, 1);

  self->stage = -1;
  return self;
}

CrmOpportunityFilter *
crm_opportunity_filter_copy (const CrmOpportunityFilter *self)
{
  CrmOpportunityFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->search = g_strdup (self->search);
  return copy;
}

void
crm_opportunity_filter_free (CrmOpportunityFilter *self)
{
  if (self == NULL)
    return;
  g_free (self->search);
  g_free (self);
}

gboolean
crm_opportunity_filter_equal (const CrmOpportunityFilter *a,
                              const CrmOpportunityFilter *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->stage == b->stage && a->owner_id == b->owner_id &&
         (g_strcmp0 (a->search, b->search) == 0 || (crm_text_is_blank (a->search) && crm_text_is_blank (b->search)));
}

/* crm_opportunity_fold (text): crm_text_fold() in SQL, for the search. */
static void
fold_function (sqlite3_context  *context,
               int               n_args,
               sqlite3_value   **args)
{
  g_autofree char *folded = crm_text_fold ((const char *) sqlite3_value_text (args[0]));

  sqlite3_result_text (context, folded, -1, SQLITE_TRANSIENT);
}

/* Registers the fold function once per connection (a reader made for an
 * export is a store of its own). */
static gboolean
ensure_fold_function (CrmStore  *store,
                      GError   **error)
{
  sqlite3 *db = _crm_store_get_db (store);
  int rc;

  if (g_object_get_data (G_OBJECT (store), FOLD_KEY) == db)
    return TRUE;
  rc = sqlite3_create_function_v2 (db, "crm_opportunity_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   NULL, fold_function, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  g_object_set_data (G_OBJECT (store), FOLD_KEY, db);
  return TRUE;
}

static void
bind_filter (sqlite3_stmt               *stmt,
             const CrmOpportunityFilter *filter)
{
  g_autofree char *folded = NULL;

  if (filter != NULL && !crm_text_is_blank (filter->search))
    folded = crm_text_fold (filter->search);
  _crm_bind_text (stmt, ":stage", filter != NULL && filter->stage >= 0
                                  ? crm_opportunity_stage_to_string ((CrmOpportunityStage) filter->stage)
                                  : NULL);
  _crm_bind_id (stmt, ":owner", filter != NULL ? filter->owner_id : 0);
  _crm_bind_text (stmt, ":search", folded != NULL && *folded != '\0' ? folded : NULL);
}

/* Reading ------------------------------------------------------------------- */

static CrmOpportunity *
opportunity_from_row (sqlite3_stmt *stmt,
                      gint64       *assigned_to)
{
  CrmOpportunity *self = crm_opportunity_new ();

  self->id = sqlite3_column_int64 (stmt, 0);
  self->customer_id = sqlite3_column_int64 (stmt, 1);
  self->owner_id = sqlite3_column_int64 (stmt, 2);
  self->title = _crm_column_text (stmt, 3);
  crm_opportunity_stage_from_string ((const char *) sqlite3_column_text (stmt, 4), &self->stage);
  self->lost_reason = _crm_column_text (stmt, 5);
  self->expected_value = sqlite3_column_int64 (stmt, 6);
  self->probability_bp = sqlite3_column_int (stmt, 7);
  self->expected_close = _crm_column_text (stmt, 8);
  self->campaign_id = sqlite3_column_int64 (stmt, 9);
  self->row_version = sqlite3_column_int64 (stmt, 10);
  self->customer_code = _crm_column_text (stmt, 11);
  self->customer_name = _crm_column_text (stmt, 12);
  self->owner_name = _crm_column_text (stmt, 13);
  self->won_at = _crm_column_text (stmt, 14);
  self->lost_at = _crm_column_text (stmt, 15);
  self->created_at = _crm_column_text (stmt, 16);
  self->updated_at = _crm_column_text (stmt, 17);
  if (assigned_to != NULL)
    *assigned_to = sqlite3_column_int64 (stmt, 18);
  return self;
}

static GPtrArray *
collect (CrmStore      *store,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_opportunity_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, opportunity_from_row (stmt, NULL));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("This opportunity does not exist or is not yours to see."));
}

/* The opportunity if @session may read it, and its customer's assigned
 * staff for the caller's rights check. */
static CrmOpportunity *
load_visible (CrmStore    *store,
              CrmSession  *session,
              gint64       opportunity_id,
              gint64      *assigned_to,
              GError     **error)
{
  static const char sql[] =
    "SELECT " OPPORTUNITY_COLUMNS OPPORTUNITY_FROM "WHERE o.id = :id AND " VISIBLE_OPPORTUNITY;
  g_autoptr(CrmOpportunity) opportunity = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", opportunity_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    opportunity = opportunity_from_row (stmt, assigned_to);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  if (opportunity == NULL)
    set_not_found (error);
  return g_steal_pointer (&opportunity);
}

/**
 * crm_opportunity_store_get:
 *
 * Returns: (transfer full): the opportunity with its customer's and
 *   owner's names, or %NULL with %CRM_STORE_ERROR_NOT_FOUND when it does
 *   not exist or @session may not read it.
 */
CrmOpportunity *
crm_opportunity_store_get (CrmStore    *store,
                           CrmSession  *session,
                           gint64       opportunity_id,
                           GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return load_visible (store, session, opportunity_id, NULL, error);
}

/* Rights --------------------------------------------------------------------- */

static gboolean
is_staff (CrmSession *session)
{
  return crm_session_get_role (session) == CRM_ROLE_STAFF;
}

/* Staff change their own opportunities and those of their own customers. */
static gboolean
require_editor (CrmSession            *session,
                const CrmOpportunity  *opportunity,
                gint64                 assigned_to,
                GError               **error)
{
  gint64 user_id = crm_session_get_user_id (session);

  if (!is_staff (session) || opportunity->owner_id == user_id || assigned_to == user_id)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only the opportunity's owner, the customer's assigned staff, a manager or an administrator may change this opportunity."));
  return FALSE;
}

static CrmOpportunity *
load_for_change (CrmStore    *store,
                 CrmSession  *session,
                 gint64       opportunity_id,
                 GError     **error)
{
  g_autoptr(CrmOpportunity) current = NULL;
  gint64 assigned_to = 0;

  if (!(current = load_visible (store, session, opportunity_id, &assigned_to, error)) ||
      !require_editor (session, current, assigned_to, error))
    return NULL;
  return g_steal_pointer (&current);
}

/* The owner @session gives the opportunity: staff only themselves,
 * managers and administrators any active user; its name in *@name. */
static gboolean
check_owner (CrmStore    *store,
             CrmSession  *session,
             gint64       owner_id,
             gint64       current_owner,
             char       **name,
             GError     **error)
{
  static const char sql[] = "SELECT full_name FROM users WHERE id = :id AND active = 1";
  sqlite3_stmt *stmt;
  int rc;

  if (is_staff (session) && owner_id != crm_session_get_user_id (session) && owner_id != current_owner)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Only a manager or an administrator may give an opportunity to someone else."));
      return FALSE;
    }
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", owner_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *name = _crm_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE && owner_id != current_owner)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("Choose an active user as the opportunity's owner."));
      return FALSE;
    }
  return TRUE;
}

/* Writing helpers ---------------------------------------------------------------- */

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static char *
id_text (gint64 id)
{
  return id > 0 ? int_text (id) : NULL;
}

/* The decision dates that go with @stage: kept when the deal stays won
 * (or lost), stamped now when it becomes so, cleared when it is not. */
static void
stamp_stage (CrmOpportunity       *target,
             const CrmOpportunity *current,
             const char           *now)
{
  gboolean was_won = current != NULL && current->stage == CRM_OPPORTUNITY_STAGE_WON;
  gboolean was_lost = current != NULL && current->stage == CRM_OPPORTUNITY_STAGE_LOST;

  g_clear_pointer (&target->won_at, g_free);
  g_clear_pointer (&target->lost_at, g_free);
  if (target->stage == CRM_OPPORTUNITY_STAGE_WON)
    target->won_at = g_strdup (was_won && current->won_at ? current->won_at : now);
  else if (target->stage == CRM_OPPORTUNITY_STAGE_LOST)
    target->lost_at = g_strdup (was_lost && current->lost_at ? current->lost_at : now);
  if (target->stage != CRM_OPPORTUNITY_STAGE_LOST)
    g_clear_pointer (&target->lost_reason, g_free);
}

static void
bind_fields (sqlite3_stmt         *stmt,
             const CrmOpportunity *opportunity)
{
  _crm_bind_int64 (stmt, ":customer", opportunity->customer_id);
  _crm_bind_id (stmt, ":owner", opportunity->owner_id);
  _crm_bind_text (stmt, ":title", opportunity->title);
  _crm_bind_text (stmt, ":stage", crm_opportunity_stage_to_string (opportunity->stage));
  _crm_bind_text (stmt, ":reason", opportunity->lost_reason);
  _crm_bind_int64 (stmt, ":value", opportunity->expected_value);
  _crm_bind_int64 (stmt, ":probability", opportunity->probability_bp);
  _crm_bind_text (stmt, ":close", opportunity->expected_close);
  _crm_bind_id (stmt, ":campaign", opportunity->campaign_id);
  _crm_bind_text (stmt, ":won", opportunity->won_at);
  _crm_bind_text (stmt, ":lost", opportunity->lost_at);
}

/* Swaps the caller's copy with the one written, once it is committed. */
static void
hand_back (CrmOpportunity *target,
           CrmOpportunity *written)
{
  CrmOpportunity old = *target;

  *target = *written;
  *written = old;
}

static gboolean
check_campaign (CrmStore              *store,
                const CrmOpportunity  *opportunity,
                GError               **error)
{
  static const char sql[] = "SELECT EXISTS (SELECT 1 FROM campaigns WHERE id = :id)";
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  if (opportunity->campaign_id <= 0)
    return TRUE;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", opportunity->campaign_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  if (!found)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("This campaign no longer exists."));
      return FALSE;
    }
  return TRUE;
}

/* Creating ------------------------------------------------------------------------ */

static gboolean
write_create (CrmStore        *store,
              CrmSession      *session,
              CrmOpportunity  *opportunity,
              GError         **error)
{
  static const char sql[] =
    "INSERT INTO opportunities (customer_id, owner_id, title, stage, lost_reason, expected_value, "
    "  probability_bp, expected_close, campaign_id, won_at, lost_at, row_version, created_at, "
    "  updated_at, created_by) "
    "VALUES (:customer, :owner, :title, :stage, :reason, :value, :probability, :close, :campaign, "
    "  :won, :lost, 1, :now, :now, :user)";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *owner_name = NULL;
  sqlite3_stmt *stmt;

  g_clear_pointer (&opportunity->customer_name, g_free);
  g_clear_pointer (&opportunity->customer_code, g_free);
  if (opportunity->owner_id <= 0)
    opportunity->owner_id = crm_session_get_user_id (session);
  if (!_crm_contact_store_require_customer (store, session, opportunity->customer_id,
                                            &opportunity->customer_name, &opportunity->customer_code, error) ||
      !check_owner (store, session, opportunity->owner_id, 0, &owner_name, error) ||
      !check_campaign (store, opportunity, error))
    return FALSE;
  stamp_stage (opportunity, NULL, now);
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_fields (stmt, opportunity);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  opportunity->id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  if (!_crm_store_audit (store, session, "create", "opportunity", opportunity->id, NULL, NULL,
                         opportunity->title, error))
    return FALSE;
  opportunity->row_version = 1;
  g_free (opportunity->owner_name);
  opportunity->owner_name = g_steal_pointer (&owner_name);
  g_free (opportunity->created_at);
  opportunity->created_at = g_strdup (now);
  g_free (opportunity->updated_at);
  opportunity->updated_at = g_strdup (now);
  return TRUE;
}

/**
 * crm_opportunity_store_create:
 * @opportunity: (inout): the new opportunity (id 0), validated and
 *   normalised; on success it gets its id, owner (the signed-in user when
 *   none was given), decision date and the names the store reads; on
 *   failure it is left as it was
 *
 * Makes an opportunity with a customer @session may see, audited, all or
 * nothing.  Staff own what they create.
 *
 * Returns: the new id, or 0 on error (%CRM_VALIDATION_ERROR,
 *   %CRM_PERMISSION_ERROR, %CRM_STORE_ERROR).
 */
gint64
crm_opportunity_store_create (CrmStore        *store,
                              CrmSession      *session,
                              CrmOpportunity  *opportunity,
                              GError         **error)
{
  g_autoptr(CrmOpportunity) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (opportunity != NULL, 0);
  g_return_val_if_fail (opportunity->id == 0, 0);

  draft = crm_opportunity_copy (opportunity);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_opportunity_validate (draft, error) || !_crm_store_begin (store, error))
    return 0;
  if (!write_create (store, session, draft, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return 0;
    }
  hand_back (opportunity, draft);
  return opportunity->id;
}

/* Saving --------------------------------------------------------------------------- */

static gboolean
audit_changes (CrmStore              *store,
               CrmSession            *session,
               const CrmOpportunity  *old,
               const CrmOpportunity  *new,
               GError               **error)
{
  g_autofree char *old_customer = id_text (old->customer_id);
  g_autofree char *new_customer = id_text (new->customer_id);
  g_autofree char *old_owner = id_text (old->owner_id);
  g_autofree char *new_owner = id_text (new->owner_id);
  g_autofree char *old_value = int_text (old->expected_value);
  g_autofree char *new_value = int_text (new->expected_value);
  g_autofree char *old_probability = int_text (old->probability_bp);
  g_autofree char *new_probability = int_text (new->probability_bp);
  g_autofree char *old_campaign = id_text (old->campaign_id);
  g_autofree char *new_campaign = id_text (new->campaign_id);
  const char *fields[][3] = {
    { "customer_id", old_customer, new_customer },
    { "owner_id", old_owner, new_owner },
    { "title", old->title, new->title },
    { "stage", crm_opportunity_stage_to_string (old->stage), crm_opportunity_stage_to_string (new->stage) },
    { "lost_reason", old->lost_reason, new->lost_reason },
    { "expected_value", old_value, new_value },
    { "probability_bp", old_probability, new_probability },
    { "expected_close", old->expected_close, new->expected_close },
    { "campaign_id", old_campaign, new_campaign },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *action = g_str_equal (fields[i][0], "stage") ? "status" : "update";

      if (g_strcmp0 (fields[i][1], fields[i][2]) != 0 &&
          !_crm_store_audit (store, session, action, "opportunity", new->id, fields[i][0],
                             fields[i][1], fields[i][2], error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_content (const CrmOpportunity *a,
              const CrmOpportunity *b)
{
  return a->customer_id == b->customer_id && a->owner_id == b->owner_id &&
         g_strcmp0 (a->title, b->title) == 0 && a->stage == b->stage &&
         g_strcmp0 (a->lost_reason, b->lost_reason) == 0 && a->expected_value == b->expected_value &&
         a->probability_bp == b->probability_bp && g_strcmp0 (a->expected_close, b->expected_close) == 0 &&
         a->campaign_id == b->campaign_id;
}

static gboolean
update_row (CrmStore              *store,
            const CrmOpportunity  *opportunity,
            gint64                 version,
            const char            *now,
            GError               **error)
{
  static const char sql[] =
    "UPDATE opportunities SET customer_id = :customer, owner_id = :owner, title = :title, "
    "  stage = :stage, lost_reason = :reason, expected_value = :value, probability_bp = :probability, "
    "  expected_close = :close, campaign_id = :campaign, won_at = :won, lost_at = :lost, "
    "  row_version = row_version + 1, updated_at = :now "
    "WHERE id = :id AND row_version = :version";
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  bind_fields (stmt, opportunity);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", opportunity->id);
  _crm_bind_int64 (stmt, ":version", version);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_get_db (store)) != 1)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT,
                   _("The opportunity “%s” was changed by someone else after you opened it. Your changes were not saved; reopen it to see theirs."),
                   opportunity->title);
      return FALSE;
    }
  return TRUE;
}

/* Writes @target over @current (both checked), stamping the stage dates;
 * @target gets the new row_version and the names. */
static gboolean
write_over (CrmStore              *store,
            CrmSession            *session,
            CrmOpportunity        *target,
            const CrmOpportunity  *current,
            gint64                 version,
            GError               **error)
{
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *owner_name = NULL;

  if (target->customer_id != current->customer_id)
    {
      g_clear_pointer (&target->customer_name, g_free);
      g_clear_pointer (&target->customer_code, g_free);
      if (!_crm_contact_store_require_customer (store, session, target->customer_id,
                                                &target->customer_name, &target->customer_code, error))
        return FALSE;
    }
  else
    {
      g_free (target->customer_name);
      target->customer_name = g_strdup (current->customer_name);
      g_free (target->customer_code);
      target->customer_code = g_strdup (current->customer_code);
    }
  if (target->owner_id <= 0)
    target->owner_id = current->owner_id;
  if (!check_owner (store, session, target->owner_id, current->owner_id, &owner_name, error) ||
      !check_campaign (store, target, error))
    return FALSE;
  stamp_stage (target, current, now);
  if (!update_row (store, target, version, now, error) ||
      !audit_changes (store, session, current, target, error))
    return FALSE;
  target->row_version = current->row_version + 1;
  g_free (target->owner_name);
  target->owner_name = g_steal_pointer (&owner_name);
  g_free (target->created_at);
  target->created_at = g_strdup (current->created_at);
  g_free (target->updated_at);
  target->updated_at = g_strdup (now);
  return TRUE;
}

static gboolean
write_save (CrmStore        *store,
            CrmSession      *session,
            CrmOpportunity  *opportunity,
            GError         **error)
{
  g_autoptr(CrmOpportunity) current = NULL;

  if (!(current = load_for_change (store, session, opportunity->id, error)))
    return FALSE;
  if (current->row_version != opportunity->row_version)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT,
                   _("The opportunity “%s” was changed by someone else after you opened it. Your changes were not saved; reopen it to see theirs."),
                   current->title);
      return FALSE;
    }
  if (opportunity->owner_id <= 0)
    opportunity->owner_id = current->owner_id;
  if (same_content (current, opportunity))
    {
      CrmOpportunity *copy = crm_opportunity_copy (current);

      hand_back (opportunity, copy);
      crm_opportunity_free (copy);
      return TRUE;
    }
  return write_over (store, session, opportunity, current, opportunity->row_version, error);
}

/**
 * crm_opportunity_store_save:
 * @opportunity: (inout): the edited opportunity with the row_version it
 *   was read at; on success it gets the new row_version and the stored
 *   names and dates; on failure it is left as it was
 *
 * Saves every field (the stage too, with its dates as a move would set
 * them), one audit row per changed field, all or nothing; an unchanged
 * opportunity writes nothing.  Refused with %CRM_STORE_ERROR_CONFLICT when
 * someone saved it since it was read, %CRM_STORE_ERROR_NOT_FOUND when it
 * is gone or not visible, %CRM_PERMISSION_ERROR for a user who may not
 * change it and %CRM_VALIDATION_ERROR for bad input.
 */
gboolean
crm_opportunity_store_save (CrmStore        *store,
                            CrmSession      *session,
                            CrmOpportunity  *opportunity,
                            GError         **error)
{
  g_autoptr(CrmOpportunity) draft = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (opportunity != NULL, FALSE);
  g_return_val_if_fail (opportunity->id > 0, FALSE);

  draft = crm_opportunity_copy (opportunity);
  if (!_crm_store_require_active (store, session, error) ||
      !crm_opportunity_validate (draft, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_save (store, session, draft, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  hand_back (opportunity, draft);
  return TRUE;
}

/* Moving --------------------------------------------------------------------------- */

static gboolean
write_move (CrmStore             *store,
            CrmSession           *session,
            gint64                opportunity_id,
            CrmOpportunityStage   stage,
            const char           *lost_reason,
            GError              **error)
{
  g_autoptr(CrmOpportunity) current = NULL;
  g_autoptr(CrmOpportunity) target = NULL;

  if (!(current = load_for_change (store, session, opportunity_id, error)))
    return FALSE;
  if (current->stage == stage && (stage != CRM_OPPORTUNITY_STAGE_LOST || crm_text_is_blank (lost_reason)))
    return TRUE;
  target = crm_opportunity_copy (current);
  target->stage = stage;
  target->probability_bp = crm_opportunity_probability_for_stage (current, stage);
  if (stage == CRM_OPPORTUNITY_STAGE_LOST && !crm_text_is_blank (lost_reason))
    {
      g_free (target->lost_reason);
      target->lost_reason = g_strdup (lost_reason);
    }
  if (!crm_opportunity_validate (target, error))
    return FALSE;
  return write_over (store, session, target, current, current->row_version, error);
}

/**
 * crm_opportunity_store_move:
 * @stage: the funnel stage to move to
 * @lost_reason: (nullable): why it was lost; required to move to lost
 *   (unless the opportunity already has a reason)
 *
 * Moves an opportunity along the funnel: won_at or lost_at is stamped
 * now, both are cleared when it is reopened, the probability follows the
 * stage (crm_opportunity_probability_for_stage()).  Audited; refused as a
 * save is, and with %CRM_VALIDATION_ERROR_REQUIRED for a loss without a
 * reason.
 */
gboolean
crm_opportunity_store_move (CrmStore             *store,
                            CrmSession           *session,
                            gint64                opportunity_id,
                            CrmOpportunityStage   stage,
                            const char           *lost_reason,
                            GError              **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail ((guint) stage < CRM_OPPORTUNITY_N_STAGES, FALSE);

  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_move (store, session, opportunity_id, stage, lost_reason, error) ||
      !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Deleting -------------------------------------------------------------------------- */

static gboolean
write_delete (CrmStore     *store,
              CrmSession   *session,
              gint64        opportunity_id,
              GError      **error)
{
  static const char sql[] = "DELETE FROM opportunities WHERE id = :id";
  g_autoptr(CrmOpportunity) current = NULL;
  sqlite3_stmt *stmt;

  if (!(current = load_for_change (store, session, opportunity_id, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", opportunity_id);
  return _crm_store_step_done (store, stmt, error) &&
         _crm_store_audit (store, session, "delete", "opportunity", opportunity_id, NULL,
                           current->title, NULL, error);
}

/**
 * crm_opportunity_store_delete:
 *
 * Deletes an opportunity @session may change, for a user with the delete
 * right (%CRM_PERMISSION_ERROR otherwise); quotes, events and campaign
 * members that pointed at it keep their own record.  Audited.
 */
gboolean
crm_opportunity_store_delete (CrmStore    *store,
                              CrmSession  *session,
                              gint64       opportunity_id,
                              GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!_crm_store_require_may_delete (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_delete (store, session, opportunity_id, error) || !_crm_store_commit (store, error))
    {
      _crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* Lists ------------------------------------------------------------------------------ */

/**
 * crm_opportunity_store_list_for_customer:
 *
 * Returns: (transfer full) (element-type CrmOpportunity): the customer's
 *   opportunities @session may read, newest first, or %NULL with
 *   %CRM_PERMISSION_ERROR when the customer is not visible.
 */
GPtrArray *
crm_opportunity_store_list_for_customer (CrmStore    *store,
                                         CrmSession  *session,
                                         gint64       customer_id,
                                         GError     **error)
{
  static const char sql[] =
    "SELECT " OPPORTUNITY_COLUMNS OPPORTUNITY_FROM
    "WHERE o.customer_id = :customer AND " VISIBLE_OPPORTUNITY " ORDER BY o.created_at DESC, o.id DESC";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!_crm_contact_store_require_customer (store, session, customer_id, NULL, NULL, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_store_bind_viewer (stmt, session);
  return collect (store, stmt, error);
}

/**
 * crm_opportunity_store_count:
 * @filter: (nullable): the list's filter; %NULL for all
 *
 * Returns: how many opportunities @session reads through @filter, for a
 *   lazy list; -1 on error.
 */
gint64
crm_opportunity_store_count (CrmStore                    *store,
                             CrmSession                  *session,
                             const CrmOpportunityFilter  *filter,
                             GError                     **error)
{
  static const char sql[] =
    "SELECT count(*) FROM opportunities o JOIN customers c ON c.id = o.customer_id "
    "WHERE " VISIBLE_OPPORTUNITY " AND " FILTER_WHERE;
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (CRM_IS_SESSION (session), -1);

  if (!ensure_fold_function (store, error) || !(stmt = _crm_store_prepare (store, sql, error)))
    return -1;
  _crm_store_bind_viewer (stmt, session);
  bind_filter (stmt, filter);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _crm_store_set_error (store, rc, error);
  sqlite3_reset (stmt);
  return count;
}

/**
 * crm_opportunity_store_fetch:
 * @filter: (nullable): the list's filter; %NULL for all
 *
 * One page of the opportunities @session reads through @filter, by
 * expected close (none last), then id.
 *
 * Returns: (transfer full) (element-type CrmOpportunity): the rows
 */
GPtrArray *
crm_opportunity_store_fetch (CrmStore                    *store,
                             CrmSession                  *session,
                             const CrmOpportunityFilter  *filter,
                             guint                        offset,
                             guint                        limit,
                             GError                     **error)
{
  static const char sql[] =
    "SELECT " OPPORTUNITY_COLUMNS OPPORTUNITY_FROM "WHERE " VISIBLE_OPPORTUNITY " AND " FILTER_WHERE " "
    ORDER_BY " LIMIT :limit OFFSET :offset";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!ensure_fold_function (store, error) || !(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  bind_filter (stmt, filter);
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_bind_int64 (stmt, ":offset", offset);
  return collect (store, stmt, error);
}

/**
 * crm_opportunity_store_stage_totals:
 * @filter: (nullable): the owner and search of the funnel; its stage is
 *   ignored
 * @totals: (out caller-allocates): per stage, how many and their total
 *   expected value
 *
 * The figures at the head of the funnel's columns, for what @session
 * reads.
 */
gboolean
crm_opportunity_store_stage_totals (CrmStore                    *store,
                                    CrmSession                  *session,
                                    const CrmOpportunityFilter  *filter,
                                    CrmOpportunityStageTotal     totals[CRM_OPPORTUNITY_N_STAGES],
                                    GError                     **error)
{
  static const char sql[] =
    "SELECT o.stage, count(*), coalesce (sum (o.expected_value), 0) "
    "FROM opportunities o JOIN customers c ON c.id = o.customer_id "
    "WHERE " VISIBLE_OPPORTUNITY " AND " FILTER_WHERE " GROUP BY o.stage";
  g_autoptr(CrmOpportunityFilter) any_stage = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  memset (totals, 0, sizeof (CrmOpportunityStageTotal) * CRM_OPPORTUNITY_N_STAGES);
  any_stage = filter != NULL ? crm_opportunity_filter_copy (filter) : crm_opportunity_filter_new ();
  any_stage->stage = -1;
  if (!ensure_fold_function (store, error) || !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_store_bind_viewer (stmt, session);
  bind_filter (stmt, any_stage);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmOpportunityStage stage;

      if (!crm_opportunity_stage_from_string ((const char *) sqlite3_column_text (stmt, 0), &stage))
        continue;
      totals[stage].count = sqlite3_column_int64 (stmt, 1);
      totals[stage].value = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}
