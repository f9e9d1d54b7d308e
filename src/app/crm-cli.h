/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The environment variable scripts give the password in. */
#define CRM_CLI_PASSWORD_ENV "SOKHACH_PASSWORD"

/* Headless verbs: no display needed; messages on stderr; the return value
 * is the process exit status.
 *
 * Every verb that reads or changes data signs in as @login (--user) with
 * the password from CRM_CLI_PASSWORD_ENV or, when stdin is a terminal,
 * typed without echo; otherwise it refuses.  It then runs as that user:
 * search and export see what the user may see, backup and restore are for
 * administrators.  A restore into a database that is not set up yet (a
 * new file) needs no sign-in: there is no one to ask.  --check reads no
 * data and needs none either. */
int crm_cli_check   (const char *path);
int crm_cli_backup  (const char *path,
                     const char *login,
                     const char *destination);
int crm_cli_restore (const char *path,
                     const char *login,
                     const char *source);
int crm_cli_search  (const char *path,
                     const char *login,
                     const char *query);
/* Fills a new database with the demo office; refused for a database that
 * is already set up. */
int crm_cli_demo    (const char *path);
int crm_cli_export  (const char *path,
                     const char *login,
                     const char *name,
                     const char *format,
                     const char *output,
                     const char *status,
                     const char *province);
/* Writes the quote with @code, as it is now, to @output as an A4 PDF, if
 * the user may see it and may print; the print is audited. */
int crm_cli_print_document (const char *path,
                         const char *login,
                         const char *code,
                         const char *output);

G_END_DECLS
