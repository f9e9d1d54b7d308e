/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contract-editor"

#include "config.h"

#include "crm-contract-editor.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-contract-editor-private.h"
#include "crm-contract-store.h"
#include "crm-customer-store.h"
#include "crm-error.h"
#include "crm-money-words.h"
#include "crm-money.h"
#include "crm-product-store.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The contract editor's draft is a CrmContract plus, for each line and
 * instalment, a key that follows it across undo snapshots and the text of
 * a cell typed wrong with its error (the row keeps its last valid value
 * meanwhile); for the header, a date typed wrong.  Every change copies
 * the draft onto the undo stack first, so undo and redo swap whole
 * drafts.  Everything the view shows is derived from the draft by
 * refresh(), and properties are notified when their value changed
 * (publish() compares each with what it said last).  The line and
 * instalment items live in crm-contract-items.c. */

struct _CrmContractEditor
{
  GObject          parent_instance;

  CrmStore        *store;
  CrmSession      *session;
  Draft           *draft;
  CrmContract     *saved;              /* as last read or saved */
  GPtrArray       *undo;               /* Draft */
  GPtrArray       *redo;               /* Draft */
  GListStore      *lines;              /* CrmContractLineItem */
  GListStore      *instalments;        /* CrmContractInstalmentItem */
  CrmQuoteTotals   totals;
  char            *words;
  char            *schedule_error;
  char            *field_error[CRM_CONTRACT_EDITOR_N_FIELDS];
  char            *message;
  gboolean         valid;              /* the draft would pass the store's checks */
  gboolean         complete;           /* and could be activated */
  gboolean         allow_another;
  guint64          next_key;
  GValue          *shown;              /* what each property said last */
};

G_DEFINE_FINAL_TYPE (CrmContractEditor, crm_contract_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIRST_FIELD,
  PROP_FIRST_FIELD_ERROR = PROP_FIRST_FIELD + CRM_CONTRACT_EDITOR_N_FIELDS,
  PROP_ID = PROP_FIRST_FIELD_ERROR + CRM_CONTRACT_EDITOR_N_FIELDS,
  PROP_CODE,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_REVISION,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_QUOTE_ID,
  PROP_QUOTE_CODE,
  PROP_LINES,
  PROP_INSTALMENTS,
  PROP_SUBTOTAL,
  PROP_DISCOUNT_TOTAL,
  PROP_VAT_TOTAL,
  PROP_GRAND_TOTAL,
  PROP_INSTALMENTS_TOTAL,
  PROP_UNSCHEDULED,
  PROP_SCHEDULE_ERROR,
  PROP_AMOUNT_IN_WORDS,
  PROP_DIRTY,
  PROP_CAN_SAVE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_READ_ONLY,
  PROP_CAN_ACTIVATE,
  PROP_CAN_COMPLETE,
  PROP_CAN_CANCEL,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const field_names[CRM_CONTRACT_EDITOR_N_FIELDS] = {
  "title", "customer-rep", "customer-rep-title", "company-rep", "company-rep-title",
  "signed-on", "starts-on", "ends-on", "payment-terms", "terms",
};

static const char *const field_error_names[CRM_CONTRACT_EDITOR_N_FIELDS] = {
  "title-error", "customer-rep-error", "customer-rep-title-error", "company-rep-error",
  "company-rep-title-error", "signed-on-error", "starts-on-error", "ends-on-error",
  "payment-terms-error", "terms-error",
};

/* Drafts ------------------------------------------------------------------------- */

static void
row_state_free (RowState *state)
{
  for (guint i = 0; i < ROW_MAX_CELLS; i++)
    {
      g_free (state->bad[i]);
      g_free (state->error[i]);
    }
  g_free (state);
}

static gpointer
row_state_copy (gconstpointer data,
                gpointer      user_data)
{
  const RowState *state = data;
  RowState *copy = g_new0 (RowState, 1);

  copy->key = state->key;
  for (guint i = 0; i < ROW_MAX_CELLS; i++)
    {
      copy->bad[i] = g_strdup (state->bad[i]);
      copy->error[i] = g_strdup (state->error[i]);
    }
  return copy;
}

static void
draft_free (Draft *draft)
{
  if (draft == NULL)
    return;
  crm_contract_free (draft->contract);
  g_ptr_array_unref (draft->line_states);
  g_ptr_array_unref (draft->instalment_states);
  for (guint i = 0; i < CRM_CONTRACT_EDITOR_N_FIELDS; i++)
    {
      g_free (draft->bad_field[i]);
      g_free (draft->bad_field_error[i]);
    }
  g_free (draft);
}

static Draft *
draft_copy (const Draft *draft)
{
  Draft *copy = g_new0 (Draft, 1);

  copy->contract = crm_contract_copy (draft->contract);
  copy->line_states = g_ptr_array_copy (draft->line_states, row_state_copy, NULL);
  g_ptr_array_set_free_func (copy->line_states, (GDestroyNotify) row_state_free);
  copy->instalment_states = g_ptr_array_copy (draft->instalment_states, row_state_copy, NULL);
  g_ptr_array_set_free_func (copy->instalment_states, (GDestroyNotify) row_state_free);
  for (guint i = 0; i < CRM_CONTRACT_EDITOR_N_FIELDS; i++)
    {
      copy->bad_field[i] = g_strdup (draft->bad_field[i]);
      copy->bad_field_error[i] = g_strdup (draft->bad_field_error[i]);
    }
  return copy;
}

static RowState *
new_state (CrmContractEditor *self)
{
  RowState *state = g_new0 (RowState, 1);

  state->key = ++self->next_key;
  return state;
}

static Draft *
draft_new (CrmContractEditor *self,
           CrmContract       *contract)
{
  Draft *draft = g_new0 (Draft, 1);

  draft->contract = contract;
  draft->line_states = g_ptr_array_new_with_free_func ((GDestroyNotify) row_state_free);
  draft->instalment_states = g_ptr_array_new_with_free_func ((GDestroyNotify) row_state_free);
  for (guint i = 0; i < contract->lines->len; i++)
    g_ptr_array_add (draft->line_states, new_state (self));
  for (guint i = 0; i < contract->instalments->len; i++)
    g_ptr_array_add (draft->instalment_states, new_state (self));
  return draft;
}

static gboolean
has_bad_text (const Draft *draft)
{
  GPtrArray *sets[] = { draft->line_states, draft->instalment_states };

  for (guint i = 0; i < CRM_CONTRACT_EDITOR_N_FIELDS; i++)
    if (draft->bad_field[i] != NULL)
      return TRUE;
  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    for (guint i = 0; i < sets[s]->len; i++)
      for (guint c = 0; c < ROW_MAX_CELLS; c++)
        if (((RowState *) g_ptr_array_index (sets[s], i))->bad[c] != NULL)
          return TRUE;
  return FALSE;
}

static gboolean
is_blank_line (const CrmQuoteLine *line)
{
  return crm_text_is_blank (line->description) && line->product_id <= 0 && line->unit_price == 0;
}

/* The draft as the store gets it: lines left blank dropped, validated. */
static CrmContract *
prepared_contract (CrmContractEditor  *self,
                   GError            **error)
{
  g_autoptr(CrmContract) contract = crm_contract_copy (self->draft->contract);

  for (guint i = contract->lines->len; i > 0; i--)
    if (is_blank_line (g_ptr_array_index (contract->lines, i - 1)))
      g_ptr_array_remove_index (contract->lines, i - 1);
  if (!crm_contract_validate (contract, error))
    return NULL;
  return g_steal_pointer (&contract);
}

/* Publishing --------------------------------------------------------------------------- */

static gboolean
read_only (CrmContractEditor *self)
{
  return crm_contract_status_is_locked (self->draft->contract->status);
}

static gboolean
dirty (CrmContractEditor *self)
{
  const CrmContract *contract = self->draft->contract;

  return contract->id == 0 || has_bad_text (self->draft) || self->saved == NULL ||
         !crm_contract_same_content (self->saved, contract) ||
         !crm_contract_same_payments (self->saved, contract);
}

static void
set_text (char       **field,
          const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

static void
publish (CrmContractEditor *self)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_auto(GValue) now = G_VALUE_INIT;

      g_value_init (&now, properties[i]->value_type);
      g_object_get_property (object, properties[i]->name, &now);
      if (G_VALUE_TYPE (&self->shown[i]) != 0 && g_param_values_cmp (properties[i], &now, &self->shown[i]) == 0)
        continue;
      if (G_VALUE_TYPE (&self->shown[i]) == 0)
        g_value_init (&self->shown[i], properties[i]->value_type);
      g_value_copy (&now, &self->shown[i]);
      g_object_notify_by_pspec (object, properties[i]);
    }
  g_object_thaw_notify (object);
}

static void
compute_field_errors (CrmContractEditor *self)
{
  const CrmContract *contract = self->draft->contract;

  for (guint i = 0; i < CRM_CONTRACT_EDITOR_N_FIELDS; i++)
    set_text (&self->field_error[i], self->draft->bad_field_error[i]);
  if (self->field_error[CRM_CONTRACT_EDITOR_FIELD_ENDS_ON] == NULL && contract->starts_on != NULL &&
      contract->ends_on != NULL && strcmp (contract->ends_on, contract->starts_on) < 0)
    set_text (&self->field_error[CRM_CONTRACT_EDITOR_FIELD_ENDS_ON],
              _("The contract cannot end before it starts."));
}

static void
compute_totals (CrmContractEditor *self)
{
  g_autoptr(CrmContract) counted = crm_contract_copy (self->draft->contract);
  gint64 scheduled = crm_contract_instalments_total (counted);

  for (guint i = counted->lines->len; i > 0; i--)
    if (is_blank_line (g_ptr_array_index (counted->lines, i - 1)))
      g_ptr_array_remove_index (counted->lines, i - 1);
  crm_quote_totals_clear (&self->totals);
  if (!crm_contract_compute_totals (counted, &self->totals, NULL))
    crm_quote_totals_clear (&self->totals);
  g_free (self->words);
  self->words = crm_money_words (self->totals.grand_total);
  g_clear_pointer (&self->schedule_error, g_free);
  if (counted->instalments->len > 0 && scheduled != self->totals.grand_total)
    {
      g_autofree char *sum = crm_money_format (scheduled);
      g_autofree char *value = crm_money_format (self->totals.grand_total);

      self->schedule_error = g_strdup_printf (_("The payments add up to %s; the contract is worth %s."),
                                              sum, value);
    }
}

/* Everything shown, from the draft. */
static void
refresh (CrmContractEditor *self)
{
  g_autoptr(CrmContract) prepared = NULL;

  compute_field_errors (self);
  compute_totals (self);
  prepared = prepared_contract (self, NULL);
  self->valid = prepared != NULL && !has_bad_text (self->draft);
  self->complete = self->valid && crm_contract_check_activation (prepared, NULL);
  _crm_contract_items_sync (self, self->lines, self->draft, TRUE);
  _crm_contract_items_sync (self, self->instalments, self->draft, FALSE);
  publish (self);
}

static void
set_message (CrmContractEditor *self,
             const char        *message)
{
  set_text (&self->message, message);
  publish (self);
}

/* Records @local as the message and hands it to the caller. */
static gboolean
fail (CrmContractEditor  *self,
      GError             *local,
      GError            **error)
{
  set_message (self, local->message);
  g_propagate_error (error, local);
  return FALSE;
}

static gboolean
refuse (CrmContractEditor  *self,
        GError            **error)
{
  const CrmContract *contract = self->draft->contract;
  GError *local = g_error_new (CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                               _("Contract %s is “%s” and locked: it can no longer be changed."),
                               contract->code ? contract->code : "",
                               crm_contract_status_label (contract->status));

  return fail (self, local, error);
}

static void
push_undo (CrmContractEditor *self)
{
  g_ptr_array_add (self->undo, draft_copy (self->draft));
  if (self->undo->len > CRM_CONTRACT_EDITOR_MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_clear_pointer (&self->message, g_free);
}

/* Starts one undo step. */
static gboolean
begin_change (CrmContractEditor  *self,
              GError            **error)
{
  if (read_only (self))
    return refuse (self, error);
  push_undo (self);
  return TRUE;
}

static void
reset (CrmContractEditor *self,
       CrmContract       *contract)
{
  g_clear_pointer (&self->saved, crm_contract_free);
  if (contract->id > 0)
    self->saved = crm_contract_copy (contract);
  draft_free (self->draft);
  self->draft = draft_new (self, contract);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_clear_pointer (&self->message, g_free);
  refresh (self);
}

/* GObject ------------------------------------------------------------------------------- */

static const char *
field_value (CrmContractEditor      *self,
             CrmContractEditorField  field,
             char                  **formatted)
{
  const CrmContract *contract = self->draft->contract;
  const char *values[CRM_CONTRACT_EDITOR_N_FIELDS] = {
    contract->title, contract->customer_rep, contract->customer_rep_title, contract->company_rep,
    contract->company_rep_title, contract->signed_on, contract->starts_on, contract->ends_on,
    contract->payment_terms, contract->terms,
  };

  if (self->draft->bad_field[field] != NULL)
    return self->draft->bad_field[field];
  if (field >= CRM_CONTRACT_EDITOR_FIELD_SIGNED_ON && field <= CRM_CONTRACT_EDITOR_FIELD_ENDS_ON)
    return (*formatted = crm_date_format (values[field])) != NULL ? *formatted : "";
  return values[field] != NULL ? values[field] : "";
}

static void
crm_contract_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmContractEditor *self = CRM_CONTRACT_EDITOR (object);
  const CrmContract *contract = self->draft->contract;
  g_autofree char *formatted = NULL;

  if (prop_id >= PROP_FIRST_FIELD && prop_id < PROP_FIRST_FIELD_ERROR)
    {
      g_value_set_string (value, field_value (self, prop_id - PROP_FIRST_FIELD, &formatted));
      return;
    }
  if (prop_id >= PROP_FIRST_FIELD_ERROR && prop_id < PROP_ID)
    {
      g_value_set_string (value, self->field_error[prop_id - PROP_FIRST_FIELD_ERROR]);
      return;
    }
  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, contract->id); break;
    case PROP_CODE: g_value_set_string (value, contract->code); break;
    case PROP_STATUS: g_value_set_enum (value, contract->status); break;
    case PROP_STATUS_LABEL: g_value_set_string (value, crm_contract_status_label (contract->status)); break;
    case PROP_REVISION: g_value_set_int (value, contract->revision); break;
    case PROP_CUSTOMER_ID: g_value_set_int64 (value, contract->customer_id); break;
    case PROP_CUSTOMER_NAME: g_value_set_string (value, contract->customer_name); break;
    case PROP_QUOTE_ID: g_value_set_int64 (value, contract->quote_id); break;
    case PROP_QUOTE_CODE: g_value_set_string (value, contract->quote_code); break;
    case PROP_LINES: g_value_set_object (value, self->lines); break;
    case PROP_INSTALMENTS: g_value_set_object (value, self->instalments); break;
    case PROP_SUBTOTAL: g_value_set_int64 (value, self->totals.subtotal); break;
    case PROP_DISCOUNT_TOTAL: g_value_set_int64 (value, self->totals.discount_total); break;
    case PROP_VAT_TOTAL: g_value_set_int64 (value, self->totals.vat_total); break;
    case PROP_GRAND_TOTAL: g_value_set_int64 (value, self->totals.grand_total); break;
    case PROP_INSTALMENTS_TOTAL: g_value_set_int64 (value, crm_contract_instalments_total (contract)); break;
    case PROP_UNSCHEDULED:
      g_value_set_int64 (value, self->totals.grand_total - crm_contract_instalments_total (contract));
      break;
    case PROP_SCHEDULE_ERROR: g_value_set_string (value, self->schedule_error); break;
    case PROP_AMOUNT_IN_WORDS: g_value_set_string (value, self->words); break;
    case PROP_DIRTY: g_value_set_boolean (value, dirty (self)); break;
    case PROP_CAN_SAVE: g_value_set_boolean (value, crm_contract_editor_get_can_save (self)); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, self->undo->len > 0); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, self->redo->len > 0); break;
    case PROP_READ_ONLY: g_value_set_boolean (value, read_only (self)); break;
    case PROP_CAN_ACTIVATE: g_value_set_boolean (value, crm_contract_editor_get_can_activate (self)); break;
    case PROP_CAN_COMPLETE:
      g_value_set_boolean (value, contract->id > 0 && contract->status == CRM_CONTRACT_STATUS_ACTIVE);
      break;
    case PROP_CAN_CANCEL:
      g_value_set_boolean (value, contract->id > 0 && crm_contract_status_can_become (contract->status,
                                                                                     CRM_CONTRACT_STATUS_CANCELLED));
      break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_contract_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CrmContractEditor *self = CRM_CONTRACT_EDITOR (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id < PROP_FIRST_FIELD_ERROR)
    crm_contract_editor_set_field (self, prop_id - PROP_FIRST_FIELD, g_value_get_string (value), NULL);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_contract_editor_dispose (GObject *object)
{
  CrmContractEditor *self = CRM_CONTRACT_EDITOR (object);

  if (self->lines != NULL)
    _crm_contract_items_detach (G_LIST_MODEL (self->lines));
  if (self->instalments != NULL)
    _crm_contract_items_detach (G_LIST_MODEL (self->instalments));
  g_clear_object (&self->lines);
  g_clear_object (&self->instalments);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (crm_contract_editor_parent_class)->dispose (object);
}

static void
crm_contract_editor_finalize (GObject *object)
{
  CrmContractEditor *self = CRM_CONTRACT_EDITOR (object);

  draft_free (self->draft);
  g_clear_pointer (&self->saved, crm_contract_free);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  crm_quote_totals_clear (&self->totals);
  g_free (self->words);
  g_free (self->schedule_error);
  g_free (self->message);
  for (guint i = 0; i < CRM_CONTRACT_EDITOR_N_FIELDS; i++)
    g_free (self->field_error[i]);
  for (guint i = 0; i < N_PROPS; i++)
    if (G_VALUE_TYPE (&self->shown[i]) != 0)
      g_value_unset (&self->shown[i]);
  g_free (self->shown);
  G_OBJECT_CLASS (crm_contract_editor_parent_class)->finalize (object);
}

static GParamSpec *
int64_spec (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
string_spec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_spec (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
crm_contract_editor_class_init (CrmContractEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = crm_contract_editor_get_property;
  object_class->set_property = crm_contract_editor_set_property;
  object_class->dispose = crm_contract_editor_dispose;
  object_class->finalize = crm_contract_editor_finalize;

  for (guint i = 0; i < CRM_CONTRACT_EDITOR_N_FIELDS; i++)
    {
      properties[PROP_FIRST_FIELD + i] =
        g_param_spec_string (field_names[i], NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
      properties[PROP_FIRST_FIELD_ERROR + i] = string_spec (field_error_names[i]);
    }
  properties[PROP_ID] = int64_spec ("id");
  properties[PROP_CODE] = string_spec ("code");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CRM_TYPE_CONTRACT_STATUS, CRM_CONTRACT_STATUS_DRAFT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] = string_spec ("status-label");
  properties[PROP_REVISION] =
    g_param_spec_int ("revision", NULL, NULL, 0, G_MAXINT, 1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] = int64_spec ("customer-id");
  properties[PROP_CUSTOMER_NAME] = string_spec ("customer-name");
  properties[PROP_QUOTE_ID] = int64_spec ("quote-id");
  properties[PROP_QUOTE_CODE] = string_spec ("quote-code");
  properties[PROP_LINES] =
    g_param_spec_object ("lines", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTALMENTS] =
    g_param_spec_object ("instalments", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTOTAL] = int64_spec ("subtotal");
  properties[PROP_DISCOUNT_TOTAL] = int64_spec ("discount-total");
  properties[PROP_VAT_TOTAL] = int64_spec ("vat-total");
  properties[PROP_GRAND_TOTAL] = int64_spec ("grand-total");
  properties[PROP_INSTALMENTS_TOTAL] = int64_spec ("instalments-total");
  properties[PROP_UNSCHEDULED] = int64_spec ("unscheduled");
  properties[PROP_SCHEDULE_ERROR] = string_spec ("schedule-error");
  properties[PROP_AMOUNT_IN_WORDS] = string_spec ("amount-in-words");
  properties[PROP_DIRTY] = boolean_spec ("dirty");
  properties[PROP_CAN_SAVE] = boolean_spec ("can-save");
  properties[PROP_CAN_UNDO] = boolean_spec ("can-undo");
  properties[PROP_CAN_REDO] = boolean_spec ("can-redo");
  properties[PROP_READ_ONLY] = boolean_spec ("read-only");
  properties[PROP_CAN_ACTIVATE] = boolean_spec ("can-activate");
  properties[PROP_CAN_COMPLETE] = boolean_spec ("can-complete");
  properties[PROP_CAN_CANCEL] = boolean_spec ("can-cancel");
  properties[PROP_MESSAGE] = string_spec ("message");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_contract_editor_init (CrmContractEditor *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_free);
  self->lines = g_list_store_new (CRM_TYPE_CONTRACT_LINE_ITEM);
  self->instalments = g_list_store_new (CRM_TYPE_CONTRACT_INSTALMENT_ITEM);
  self->shown = g_new0 (GValue, N_PROPS);
  self->draft = draft_new (self, crm_contract_new ());
}

/* Public API: opening ---------------------------------------------------------------------- */

CrmContractEditor *
crm_contract_editor_new (CrmStore   *store,
                         CrmSession *session)
{
  CrmContractEditor *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CONTRACT_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  refresh (self);
  return self;
}

gboolean
crm_contract_editor_load (CrmContractEditor  *self,
                          gint64              contract_id,
                          GError            **error)
{
  CrmContract *contract;
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);

  if (!(contract = crm_contract_store_get (self->store, self->session, contract_id, &local)))
    return fail (self, local, error);
  self->allow_another = FALSE;
  reset (self, contract);
  return TRUE;
}

static void
start_today (CrmContract *contract)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  if (contract->starts_on == NULL)
    contract->starts_on = g_date_time_format (today, "%Y-%m-%d");
}

gboolean
crm_contract_editor_start_new (CrmContractEditor  *self,
                               gint64              customer_id,
                               GError            **error)
{
  g_autoptr(CrmCustomer) customer = NULL;
  CrmContract *contract;
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);

  if (!(customer = crm_customer_store_get (self->store, self->session, customer_id, &local)))
    return fail (self, local, error);
  contract = crm_contract_new ();
  contract->customer_id = customer_id;
  contract->customer_code = g_strdup (customer->code);
  contract->customer_name = g_strdup (customer->full_name);
  contract->owner_id = crm_session_get_user_id (self->session);
  contract->owner_name = g_strdup (crm_session_get_full_name (self->session));
  contract->company_rep = g_strdup (crm_session_get_full_name (self->session));
  start_today (contract);
  self->allow_another = FALSE;
  reset (self, contract);
  return TRUE;
}

gboolean
crm_contract_editor_start_from_quote (CrmContractEditor  *self,
                                      gint64              quote_id,
                                      gboolean            allow_another,
                                      GError            **error)
{
  CrmContract *contract;
  GError *local = NULL;
  gint64 existing;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);

  if (!(contract = crm_contract_store_draft_from_quote (self->store, self->session, quote_id, &local)))
    return fail (self, local, error);
  existing = crm_contract_store_count_for_quote (self->store, self->session, quote_id, &local);
  if (existing != 0 && (existing < 0 || !allow_another))
    {
      if (local == NULL)
        local = g_error_new (CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS,
                             _("Quote %s already has a contract. Make another one only if the customer signs a second contract for it."),
                             contract->quote_code);
      crm_contract_free (contract);
      return fail (self, local, error);
    }
  start_today (contract);
  self->allow_another = allow_another;
  reset (self, contract);
  return TRUE;
}

/* Public API: state -------------------------------------------------------------------------- */

const CrmContract *
crm_contract_editor_get_contract (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  return self->draft->contract;
}

gint64
crm_contract_editor_get_id (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), 0);
  return self->draft->contract->id;
}

CrmContractStatus
crm_contract_editor_get_status (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), CRM_CONTRACT_STATUS_DRAFT);
  return self->draft->contract->status;
}

gint
crm_contract_editor_get_revision (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), 0);
  return self->draft->contract->revision;
}

gboolean
crm_contract_editor_get_read_only (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), TRUE);
  return read_only (self);
}

gboolean
crm_contract_editor_get_dirty (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  return dirty (self);
}

/* A locked contract saves payments only, and a valid one. */
gboolean
crm_contract_editor_get_can_save (CrmContractEditor *self)
{
  CrmContractStatus status;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);

  status = self->draft->contract->status;
  if (!dirty (self) || !self->valid || self->draft->contract->customer_id <= 0)
    return FALSE;
  if (status == CRM_CONTRACT_STATUS_ACTIVE)
    return self->complete;
  if (crm_contract_status_is_locked (status))
    return status != CRM_CONTRACT_STATUS_CANCELLED && self->saved != NULL &&
           crm_contract_same_content (self->saved, self->draft->contract);
  return TRUE;
}

gboolean
crm_contract_editor_get_can_undo (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  return self->undo->len > 0;
}

gboolean
crm_contract_editor_get_can_redo (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  return self->redo->len > 0;
}

gboolean
crm_contract_editor_get_can_activate (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  return self->draft->contract->status == CRM_CONTRACT_STATUS_DRAFT && self->complete &&
         self->draft->contract->customer_id > 0;
}

const char *
crm_contract_editor_get_message (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  return self->message;
}

const CrmQuoteTotals *
crm_contract_editor_get_totals (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  return &self->totals;
}

const char *
crm_contract_editor_get_amount_in_words (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  return self->words;
}

gint64
crm_contract_editor_get_instalments_total (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), 0);
  return crm_contract_instalments_total (self->draft->contract);
}

const char *
crm_contract_editor_get_schedule_error (CrmContractEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  return self->schedule_error;
}

/* Public API: header ------------------------------------------------------------------------- */

static char **
field_slot (CrmContract            *contract,
            CrmContractEditorField  field)
{
  char **slots[CRM_CONTRACT_EDITOR_N_FIELDS] = {
    &contract->title, &contract->customer_rep, &contract->customer_rep_title, &contract->company_rep,
    &contract->company_rep_title, &contract->signed_on, &contract->starts_on, &contract->ends_on,
    &contract->payment_terms, &contract->terms,
  };

  return slots[field];
}

gboolean
crm_contract_editor_set_field (CrmContractEditor       *self,
                               CrmContractEditorField   field,
                               const char              *text,
                               GError                 **error)
{
  g_autofree char *formatted = NULL;
  g_autofree char *iso = NULL;
  g_autoptr(GError) parse_error = NULL;
  char **slot;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  g_return_val_if_fail ((guint) field < CRM_CONTRACT_EDITOR_N_FIELDS, FALSE);

  if (g_strcmp0 (field_value (self, field, &formatted), text ? text : "") == 0)
    return TRUE;
  if (!begin_change (self, error))
    return FALSE;
  slot = field_slot (self->draft->contract, field);
  g_clear_pointer (&self->draft->bad_field[field], g_free);
  g_clear_pointer (&self->draft->bad_field_error[field], g_free);
  g_clear_pointer (slot, g_free);
  if (field < CRM_CONTRACT_EDITOR_FIELD_SIGNED_ON || field > CRM_CONTRACT_EDITOR_FIELD_ENDS_ON)
    *slot = crm_text_is_blank (text) ? NULL : g_strdup (text);
  else if (!crm_text_is_blank (text) && !crm_date_parse (text, &iso, &parse_error))
    {
      self->draft->bad_field[field] = g_strdup (text);
      self->draft->bad_field_error[field] = g_strdup (parse_error->message);
    }
  else
    *slot = g_steal_pointer (&iso);
  refresh (self);
  return TRUE;
}

const char *
crm_contract_editor_get_field (CrmContractEditor      *self,
                               CrmContractEditorField  field)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  g_return_val_if_fail ((guint) field < CRM_CONTRACT_EDITOR_N_FIELDS, NULL);

  /* The shown value outlives the call, as a property would. */
  return g_value_get_string (&self->shown[PROP_FIRST_FIELD + field]);
}

const char *
crm_contract_editor_get_field_error (CrmContractEditor      *self,
                                     CrmContractEditorField  field)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  g_return_val_if_fail ((guint) field < CRM_CONTRACT_EDITOR_N_FIELDS, NULL);
  return self->field_error[field];
}

/* Private API for the items and the row editing in crm-contract-items.c ------------------------ */

Draft *
_crm_contract_editor_get_draft (CrmContractEditor *self)
{
  return self->draft;
}

RowState *
_crm_contract_editor_new_state (CrmContractEditor *self)
{
  return new_state (self);
}

gboolean
_crm_contract_editor_begin_change (CrmContractEditor  *self,
                                   GError            **error)
{
  return begin_change (self, error);
}

/* Payments are still recorded once a contract is completed or expired. */
gboolean
_crm_contract_editor_begin_payment (CrmContractEditor  *self,
                                    GError            **error)
{
  if (self->draft->contract->status == CRM_CONTRACT_STATUS_CANCELLED)
    return refuse (self, error);
  push_undo (self);
  return TRUE;
}

void
_crm_contract_editor_end_change (CrmContractEditor *self)
{
  refresh (self);
}

gboolean
_crm_contract_editor_fail (CrmContractEditor  *self,
                           GError             *local,
                           GError            **error)
{
  return fail (self, local, error);
}

CrmStore *
_crm_contract_editor_get_store (CrmContractEditor *self,
                                CrmSession       **session)
{
  *session = self->session;
  return self->store;
}

/* Public API: undo ------------------------------------------------------------------------------ */

static gboolean
swap_draft (CrmContractEditor  *self,
            GPtrArray          *from,
            GPtrArray          *to,
            GError            **error)
{
  if (from->len == 0)
    {
      set_message (self, NULL);
      return TRUE;
    }
  g_ptr_array_add (to, self->draft);
  self->draft = g_ptr_array_steal_index (from, from->len - 1);
  g_clear_pointer (&self->message, g_free);
  refresh (self);
  return TRUE;
}

gboolean
crm_contract_editor_undo (CrmContractEditor  *self,
                          GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  return swap_draft (self, self->undo, self->redo, error);
}

gboolean
crm_contract_editor_redo (CrmContractEditor  *self,
                          GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  return swap_draft (self, self->redo, self->undo, error);
}

/* Back to the contract as last read or saved (one undo step). */
gboolean
crm_contract_editor_revert (CrmContractEditor  *self,
                            GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);

  if (self->saved == NULL || !dirty (self))
    return TRUE;
  g_ptr_array_add (self->undo, self->draft);
  self->draft = draft_new (self, crm_contract_copy (self->saved));
  g_ptr_array_set_size (self->redo, 0);
  refresh (self);
  return TRUE;
}

/* Public API: store actions ------------------------------------------------------------------------ */

static gboolean
write_draft (CrmContractEditor  *self,
             GError            **error)
{
  g_autoptr(CrmContract) contract = NULL;
  GError *local = NULL;
  gboolean ok;

  if (has_bad_text (self->draft))
    return fail (self, g_error_new_literal (CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                                            _("Correct the fields marked in red first.")), error);
  if (!(contract = prepared_contract (self, &local)))
    return fail (self, local, error);
  if (contract->id == 0)
    ok = crm_contract_store_create (self->store, self->session, contract, self->allow_another, &local) > 0;
  else
    ok = crm_contract_store_save (self->store, self->session, contract, &local);
  if (!ok)
    return fail (self, local, error);
  reset (self, g_steal_pointer (&contract));
  return TRUE;
}

gboolean
crm_contract_editor_save (CrmContractEditor  *self,
                          GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);

  if (!dirty (self))
    {
      set_message (self, NULL);
      return TRUE;
    }
  return write_draft (self, error);
}

typedef gboolean (*MoveFunc) (CrmStore *, CrmSession *, gint64, GError **);

/* Saves pending changes, moves the status, reads the contract back. */
static gboolean
move (CrmContractEditor  *self,
      MoveFunc            func,
      GError            **error)
{
  GError *local = NULL;

  if (dirty (self) && !write_draft (self, error))
    return FALSE;
  if (!func (self->store, self->session, self->draft->contract->id, &local))
    return fail (self, local, error);
  return crm_contract_editor_load (self, self->draft->contract->id, error);
}

gboolean
crm_contract_editor_activate (CrmContractEditor  *self,
                              GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  return move (self, crm_contract_store_activate, error);
}

gboolean
crm_contract_editor_complete (CrmContractEditor  *self,
                              GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  return move (self, crm_contract_store_complete, error);
}

gboolean
crm_contract_editor_cancel (CrmContractEditor  *self,
                            GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  return move (self, crm_contract_store_cancel, error);
}

GPtrArray *
crm_contract_editor_list_revisions (CrmContractEditor  *self,
                                    GError            **error)
{
  GPtrArray *revisions;
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);

  if (self->draft->contract->id == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contract_revision_free);
  if (!(revisions = crm_contract_store_list_revisions (self->store, self->session, self->draft->contract->id,
                                                       &local)))
    fail (self, local, error);
  return revisions;
}

static CrmContract *
revision_or_draft (CrmContractEditor  *self,
                   gint                revision,
                   GError            **error)
{
  g_autoptr(CrmContractRevision) saved = NULL;

  if (revision <= 0)
    return crm_contract_copy (self->draft->contract);
  if (!(saved = crm_contract_store_get_revision (self->store, self->session, self->draft->contract->id,
                                                 revision, error)))
    return NULL;
  return g_steal_pointer (&saved->contract);
}

GPtrArray *
crm_contract_editor_diff_revisions (CrmContractEditor  *self,
                                    gint                old_revision,
                                    gint                new_revision,
                                    GError            **error)
{
  g_autoptr(CrmContract) old_contract = NULL;
  g_autoptr(CrmContract) new_contract = NULL;
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);

  if (!(old_contract = revision_or_draft (self, old_revision, &local)) ||
      !(new_contract = revision_or_draft (self, new_revision, &local)))
    {
      fail (self, local, error);
      return NULL;
    }
  return crm_contract_diff_lines (old_contract, new_contract);
}
