/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-audit-text"

#include "config.h"

#include "crm-audit-text.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-customer.h"
#include "crm-interaction.h"
#include "crm-province.h"
#include "crm-validate.h"

typedef struct
{
  const char *code;
  const char *label;
} Label;

/* What the store writes (see _crm_store_audit() callers), and what
 * sign-in and printing will write. */
static const Label action_labels[] = {
  { "create", N_("Created") },
  { "update", N_("Changed") },
  { "status", N_("Status changed") },
  { "assign", N_("Assigned") },
  { "move", N_("Moved") },
  { "merge", N_("Merged") },
  { "delete", N_("Deleted") },
  { "export", N_("Exported") },
  { "print", N_("Printed") },
  { "sign_in", N_("Signed in") },
  { "sign_in_failed", N_("Sign-in failed") },
  { "lock", N_("Locked") },
  { "send", N_("Sent") },
  { "backup", N_("Backed up") },
};

static const Label entity_labels[] = {
  { "customer", N_("Customer") },
  { "contact", N_("Contact") },
  { "interaction", N_("Interaction") },
  { "attachment", N_("Document") },
  { "category", N_("Category") },
  { "tag", N_("Tag") },
  { "user", N_("User") },
  { "team", N_("Team") },
  { "setting", N_("Setting") },
  { "audit_log", N_("Audit log") },
  { "product", N_("Product") },
  { "product_category", N_("Product category") },
  { "price_list", N_("Price list") },
  { "promotion", N_("Promotion") },
  { "opportunity", N_("Opportunity") },
  { "quote", N_("Quote") },
  { "contract", N_("Contract") },
  { "order", N_("Order") },
  { "event", N_("Calendar event") },
  { "database", N_("Database") },
  { "sample_data", N_("Demo data") },
  { "care_case", N_("Care case") },
  { "care_standard", N_("Care standard") },
  { "care_action", N_("Care action") },
  { "campaign", N_("Campaign") },
  { "report", N_("Report") },
};

typedef struct
{
  const char *entity;  /* NULL: any kind of record */
  const char *field;
  const char *label;
} FieldLabel;

/* Entity-specific labels first; the first match wins. */
static const FieldLabel field_labels[] = {
  { "customer", "code", N_("Code") },
  { "customer", "kind", N_("Kind") },
  { "customer", "assigned_to", N_("Assigned staff") },
  { "customer", "next_contact_due", N_("Next contact") },
  { "interaction", "kind", N_("Kind") },
  { "interaction", "next_due_on", N_("Next contact") },
  { "interaction", "contact_id", N_("Contact") },
  { "interaction", "occurred_at", N_("When") },
  { "attachment", "customer_id", N_("Customer") },
  { "category", "parent_id", N_("Parent category") },
  { "user", "active", N_("Active") },
  { "user", "login", N_("Login") },
  { "user", "password", N_("Password") },
  { "user", "role", N_("Role") },
  { "user", "team_id", N_("Team") },
  { "user", "failed_logins", N_("Failed sign-ins") },
  { "user", "locked_until", N_("Locked until") },
  { "user", "may_export", N_("May export") },
  { "user", "may_print", N_("May print") },
  { "user", "may_delete", N_("May delete") },
  { "user", "may_see_cost", N_("May see costs and margins") },
  { "team", "manager_id", N_("Manager") },
  { "setting", "customer_visibility", N_("Customer visibility") },
  { "setting", "staff_see_others_transactions", N_("Staff see each other's transactions") },
  { "setting", "assignment_rule", N_("Assignment rule") },
  { "quote", "recipient", N_("Recipient") },
  { "quote", "revision", N_("Version") },
  { "order", "delivery_status", N_("Delivery status") },
  { "order", "delivery", N_("Delivery") },
  { "opportunity", "stage", N_("Stage") },
  { "event", "starts_at", N_("Starts") },
  { "event", "done", N_("Done") },
  { NULL, "full_name", N_("Name") },
  { NULL, "name", N_("Name") },
  { NULL, "birth_date", N_("Date of birth") },
  { NULL, "gender", N_("Gender") },
  { NULL, "occupation", N_("Occupation") },
  { NULL, "street", N_("Street address") },
  { NULL, "ward", N_("Ward or commune") },
  { NULL, "province_code", N_("Province") },
  { NULL, "tax_code", N_("Tax code") },
  { NULL, "website", N_("Website") },
  { NULL, "industry", N_("Industry") },
  { NULL, "source", N_("Source channel") },
  { NULL, "status", N_("Status") },
  { NULL, "category_id", N_("Category") },
  { NULL, "needs", N_("Needs") },
  { NULL, "notes", N_("Notes") },
  { NULL, "phones", N_("Phones") },
  { NULL, "emails", N_("Emails") },
  { NULL, "tags", N_("Tags") },
  { NULL, "last_contact_at", N_("Last contact") },
  { NULL, "merged_from", N_("Merged from") },
  { NULL, "merged_into", N_("Merged into") },
  { NULL, "position", N_("Position") },
  { NULL, "phone", N_("Phone") },
  { NULL, "email", N_("Email") },
  { NULL, "is_primary", N_("Main contact") },
  { NULL, "channel", N_("Channel") },
  { NULL, "summary", N_("Summary") },
  { NULL, "outcome", N_("Outcome") },
  { NULL, "file_name", N_("File name") },
  { NULL, "description", N_("Description") },
  { NULL, "rows", N_("Rows") },
  { NULL, "file", N_("File") },
};

static const Label source_labels[] = {
  { "website", N_("Website") },
  { "store", N_("Store") },
  { "referral", N_("Referral") },
  { "phone", N_("Phone") },
  { "social", N_("Social network") },
  { "marketplace", N_("Marketplace") },
  { "campaign", N_("Campaign") },
  { "other", N_("Other") },
};

static const Label gender_labels[] = {
  { "male", N_("Male") },
  { "female", N_("Female") },
  { "other", N_("Other") },
};

static const Label role_labels[] = {
  { "admin", N_("Administrator") },
  { "manager", N_("Manager") },
  { "staff", N_("Staff") },
};

static const Label visibility_labels[] = {
  { "shared", N_("Everyone sees every customer") },
  { "own", N_("Staff see their own customers") },
};

static const char *
find_label (const Label *labels,
            guint        n_labels,
            const char  *code)
{
  for (guint i = 0; i < n_labels; i++)
    if (g_strcmp0 (labels[i].code, code) == 0)
      return _(labels[i].label);
  return NULL;
}

static const char *const *
codes_of (const Label *labels,
          guint        n_labels,
          const char **codes)
{
  for (guint i = 0; i < n_labels; i++)
    codes[i] = labels[i].code;
  codes[n_labels] = NULL;
  return codes;
}

const char *const *
crm_audit_actions (void)
{
  static const char *codes[G_N_ELEMENTS (action_labels) + 1];

  return codes_of (action_labels, G_N_ELEMENTS (action_labels), codes);
}

const char *const *
crm_audit_entities (void)
{
  static const char *codes[G_N_ELEMENTS (entity_labels) + 1];

  return codes_of (entity_labels, G_N_ELEMENTS (entity_labels), codes);
}

const char *
crm_audit_action_label (const char *action)
{
  const char *label = find_label (action_labels, G_N_ELEMENTS (action_labels), action);

  return label != NULL ? label : action;
}

const char *
crm_audit_entity_label (const char *entity)
{
  const char *label = find_label (entity_labels, G_N_ELEMENTS (entity_labels), entity);

  return label != NULL ? label : entity;
}

const char *
crm_audit_field_label (const char *entity,
                       const char *field)
{
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (field_labels); i++)
    if ((field_labels[i].entity == NULL || g_strcmp0 (field_labels[i].entity, entity) == 0) &&
        g_str_equal (field_labels[i].field, field))
      return _(field_labels[i].label);
  return field;
}

gboolean
crm_audit_field_is_user (const char *entity,
                         const char *field)
{
  return (g_strcmp0 (entity, "customer") == 0 && g_strcmp0 (field, "assigned_to") == 0) ||
         (g_strcmp0 (entity, "team") == 0 && g_strcmp0 (field, "manager_id") == 0);
}

gboolean
crm_audit_field_is_team (const char *entity,
                         const char *field)
{
  return g_strcmp0 (entity, "user") == 0 && g_strcmp0 (field, "team_id") == 0;
}

gboolean
crm_audit_field_is_category (const char *entity,
                             const char *field)
{
  return (g_strcmp0 (entity, "customer") == 0 && g_strcmp0 (field, "category_id") == 0) ||
         (g_strcmp0 (entity, "category") == 0 && g_strcmp0 (field, "parent_id") == 0);
}

static GTimeZone *local_zone;

char *
crm_audit_format_time (const char *at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (at == NULL || !(utc = g_date_time_new_from_iso8601 (at, NULL)))
    return g_strdup ("");
  /* Read the zone once: the viewer formats a page of rows at a time. */
  if (g_once_init_enter (&local_zone))
    g_once_init_leave (&local_zone, g_time_zone_new_local ());
  local = g_date_time_to_timezone (utc, local_zone);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

static gboolean
is_switch (const char *entity,
           const char *field)
{
  return g_strcmp0 (field, "is_primary") == 0 || g_strcmp0 (field, "active") == 0 ||
         g_str_has_prefix (field, "may_") ||
         (g_strcmp0 (entity, "setting") == 0 && g_strcmp0 (field, "staff_see_others_transactions") == 0);
}

/* "+84912345678, +842438251234" -> "0912 345 678, 024 3825 1234" */
static char *
format_phones (const char *value)
{
  g_auto(GStrv) phones = g_strsplit (value, ", ", -1);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; phones[i] != NULL; i++)
    g_ptr_array_add (shown, crm_phone_format (phones[i]));
  g_ptr_array_add (shown, NULL);
  return g_strjoinv (", ", (char **) shown->pdata);
}

static const char *
code_label (const char *entity,
            const char *field,
            const char *value)
{
  CrmCustomerStatus status;
  CrmCustomerKind kind;
  CrmInteractionKind interaction_kind;
  const CrmProvince *province;

  if (g_str_equal (field, "status") && crm_customer_status_from_string (value, &status))
    return crm_customer_status_label (status);
  if (g_str_equal (field, "kind") && g_strcmp0 (entity, "interaction") == 0 &&
      crm_interaction_kind_from_string (value, &interaction_kind))
    return crm_interaction_kind_label (interaction_kind);
  if (g_str_equal (field, "kind") && crm_customer_kind_from_string (value, &kind))
    return kind == CRM_CUSTOMER_KIND_PERSON ? _("Person") : _("Organisation");
  if (g_str_equal (field, "gender"))
    return find_label (gender_labels, G_N_ELEMENTS (gender_labels), value);
  if (g_str_equal (field, "source"))
    return find_label (source_labels, G_N_ELEMENTS (source_labels), value);
  if (g_str_equal (field, "role"))
    return find_label (role_labels, G_N_ELEMENTS (role_labels), value);
  if (g_str_equal (field, "customer_visibility"))
    return find_label (visibility_labels, G_N_ELEMENTS (visibility_labels), value);
  if (g_str_equal (field, "province_code") && (province = crm_province_get (value)) != NULL)
    return province->short_name;
  if (is_switch (entity, field))
    return g_str_equal (value, "0") ? _("No") : _("Yes");
  return NULL;
}

char *
crm_audit_value_text (const char *entity,
                      const char *field,
                      const char *value)
{
  const char *label;
  char *date;

  if (value == NULL || *value == '\0')
    return g_strdup ("");
  if (field == NULL)
    return g_strdup (value);
  if ((label = code_label (entity, field, value)) != NULL)
    return g_strdup (label);
  if (g_str_equal (field, "phones"))
    return format_phones (value);
  if (g_str_equal (field, "phone"))
    return crm_phone_format (value);
  if ((date = crm_date_format (value)) != NULL)
    return date;
  if ((g_str_has_suffix (field, "_at") || g_str_has_suffix (field, "_until")) && strchr (value, 'T') != NULL)
    {
      char *when = crm_audit_format_time (value);

      if (*when != '\0')
        return when;
      g_free (when);
    }
  return g_strdup (value);
}
