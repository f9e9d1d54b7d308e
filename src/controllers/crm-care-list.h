/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-care-store.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CARE_ROW  (crm_care_row_get_type ())
#define CRM_TYPE_CARE_LIST (crm_care_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmCareRow, crm_care_row, CRM, CARE_ROW, GObject)
G_DECLARE_FINAL_TYPE (CrmCareList, crm_care_list, CRM, CARE_LIST, GObject)

/* One care case as a row of the Care list, its fields formatted for
 * display (labels translated, the due date dd/MM/yyyy) as read-only
 * properties: customer-name, kind-label, subject, priority-label,
 * assignee-name, due-text, status-label and overdue (due before @today,
 * "yyyy-MM-dd", and not finished). */
CrmCareRow        *crm_care_row_new              (const CrmCareCase *care,
                                                  const char        *today);
const CrmCareCase *crm_care_row_get_case         (CrmCareRow        *self);
gint64             crm_care_row_get_id           (CrmCareRow        *self);
gboolean           crm_care_row_get_overdue      (CrmCareRow        *self);
const char        *crm_care_row_get_due_text     (CrmCareRow        *self);

/* Care cases as a lazy GListModel of CrmCareRow in the store's order:
 * it counts what the filter gives and reads a page of rows when a view
 * asks for one, keeping the few pages last used.  Empty until the first
 * crm_care_list_reload(). */
CrmCareList         *crm_care_list_new               (CrmStore            *store,
                                                      CrmSession          *session);
gboolean             crm_care_list_reload            (CrmCareList         *self,
                                                      GError             **error);
const CrmCareFilter *crm_care_list_get_filter        (CrmCareList         *self);
gboolean             crm_care_list_set_filter        (CrmCareList         *self,
                                                      const CrmCareFilter *filter,
                                                      GError             **error);
guint                crm_care_list_get_pages_fetched (CrmCareList         *self);

G_END_DECLS
