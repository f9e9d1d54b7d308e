/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-campaign-store"

#include "config.h"

#include "crm-campaign-store.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-store-private.h"

/* Marketing campaigns and the customers they target.  Campaign rows are
 * not customer data: everyone reads them.  Members are: every read and
 * write on campaign_members goes through CRM_VISIBLE_CUSTOMER on the
 * member's customer. */

/* Targets ------------------------------------------------------------------------ */

CrmCampaignTarget *
crm_campaign_target_new (void)
{
  return g_new0 (CrmCampaignTarget, 1);
}

void
crm_campaign_target_free (CrmCampaignTarget *target)
{
  if (target == NULL)
    return;
  g_strfreev (target->tags);
  g_free (target->status);
  g_free (target->province_code);
  g_free (target);
}

/* Values are single lines: a newline would start another key. */
static void
append_line (GString    *text,
             const char *key,
             const char *value)
{
  g_autofree char *clean = g_strdup (value);

  g_strdelimit (clean, "\r\n", ' ');
  g_strstrip (clean);
  if (*clean == '\0')
    return;
  g_string_append_printf (text, "%s%s=%s", text->len > 0 ? "\n" : "", key, clean);
}

char *
crm_campaign_target_to_string (const CrmCampaignTarget *target)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (target != NULL, g_string_free (text, FALSE));

  if (target->category_id > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, target->category_id);
      append_line (text, "category", id);
    }
  for (guint i = 0; target->tags != NULL && target->tags[i] != NULL; i++)
    append_line (text, "tag", target->tags[i]);
  if (target->status != NULL)
    append_line (text, "status", target->status);
  if (target->province_code != NULL)
    append_line (text, "province", target->province_code);
  return g_string_free (text, FALSE);
}

CrmCampaignTarget *
crm_campaign_target_parse (const char *text)
{
  CrmCampaignTarget *target = crm_campaign_target_new ();
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');
      const char *value;

      if (eq == NULL)
        continue;
      *eq = '\0';
      value = g_strstrip (eq + 1);
      g_strstrip (lines[i]);
      if (*value == '\0')
        continue;
      if (g_str_equal (lines[i], "category"))
        target->category_id = g_ascii_strtoll (value, NULL, 10);
      else if (g_str_equal (lines[i], "tag"))
        g_strv_builder_add (tags, value);
      else if (g_str_equal (lines[i], "status"))
        {
          g_free (target->status);
          target->status = g_strdup (value);
        }
      else if (g_str_equal (lines[i], "province"))
        {
          g_free (target->province_code);
          target->province_code = g_strdup (value);
        }
    }
  target->tags = g_strv_builder_end (tags);
  if (target->tags[0] == NULL)
    g_clear_pointer (&target->tags, g_strfreev);
  return target;
}

/* Shared checks ------------------------------------------------------------------- */

static gboolean
require_manager (CrmStore    *store,
                 CrmSession  *session,
                 GError     **error)
{
  if (!_crm_store_require_active (store, session, error))
    return FALSE;
  if (crm_session_get_role (session) != CRM_ROLE_STAFF)
    return TRUE;
  g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                       _("Only a manager or an administrator may change campaigns."));
  return FALSE;
}

static gboolean
not_found (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

static gboolean
rollback (CrmStore *store)
{
  _crm_store_rollback (store);
  return FALSE;
}

static void
bind_campaign (sqlite3_stmt *stmt,
               CrmCampaign  *campaign)
{
  _crm_bind_text (stmt, ":name", campaign->name);
  _crm_bind_text (stmt, ":channel", crm_campaign_channel_to_string (campaign->channel));
  _crm_bind_text (stmt, ":starts_on", campaign->starts_on);
  _crm_bind_text (stmt, ":ends_on", campaign->ends_on);
  _crm_bind_int64 (stmt, ":budget", campaign->budget);
  _crm_bind_text (stmt, ":target", campaign->target);
  _crm_bind_id (stmt, ":owner", campaign->owner_id);
  _crm_bind_text (stmt, ":notes", campaign->notes);
}

/* Reading campaigns ----------------------------------------------------------------- */

#define CAMPAIGN_COLUMNS \
  "k.id, k.name, k.channel, k.starts_on, k.ends_on, k.budget, k.target, k.owner_id, k.notes, " \
  "u.full_name, k.created_at, k.updated_at, " \
  "(SELECT count(*) FROM campaign_members m JOIN customers c ON c.id = m.customer_id " \
  "  WHERE m.campaign_id = k.id AND " CRM_VISIBLE_CUSTOMER ("c") "), " \
  "(SELECT count(*) FROM campaign_members m JOIN customers c ON c.id = m.customer_id " \
  "  WHERE m.campaign_id = k.id AND m.status = 'converted' AND " CRM_VISIBLE_CUSTOMER ("c") ") " \
  "FROM campaigns k LEFT JOIN users u ON u.id = k.owner_id "

static CrmCampaign *
read_campaign (sqlite3_stmt *stmt)
{
  CrmCampaign *campaign = crm_campaign_new ();
  CrmCampaignChannel channel = CRM_CAMPAIGN_CHANNEL_OTHER;

  campaign->id = sqlite3_column_int64 (stmt, 0);
  campaign->name = _crm_column_text (stmt, 1);
  crm_campaign_channel_from_string ((const char *) sqlite3_column_text (stmt, 2), &channel);
  campaign->channel = channel;
  campaign->starts_on = _crm_column_text (stmt, 3);
  campaign->ends_on = _crm_column_text (stmt, 4);
  campaign->budget = sqlite3_column_int64 (stmt, 5);
  campaign->target = _crm_column_text (stmt, 6);
  campaign->owner_id = sqlite3_column_int64 (stmt, 7);
  campaign->notes = _crm_column_text (stmt, 8);
  campaign->owner_name = _crm_column_text (stmt, 9);
  campaign->created_at = _crm_column_text (stmt, 10);
  campaign->updated_at = _crm_column_text (stmt, 11);
  campaign->n_members = sqlite3_column_int64 (stmt, 12);
  campaign->n_converted = sqlite3_column_int64 (stmt, 13);
  return campaign;
}

CrmCampaign *
crm_campaign_store_get (CrmStore    *store,
                        CrmSession  *session,
                        gint64       campaign_id,
                        GError     **error)
{
  static const char sql[] = "SELECT " CAMPAIGN_COLUMNS "WHERE k.id = :id";
  CrmCampaign *campaign = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":id", campaign_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    campaign = read_campaign (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else if (campaign == NULL)
    not_found (error, _("The campaign no longer exists."));
  return campaign;
}

GPtrArray *
crm_campaign_store_list (CrmStore    *store,
                         CrmSession  *session,
                         GError     **error)
{
  static const char sql[] =
    "SELECT " CAMPAIGN_COLUMNS
    "ORDER BY coalesce (k.starts_on, substr (k.created_at, 1, 10)) DESC, k.id DESC";
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (campaigns, read_campaign (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&campaigns);
}

/* Writing campaigns ----------------------------------------------------------------- */

gint64
crm_campaign_store_create (CrmStore     *store,
                           CrmSession   *session,
                           CrmCampaign  *campaign,
                           GError      **error)
{
  static const char sql[] =
    "INSERT INTO campaigns (name, channel, starts_on, ends_on, budget, target, owner_id, notes, "
    "                       created_at, updated_at, created_by) "
    "VALUES (:name, :channel, :starts_on, :ends_on, :budget, :target, :owner, :notes, :now, :now, :uid)";
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);
  g_return_val_if_fail (CRM_IS_CAMPAIGN (campaign), 0);

  if (!require_manager (store, session, error) || !crm_campaign_validate (campaign, error))
    return 0;
  if (campaign->owner_id == 0)
    campaign->owner_id = crm_session_get_user_id (session);
  if (!_crm_store_begin (store, error))
    return 0;
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return rollback (store);
  bind_campaign (stmt, campaign);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":uid", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error))
    return rollback (store);
  id = sqlite3_last_insert_rowid (_crm_store_get_db (store));
  if (!_crm_store_audit (store, session, "create", "campaign", id, NULL, NULL, campaign->name, error) ||
      !_crm_store_commit (store, error))
    return rollback (store);
  campaign->id = id;
  return id;
}

static char *
money_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

gboolean
crm_campaign_store_update (CrmStore     *store,
                           CrmSession   *session,
                           CrmCampaign  *campaign,
                           GError      **error)
{
  static const char sql[] =
    "UPDATE campaigns SET name = :name, channel = :channel, starts_on = :starts_on, ends_on = :ends_on, "
    "  budget = :budget, target = :target, owner_id = :owner, notes = :notes, updated_at = :now "
    "WHERE id = :id";
  g_autoptr(CrmCampaign) old = NULL;
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *old_budget = NULL;
  g_autofree char *new_budget = NULL;
  g_autofree char *old_owner = NULL;
  g_autofree char *new_owner = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (CRM_IS_CAMPAIGN (campaign), FALSE);

  if (!require_manager (store, session, error) || !crm_campaign_validate (campaign, error) ||
      !_crm_store_begin (store, error))
    return FALSE;
  if (!(old = crm_campaign_store_get (store, session, campaign->id, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return rollback (store);
  bind_campaign (stmt, campaign);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", campaign->id);
  if (!_crm_store_step_done (store, stmt, error))
    return rollback (store);

  old_budget = money_text (old->budget);
  new_budget = money_text (campaign->budget);
  old_owner = old->owner_id > 0 ? money_text (old->owner_id) : NULL;
  new_owner = campaign->owner_id > 0 ? money_text (campaign->owner_id) : NULL;
  {
    const char *fields[][3] = {
      { "name", old->name, campaign->name },
      { "channel", crm_campaign_channel_to_string (old->channel),
        crm_campaign_channel_to_string (campaign->channel) },
      { "starts_on", old->starts_on, campaign->starts_on },
      { "ends_on", old->ends_on, campaign->ends_on },
      { "budget", old_budget, new_budget },
      { "target", old->target, campaign->target },
      { "owner_id", old_owner, new_owner },
      { "notes", old->notes, campaign->notes },
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (g_strcmp0 (fields[i][1], fields[i][2]) != 0 &&
          !_crm_store_audit (store, session, "update", "campaign", campaign->id, fields[i][0],
                             fields[i][1], fields[i][2], error))
        return rollback (store);
  }
  if (!_crm_store_commit (store, error))
    return rollback (store);
  return TRUE;
}

gboolean
crm_campaign_store_delete (CrmStore    *store,
                           CrmSession  *session,
                           gint64       campaign_id,
                           GError     **error)
{
  static const char sql[] = "DELETE FROM campaigns WHERE id = :id";
  g_autoptr(CrmCampaign) old = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_manager (store, session, error) || !_crm_store_require_may_delete (store, session, error) ||
      !_crm_store_begin (store, error))
    return FALSE;
  if (!(old = crm_campaign_store_get (store, session, campaign_id, error)) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return rollback (store);
  _crm_bind_int64 (stmt, ":id", campaign_id);
  if (!_crm_store_step_done (store, stmt, error) ||
      !_crm_store_audit (store, session, "delete", "campaign", campaign_id, NULL, old->name, NULL, error) ||
      !_crm_store_commit (store, error))
    return rollback (store);
  return TRUE;
}

/* Members ------------------------------------------------------------------------ */

static gboolean
campaign_exists (CrmStore    *store,
                 gint64       campaign_id,
                 GError     **error)
{
  static const char sql[] = "SELECT 1 FROM campaigns WHERE id = :id";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":id", campaign_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else
    not_found (error, _("The campaign no longer exists."));
  return FALSE;
}

/* The tag names between unit separators ("\x1fVIP\x1fSỉ\x1f"), for an
 * instr() test in SQL; NULL for none. */
static char *
tags_list (char **tags)
{
  GString *text;

  if (tags == NULL || tags[0] == NULL)
    return NULL;
  text = g_string_new ("\x1f");
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_string_append (text, tags[i]);
      g_string_append_c (text, '\x1f');
    }
  return g_string_free (text, FALSE);
}

static gboolean
write_add_members (CrmStore                *store,
                   CrmSession              *session,
                   gint64                   campaign_id,
                   const CrmCampaignTarget *target,
                   gboolean                 remember,
                   gint64                  *n_added,
                   GError                 **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO campaign_members (campaign_id, customer_id, status, updated_at, updated_by) "
    "SELECT :campaign, c.id, 'none', :now, :uid FROM customers c "
    "WHERE c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " "
    "  AND (:category IS NULL OR c.category_id IN ("
    "       WITH RECURSIVE sub (id) AS (SELECT :category "
    "         UNION ALL SELECT k.id FROM categories k JOIN sub ON k.parent_id = sub.id) "
    "       SELECT id FROM sub)) "
    "  AND (:tags IS NULL OR EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id "
    "       WHERE ct.customer_id = c.id AND instr (:tags, char (31) || t.name || char (31)) > 0)) "
    "  AND (:status IS NULL OR c.status = :status) "
    "  AND (:province IS NULL OR c.province_code = :province)";
  static const char save_sql[] = "UPDATE campaigns SET target = :target, updated_at = :now WHERE id = :id";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *tags = tags_list (target->tags);
  g_autofree char *text = crm_campaign_target_to_string (target);
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  gint64 added;

  if (!campaign_exists (store, campaign_id, error) || !(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":uid", crm_session_get_user_id (session));
  _crm_bind_id (stmt, ":category", target->category_id);
  _crm_bind_text (stmt, ":tags", tags);
  _crm_bind_text (stmt, ":status", target->status);
  _crm_bind_text (stmt, ":province", target->province_code);
  _crm_store_bind_viewer (stmt, session);
  if (!_crm_store_step_done (store, stmt, error))
    return FALSE;
  added = sqlite3_changes64 (_crm_store_get_db (store));
  if (remember)
    {
      if (!(stmt = _crm_store_prepare (store, save_sql, error)))
        return FALSE;
      _crm_bind_text (stmt, ":target", *text != '\0' ? text : NULL);
      _crm_bind_text (stmt, ":now", now);
      _crm_bind_int64 (stmt, ":id", campaign_id);
      if (!_crm_store_step_done (store, stmt, error))
        return FALSE;
    }
  summary = g_strdup_printf ("+%" G_GINT64_FORMAT " (%s)", added, text);
  g_strdelimit (summary, "\n", ';');
  if (!_crm_store_audit (store, session, "update", "campaign", campaign_id, "members", NULL, summary, error))
    return FALSE;
  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}

gboolean
crm_campaign_store_add_members (CrmStore                *store,
                                CrmSession              *session,
                                gint64                   campaign_id,
                                const CrmCampaignTarget *target,
                                gboolean                 remember,
                                gint64                  *n_added,
                                GError                 **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (!require_manager (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_add_members (store, session, campaign_id, target, remember, n_added, error) ||
      !_crm_store_commit (store, error))
    return rollback (store);
  return TRUE;
}

gboolean
crm_campaign_store_reapply_target (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       campaign_id,
                                   gint64      *n_added,
                                   GError     **error)
{
  g_autoptr(CrmCampaign) campaign = NULL;
  g_autoptr(CrmCampaignTarget) target = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (!require_manager (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!(campaign = crm_campaign_store_get (store, session, campaign_id, error)))
    return rollback (store);
  if (campaign->target == NULL)
    {
      _crm_store_rollback (store);
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("This campaign has no saved filter to apply again."));
      return FALSE;
    }
  target = crm_campaign_target_parse (campaign->target);
  if (!write_add_members (store, session, campaign_id, target, FALSE, n_added, error) ||
      !_crm_store_commit (store, error))
    return rollback (store);
  return TRUE;
}

/* The member's customer code and response when the session may see the
 * customer; FALSE with NOT_FOUND otherwise. */
static gboolean
load_member (CrmStore             *store,
             CrmSession           *session,
             gint64                campaign_id,
             gint64                customer_id,
             char                **code,
             CrmCampaignResponse  *response,
             GError              **error)
{
  static const char sql[] =
    "SELECT c.code, m.status FROM campaign_members m JOIN customers c ON c.id = m.customer_id "
    "WHERE m.campaign_id = :campaign AND m.customer_id = :customer AND " CRM_VISIBLE_CUSTOMER ("c");
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_int64 (stmt, ":customer", customer_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *code = _crm_column_text (stmt, 0);
      *response = CRM_CAMPAIGN_RESPONSE_NONE;
      crm_campaign_response_from_string ((const char *) sqlite3_column_text (stmt, 1), response);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else
    not_found (error, _("This customer is not in the campaign, or you may not see them."));
  return FALSE;
}

static gboolean
audit_response (CrmStore            *store,
                CrmSession          *session,
                gint64               campaign_id,
                const char          *code,
                CrmCampaignResponse  old,
                CrmCampaignResponse  new,
                GError             **error)
{
  g_autofree char *old_text = g_strdup_printf ("%s=%s", code, crm_campaign_response_to_string (old));
  g_autofree char *new_text = g_strdup_printf ("%s=%s", code, crm_campaign_response_to_string (new));

  if (old == new)
    return TRUE;
  return _crm_store_audit (store, session, "update", "campaign", campaign_id, "member_status",
                           old_text, new_text, error);
}

gboolean
crm_campaign_store_remove_member (CrmStore    *store,
                                  CrmSession  *session,
                                  gint64       campaign_id,
                                  gint64       customer_id,
                                  GError     **error)
{
  static const char sql[] = "DELETE FROM campaign_members WHERE campaign_id = :campaign AND customer_id = :customer";
  g_autofree char *code = NULL;
  CrmCampaignResponse response;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!require_manager (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!load_member (store, session, campaign_id, customer_id, &code, &response, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return rollback (store);
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_int64 (stmt, ":customer", customer_id);
  if (!_crm_store_step_done (store, stmt, error) ||
      !_crm_store_audit (store, session, "update", "campaign", campaign_id, "members", code, NULL, error) ||
      !_crm_store_commit (store, error))
    return rollback (store);
  return TRUE;
}

gint64
crm_campaign_store_count_members (CrmStore    *store,
                                  CrmSession  *session,
                                  gint64       campaign_id,
                                  GError     **error)
{
  static const char sql[] =
    "SELECT count(*) FROM campaign_members m JOIN customers c ON c.id = m.customer_id "
    "WHERE m.campaign_id = :campaign AND " CRM_VISIBLE_CUSTOMER ("c");
  sqlite3_stmt *stmt;
  gint64 count = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    _crm_store_set_error (store, rc, error);
  return count;
}

GPtrArray *
crm_campaign_store_fetch_members (CrmStore    *store,
                                  CrmSession  *session,
                                  gint64       campaign_id,
                                  guint        offset,
                                  guint        limit,
                                  GError     **error)
{
  static const char sql[] =
    "SELECT m.customer_id, c.code, c.full_name, c.status, m.status, m.opportunity_id, o.title, "
    "       m.order_id, r.code, m.updated_at "
    "FROM campaign_members m JOIN customers c ON c.id = m.customer_id "
    "LEFT JOIN opportunities o ON o.id = m.opportunity_id LEFT JOIN orders r ON r.id = m.order_id "
    "WHERE m.campaign_id = :campaign AND " CRM_VISIBLE_CUSTOMER ("c") " "
    "ORDER BY c.sort_key, c.id LIMIT :limit OFFSET :offset";
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return NULL;
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_int64 (stmt, ":limit", limit);
  _crm_bind_int64 (stmt, ":offset", offset);
  _crm_store_bind_viewer (stmt, session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmCampaignMember *member = crm_campaign_member_new ();
      CrmCampaignResponse response = CRM_CAMPAIGN_RESPONSE_NONE;

      member->campaign_id = campaign_id;
      member->customer_id = sqlite3_column_int64 (stmt, 0);
      member->customer_code = _crm_column_text (stmt, 1);
      member->customer_name = _crm_column_text (stmt, 2);
      member->customer_status = _crm_column_text (stmt, 3);
      crm_campaign_response_from_string ((const char *) sqlite3_column_text (stmt, 4), &response);
      member->response = response;
      member->opportunity_id = sqlite3_column_int64 (stmt, 5);
      member->opportunity_title = _crm_column_text (stmt, 6);
      member->order_id = sqlite3_column_int64 (stmt, 7);
      member->order_code = _crm_column_text (stmt, 8);
      member->updated_at = _crm_column_text (stmt, 9);
      g_ptr_array_add (members, member);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&members);
}

gboolean
crm_campaign_store_set_response (CrmStore             *store,
                                 CrmSession           *session,
                                 gint64                campaign_id,
                                 gint64                customer_id,
                                 CrmCampaignResponse   response,
                                 GError              **error)
{
  static const char sql[] =
    "UPDATE campaign_members SET status = :status, updated_at = :now, updated_by = :uid "
    "WHERE campaign_id = :campaign AND customer_id = :customer";
  g_autofree char *code = NULL;
  g_autofree char *now = _crm_now_utc ();
  CrmCampaignResponse old;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);
  g_return_val_if_fail ((guint) response < CRM_CAMPAIGN_N_RESPONSES, FALSE);

  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!load_member (store, session, campaign_id, customer_id, &code, &old, error) ||
      !(stmt = _crm_store_prepare (store, sql, error)))
    return rollback (store);
  _crm_bind_text (stmt, ":status", crm_campaign_response_to_string (response));
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":uid", crm_session_get_user_id (session));
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_int64 (stmt, ":customer", customer_id);
  if (!_crm_store_step_done (store, stmt, error) ||
      !audit_response (store, session, campaign_id, code, old, response, error) ||
      !_crm_store_commit (store, error))
    return rollback (store);
  return TRUE;
}

/* Linking opportunities and orders ------------------------------------------------- */

/* What a link needs to know of the opportunity or order: its customer,
 * a label for the audit and its current campaign, when the session may
 * see the customer and the transaction. */
typedef struct
{
  gint64  customer_id;
  char   *label;
  gint64  old_campaign;
} Linked;

static gboolean
load_linked (CrmStore     *store,
             CrmSession   *session,
             gboolean      is_order,
             gint64        id,
             Linked       *linked,
             GError      **error)
{
  static const char opportunity_sql[] =
    "SELECT o.customer_id, o.title, coalesce (o.campaign_id, 0) FROM opportunities o "
    "JOIN customers c ON c.id = o.customer_id "
    "WHERE o.id = :id AND " CRM_VISIBLE_CUSTOMER ("c") " AND " CRM_VISIBLE_TRANSACTION ("c", "o.owner_id");
  static const char order_sql[] =
    "SELECT o.customer_id, o.code, coalesce (o.campaign_id, 0) FROM orders o "
    "JOIN customers c ON c.id = o.customer_id "
    "WHERE o.id = :id AND " CRM_VISIBLE_CUSTOMER ("c") " AND " CRM_VISIBLE_TRANSACTION ("c", "o.owner_id");
  sqlite3_stmt *stmt = _crm_store_prepare (store, is_order ? order_sql : opportunity_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      linked->customer_id = sqlite3_column_int64 (stmt, 0);
      linked->label = _crm_column_text (stmt, 1);
      linked->old_campaign = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else
    not_found (error, is_order ? _("The order no longer exists, or you may not see it.")
                               : _("The opportunity no longer exists, or you may not see it."));
  return FALSE;
}

static gboolean
write_link (CrmStore    *store,
            CrmSession  *session,
            gint64       campaign_id,
            gboolean     is_order,
            gint64       id,
            GError     **error)
{
  static const char opportunity_sql[] =
    "UPDATE opportunities SET campaign_id = :campaign, updated_at = :now, row_version = row_version + 1 "
    "WHERE id = :id";
  static const char order_sql[] =
    "UPDATE orders SET campaign_id = :campaign, updated_at = :now, row_version = row_version + 1 "
    "WHERE id = :id";
  static const char join_sql[] =
    "INSERT OR IGNORE INTO campaign_members (campaign_id, customer_id, status, updated_at, updated_by) "
    "VALUES (:campaign, :customer, 'none', :now, :uid)";
  static const char member_opportunity_sql[] =
    "UPDATE campaign_members SET status = 'converted', opportunity_id = :id, updated_at = :now, "
    "  updated_by = :uid WHERE campaign_id = :campaign AND customer_id = :customer";
  static const char member_order_sql[] =
    "UPDATE campaign_members SET status = 'converted', order_id = :id, updated_at = :now, "
    "  updated_by = :uid WHERE campaign_id = :campaign AND customer_id = :customer";
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *code = NULL;
  g_autofree char *old_campaign = NULL;
  g_autofree char *new_campaign = NULL;
  Linked linked = { 0, NULL, 0 };
  CrmCampaignResponse old;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!campaign_exists (store, campaign_id, error) ||
      !load_linked (store, session, is_order, id, &linked, error))
    return FALSE;

  if (!(stmt = _crm_store_prepare (store, is_order ? order_sql : opportunity_sql, error)))
    goto out;
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", id);
  if (!_crm_store_step_done (store, stmt, error))
    goto out;

  if (!(stmt = _crm_store_prepare (store, join_sql, error)))
    goto out;
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_int64 (stmt, ":customer", linked.customer_id);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":uid", crm_session_get_user_id (session));
  if (!_crm_store_step_done (store, stmt, error) ||
      !load_member (store, session, campaign_id, linked.customer_id, &code, &old, error))
    goto out;

  if (!(stmt = _crm_store_prepare (store, is_order ? member_order_sql : member_opportunity_sql, error)))
    goto out;
  _crm_bind_int64 (stmt, ":id", id);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":uid", crm_session_get_user_id (session));
  _crm_bind_int64 (stmt, ":campaign", campaign_id);
  _crm_bind_int64 (stmt, ":customer", linked.customer_id);
  if (!_crm_store_step_done (store, stmt, error))
    goto out;

  old_campaign = linked.old_campaign > 0 ? money_text (linked.old_campaign) : NULL;
  new_campaign = money_text (campaign_id);
  ok = _crm_store_audit (store, session, "update", is_order ? "order" : "opportunity", id,
                         "campaign_id", old_campaign, new_campaign, error) &&
       _crm_store_audit (store, session, "update", "campaign", campaign_id,
                         is_order ? "order" : "opportunity", NULL, linked.label, error) &&
       audit_response (store, session, campaign_id, code, old, CRM_CAMPAIGN_RESPONSE_CONVERTED, error);
out:
  g_free (linked.label);
  return ok;
}

static gboolean
link_record (CrmStore    *store,
             CrmSession  *session,
             gint64       campaign_id,
             gboolean     is_order,
             gint64       id,
             GError     **error)
{
  if (!_crm_store_require_active (store, session, error) || !_crm_store_begin (store, error))
    return FALSE;
  if (!write_link (store, session, campaign_id, is_order, id, error) || !_crm_store_commit (store, error))
    return rollback (store);
  return TRUE;
}

gboolean
crm_campaign_store_link_opportunity (CrmStore    *store,
                                     CrmSession  *session,
                                     gint64       campaign_id,
                                     gint64       opportunity_id,
                                     GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  return link_record (store, session, campaign_id, FALSE, opportunity_id, error);
}

gboolean
crm_campaign_store_link_order (CrmStore    *store,
                               CrmSession  *session,
                               gint64       campaign_id,
                               gint64       order_id,
                               GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  return link_record (store, session, campaign_id, TRUE, order_id, error);
}

gint64
crm_campaign_store_find_order (CrmStore    *store,
                               CrmSession  *session,
                               const char  *code,
                               GError     **error)
{
  static const char sql[] =
    "SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id "
    "WHERE o.code = :code AND " CRM_VISIBLE_CUSTOMER ("c") " AND " CRM_VISIBLE_TRANSACTION ("c", "o.owner_id");
  g_autofree char *clean = g_strstrip (g_strdup (code != NULL ? code : ""));
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (CRM_IS_SESSION (session), 0);

  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return 0;
  _crm_bind_text (stmt, ":code", clean);
  _crm_store_bind_viewer (stmt, session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _crm_store_set_error (store, rc, error);
  else if (id == 0)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                 _("No order “%s” that you may see."), clean);
  return id;
}
