/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "crm-reports.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* What the report builders share: the scope a report reads (period,
 * filters, viewer), its binding to statements and its subtitles. */

/* The category subtree of :category as a recursive CTE named sub (empty
 * when :category is NULL); goes after "WITH RECURSIVE ". */
#define CRM_REPORT_CATEGORY_TREE \
  "sub (id) AS (SELECT :category WHERE :category IS NOT NULL " \
  "  UNION SELECT k.id FROM categories k JOIN sub ON k.parent_id = sub.id) "

/* The same as a whole WITH clause, for statements with no other CTE. */
#define CRM_REPORT_CATEGORY_CTE "WITH RECURSIVE " CRM_REPORT_CATEGORY_TREE

/* Whether the row @alias (a customer) is filed in the subtree sub. */
#define CRM_REPORT_IN_CATEGORY(alias) \
  "(:category IS NULL OR " alias ".category_id IN (SELECT id FROM sub))"

/* Whether @column (a user id) passes the :staff and :team filters. */
#define CRM_REPORT_OWNED_BY(column) \
  "(:staff IS NULL OR " column " = :staff) AND " \
  "(:team IS NULL OR " column " IN (SELECT tu.id FROM users tu WHERE tu.team_id = :team))"

/* The filter as the statements take it: a staff member's reports cover
 * their own work only, whatever the filter asks. */
typedef struct
{
  CrmSession *session;
  char       *first;        /* yyyy-MM-dd, the period's first and last days */
  char       *last;
  char       *from;         /* UTC timestamp of the first day's local midnight */
  char       *to;           /* UTC timestamp of the local midnight after the last day */
  gint64      staff_id;
  gint64      team_id;
  gint64      category_id;
} CrmReportScope;

/* The wording of the filter subtitles: formats with one %s for the name. */
typedef struct
{
  const char *staff;
  const char *team;
  const char *category;
  gboolean    unknown_as_mark;   /* a filter whose name is gone: "?" if TRUE, left out if FALSE */
} CrmReportFilterWords;

char     *_crm_report_day_start_utc        (const GDate                 *day,
                                            int                          days);
void      _crm_report_scope_init           (CrmReportScope              *scope,
                                            CrmSession                  *session,
                                            const CrmReportFilter       *filter);
void      _crm_report_scope_clear          (CrmReportScope              *scope);
void      _crm_report_bind_text_if_used    (sqlite3_stmt                *stmt,
                                            const char                  *name,
                                            const char                  *value);
void      _crm_report_bind_id_if_used      (sqlite3_stmt                *stmt,
                                            const char                  *name,
                                            gint64                       id);
void      _crm_report_scope_bind           (sqlite3_stmt                *stmt,
                                            const CrmReportScope        *scope);
sqlite3_stmt *_crm_report_prepare          (CrmStore                    *store,
                                            const char                  *sql,
                                            const CrmReportScope        *scope,
                                            GError                     **error);
guint     _crm_report_source_order         (const char                  *value,
                                            const char                 **label);
gboolean  _crm_report_check_cancelled      (GCancellable                *cancellable,
                                            GError                     **error);
gboolean  _crm_report_finish_query         (CrmStore                    *store,
                                            sqlite3_stmt                *stmt,
                                            int                          rc,
                                            GError                     **error);
gboolean  _crm_report_add_filter_subtitles (CrmReport                   *report,
                                            CrmStore                    *store,
                                            const CrmReportScope        *scope,
                                            const CrmPeriod             *period,
                                            const CrmReportFilterWords  *words,
                                            GError                     **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmReportScope, _crm_report_scope_clear)

G_END_DECLS
