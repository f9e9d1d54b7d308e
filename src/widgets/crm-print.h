/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-document.h"

G_BEGIN_DECLS

void crm_print_document    (GtkWindow         *parent,
                            CrmDocumentLayout *layout);
void crm_save_document_pdf (GtkWindow         *parent,
                            CrmDocumentLayout *layout,
                            const char        *suggested_name);

G_END_DECLS
