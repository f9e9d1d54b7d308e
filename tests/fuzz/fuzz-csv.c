/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the CSV reader and the vCard parser.
 *
 * The first byte of the input picks the delimiter (guessed, ',', ';' or
 * tab) and the encoding; the rest is the file. Every record read is
 * written back with crm_csv_append_record() and read again: the fields
 * must come back unchanged. The whole input is also parsed as vCard.
 * Any crash, sanitizer report or round-trip mismatch is a finding. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "crm-csv.h"
#include "crm-vcard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_round_trip (GPtrArray *fields,
                  char       delimiter)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  crm_csv_append_record (out, (const char * const *) fields->pdata, fields->len, delimiter);
  bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  reader = crm_csv_reader_new (bytes, CRM_CSV_ENCODING_UTF8, delimiter, &error);
  if (reader == NULL || !crm_csv_reader_next (reader, again, &error) || again->len != fields->len)
    abort ();
  for (guint i = 0; i < fields->len; i++)
    if (strcmp (g_ptr_array_index (fields, i), g_ptr_array_index (again, i)) != 0)
      abort ();
  if (crm_csv_reader_next (reader, again, &error) || error != NULL)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { 0, ',', ';', '\t' };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  CrmCsvEncoding encoding;
  guint previous_line = 0;
  double previous_fraction = 0.0;

  if (size < 1 || size > 64 * 1024)
    return 0;

  encoding = (CrmCsvEncoding) ((data[0] >> 2) % 3);
  bytes = g_bytes_new (data + 1, size - 1);
  reader = crm_csv_reader_new (bytes, encoding, delimiters[data[0] & 3], &error);
  if (reader != NULL)
    {
      char delimiter = crm_csv_reader_get_delimiter (reader);

      if (crm_csv_reader_get_encoding (reader) == CRM_CSV_ENCODING_AUTO)
        abort ();
      while (crm_csv_reader_next (reader, fields, &error))
        {
          double fraction = crm_csv_reader_get_fraction (reader);

          if (fields->len == 0 || crm_csv_reader_get_line (reader) <= previous_line
              || fraction < previous_fraction || fraction > 1.0)
            abort ();
          previous_line = crm_csv_reader_get_line (reader);
          previous_fraction = fraction;
          check_round_trip (fields, delimiter);
        }
      if (error == NULL && crm_csv_reader_get_fraction (reader) != 1.0)
        abort ();
    }
  g_clear_error (&error);

  whole = g_bytes_new (data, size);
  contacts = crm_vcard_parse (whole, &error);
  if ((contacts == NULL) == (error == NULL))
    abort ();

  return 0;
}
