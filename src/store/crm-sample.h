/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Realistic Vietnamese sample data: a small, complete office for
 * `sokhach --demo`, and large fills for the benchmark. */
typedef struct
{
  guint    customers;                 /* N */
  guint    interactions_per_customer; /* bench: 10 → 10·N interactions */
  guint    quotes_per_100_customers;  /* bench: 50 → N/2 quotes */
  guint32  seed;                      /* same seed → same data */
  gboolean bulk;                      /* large fills: commit in batches, rebuild the search index once */
} CrmSampleSpec;

gboolean crm_sample_fill_demo (CrmStore            *store,
                               CrmSession          *admin,
                               GError             **error);
gboolean crm_sample_fill      (CrmStore            *store,
                               CrmSession          *admin,
                               const CrmSampleSpec *spec,
                               void               (*progress) (guint64  rows,
                                                               gpointer data),
                               gpointer             data,
                               GCancellable        *cancellable,
                               GError             **error);

G_END_DECLS
