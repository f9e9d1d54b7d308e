/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fewest characters (Unicode characters, not bytes) a password may have. */
#define CRM_PASSWORD_MIN_LENGTH 8

/* Passwords are kept only as Argon2id hashes (libsodium crypto_pwhash_str,
 * interactive limits, a random salt inside every hash).  The text is
 * NFC-normalised first, so "ệ" typed as one character or as "ê" plus a
 * combining dot hashes the same.  Plain-text copies made here are wiped.
 *
 * crm_password_hash() returns the hash string to store (it starts with
 * "$argon2id$"); a CRM_VALIDATION_ERROR for text that is not UTF-8, a
 * CRM_STORE_ERROR when the machine lacks the memory to hash.  It does not
 * check the strength: call crm_password_check_strength() for new passwords.
 *
 * crm_password_verify() is TRUE when @password matches @hash; FALSE for a
 * NULL or malformed hash.
 *
 * crm_password_check_strength() refuses, with CRM_VALIDATION_ERROR, a
 * password shorter than CRM_PASSWORD_MIN_LENGTH characters or made only of
 * spaces. */
char     *crm_password_hash            (const char  *password,
                                        GError     **error);
gboolean  crm_password_verify          (const char  *hash,
                                        const char  *password);
gboolean  crm_password_check_strength  (const char  *password,
                                        GError     **error);

G_END_DECLS
