/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-audit-row"

#include "config.h"

#include "crm-audit-row.h"

#include <glib/gi18n-lib.h>

#include "crm-audit-text.h"

/* Words for one row of the log, computed once when the row is read: a
 * view binds and rebinds rows while scrolling, and names come from the
 * store. */
struct _CrmAuditRow
{
  GObject        parent_instance;

  CrmAuditEntry *entry;
  char          *when;
  char          *user;
  char          *record;
  char          *field;
  char          *change;
  char          *summary;
};

G_DEFINE_FINAL_TYPE (CrmAuditRow, crm_audit_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WHEN,
  PROP_USER,
  PROP_ACTION,
  PROP_RECORD,
  PROP_FIELD,
  PROP_CHANGE,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Changes of a field say only which field: the action is plain from
 * the values. */
static gboolean
is_plain_change (const char *action)
{
  return g_strcmp0 (action, "update") == 0 || g_strcmp0 (action, "assign") == 0 ||
         g_strcmp0 (action, "status") == 0;
}

/* "Hà Nội → Đà Nẵng"; "—" stands for nothing on one side; "" when both
 * sides are empty. */
static char *
describe_change (const char *old_text,
                 const char *new_text)
{
  if (*old_text == '\0' && *new_text == '\0')
    return g_strdup ("");
  return g_strdup_printf ("%s → %s", *old_text != '\0' ? old_text : "—", *new_text != '\0' ? new_text : "—");
}

/* "Province: Hà Nội → Đà Nẵng", "Created · Name: VIP", "Created: KH000012". */
static char *
describe (CrmAuditRow *self,
          const char  *old_text,
          const char  *new_text)
{
  const char *action = self->entry->action != NULL ? crm_audit_action_label (self->entry->action) : "";
  const char *value = *new_text != '\0' ? new_text : old_text;

  if (self->entry->field != NULL && is_plain_change (self->entry->action))
    return g_strdup_printf ("%s: %s", self->field, self->change);
  if (self->entry->field != NULL)
    return g_strdup_printf ("%s · %s: %s", action, self->field, self->change);
  if (*value != '\0')
    return g_strdup_printf ("%s: %s", action, value);
  return g_strdup (action);
}

static void
crm_audit_row_finalize (GObject *object)
{
  CrmAuditRow *self = CRM_AUDIT_ROW (object);

  g_clear_pointer (&self->entry, crm_audit_entry_free);
  g_free (self->when);
  g_free (self->user);
  g_free (self->record);
  g_free (self->field);
  g_free (self->change);
  g_free (self->summary);

  G_OBJECT_CLASS (crm_audit_row_parent_class)->finalize (object);
}

static void
crm_audit_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CrmAuditRow *self = CRM_AUDIT_ROW (object);

  switch (prop_id)
    {
    case PROP_WHEN:
      g_value_set_string (value, self->when);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_ACTION:
      g_value_set_string (value, crm_audit_row_get_action (self));
      break;
    case PROP_RECORD:
      g_value_set_string (value, self->record);
      break;
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_CHANGE:
      g_value_set_string (value, self->change);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
crm_audit_row_class_init (CrmAuditRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_audit_row_finalize;
  object_class->get_property = crm_audit_row_get_property;

  properties[PROP_WHEN] = text_property ("when");
  properties[PROP_USER] = text_property ("user");
  properties[PROP_ACTION] = text_property ("action");
  properties[PROP_RECORD] = text_property ("record");
  properties[PROP_FIELD] = text_property ("field");
  properties[PROP_CHANGE] = text_property ("change");
  properties[PROP_SUMMARY] = text_property ("summary");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_audit_row_init (CrmAuditRow *self)
{
}

/**
 * crm_audit_row_new:
 * @names: (nullable): user and category names already looked up, shared
 *   by the rows of one view (see crm_audit_store_format_value())
 *
 * Returns: (transfer full): @entry (copied) with its columns in words
 */
CrmAuditRow *
crm_audit_row_new (CrmStore            *store,
                   GHashTable          *names,
                   const CrmAuditEntry *entry)
{
  CrmAuditRow *self;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (CRM_TYPE_AUDIT_ROW, NULL);
  self->entry = crm_audit_entry_copy (entry);
  self->when = crm_audit_format_time (entry->at);
  self->user = g_strdup (entry->user_name != NULL ? entry->user_name : _("System"));
  self->record = entry->entity == NULL ? g_strdup ("")
                 : entry->entity_id > 0
                 ? g_strdup_printf ("%s #%" G_GINT64_FORMAT, crm_audit_entity_label (entry->entity), entry->entity_id)
                 : g_strdup (crm_audit_entity_label (entry->entity));
  self->field = g_strdup (entry->field != NULL ? crm_audit_field_label (entry->entity, entry->field) : "");
  old_text = crm_audit_store_format_value (store, names, entry->entity, entry->field, entry->old_value);
  new_text = crm_audit_store_format_value (store, names, entry->entity, entry->field, entry->new_value);
  self->change = describe_change (old_text, new_text);
  what = describe (self, old_text, new_text);
  self->summary = g_strdup_printf ("%s · %s · %s", self->when, self->user, what);
  return self;
}

const CrmAuditEntry *
crm_audit_row_get_entry (CrmAuditRow *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_ROW (self), NULL);
  return self->entry;
}

const char *
crm_audit_row_get_when (CrmAuditRow *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_ROW (self), NULL);
  return self->when;
}

const char *
crm_audit_row_get_user (CrmAuditRow *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_ROW (self), NULL);
  return self->user;
}

const char *
crm_audit_row_get_action (CrmAuditRow *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_ROW (self), NULL);
  return self->entry->action != NULL ? crm_audit_action_label (self->entry->action) : "";
}

const char *
crm_audit_row_get_record (CrmAuditRow *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_ROW (self), NULL);
  return self->record;
}

const char *
crm_audit_row_get_field (CrmAuditRow *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_ROW (self), NULL);
  return self->field;
}

const char *
crm_audit_row_get_change (CrmAuditRow *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_ROW (self), NULL);
  return self->change;
}

/* "23/11/2026 15:15 · Trần Thị Lan · Province: Hà Nội → Đà Nẵng": one line
 * of a record's History tab. */
const char *
crm_audit_row_get_summary (CrmAuditRow *self)
{
  g_return_val_if_fail (CRM_IS_AUDIT_ROW (self), NULL);
  return self->summary;
}
