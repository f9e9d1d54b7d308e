/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTRACT_WINDOW (crm_contract_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmContractWindow, crm_contract_window, CRM, CONTRACT_WINDOW, GtkWindow)

/* A contract's editor window, transient for @parent and not modal: the
 * header, the lines, the payment schedule, totals, revisions, status
 * moves and printing, over a CrmContractEditor.  Emits "saved" (the
 * contract's id) after every change it wrote to the store. */
CrmContractWindow *crm_contract_window_new              (GtkWindow         *parent,
                                                         CrmStore          *store,
                                                         CrmSession        *session);
gboolean           crm_contract_window_load             (CrmContractWindow *self,
                                                         gint64             contract_id,
                                                         GError           **error);
/* A new contract: the user picks the customer first. */
void               crm_contract_window_start_blank      (CrmContractWindow *self);
/* A new contract from an accepted quote; %CRM_STORE_ERROR_EXISTS when the
 * quote has a contract already and not @allow_another. */
gboolean           crm_contract_window_start_from_quote (CrmContractWindow *self,
                                                         gint64             quote_id,
                                                         gboolean           allow_another,
                                                         GError           **error);
/* 0 until the contract is first saved. */
gint64             crm_contract_window_get_contract_id  (CrmContractWindow *self);

G_END_DECLS
