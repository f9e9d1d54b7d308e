/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-campaign.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Which customers a campaign targets; every set condition must hold.
 * Saved in campaigns.target as "key=value" lines (category=5, tag=VIP —
 * one line per tag, any of them matches —, status=customer,
 * province=79) so the same filter can be applied again later. */
typedef struct
{
  gint64   category_id;    /* a node of the customer tree, its whole subtree; 0 = any */
  char   **tags;           /* any of these tag names; NULL or empty = any */
  char    *status;         /* customers.status ("lead", "customer"…); NULL = any */
  char    *province_code;  /* NULL = any */
} CrmCampaignTarget;

CrmCampaignTarget *crm_campaign_target_new       (void);
void               crm_campaign_target_free      (CrmCampaignTarget       *target);
/* The key=value text; "" for a target with no condition. */
char              *crm_campaign_target_to_string (const CrmCampaignTarget *target);
/* Reads that text back; unknown keys are ignored, NULL or "" gives an
 * empty target. */
CrmCampaignTarget *crm_campaign_target_parse     (const char              *text);

/* Campaigns are read by everyone; created, changed and deleted by
 * managers and administrators (CRM_PERMISSION_ERROR for staff).  Member
 * counts and lists only include the customers the session may see. */
gint64       crm_campaign_store_create          (CrmStore             *store,
                                                 CrmSession           *session,
                                                 CrmCampaign          *campaign,
                                                 GError              **error);
gboolean     crm_campaign_store_update          (CrmStore             *store,
                                                 CrmSession           *session,
                                                 CrmCampaign          *campaign,
                                                 GError              **error);
gboolean     crm_campaign_store_delete          (CrmStore             *store,
                                                 CrmSession           *session,
                                                 gint64                campaign_id,
                                                 GError              **error);
CrmCampaign *crm_campaign_store_get             (CrmStore             *store,
                                                 CrmSession           *session,
                                                 gint64                campaign_id,
                                                 GError              **error);
/* Every campaign (element-type CrmCampaign), the latest first. */
GPtrArray   *crm_campaign_store_list            (CrmStore             *store,
                                                 CrmSession           *session,
                                                 GError              **error);

/* Adds the visible, unmerged customers matching @target who are not
 * members yet (managers and administrators only).  With @remember the
 * target is saved as the campaign's target text.  *n_added gets how
 * many joined. */
gboolean     crm_campaign_store_add_members     (CrmStore                *store,
                                                 CrmSession              *session,
                                                 gint64                   campaign_id,
                                                 const CrmCampaignTarget *target,
                                                 gboolean                 remember,
                                                 gint64                  *n_added,
                                                 GError                 **error);
/* Applies the saved target again, adding the customers who match it now. */
gboolean     crm_campaign_store_reapply_target  (CrmStore             *store,
                                                 CrmSession           *session,
                                                 gint64                campaign_id,
                                                 gint64               *n_added,
                                                 GError              **error);
/* Takes a customer out of the campaign (managers and administrators). */
gboolean     crm_campaign_store_remove_member   (CrmStore             *store,
                                                 CrmSession           *session,
                                                 gint64                campaign_id,
                                                 gint64                customer_id,
                                                 GError              **error);

/* The members the session may see, by customer name. */
gint64       crm_campaign_store_count_members   (CrmStore             *store,
                                                 CrmSession           *session,
                                                 gint64                campaign_id,
                                                 GError              **error);
/* (element-type CrmCampaignMember) */
GPtrArray   *crm_campaign_store_fetch_members   (CrmStore             *store,
                                                 CrmSession           *session,
                                                 gint64                campaign_id,
                                                 guint                 offset,
                                                 guint                 limit,
                                                 GError              **error);

/* Sets a member's response; anyone who may see the customer.  Not found
 * (CRM_STORE_ERROR_NOT_FOUND) for a customer who is not a member or not
 * visible.  Audited on the campaign (field "member_status"). */
gboolean     crm_campaign_store_set_response    (CrmStore             *store,
                                                 CrmSession           *session,
                                                 gint64                campaign_id,
                                                 gint64                customer_id,
                                                 CrmCampaignResponse   response,
                                                 GError              **error);
/* Attributes an opportunity or an order on a visible customer to the
 * campaign: sets its campaign_id, and makes its customer a converted
 * member (joining them if needed) pointing at it.  Audited on the
 * campaign and on the opportunity or order. */
gboolean     crm_campaign_store_link_opportunity (CrmStore            *store,
                                                  CrmSession          *session,
                                                  gint64               campaign_id,
                                                  gint64               opportunity_id,
                                                  GError             **error);
gboolean     crm_campaign_store_link_order      (CrmStore             *store,
                                                 CrmSession           *session,
                                                 gint64                campaign_id,
                                                 gint64                order_id,
                                                 GError              **error);
/* The id of the order with @code (exact, trimmed) the session may see;
 * 0 and CRM_STORE_ERROR_NOT_FOUND otherwise. */
gint64       crm_campaign_store_find_order      (CrmStore             *store,
                                                 CrmSession           *session,
                                                 const char           *code,
                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCampaignTarget, crm_campaign_target_free)

G_END_DECLS
