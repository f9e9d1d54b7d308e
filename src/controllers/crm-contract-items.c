/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contract-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-contract-editor-private.h"
#include "crm-error.h"
#include "crm-money.h"
#include "crm-product-store.h"
#include "crm-text.h"
#include "crm-validate.h"

/* The contract editor's rows: the line and instalment items of its two
 * GListModels (each cell's text as shown, as typed when it is wrong, and
 * its error), and the editing of lines and instalments.  A row is found
 * by the key of its RowState, which follows it through undo and redo. */

struct _CrmContractLineItem
{
  GObject             parent_instance;

  CrmContractEditor  *editor;      /* not owned; NULL once the editor is gone */
  guint64             key;
  gint64              product_id;
  char               *text[CRM_QUOTE_N_CELLS];
  char               *error[CRM_QUOTE_N_CELLS];
  gint64              amount;
};

struct _CrmContractInstalmentItem
{
  GObject             parent_instance;

  CrmContractEditor  *editor;
  guint64             key;
  char               *text[CRM_CONTRACT_INSTALMENT_N_CELLS];
  char               *error[CRM_CONTRACT_INSTALMENT_N_CELLS];
  gboolean            paid;
};

G_DEFINE_FINAL_TYPE (CrmContractLineItem, crm_contract_line_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (CrmContractInstalmentItem, crm_contract_instalment_item, G_TYPE_OBJECT)

enum {
  LINE_PROP_0,
  LINE_PROP_PRODUCT_ID,
  LINE_PROP_FIRST_TEXT,
  LINE_PROP_FIRST_ERROR = LINE_PROP_FIRST_TEXT + CRM_QUOTE_N_CELLS,
  LINE_PROP_AMOUNT = LINE_PROP_FIRST_ERROR + CRM_QUOTE_N_CELLS,
  N_LINE_PROPS
};

enum {
  INSTALMENT_PROP_0,
  INSTALMENT_PROP_FIRST_TEXT,
  INSTALMENT_PROP_FIRST_ERROR = INSTALMENT_PROP_FIRST_TEXT + CRM_CONTRACT_INSTALMENT_N_CELLS,
  INSTALMENT_PROP_PAID = INSTALMENT_PROP_FIRST_ERROR + CRM_CONTRACT_INSTALMENT_N_CELLS,
  N_INSTALMENT_PROPS
};

static GParamSpec *line_properties[N_LINE_PROPS];
static GParamSpec *instalment_properties[N_INSTALMENT_PROPS];

static const char *const line_cell_names[CRM_QUOTE_N_CELLS] = {
  "description", "unit", "quantity", "unit-price", "discount", "vat-rate", "override-reason",
  "amount-text",
};
static const char *const line_error_names[CRM_QUOTE_N_CELLS] = {
  "description-error", "unit-error", "quantity-error", "unit-price-error", "discount-error",
  "vat-rate-error", "override-reason-error", "amount-error",
};
static const char *const instalment_cell_names[CRM_CONTRACT_INSTALMENT_N_CELLS] = {
  "due-on", "amount", "note", "paid-on",
};
static const char *const instalment_error_names[CRM_CONTRACT_INSTALMENT_N_CELLS] = {
  "due-on-error", "amount-error", "note-error", "paid-on-error",
};

/* Parsing what people type ---------------------------------------------------------- */

/* "1,5", "1.234,5", "2" with at most @decimals decimals, as an integer in
 * units of 10^-decimals.  The decimal mark is the comma; a lone dot not
 * followed by three digits is taken as one too ("1.5"), any other dot
 * groups thousands. */
static gboolean
parse_decimal (const char *text,
               guint       decimals,
               gint64      max_whole,
               gint64     *value)
{
  g_autofree char *clean = g_strdup (text);
  const char *dot;
  char mark = ',';
  gint64 whole = 0, fraction = 0;
  guint n_fraction = 0;
  gboolean in_fraction = FALSE, any_digit = FALSE;

  g_strstrip (clean);
  dot = strchr (clean, '.');
  if (strchr (clean, ',') == NULL && dot != NULL && strchr (dot + 1, '.') == NULL && strlen (dot + 1) != 3)
    mark = '.';
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == mark && !in_fraction)
        in_fraction = TRUE;
      else if ((*p == '.' || *p == ' ') && !in_fraction)
        continue;
      else if (!g_ascii_isdigit (*p))
        return FALSE;
      else if (in_fraction)
        {
          if (++n_fraction > decimals)
            return FALSE;
          fraction = fraction * 10 + (*p - '0');
          any_digit = TRUE;
        }
      else
        {
          whole = whole * 10 + (*p - '0');
          any_digit = TRUE;
          if (whole > max_whole)
            return FALSE;
        }
    }
  for (; n_fraction < decimals; n_fraction++)
    fraction *= 10;
  for (guint i = 0; i < decimals; i++)
    whole *= 10;
  *value = whole + fraction;
  return any_digit;
}

static gboolean
parse_rate (const char    *text,
            CrmQuoteCell   cell,
            gint          *rate_bp,
            char         **message)
{
  g_autofree char *clean = g_strdup (text ? text : "");
  gint64 value = 0;
  char *percent;

  if ((percent = strchr (clean, '%')) != NULL)
    *percent = '\0';
  if (crm_text_is_blank (clean) && cell == CRM_QUOTE_CELL_DISCOUNT)
    {
      *rate_bp = 0;
      return TRUE;
    }
  if (crm_text_is_blank (clean))
    *message = g_strdup (_("Enter the VAT rate."));
  else if (!parse_decimal (clean, 2, 1000, &value))
    *message = g_strdup (_("Enter a percentage such as 10 or 12,5."));
  else if (value > 10000)
    *message = g_strdup_printf (cell == CRM_QUOTE_CELL_DISCOUNT ? _("The discount must be between 0 %% and 100 %%.")
                                                                : _("The VAT rate must be between 0 %% and 100 %%."));
  else
    {
      *rate_bp = (gint) value;
      return TRUE;
    }
  return FALSE;
}

/* Takes @text into the line's @cell; *message says why not. */
static gboolean
take_line_cell (CrmQuoteLine  *line,
                CrmQuoteCell   cell,
                const char    *text,
                char         **message)
{
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  switch (cell)
    {
    case CRM_QUOTE_CELL_DESCRIPTION:
      g_free (line->description);
      line->description = g_strdup (text);
      return TRUE;
    case CRM_QUOTE_CELL_UNIT:
      g_free (line->unit);
      line->unit = g_strdup (text ? text : "");
      return TRUE;
    case CRM_QUOTE_CELL_OVERRIDE_REASON:
      g_free (line->override_reason);
      line->override_reason = g_strdup (text);
      return TRUE;
    case CRM_QUOTE_CELL_QUANTITY:
      if (!parse_decimal (text ? text : "", 3, G_GINT64_CONSTANT (1000000000000), &value) || value <= 0)
        {
          *message = g_strdup (_("Enter a quantity."));
          return FALSE;
        }
      line->quantity_milli = value;
      return TRUE;
    case CRM_QUOTE_CELL_UNIT_PRICE:
      if (!crm_money_parse (text, &value, &error) || value < 0)
        {
          *message = g_strdup (error != NULL ? error->message : _("The unit price cannot be negative."));
          return FALSE;
        }
      line->unit_price = value;
      return TRUE;
    case CRM_QUOTE_CELL_DISCOUNT:
      return parse_rate (text, cell, &line->discount_bp, message);
    case CRM_QUOTE_CELL_VAT_RATE:
      return parse_rate (text, cell, &line->vat_rate_bp, message);
    case CRM_QUOTE_CELL_AMOUNT:
    case CRM_QUOTE_N_CELLS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
take_instalment_cell (CrmContractInstalment      *instalment,
                      CrmContractInstalmentCell   cell,
                      const char                 *text,
                      char                      **message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  gint64 value = 0;

  switch (cell)
    {
    case CRM_CONTRACT_INSTALMENT_CELL_NOTE:
      g_free (instalment->note);
      instalment->note = crm_text_is_blank (text) ? NULL : g_strdup (text);
      return TRUE;
    case CRM_CONTRACT_INSTALMENT_CELL_AMOUNT:
      if (!crm_money_parse (text, &value, &error) || value <= 0)
        {
          *message = g_strdup (error != NULL ? error->message : _("The amount must be more than 0 ₫."));
          return FALSE;
        }
      instalment->amount = value;
      return TRUE;
    case CRM_CONTRACT_INSTALMENT_CELL_DUE_ON:
    case CRM_CONTRACT_INSTALMENT_CELL_PAID_ON:
      if (!crm_text_is_blank (text) && !crm_date_parse (text, &iso, &error))
        {
          *message = g_strdup (error->message);
          return FALSE;
        }
      if (cell == CRM_CONTRACT_INSTALMENT_CELL_DUE_ON)
        g_free (instalment->due_on), instalment->due_on = g_steal_pointer (&iso);
      else
        g_free (instalment->paid_on), instalment->paid_on = g_steal_pointer (&iso);
      return TRUE;
    case CRM_CONTRACT_INSTALMENT_N_CELLS:
    default:
      g_assert_not_reached ();
    }
}

/* Texts and errors shown ------------------------------------------------------------- */

static char *
line_text (const CrmQuoteLine *line,
           const RowState     *state,
           CrmQuoteCell        cell)
{
  gint64 net = 0;

  if (cell < CRM_QUOTE_CELL_AMOUNT && state->bad[cell] != NULL)
    return g_strdup (state->bad[cell]);
  switch (cell)
    {
    case CRM_QUOTE_CELL_DESCRIPTION: return g_strdup (line->description ? line->description : "");
    case CRM_QUOTE_CELL_UNIT: return g_strdup (line->unit ? line->unit : "");
    case CRM_QUOTE_CELL_QUANTITY: return crm_quote_format_quantity (line->quantity_milli);
    case CRM_QUOTE_CELL_UNIT_PRICE: return crm_money_format_plain (line->unit_price);
    case CRM_QUOTE_CELL_DISCOUNT: return crm_rate_format (line->discount_bp);
    case CRM_QUOTE_CELL_VAT_RATE: return crm_rate_format (line->vat_rate_bp);
    case CRM_QUOTE_CELL_OVERRIDE_REASON: return g_strdup (line->override_reason ? line->override_reason : "");
    case CRM_QUOTE_CELL_AMOUNT:
      return crm_quote_line_amounts (line, NULL, NULL, &net, NULL) ? crm_money_format_plain (net) : g_strdup ("");
    case CRM_QUOTE_N_CELLS:
    default:
      g_assert_not_reached ();
    }
}

static char *
line_error (const CrmQuoteLine *line,
            const RowState     *state,
            CrmQuoteCell        cell)
{
  g_autoptr(GError) error = NULL;

  if (state->error[cell] != NULL)
    return g_strdup (state->error[cell]);
  if (cell == CRM_QUOTE_CELL_DESCRIPTION && crm_text_is_blank (line->description) &&
      (line->product_id > 0 || line->unit_price != 0))
    return g_strdup (_("Enter a description."));
  if (cell == CRM_QUOTE_CELL_AMOUNT && !crm_quote_line_amounts (line, NULL, NULL, NULL, &error))
    return g_strdup (error->message);
  return NULL;
}

static char *
instalment_text (const CrmContractInstalment *instalment,
                 const RowState              *state,
                 CrmContractInstalmentCell    cell)
{
  char *date;

  if (state->bad[cell] != NULL)
    return g_strdup (state->bad[cell]);
  switch (cell)
    {
    case CRM_CONTRACT_INSTALMENT_CELL_DUE_ON:
    case CRM_CONTRACT_INSTALMENT_CELL_PAID_ON:
      date = crm_date_format (cell == CRM_CONTRACT_INSTALMENT_CELL_DUE_ON ? instalment->due_on
                                                                           : instalment->paid_on);
      return date != NULL ? date : g_strdup ("");
    case CRM_CONTRACT_INSTALMENT_CELL_AMOUNT: return crm_money_format_plain (instalment->amount);
    case CRM_CONTRACT_INSTALMENT_CELL_NOTE: return g_strdup (instalment->note ? instalment->note : "");
    case CRM_CONTRACT_INSTALMENT_N_CELLS:
    default:
      g_assert_not_reached ();
    }
}

static char *
instalment_error (const CrmContract           *contract,
                  const CrmContractInstalment *instalment,
                  const RowState              *state,
                  CrmContractInstalmentCell    cell)
{
  if (state->error[cell] != NULL)
    return g_strdup (state->error[cell]);
  switch (cell)
    {
    case CRM_CONTRACT_INSTALMENT_CELL_DUE_ON:
      return instalment->due_on == NULL ? g_strdup (_("Enter the date it is due.")) : NULL;
    case CRM_CONTRACT_INSTALMENT_CELL_AMOUNT:
      return instalment->amount <= 0 ? g_strdup (_("The amount must be more than 0 ₫.")) : NULL;
    case CRM_CONTRACT_INSTALMENT_CELL_NOTE:
      if (instalment->due_on != NULL && instalment->note == NULL &&
          ((contract->starts_on != NULL && strcmp (instalment->due_on, contract->starts_on) < 0) ||
           (contract->ends_on != NULL && strcmp (instalment->due_on, contract->ends_on) > 0)))
        return g_strdup (_("Due outside the contract's dates: say why."));
      return NULL;
    case CRM_CONTRACT_INSTALMENT_CELL_PAID_ON:
    case CRM_CONTRACT_INSTALMENT_N_CELLS:
    default:
      return NULL;
    }
}

/* Items ------------------------------------------------------------------------------- */

/* Takes @value into *@slot, notifying @pspec when it changed. */
static void
update_string (GObject     *item,
               char       **slot,
               char        *value,
               GParamSpec  *pspec)
{
  if (g_strcmp0 (*slot, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*slot);
  *slot = value;
  g_object_notify_by_pspec (item, pspec);
}

static void
update_line_item (CrmContractLineItem *item,
                  const CrmQuoteLine  *line,
                  const RowState      *state)
{
  gint64 net = 0;

  g_object_freeze_notify (G_OBJECT (item));
  for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
    {
      update_string (G_OBJECT (item), &item->text[cell], line_text (line, state, cell),
                     line_properties[LINE_PROP_FIRST_TEXT + cell]);
      update_string (G_OBJECT (item), &item->error[cell], line_error (line, state, cell),
                     line_properties[LINE_PROP_FIRST_ERROR + cell]);
    }
  if (item->product_id != line->product_id)
    {
      item->product_id = line->product_id;
      g_object_notify_by_pspec (G_OBJECT (item), line_properties[LINE_PROP_PRODUCT_ID]);
    }
  crm_quote_line_amounts (line, NULL, NULL, &net, NULL);
  if (item->amount != net)
    {
      item->amount = net;
      g_object_notify_by_pspec (G_OBJECT (item), line_properties[LINE_PROP_AMOUNT]);
    }
  g_object_thaw_notify (G_OBJECT (item));
}

static void
update_instalment_item (CrmContractInstalmentItem   *item,
                        const CrmContract           *contract,
                        const CrmContractInstalment *instalment,
                        const RowState              *state)
{
  g_object_freeze_notify (G_OBJECT (item));
  for (guint cell = 0; cell < CRM_CONTRACT_INSTALMENT_N_CELLS; cell++)
    {
      update_string (G_OBJECT (item), &item->text[cell], instalment_text (instalment, state, cell),
                     instalment_properties[INSTALMENT_PROP_FIRST_TEXT + cell]);
      update_string (G_OBJECT (item), &item->error[cell], instalment_error (contract, instalment, state, cell),
                     instalment_properties[INSTALMENT_PROP_FIRST_ERROR + cell]);
    }
  if (item->paid != instalment->paid)
    {
      item->paid = instalment->paid;
      g_object_notify_by_pspec (G_OBJECT (item), instalment_properties[INSTALMENT_PROP_PAID]);
    }
  g_object_thaw_notify (G_OBJECT (item));
}

static guint64
item_key (gpointer item)
{
  return CRM_IS_CONTRACT_LINE_ITEM (item) ? CRM_CONTRACT_LINE_ITEM (item)->key
                                          : CRM_CONTRACT_INSTALMENT_ITEM (item)->key;
}

static gpointer
item_new (CrmContractEditor *editor,
          guint64            key,
          gboolean           line)
{
  if (line)
    {
      CrmContractLineItem *item = g_object_new (CRM_TYPE_CONTRACT_LINE_ITEM, NULL);
      item->editor = editor;
      item->key = key;
      return item;
    }
  else
    {
      CrmContractInstalmentItem *item = g_object_new (CRM_TYPE_CONTRACT_INSTALMENT_ITEM, NULL);
      item->editor = editor;
      item->key = key;
      return item;
    }
}

void
_crm_contract_items_sync (CrmContractEditor *editor,
                          GListStore        *model,
                          const Draft       *draft,
                          gboolean           lines)
{
  GPtrArray *states = lines ? draft->line_states : draft->instalment_states;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  gboolean same = n == states->len;

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      same = item_key (item) == ((RowState *) g_ptr_array_index (states, i))->key;
    }
  if (!same)
    {
      g_autoptr(GHashTable) old = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        {
          GObject *item = g_list_model_get_item (G_LIST_MODEL (model), i);
          g_hash_table_insert (old, lines ? (gpointer) &CRM_CONTRACT_LINE_ITEM (item)->key
                                          : (gpointer) &CRM_CONTRACT_INSTALMENT_ITEM (item)->key, item);
        }
      for (guint i = 0; i < states->len; i++)
        {
          RowState *state = g_ptr_array_index (states, i);
          gpointer item = g_hash_table_lookup (old, &state->key);

          g_ptr_array_add (items, item != NULL ? g_object_ref (item) : item_new (editor, state->key, lines));
        }
      g_list_store_splice (model, 0, n, items->pdata, items->len);
    }
  for (guint i = 0; i < states->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (lines)
        update_line_item (CRM_CONTRACT_LINE_ITEM (item), g_ptr_array_index (draft->contract->lines, i),
                          g_ptr_array_index (states, i));
      else
        update_instalment_item (CRM_CONTRACT_INSTALMENT_ITEM (item), draft->contract,
                                g_ptr_array_index (draft->contract->instalments, i),
                                g_ptr_array_index (states, i));
    }
}

void
_crm_contract_items_detach (GListModel *model)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (CRM_IS_CONTRACT_LINE_ITEM (item))
        CRM_CONTRACT_LINE_ITEM (item)->editor = NULL;
      else
        CRM_CONTRACT_INSTALMENT_ITEM (item)->editor = NULL;
    }
}

/* The position of the row of @key in the current draft, or -1. */
static gint
position_of (CrmContractEditor *editor,
             guint64            key,
             gboolean           line)
{
  Draft *draft = _crm_contract_editor_get_draft (editor);
  GPtrArray *states = line ? draft->line_states : draft->instalment_states;

  for (guint i = 0; i < states->len; i++)
    if (((RowState *) g_ptr_array_index (states, i))->key == key)
      return (gint) i;
  return -1;
}

static void
crm_contract_line_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmContractLineItem *self = CRM_CONTRACT_LINE_ITEM (object);

  if (prop_id >= LINE_PROP_FIRST_TEXT && prop_id < LINE_PROP_FIRST_ERROR)
    g_value_set_string (value, self->text[prop_id - LINE_PROP_FIRST_TEXT]);
  else if (prop_id >= LINE_PROP_FIRST_ERROR && prop_id < LINE_PROP_AMOUNT)
    g_value_set_string (value, self->error[prop_id - LINE_PROP_FIRST_ERROR]);
  else if (prop_id == LINE_PROP_PRODUCT_ID)
    g_value_set_int64 (value, self->product_id);
  else if (prop_id == LINE_PROP_AMOUNT)
    g_value_set_int64 (value, self->amount);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_contract_line_item_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmContractLineItem *self = CRM_CONTRACT_LINE_ITEM (object);

  if (prop_id >= LINE_PROP_FIRST_TEXT && prop_id < LINE_PROP_FIRST_TEXT + CRM_QUOTE_CELL_AMOUNT)
    crm_contract_line_item_set_text (self, prop_id - LINE_PROP_FIRST_TEXT, g_value_get_string (value), NULL);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_contract_line_item_finalize (GObject *object)
{
  CrmContractLineItem *self = CRM_CONTRACT_LINE_ITEM (object);

  for (guint i = 0; i < CRM_QUOTE_N_CELLS; i++)
    {
      g_free (self->text[i]);
      g_free (self->error[i]);
    }
  G_OBJECT_CLASS (crm_contract_line_item_parent_class)->finalize (object);
}

static void
crm_contract_line_item_class_init (CrmContractLineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = crm_contract_line_item_get_property;
  object_class->set_property = crm_contract_line_item_set_property;
  object_class->finalize = crm_contract_line_item_finalize;

  line_properties[LINE_PROP_PRODUCT_ID] =
    g_param_spec_int64 ("product-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint cell = 0; cell < CRM_QUOTE_N_CELLS; cell++)
    {
      line_properties[LINE_PROP_FIRST_TEXT + cell] =
        g_param_spec_string (line_cell_names[cell], NULL, NULL, NULL,
                             (cell < CRM_QUOTE_CELL_AMOUNT ? G_PARAM_READWRITE : G_PARAM_READABLE) |
                             G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
      line_properties[LINE_PROP_FIRST_ERROR + cell] =
        g_param_spec_string (line_error_names[cell], NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
    }
  line_properties[LINE_PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_LINE_PROPS, line_properties);
}

static void
crm_contract_line_item_init (CrmContractLineItem *self)
{
}

static void
crm_contract_instalment_item_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  CrmContractInstalmentItem *self = CRM_CONTRACT_INSTALMENT_ITEM (object);

  if (prop_id >= INSTALMENT_PROP_FIRST_TEXT && prop_id < INSTALMENT_PROP_FIRST_ERROR)
    g_value_set_string (value, self->text[prop_id - INSTALMENT_PROP_FIRST_TEXT]);
  else if (prop_id >= INSTALMENT_PROP_FIRST_ERROR && prop_id < INSTALMENT_PROP_PAID)
    g_value_set_string (value, self->error[prop_id - INSTALMENT_PROP_FIRST_ERROR]);
  else if (prop_id == INSTALMENT_PROP_PAID)
    g_value_set_boolean (value, self->paid);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_contract_instalment_item_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  CrmContractInstalmentItem *self = CRM_CONTRACT_INSTALMENT_ITEM (object);

  if (prop_id >= INSTALMENT_PROP_FIRST_TEXT && prop_id < INSTALMENT_PROP_FIRST_ERROR)
    crm_contract_instalment_item_set_text (self, prop_id - INSTALMENT_PROP_FIRST_TEXT,
                                           g_value_get_string (value), NULL);
  else if (prop_id == INSTALMENT_PROP_PAID)
    crm_contract_instalment_item_set_paid (self, g_value_get_boolean (value), NULL);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
crm_contract_instalment_item_finalize (GObject *object)
{
  CrmContractInstalmentItem *self = CRM_CONTRACT_INSTALMENT_ITEM (object);

  for (guint i = 0; i < CRM_CONTRACT_INSTALMENT_N_CELLS; i++)
    {
      g_free (self->text[i]);
      g_free (self->error[i]);
    }
  G_OBJECT_CLASS (crm_contract_instalment_item_parent_class)->finalize (object);
}

static void
crm_contract_instalment_item_class_init (CrmContractInstalmentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = crm_contract_instalment_item_get_property;
  object_class->set_property = crm_contract_instalment_item_set_property;
  object_class->finalize = crm_contract_instalment_item_finalize;

  for (guint cell = 0; cell < CRM_CONTRACT_INSTALMENT_N_CELLS; cell++)
    {
      instalment_properties[INSTALMENT_PROP_FIRST_TEXT + cell] =
        g_param_spec_string (instalment_cell_names[cell], NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
      instalment_properties[INSTALMENT_PROP_FIRST_ERROR + cell] =
        g_param_spec_string (instalment_error_names[cell], NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
    }
  instalment_properties[INSTALMENT_PROP_PAID] =
    g_param_spec_boolean ("paid", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_INSTALMENT_PROPS, instalment_properties);
}

static void
crm_contract_instalment_item_init (CrmContractInstalmentItem *self)
{
}

/* Public API: items ----------------------------------------------------------------------- */

gint64
crm_contract_line_item_get_product_id (CrmContractLineItem *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LINE_ITEM (self), 0);
  return self->product_id;
}

const char *
crm_contract_line_item_get_text (CrmContractLineItem *self,
                                 CrmQuoteCell         cell)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LINE_ITEM (self), NULL);
  g_return_val_if_fail ((guint) cell < CRM_QUOTE_N_CELLS, NULL);
  return self->text[cell];
}

const char *
crm_contract_line_item_get_error (CrmContractLineItem *self,
                                  CrmQuoteCell         cell)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LINE_ITEM (self), NULL);
  g_return_val_if_fail ((guint) cell < CRM_QUOTE_N_CELLS, NULL);
  return self->error[cell];
}

gint64
crm_contract_line_item_get_amount (CrmContractLineItem *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_LINE_ITEM (self), 0);
  return self->amount;
}

gboolean
crm_contract_line_item_set_text (CrmContractLineItem  *self,
                                 CrmQuoteCell          cell,
                                 const char           *text,
                                 GError              **error)
{
  gint position;

  g_return_val_if_fail (CRM_IS_CONTRACT_LINE_ITEM (self), FALSE);

  if (self->editor == NULL || (position = position_of (self->editor, self->key, TRUE)) < 0)
    return FALSE;
  return crm_contract_editor_set_cell (self->editor, position, cell, text, error);
}

const char *
crm_contract_instalment_item_get_text (CrmContractInstalmentItem *self,
                                       CrmContractInstalmentCell  cell)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_INSTALMENT_ITEM (self), NULL);
  g_return_val_if_fail ((guint) cell < CRM_CONTRACT_INSTALMENT_N_CELLS, NULL);
  return self->text[cell];
}

const char *
crm_contract_instalment_item_get_error (CrmContractInstalmentItem *self,
                                        CrmContractInstalmentCell  cell)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_INSTALMENT_ITEM (self), NULL);
  g_return_val_if_fail ((guint) cell < CRM_CONTRACT_INSTALMENT_N_CELLS, NULL);
  return self->error[cell];
}

gboolean
crm_contract_instalment_item_set_text (CrmContractInstalmentItem  *self,
                                       CrmContractInstalmentCell   cell,
                                       const char                 *text,
                                       GError                    **error)
{
  gint position;

  g_return_val_if_fail (CRM_IS_CONTRACT_INSTALMENT_ITEM (self), FALSE);

  if (self->editor == NULL || (position = position_of (self->editor, self->key, FALSE)) < 0)
    return FALSE;
  return crm_contract_editor_set_instalment_cell (self->editor, position, cell, text, error);
}

gboolean
crm_contract_instalment_item_get_paid (CrmContractInstalmentItem *self)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_INSTALMENT_ITEM (self), FALSE);
  return self->paid;
}

gboolean
crm_contract_instalment_item_set_paid (CrmContractInstalmentItem  *self,
                                       gboolean                    paid,
                                       GError                    **error)
{
  gint position;

  g_return_val_if_fail (CRM_IS_CONTRACT_INSTALMENT_ITEM (self), FALSE);

  if (self->editor == NULL || (position = position_of (self->editor, self->key, FALSE)) < 0)
    return FALSE;
  return crm_contract_editor_set_instalment_paid (self->editor, position, paid, error);
}

/* Public API: lines ------------------------------------------------------------------------ */

GListModel *
crm_contract_editor_get_lines (CrmContractEditor *self)
{
  GListModel *lines = NULL;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);

  g_object_get (self, "lines", &lines, NULL);
  g_object_unref (lines);  /* the editor keeps it */
  return lines;
}

static gint
insert_line (CrmContractEditor  *self,
             gint                after,
             CrmQuoteLine       *line,
             GError            **error)
{
  Draft *draft = _crm_contract_editor_get_draft (self);
  guint position = (guint) CLAMP (after + 1, 0, (gint) draft->contract->lines->len);

  if (!_crm_contract_editor_begin_change (self, error))
    {
      crm_quote_line_free (line);
      return -1;
    }
  g_ptr_array_insert (draft->contract->lines, position, line);
  g_ptr_array_insert (draft->line_states, position, _crm_contract_editor_new_state (self));
  _crm_contract_editor_end_change (self);
  return (gint) position;
}

gint
crm_contract_editor_add_line_after (CrmContractEditor  *self,
                                    gint                position,
                                    GError            **error)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), -1);
  return insert_line (self, position, crm_quote_line_new (), error);
}

gint
crm_contract_editor_add_product_line (CrmContractEditor  *self,
                                      gint                after,
                                      gint64              product_id,
                                      GError            **error)
{
  g_autoptr(CrmProduct) product = NULL;
  CrmQuoteLine *line;
  CrmSession *session;
  CrmStore *store;
  GError *local = NULL;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), -1);

  store = _crm_contract_editor_get_store (self, &session);
  if (!(product = crm_product_store_get (store, session, product_id, &local)))
    {
      _crm_contract_editor_fail (self, local, error);
      return -1;
    }
  line = crm_quote_line_new ();
  line->product_id = product_id;
  line->description = g_strdup (crm_product_get_name (product));
  g_free (line->unit);
  line->unit = g_strdup (crm_product_get_unit (product) ? crm_product_get_unit (product) : "");
  line->unit_price = crm_product_get_list_price (product);
  line->vat_rate_bp = crm_product_get_vat_rate_bp (product);
  return insert_line (self, after, line, error);
}

gboolean
crm_contract_editor_remove_line (CrmContractEditor  *self,
                                 guint               position,
                                 GError            **error)
{
  Draft *draft;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  g_return_val_if_fail (position < _crm_contract_editor_get_draft (self)->contract->lines->len, FALSE);

  if (!_crm_contract_editor_begin_change (self, error))
    return FALSE;
  draft = _crm_contract_editor_get_draft (self);
  g_ptr_array_remove_index (draft->contract->lines, position);
  g_ptr_array_remove_index (draft->line_states, position);
  _crm_contract_editor_end_change (self);
  return TRUE;
}

static gpointer
item_at (CrmContractEditor *self,
         gboolean           line,
         guint              position)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GObject) item = NULL;

  g_object_get (self, line ? "lines" : "instalments", &model, NULL);
  item = g_list_model_get_item (model, position);
  return item;  /* the model keeps it */
}

gboolean
crm_contract_editor_set_cell (CrmContractEditor  *self,
                              guint               position,
                              CrmQuoteCell        cell,
                              const char         *text,
                              GError            **error)
{
  g_autofree char *message = NULL;
  Draft *draft;
  RowState *state;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  g_return_val_if_fail (position < _crm_contract_editor_get_draft (self)->contract->lines->len, FALSE);
  g_return_val_if_fail ((guint) cell < CRM_QUOTE_CELL_AMOUNT, FALSE);

  if (g_strcmp0 (crm_contract_editor_get_cell (self, position, cell), text ? text : "") == 0)
    return TRUE;
  if (!_crm_contract_editor_begin_change (self, error))
    return FALSE;
  draft = _crm_contract_editor_get_draft (self);
  state = g_ptr_array_index (draft->line_states, position);
  g_clear_pointer (&state->bad[cell], g_free);
  g_clear_pointer (&state->error[cell], g_free);
  if (!take_line_cell (g_ptr_array_index (draft->contract->lines, position), cell, text, &message))
    {
      state->bad[cell] = g_strdup (text ? text : "");
      state->error[cell] = g_steal_pointer (&message);
    }
  _crm_contract_editor_end_change (self);
  return TRUE;
}

const char *
crm_contract_editor_get_cell (CrmContractEditor *self,
                              guint              position,
                              CrmQuoteCell       cell)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  g_return_val_if_fail (position < _crm_contract_editor_get_draft (self)->contract->lines->len, NULL);
  return crm_contract_line_item_get_text (item_at (self, TRUE, position), cell);
}

const char *
crm_contract_editor_get_cell_error (CrmContractEditor *self,
                                    guint              position,
                                    CrmQuoteCell       cell)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  g_return_val_if_fail (position < _crm_contract_editor_get_draft (self)->contract->lines->len, NULL);
  return crm_contract_line_item_get_error (item_at (self, TRUE, position), cell);
}

/* Public API: instalments --------------------------------------------------------------------- */

GListModel *
crm_contract_editor_get_instalments (CrmContractEditor *self)
{
  GListModel *instalments = NULL;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);

  g_object_get (self, "instalments", &instalments, NULL);
  g_object_unref (instalments);  /* the editor keeps it */
  return instalments;
}

/* The day after @iso ("yyyy-MM-dd"). */
static char *
next_day (const char *iso)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *text = g_strconcat (iso, "T00:00:00Z", NULL);

  if (!(day = g_date_time_new_from_iso8601 (text, NULL)))
    return NULL;
  next = g_date_time_add_days (day, 1);
  return g_date_time_format (next, "%Y-%m-%d");
}

gint
crm_contract_editor_add_instalment (CrmContractEditor  *self,
                                    GError            **error)
{
  CrmContractInstalment *instalment;
  const CrmQuoteTotals *totals;
  Draft *draft;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), -1);

  totals = crm_contract_editor_get_totals (self);
  if (!_crm_contract_editor_begin_change (self, error))
    return -1;
  draft = _crm_contract_editor_get_draft (self);
  instalment = crm_contract_instalment_new ();
  instalment->amount = MAX (totals->grand_total - crm_contract_instalments_total (draft->contract), 0);
  if (draft->contract->instalments->len > 0)
    {
      CrmContractInstalment *last = g_ptr_array_index (draft->contract->instalments,
                                                       draft->contract->instalments->len - 1);
      instalment->due_on = last->due_on != NULL ? next_day (last->due_on) : NULL;
    }
  else
    instalment->due_on = g_strdup (draft->contract->starts_on);
  crm_contract_add_instalment (draft->contract, instalment);
  g_ptr_array_add (draft->instalment_states, _crm_contract_editor_new_state (self));
  _crm_contract_editor_end_change (self);
  return (gint) draft->contract->instalments->len - 1;
}

gboolean
crm_contract_editor_remove_instalment (CrmContractEditor  *self,
                                       guint               position,
                                       GError            **error)
{
  Draft *draft;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  g_return_val_if_fail (position < _crm_contract_editor_get_draft (self)->contract->instalments->len, FALSE);

  if (!_crm_contract_editor_begin_change (self, error))
    return FALSE;
  draft = _crm_contract_editor_get_draft (self);
  g_ptr_array_remove_index (draft->contract->instalments, position);
  g_ptr_array_remove_index (draft->instalment_states, position);
  _crm_contract_editor_end_change (self);
  return TRUE;
}

gboolean
crm_contract_editor_set_instalment_cell (CrmContractEditor          *self,
                                         guint                       position,
                                         CrmContractInstalmentCell   cell,
                                         const char                 *text,
                                         GError                    **error)
{
  g_autofree char *message = NULL;
  Draft *draft;
  RowState *state;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  g_return_val_if_fail (position < _crm_contract_editor_get_draft (self)->contract->instalments->len, FALSE);
  g_return_val_if_fail ((guint) cell < CRM_CONTRACT_INSTALMENT_N_CELLS, FALSE);

  if (g_strcmp0 (crm_contract_editor_get_instalment_cell (self, position, cell), text ? text : "") == 0)
    return TRUE;
  if (!_crm_contract_editor_begin_change (self, error))
    return FALSE;
  draft = _crm_contract_editor_get_draft (self);
  state = g_ptr_array_index (draft->instalment_states, position);
  g_clear_pointer (&state->bad[cell], g_free);
  g_clear_pointer (&state->error[cell], g_free);
  if (!take_instalment_cell (g_ptr_array_index (draft->contract->instalments, position), cell, text, &message))
    {
      state->bad[cell] = g_strdup (text ? text : "");
      state->error[cell] = g_steal_pointer (&message);
    }
  _crm_contract_editor_end_change (self);
  return TRUE;
}

const char *
crm_contract_editor_get_instalment_cell (CrmContractEditor          *self,
                                         guint                       position,
                                         CrmContractInstalmentCell   cell)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  g_return_val_if_fail (position < _crm_contract_editor_get_draft (self)->contract->instalments->len, NULL);
  return crm_contract_instalment_item_get_text (item_at (self, FALSE, position), cell);
}

const char *
crm_contract_editor_get_instalment_error (CrmContractEditor          *self,
                                          guint                       position,
                                          CrmContractInstalmentCell   cell)
{
  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), NULL);
  g_return_val_if_fail (position < _crm_contract_editor_get_draft (self)->contract->instalments->len, NULL);
  return crm_contract_instalment_item_get_error (item_at (self, FALSE, position), cell);
}

gboolean
crm_contract_editor_set_instalment_paid (CrmContractEditor  *self,
                                         guint               position,
                                         gboolean            paid,
                                         GError            **error)
{
  CrmContractInstalment *instalment;
  Draft *draft;

  g_return_val_if_fail (CRM_IS_CONTRACT_EDITOR (self), FALSE);
  g_return_val_if_fail (position < _crm_contract_editor_get_draft (self)->contract->instalments->len, FALSE);

  draft = _crm_contract_editor_get_draft (self);
  instalment = g_ptr_array_index (draft->contract->instalments, position);
  if (!instalment->paid == !paid)
    return TRUE;
  if (draft->contract->status == CRM_CONTRACT_STATUS_DRAFT ||
      draft->contract->status == CRM_CONTRACT_STATUS_CANCELLED)
    return _crm_contract_editor_fail (self, g_error_new (CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                                                         _("Contract %s is “%s”: payments are recorded on signed contracts only."),
                                                         draft->contract->code ? draft->contract->code : "",
                                                         crm_contract_status_label (draft->contract->status)),
                                      error);
  if (!_crm_contract_editor_begin_payment (self, error))
    return FALSE;
  draft = _crm_contract_editor_get_draft (self);
  instalment = g_ptr_array_index (draft->contract->instalments, position);
  instalment->paid = paid;
  g_clear_pointer (&instalment->paid_on, g_free);
  if (paid)
    {
      g_autoptr(GDateTime) today = g_date_time_new_now_local ();
      instalment->paid_on = g_date_time_format (today, "%Y-%m-%d");
    }
  _crm_contract_editor_end_change (self);
  return TRUE;
}
