/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* A sales document (quote, contract, order) laid out on A4 pages by one
 * renderer, for a PDF file and for GtkPrintOperation alike.
 *
 * A document source (crm-quote-document.c for quotes) fills a
 * CrmDocumentContent with texts ready to print: labels translated, money
 * and dates formatted.  The renderer knows nothing of quotes: a contract
 * or an order is another source filling the same struct.
 *
 * Pages: the company header (logo, name, address, tax code, phone), the
 * title with the document's references and the party block on the first
 * page; the line table on as many pages as it needs, its header row
 * repeated on each; after the last line the totals with the amount in
 * words (kept on the page of the last line), the sections (terms, notes)
 * and the signature blocks; "Page 2/5" at the foot of every page.
 *
 * Printing: check crm_document_layout_check_may_print() before the print
 * dialog opens; in GtkPrintOperation::draw-page scale the context's cairo_t
 * by gtk_print_context_get_width () over the layout's page width (points)
 * and call crm_document_layout_draw_page(); once the job is sent, record
 * it with crm_document_layout_audit_print().  crm_document_write_pdf()
 * does the check and the audit itself. */

typedef struct
{
  char *label;
  char *value;
} CrmDocumentField;

/* A block of fields about one party (the customer; for a contract each
 * side), under its heading. */
typedef struct
{
  char      *heading;
  GPtrArray *fields;             /* CrmDocumentField */
} CrmDocumentParty;

/* One row of the line table, every cell as printed. */
typedef struct
{
  char *description;
  char *unit;
  char *quantity;
  char *unit_price;
  char *discount;   /* "" for none */
  char *amount;
} CrmDocumentLine;

typedef struct
{
  /* What is printed, for the audit log: "quote" and its id, the version. */
  char       *entity;
  gint64      entity_id;
  gint        revision;

  char       *title;             /* "QUOTATION" */
  char       *running_title;     /* heads pages 2, 3, …: "Quotation BG-2026-0042, version 2" */
  GPtrArray  *references;        /* CrmDocumentField: number, version, dates */

  char       *company_name;
  char       *company_address;
  char       *company_tax_code;
  char       *company_phone;
  GBytes     *company_logo;      /* an image file (PNG, JPEG…), or NULL */

  GPtrArray  *parties;           /* CrmDocumentParty */
  char       *intro;             /* a sentence before the table, or NULL */

  GPtrArray  *lines;             /* CrmDocumentLine */
  GPtrArray  *totals;            /* CrmDocumentField; the last, the grand total, in bold */
  char       *amount_in_words;   /* the line under the totals ("Amount in words: …"), or NULL */
  GPtrArray  *sections;          /* CrmDocumentField: a heading and its text (terms, notes) */

  char       *signature_left;    /* "Customer's representative" */
  char       *signature_left_name;
  char       *signature_right;   /* "Company's representative" */
  char       *signature_right_name;
} CrmDocumentContent;

typedef struct _CrmDocumentLayout CrmDocumentLayout;

CrmDocumentContent *crm_document_content_new            (void);
void                crm_document_content_free           (CrmDocumentContent  *self);
void                crm_document_content_add_reference  (CrmDocumentContent  *self,
                                                         const char          *label,
                                                         const char          *value);
CrmDocumentParty   *crm_document_content_add_party      (CrmDocumentContent  *self,
                                                         const char          *heading);
void                crm_document_party_add_field        (CrmDocumentParty    *party,
                                                         const char          *label,
                                                         const char          *value);
void                crm_document_content_add_line       (CrmDocumentContent  *self,
                                                         const char          *description,
                                                         const char          *unit,
                                                         const char          *quantity,
                                                         const char          *unit_price,
                                                         const char          *discount,
                                                         const char          *amount);
void                crm_document_content_add_total      (CrmDocumentContent  *self,
                                                         const char          *label,
                                                         const char          *value);
void                crm_document_content_add_section    (CrmDocumentContent  *self,
                                                         const char          *heading,
                                                         const char          *text);

CrmDocumentLayout  *crm_document_layout_new             (CrmStore            *store,
                                                         CrmSession          *session,
                                                         CrmDocumentContent  *content);
CrmDocumentLayout  *crm_document_layout_new_for_quote   (CrmStore            *store,
                                                         CrmSession          *session,
                                                         gint64               quote_id,
                                                         gint                 revision,
                                                         GError             **error);
const CrmDocumentContent *
                    crm_document_layout_get_content     (CrmDocumentLayout   *self);
void                crm_document_layout_get_page_size   (CrmDocumentLayout   *self,
                                                         double              *width,
                                                         double              *height);
guint               crm_document_layout_get_n_pages     (CrmDocumentLayout   *self);
gboolean            crm_document_layout_draw_page       (CrmDocumentLayout   *self,
                                                         cairo_t             *cr,
                                                         guint                page,
                                                         GError             **error);
gboolean            crm_document_layout_check_may_print (CrmDocumentLayout   *self,
                                                         GError             **error);
gboolean            crm_document_layout_audit_print     (CrmDocumentLayout   *self,
                                                         const char          *destination,
                                                         GError             **error);
void                crm_document_layout_free            (CrmDocumentLayout   *self);

gboolean            crm_document_write_pdf              (CrmDocumentLayout   *layout,
                                                         GFile               *dest,
                                                         GCancellable        *cancellable,
                                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDocumentContent, crm_document_content_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDocumentLayout, crm_document_layout_free)

G_END_DECLS
