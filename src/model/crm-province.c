/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-province"

#include "config.h"

#include "crm-province.h"

#include <string.h>

#include "crm-text.h"

#define NAMES(...) ((const char *const[]) { __VA_ARGS__, NULL })
#define NO_NAMES   ((const char *const[]) { NULL })

/* Resolution 202/2025/QH15.  Old names are the pre-2025 provinces merged
 * into each unit, then other names people still write in addresses. */
static const CrmProvince provinces[] = {
  { "an-giang", "Tỉnh An Giang", "An Giang", FALSE, NAMES ("Kiên Giang") },
  { "bac-ninh", "Tỉnh Bắc Ninh", "Bắc Ninh", FALSE, NAMES ("Bắc Giang") },
  { "ca-mau", "Tỉnh Cà Mau", "Cà Mau", FALSE, NAMES ("Bạc Liêu") },
  { "cao-bang", "Tỉnh Cao Bằng", "Cao Bằng", FALSE, NO_NAMES },
  { "can-tho", "Thành phố Cần Thơ", "Cần Thơ", TRUE, NAMES ("Sóc Trăng", "Hậu Giang") },
  { "da-nang", "Thành phố Đà Nẵng", "Đà Nẵng", TRUE, NAMES ("Quảng Nam", "Danang") },
  { "dak-lak", "Tỉnh Đắk Lắk", "Đắk Lắk", FALSE, NAMES ("Phú Yên", "Đắc Lắc", "Daklak") },
  { "dien-bien", "Tỉnh Điện Biên", "Điện Biên", FALSE, NO_NAMES },
  { "dong-nai", "Tỉnh Đồng Nai", "Đồng Nai", FALSE, NAMES ("Bình Phước") },
  { "dong-thap", "Tỉnh Đồng Tháp", "Đồng Tháp", FALSE, NAMES ("Tiền Giang") },
  { "gia-lai", "Tỉnh Gia Lai", "Gia Lai", FALSE, NAMES ("Bình Định") },
  { "ha-noi", "Thành phố Hà Nội", "Hà Nội", TRUE, NAMES ("Hà Tây", "Hanoi") },
  { "ha-tinh", "Tỉnh Hà Tĩnh", "Hà Tĩnh", FALSE, NO_NAMES },
  { "hai-phong", "Thành phố Hải Phòng", "Hải Phòng", TRUE, NAMES ("Hải Dương") },
  { "hue", "Thành phố Huế", "Huế", TRUE, NAMES ("Thừa Thiên Huế") },
  { "hung-yen", "Tỉnh Hưng Yên", "Hưng Yên", FALSE, NAMES ("Thái Bình") },
  { "khanh-hoa", "Tỉnh Khánh Hòa", "Khánh Hòa", FALSE, NAMES ("Ninh Thuận") },
  { "lai-chau", "Tỉnh Lai Châu", "Lai Châu", FALSE, NO_NAMES },
  { "lang-son", "Tỉnh Lạng Sơn", "Lạng Sơn", FALSE, NO_NAMES },
  { "lao-cai", "Tỉnh Lào Cai", "Lào Cai", FALSE, NAMES ("Yên Bái") },
  { "lam-dong", "Tỉnh Lâm Đồng", "Lâm Đồng", FALSE, NAMES ("Đắk Nông", "Bình Thuận", "Đắc Nông") },
  { "nghe-an", "Tỉnh Nghệ An", "Nghệ An", FALSE, NO_NAMES },
  { "ninh-binh", "Tỉnh Ninh Bình", "Ninh Bình", FALSE, NAMES ("Hà Nam", "Nam Định") },
  { "phu-tho", "Tỉnh Phú Thọ", "Phú Thọ", FALSE, NAMES ("Vĩnh Phúc", "Hòa Bình") },
  { "quang-ngai", "Tỉnh Quảng Ngãi", "Quảng Ngãi", FALSE, NAMES ("Kon Tum", "Kontum") },
  { "quang-ninh", "Tỉnh Quảng Ninh", "Quảng Ninh", FALSE, NO_NAMES },
  { "quang-tri", "Tỉnh Quảng Trị", "Quảng Trị", FALSE, NAMES ("Quảng Bình") },
  { "son-la", "Tỉnh Sơn La", "Sơn La", FALSE, NO_NAMES },
  { "tay-ninh", "Tỉnh Tây Ninh", "Tây Ninh", FALSE, NAMES ("Long An") },
  { "thai-nguyen", "Tỉnh Thái Nguyên", "Thái Nguyên", FALSE, NAMES ("Bắc Kạn", "Bắc Cạn") },
  { "thanh-hoa", "Tỉnh Thanh Hóa", "Thanh Hóa", FALSE, NO_NAMES },
  { "ho-chi-minh", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", TRUE,
    NAMES ("Bình Dương", "Bà Rịa - Vũng Tàu", "Vũng Tàu", "Sài Gòn", "Saigon",
           "TP.HCM", "TPHCM", "Hồ Chí Minh") },
  { "tuyen-quang", "Tỉnh Tuyên Quang", "Tuyên Quang", FALSE, NAMES ("Hà Giang") },
  { "vinh-long", "Tỉnh Vĩnh Long", "Vĩnh Long", FALSE, NAMES ("Bến Tre", "Trà Vinh") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (provinces) == 34);

/* How many of the folded words are the administrative prefix ("tỉnh",
 * "thành phố", and if asked "TP."), which people may or may not type. */
static guint
count_prefix_words (char **words,
                    gboolean  with_tp)
{
  if (words[0] == NULL)
    return 0;
  if (g_str_equal (words[0], "tinh") || (with_tp && g_str_equal (words[0], "tp")))
    return 1;
  if (g_str_equal (words[0], "thanh") && words[1] != NULL && g_str_equal (words[1], "pho"))
    return 2;
  return 0;
}

/* Folded words of a name without its prefix, so "Tỉnh Bình Dương",
 * "binh duong" and "Bình Dương." meet. */
static char *
lookup_key (const char *name)
{
  g_auto(GStrv) words = crm_text_fold_tokens (name);

  return g_strjoinv (" ", words + count_prefix_words (words, TRUE));
}

static void
index_name (GHashTable        *index,
            const char        *name,
            const CrmProvince *province)
{
  char *key = lookup_key (name);

  /* Two units must never answer to the same name. */
  g_warn_if_fail (g_hash_table_lookup (index, key) == NULL ||
                  g_hash_table_lookup (index, key) == province);
  g_hash_table_insert (index, key, (gpointer) province);
}

/* Built once and kept for the life of the process: imports look up a
 * province for every row. */
static GHashTable *
name_index (void)
{
  static GHashTable *index;

  if (g_once_init_enter (&index))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
        {
          const CrmProvince *province = &provinces[i];

          index_name (table, province->code, province);
          index_name (table, province->name, province);
          index_name (table, province->short_name, province);
          for (guint j = 0; province->old_names[j] != NULL; j++)
            index_name (table, province->old_names[j], province);
        }
      g_once_init_leave (&index, table);
    }
  return index;
}

const CrmProvince *
crm_provinces (guint *n_provinces)
{
  if (n_provinces != NULL)
    *n_provinces = G_N_ELEMENTS (provinces);
  return provinces;
}

const CrmProvince *
crm_province_get (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (g_str_equal (provinces[i].code, code))
      return &provinces[i];
  return NULL;
}

const CrmProvince *
crm_province_find (const char *name)
{
  g_autofree char *key = NULL;

  if (name == NULL)
    return NULL;
  key = lookup_key (name);
  if (*key == '\0')
    return NULL;
  return g_hash_table_lookup (name_index (), key);
}

/* Search documents hold each word once and leave out "tỉnh" and "thành
 * phố": in every customer's document they would make a search for Tình or
 * Thành match everybody.  "tp" stays, people search "tp hcm". */
static void
append_words (GString    *terms,
              GHashTable *seen,
              const char *name)
{
  g_auto(GStrv) words = crm_text_fold_tokens (name);

  for (guint i = count_prefix_words (words, FALSE); words[i] != NULL; i++)
    {
      if (!g_hash_table_add (seen, g_strdup (words[i])))
        continue;
      if (terms->len > 0)
        g_string_append_c (terms, ' ');
      g_string_append (terms, words[i]);
    }
}

char *
crm_province_search_terms (const CrmProvince *province)
{
  g_autoptr(GHashTable) seen = NULL;
  GString *terms;

  g_return_val_if_fail (province != NULL, NULL);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  terms = g_string_new (NULL);
  append_words (terms, seen, province->name);
  append_words (terms, seen, province->short_name);
  for (guint i = 0; province->old_names[i] != NULL; i++)
    append_words (terms, seen, province->old_names[i]);
  return g_string_free (terms, FALSE);
}
