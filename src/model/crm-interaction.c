/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interaction"

#include "config.h"

#include "crm-interaction.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-text.h"
#include "crm-validate.h"

/* How far ahead an entry may be dated: a clock a little wrong, or a
 * meeting logged the evening before, but not a plan (plans are events). */
#define MAX_FUTURE_SPAN G_TIME_SPAN_DAY

struct _CrmInteraction
{
  GObject             parent_instance;

  gint64              id;
  gint64              customer_id;
  char               *customer_name;
  gint64              contact_id;
  char               *contact_name;
  gint64              user_id;
  char               *user_name;
  CrmInteractionKind  kind;
  char               *channel;
  char               *occurred_at;
  char               *summary;
  char               *outcome;
  char               *next_due_on;
};

G_DEFINE_ENUM_TYPE (CrmInteractionKind, crm_interaction_kind,
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_CALL, "call"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_MEETING, "meeting"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_EMAIL, "email"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_QUOTE_SENT, "quote_sent"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_CONTRACT_SENT, "contract_sent"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_CHAT, "chat"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_CARE_THANKS, "care_thanks"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_CARE_SURVEY, "care_survey"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_CARE_VISIT, "care_visit"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_CARE_CALL, "care_call"),
  G_DEFINE_ENUM_VALUE (CRM_INTERACTION_KIND_NOTE, "note"))

G_DEFINE_FINAL_TYPE (CrmInteraction, crm_interaction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_CONTACT_ID,
  PROP_CONTACT_NAME,
  PROP_USER_ID,
  PROP_USER_NAME,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_CHANNEL,
  PROP_OCCURRED_AT,
  PROP_OCCURRED_AT_DISPLAY,
  PROP_SUMMARY,
  PROP_OUTCOME,
  PROP_NEXT_DUE_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the enum, which is the order of the schema's CHECK. */
static const char *const kind_names[CRM_INTERACTION_N_KINDS] = {
  "call", "meeting", "email", "quote_sent", "contract_sent", "chat",
  "care_thanks", "care_survey", "care_visit", "care_call", "note",
};

const char *
crm_interaction_kind_to_string (CrmInteractionKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return NULL;
  return kind_names[kind];
}

gboolean
crm_interaction_kind_from_string (const char         *text,
                                  CrmInteractionKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_interaction_kind_label (CrmInteractionKind kind)
{
  switch (kind)
    {
    case CRM_INTERACTION_KIND_CALL:
      return _("Phone call");
    case CRM_INTERACTION_KIND_MEETING:
      return _("Meeting");
    case CRM_INTERACTION_KIND_EMAIL:
      return _("Email");
    case CRM_INTERACTION_KIND_QUOTE_SENT:
      return _("Quote sent");
    case CRM_INTERACTION_KIND_CONTRACT_SENT:
      return _("Contract sent");
    case CRM_INTERACTION_KIND_CHAT:
      return _("Chat message");
    case CRM_INTERACTION_KIND_CARE_THANKS:
      return _("Thank-you message");
    case CRM_INTERACTION_KIND_CARE_SURVEY:
      return _("Satisfaction survey");
    case CRM_INTERACTION_KIND_CARE_VISIT:
      return _("Care visit");
    case CRM_INTERACTION_KIND_CARE_CALL:
      return _("Care call");
    case CRM_INTERACTION_KIND_NOTE:
      return _("Note");
    default:
      return "";
    }
}

/* TRUE when the value changed, so setters notify only then. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
crm_interaction_finalize (GObject *object)
{
  CrmInteraction *self = CRM_INTERACTION (object);

  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->occurred_at, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->outcome, g_free);
  g_clear_pointer (&self->next_due_on, g_free);

  G_OBJECT_CLASS (crm_interaction_parent_class)->finalize (object);
}

static void
crm_interaction_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmInteraction *self = CRM_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    case PROP_CONTACT_ID:
      g_value_set_int64 (value, self->contact_id);
      break;
    case PROP_CONTACT_NAME:
      g_value_set_string (value, self->contact_name);
      break;
    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, crm_interaction_kind_label (self->kind));
      break;
    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;
    case PROP_OCCURRED_AT:
      g_value_set_string (value, self->occurred_at);
      break;
    case PROP_OCCURRED_AT_DISPLAY:
      g_value_take_string (value, crm_interaction_format_occurred_at (self));
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
      break;
    case PROP_NEXT_DUE_ON:
      g_value_set_string (value, self->next_due_on);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_interaction_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmInteraction *self = CRM_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      crm_interaction_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_CUSTOMER_ID:
      crm_interaction_set_customer_id (self, g_value_get_int64 (value));
      break;
    case PROP_CUSTOMER_NAME:
      crm_interaction_set_customer_name (self, g_value_get_string (value));
      break;
    case PROP_CONTACT_ID:
      crm_interaction_set_contact_id (self, g_value_get_int64 (value));
      break;
    case PROP_CONTACT_NAME:
      crm_interaction_set_contact_name (self, g_value_get_string (value));
      break;
    case PROP_USER_ID:
      crm_interaction_set_user_id (self, g_value_get_int64 (value));
      break;
    case PROP_USER_NAME:
      crm_interaction_set_user_name (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      crm_interaction_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_CHANNEL:
      crm_interaction_set_channel (self, g_value_get_string (value));
      break;
    case PROP_OCCURRED_AT:
      crm_interaction_set_occurred_at (self, g_value_get_string (value));
      break;
    case PROP_SUMMARY:
      crm_interaction_set_summary (self, g_value_get_string (value));
      break;
    case PROP_OUTCOME:
      crm_interaction_set_outcome (self, g_value_get_string (value));
      break;
    case PROP_NEXT_DUE_ON:
      crm_interaction_set_next_due_on (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
id_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
crm_interaction_class_init (CrmInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_interaction_finalize;
  object_class->get_property = crm_interaction_get_property;
  object_class->set_property = crm_interaction_set_property;

  properties[PROP_ID] = id_property ("id");
  properties[PROP_CUSTOMER_ID] = id_property ("customer-id");
  properties[PROP_CUSTOMER_NAME] = string_property ("customer-name");
  properties[PROP_CONTACT_ID] = id_property ("contact-id");
  properties[PROP_CONTACT_NAME] = string_property ("contact-name");
  properties[PROP_USER_ID] = id_property ("user-id");
  properties[PROP_USER_NAME] = string_property ("user-name");
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CRM_TYPE_INTERACTION_KIND, CRM_INTERACTION_KIND_CALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANNEL] = string_property ("channel");
  properties[PROP_OCCURRED_AT] = string_property ("occurred-at");
  properties[PROP_OCCURRED_AT_DISPLAY] =
    g_param_spec_string ("occurred-at-display", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] = string_property ("summary");
  properties[PROP_OUTCOME] = string_property ("outcome");
  properties[PROP_NEXT_DUE_ON] = string_property ("next-due-on");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_interaction_init (CrmInteraction *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->kind = CRM_INTERACTION_KIND_CALL;
  self->occurred_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

CrmInteraction *
crm_interaction_new (void)
{
  return g_object_new (CRM_TYPE_INTERACTION, NULL);
}

/* An editor works on a copy and hands it to the store on save. */
CrmInteraction *
crm_interaction_copy (CrmInteraction *self)
{
  CrmInteraction *copy;

  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);

  copy = crm_interaction_new ();
  copy->id = self->id;
  copy->customer_id = self->customer_id;
  copy->customer_name = g_strdup (self->customer_name);
  copy->contact_id = self->contact_id;
  copy->contact_name = g_strdup (self->contact_name);
  copy->user_id = self->user_id;
  copy->user_name = g_strdup (self->user_name);
  copy->kind = self->kind;
  copy->channel = g_strdup (self->channel);
  g_free (copy->occurred_at);
  copy->occurred_at = g_strdup (self->occurred_at);
  copy->summary = g_strdup (self->summary);
  copy->outcome = g_strdup (self->outcome);
  copy->next_due_on = g_strdup (self->next_due_on);
  return copy;
}

#define ID_ACCESSORS(field, PROP)                                           \
  gint64                                                                    \
  crm_interaction_get_##field (CrmInteraction *self)                        \
  {                                                                         \
    g_return_val_if_fail (CRM_IS_INTERACTION (self), 0);                    \
    return self->field;                                                     \
  }                                                                         \
                                                                            \
  void                                                                      \
  crm_interaction_set_##field (CrmInteraction *self,                        \
                               gint64          value)                       \
  {                                                                         \
    g_return_if_fail (CRM_IS_INTERACTION (self));                           \
    if (self->field == value)                                               \
      return;                                                               \
    self->field = value;                                                    \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);           \
  }

#define STRING_ACCESSORS(field, PROP)                                       \
  const char *                                                              \
  crm_interaction_get_##field (CrmInteraction *self)                        \
  {                                                                         \
    g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);                 \
    return self->field;                                                     \
  }                                                                         \
                                                                            \
  void                                                                      \
  crm_interaction_set_##field (CrmInteraction *self,                        \
                               const char     *value)                       \
  {                                                                         \
    g_return_if_fail (CRM_IS_INTERACTION (self));                           \
    if (replace_string (&self->field, value))                               \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);         \
  }

ID_ACCESSORS (id, PROP_ID)
ID_ACCESSORS (customer_id, PROP_CUSTOMER_ID)
ID_ACCESSORS (contact_id, PROP_CONTACT_ID)
ID_ACCESSORS (user_id, PROP_USER_ID)
STRING_ACCESSORS (customer_name, PROP_CUSTOMER_NAME)
STRING_ACCESSORS (contact_name, PROP_CONTACT_NAME)
STRING_ACCESSORS (user_name, PROP_USER_NAME)
STRING_ACCESSORS (channel, PROP_CHANNEL)
STRING_ACCESSORS (summary, PROP_SUMMARY)
STRING_ACCESSORS (outcome, PROP_OUTCOME)
STRING_ACCESSORS (next_due_on, PROP_NEXT_DUE_ON)

#undef ID_ACCESSORS
#undef STRING_ACCESSORS

CrmInteractionKind
crm_interaction_get_kind (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), CRM_INTERACTION_KIND_CALL);
  return self->kind;
}

/* Any value is kept, so that one read from elsewhere (an import, say)
 * reaches crm_interaction_validate() and its message. */
void
crm_interaction_set_kind (CrmInteraction     *self,
                          CrmInteractionKind  kind)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND_LABEL]);
}

const char *
crm_interaction_get_occurred_at (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);
  return self->occurred_at;
}

void
crm_interaction_set_occurred_at (CrmInteraction *self,
                                 const char     *occurred_at)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));

  if (!replace_string (&self->occurred_at, occurred_at))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCCURRED_AT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCCURRED_AT_DISPLAY]);
}

/* A timestamp without a zone is taken as local time: that is what a
 * person typing "2026-11-23 15:15" means. */
static GDateTime *
parse_timestamp (const char *text)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autofree char *trimmed = NULL;

  if (crm_text_is_blank (text) || !g_utf8_validate (text, -1, NULL))
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  local = g_time_zone_new_local ();
  /* As people in Vietnam write it: "30/11/2026 14:30" or "30/11/2026 14h30". */
  if (g_ascii_isdigit (trimmed[0]) && strchr (trimmed, '/') != NULL)
    {
      int day, month, year, hour, minute, used = 0;
      char separator;

      if (sscanf (trimmed, "%d/%d/%d %d%c%d%n", &day, &month, &year, &hour, &separator, &minute, &used) == 6 &&
          trimmed[used] == '\0' && (separator == ':' || separator == 'h' || separator == 'g') &&
          year >= 1900 && year <= 9999 && g_date_valid_dmy (day, month, year) &&
          hour >= 0 && hour < 24 && minute >= 0 && minute < 60)
        return g_date_time_new (local, year, month, day, hour, minute, 0);
      return NULL;
    }
  return g_date_time_new_from_iso8601 (trimmed, local);
}

GDateTime *
crm_interaction_dup_occurred_local (CrmInteraction *self)
{
  g_autoptr(GDateTime) parsed = NULL;

  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);

  if (!(parsed = parse_timestamp (self->occurred_at)))
    return NULL;
  return g_date_time_to_local (parsed);
}

char *
crm_interaction_format_occurred_at (CrmInteraction *self)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);

  if (!(local = crm_interaction_dup_occurred_local (self)))
    return g_strdup ("");
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

static void
clear_if_blank (CrmInteraction  *self,
                const char      *value,
                void           (*set) (CrmInteraction *, const char *))
{
  g_autofree char *trimmed = NULL;

  if (crm_text_is_blank (value))
    {
      set (self, NULL);
      return;
    }
  trimmed = g_strstrip (g_strdup (value));
  set (self, trimmed);
}

/* occurred_at to its stored form, UTC with a Z, and no later than a day
 * from now; *occurred gets it in local time for the date checks. */
static gboolean
normalise_occurred_at (CrmInteraction  *self,
                       GDateTime      **occurred,
                       GError         **error)
{
  g_autoptr(GDateTime) parsed = parse_timestamp (self->occurred_at);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stored = NULL;

  if (parsed == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_DATE,
                           _("Enter when this contact took place, as a date and a time."));
      return FALSE;
    }
  if (g_date_time_difference (parsed, now) > MAX_FUTURE_SPAN)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                           _("A contact cannot be dated more than one day ahead. To plan a call or a meeting, add it to the calendar."));
      return FALSE;
    }
  utc = g_date_time_to_utc (parsed);
  stored = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  crm_interaction_set_occurred_at (self, stored);
  *occurred = g_date_time_to_local (parsed);
  return TRUE;
}

/* The next contact is a business date, on or after the day of this one
 * where the user is. */
static gboolean
normalise_next_due_on (CrmInteraction  *self,
                       GDateTime       *occurred,
                       GError         **error)
{
  g_autofree char *iso = NULL;
  g_autofree char *occurred_on = NULL;
  g_autofree char *shown = NULL;

  if (crm_text_is_blank (self->next_due_on))
    {
      crm_interaction_set_next_due_on (self, NULL);
      return TRUE;
    }
  if (!crm_date_parse (self->next_due_on, &iso, error))
    {
      g_prefix_error (error, _("Next contact date: "));
      return FALSE;
    }
  occurred_on = g_date_time_format (occurred, "%Y-%m-%d");
  if (g_strcmp0 (iso, occurred_on) < 0)
    {
      shown = crm_date_format (occurred_on);
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   _("The next contact cannot be before this one (%s)."), shown);
      return FALSE;
    }
  crm_interaction_set_next_due_on (self, iso);
  return TRUE;
}

/**
 * crm_interaction_validate:
 *
 * Checks an entry before it is stored and rewrites it to the stored form:
 * occurred_at as UTC "yyyy-MM-ddTHH:mm:ssZ", next_due_on as "yyyy-MM-dd"
 * (dd/MM/yyyy is accepted), summary trimmed, empty optional text NULL.
 * On error @self may be partly normalised; nothing has been stored.
 */
gboolean
crm_interaction_validate (CrmInteraction  *self,
                          GError         **error)
{
  g_autoptr(GDateTime) occurred = NULL;

  g_return_val_if_fail (CRM_IS_INTERACTION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (crm_interaction_kind_to_string (self->kind) == NULL)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("Choose what kind of contact this was: a call, a meeting, an email…"));
      return FALSE;
    }
  if (crm_text_is_blank (self->summary))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Write down what was said or done."));
      return FALSE;
    }
  clear_if_blank (self, self->summary, crm_interaction_set_summary);
  clear_if_blank (self, self->channel, crm_interaction_set_channel);
  clear_if_blank (self, self->outcome, crm_interaction_set_outcome);

  return normalise_occurred_at (self, &occurred, error) &&
         normalise_next_due_on (self, occurred, error);
}
