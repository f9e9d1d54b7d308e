/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-care-case.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CARE_FILTER (crm_care_filter_get_type ())

/* Which cases a list shows, on top of what the session may see: one
 * status (-1 for every status), only the overdue ones (due before today
 * and neither resolved nor closed; the status is then ignored), one
 * assignee (0 for everyone's) and a text found, without tones, in the
 * title or the customer's name (NULL or blank for any).  @today
 * ("yyyy-MM-dd", NULL for the local date) is what "overdue" counts
 * from. */
typedef struct
{
  int       status;
  gboolean  overdue;
  gint64    assignee_id;
  char     *search;
  char     *today;
} CrmCareFilter;

GType          crm_care_filter_get_type       (void) G_GNUC_CONST;
CrmCareFilter *crm_care_filter_new            (void);
CrmCareFilter *crm_care_filter_copy           (const CrmCareFilter *self);
void           crm_care_filter_free           (CrmCareFilter       *self);
gboolean       crm_care_filter_equal          (const CrmCareFilter *a,
                                               const CrmCareFilter *b);

gint64         crm_care_store_create          (CrmStore            *store,
                                               CrmSession          *session,
                                               CrmCareCase         *care,
                                               GError             **error);
CrmCareCase   *crm_care_store_get             (CrmStore            *store,
                                               CrmSession          *session,
                                               gint64               case_id,
                                               GError             **error);
gboolean       crm_care_store_save            (CrmStore            *store,
                                               CrmSession          *session,
                                               CrmCareCase         *care,
                                               GError             **error);
gboolean       crm_care_store_set_status      (CrmStore            *store,
                                               CrmSession          *session,
                                               gint64               case_id,
                                               CrmCareStatus        status,
                                               GError             **error);
gint64         crm_care_store_add_action      (CrmStore            *store,
                                               CrmSession          *session,
                                               CrmCareAction       *action,
                                               GError             **error);
GPtrArray     *crm_care_store_list_actions    (CrmStore            *store,
                                               CrmSession          *session,
                                               gint64               case_id,
                                               GError             **error);
GPtrArray     *crm_care_store_list_for_customer (CrmStore          *store,
                                               CrmSession          *session,
                                               gint64               customer_id,
                                               GError             **error);
gint64         crm_care_store_count           (CrmStore            *store,
                                               CrmSession          *session,
                                               const CrmCareFilter *filter,
                                               GError             **error);
GPtrArray     *crm_care_store_fetch           (CrmStore            *store,
                                               CrmSession          *session,
                                               const CrmCareFilter *filter,
                                               guint                offset,
                                               guint                limit,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCareFilter, crm_care_filter_free)

G_END_DECLS
