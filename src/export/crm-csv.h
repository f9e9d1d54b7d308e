/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The text encoding of a CSV file. Vietnamese spreadsheets saved by
 * older Excel versions come as Windows-1258. */
typedef enum
{
  CRM_CSV_ENCODING_AUTO,
  CRM_CSV_ENCODING_UTF8,
  CRM_CSV_ENCODING_WINDOWS_1258,
} CrmCsvEncoding;

/* Reads RFC 4180 records one at a time from a decoded buffer. */
typedef struct _CrmCsvReader CrmCsvReader;

/* Decodes the whole data to UTF-8 (BOM stripped; AUTO = UTF-8 if valid,
 * else Windows-1258 via g_convert "WINDOWS-1258"/"CP1258", NFC-normalised
 * since Windows-1258 uses combining tone marks); delimiter 0 = guess from
 * the first record (',' ';' or '\t', ignoring delimiters inside quotes). */
CrmCsvReader  *crm_csv_reader_new           (GBytes         *data,
                                             CrmCsvEncoding  encoding,
                                             char            delimiter,
                                             GError        **error);
CrmCsvReader  *crm_csv_reader_new_for_file  (GFile          *file,
                                             CrmCsvEncoding  encoding,
                                             char            delimiter,
                                             GCancellable   *cancellable,
                                             GError        **error);
/* The encoding used (never AUTO). */
CrmCsvEncoding crm_csv_reader_get_encoding  (CrmCsvReader   *self);
char           crm_csv_reader_get_delimiter (CrmCsvReader   *self);
/* The next record into @fields (cleared first; g_free'd strings); FALSE
 * at the end (error unset) or on a malformed record
 * (CRM_VALIDATION_ERROR_FORMAT, message says the line: e.g. an
 * unterminated quote). RFC 4180: quotes doubled inside quoted fields,
 * CRLF/LF/CR line ends, newlines inside quotes, blank lines skipped,
 * trailing delimiter = empty last field. */
gboolean       crm_csv_reader_next          (CrmCsvReader   *self,
                                             GPtrArray      *fields,
                                             GError        **error);
/* The 1-based line where the last record started. */
guint          crm_csv_reader_get_line      (CrmCsvReader   *self);
/* 0..1 of the input consumed, for progress. */
double         crm_csv_reader_get_fraction  (CrmCsvReader   *self);
void           crm_csv_reader_free          (CrmCsvReader   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvReader, crm_csv_reader_free)

/* Appends one RFC 4180 record ending in "\r\n" to @out, fields quoted
 * only when needed (delimiter, quote, CR or LF inside; NULL = empty). */
void           crm_csv_append_record        (GString            *out,
                                             const char * const *fields,
                                             guint               n_fields,
                                             char                delimiter);

G_END_DECLS
