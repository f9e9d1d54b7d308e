/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* How many records of each kind the signed-in user may see. */
typedef struct
{
  gint64 customers;
  gint64 opportunities;
  gint64 quotes;
  gint64 contracts;
  gint64 orders;
  gint64 events;
  gint64 care_cases;
  gint64 campaigns;
  gint64 products;      /* active products of the catalogue */
} CrmOverviewCounts;

gboolean crm_overview_store_count (CrmStore           *store,
                                   CrmSession         *session,
                                   CrmOverviewCounts  *counts,
                                   GError            **error);

G_END_DECLS
