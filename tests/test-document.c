/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "crm-contact-store.h"
#include "crm-document-store.h"
#include "crm-document.h"
#include "crm-money-words.h"
#include "crm-money.h"
#include "crm-quote-store.h"
#include "test-fixture.h"

/* An office with a company header, a customer whose name needs every kind
 * of Vietnamese mark, and quotes long enough for several pages. */

#define CUSTOMER_NAME "Công ty TNHH Thương mại Ánh Dương Đà Nẵng"
#define CONTACT_NAME  "Nguyễn Thị Quỳnh Hương"
#define COMPANY_NAME  "Công ty Cổ phần Sổ Khách Việt"
#define LOGO_SIZE     32

typedef struct
{
  CrmTestDb   db;
  char       *dir;
  gint64      staff_id;
  CrmSession *staff;
  gint64      customer;
  gint64      contact;
} Office;

/* Files and tools -------------------------------------------------------------- */

/* The names in @dir, sorted, space separated. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)))
    g_ptr_array_add (entries, g_strdup (name));
  g_ptr_array_sort (entries, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (entries, NULL);
  return g_strjoinv (" ", (char **) entries->pdata);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A tool's output, or NULL when it is not installed. */
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

/* White space folded to single spaces: a text wrapped by the renderer
 * reads as one line. */
static char *
fold_space (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        if (out->len > 0)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

/* The text of page @page (from 1), or of all pages with 0; NULL without
 * pdftotext. */
static char *
pdf_text (const char *path,
          guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  g_autofree char *raw = NULL;
  const char *all[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  const char *one[] = { "pdftotext", "-enc", "UTF-8", "-f", first, "-l", first, path, "-", NULL };

  raw = run_tool (page == 0 ? all : one);
  return raw ? fold_space (raw) : NULL;
}

static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

/* The database ------------------------------------------------------------------ */

static void
exec_sql (Office     *office,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (office->db.path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
query_int (Office     *office,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (office->db.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
set_setting (Office     *office,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_settings_set (office->db.store, office->db.admin, key, value, &error));
  g_assert_no_error (error);
}

/* A red square, as a PNG in base64: the company's logo. */
static char *
red_logo (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, LOGO_SIZE, LOGO_SIZE);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "sokhach-logo-XXXXXX.png", NULL);
  g_autofree char *data = NULL;
  gsize length;
  int fd;

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  fd = g_mkstemp (path);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_unlink (path);
  return g_base64_encode ((const guchar *) data, length);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(CrmContact) contact = crm_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *logo = red_logo ();

  crm_test_db_setup (&office->db, data);
  office->dir = g_dir_make_tmp ("sokhach-document-XXXXXX", &error);
  g_assert_no_error (error);

  set_setting (office, CRM_SETTING_COMPANY_NAME, COMPANY_NAME);
  set_setting (office, CRM_SETTING_COMPANY_ADDRESS, "18 Lý Thường Kiệt, Phường Cửa Nam, Hà Nội");
  set_setting (office, CRM_SETTING_COMPANY_TAX_CODE, "0100109106");
  set_setting (office, CRM_SETTING_COMPANY_PHONE, "+842438251234");
  set_setting (office, CRM_SETTING_COMPANY_LOGO, logo);

  office->staff_id = crm_user_store_create (office->db.store, office->db.admin, "lan", "Trần Thị Lan",
                                            CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  office->staff = crm_user_store_open_session (office->db.store, office->staff_id, &error);
  g_assert_no_error (error);

  customer->full_name = g_strdup (CUSTOMER_NAME);
  customer->street = g_strdup ("25 Bạch Đằng");
  customer->province_code = g_strdup ("da-nang");
  customer->tax_code = g_strdup ("0100109106");
  customer->assigned_to = office->staff_id;
  g_ptr_array_add (customer->phones, g_strdup ("0912345678"));
  office->customer = crm_customer_store_create (office->db.store, office->db.admin, customer, &error);
  g_assert_no_error (error);

  crm_contact_set_customer_id (contact, office->customer);
  crm_contact_set_full_name (contact, CONTACT_NAME);
  crm_contact_set_position (contact, "Trưởng phòng mua hàng");
  office->contact = crm_contact_store_create (office->db.store, office->db.admin, contact, &error);
  g_assert_no_error (error);
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  remove_dir (office->dir);
  g_free (office->dir);
  g_clear_object (&office->staff);
  crm_test_db_teardown (&office->db, data);
}

static char *
description_of (guint i)
{
  return g_strdup_printf ("Hàng %03u: Ghế xoay lưng lưới Hòa Phát, chân hợp kim, tựa đầu điều chỉnh", i);
}

/* A quote of @n_lines lines by the staff member: line i is i pieces at
 * (i × 10 000 + 5 000) ₫, every third one 5 % off, VAT 10 %, 8 % or 0 %. */
static gint64
add_quote (Office *office,
           guint   n_lines)
{
  g_autoptr(CrmQuote) quote = crm_quote_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  quote->customer_id = office->customer;
  quote->contact_id = office->contact;
  quote->issue_date = g_strdup ("2026-03-02");
  quote->valid_until = g_strdup ("2026-04-01");
  quote->terms = g_strdup ("Giao hàng trong 7 ngày làm việc. Bảo hành 12 tháng tại nơi sử dụng.");
  quote->notes = g_strdup ("Giá đã gồm chi phí vận chuyển nội thành Đà Nẵng.");
  for (guint i = 1; i <= n_lines; i++)
    {
      CrmQuoteLine *line = crm_quote_line_new ();
      static const gint rates[] = { 1000, 800, 0 };

      line->description = description_of (i);
      g_free (line->unit);
      line->unit = g_strdup ("chiếc");
      line->quantity_milli = (gint64) i * 1000;
      line->unit_price = (gint64) i * 10000 + 5000;
      line->discount_bp = i % 3 == 0 ? 500 : 0;
      line->vat_rate_bp = rates[i % 3];
      crm_quote_add_line (quote, line);
    }
  id = crm_quote_store_create (office->db.store, office->staff, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static CrmQuote *
get_quote (Office *office,
           gint64  id)
{
  g_autoptr(GError) error = NULL;
  CrmQuote *quote = crm_quote_store_get (office->db.store, office->db.admin, id, &error);

  g_assert_no_error (error);
  return quote;
}

static gint64
grand_total (Office *office,
             gint64  id)
{
  g_autoptr(CrmQuote) quote = get_quote (office, id);
  g_auto(CrmQuoteTotals) totals = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_quote_compute_totals (quote, &totals, &error));
  g_assert_no_error (error);
  return totals.grand_total;
}

static CrmDocumentLayout *
quote_layout (Office     *office,
              CrmSession *session,
              gint64      id,
              gint        revision)
{
  g_autoptr(GError) error = NULL;
  CrmDocumentLayout *layout = crm_document_layout_new_for_quote (office->db.store, session, id, revision, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

static char *
write_pdf (Office            *office,
           CrmDocumentLayout *layout,
           const char        *name)
{
  g_autofree char *path = g_build_filename (office->dir, name, NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_document_write_pdf (layout, dest, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

/* Tests ---------------------------------------------------------------------------- */

/* 120 lines make several pages: the header row on each, "Trang 2/N" (or
 * "Page 2/N" where Vietnamese is not available), every line once, the
 * totals and the amount in words on the last page only. */
static void
test_pages (Office        *office,
            gconstpointer  data)
{
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));
  gboolean vietnamese = setlocale (LC_ALL, "vi_VN.UTF-8") != NULL &&
                        g_str_has_prefix (_("Page %u/%u"), "Trang");
  gint64 id = add_quote (office, 120);
  gint64 total = grand_total (office, id);
  g_autoptr(CrmDocumentLayout) layout = quote_layout (office, office->staff, id, 0);
  g_autofree char *path = write_pdf (office, layout, "bao-gia.pdf");
  g_autofree char *words = crm_money_words (total);
  g_autofree char *money = crm_money_format (total);
  g_autofree char *all = NULL;
  const char *heading = g_dpgettext2 (GETTEXT_PACKAGE, "document column", "Goods or service");
  const char *price = g_dpgettext2 (GETTEXT_PACKAGE, "document column", "Unit price");
  const char *grand = _("Grand total");
  guint n_pages = crm_document_layout_get_n_pages (layout);

  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  g_assert_cmpuint (n_pages, >=, 3);
  if (pdftotext == NULL)
    {
      setlocale (LC_ALL, saved_locale);
      g_test_skip ("pdftotext is not installed");
      return;
    }
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (path, page);
      g_autofree char *footer = g_strdup_printf (_("Page %u/%u"), page, n_pages);
      gboolean last = page == n_pages;

      g_assert_nonnull (strstr (text, heading));
      g_assert_nonnull (strstr (text, price));
      g_assert_nonnull (strstr (text, footer));
      g_assert_true ((strstr (text, words) != NULL) == last);
      g_assert_true ((strstr (text, grand) != NULL) == last);
      g_assert_true ((strstr (text, money) != NULL) == last);
      g_assert_true ((strstr (text, CUSTOMER_NAME) != NULL) == (page == 1));
    }
  if (vietnamese)
    {
      g_autofree char *page2 = pdf_text (path, 2);
      g_autofree char *expected = g_strdup_printf ("Trang 2/%u", n_pages);

      g_assert_nonnull (strstr (page2, expected));
    }
  setlocale (LC_ALL, saved_locale);

  /* Vietnamese as typed, every line exactly once. */
  all = pdf_text (path, 0);
  g_assert_nonnull (strstr (all, CUSTOMER_NAME));
  g_assert_nonnull (strstr (all, CONTACT_NAME));
  g_assert_nonnull (strstr (all, COMPANY_NAME));
  g_assert_nonnull (strstr (all, "Trưởng phòng mua hàng"));
  g_assert_nonnull (strstr (all, "Thành phố Đà Nẵng"));
  g_assert_nonnull (strstr (all, "Bảo hành 12 tháng tại nơi sử dụng."));
  g_assert_nonnull (strstr (all, "024 3825 1234"));
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *description = description_of (i);

      g_assert_cmpuint (count_substrings (all, description), ==, 1);
    }
  g_assert_cmpuint (count_substrings (all, words), ==, 1);
}

/* pdffonts: every font is embedded, and it is Noto Sans or DejaVu Sans. */
static void
test_fonts_embedded (Office        *office,
                     gconstpointer  data)
{
  g_autoptr(CrmDocumentLayout) layout = quote_layout (office, office->db.admin, add_quote (office, 3), 0);
  g_autofree char *path = write_pdf (office, layout, "bao-gia.pdf");
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
      /* name type [type] encoding emb sub uni object ID: emb is 5th from the end */
      g_assert_cmpuint (words->len, >=, 7);
      g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
      g_assert_true (strstr (g_ptr_array_index (words, 0), "NotoSans") != NULL ||
                     strstr (g_ptr_array_index (words, 0), "DejaVuSans") != NULL);
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* A user whose right to print was taken away gets nothing: no file, no
 * temporary file, no audit row. */
static void
test_refused_without_right (Office        *office,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (office->dir, "bao-gia.pdf", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);
  g_autoptr(CrmDocumentLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *listing = NULL;
  gint64 id = add_quote (office, 5);

  layout = quote_layout (office, office->staff, id, 0);
  sql = g_strdup_printf ("UPDATE users SET may_print = 0 WHERE id = %" G_GINT64_FORMAT, office->staff_id);
  exec_sql (office, sql);

  g_assert_false (crm_document_layout_check_may_print (layout, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (crm_document_write_pdf (layout, dest, NULL, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED);
  listing = list_dir (office->dir);
  g_assert_cmpstr (listing, ==, "");
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'print'"), ==, 0);

  /* Administrators need no switch. */
  exec_sql (office, "UPDATE users SET may_print = 0 WHERE role = 'admin'");
  {
    g_autoptr(CrmDocumentLayout) admin_layout = quote_layout (office, office->db.admin, id, 0);
    g_autofree char *written = write_pdf (office, admin_layout, "bao-gia.pdf");
  }

  /* A switched-off account may not print either. */
  exec_sql (office, "UPDATE users SET may_print = 1, active = 0 WHERE role = 'staff'");
  g_clear_error (&error);
  g_assert_false (crm_document_layout_check_may_print (layout, &error));
  g_assert_error (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_INACTIVE);
}

/* Each PDF written leaves who printed which version of which quote to
 * which file. */
static void
test_audited (Office        *office,
              gconstpointer  data)
{
  gint64 id = add_quote (office, 2);
  g_autoptr(CrmDocumentLayout) layout = quote_layout (office, office->staff, id, 0);
  g_autofree char *path = write_pdf (office, layout, "bao-gia.pdf");
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'print' AND entity = 'quote' "
                         "AND entity_id = %" G_GINT64_FORMAT " AND user_id = %" G_GINT64_FORMAT
                         " AND ((field = 'revision' AND new_value = '1') OR (field = 'file' AND new_value = '%s'))",
                         id, office->staff_id, path);
  g_assert_cmpint (query_int (office, sql), ==, 2);

  g_assert_true (crm_document_layout_audit_print (layout, "HP LaserJet", NULL));
  g_assert_cmpint (query_int (office, "SELECT count(*) FROM audit_log WHERE action = 'print' "
                                      "AND field = 'file' AND new_value = 'HP LaserJet'"), ==, 1);
}

/* Staff in "own" mode cannot print a quote of a customer they do not see,
 * whether they ask by id or by code. */
static void
test_visibility (Office        *office,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) other = NULL;
  g_autoptr(CrmQuote) quote = NULL;
  g_autofree char *lower = NULL;
  gint64 other_id, id = add_quote (office, 2);

  set_setting (office, "customer_visibility", "own");
  other_id = crm_user_store_create (office->db.store, office->db.admin, "hung", "Lê Văn Hùng",
                                    CRM_ROLE_STAFF, 0, &error);
  g_assert_no_error (error);
  other = crm_user_store_open_session (office->db.store, other_id, &error);
  g_assert_no_error (error);

  g_assert_null (crm_document_layout_new_for_quote (office->db.store, other, id, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  quote = get_quote (office, id);
  lower = g_ascii_strdown (quote->code, -1);
  g_assert_cmpint (crm_document_store_find_quote (office->db.store, office->db.admin, lower, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (crm_document_store_find_quote (office->db.store, other, quote->code, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  {
    g_autoptr(GError) missing = NULL;

    g_assert_cmpint (crm_document_store_find_quote (office->db.store, office->db.admin, "BG-1999-0001",
                                                    &missing), ==, 0);
    g_assert_error (missing, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
    g_assert_cmpstr (missing->message, ==, error->message);
  }
}

/* A saved version prints as it was sent; 0 prints the quote as it is. */
static void
test_revision (Office        *office,
               gconstpointer  data)
{
  gint64 id = add_quote (office, 2);
  g_autoptr(CrmQuoteSend) send = crm_quote_send_new ();
  g_autoptr(CrmQuote) quote = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDocumentLayout) first = NULL;
  g_autoptr(CrmDocumentLayout) current = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *current_path = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *current_text = NULL;
  CrmQuoteLine *line;

  send->sent_at = g_strdup ("2026-03-02T08:00:00Z");
  send->recipient = g_strdup ("huong@anhduong.vn");
  send->channel = CRM_QUOTE_CHANNEL_EMAIL;
  g_assert_true (crm_quote_store_send (office->db.store, office->staff, id, send, &error));
  g_assert_no_error (error);
  quote = get_quote (office, id);
  line = g_ptr_array_index (quote->lines, 0);
  g_free (line->description);
  line->description = g_strdup ("Bàn họp gỗ óc chó mười hai chỗ");
  g_assert_true (crm_quote_store_save (office->db.store, office->staff, quote, &error));
  g_assert_no_error (error);

  first = quote_layout (office, office->staff, id, 1);
  current = quote_layout (office, office->staff, id, 0);
  g_assert_cmpint (crm_document_layout_get_content (first)->revision, ==, 1);
  g_assert_cmpint (crm_document_layout_get_content (current)->revision, ==, 2);
  g_assert_null (crm_document_layout_new_for_quote (office->db.store, office->staff, id, 7, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);

  first_path = write_pdf (office, first, "v1.pdf");
  current_path = write_pdf (office, current, "v2.pdf");
  if (!(first_text = pdf_text (first_path, 0)) || !(current_text = pdf_text (current_path, 0)))
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_null (strstr (first_text, "Bàn họp gỗ óc chó"));
  g_assert_nonnull (strstr (current_text, "Bàn họp gỗ óc chó mười hai chỗ"));
  g_assert_nonnull (strstr (first_text, CUSTOMER_NAME));
}

/* What a print dialog does: pages drawn in any order, several times, on a
 * context scaled to its paper; the logo is at the top left of page 1. */
static void
test_draws_pages_for_printing (Office        *office,
                               gconstpointer  data)
{
  g_autoptr(CrmDocumentLayout) layout = quote_layout (office, office->staff, add_quote (office, 120), 0);
  g_autoptr(GError) error = NULL;
  double width, height, scale = 0.5;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages = crm_document_layout_get_n_pages (layout);
  const guint32 *pixels;
  int stride;
  guint dark = 0;

  crm_document_layout_get_page_size (layout, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.276, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.890, 0.01);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * scale), (int) (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  for (guint k = 0; k < 3; k++)
    {
      guint page = (n_pages - 1) * ((k + 1) % 2);  /* last, first, last */

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      g_assert_true (crm_document_layout_draw_page (layout, cr, page, &error));
      g_assert_no_error (error);
    }
  /* Page 1 last: its logo, red, in the top left corner. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (crm_document_layout_draw_page (layout, cr, 0, &error));
  g_assert_no_error (error);
  cairo_surface_flush (surface);
  pixels = (const guint32 *) (gconstpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  {
    guint32 logo = pixels[(int) (60 * scale) * stride + (int) (60 * scale)];

    g_assert_cmphex (logo & 0xffffff, ==, 0xff0000);
  }
  for (int y = 0; y < (int) (height * scale); y++)
    for (int x = 0; x < (int) (width * scale); x++)
      if ((pixels[y * stride + x] & 0xff) < 0x80)
        dark++;
  g_assert_cmpuint (dark, >, 1000);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A draft without lines, a company without settings: one page, still
 * with its header row, totals of zero and "Không đồng". */
static void
test_empty_quote (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(CrmDocumentLayout) layout = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  exec_sql (office, "DELETE FROM settings WHERE key LIKE 'company_%'");
  layout = quote_layout (office, office->staff, add_quote (office, 0), 0);
  g_assert_cmpuint (crm_document_layout_get_n_pages (layout), ==, 1);
  g_assert_cmpuint (crm_document_layout_get_content (layout)->lines->len, ==, 0);
  path = write_pdf (office, layout, "trong.pdf");
  if (!(text = pdf_text (path, 0)))
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Không đồng"));
  g_assert_nonnull (strstr (text, g_dpgettext2 (GETTEXT_PACKAGE, "document column", "Goods or service")));
  g_assert_null (strstr (text, COMPANY_NAME));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SOKHACH_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Office, NULL, office_setup, func, office_teardown)
  ADD ("/document/quote/pages", test_pages);
  ADD ("/document/quote/fonts-embedded", test_fonts_embedded);
  ADD ("/document/quote/refused-without-right", test_refused_without_right);
  ADD ("/document/quote/audited", test_audited);
  ADD ("/document/quote/visibility", test_visibility);
  ADD ("/document/quote/revision", test_revision);
  ADD ("/document/quote/draws-pages-for-printing", test_draws_pages_for_printing);
  ADD ("/document/quote/empty", test_empty_quote);
#undef ADD

  return g_test_run ();
}
