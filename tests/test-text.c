/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "crm-province.h"
#include "crm-text.h"

static void
test_fold_vietnamese (void)
{
  static const struct
  {
    const char *text;
    const char *folded;
  } cases[] = {
    { "Nguyễn Văn Đức", "nguyen van duc" },
    { "ĐẶNG THỊ Ngọc Ánh", "dang thi ngoc anh" },
    { "Công ty TNHH Đại Phát", "cong ty tnhh dai phat" },
    { "Trường Tiểu học Lê Quý Đôn", "truong tieu hoc le quy don" },
    { "ễ ặ ầ ộ ữ ỹ Ễ Ặ Ầ Ộ Ữ Ỹ", "e a a o u y e a a o u y" },
    { "Phường Bến Nghé, Quận 1", "phuong ben nghe, quan 1" },
    { "Số 12/3 đường Lý Thường Kiệt", "so 12/3 duong ly thuong kiet" },
    { "BG-2026-0042", "bg-2026-0042" },
    { "Hòa Hoà HÒA", "hoa hoa hoa" },
    { "Mỹ phẩm ĐÔNG Á", "my pham dong a" },
    { "ư ơ ă â ê ô đ Ư Ơ Ă Â Ê Ô Đ", "u o a a e o d u o a a e o d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = crm_text_fold (cases[i].text);
      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static void
test_fold_decomposed_input (void)
{
  static const char *const names[] = {
    "Nguyễn Văn Đức", "ĐẶNG THỊ Ngọc Ánh", "Phạm Thị Hường", "Vũ Thị Mỹ Dung", "Đỗ Hữu Lộc",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *nfd = g_utf8_normalize (names[i], -1, G_NORMALIZE_NFD);
      g_autofree char *from_nfc = crm_text_fold (names[i]);
      g_autofree char *from_nfd = crm_text_fold (nfd);

      g_assert_cmpstr (nfd, !=, names[i]);
      g_assert_cmpstr (from_nfd, ==, from_nfc);
    }

  /* e + circumflex + tilde, typed by hand as combining marks. */
  {
    g_autofree char *folded = crm_text_fold ("Nguye\xcc\x82\xcc\x83n");
    g_assert_cmpstr (folded, ==, "nguyen");
  }
}

static void
test_fold_whitespace_and_null (void)
{
  static const struct
  {
    const char *text;
    const char *folded;
  } cases[] = {
    { "  Hồ   Chí\tMinh \n", "ho chi minh" },
    { "Lan\xc2\xa0" "Anh", "lan anh" },           /* no-break space */
    { "Thu\xe2\x80\x8bH\xc3\xa0", "thuha" },        /* zero-width space is invisible */
    { "", "" },
    { "   ", "" },
  };
  g_autofree char *from_null = crm_text_fold (NULL);

  g_assert_cmpstr (from_null, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = crm_text_fold (cases[i].text);
      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

/* Imported files are not always clean UTF-8; a sequence cut short at the
 * end once made GLib's case folding read past the string. */
static void
test_fold_invalid_utf8 (void)
{
  g_autofree char *folded = crm_text_fold ("Đ\xff\xfeức");
  g_autofree char *truncated = crm_text_fold ("Nguyễn\xe1\xbb");
  g_auto(GStrv) tokens = crm_text_fold_tokens ("Đức\xe2");

  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_true (g_str_has_prefix (folded, "d"));
  g_assert_true (g_str_has_suffix (folded, "uc"));
  g_assert_true (g_utf8_validate (truncated, -1, NULL));
  g_assert_true (g_str_has_prefix (truncated, "nguyen"));
  g_assert_cmpstr (tokens[0], ==, "duc");
  g_assert_null (crm_province_find ("Hà\xe2"));
}

static void
test_fold_tokens_split_on_punctuation (void)
{
  static const char *const company[] = { "cong", "ty", "tnhh", "dai", "phat", "hn", NULL };
  static const char *const code[] = { "bg", "2026", "0042", NULL };
  g_auto(GStrv) tokens = crm_text_fold_tokens ("Công ty TNHH Đại-Phát, (HN)");
  g_auto(GStrv) code_tokens = crm_text_fold_tokens ("BG-2026-0042");
  g_auto(GStrv) nothing = crm_text_fold_tokens ("  -- ,, ");
  g_auto(GStrv) from_null = crm_text_fold_tokens (NULL);

  g_assert_cmpstrv (tokens, company);
  g_assert_cmpstrv (code_tokens, code);
  g_assert_nonnull (nothing);
  g_assert_null (nothing[0]);
  g_assert_nonnull (from_null);
  g_assert_null (from_null[0]);
}

static int
compare_by_sort_key (gconstpointer a,
                     gconstpointer b)
{
  g_autofree char *key_a = crm_text_sort_key (*(const char *const *) a);
  g_autofree char *key_b = crm_text_sort_key (*(const char *const *) b);

  return strcmp (key_a, key_b);
}

static int
compare_by_person_key (gconstpointer a,
                       gconstpointer b)
{
  g_autofree char *key_a = crm_text_person_sort_key (*(const char *const *) a);
  g_autofree char *key_b = crm_text_person_sort_key (*(const char *const *) b);

  return strcmp (key_a, key_b);
}

/* Sorts a reversed and a rotated copy of @expected and checks that both
 * come back in the expected order, so the test does not depend on the
 * order the sort happened to start from. */
static void
assert_sorts_as (const char *const *expected,
                 guint               n,
                 GCompareFunc        compare)
{
  for (guint start = 0; start < 2; start++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < n; i++)
        {
          guint from = start == 0 ? n - 1 - i : (i + n / 2) % n;
          g_ptr_array_add (names, (gpointer) expected[from]);
        }
      g_ptr_array_sort (names, compare);
      for (guint i = 0; i < n; i++)
        g_assert_cmpstr (g_ptr_array_index (names, i), ==, expected[i]);
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      if (compare (&expected[i], &expected[i + 1]) >= 0)
        g_error ("“%s” should sort before “%s”", expected[i], expected[i + 1]);
    }
}

static void
test_sort_key_vietnamese_alphabet (void)
{
  /* A naive sort of folded text gets most of these wrong: it puts
   * "Đào" before "Dũng", "Êm" before "Eo", "Ơn" before "Ong". */
  static const char *const expected[] = {
    "123", "7 Sao", "An", "Anh", "Azura", "Ăn", "Âm", "Bê", "Ca", "Cao", "Dũng", "Dzũng",
    "Đào", "Đông", "Eo", "Êm", "Fanpage", "Giang", "Hà", "Ích", "Jenny", "Kiên", "Lan",
    "Mai", "Nga", "Oanh", "Ong", "Ông", "Ơn", "Phương", "Quân", "Rạng", "Sơn", "Tuấn",
    "Tư", "Uyên", "Ưng", "Việt", "Wendy", "Xuân", "Yến", "Zalo",
  };

  assert_sorts_as (expected, G_N_ELEMENTS (expected), compare_by_sort_key);
}

static void
test_sort_key_tone_order (void)
{
  static const char *const ba[] = { "Ba", "Bà", "Bả", "Bã", "Bá", "Bạ", "Bác" };
  static const char *const ma[] = { "ma", "mà", "mả", "mã", "má", "mạ", "mai", "mái", "man" };
  /* Letters decide before tones anywhere in the text, then tones word by word. */
  static const char *const words[] = { "Ba Bá", "Bà Ba", "Bà Bá", "Ba Bác" };

  assert_sorts_as (ba, G_N_ELEMENTS (ba), compare_by_sort_key);
  assert_sorts_as (ma, G_N_ELEMENTS (ma), compare_by_sort_key);
  assert_sorts_as (words, G_N_ELEMENTS (words), compare_by_sort_key);
}

/* Base letters of the whole text decide before any tone: "Ánh" comes
 * before "Anh Đào" as in a dictionary. */
static void
test_sort_key_spaces_before_letters (void)
{
  static const char *const expected[] = {
    "An", "An Bình", "An Khang", "Anh", "Ánh", "Anh Đào", "Công ty 2", "Công ty A", "Công tyA",
  };

  assert_sorts_as (expected, G_N_ELEMENTS (expected), compare_by_sort_key);
}

static void
test_sort_key_same_text_same_key (void)
{
  static const char *const names[] = { "Nguyễn Thị Hường", "Hòa Bình", "Đặng Thị Ngọc Ánh" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *nfd = g_utf8_normalize (names[i], -1, G_NORMALIZE_NFD);
      g_autofree char *spaced = g_strdup_printf ("  %s ", names[i]);
      g_autofree char *key = crm_text_sort_key (names[i]);
      g_autofree char *nfd_key = crm_text_sort_key (nfd);
      g_autofree char *spaced_key = crm_text_sort_key (spaced);

      g_assert_cmpstr (nfd_key, ==, key);
      g_assert_cmpstr (spaced_key, ==, key);
    }

  /* The old tone placement "Hoà" is the same name as "Hòa". */
  {
    g_autofree char *old = crm_text_sort_key ("Hoà");
    g_autofree char *new = crm_text_sort_key ("Hòa");
    g_assert_cmpstr (old, ==, new);
  }
}

static void
test_sort_key_case_is_last (void)
{
  static const char *const expected[] = { "an", "An", "AN", "ăn", "Ăn" };
  g_autofree char *from_null = crm_text_sort_key (NULL);
  g_autofree char *empty = crm_text_sort_key ("");

  assert_sorts_as (expected, G_N_ELEMENTS (expected), compare_by_sort_key);
  g_assert_cmpstr (from_null, ==, "");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_sort_key_printable_ascii (void)
{
  static const char *const texts[] = {
    "Nguyễn Văn Đức", "Công ty TNHH Đại Phát (HN)", "张伟", "Ελένη", "Café ☕ 100%",
    "a\tb\nc", "tab\x01" "ctl", "bad\xff" "utf8", "cut\xe1\xbb", "Ñoño", "İstanbul",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *key = crm_text_sort_key (texts[i]);

      g_assert_cmpuint (strlen (key), >, 0);
      for (const char *p = key; *p != '\0'; p++)
        g_assert_true (*p >= 0x20 && *p <= 0x7e);
    }
}

static void
test_person_sort_by_given_name (void)
{
  static const char *const expected[] = {
    "Trần Văn An",
    "Lê Anh",
    "Nguyễn Thị Mai Anh",
    "Phạm Minh Anh",
    "Đỗ Thị Ánh",
    "Phạm Thị Bích",
    "Lê Thị Bình",
    "Nguyễn Văn Bình",
    "Lê Văn Dũng",
    "Hoàng Văn Đức",
    "Hà",
    "Ngô Thị Hà",
    "Vũ Thu Hằng",
    "Đinh Văn Ông",
    "Lý Thị Ơn",
  };

  assert_sorts_as (expected, G_N_ELEMENTS (expected), compare_by_person_key);
}

static void
test_person_sort_single_word_and_spaces (void)
{
  g_autofree char *single = crm_text_person_sort_key ("Bình");
  g_autofree char *plain = crm_text_sort_key ("Bình");
  g_autofree char *spaced = crm_text_person_sort_key ("  Lê   Thị  Bình ");
  g_autofree char *tidy = crm_text_person_sort_key ("Lê Thị Bình");
  g_autofree char *from_null = crm_text_person_sort_key (NULL);

  g_assert_cmpstr (single, ==, plain);
  g_assert_cmpstr (spaced, ==, tidy);
  g_assert_cmpstr (from_null, ==, "");
}

/* The key is the given name's key, a separator, then the rest's key; the
 * separator sorts below every byte a key can hold, so nothing typed after
 * the given name can move a person ahead of someone with a shorter one. */
static void
test_person_sort_key_layout (void)
{
  static const char *const texts[] = { "Bình", "Lê Thị", "0 A z ~ ! Ư Đ", "张伟 Ελένη ☕", "a!b\"c#d$e%" };
  g_autofree char *key = crm_text_person_sort_key ("Lê Thị Bình");
  g_autofree char *given = crm_text_sort_key ("Bình");
  g_autofree char *rest = crm_text_sort_key ("Lê Thị");
  gsize given_len = strlen (given);
  char separator;

  g_assert_true (g_str_has_prefix (key, given));
  g_assert_cmpstr (key + given_len + 1, ==, rest);
  separator = key[given_len];
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *other = crm_text_sort_key (texts[i]);

      for (const char *p = other; *p != '\0'; p++)
        g_assert_cmpint (*p, >, separator);
    }
}

static void
test_digits (void)
{
  static const struct
  {
    const char *text;
    const char *digits;
  } cases[] = {
    { "+84 912.345-678", "84912345678" },
    { "(024) 3825 1234", "02438251234" },
    { "KH-000123", "000123" },
    { "không có số", "" },
    { "", "" },
  };
  g_autofree char *from_null = crm_text_digits (NULL);

  g_assert_cmpstr (from_null, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *digits = crm_text_digits (cases[i].text);
      g_assert_cmpstr (digits, ==, cases[i].digits);
    }
}

/* Codes are found as typed, whatever the zero padding. */
static void
test_code_search_terms (void)
{
  static const struct
  {
    const char *code;
    const char *terms;
  } cases[] = {
    { "BG-2026-0042", "BG-2026-0042 2026 42" },
    { "HĐ-2026-0007", "HĐ-2026-0007 2026 7" },
    { "DH-2026-10000", "DH-2026-10000 2026 10000" },
    { "DH-2026-0000", "DH-2026-0000 2026 0" },
    { "KHÔNG-SỐ", "KHÔNG-SỐ" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *terms = crm_text_code_search_terms (cases[i].code);

      g_assert_cmpstr (terms, ==, cases[i].terms);
    }
}

static void
test_phone_search_terms (void)
{
  static const struct
  {
    const char *phone;
    const char *terms;
  } cases[] = {
    { "+84912345678", "84912345678 0912345678 912345678" },
    { "+842438251234", "842438251234 02438251234 2438251234" },
    { "+16502530000", "16502530000" },
    { "0912 345 678", "0912345678" },
  };
  g_autofree char *from_null = crm_text_phone_search_terms (NULL);

  g_assert_cmpstr (from_null, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *terms = crm_text_phone_search_terms (cases[i].phone);
      g_assert_cmpstr (terms, ==, cases[i].terms);
    }
}

static void
test_province_thirty_four_units (void)
{
  static const char *const cities[] = { "ha-noi", "hue", "hai-phong", "da-nang", "ho-chi-minh", "can-tho" };
  const CrmProvince *provinces;
  guint n = 0;
  guint n_cities = 0;
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  provinces = crm_provinces (&n);
  g_assert_cmpuint (n, ==, 34);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (g_hash_table_add (codes, (gpointer) provinces[i].code));
      g_assert_true (crm_province_get (provinces[i].code) == &provinces[i]);
      g_assert_nonnull (provinces[i].old_names);
      if (provinces[i].is_city)
        n_cities++;
    }
  g_assert_cmpuint (n_cities, ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    g_assert_true (crm_province_get (cities[i])->is_city);
  g_assert_cmpstr (crm_province_get ("ho-chi-minh")->name, ==, "Thành phố Hồ Chí Minh");
  g_assert_null (crm_province_get ("binh-duong"));
  g_assert_null (crm_province_get (NULL));
}

static void
test_province_codes_and_short_names (void)
{
  static const char *const expected[][2] = {
    { "an-giang", "An Giang" }, { "bac-ninh", "Bắc Ninh" }, { "ca-mau", "Cà Mau" },
    { "cao-bang", "Cao Bằng" }, { "can-tho", "Cần Thơ" }, { "da-nang", "Đà Nẵng" },
    { "dak-lak", "Đắk Lắk" }, { "dien-bien", "Điện Biên" }, { "dong-nai", "Đồng Nai" },
    { "dong-thap", "Đồng Tháp" }, { "gia-lai", "Gia Lai" }, { "ha-noi", "Hà Nội" },
    { "ha-tinh", "Hà Tĩnh" }, { "hai-phong", "Hải Phòng" }, { "hue", "Huế" },
    { "hung-yen", "Hưng Yên" }, { "khanh-hoa", "Khánh Hòa" }, { "lai-chau", "Lai Châu" },
    { "lang-son", "Lạng Sơn" }, { "lao-cai", "Lào Cai" }, { "lam-dong", "Lâm Đồng" },
    { "nghe-an", "Nghệ An" }, { "ninh-binh", "Ninh Bình" }, { "phu-tho", "Phú Thọ" },
    { "quang-ngai", "Quảng Ngãi" }, { "quang-ninh", "Quảng Ninh" }, { "quang-tri", "Quảng Trị" },
    { "son-la", "Sơn La" }, { "tay-ninh", "Tây Ninh" }, { "thai-nguyen", "Thái Nguyên" },
    { "thanh-hoa", "Thanh Hóa" }, { "ho-chi-minh", "TP. Hồ Chí Minh" },
    { "tuyen-quang", "Tuyên Quang" }, { "vinh-long", "Vĩnh Long" },
  };
  const CrmProvince *provinces;
  guint n;

  provinces = crm_provinces (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (provinces[i].code, ==, expected[i][0]);
      g_assert_cmpstr (provinces[i].short_name, ==, expected[i][1]);
    }
}

static void
test_province_sorted_by_short_name (void)
{
  const CrmProvince *provinces;
  guint n;

  provinces = crm_provinces (&n);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autofree char *key = crm_text_sort_key (provinces[i].short_name);
      g_autofree char *next = crm_text_sort_key (provinces[i + 1].short_name);

      if (strcmp (key, next) >= 0)
        g_error ("“%s” should come before “%s”", provinces[i].short_name, provinces[i + 1].short_name);
    }
}

static void
test_province_every_name_resolves (void)
{
  const CrmProvince *provinces;
  guint n;

  provinces = crm_provinces (&n);
  for (guint i = 0; i < n; i++)
    {
      const CrmProvince *province = &provinces[i];

      g_assert_true (crm_province_find (province->name) == province);
      g_assert_true (crm_province_find (province->short_name) == province);
      g_assert_true (crm_province_find (province->code) == province);
      for (guint j = 0; province->old_names[j] != NULL; j++)
        {
          if (crm_province_find (province->old_names[j]) != province)
            g_error ("“%s” does not find %s", province->old_names[j], province->code);
        }
    }
}

/* The 29 provinces abolished on 1 July 2025 and where each one went. */
static void
test_province_merged_provinces (void)
{
  static const struct
  {
    const char *old_name;
    const char *code;
  } merged[] = {
    { "Hà Giang", "tuyen-quang" }, { "Yên Bái", "lao-cai" }, { "Bắc Kạn", "thai-nguyen" },
    { "Vĩnh Phúc", "phu-tho" }, { "Hòa Bình", "phu-tho" }, { "Bắc Giang", "bac-ninh" },
    { "Thái Bình", "hung-yen" }, { "Hải Dương", "hai-phong" }, { "Hà Nam", "ninh-binh" },
    { "Nam Định", "ninh-binh" }, { "Quảng Bình", "quang-tri" }, { "Quảng Nam", "da-nang" },
    { "Kon Tum", "quang-ngai" }, { "Bình Định", "gia-lai" }, { "Ninh Thuận", "khanh-hoa" },
    { "Đắk Nông", "lam-dong" }, { "Bình Thuận", "lam-dong" }, { "Phú Yên", "dak-lak" },
    { "Bình Dương", "ho-chi-minh" }, { "Bà Rịa - Vũng Tàu", "ho-chi-minh" },
    { "Bình Phước", "dong-nai" }, { "Long An", "tay-ninh" }, { "Sóc Trăng", "can-tho" },
    { "Hậu Giang", "can-tho" }, { "Bến Tre", "vinh-long" }, { "Trà Vinh", "vinh-long" },
    { "Tiền Giang", "dong-thap" }, { "Bạc Liêu", "ca-mau" }, { "Kiên Giang", "an-giang" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (merged); i++)
    {
      const CrmProvince *province = crm_province_find (merged[i].old_name);

      g_assert_nonnull (province);
      g_assert_cmpstr (province->code, ==, merged[i].code);
    }
}

static void
test_province_find_without_tones (void)
{
  static const struct
  {
    const char *typed;
    const char *code;
  } cases[] = {
    { "binh duong", "ho-chi-minh" },
    { "Ha Noi", "ha-noi" },
    { "HÀ NỘI", "ha-noi" },
    { "tp ha noi", "ha-noi" },
    { "Thành phố Hà Nội", "ha-noi" },
    { "TP.HCM", "ho-chi-minh" },
    { "tp. ho chi minh", "ho-chi-minh" },
    { "Hồ Chí Minh", "ho-chi-minh" },
    { "Sài Gòn", "ho-chi-minh" },
    { "ba ria vung tau", "ho-chi-minh" },
    { "Bà Rịa-Vũng Tàu", "ho-chi-minh" },
    { "tinh khanh hoa", "khanh-hoa" },
    { "Khánh Hoà", "khanh-hoa" },
    { "Tỉnh Thanh Hoá", "thanh-hoa" },
    { "Thừa Thiên Huế", "hue" },
    { "thua thien - hue", "hue" },
    { "Hoà Bình", "phu-tho" },
    { "dak nong", "lam-dong" },
    { "  Cần   Thơ ", "can-tho" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CrmProvince *province = crm_province_find (cases[i].typed);

      if (province == NULL)
        g_error ("“%s” finds nothing", cases[i].typed);
      g_assert_cmpstr (province->code, ==, cases[i].code);
    }
  g_assert_null (crm_province_find ("Paris"));
  g_assert_null (crm_province_find ("Bình"));
  g_assert_null (crm_province_find ("tỉnh"));
  g_assert_null (crm_province_find (""));
  g_assert_null (crm_province_find (NULL));
}

static void
test_province_search_terms_include_old_names (void)
{
  g_autofree char *hcm = crm_province_search_terms (crm_province_get ("ho-chi-minh"));
  g_autofree char *lam_dong = crm_province_search_terms (crm_province_get ("lam-dong"));
  g_autofree char *hue = crm_province_search_terms (crm_province_get ("hue"));
  guint n;
  const CrmProvince *provinces = crm_provinces (&n);

  g_assert_cmpstr (hcm, ==, "ho chi minh tp binh duong ba ria vung tau sai gon saigon hcm tphcm");
  g_assert_cmpstr (lam_dong, ==, "lam dong dak nong binh thuan dac");
  g_assert_cmpstr (hue, ==, "hue thua thien");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *terms = crm_province_search_terms (&provinces[i]);
      g_autofree char *padded = g_strdup_printf (" %s ", terms);

      /* Words every province has would make a search for them match
       * everyone, and "Tình", "Thành" are common names ("tinh" stays in
       * Hà Tĩnh, where it is part of the name). */
      g_assert_false (g_str_has_prefix (terms, "tinh "));
      g_assert_null (strstr (padded, " thanh pho "));
    }
}

/* The folding rule as first written, through g_utf8_normalize for every
 * character: crm_text_fold takes a table-driven shortcut for Latin text
 * and must give exactly this. */
static gboolean
reference_is_invisible (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK ||
         type == G_UNICODE_FORMAT ||
         (type == G_UNICODE_CONTROL && !g_unichar_isspace (c));
}

static char *
reference_fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *casefolded = g_utf8_casefold (valid, -1);
  g_autofree char *nfd = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (reference_is_invisible (c))
        continue;
      if (c == 0x0111 || c == 0x0110)
        c = 'd';
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
assert_fold_matches_reference (const char *text)
{
  g_autofree char *folded = crm_text_fold (text);
  g_autofree char *expected = reference_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

/* Every code point U+0001–U+2FFF (no surrogates below U+D800) alone,
 * between letters, after a space,
 * before a combining mark and next to Vietnamese letters. */
static void
test_fold_fast_path_matches_reference (void)
{
  guint checked = 0;

  for (gunichar c = 1; c < 0x3000; c++)
    {
      char utf8[8] = { 0, };
      g_autofree char *alone = NULL;
      g_autofree char *between = NULL;
      g_autofree char *spaced = NULL;
      g_autofree char *marked = NULL;
      g_autofree char *vietnamese = NULL;

      if (!g_unichar_validate (c))
        continue;
      g_unichar_to_utf8 (c, utf8);
      alone = g_strdup (utf8);
      between = g_strdup_printf ("A%sb", utf8);
      spaced = g_strdup_printf (" x %s  %s y ", utf8, utf8);
      marked = g_strdup_printf ("%s\xcc\x81\xcc\xa3%s", utf8, utf8);   /* + U+0301 U+0323 */
      vietnamese = g_strdup_printf ("Đ%sệ%sƯ", utf8, utf8);
      assert_fold_matches_reference (alone);
      assert_fold_matches_reference (between);
      assert_fold_matches_reference (spaced);
      assert_fold_matches_reference (marked);
      assert_fold_matches_reference (vietnamese);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 0x3000 - 1);
}

static void
test_fold_fast_path_names (void)
{
  static const char *const names[] = {
    "Nguyễn Văn Đức", "ĐẶNG THỊ Ngọc Ánh", "Phạm Thị Hường", "Vũ Thị Mỹ Dung", "Đỗ Hữu Lộc",
    "  Trần   Quốc\tToản \n", "Lê Thị Thu\xc2\xa0Hà", "Hoàng Ngọc Phách", "Bùi Xuân Phái",
    "Công ty TNHH Thương mại Dịch vụ Ánh Dương", "Ông Ích Khiêm", "Ưng Hoàng Phúc",
    "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Ha\xcc\x80", "Straße İstanbul ŉ ǰ ẞ", "Jürgen Müller-Øster",
    "Thu\xe2\x80\x8bH\xc3\xa0", "Lan\xff" "Anh", "Ἀθῆναι Лев Толстой", "北京 东京", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *nfd = g_utf8_normalize (names[i], -1, G_NORMALIZE_NFD);
      g_autofree char *upper = g_utf8_strup (names[i], -1);

      assert_fold_matches_reference (names[i]);
      if (nfd != NULL)
        assert_fold_matches_reference (nfd);
      assert_fold_matches_reference (upper);
    }
}

/* crm_text_sort_key decomposes Latin text through a table; text that
 * holds combining marks (here: the NFD form) takes g_utf8_normalize, and
 * both must give the same key. */
static void
assert_sort_key_matches_decomposed (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autofree char *key = crm_text_sort_key (text);
  g_autofree char *nfd_key = crm_text_sort_key (nfd);
  g_autofree char *person_key = crm_text_person_sort_key (text);
  g_autofree char *nfd_person_key = crm_text_person_sort_key (nfd);

  g_assert_cmpstr (key, ==, nfd_key);
  g_assert_cmpstr (person_key, ==, nfd_person_key);
}

static void
test_sort_key_fast_path_matches_normalize (void)
{
  static const char *const names[] = {
    "Nguyễn Văn Đức", "ĐẶNG THỊ Ngọc Ánh", "Phạm Thị Hường", "Vũ Thị Mỹ Dung", "Đỗ Hữu Lộc",
    "Ông Ích Khiêm", "Ưng Hoàng Phúc", "Straße İstanbul ǰ", "Jürgen Müller-Øster", "Ἀθῆναι",
  };

  for (gunichar c = 1; c < 0x3000; c++)
    {
      char utf8[8] = { 0, };
      g_autofree char *text = NULL;

      g_unichar_to_utf8 (c, utf8);
      text = g_strdup_printf ("ệ%sB %sc", utf8, utf8);
      assert_sort_key_matches_decomposed (utf8);
      assert_sort_key_matches_decomposed (text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    assert_sort_key_matches_decomposed (names[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/text/fold-vietnamese", test_fold_vietnamese);
  g_test_add_func ("/model/text/fold-decomposed-input-same", test_fold_decomposed_input);
  g_test_add_func ("/model/text/fold-collapses-whitespace-and-null", test_fold_whitespace_and_null);
  g_test_add_func ("/model/text/fold-repairs-invalid-utf8", test_fold_invalid_utf8);
  g_test_add_func ("/model/text/fold-fast-path-matches-reference", test_fold_fast_path_matches_reference);
  g_test_add_func ("/model/text/fold-fast-path-names", test_fold_fast_path_names);
  g_test_add_func ("/model/text/fold-tokens-split-on-punctuation", test_fold_tokens_split_on_punctuation);
  g_test_add_func ("/model/text/sort-key-vietnamese-alphabet", test_sort_key_vietnamese_alphabet);
  g_test_add_func ("/model/text/sort-key-tone-order", test_sort_key_tone_order);
  g_test_add_func ("/model/text/sort-key-spaces-before-letters", test_sort_key_spaces_before_letters);
  g_test_add_func ("/model/text/sort-key-same-text-same-key", test_sort_key_same_text_same_key);
  g_test_add_func ("/model/text/sort-key-case-is-last", test_sort_key_case_is_last);
  g_test_add_func ("/model/text/sort-key-printable-ascii", test_sort_key_printable_ascii);
  g_test_add_func ("/model/text/sort-key-fast-path-matches-normalize", test_sort_key_fast_path_matches_normalize);
  g_test_add_func ("/model/text/person-sort-by-given-name", test_person_sort_by_given_name);
  g_test_add_func ("/model/text/person-sort-single-word-and-spaces", test_person_sort_single_word_and_spaces);
  g_test_add_func ("/model/text/person-sort-key-layout", test_person_sort_key_layout);
  g_test_add_func ("/model/text/digits", test_digits);
  g_test_add_func ("/model/text/phone-search-terms", test_phone_search_terms);
  g_test_add_func ("/model/text/code-search-terms", test_code_search_terms);
  g_test_add_func ("/model/province/thirty-four-units", test_province_thirty_four_units);
  g_test_add_func ("/model/province/codes-and-short-names", test_province_codes_and_short_names);
  g_test_add_func ("/model/province/sorted-by-short-name", test_province_sorted_by_short_name);
  g_test_add_func ("/model/province/every-name-resolves", test_province_every_name_resolves);
  g_test_add_func ("/model/province/merged-provinces", test_province_merged_provinces);
  g_test_add_func ("/model/province/find-without-tones", test_province_find_without_tones);
  g_test_add_func ("/model/province/search-terms-include-old-names", test_province_search_terms_include_old_names);

  return g_test_run ();
}
