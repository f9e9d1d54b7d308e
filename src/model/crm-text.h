/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Search folding: casefold, NFD, drop every combining mark (Unicode Mn), đ/Đ -> d, and
 * collapse runs of whitespace to one space, trim. NULL -> "". Keeps digits and punctuation. */
char    *crm_text_fold               (const char *text);
/* Words of the folded text split on anything that is not a letter or digit, for FTS5 queries. */
char   **crm_text_fold_tokens        (const char *text);
/* A key whose plain byte order (strcmp) is Vietnamese alphabetical order:
 * base letters first (a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z,
 * case-insensitive, digits before letters, spaces before anything), then the tone of each
 * word (ngang, huyền, hỏi, ngã, sắc, nặng), then lower case before upper case.
 * Printable ASCII without NUL, for a TEXT column with BINARY collation. NULL -> "". */
char    *crm_text_sort_key           (const char *text);
/* Vietnamese offices sort people by given name (last word), then by the family and middle
 * names: sort_key (last word) + a separator below every key byte + sort_key (rest).
 * A single word gives just its key. */
char    *crm_text_person_sort_key    (const char *full_name);
/* Only the ASCII digits of text, in order ("+84 912.345-678" -> "84912345678"). NULL -> "". */
char    *crm_text_digits             (const char *text);
/* TRUE for NULL, "" and text of nothing but ASCII white space. */
gboolean  crm_text_is_blank          (const char *text);
/* Text added to a record's search document for a phone so that what people type finds it:
 * "+84912345678" -> "84912345678 0912345678 912345678"; other text -> its digits. */
char    *crm_text_phone_search_terms (const char *phone);
char    *crm_text_code_search_terms  (const char *code);

G_END_DECLS
