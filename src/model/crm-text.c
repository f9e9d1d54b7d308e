/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-text"

#include "config.h"

#include "crm-text.h"

#include <string.h>

/* Sort keys are three levels joined by LEVEL_SEPARATOR: base letters, tones
 * of each word, letter case.  The separators are the lowest bytes of a key,
 * so a key that runs out first sorts first at every level ("Ba" < "Bac"). */
#define PERSON_SEPARATOR ' '
#define LEVEL_SEPARATOR  '!'
#define WORD_WEIGHT      '#'
#define ASCII_SYMBOL     '$'
#define OTHER_SYMBOL     '%'
#define LETTER_BASE      'A'
#define OTHER_LETTER     '~'

enum
{
  VARIANT_BREVE      = 1 << 0,
  VARIANT_CIRCUMFLEX = 1 << 1,
  VARIANT_HORN       = 1 << 2,
};

enum
{
  TONE_NGANG,
  TONE_HUYEN,
  TONE_HOI,
  TONE_NGA,
  TONE_SAC,
  TONE_NANG,
};

/* Rank of a..z in the Vietnamese alphabet of 33 letters, which puts ă â
 * after a, đ after d, ê after e, ô ơ after o and ư after u. */
static const guint8 latin_rank[26] = {
  0, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16,
  17, 18, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 32,
};

#define RANK_D_STROKE 6

typedef struct
{
  GString *primary;
  GString *tones;
  GString *cases;
  int      word_tone;
  gboolean in_word;
  gboolean pending_space;
} SortKeyBuilder;

/* Case-folded (if asked) and decomposed.  GLib's UTF-8 functions read past
 * the end of invalid input, and text from imports is not always clean, so
 * repair it first instead of crashing or losing it. */
static char *
decompose (const char *text,
           gboolean    casefold)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *folded = NULL;

  if (casefold)
    folded = g_utf8_casefold (valid, -1);
  return g_utf8_normalize (folded != NULL ? folded : valid, -1, G_NORMALIZE_NFD);
}

/* Zero-width and control characters come in with text pasted from the web
 * or office documents; they are invisible, so they must not split words. */
static gboolean
is_invisible (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK ||
         type == G_UNICODE_FORMAT ||
         (type == G_UNICODE_CONTROL && !g_unichar_isspace (c));
}

/* The folding rule, applied to text already case-folded and decomposed:
 * white space runs become one space (none at the start; the caller trims
 * the end by never writing a trailing one), invisible characters go, and
 * đ/Đ become d. */
static void
fold_decomposed (GString    *out,
                 const char *nfd,
                 gboolean   *pending_space)
{
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          *pending_space = out->len > 0;
          continue;
        }
      if (is_invisible (c))
        continue;
      /* đ has no decomposition, so NFD leaves it alone. */
      if (c == 0x0111 || c == 0x0110)
        c = 'd';
      if (*pending_space)
        g_string_append_c (out, ' ');
      *pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
}

static char *
fold_slow (const char *text)
{
  g_autofree char *nfd = decompose (text, TRUE);
  GString *out = g_string_sized_new (strlen (nfd));
  gboolean pending_space = FALSE;

  fold_decomposed (out, nfd, &pending_space);
  return g_string_free (out, FALSE);
}

/* Fast folding covers ASCII, the Latin letters (with Vietnamese in
 * U+1E00–U+1EFF) and the combining marks.  Each entry is what the slow
 * path makes of that one character, computed from the slow path itself
 * on first use, so the two cannot disagree.  Characters whose result
 * depends on their neighbours (a kept character with a non-zero
 * combining class, which NFD may reorder) are left to the slow path. */
enum
{
  FOLD_SLOW,   /* not in the table: fold the whole string the slow way */
  FOLD_SPACE,  /* white space */
  FOLD_TEXT,   /* append out[] (possibly empty: an invisible character) */
};

#define FOLD_LOW_END    0x0370
#define FOLD_HIGH_START 0x1E00
#define FOLD_HIGH_END   0x1F00
#define FOLD_OUT_MAX    7

typedef struct
{
  guint8 kind;
  guint8 len;
  char   out[FOLD_OUT_MAX];
} FoldEntry;

static FoldEntry fold_table[FOLD_LOW_END + (FOLD_HIGH_END - FOLD_HIGH_START)];

static void
fold_entry_init (FoldEntry *entry,
                 gunichar   c)
{
  char utf8[8] = { 0, };
  g_autofree char *nfd = NULL;
  g_autofree char *folded = NULL;
  glong n_chars;

  entry->kind = FOLD_SLOW;
  if (c == 0)
    return;
  g_unichar_to_utf8 (c, utf8);
  nfd = decompose (utf8, TRUE);
  n_chars = g_utf8_strlen (nfd, -1);
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar d = g_utf8_get_char (p);

      if (g_unichar_isspace (d))
        {
          if (n_chars == 1)
            entry->kind = FOLD_SPACE;
          return;
        }
      if (!is_invisible (d) && g_unichar_combining_class (d) != 0)
        return;
    }
  folded = fold_slow (utf8);
  if (strlen (folded) > FOLD_OUT_MAX)
    return;
  entry->kind = FOLD_TEXT;
  entry->len = strlen (folded);
  memcpy (entry->out, folded, entry->len);
}

static const FoldEntry *
fold_entry (gunichar c)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gunichar i = 0; i < FOLD_LOW_END; i++)
        fold_entry_init (&fold_table[i], i);
      for (gunichar i = FOLD_HIGH_START; i < FOLD_HIGH_END; i++)
        fold_entry_init (&fold_table[FOLD_LOW_END + i - FOLD_HIGH_START], i);
      g_once_init_leave (&initialized, 1);
    }
  if (c < FOLD_LOW_END)
    return &fold_table[c];
  if (c >= FOLD_HIGH_START && c < FOLD_HIGH_END)
    return &fold_table[FOLD_LOW_END + c - FOLD_HIGH_START];
  return NULL;
}

/* NULL when some character is outside the table. */
static char *
fold_fast (const char *text,
           gsize       length)
{
  GString *out = g_string_sized_new (length);
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const FoldEntry *entry = fold_entry (g_utf8_get_char (p));

      if (entry == NULL || entry->kind == FOLD_SLOW)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (entry->kind == FOLD_SPACE)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (entry->len == 0)
        continue;
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_len (out, entry->out, entry->len);
    }
  return g_string_free (out, FALSE);
}

char *
crm_text_fold (const char *text)
{
  gsize length;
  char *folded;

  if (text == NULL)
    return g_strdup ("");

  length = strlen (text);
  if (g_utf8_validate (text, length, NULL) && (folded = fold_fast (text, length)) != NULL)
    return folded;
  return fold_slow (text);
}

char **
crm_text_fold_tokens (const char *text)
{
  g_autofree char *folded = crm_text_fold (text);
  GPtrArray *tokens = g_ptr_array_new ();
  GString *word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_ptr_array_add (tokens, g_strndup (word->str, word->len));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  g_ptr_array_add (tokens, NULL);
  return (char **) g_ptr_array_free (tokens, FALSE);
}

static int
tone_of_mark (gunichar mark)
{
  switch (mark)
    {
    case 0x0300: return TONE_HUYEN;
    case 0x0309: return TONE_HOI;
    case 0x0303: return TONE_NGA;
    case 0x0301: return TONE_SAC;
    case 0x0323: return TONE_NANG;
    default:     return TONE_NGANG;
    }
}

static guint
variant_of_mark (gunichar mark)
{
  switch (mark)
    {
    case 0x0306: return VARIANT_BREVE;
    case 0x0302: return VARIANT_CIRCUMFLEX;
    case 0x031B: return VARIANT_HORN;
    default:     return 0;
    }
}

/* ă â ê ô ơ ư are letters of their own in Vietnamese, not accented ones;
 * any other mark on a Latin letter (é in a French name) is ignored. */
static guint
vietnamese_rank (gunichar lower,
                 guint    variants)
{
  guint rank = latin_rank[lower - 'a'];

  if (lower == 'a' && (variants & VARIANT_CIRCUMFLEX))
    return rank + 2;
  if (lower == 'a' && (variants & VARIANT_BREVE))
    return rank + 1;
  if ((lower == 'e' || lower == 'o') && (variants & VARIANT_CIRCUMFLEX))
    return rank + 1;
  if (lower == 'o' && (variants & VARIANT_HORN))
    return rank + 2;
  if (lower == 'u' && (variants & VARIANT_HORN))
    return rank + 1;
  return rank;
}

static void
builder_end_word (SortKeyBuilder *builder)
{
  if (builder->in_word)
    g_string_append_c (builder->tones, '0' + builder->word_tone);
  builder->in_word = FALSE;
  builder->word_tone = TONE_NGANG;
}

/* A run of spaces between words is one code, lower than any character,
 * so "An" < "An Bình" < "Anh". */
static void
builder_flush_space (SortKeyBuilder *builder)
{
  if (!builder->pending_space)
    return;
  g_string_append_c (builder->primary, WORD_WEIGHT);
  g_string_append_c (builder->cases, '0');
  builder->pending_space = FALSE;
}

/* Each character is one code in the primary level.  The codes are
 * prefix-free (escapes have a fixed length), so comparing the
 * concatenation compares the characters one by one. */
static void
builder_add_primary (SortKeyBuilder *builder,
                     gunichar        base,
                     gboolean        is_upper)
{
  gunichar lower = g_unichar_tolower (base);

  builder_flush_space (builder);
  if (g_unichar_isdigit (base) && g_unichar_digit_value (base) >= 0)
    g_string_append_c (builder->primary, '0' + g_unichar_digit_value (base));
  else if (!g_unichar_isalpha (base) && base < 0x80)
    g_string_append_printf (builder->primary, "%c%c", ASCII_SYMBOL, (char) base);
  else if (!g_unichar_isalpha (base))
    g_string_append_printf (builder->primary, "%c%06X", OTHER_SYMBOL, base);
  else
    g_string_append_printf (builder->primary, "%c%06X", OTHER_LETTER, lower);

  g_string_append_c (builder->cases, is_upper ? '1' : '0');
}

static void
builder_add_letter (SortKeyBuilder *builder,
                    guint           rank,
                    gboolean        is_upper)
{
  builder_flush_space (builder);
  g_string_append_c (builder->primary, LETTER_BASE + rank);
  g_string_append_c (builder->cases, is_upper ? '1' : '0');
}

/* Reads one base character and the combining marks after it. */
static const char *
builder_add_cluster (SortKeyBuilder *builder,
                     const char     *p)
{
  gunichar base = g_utf8_get_char (p);
  gunichar lower = g_unichar_tolower (base);
  /* g_unichar_istitle() searches a table, and no ASCII letter is a
   * title-case one. */
  gboolean is_upper = g_unichar_isupper (base) || (base >= 0x80 && g_unichar_istitle (base));
  guint variants = 0;
  int tone = TONE_NGANG;

  for (p = g_utf8_next_char (p); *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar mark = g_utf8_get_char (p);

      if (g_unichar_type (mark) != G_UNICODE_NON_SPACING_MARK)
        break;
      variants |= variant_of_mark (mark);
      if (tone == TONE_NGANG)
        tone = tone_of_mark (mark);
    }

  if (!g_unichar_isalpha (base))
    builder_end_word (builder);
  else
    {
      builder->in_word = TRUE;
      if (builder->word_tone == TONE_NGANG)
        builder->word_tone = tone;
    }

  if (lower >= 'a' && lower <= 'z')
    builder_add_letter (builder, vietnamese_rank (lower, variants), is_upper);
  else if (lower == 0x0111)
    builder_add_letter (builder, RANK_D_STROKE, is_upper);
  else
    builder_add_primary (builder, base, is_upper);
  return p;
}

/* Trailing "lowest" digits carry no information because every key with the
 * same primary level has the same number of them; dropping them keeps keys
 * short without changing their order. */
static void
trim_zeros (GString *level)
{
  while (level->len > 0 && level->str[level->len - 1] == '0')
    g_string_truncate (level, level->len - 1);
}

/* NFD of one character of the Latin ranges, from g_utf8_normalize on
 * first use.  Combining marks in the input are left to the slow path:
 * NFD reorders them together with the marks of the letter before. */
typedef struct
{
  gboolean fast;
  guint8   len;
  char     out[FOLD_OUT_MAX];
} DecompositionEntry;

static DecompositionEntry decomposition_table[G_N_ELEMENTS (fold_table)];

static void
decomposition_entry_init (DecompositionEntry *entry,
                          gunichar            c)
{
  char utf8[8] = { 0, };
  g_autofree char *nfd = NULL;

  entry->fast = FALSE;
  if (c == 0 || g_unichar_combining_class (c) != 0)
    return;
  g_unichar_to_utf8 (c, utf8);
  nfd = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFD);
  if (nfd == NULL || *nfd == '\0' || strlen (nfd) > FOLD_OUT_MAX ||
      g_unichar_combining_class (g_utf8_get_char (nfd)) != 0)
    return;
  entry->fast = TRUE;
  entry->len = strlen (nfd);
  memcpy (entry->out, nfd, entry->len);
}

static const DecompositionEntry *
decomposition_entry (gunichar c)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gunichar i = 0; i < FOLD_LOW_END; i++)
        decomposition_entry_init (&decomposition_table[i], i);
      for (gunichar i = FOLD_HIGH_START; i < FOLD_HIGH_END; i++)
        decomposition_entry_init (&decomposition_table[FOLD_LOW_END + i - FOLD_HIGH_START], i);
      g_once_init_leave (&initialized, 1);
    }
  if (c < FOLD_LOW_END)
    return &decomposition_table[c];
  if (c >= FOLD_HIGH_START && c < FOLD_HIGH_END)
    return &decomposition_table[FOLD_LOW_END + c - FOLD_HIGH_START];
  return NULL;
}

/* decompose (text, FALSE) without g_utf8_normalize for Latin text. */
static char *
decompose_for_sort (const char *text)
{
  gsize length = strlen (text);
  GString *out;

  if (!g_utf8_validate (text, length, NULL))
    return decompose (text, FALSE);

  out = g_string_sized_new (length + length / 2);
  for (const char *p = text; *p != '\0'; )
    {
      const DecompositionEntry *entry;

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      entry = decomposition_entry (g_utf8_get_char (p));
      if (entry == NULL || !entry->fast)
        {
          g_string_free (out, TRUE);
          return decompose (text, FALSE);
        }
      g_string_append_len (out, entry->out, entry->len);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

char *
crm_text_sort_key (const char *text)
{
  g_autofree char *nfd = NULL;
  SortKeyBuilder builder = { 0, };
  GString *key;

  if (text == NULL)
    return g_strdup ("");

  nfd = decompose_for_sort (text);
  builder.primary = g_string_new (NULL);
  builder.tones = g_string_new (NULL);
  builder.cases = g_string_new (NULL);

  for (const char *p = nfd; *p != '\0'; )
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || is_invisible (c))
        {
          if (g_unichar_isspace (c))
            {
              builder_end_word (&builder);
              builder.pending_space = builder.primary->len > 0;
            }
          p = g_utf8_next_char (p);
          continue;
        }
      p = builder_add_cluster (&builder, p);
    }
  builder_end_word (&builder);

  key = builder.primary;
  if (key->len > 0)
    {
      trim_zeros (builder.tones);
      trim_zeros (builder.cases);
      g_string_append_c (key, LEVEL_SEPARATOR);
      g_string_append_len (key, builder.tones->str, builder.tones->len);
      g_string_append_c (key, LEVEL_SEPARATOR);
      g_string_append_len (key, builder.cases->str, builder.cases->len);
    }
  g_string_free (builder.tones, TRUE);
  g_string_free (builder.cases, TRUE);
  return g_string_free (key, FALSE);
}

/* The last whitespace-separated word, or NULL for a single word. */
static const char *
find_given_name (const char *name)
{
  const char *given = NULL;
  gboolean after_space = FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        after_space = TRUE;
      else if (after_space)
        {
          given = p;
          after_space = FALSE;
        }
    }
  return given;
}

char *
crm_text_person_sort_key (const char *full_name)
{
  g_autofree char *name = NULL;
  g_autofree char *given_key = NULL;
  g_autofree char *family_key = NULL;
  g_autofree char *family = NULL;
  const char *given;

  if (full_name == NULL)
    return g_strdup ("");

  name = g_strstrip (g_utf8_make_valid (full_name, -1));
  given = find_given_name (name);
  if (given == NULL)
    return crm_text_sort_key (name);

  family = g_strndup (name, given - name);
  given_key = crm_text_sort_key (given);
  family_key = crm_text_sort_key (family);
  return g_strdup_printf ("%s%c%s", given_key, PERSON_SEPARATOR, family_key);
}

char *
crm_text_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

char *
crm_text_phone_search_terms (const char *phone)
{
  g_autofree char *digits = crm_text_digits (phone);

  /* People type a Vietnamese number with the trunk 0, with the country
   * code, or without either; index all three so a prefix search hits. */
  if (phone != NULL && g_str_has_prefix (phone, "+84") && strlen (digits) > 2)
    {
      const char *national = digits + 2;

      return g_strdup_printf ("%s 0%s %s", digits, national, national);
    }
  return g_steal_pointer (&digits);
}

gboolean
crm_text_is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A document code and its number groups without the zero padding:
 * "BG-2026-0042" -> "BG-2026-0042 2026 42", so that the search finds the
 * code as people type it ("BG-2026-42", "2026 42"). */
char *
crm_text_code_search_terms (const char *code)
{
  GString *out;

  g_return_val_if_fail (code != NULL, NULL);

  out = g_string_new (code);
  for (const char *p = code; *p != '\0'; )
    {
      const char *start;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      while (*p == '0' && g_ascii_isdigit (p[1]))
        p++;
      for (start = p; g_ascii_isdigit (*p); p++)
        ;
      g_string_append_c (out, ' ');
      g_string_append_len (out, start, p - start);
    }
  return g_string_free (out, FALSE);
}
