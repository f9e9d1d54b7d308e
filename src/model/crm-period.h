/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A reporting period: whole local days from first to last, both included,
 * and the unit it was chosen by. */
typedef enum
{
  CRM_PERIOD_DAY,
  CRM_PERIOD_WEEK,      /* ISO week, Monday to Sunday */
  CRM_PERIOD_MONTH,
  CRM_PERIOD_QUARTER,
  CRM_PERIOD_YEAR,
  CRM_PERIOD_CUSTOM,    /* any range of days */
} CrmPeriodUnit;

typedef struct
{
  CrmPeriodUnit unit;
  GDate         first;
  GDate         last;
} CrmPeriod;

/* What --period takes: "2026-11-23" (a day), "2026-W48" (an ISO week),
 * "2026-11" (a month), "2026-Q3" (a quarter), "2026" (a year), or a
 * range "2026-07-01..2026-09-30" (also dd/MM/yyyy on either side).
 * Anything else, or a range that ends before it starts, is
 * CRM_VALIDATION_ERROR_FORMAT with a message saying what is accepted. */
gboolean  crm_period_parse        (const char        *text,
                                   CrmPeriod         *period,
                                   GError           **error);
/* The @unit (not CUSTOM) that contains @day. */
void      crm_period_init         (CrmPeriod         *period,
                                   CrmPeriodUnit      unit,
                                   const GDate       *day);
/* The range @first..@last (swapped if reversed). */
void      crm_period_init_range   (CrmPeriod         *period,
                                   const GDate       *first,
                                   const GDate       *last);
/* The period just before: the previous unit, or for CUSTOM the same
 * number of days ending the day before @period starts. */
void      crm_period_previous     (const CrmPeriod   *period,
                                   CrmPeriod         *previous);
/* The next one (same rules as crm_period_previous). */
void      crm_period_next         (const CrmPeriod   *period,
                                   CrmPeriod         *next);
guint     crm_period_n_days       (const CrmPeriod   *period);
/* "yyyy-MM-dd" of the first and last day. */
char     *crm_period_first_iso    (const CrmPeriod   *period);
char     *crm_period_last_iso     (const CrmPeriod   *period);
/* What --period would take back: "2026-Q3", "2026-07-01..2026-08-15". */
char     *crm_period_to_string    (const CrmPeriod   *period);
/* Translated, for titles: "Quarter 3/2026 (01/07/2026 – 30/09/2026)",
 * "Month 11/2026 …", "Week 48/2026 …", "23/11/2026", "01/07/2026 – 15/08/2026". */
char     *crm_period_format       (const CrmPeriod   *period);
/* The short label of the @unit containing @day, for a time series axis:
 * "23/11", "W48", "11/2026", "Q3/2026", "2026". */
char     *crm_period_bucket_label (CrmPeriodUnit      unit,
                                   const GDate       *day);
/* The unit of the buckets that suits a period's length: days up to a
 * month, weeks up to a quarter, months up to two years, then quarters. */
CrmPeriodUnit crm_period_bucket_unit (const CrmPeriod *period);

G_END_DECLS
