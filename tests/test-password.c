/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-error.h"
#include "crm-password.h"

/* "Mật khẩu tiếng Việt" with "ệ" typed three ways: one precomposed
 * character, "ê" and a combining dot below, "e" and both marks. */
#define PRECOMPOSED    "M\xe1\xba\xadt kh\xe1\xba\xa9u ti\xe1\xba\xbfng Vi\xe1\xbb\x87t"
#define HALF_DECOMPOSED "M\xe1\xba\xadt kh\xe1\xba\xa9u ti\xe1\xba\xbfng Vi\xc3\xaa\xcc\xa3t"
#define DECOMPOSED     "M\xe1\xba\xadt kh\xe1\xba\xa9u ti\xe1\xba\xbfng Vie\xcc\x82\xcc\xa3t"

static void
test_hash_and_verify (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = crm_password_hash ("quanly-demo", &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (hash);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "quanly-demo"));
  g_assert_true (crm_password_verify (hash, "quanly-demo"));

  /* A random salt in every hash. */
  again = crm_password_hash ("quanly-demo", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (crm_password_verify (again, "quanly-demo"));
}

static void
test_wrong_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = crm_password_hash ("nhanvien-demo", &error);

  g_assert_no_error (error);
  g_assert_false (crm_password_verify (hash, "nhanvien-dem"));
  g_assert_false (crm_password_verify (hash, "Nhanvien-demo"));
  g_assert_false (crm_password_verify (hash, "nhanvien-demo "));
  g_assert_false (crm_password_verify (hash, ""));
  g_assert_false (crm_password_verify (hash, "nhanvien-demo\xff"));
  g_assert_false (crm_password_verify (NULL, "nhanvien-demo"));
  g_assert_false (crm_password_verify ("$argon2id$nonsense", "nhanvien-demo"));
  g_assert_false (crm_password_verify ("", "nhanvien-demo"));
}

static void
test_nfc (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *from_decomposed = NULL;

  g_assert_cmpstr (PRECOMPOSED, !=, HALF_DECOMPOSED);
  hash = crm_password_hash (PRECOMPOSED, &error);
  g_assert_no_error (error);
  g_assert_true (crm_password_verify (hash, PRECOMPOSED));
  g_assert_true (crm_password_verify (hash, HALF_DECOMPOSED));
  g_assert_true (crm_password_verify (hash, DECOMPOSED));
  /* Without the dot below it is another password. */
  g_assert_false (crm_password_verify (hash, "M\xe1\xba\xadt kh\xe1\xba\xa9u ti\xe1\xba\xbfng Vi\xc3\xaat"));

  from_decomposed = crm_password_hash (DECOMPOSED, &error);
  g_assert_no_error (error);
  g_assert_true (crm_password_verify (from_decomposed, PRECOMPOSED));
}

static void
test_invalid_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = crm_password_hash ("abc\xff\xfe" "defgh", &error);

  g_assert_null (hash);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
}

static void
test_strength (void)
{
  static const struct
  {
    const char *password;
    int         code;   /* -1: accepted */
  } cases[] = {
    { "", CRM_VALIDATION_ERROR_REQUIRED },
    { "abc", CRM_VALIDATION_ERROR_RANGE },
    { "1234567", CRM_VALIDATION_ERROR_RANGE },
    { "12345678", -1 },
    { "        ", CRM_VALIDATION_ERROR_FORMAT },
    /* Seven characters, fourteen bytes: still too short. */
    { "\xc4\x91\xe1\xba\xa5t n\xc6\xb0\xe1\xbb\x9b", CRM_VALIDATION_ERROR_RANGE },
    /* "mậtkhẩuđ": eight characters. */
    { "m\xe1\xba\xadtkh\xe1\xba\xa9u\xc4\x91", -1 },
    /* Seven characters once the combining marks are composed. */
    { "Vie\xcc\x82\xcc\xa3t Na", CRM_VALIDATION_ERROR_RANGE },
    { "bad\xff text", CRM_VALIDATION_ERROR_FORMAT },
    { PRECOMPOSED, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = crm_password_check_strength (cases[i].password, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, CRM_VALIDATION_ERROR, cases[i].code);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_short_message (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_password_check_strength ("ngan", &error));
  g_assert_nonnull (strstr (error->message, "8"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/password/hash-and-verify", test_hash_and_verify);
  g_test_add_func ("/password/wrong", test_wrong_password);
  g_test_add_func ("/password/nfc", test_nfc);
  g_test_add_func ("/password/invalid-text", test_invalid_text);
  g_test_add_func ("/password/strength", test_strength);
  g_test_add_func ("/password/short-message", test_short_message);

  return g_test_run ();
}
