/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Marketing campaigns (chiến dịch): a name, a channel, a period, a budget
 * in đồng and the customers targeted, each of whom gets a response status.
 * Dates are ISO "yyyy-MM-dd" once validated (typed and shown dd/MM/yyyy).
 * Ids of 0 mean "none". */

/* A budget above this (10^15 đồng) is a typing mistake. */
#define CRM_CAMPAIGN_MAX_BUDGET G_GINT64_CONSTANT (1000000000000000)

typedef enum
{
  CRM_CAMPAIGN_CHANNEL_EMAIL,
  CRM_CAMPAIGN_CHANNEL_SMS,
  CRM_CAMPAIGN_CHANNEL_ZALO,
  CRM_CAMPAIGN_CHANNEL_PHONE,
  CRM_CAMPAIGN_CHANNEL_EVENT,
  CRM_CAMPAIGN_CHANNEL_PRINT,
  CRM_CAMPAIGN_CHANNEL_SOCIAL,
  CRM_CAMPAIGN_CHANNEL_OTHER,
} CrmCampaignChannel;

#define CRM_CAMPAIGN_N_CHANNELS (CRM_CAMPAIGN_CHANNEL_OTHER + 1)

/* A member's response, in the order a campaign moves them along. */
typedef enum
{
  CRM_CAMPAIGN_RESPONSE_NONE,
  CRM_CAMPAIGN_RESPONSE_CONTACTED,
  CRM_CAMPAIGN_RESPONSE_RESPONDED,
  CRM_CAMPAIGN_RESPONSE_CONVERTED,
} CrmCampaignResponse;

#define CRM_CAMPAIGN_N_RESPONSES (CRM_CAMPAIGN_RESPONSE_CONVERTED + 1)

#define CRM_TYPE_CAMPAIGN        (crm_campaign_get_type ())
#define CRM_TYPE_CAMPAIGN_MEMBER (crm_campaign_member_get_type ())

G_DECLARE_FINAL_TYPE (CrmCampaign, crm_campaign, CRM, CAMPAIGN, GObject)
G_DECLARE_FINAL_TYPE (CrmCampaignMember, crm_campaign_member, CRM, CAMPAIGN_MEMBER, GObject)

/* One campaign; plain public fields.  The fields after notes are filled
 * in by the store when it reads and ignored when it writes. */
struct _CrmCampaign
{
  GObject             parent_instance;

  gint64              id;
  char               *name;
  CrmCampaignChannel  channel;
  char               *starts_on;     /* "yyyy-MM-dd" or NULL */
  char               *ends_on;       /* "yyyy-MM-dd" or NULL */
  gint64              budget;        /* đồng */
  char               *target;        /* how members were chosen: key=value lines (see the store) */
  gint64              owner_id;
  char               *notes;

  char               *owner_name;
  gint64              n_members;     /* the members the reading session may see */
  gint64              n_converted;
  char               *created_at;
  char               *updated_at;
};

/* One customer in a campaign, as the store reads it. */
struct _CrmCampaignMember
{
  GObject              parent_instance;

  gint64               campaign_id;
  gint64               customer_id;
  char                *customer_code;
  char                *customer_name;
  char                *customer_status;   /* "lead", "prospect", … */
  CrmCampaignResponse  response;
  gint64               opportunity_id;
  char                *opportunity_title;
  gint64               order_id;
  char                *order_code;
  char                *updated_at;
};

/* "email", "sms", … as the database stores them; NULL out of range. */
const char        *crm_campaign_channel_to_string   (CrmCampaignChannel    channel);
gboolean           crm_campaign_channel_from_string (const char           *text,
                                                     CrmCampaignChannel   *channel);
/* "Email", "SMS", "Zalo", "Phone", … translated. */
const char        *crm_campaign_channel_label       (CrmCampaignChannel    channel);

/* "none", "contacted", "responded", "converted"; NULL out of range. */
const char        *crm_campaign_response_to_string   (CrmCampaignResponse  response);
gboolean           crm_campaign_response_from_string (const char          *text,
                                                      CrmCampaignResponse *response);
/* "Not contacted", "Contacted", "Responded", "Converted" translated. */
const char        *crm_campaign_response_label       (CrmCampaignResponse  response);

/* A new campaign: channel email, no dates, no budget. */
CrmCampaign       *crm_campaign_new                  (void);
CrmCampaign       *crm_campaign_copy                 (CrmCampaign         *self);

/* Checks what a user typed and normalises it in place: texts trimmed
 * (empty to NULL), the dates to ISO.  The name is required, the channel
 * one of the eight, the end not before the start, the budget
 * 0 … CRM_CAMPAIGN_MAX_BUDGET.  CRM_VALIDATION_ERROR otherwise. */
gboolean           crm_campaign_validate             (CrmCampaign         *self,
                                                      GError             **error);
/* The period as "dd/MM/yyyy – dd/MM/yyyy" (an open side shown "…"),
 * "" when neither date is set. */
char              *crm_campaign_format_period        (CrmCampaign         *self);

CrmCampaignMember *crm_campaign_member_new           (void);

G_END_DECLS
