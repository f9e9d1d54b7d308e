/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-contract-export.h"
#include "crm-contract-store.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTRACT_LIST_ITEM (crm_contract_list_item_get_type ())
#define CRM_TYPE_CONTRACT_LIST      (crm_contract_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmContractListItem, crm_contract_list_item, CRM, CONTRACT_LIST_ITEM, GObject)
G_DECLARE_FINAL_TYPE (CrmContractList, crm_contract_list, CRM, CONTRACT_LIST, GObject)

/* One row of the Contracts section as people read it: the row as stored
 * and its columns in words (read-only string properties "code",
 * "customer", "title", "signed", "starts", "ends", "value", "status",
 * "owner", "ends-note"; gint64 "id"; boolean "ending-soon": an active
 * contract ending within CRM_CONTRACT_END_REMINDER_DAYS days). */
const CrmContractRow *crm_contract_list_item_get_row     (CrmContractListItem     *self);
gint64               crm_contract_list_item_get_id       (CrmContractListItem     *self);
gboolean             crm_contract_list_item_get_ending_soon (CrmContractListItem  *self);
/* "Ends in 12 days", "Ends today", or NULL when not ending soon. */
const char          *crm_contract_list_item_get_ends_note (CrmContractListItem    *self);
const char          *crm_contract_list_item_get_text     (CrmContractListItem     *self,
                                                          const char              *column);

/* The contracts a session reads as a lazy GListModel of
 * CrmContractListItem, filtered and sorted in SQL by the store: it counts
 * what the filter gives and reads a page of rows when a view asks for
 * one, keeping the few pages last used.  Empty until the first
 * crm_contract_list_reload(). */
CrmContractList     *crm_contract_list_new               (CrmStore                *store,
                                                          CrmSession              *session);
gboolean             crm_contract_list_reload            (CrmContractList         *self,
                                                          GError                 **error);
const CrmContractFilter *crm_contract_list_get_filter    (CrmContractList         *self);
gboolean             crm_contract_list_set_filter        (CrmContractList         *self,
                                                          const CrmContractFilter *filter,
                                                          GError                 **error);
/* The day "ending soon" counts from ("yyyy-MM-dd"); today unless set. */
void                 crm_contract_list_set_today         (CrmContractList         *self,
                                                          const char              *iso_day);
guint                crm_contract_list_get_pages_fetched (CrmContractList         *self);

G_END_DECLS
