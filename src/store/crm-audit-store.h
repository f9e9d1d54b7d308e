/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUDIT_ENTRY  (crm_audit_entry_get_type ())
#define CRM_TYPE_AUDIT_FILTER (crm_audit_filter_get_type ())

/* One row of the audit log: who changed which field of which record when,
 * and from what to what.  Values are as stored (codes, ids, ISO dates);
 * see crm-audit-text.h for the words. */
typedef struct
{
  gint64  id;
  char   *at;         /* UTC, "2026-11-23T08:15:00Z" */
  gint64  user_id;    /* 0: nobody was signed in (set-up) */
  char   *user_name;  /* NULL with user_id 0 */
  char   *action;     /* "create", "update", "assign", "export", … */
  char   *entity;     /* "customer", "contact", … */
  gint64  entity_id;  /* 0 for none (an export, a setting) */
  char   *field;      /* NULL for the record as a whole */
  char   *old_value;
  char   *new_value;
} CrmAuditEntry;

/* What the audit viewer shows; every field narrows it, 0 / NULL leave it
 * open.  Dates are the user's local calendar days, both ends included. */
typedef struct
{
  gint64  user_id;
  char   *from_date;  /* "yyyy-MM-dd" */
  char   *to_date;    /* "yyyy-MM-dd" */
  char   *entity;
  char   *action;
} CrmAuditFilter;

GType           crm_audit_entry_get_type   (void) G_GNUC_CONST;
CrmAuditEntry  *crm_audit_entry_copy       (const CrmAuditEntry  *self);
void            crm_audit_entry_free       (CrmAuditEntry        *self);

GType           crm_audit_filter_get_type  (void) G_GNUC_CONST;
CrmAuditFilter *crm_audit_filter_new       (void);
CrmAuditFilter *crm_audit_filter_copy      (const CrmAuditFilter *filter);
void            crm_audit_filter_free      (CrmAuditFilter       *filter);
gboolean        crm_audit_filter_equal     (const CrmAuditFilter *a,
                                            const CrmAuditFilter *b);

gint64          crm_audit_store_count      (CrmStore             *store,
                                            CrmSession           *session,
                                            const CrmAuditFilter *filter,
                                            GError              **error);
GPtrArray      *crm_audit_store_query      (CrmStore             *store,
                                            CrmSession           *session,
                                            const CrmAuditFilter *filter,
                                            guint                 offset,
                                            guint                 limit,
                                            GError              **error);
GPtrArray      *crm_audit_store_history    (CrmStore             *store,
                                            CrmSession           *session,
                                            const char           *entity,
                                            gint64                entity_id,
                                            GError              **error);
GPtrArray      *crm_audit_store_list_users (CrmStore             *store,
                                            CrmSession           *session,
                                            GError              **error);
char           *crm_audit_store_format_value (CrmStore           *store,
                                              GHashTable         *names,
                                              const char         *entity,
                                              const char         *field,
                                              const char         *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmAuditEntry, crm_audit_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmAuditFilter, crm_audit_filter_free)

G_END_DECLS
