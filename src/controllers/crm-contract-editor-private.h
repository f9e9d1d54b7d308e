/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by crm-contract-editor.c (the draft, undo, properties, store
 * actions) and crm-contract-items.c (the line and instalment items and
 * the editing of rows); nothing else uses them. */

#include "crm-contract-editor.h"

G_BEGIN_DECLS

/* Cells of a row: enough for a line (CRM_QUOTE_N_CELLS) and an
 * instalment (CRM_CONTRACT_INSTALMENT_N_CELLS). */
#define ROW_MAX_CELLS ((guint) CRM_QUOTE_N_CELLS)

G_STATIC_ASSERT ((guint) CRM_CONTRACT_INSTALMENT_N_CELLS <= ROW_MAX_CELLS);

/* What a line or instalment cannot hold: a key following it across undo
 * snapshots, the text of a cell typed wrong and why. */
typedef struct
{
  guint64  key;
  char    *bad[ROW_MAX_CELLS];
  char    *error[ROW_MAX_CELLS];
} RowState;

typedef struct
{
  CrmContract *contract;
  GPtrArray   *line_states;                              /* RowState, parallel to contract->lines */
  GPtrArray   *instalment_states;                        /* RowState, parallel to contract->instalments */
  char        *bad_field[CRM_CONTRACT_EDITOR_N_FIELDS];  /* a date typed wrong */
  char        *bad_field_error[CRM_CONTRACT_EDITOR_N_FIELDS];
} Draft;

Draft    *_crm_contract_editor_get_draft    (CrmContractEditor  *self);
RowState *_crm_contract_editor_new_state    (CrmContractEditor  *self);
/* One undo step: refused (FALSE, message set) on a locked contract. */
gboolean  _crm_contract_editor_begin_change (CrmContractEditor  *self,
                                             GError            **error);
/* The same for a payment, allowed on completed and expired contracts. */
gboolean  _crm_contract_editor_begin_payment (CrmContractEditor  *self,
                                              GError            **error);
/* Recomputes and publishes everything after a change. */
void      _crm_contract_editor_end_change   (CrmContractEditor  *self);
/* Sets the message from @local and propagates it; returns FALSE. */
gboolean  _crm_contract_editor_fail         (CrmContractEditor  *self,
                                             GError             *local,
                                             GError            **error);
CrmStore *_crm_contract_editor_get_store    (CrmContractEditor  *self,
                                             CrmSession        **session);

/* Makes @model's items match the draft's lines (@lines) or instalments,
 * reusing the item of each key and notifying changed cells. */
void      _crm_contract_items_sync          (CrmContractEditor  *editor,
                                             GListStore         *model,
                                             const Draft        *draft,
                                             gboolean            lines);
/* The editor is going away: items outliving it edit nothing. */
void      _crm_contract_items_detach        (GListModel         *model);

G_END_DECLS
