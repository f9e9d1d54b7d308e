/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-category.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_TREE (crm_customer_tree_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerTree, crm_customer_tree, CRM, CUSTOMER_TREE, GObject)

/* The customer tree beside the customer list.  Its model is a
 * GtkTreeListModel (rows: GtkTreeListRow holding CrmCategory items) with
 * one root, "All customers" (id 0: every customer the session may see;
 * its n-own are those filed nowhere), whose children are the top-level
 * categories.  Counts are read by crm_customer_tree_reload(), which keeps
 * the CrmCategory of every node that still exists, so a view keeps its
 * rows and their expansion.  The actions change the store and reload. */
CrmCustomerTree *crm_customer_tree_new                    (CrmStore         *store,
                                                           CrmSession       *session);
GtkTreeListModel *crm_customer_tree_get_model             (CrmCustomerTree  *self);
gboolean         crm_customer_tree_reload                 (CrmCustomerTree  *self,
                                                           GError          **error);
CrmCategory     *crm_customer_tree_get_category           (CrmCustomerTree  *self,
                                                           gint64            id);
gboolean         crm_customer_tree_get_include_subcategories (CrmCustomerTree *self);
void             crm_customer_tree_set_include_subcategories (CrmCustomerTree *self,
                                                              gboolean         include);
GArray          *crm_customer_tree_filter_ids             (CrmCustomerTree  *self,
                                                           gint64            category_id);

gint64           crm_customer_tree_add                    (CrmCustomerTree  *self,
                                                           const char       *name,
                                                           gint64            parent_id,
                                                           GError          **error);
gboolean         crm_customer_tree_rename                 (CrmCustomerTree  *self,
                                                           gint64            id,
                                                           const char       *name,
                                                           GError          **error);
gboolean         crm_customer_tree_move                   (CrmCustomerTree  *self,
                                                           gint64            id,
                                                           gint64            new_parent_id,
                                                           GError          **error);
gboolean         crm_customer_tree_delete                 (CrmCustomerTree  *self,
                                                           gint64            id,
                                                           gint64            move_customers_to,
                                                           GError          **error);

G_END_DECLS
