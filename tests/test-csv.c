/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "crm-csv.h"
#include "crm-error.h"

static CrmCsvReader *
reader_for (const char     *text,
            gssize          len,
            CrmCsvEncoding  encoding,
            char            delimiter)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);
  g_autoptr(GError) error = NULL;
  CrmCsvReader *reader = crm_csv_reader_new (bytes, encoding, delimiter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

/* Reads the next record, asserting its start line and fields (a
 * NULL-terminated list). */
static void
expect_record (CrmCsvReader *reader,
               guint         line,
               ...)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *expected;
  guint i = 0;
  va_list args;

  g_assert_true (crm_csv_reader_next (reader, fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_csv_reader_get_line (reader), ==, line);

  va_start (args, line);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, fields->len);
      g_assert_cmpstr (g_ptr_array_index (fields, i), ==, expected);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (fields->len, ==, i);
}

static void
expect_end (CrmCsvReader *reader)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_csv_reader_next (reader, fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 0);
  g_assert_cmpfloat (crm_csv_reader_get_fraction (reader), ==, 1.0);
}

static void
test_utf8_plain (void)
{
  g_autoptr(CrmCsvReader) reader =
    reader_for ("Họ tên,Điện thoại\nNguyễn Văn Đức,0912345678\n", -1,
                CRM_CSV_ENCODING_AUTO, 0);

  g_assert_cmpint (crm_csv_reader_get_encoding (reader), ==, CRM_CSV_ENCODING_UTF8);
  g_assert_cmpint (crm_csv_reader_get_delimiter (reader), ==, ',');
  g_assert_cmpfloat (crm_csv_reader_get_fraction (reader), ==, 0.0);
  expect_record (reader, 1, "Họ tên", "Điện thoại", NULL);
  g_assert_cmpfloat (crm_csv_reader_get_fraction (reader), >, 0.0);
  g_assert_cmpfloat (crm_csv_reader_get_fraction (reader), <, 1.0);
  expect_record (reader, 2, "Nguyễn Văn Đức", "0912345678", NULL);
  expect_end (reader);
}

static void
test_utf8_bom (void)
{
  g_autoptr(CrmCsvReader) reader =
    reader_for ("\xEF\xBB\xBFMã;Tên\r\nKH01;Hà Nội\r\n", -1, CRM_CSV_ENCODING_AUTO, 0);

  g_assert_cmpint (crm_csv_reader_get_encoding (reader), ==, CRM_CSV_ENCODING_UTF8);
  g_assert_cmpint (crm_csv_reader_get_delimiter (reader), ==, ';');
  /* The BOM does not stick to the first heading. */
  expect_record (reader, 1, "Mã", "Tên", NULL);
  expect_record (reader, 2, "KH01", "Hà Nội", NULL);
  expect_end (reader);
}

/* Windows-1258 writes most tone marks as combining characters after the
 * base letter (bytes checked with iconv -f CP1258). */
static void
test_windows_1258 (void)
{
  static const char data[] =
    "Ho\xf2 t\xean;\xd0i\xea\xf2n thoa\xf2i\r\n"                  /* Họ tên;Điện thoại */
    "Nguy\xea\xden V\xe3n \xd0\xfd\xec" "c;Tr\xfd\xf5\xccng S\xf5n\r\n" /* Nguyễn Văn Đức;Trường Sơn */
    "Pha\xf2m Thi\xf2 H\xe3\xccng;H\xe0 N\xf4\xf2i\r\n";           /* Phạm Thị Hằng;Hà Nội */
  g_autoptr(CrmCsvReader) reader = reader_for (data, -1, CRM_CSV_ENCODING_AUTO, 0);
  g_autoptr(CrmCsvReader) forced = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (crm_csv_reader_get_encoding (reader), ==, CRM_CSV_ENCODING_WINDOWS_1258);
  g_assert_cmpint (crm_csv_reader_get_delimiter (reader), ==, ';');
  /* NFC: one precomposed code point per letter. */
  expect_record (reader, 1, "H\xe1\xbb\x8d t\xc3\xaan", "\xc4\x90i\xe1\xbb\x87n tho\xe1\xba\xa1i", NULL);
  expect_record (reader, 2, "Nguyễn Văn Đức", "Trường Sơn", NULL);
  expect_record (reader, 3, "Phạm Thị Hằng", "Hà Nội", NULL);
  expect_end (reader);
  g_assert_cmpuint (g_utf8_strlen ("Nguyễn Văn Đức", -1), ==, 14);

  /* Forced, even when the bytes would happen to be valid UTF-8. */
  forced = reader_for ("caf\xe9", -1, CRM_CSV_ENCODING_WINDOWS_1258, ',');
  g_assert_true (crm_csv_reader_next (forced, fields, NULL));
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "café");
}

static void
test_decomposed_utf8 (void)
{
  /* "Nguyễn" typed on a Mac: e + U+0302 + U+0303. */
  g_autoptr(CrmCsvReader) reader =
    reader_for ("Nguye\xcc\x82\xcc\x83n,1\n", -1, CRM_CSV_ENCODING_AUTO, 0);

  g_assert_cmpint (crm_csv_reader_get_encoding (reader), ==, CRM_CSV_ENCODING_UTF8);
  expect_record (reader, 1, "Nguyễn", "1", NULL);
  expect_end (reader);
}

static void
test_bad_encoding (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("a,b\n\xff\xfe", 6);
  g_autoptr(GBytes) binary = g_bytes_new_static ("a\0b", 3);
  g_autoptr(GBytes) utf16 = g_bytes_new_static ("\xFF\xFE" "a\0,\0b\0", 8);
  g_autoptr(GBytes) neither = g_bytes_new_static ("a,\x81" "b\n", 5);
  g_autoptr(GError) error = NULL;
  CrmCsvReader *reader;

  reader = crm_csv_reader_new (bytes, CRM_CSV_ENCODING_UTF8, 0, &error);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_null (reader);
  g_clear_error (&error);

  reader = crm_csv_reader_new (binary, CRM_CSV_ENCODING_AUTO, 0, &error);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_null (reader);
  g_clear_error (&error);

  reader = crm_csv_reader_new (utf16, CRM_CSV_ENCODING_AUTO, 0, &error);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_assert_null (reader);
  g_clear_error (&error);

  /* 0x81 is no character in Windows-1258 either. */
  reader = crm_csv_reader_new (neither, CRM_CSV_ENCODING_AUTO, 0, &error);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_null (reader);
}

static void
test_guess_delimiter (void)
{
  static const struct
  {
    const char *text;
    char        delimiter;
  } cases[] = {
    { "a,b,c\n1,2,3\n", ',' },
    { "a;b;c\n1;2;3\n", ';' },
    { "a\tb\tc\n1\t2\t3\n", '\t' },
    /* Commas inside quotes do not count. */
    { "\"Nguyễn, Văn\";\"Hà Nội, VN\";x\n", ';' },
    { "\"a;b;c;d\",e\n", ',' },
    { "\"x\ty\"\t\"1,2\"\tz\n", '\t' },
    /* A quoted newline in the first record; the record goes on. */
    { "\"a\nb,c,d,e\";f;g\n", ';' },
    /* Blank lines first, then one column. */
    { "\n\r\nsingle\n", ',' },
    { "", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmCsvReader) reader = reader_for (cases[i].text, -1, CRM_CSV_ENCODING_AUTO, 0);

      g_assert_cmpint (crm_csv_reader_get_delimiter (reader), ==, cases[i].delimiter);
    }
}

static void
test_quotes (void)
{
  g_autoptr(CrmCsvReader) reader =
    reader_for ("\"Công ty A, B\",\"Cửa hàng \"\"Đại Phát\"\"\",\"\"\n"
                "\"\"\"\",x\"y,\"a\"\"\"\n", -1, CRM_CSV_ENCODING_AUTO, ',');

  expect_record (reader, 1, "Công ty A, B", "Cửa hàng \"Đại Phát\"", "", NULL);
  /* A quote inside an unquoted field is kept as it is. */
  expect_record (reader, 2, "\"", "x\"y", "a\"", NULL);
  expect_end (reader);
}

static void
test_embedded_newlines (void)
{
  g_autoptr(CrmCsvReader) reader =
    reader_for ("id,address\r\n"
                "1,\"12 Lý Thường Kiệt\r\nHoàn Kiếm\r\nHà Nội\"\r\n"
                "2,\"a\nb\"\r\n"
                "3,\"x\ry\"\n"
                "4,\"\"\"\nquoted\"\"\"\n"
                "5,last\n", -1, CRM_CSV_ENCODING_AUTO, 0);

  expect_record (reader, 1, "id", "address", NULL);
  expect_record (reader, 2, "1", "12 Lý Thường Kiệt\r\nHoàn Kiếm\r\nHà Nội", NULL);
  expect_record (reader, 5, "2", "a\nb", NULL);
  expect_record (reader, 7, "3", "x\ry", NULL);
  expect_record (reader, 9, "4", "\"\nquoted\"", NULL);
  expect_record (reader, 11, "5", "last", NULL);
  expect_end (reader);
}

static void
test_line_ends (void)
{
  g_autoptr(CrmCsvReader) cr = reader_for ("a,b\rc,d\r\re,f", -1, CRM_CSV_ENCODING_AUTO, 0);
  g_autoptr(CrmCsvReader) mixed = reader_for ("\r\n\na;b\r\n\r\n\n\rc;d\n\n", -1,
                                              CRM_CSV_ENCODING_AUTO, 0);

  expect_record (cr, 1, "a", "b", NULL);
  expect_record (cr, 2, "c", "d", NULL);
  expect_record (cr, 4, "e", "f", NULL);   /* the last record has no line end */
  expect_end (cr);

  /* Blank lines are skipped but counted. */
  expect_record (mixed, 3, "a", "b", NULL);
  expect_record (mixed, 7, "c", "d", NULL);
  expect_end (mixed);
}

static void
test_empty_fields (void)
{
  g_autoptr(CrmCsvReader) reader =
    reader_for ("a,b,\n,,\n\"\",x\n,\"\"", -1, CRM_CSV_ENCODING_AUTO, ',');

  expect_record (reader, 1, "a", "b", "", NULL);   /* trailing delimiter */
  expect_record (reader, 2, "", "", "", NULL);
  expect_record (reader, 3, "", "x", NULL);
  expect_record (reader, 4, "", "", NULL);
  expect_end (reader);
}

static void
test_last_record_without_newline (void)
{
  g_autoptr(CrmCsvReader) reader = reader_for ("a\tb\n\"c\"\t\"d\"", -1, CRM_CSV_ENCODING_AUTO, 0);

  g_assert_cmpint (crm_csv_reader_get_delimiter (reader), ==, '\t');
  expect_record (reader, 1, "a", "b", NULL);
  expect_record (reader, 2, "c", "d", NULL);
  expect_end (reader);
}

static void
test_unterminated_quote (void)
{
  g_autoptr(CrmCsvReader) reader =
    reader_for ("a,b\n1,2\n3,\"open\nstill open\n4,5\n", -1, CRM_CSV_ENCODING_AUTO, 0);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  expect_record (reader, 1, "a", "b", NULL);
  expect_record (reader, 2, "1", "2", NULL);
  g_assert_false (crm_csv_reader_next (reader, fields, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_cmpuint (crm_csv_reader_get_line (reader), ==, 3);
  g_assert_cmpuint (fields->len, ==, 0);
  g_clear_error (&error);

  /* The reader stays at its end. */
  g_assert_false (crm_csv_reader_next (reader, fields, &error));
  g_assert_no_error (error);
}

static void
test_text_after_quote (void)
{
  g_autoptr(CrmCsvReader) reader = reader_for ("x\n\n\"a\"b,c\n", -1, CRM_CSV_ENCODING_AUTO, ',');
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  expect_record (reader, 1, "x", NULL);
  g_assert_false (crm_csv_reader_next (reader, fields, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "3"));
}

static void
test_empty (void)
{
  g_autoptr(CrmCsvReader) empty = reader_for ("", 0, CRM_CSV_ENCODING_AUTO, 0);
  g_autoptr(CrmCsvReader) bom = reader_for ("\xEF\xBB\xBF", -1, CRM_CSV_ENCODING_AUTO, 0);
  g_autoptr(CrmCsvReader) blank = reader_for ("\r\n\n\r", -1, CRM_CSV_ENCODING_AUTO, 0);

  expect_end (empty);
  expect_end (bom);
  expect_end (blank);
}

static void
test_file (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvReader) reader = NULL;
  CrmCsvReader *none;
  int fd;

  fd = g_file_open_tmp ("test-csv-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, "ten;sdt\nAn;09\n", -1, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  reader = crm_csv_reader_new_for_file (file, CRM_CSV_ENCODING_AUTO, 0, NULL, &error);
  g_assert_no_error (error);
  expect_record (reader, 1, "ten", "sdt", NULL);
  expect_record (reader, 2, "An", "09", NULL);
  expect_end (reader);
  g_unlink (path);

  missing = g_file_new_for_path (path);
  none = crm_csv_reader_new_for_file (missing, CRM_CSV_ENCODING_AUTO, 0, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_large (void)
{
  g_autoptr(GString) data = g_string_sized_new (12 * 1024 * 1024);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_records = 0;
  guint n_fields = 0;

  g_string_append (data, "\xEF\xBB\xBFMã;Họ tên;Điện thoại;Địa chỉ;Ghi chú;Số tiền\r\n");
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (data,
                            "KH%06u;Nguyễn Văn Đức %u;09%08u;\"Số %u, đường Lý Thường Kiệt; Hà Nội\";"
                            "\"Khách \"\"VIP\"\"\nnhiều dòng\";%u\r\n",
                            i, i, i, i, i * 1000);
  bytes = g_string_free_to_bytes (g_steal_pointer (&data));
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 10 * 1000 * 1000);

  reader = crm_csv_reader_new (bytes, CRM_CSV_ENCODING_AUTO, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_csv_reader_get_delimiter (reader), ==, ';');
  while (crm_csv_reader_next (reader, fields, &error))
    {
      n_records++;
      n_fields += fields->len;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_records, ==, 100001);
  g_assert_cmpuint (n_fields, ==, 6 * 100001);
  g_assert_cmpuint (crm_csv_reader_get_line (reader), ==, 2 * 100000);   /* the last record's */
  g_assert_cmpuint (fields->len, ==, 0);   /* cleared at the end */
}

static void
test_append_record (void)
{
  static const char * const record[] = {
    "plain", "Nguyễn, Văn", "say \"hi\"", "two\r\nlines", "", "a;b", "lf\nonly", "cr\ronly",
  };
  static const char * const single_empty[] = { "" };
  static const char * const with_null[] = { "x", NULL, "y" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) semicolon = g_string_new (NULL);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(GBytes) bytes = NULL;

  crm_csv_append_record (out, record, G_N_ELEMENTS (record), ',');
  g_assert_cmpstr (out->str, ==,
                   "plain,\"Nguyễn, Văn\",\"say \"\"hi\"\"\",\"two\r\nlines\",,a;b,\"lf\nonly\",\"cr\ronly\"\r\n");
  crm_csv_append_record (out, single_empty, 1, ',');
  crm_csv_append_record (out, with_null, 3, ',');
  crm_csv_append_record (out, record, 2, ',');

  crm_csv_append_record (semicolon, record + 5, 1, ';');
  g_assert_cmpstr (semicolon->str, ==, "\"a;b\"\r\n");

  bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  reader = crm_csv_reader_new (bytes, CRM_CSV_ENCODING_AUTO, 0, NULL);
  g_assert_nonnull (reader);
  g_assert_cmpint (crm_csv_reader_get_delimiter (reader), ==, ',');

  g_assert_true (crm_csv_reader_next (reader, fields, NULL));
  g_assert_cmpuint (fields->len, ==, G_N_ELEMENTS (record));
  for (guint i = 0; i < G_N_ELEMENTS (record); i++)
    g_assert_cmpstr (g_ptr_array_index (fields, i), ==, record[i]);
  g_assert_cmpuint (crm_csv_reader_get_line (reader), ==, 1);

  expect_record (reader, 5, "", NULL);
  expect_record (reader, 6, "x", "", "y", NULL);
  expect_record (reader, 7, "plain", "Nguyễn, Văn", NULL);
  expect_end (reader);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/utf8", test_utf8_plain);
  g_test_add_func ("/csv/utf8-bom", test_utf8_bom);
  g_test_add_func ("/csv/windows-1258", test_windows_1258);
  g_test_add_func ("/csv/decomposed-utf8", test_decomposed_utf8);
  g_test_add_func ("/csv/bad-encoding", test_bad_encoding);
  g_test_add_func ("/csv/guess-delimiter", test_guess_delimiter);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/csv/last-record-without-newline", test_last_record_without_newline);
  g_test_add_func ("/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv/text-after-quote", test_text_after_quote);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/file", test_file);
  g_test_add_func ("/csv/large", test_large);
  g_test_add_func ("/csv/append-record", test_append_record);

  return g_test_run ();
}
