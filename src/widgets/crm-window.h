/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, GtkApplicationWindow)

/* A sidebar section's screen.  The window builds it once it has signed in
 * (page_new); open shows one record of the section in its editor (search
 * hits and "win.open-record"); make_from starts a new record of the
 * section from another one, e.g. a contract from quote 12
 * ("win.make-record"). */
typedef GtkWidget *(*CrmSectionPageNew)      (CrmStore   *store,
                                              CrmSession *session);
typedef void       (*CrmSectionPageOpen)     (GtkWidget  *page,
                                              gint64      id);
typedef void       (*CrmSectionPageMakeFrom) (GtkWidget  *page,
                                              const char *source_kind,
                                              gint64      source_id);

typedef struct
{
  const char             *section;
  CrmSectionPageNew       page_new;
  CrmSectionPageOpen      open;
  CrmSectionPageMakeFrom  make_from;
} CrmSectionPage;

CrmWindow  *crm_window_new             (GtkApplication *application,
                                        CrmStore       *store,
                                        CrmSession     *session);
void        crm_window_show_section    (CrmWindow      *self,
                                        const char     *section);
const char *crm_window_get_section     (CrmWindow      *self);

G_END_DECLS
