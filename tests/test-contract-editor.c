/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-contract-editor.h"
#include "crm-money-words.h"
#include "test-contract-fixture.h"

static CrmContractEditor *
editor_from_quote (Office     *office,
                   CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  gint64 quote_id = office_quote (office, session, TRUE);
  CrmContractEditor *editor = crm_contract_editor_new (office->db.store, session);

  g_assert_true (crm_contract_editor_start_from_quote (editor, quote_id, FALSE, &error));
  g_assert_no_error (error);
  return editor;
}

static gboolean
get_boolean (gpointer    object,
             const char *name)
{
  gboolean value = FALSE;

  g_object_get (object, name, &value, NULL);
  return value;
}

static gint64
get_int64 (gpointer    object,
           const char *name)
{
  gint64 value = 0;

  g_object_get (object, name, &value, NULL);
  return value;
}

static void
set_field (CrmContractEditor      *editor,
           CrmContractEditorField  field,
           const char             *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_contract_editor_set_field (editor, field, text, &error));
  g_assert_no_error (error);
}

/* Signed on 28/03/2026, from 01/04 to 30/06/2026, one payment of the
 * whole value on the start date. */
static void
complete_draft (CrmContractEditor *editor)
{
  g_autoptr(GError) error = NULL;

  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_SIGNED_ON, "28/03/2026");
  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_STARTS_ON, "01/04/2026");
  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON, "30/06/2026");
  g_assert_cmpint (crm_contract_editor_add_instalment (editor, &error), ==, 0);
  g_assert_no_error (error);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_from_quote (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmContractEditor) editor = editor_from_quote (office, office->lan);
  g_autoptr(CrmContractEditor) again = crm_contract_editor_new (office->db.store, office->lan);
  g_autoptr(GError) error = NULL;
  g_autofree char *words = crm_money_words (TWO_LINE_TOTAL);
  g_autofree char *quote_code = NULL;
  GListModel *lines = crm_contract_editor_get_lines (editor);
  gint64 quote_id;

  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);
  g_assert_cmpstr (crm_contract_editor_get_cell (editor, 0, CRM_QUOTE_CELL_DESCRIPTION), ==, "Máy in laser");
  g_assert_cmpstr (crm_contract_editor_get_cell (editor, 0, CRM_QUOTE_CELL_UNIT_PRICE), ==, "3.500.000");
  g_assert_cmpstr (crm_contract_editor_get_cell (editor, 0, CRM_QUOTE_CELL_AMOUNT), ==, "6.650.000");
  g_assert_cmpint (get_int64 (editor, "grand-total"), ==, TWO_LINE_TOTAL);
  g_assert_cmpint (crm_contract_editor_get_totals (editor)->vat_total, ==, 717000);
  g_assert_cmpstr (crm_contract_editor_get_amount_in_words (editor), ==, words);
  g_object_get (editor, "quote-code", &quote_code, NULL);
  g_assert_cmpstr (quote_code, ==, "BG-2026-0001");
  g_assert_cmpstr (crm_contract_editor_get_field (editor, CRM_CONTRACT_EDITOR_FIELD_COMPANY_REP), ==, "Trần Thị Lan");
  g_assert_cmpstr (crm_contract_editor_get_field (editor, CRM_CONTRACT_EDITOR_FIELD_TERMS), ==,
                   "Giao hàng trong 7 ngày.");
  g_assert_true (crm_contract_editor_get_dirty (editor));
  g_assert_true (crm_contract_editor_get_can_save (editor));
  g_assert_false (crm_contract_editor_get_can_activate (editor));

  g_assert_true (crm_contract_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_contract_editor_get_id (editor), >, 0);
  g_assert_cmpstr (crm_contract_editor_get_contract (editor)->code, ==, "HĐ-2026-0001");
  g_assert_false (crm_contract_editor_get_dirty (editor));
  g_assert_false (crm_contract_editor_get_can_save (editor));

  /* A second contract for the quote needs confirming. */
  quote_id = crm_contract_editor_get_contract (editor)->quote_id;
  g_assert_false (crm_contract_editor_start_from_quote (again, quote_id, FALSE, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_EXISTS);
  g_assert_cmpstr (crm_contract_editor_get_message (again), ==, error->message);
  g_clear_error (&error);
  g_assert_true (crm_contract_editor_start_from_quote (again, quote_id, TRUE, &error));
  g_assert_true (crm_contract_editor_save (again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_contract_editor_get_contract (again)->code, ==, "HĐ-2026-0002");
}

static void
test_field_errors (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(CrmContractEditor) editor = editor_from_quote (office, office->lan);

  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_STARTS_ON, "01/05/2026");
  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON, "31/02/2026");
  g_assert_cmpstr (crm_contract_editor_get_field (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON), ==, "31/02/2026");
  g_assert_nonnull (crm_contract_editor_get_field_error (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON));
  g_assert_false (crm_contract_editor_get_can_save (editor));

  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON, "30/04/2026");
  g_assert_cmpstr (crm_contract_editor_get_field_error (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON), ==,
                   "The contract cannot end before it starts.");
  g_assert_false (crm_contract_editor_get_can_save (editor));

  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON, "2026-07-31");
  g_assert_null (crm_contract_editor_get_field_error (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON));
  g_assert_cmpstr (crm_contract_editor_get_field (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON), ==, "31/07/2026");
  g_assert_cmpstr (crm_contract_editor_get_contract (editor)->ends_on, ==, "2026-07-31");
  g_assert_true (crm_contract_editor_get_can_save (editor));
}

static void
test_cells_and_undo (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(CrmContractEditor) editor = editor_from_quote (office, office->lan);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContractLineItem) item = g_list_model_get_item (crm_contract_editor_get_lines (editor), 1);
  guint notified = 0;

  g_signal_connect (editor, "notify::grand-total", G_CALLBACK (count_notify), &notified);

  /* Twenty reams: 650 000 + 52 000 more. */
  g_assert_true (crm_contract_editor_set_cell (editor, 1, CRM_QUOTE_CELL_QUANTITY, "20", &error));
  g_assert_cmpint (get_int64 (editor, "grand-total"), ==, TWO_LINE_TOTAL + 702000);
  g_assert_cmpstr (crm_contract_line_item_get_text (item, CRM_QUOTE_CELL_AMOUNT), ==, "1.300.000");
  g_assert_cmpuint (notified, ==, 1);

  /* A typing mistake stays in the cell with its error; the line keeps 20. */
  g_object_set (item, "quantity", "hai mươi", NULL);
  g_assert_cmpstr (crm_contract_line_item_get_text (item, CRM_QUOTE_CELL_QUANTITY), ==, "hai mươi");
  g_assert_cmpstr (crm_contract_line_item_get_error (item, CRM_QUOTE_CELL_QUANTITY), ==, "Enter a quantity.");
  g_assert_false (crm_contract_editor_get_can_save (editor));
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (crm_contract_editor_set_cell (editor, 1, CRM_QUOTE_CELL_DISCOUNT, "12,5 %", &error));
  g_assert_cmpint (((CrmQuoteLine *) g_ptr_array_index (crm_contract_editor_get_contract (editor)->lines, 1))
                   ->discount_bp, ==, 1250);

  g_assert_true (crm_contract_editor_undo (editor, &error));
  g_assert_true (crm_contract_editor_undo (editor, &error));
  g_assert_cmpstr (crm_contract_line_item_get_text (item, CRM_QUOTE_CELL_QUANTITY), ==, "20");
  g_assert_null (crm_contract_line_item_get_error (item, CRM_QUOTE_CELL_QUANTITY));
  g_assert_true (crm_contract_editor_undo (editor, &error));
  g_assert_cmpint (get_int64 (editor, "grand-total"), ==, TWO_LINE_TOTAL);
  g_assert_true (get_boolean (editor, "can-redo"));
  g_assert_true (crm_contract_editor_redo (editor, &error));
  g_assert_cmpint (get_int64 (editor, "grand-total"), ==, TWO_LINE_TOTAL + 702000);

  /* Lines added and removed; a blank line does not count. */
  g_assert_cmpint (crm_contract_editor_add_line_after (editor, 1, &error), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (crm_contract_editor_get_lines (editor)), ==, 3);
  g_assert_cmpint (get_int64 (editor, "grand-total"), ==, TWO_LINE_TOTAL + 702000);
  g_assert_true (crm_contract_editor_get_can_save (editor));
  g_assert_true (crm_contract_editor_remove_line (editor, 0, &error));
  g_assert_cmpuint (g_list_model_get_n_items (crm_contract_editor_get_lines (editor)), ==, 2);
  g_assert_cmpint (get_int64 (editor, "grand-total"), ==, 1300000 + 104000);
  g_assert_true (crm_contract_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_contract_editor_get_contract (editor)->lines->len, ==, 1);
}

static void
test_schedule_activate_revise (Office        *office,
                               gconstpointer  data)
{
  g_autoptr(CrmContractEditor) editor = editor_from_quote (office, office->lan);
  g_autoptr(CrmContractInstalmentItem) first = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  g_autoptr(GError) error = NULL;

  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_STARTS_ON, "01/04/2026");
  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_ENDS_ON, "30/06/2026");
  g_assert_cmpint (crm_contract_editor_add_instalment (editor, &error), ==, 0);
  first = g_list_model_get_item (crm_contract_editor_get_instalments (editor), 0);
  g_assert_cmpstr (crm_contract_instalment_item_get_text (first, CRM_CONTRACT_INSTALMENT_CELL_DUE_ON), ==,
                   "01/04/2026");
  g_assert_cmpstr (crm_contract_instalment_item_get_text (first, CRM_CONTRACT_INSTALMENT_CELL_AMOUNT), ==,
                   "8.017.000");
  g_assert_null (crm_contract_editor_get_schedule_error (editor));
  g_assert_false (crm_contract_editor_get_can_activate (editor));  /* not signed */

  /* Two payments: 4 000 000 now, the rest a month later. */
  g_assert_true (crm_contract_instalment_item_set_text (first, CRM_CONTRACT_INSTALMENT_CELL_AMOUNT,
                                                        "4.000.000", &error));
  g_assert_cmpstr (crm_contract_editor_get_schedule_error (editor), ==,
                   "The payments add up to 4.000.000 ₫; the contract is worth 8.017.000 ₫.");
  g_assert_cmpint (get_int64 (editor, "unscheduled"), ==, 4017000);
  g_assert_cmpint (crm_contract_editor_add_instalment (editor, &error), ==, 1);
  g_assert_cmpstr (crm_contract_editor_get_instalment_cell (editor, 1, CRM_CONTRACT_INSTALMENT_CELL_AMOUNT), ==,
                   "4.017.000");
  g_assert_true (crm_contract_editor_set_instalment_cell (editor, 1, CRM_CONTRACT_INSTALMENT_CELL_DUE_ON,
                                                          "15/08/2026", &error));
  g_assert_cmpstr (crm_contract_editor_get_instalment_error (editor, 1, CRM_CONTRACT_INSTALMENT_CELL_NOTE), ==,
                   "Due outside the contract's dates: say why.");
  g_assert_true (crm_contract_editor_set_instalment_cell (editor, 1, CRM_CONTRACT_INSTALMENT_CELL_DUE_ON,
                                                          "01/05/2026", &error));
  g_assert_null (crm_contract_editor_get_instalment_error (editor, 1, CRM_CONTRACT_INSTALMENT_CELL_NOTE));
  g_assert_null (crm_contract_editor_get_schedule_error (editor));
  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_SIGNED_ON, "28/03/2026");
  g_assert_true (crm_contract_editor_get_can_activate (editor));

  /* Paid before signing is refused. */
  g_assert_false (crm_contract_editor_set_instalment_paid (editor, 0, TRUE, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_true (crm_contract_editor_activate (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_contract_editor_get_status (editor), ==, CRM_CONTRACT_STATUS_ACTIVE);
  g_assert_cmpint (crm_contract_editor_get_revision (editor), ==, 1);
  g_assert_true (get_boolean (editor, "can-complete"));
  g_assert_false (crm_contract_editor_get_dirty (editor));

  /* A change that keeps the schedule whole makes version 2. */
  g_assert_true (crm_contract_editor_set_cell (editor, 0, CRM_QUOTE_CELL_UNIT_PRICE, "3.600.000", &error));
  g_assert_false (crm_contract_editor_get_can_save (editor));  /* schedule 209 000 ₫ short */
  g_assert_nonnull (crm_contract_editor_get_schedule_error (editor));
  g_assert_true (crm_contract_editor_set_instalment_cell (editor, 1, CRM_CONTRACT_INSTALMENT_CELL_AMOUNT,
                                                          "4.226.000", &error));
  g_assert_true (crm_contract_editor_get_can_save (editor));
  g_assert_true (crm_contract_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_contract_editor_get_revision (editor), ==, 2);

  revisions = crm_contract_editor_list_revisions (editor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  diff = crm_contract_editor_diff_revisions (editor, 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diff->len, ==, 2);
  g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (diff, 0))->change, ==, CRM_QUOTE_LINE_CHANGED);
  g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (diff, 0))->fields, ==, CRM_QUOTE_LINE_FIELD_UNIT_PRICE);
  g_assert_cmpint (((CrmQuoteLineDiff *) g_ptr_array_index (diff, 1))->change, ==, CRM_QUOTE_LINE_SAME);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM events WHERE kind = 'deadline'"), ==, 1);
}

static void
test_locked (Office        *office,
             gconstpointer  data)
{
  g_autoptr(CrmContractEditor) editor = editor_from_quote (office, office->lan);
  g_autoptr(GError) error = NULL;

  complete_draft (editor);
  g_assert_true (crm_contract_editor_activate (editor, &error));
  g_assert_true (crm_contract_editor_complete (editor, &error));
  g_assert_no_error (error);
  g_assert_true (crm_contract_editor_get_read_only (editor));
  g_assert_false (get_boolean (editor, "can-cancel"));

  g_assert_false (crm_contract_editor_set_field (editor, CRM_CONTRACT_EDITOR_FIELD_TERMS, "Khác", &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_assert_cmpstr (crm_contract_editor_get_message (editor), ==,
                   "Contract HĐ-2026-0001 is “Completed” and locked: it can no longer be changed.");
  g_clear_error (&error);
  g_assert_cmpint (crm_contract_editor_add_line_after (editor, 0, &error), ==, -1);
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  /* The payment still comes in. */
  g_assert_true (crm_contract_editor_set_instalment_paid (editor, 0, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (crm_contract_editor_get_can_save (editor));
  g_assert_true (crm_contract_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM contract_instalments WHERE paid = 1"), ==, 1);
  g_assert_cmpint (office_query_int (office, "SELECT done FROM events WHERE kind = 'deadline'"), ==, 1);
}

static void
test_stale (Office        *office,
            gconstpointer  data)
{
  g_autoptr(CrmContractEditor) editor = editor_from_quote (office, office->lan);
  g_autoptr(CrmContractEditor) other = crm_contract_editor_new (office->db.store, office->boss);
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_contract_editor_save (editor, &error));
  g_assert_true (crm_contract_editor_load (other, crm_contract_editor_get_id (editor), &error));
  g_assert_no_error (error);
  set_field (other, CRM_CONTRACT_EDITOR_FIELD_TITLE, "Hợp đồng mua bán");
  g_assert_true (crm_contract_editor_save (other, &error));
  set_field (editor, CRM_CONTRACT_EDITOR_FIELD_TITLE, "Hợp đồng cung cấp");
  g_assert_false (crm_contract_editor_save (editor, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (crm_contract_editor_get_message (editor), ==, error->message);
  g_assert_true (crm_contract_editor_get_dirty (editor));
}

static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(CrmContractEditor) editor = editor_from_quote (office, office->lan);
  g_autoptr(CrmContractEditor) hung = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_contract_editor_save (editor, &error));
  office_set_setting (office, "customer_visibility", "own");
  hung = crm_contract_editor_new (office->db.store, office->hung);
  g_assert_false (crm_contract_editor_load (hung, crm_contract_editor_get_id (editor), &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_contract_editor_start_new (hung, office->customer, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/controller/contract-editor/from-quote", test_from_quote);
  ADD ("/controller/contract-editor/field-errors", test_field_errors);
  ADD ("/controller/contract-editor/cells-and-undo", test_cells_and_undo);
  ADD ("/controller/contract-editor/schedule-activate-revise", test_schedule_activate_revise);
  ADD ("/controller/contract-editor/locked-when-completed", test_locked);
  ADD ("/controller/contract-editor/stale-save-refused", test_stale);
  ADD ("/controller/contract-editor/visibility", test_visibility);
#undef ADD
  return g_test_run ();
}
