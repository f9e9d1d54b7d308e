/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-password"

#include "config.h"

#include "crm-password.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "crm-error.h"

/* libsodium picks its fastest code paths and seeds its random generator in
 * sodium_init(); it must run once before any other call. */
static gboolean
ensure_sodium (void)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      if (!ok)
        g_critical ("libsodium could not be initialised");
      g_once_init_leave (&initialised, 1);
    }
  return ok;
}

/* Overwrites a plain-text copy before giving its memory back. */
static void
wipe_free (char *text)
{
  if (text == NULL)
    return;
  sodium_memzero (text, strlen (text));
  g_free (text);
}

/* The canonical (NFC) form of @password in new memory that the caller
 * wipes with wipe_free(); NULL when @password is not UTF-8. */
static char *
normalize (const char *password)
{
  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    return NULL;
  return g_utf8_normalize (password, -1, G_NORMALIZE_NFC);
}

char *
crm_password_hash (const char  *password,
                   GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];
  char *normalized;
  int rc;

  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(normalized = normalize (password)))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("The password contains characters that are not valid text."));
      return NULL;
    }
  if (!ensure_sodium ())
    {
      wipe_free (normalized);
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                           _("The password could not be protected: the encryption library failed to start."));
      return NULL;
    }

  rc = crypto_pwhash_str_alg (hash, normalized, strlen (normalized),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13);
  wipe_free (normalized);
  if (rc != 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                           _("The password could not be protected: not enough memory. Close other programs and try again."));
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
crm_password_verify (const char *hash,
                     const char *password)
{
  char *normalized;
  gboolean ok;

  if (hash == NULL || password == NULL || strnlen (hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
    return FALSE;
  if (!ensure_sodium () || !(normalized = normalize (password)))
    return FALSE;
  ok = crypto_pwhash_str_verify (hash, normalized, strlen (normalized)) == 0;
  wipe_free (normalized);
  return ok;
}

gboolean
crm_password_check_strength (const char  *password,
                             GError     **error)
{
  char *normalized;
  gboolean blank = TRUE;
  glong length;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (password == NULL || *password == '\0')
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Type a password."));
      return FALSE;
    }
  if (!(normalized = normalize (password)))
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("The password contains characters that are not valid text."));
      return FALSE;
    }
  length = g_utf8_strlen (normalized, -1);
  for (const char *p = normalized; *p != '\0' && blank; p = g_utf8_next_char (p))
    blank = g_unichar_isspace (g_utf8_get_char (p));
  wipe_free (normalized);

  if (blank)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                           _("A password cannot be only spaces."));
      return FALSE;
    }
  if (length < CRM_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_RANGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The password is too short: use at least %d character.",
                                "The password is too short: use at least %d characters.",
                                CRM_PASSWORD_MIN_LENGTH),
                   CRM_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  return TRUE;
}
