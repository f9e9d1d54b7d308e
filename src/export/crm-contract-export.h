/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-contract-store.h"
#include "crm-export.h"
#include "crm-export-table.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* What a list of contracts shows and how: a status (a CrmContractStatus,
 * -1 for any), words to find (NULL for all), the sort column and
 * direction.  The Contracts section and its export share it. */
typedef struct
{
  int              status;
  char            *search;
  CrmContractSort  sort;
  gboolean         ascending;
} CrmContractFilter;

/* Any status, no words, newest code first. */
CrmContractFilter *crm_contract_filter_new     (void);
CrmContractFilter *crm_contract_filter_copy    (const CrmContractFilter  *self);
void               crm_contract_filter_free    (CrmContractFilter        *self);
gboolean           crm_contract_filter_equal   (const CrmContractFilter  *a,
                                                const CrmContractFilter  *b);

CrmExportTable    *crm_contract_export_table   (CrmStore                 *store,
                                                CrmSession               *session,
                                                const CrmContractFilter  *filter,
                                                GError                  **error);
gboolean           crm_contract_export         (CrmStore                 *store,
                                                CrmSession               *session,
                                                const CrmContractFilter  *filter,
                                                CrmExportFormat           format,
                                                GFile                    *dest,
                                                GCancellable             *cancellable,
                                                guint64                  *n_rows,
                                                GError                  **error);
void               crm_contract_export_async   (CrmStore                 *store,
                                                CrmSession               *session,
                                                const CrmContractFilter  *filter,
                                                CrmExportFormat           format,
                                                GFile                    *dest,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean           crm_contract_export_finish  (CrmStore                 *store,
                                                GAsyncResult             *result,
                                                guint64                  *n_rows,
                                                GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmContractFilter, crm_contract_filter_free)

G_END_DECLS
