/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The 34 provincial-level units of Vietnam since the merger of 1 July 2025
 * (28 provinces, 6 centrally-run cities).  Names are Vietnamese proper
 * nouns and are not translated. */
typedef struct
{
  const char        *code;       /* stable ASCII slug, e.g. "ha-noi", "ho-chi-minh" */
  const char        *name;       /* official name, e.g. "Thành phố Hồ Chí Minh", "Tỉnh Khánh Hòa" */
  const char        *short_name; /* "TP. Hồ Chí Minh", "Hà Nội", "Khánh Hòa" */
  gboolean           is_city;
  const char *const *old_names;  /* NULL-terminated: merged pre-2025 provinces and other names */
} CrmProvince;

/* All 34, in Vietnamese alphabetical order of short_name. */
const CrmProvince *crm_provinces             (guint             *n_provinces);
/* NULL if unknown. */
const CrmProvince *crm_province_get          (const char        *code);
/* The unit a typed name refers to, ignoring tones, case and punctuation,
 * by current or old name, with or without "tỉnh", "thành phố", "TP." or
 * "tp" in front: "binh duong" -> ho-chi-minh.  NULL if none. */
const CrmProvince *crm_province_find         (const char        *name);
/* The folded words of the current, short and old names, each once and
 * without "tỉnh"/"thành phố" (which would match everybody), space
 * separated, for a search document. */
char              *crm_province_search_terms (const CrmProvince *province);

G_END_DECLS
