/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CAMPAIGN_DIALOG (crm_campaign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmCampaignDialog, crm_campaign_dialog, CRM, CAMPAIGN_DIALOG, GtkWindow)

/* The editor of one campaign, transient for @parent and not modal: name,
 * channel, start and end dates, budget, notes, and the saved target filter
 * (shown; it is set by "Add customers…").  Emits "saved" (gint64 id) after
 * each save.  @campaign_id 0 makes a new one.  %NULL with @error set when
 * the campaign cannot be read. */
CrmCampaignDialog *crm_campaign_dialog_new (GtkWindow   *parent,
                                            CrmStore    *store,
                                            CrmSession  *session,
                                            gint64       campaign_id,
                                            GError     **error);

/* A saved target ("category=5\ntag=VIP…") in words: "Customer group: Sỉ;
 * Tag: VIP; Status: Lead; Province: Hà Nội", or "None saved". */
char              *crm_campaign_describe_target (CrmStore    *store,
                                                 CrmSession  *session,
                                                 const char  *target);

G_END_DECLS
