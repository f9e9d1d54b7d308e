/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_CATEGORY (crm_category_get_type ())

G_DECLARE_FINAL_TYPE (CrmCategory, crm_category, CRM, CATEGORY, GObject)

/* One node of the customer tree, as the tree models carry it.  Counts are
 * what the session may see: n-own the customers filed directly in the
 * node, n-customers those of the node and all its sub-nodes.  Depth is 0
 * for a top-level category.  Read-only properties; the controller updates
 * a node in place through the setters, which notify only on change, so a
 * view keeps its rows (and their expansion) across a reload. */
CrmCategory *crm_category_new             (gint64       id,
                                           gint64       parent_id,
                                           const char  *name,
                                           guint        depth);
gint64       crm_category_get_id          (CrmCategory *self);
gint64       crm_category_get_parent_id   (CrmCategory *self);
const char  *crm_category_get_name        (CrmCategory *self);
gint64       crm_category_get_n_customers (CrmCategory *self);
gint64       crm_category_get_n_own       (CrmCategory *self);
guint        crm_category_get_depth       (CrmCategory *self);

void         crm_category_set_parent_id   (CrmCategory *self,
                                           gint64       parent_id);
void         crm_category_set_name        (CrmCategory *self,
                                           const char  *name);
void         crm_category_set_depth       (CrmCategory *self,
                                           guint        depth);
void         crm_category_set_counts      (CrmCategory *self,
                                           gint64       n_own,
                                           gint64       n_customers);

G_END_DECLS
