/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTRACTS_PAGE (crm_contracts_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmContractsPage, crm_contracts_page, CRM, CONTRACTS_PAGE, GtkWidget)

GtkWidget *crm_contracts_page_new         (CrmStore         *store,
                                           CrmSession       *session);
void       crm_contracts_page_reload      (CrmContractsPage *self);
/* Opens the contract's window (brings it forward when already open). */
void       crm_contracts_page_open_record (GtkWidget        *page,
                                           gint64            contract_id);
/* Opens a new contract's window made from another record: @source_kind
 * "quote" (an accepted quote; asks before making a second contract of
 * the same quote). */
void       crm_contracts_page_make_from   (GtkWidget        *page,
                                           const char       *source_kind,
                                           gint64            source_id);

G_END_DECLS
