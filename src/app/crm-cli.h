/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Headless verbs: no display needed; messages on stderr; the return value
 * is the process exit status. */
int crm_cli_check  (const char *path);
int crm_cli_backup (const char *path,
                    const char *destination);
int crm_cli_restore (const char *path,
                     const char *source);
int crm_cli_search (const char *path,
                    const char *query);
int crm_cli_demo   (const char *path);
int crm_cli_export (const char *path,
                    const char *name,
                    const char *format,
                    const char *output,
                    const char *status,
                    const char *province);

G_END_DECLS
