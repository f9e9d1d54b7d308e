/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-contract-document.h"
#include "crm-money-words.h"
#include "crm-money.h"
#include "test-contract-fixture.h"

/* The printed contract: written to PDF and read back with pdftotext and
 * pdffonts (skipped where poppler-utils are not installed). */

static char *
run_tool (const char *const *argv)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* White space folded to single spaces: wrapped text reads as one line. */
static char *
fold_space (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

/* An active contract from an accepted quote: signed 28/03/2026, from
 * 01/04 to 30/06/2026, two payments. */
static gint64
active_contract (Office *office)
{
  g_autoptr(GError) error = NULL;
  gint64 quote_id = office_quote (office, office->lan, TRUE);
  g_autoptr(CrmContract) contract = crm_contract_store_draft_from_quote (office->db.store, office->lan, quote_id,
                                                                         &error);

  g_assert_no_error (error);
  contract->title = g_strdup ("Hợp đồng mua bán máy in");
  contract->customer_rep = g_strdup ("Nguyễn Văn Đông");
  contract->customer_rep_title = g_strdup ("Giám đốc");
  contract->company_rep_title = g_strdup ("Trưởng phòng Kinh doanh");
  contract->signed_on = g_strdup ("28/03/2026");
  contract->starts_on = g_strdup ("01/04/2026");
  contract->ends_on = g_strdup ("30/06/2026");
  contract->payment_terms = g_strdup ("Chuyển khoản trong 5 ngày làm việc.");
  crm_contract_add_instalment (contract, office_instalment ("01/04/2026", 4000000));
  crm_contract_add_instalment (contract, office_instalment ("15/05/2026", TWO_LINE_TOTAL - 4000000));
  g_assert_cmpint (crm_contract_store_create (office->db.store, office->lan, contract, FALSE, &error), >, 0);
  g_assert_true (crm_contract_store_activate (office->db.store, office->lan, contract->id, &error));
  g_assert_no_error (error);
  return contract->id;
}

static char *
write_pdf (Office     *office,
           CrmSession *session,
           gint64      contract_id,
           gint        revision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDocumentLayout) layout = crm_document_layout_new_for_contract (office->db.store, session,
                                                                              contract_id, revision, &error);
  g_autofree char *path = g_build_filename (office->db.dir, "hop-dong.pdf", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  g_assert_cmpuint (crm_document_layout_get_n_pages (layout), >=, 1);
  g_assert_true (crm_document_write_pdf (layout, dest, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_content (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDocumentContent) content = crm_contract_document_content_new (office->db.store, office->lan,
                                                                             active_contract (office), 0, &error);
  const CrmDocumentParty *customer, *company;
  const CrmDocumentField *last;

  g_assert_no_error (error);
  g_assert_cmpstr (content->title, ==, "CONTRACT");
  g_assert_cmpstr (content->entity, ==, "contract");
  g_assert_cmpuint (content->parties->len, ==, 2);
  customer = g_ptr_array_index (content->parties, 0);
  company = g_ptr_array_index (content->parties, 1);
  g_assert_cmpstr (((CrmDocumentField *) g_ptr_array_index (customer->fields, 0))->value, ==,
                   "Công ty TNHH Đức Phát");
  g_assert_cmpstr (((CrmDocumentField *) g_ptr_array_index (customer->fields, customer->fields->len - 1))->value,
                   ==, "Nguyễn Văn Đông, Giám đốc");
  g_assert_cmpstr (((CrmDocumentField *) g_ptr_array_index (company->fields, company->fields->len - 1))->value,
                   ==, "Trần Thị Lan, Trưởng phòng Kinh doanh");
  g_assert_cmpuint (content->lines->len, ==, 2);
  last = g_ptr_array_index (content->totals, content->totals->len - 1);
  g_assert_cmpstr (last->value, ==, "8.017.000 ₫");
  g_assert_cmpuint (content->sections->len, ==, 3);
  g_assert_cmpstr (((CrmDocumentField *) g_ptr_array_index (content->sections, 0))->value, ==,
                   "Payment 1: 4.000.000 ₫ due 01/04/2026\nPayment 2: 4.017.000 ₫ due 15/05/2026");
  g_assert_cmpstr (content->signature_left_name, ==, "Nguyễn Văn Đông");
  g_assert_cmpstr (content->signature_right_name, ==, "Trần Thị Lan");
}

static void
test_pdf_text (Office        *office,
               gconstpointer  data)
{
  gint64 id = active_contract (office);
  g_autofree char *path = write_pdf (office, office->lan, id, 0);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *raw = run_tool (argv);
  g_autofree char *text = NULL;
  g_autofree char *words = crm_money_words (TWO_LINE_TOTAL);
  g_autofree char *value = crm_money_format (TWO_LINE_TOTAL);

  if (raw == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  text = fold_space (raw);
  g_assert_nonnull (strstr (text, "CONTRACT"));
  g_assert_nonnull (strstr (text, "HĐ-2026-0001"));
  g_assert_nonnull (strstr (text, "Công ty TNHH Đức Phát"));
  g_assert_nonnull (strstr (text, "Nguyễn Văn Đông"));
  g_assert_nonnull (strstr (text, "Máy in laser"));
  g_assert_nonnull (strstr (text, "Giấy A4"));
  g_assert_nonnull (strstr (text, value));
  g_assert_nonnull (strstr (text, words));
  g_assert_nonnull (strstr (text, "4.017.000 ₫ due 15/05/2026"));
  g_assert_nonnull (strstr (text, "Chuyển khoản trong 5 ngày làm việc."));
  g_assert_nonnull (strstr (text, "Giao hàng trong 7 ngày."));
  g_assert_cmpint (office_query_int (office, "SELECT count(*) FROM audit_log WHERE entity = 'contract' "
                                              "AND action = 'print' AND field = 'revision' "
                                              "AND new_value = '1'"), ==, 1);
}

/* Version 1 prints as it was signed, after a change made version 2. */
static void
test_revision (Office        *office,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = active_contract (office);
  g_autoptr(CrmContract) contract = crm_contract_store_get (office->db.store, office->lan, id, &error);
  g_autoptr(CrmDocumentContent) first = NULL;
  g_autoptr(CrmDocumentContent) now = NULL;

  g_free (contract->terms);
  contract->terms = g_strdup ("Bảo hành 24 tháng.");
  g_assert_true (crm_contract_store_save (office->db.store, office->lan, contract, &error));
  g_assert_no_error (error);
  g_assert_cmpint (contract->revision, ==, 2);
  first = crm_contract_document_content_new (office->db.store, office->lan, id, 1, &error);
  g_assert_no_error (error);
  now = crm_contract_document_content_new (office->db.store, office->lan, id, 0, &error);
  g_assert_cmpint (first->revision, ==, 1);
  g_assert_cmpstr (((CrmDocumentField *) g_ptr_array_index (first->sections, 2))->value, ==,
                   "Giao hàng trong 7 ngày.");
  g_assert_cmpstr (((CrmDocumentField *) g_ptr_array_index (now->sections, 2))->value, ==, "Bảo hành 24 tháng.");
  g_assert_cmpstr (first->running_title, ==, "Contract HĐ-2026-0001, version 1");
}

static void
test_fonts_embedded (Office        *office,
                     gconstpointer  data)
{
  g_autofree char *path = write_pdf (office, office->lan, active_contract (office), 0);
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = run_tool (argv);
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  if (out == NULL)
    {
      g_test_skip ("pdffonts is not installed");
      return;
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)  /* after the two heading lines */
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      fields = g_strsplit_set (lines[i], " ", -1);
      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (words, fields[j]);
      g_assert_cmpuint (words->len, >=, 7);
      g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");  /* emb */
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = active_contract (office);

  office_set_setting (office, "customer_visibility", "own");
  g_assert_null (crm_document_layout_new_for_contract (office->db.store, office->hung, id, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/document/contract/content", test_content);
  ADD ("/document/contract/pdf-text", test_pdf_text);
  ADD ("/document/contract/revision", test_revision);
  ADD ("/document/contract/fonts-embedded", test_fonts_embedded);
  ADD ("/document/contract/visibility", test_visibility);
#undef ADD
  return g_test_run ();
}
