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
/* What --export was given; NULL for an option not given. */
typedef struct
{
  const char *name;       /* a list, a report, or "help" */
  const char *format;     /* xlsx or pdf; NULL: from the output's name */
  const char *output;
  const char *status;     /* customers only */
  const char *province;   /* customers only */
  const char *period;     /* reports and interactions (crm_period_parse()) */
  const char *breakdown;  /* --by, reports only */
  const char *staff;      /* a login, reports only */
} CrmCliExportOptions;

/* Writes a list or a report to a file as the user sees it; with the name
 * "help" prints every list and report, one tab-separated line each. */
int crm_cli_export  (const char                *path,
                     const char                *login,
                     const CrmCliExportOptions *options);
/* Writes the quote with @code, as it is now, to @output as an A4 PDF, if
 * the user may see it and may print; the print is audited. */
int crm_cli_print_document (const char *path,
                         const char *login,
                         const char *code,
                         const char *output);
/* Imports customers, contacts or products (@name) from the CSV or vCard
 * file @input, all rows or none: "Created N, updated N, skipped N" on
 * stdout; each invalid row "Line N: reason" on stderr, and unless
 * @skip_invalid nothing is imported and the status is non-zero.
 * @on_duplicate: skip (default), update or create; @rejected: a CSV file
 * that gets the invalid rows with their reason. */
int crm_cli_import (const char *path,
                    const char *login,
                    const char *name,
                    const char *input,
                    const char *on_duplicate,
                    gboolean    skip_invalid,
                    const char *rejected);

G_END_DECLS
