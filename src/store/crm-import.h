/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Importing customers, contacts and products from a spreadsheet (CSV) or,
 * for contacts, an address book (vCard).  Three steps, each usable from a
 * dialog or the command line:
 *
 *  1. a CrmImportSource: the file's header and rows, read whole;
 *  2. a CrmImport: the source, what kind of record each row is, which
 *     column holds which field (guessed from the header, changeable) and
 *     what to do with duplicates;
 *  3. crm_import_preview() says what would happen to each row without
 *     writing; crm_import_run() does it, in one write transaction: every
 *     row or none.  Both give a CrmImportReport.
 *
 * Rows are validated as the editors validate: phones to E.164 (a leading
 * zero a spreadsheet dropped is put back: "912345678" -> "+84912345678"),
 * tax codes (a dropped leading zero put back when that makes the check
 * digit right), dates dd/MM/yyyy, provinces by current or pre-2025 name.
 *
 * Permissions: anyone who may work may import customers (they are
 * assigned to the importing user) and contacts of customers they see;
 * products need a manager or an administrator; cost prices are written
 * only by users who may see them.  Duplicates are looked for among the
 * customers the user sees; a customer code is unique in the whole
 * database, so a code a customer the user does not see has is refused
 * (without saying whose it is).  Imports are audited one row per record
 * created and one per field updated, as the editors do.
 *
 * The progress callbacks run in the thread doing the work (a worker
 * thread for the _async variants): a dialog forwards them to its main
 * context.  Cancelling (from any thread, the callback included) stops at
 * the next row; a cancelled run rolls back and leaves the database as it
 * was. */

typedef enum
{
  CRM_IMPORT_KIND_CUSTOMERS,
  CRM_IMPORT_KIND_CONTACTS,
  CRM_IMPORT_KIND_PRODUCTS,
} CrmImportKind;

/* What a column holds.  Each kind uses a subset: crm_import_fields(). */
typedef enum
{
  CRM_IMPORT_FIELD_IGNORE = -1,
  CRM_IMPORT_FIELD_CODE,            /* customer code, product code */
  CRM_IMPORT_FIELD_NAME,            /* customer, contact or product name */
  CRM_IMPORT_FIELD_CUSTOMER_KIND,   /* person / organisation */
  CRM_IMPORT_FIELD_PHONE,
  CRM_IMPORT_FIELD_EMAIL,
  CRM_IMPORT_FIELD_STREET,
  CRM_IMPORT_FIELD_WARD,
  CRM_IMPORT_FIELD_PROVINCE,
  CRM_IMPORT_FIELD_TAX_CODE,
  CRM_IMPORT_FIELD_BIRTH_DATE,
  CRM_IMPORT_FIELD_GENDER,
  CRM_IMPORT_FIELD_OCCUPATION,
  CRM_IMPORT_FIELD_WEBSITE,
  CRM_IMPORT_FIELD_NOTES,
  CRM_IMPORT_FIELD_CUSTOMER_CODE,   /* contacts: whose contact */
  CRM_IMPORT_FIELD_CUSTOMER_NAME,   /* contacts: whose contact, by name */
  CRM_IMPORT_FIELD_POSITION,        /* contacts: job title */
  CRM_IMPORT_FIELD_UNIT,            /* products */
  CRM_IMPORT_FIELD_LIST_PRICE,
  CRM_IMPORT_FIELD_COST_PRICE,
  CRM_IMPORT_FIELD_VAT_RATE,
  CRM_IMPORT_FIELD_DESCRIPTION,
  CRM_IMPORT_N_FIELDS
} CrmImportField;

typedef struct
{
  CrmImportField  field;
  const char     *label;      /* translated */
  gboolean        required;   /* the row is invalid without it */
} CrmImportFieldInfo;

/* What happens to a file row that is a record already in the database
 * (customers: same code, tax code, phone or e-mail; contacts: same
 * customer and phone or e-mail; products: same code) or already earlier
 * in the file.  Duplicates inside the file are skipped unless CREATE. */
typedef enum
{
  CRM_IMPORT_DUPLICATES_SKIP,
  CRM_IMPORT_DUPLICATES_UPDATE,
  CRM_IMPORT_DUPLICATES_CREATE,
} CrmImportDuplicates;

typedef enum
{
  CRM_IMPORT_ACTION_CREATE,
  CRM_IMPORT_ACTION_UPDATE,
  CRM_IMPORT_ACTION_SKIP,       /* a duplicate under the skip policy */
  CRM_IMPORT_ACTION_INVALID,
  CRM_IMPORT_N_ACTIONS
} CrmImportAction;

/* @done of @total rows; see above for the thread it runs in. */
typedef void (*CrmImportProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

const char               *crm_import_kind_to_string       (CrmImportKind        kind);
gboolean                  crm_import_kind_from_string     (const char          *text,
                                                           CrmImportKind       *kind);
const char               *crm_import_duplicates_to_string (CrmImportDuplicates  policy);
gboolean                  crm_import_duplicates_from_string (const char        *text,
                                                             CrmImportDuplicates *policy);
const char               *crm_import_action_label         (CrmImportAction      action);

/* The fields of @kind, in the order a mapping dialog lists them. */
const CrmImportFieldInfo *crm_import_fields               (CrmImportKind        kind,
                                                           guint               *n_fields);
const char               *crm_import_field_label          (CrmImportField       field);
/* The field a column header names for @kind, from Vietnamese (with or
 * without tones) or English: "Số điện thoại", "SĐT", "Ho ten", "MST",
 * "Phone", …; CRM_IMPORT_FIELD_IGNORE when none. */
CrmImportField            crm_import_guess_field          (CrmImportKind        kind,
                                                           const char          *header);

/* Source ------------------------------------------------------------------ */

typedef struct _CrmImportSource CrmImportSource;

CrmImportSource *crm_import_source_new            (const char * const  *header,
                                                   guint                n_columns);
void             crm_import_source_add_row        (CrmImportSource     *self,
                                                   guint                line,
                                                   const char * const  *fields,
                                                   guint                n_fields);
/* A CSV file (UTF-8 with or without BOM or Windows-1258; comma,
 * semicolon or tab): the first record is the header. */
CrmImportSource *crm_import_source_new_from_csv   (GBytes              *data,
                                                   CrmImportProgressFunc progress,
                                                   gpointer             user_data,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
/* A vCard file, as rows under the header "Full name", "Organisation",
 * "Job title", "Phone", "Email", "Birthday", "Note" (line = card number). */
CrmImportSource *crm_import_source_new_from_vcard (GBytes              *data,
                                                   GError             **error);
/* By the file name: .vcf/.vcard as vCard, anything else as CSV. */
CrmImportSource *crm_import_source_new_for_file   (GFile               *file,
                                                   CrmImportProgressFunc progress,
                                                   gpointer             user_data,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void             crm_import_source_new_for_file_async  (GFile               *file,
                                                        CrmImportProgressFunc progress,
                                                        gpointer             progress_data,
                                                        GDestroyNotify       progress_notify,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
CrmImportSource *crm_import_source_new_for_file_finish (GAsyncResult        *result,
                                                        GError             **error);
CrmImportSource *crm_import_source_ref            (CrmImportSource     *self);
void             crm_import_source_unref          (CrmImportSource     *self);
guint            crm_import_source_get_n_columns  (CrmImportSource     *self);
const char * const *crm_import_source_get_header  (CrmImportSource     *self);
guint            crm_import_source_get_n_rows     (CrmImportSource     *self);
/* The row's fields as read (@n_fields may differ from the header's). */
const char * const *crm_import_source_get_row     (CrmImportSource     *self,
                                                   guint                row,
                                                   guint               *n_fields);
/* The 1-based line of the file where the row starts. */
guint            crm_import_source_get_line       (CrmImportSource     *self,
                                                   guint                row);
/* How a CSV file was read: "UTF-8" or "Windows-1258", and the separator
 * (',', ';' or '\t'); NULL and 0 for any other source. */
const char      *crm_import_source_get_encoding   (CrmImportSource     *self);
char             crm_import_source_get_delimiter  (CrmImportSource     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImportSource, crm_import_source_unref)

/* Report ------------------------------------------------------------------ */

typedef struct _CrmImportReport CrmImportReport;

guint            crm_import_report_get_n_rows     (CrmImportReport     *self);
CrmImportAction  crm_import_report_get_action     (CrmImportReport     *self,
                                                   guint                row);
/* Why the row is invalid or skipped (translated); NULL otherwise. */
const char      *crm_import_report_get_reason     (CrmImportReport     *self,
                                                   guint                row);
guint            crm_import_report_get_line       (CrmImportReport     *self,
                                                   guint                row);
/* The record created or updated (after a run), else 0. */
gint64           crm_import_report_get_record_id  (CrmImportReport     *self,
                                                   guint                row);
guint            crm_import_report_count          (CrmImportReport     *self,
                                                   CrmImportAction      action);
/* Whether this report is of a run that was committed. */
gboolean         crm_import_report_get_committed  (CrmImportReport     *self);
/* The invalid rows as a CSV (UTF-8, comma): the file's header plus a
 * "Reason" column, the original fields, to fix and import again. */
GBytes          *crm_import_report_get_rejected_csv (CrmImportReport   *self);
gboolean         crm_import_report_write_rejected (CrmImportReport     *self,
                                                   GFile               *file,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
void             crm_import_report_free           (CrmImportReport     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImportReport, crm_import_report_free)

/* Import ------------------------------------------------------------------ */

#define CRM_TYPE_IMPORT (crm_import_get_type ())

G_DECLARE_FINAL_TYPE (CrmImport, crm_import, CRM, IMPORT, GObject)

/* The mapping starts as crm_import_guess_field() of each header. */
CrmImport           *crm_import_new              (CrmImportKind        kind,
                                                  CrmImportSource     *source);
CrmImportKind        crm_import_get_kind         (CrmImport           *self);
CrmImportSource     *crm_import_get_source       (CrmImport           *self);
CrmImportField       crm_import_get_column_field (CrmImport           *self,
                                                  guint                column);
/* A field maps to one column at most: giving it to @column takes it
 * from the column that had it. */
void                 crm_import_set_column_field (CrmImport           *self,
                                                  guint                column,
                                                  CrmImportField       field);
CrmImportDuplicates  crm_import_get_duplicates   (CrmImport           *self);
void                 crm_import_set_duplicates   (CrmImport           *self,
                                                  CrmImportDuplicates  policy);
gboolean             crm_import_get_skip_invalid (CrmImport           *self);
/* FALSE (the default): one invalid row and crm_import_run() imports
 * nothing; TRUE: invalid rows are left out and the rest imported. */
void                 crm_import_set_skip_invalid (CrmImport           *self,
                                                  gboolean             skip_invalid);
/* Whether every required field has a column (CRM_VALIDATION_ERROR_REQUIRED
 * naming the first one missing). */
gboolean             crm_import_check_mapping    (CrmImport           *self,
                                                  GError             **error);

/* What a run would do now, writing nothing. */
CrmImportReport     *crm_import_preview          (CrmImport           *self,
                                                  CrmStore            *store,
                                                  CrmSession          *session,
                                                  CrmImportProgressFunc progress,
                                                  gpointer             user_data,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* Plans again inside one BEGIN IMMEDIATE transaction and writes, with the
 * records' audit rows and search documents; all or nothing.  Returns
 * FALSE with CRM_VALIDATION_ERROR when rows are invalid and skip-invalid
 * is off (*report then lists them, nothing written), G_IO_ERROR_CANCELLED
 * when cancelled, CRM_PERMISSION_ERROR / CRM_STORE_ERROR otherwise.
 * *report (may be NULL) is set whenever the rows were planned. */
gboolean             crm_import_run              (CrmImport           *self,
                                                  CrmStore            *store,
                                                  CrmSession          *session,
                                                  CrmImportProgressFunc progress,
                                                  gpointer             user_data,
                                                  GCancellable        *cancellable,
                                                  CrmImportReport    **report,
                                                  GError             **error);

/* The same off the calling thread: the preview on a read-only connection
 * (crm_store_open_reader()), the run on a writable connection of its own
 * to the same file (WAL lets the window keep reading meanwhile; its
 * connection sees the import on commit, crm_store_changed_elsewhere()).
 * @progress runs in the worker thread. */
void                 crm_import_preview_async    (CrmImport           *self,
                                                  CrmStore            *store,
                                                  CrmSession          *session,
                                                  CrmImportProgressFunc progress,
                                                  gpointer             progress_data,
                                                  GDestroyNotify       progress_notify,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CrmImportReport     *crm_import_preview_finish   (CrmImport           *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void                 crm_import_run_async        (CrmImport           *self,
                                                  CrmStore            *store,
                                                  CrmSession          *session,
                                                  CrmImportProgressFunc progress,
                                                  gpointer             progress_data,
                                                  GDestroyNotify       progress_notify,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean             crm_import_run_finish       (CrmImport           *self,
                                                  GAsyncResult        *result,
                                                  CrmImportReport    **report,
                                                  GError             **error);

G_END_DECLS
