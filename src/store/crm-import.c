/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-import.h"
#include "crm-contact.h"
#include "crm-csv.h"
#include "crm-customer-store-private.h"
#include "crm-customer.h"
#include "crm-money.h"
#include "crm-product.h"
#include "crm-province.h"
#include "crm-store-private.h"
#include "crm-text.h"
#include "crm-validate.h"
#include "crm-vcard.h"

/* The page cache of the connection while it imports, and as crm-store.c
 * leaves it (PRAGMA cache_size, KiB). */
#define IMPORT_CACHE_KIB     262144
#define CONNECTION_CACHE_KIB 32768

/* Progress is reported about this many times over a run. */
#define PROGRESS_STEPS 100

typedef struct
{
  guint   line;
  guint   n_fields;
  char  **fields;
} SourceRow;

struct _CrmImportSource
{
  gatomicrefcount  ref_count;
  char           **header;
  guint            n_columns;
  GPtrArray       *rows;      /* SourceRow */
  const char      *encoding;  /* CSV only: "UTF-8" or "Windows-1258" */
  char             delimiter; /* CSV only */
};

typedef struct
{
  CrmImportAction  action;
  guint            line;
  gint64           record_id;
  char            *reason;
} ReportRow;

struct _CrmImportReport
{
  CrmImportSource *source;
  GArray          *rows;      /* ReportRow, one per source row */
  guint            counts[CRM_IMPORT_N_ACTIONS];
  gboolean         committed;
};

struct _CrmImport
{
  GObject              parent_instance;

  CrmImportKind        kind;
  CrmImportSource     *source;
  CrmImportField      *mapping;   /* one per column */
  CrmImportDuplicates  duplicates;
  gboolean             skip_invalid;
};

G_DEFINE_FINAL_TYPE (CrmImport, crm_import, G_TYPE_OBJECT)

/* Names ---------------------------------------------------------------------- */

static const char *const kind_names[] = { "customers", "contacts", "products" };
static const char *const duplicate_names[] = { "skip", "update", "create" };

const char *
crm_import_kind_to_string (CrmImportKind kind)
{
  g_return_val_if_fail (kind <= CRM_IMPORT_KIND_PRODUCTS, NULL);
  return kind_names[kind];
}

gboolean
crm_import_kind_from_string (const char    *text,
                             CrmImportKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_import_duplicates_to_string (CrmImportDuplicates policy)
{
  g_return_val_if_fail (policy <= CRM_IMPORT_DUPLICATES_CREATE, NULL);
  return duplicate_names[policy];
}

gboolean
crm_import_duplicates_from_string (const char          *text,
                                   CrmImportDuplicates *policy)
{
  for (guint i = 0; i < G_N_ELEMENTS (duplicate_names); i++)
    if (g_strcmp0 (text, duplicate_names[i]) == 0)
      {
        *policy = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_import_action_label (CrmImportAction action)
{
  switch (action)
    {
    case CRM_IMPORT_ACTION_CREATE:
      return _("Create");
    case CRM_IMPORT_ACTION_UPDATE:
      return _("Update");
    case CRM_IMPORT_ACTION_SKIP:
      return _("Skip");
    case CRM_IMPORT_ACTION_INVALID:
    case CRM_IMPORT_N_ACTIONS:
    default:
      return _("Invalid");
    }
}

/* Fields and header guessing ------------------------------------------------ */

static const char *const field_labels[CRM_IMPORT_N_FIELDS] = {
  [CRM_IMPORT_FIELD_CODE] = N_("Code"),
  [CRM_IMPORT_FIELD_NAME] = N_("Name"),
  [CRM_IMPORT_FIELD_CUSTOMER_KIND] = N_("Person or organisation"),
  [CRM_IMPORT_FIELD_PHONE] = N_("Phone"),
  [CRM_IMPORT_FIELD_EMAIL] = N_("E-mail"),
  [CRM_IMPORT_FIELD_STREET] = N_("Address"),
  [CRM_IMPORT_FIELD_WARD] = N_("Ward or commune"),
  [CRM_IMPORT_FIELD_PROVINCE] = N_("Province or city"),
  [CRM_IMPORT_FIELD_TAX_CODE] = N_("Tax code"),
  [CRM_IMPORT_FIELD_BIRTH_DATE] = N_("Date of birth"),
  [CRM_IMPORT_FIELD_GENDER] = N_("Gender"),
  [CRM_IMPORT_FIELD_OCCUPATION] = N_("Occupation"),
  [CRM_IMPORT_FIELD_WEBSITE] = N_("Website"),
  [CRM_IMPORT_FIELD_NOTES] = N_("Notes"),
  [CRM_IMPORT_FIELD_CUSTOMER_CODE] = N_("Customer code"),
  [CRM_IMPORT_FIELD_CUSTOMER_NAME] = N_("Customer name"),
  [CRM_IMPORT_FIELD_POSITION] = N_("Job title"),
  [CRM_IMPORT_FIELD_UNIT] = N_("Unit"),
  [CRM_IMPORT_FIELD_LIST_PRICE] = N_("Price"),
  [CRM_IMPORT_FIELD_COST_PRICE] = N_("Cost price"),
  [CRM_IMPORT_FIELD_VAT_RATE] = N_("VAT rate"),
  [CRM_IMPORT_FIELD_DESCRIPTION] = N_("Description"),
};

/* Per kind: the fields, whether each is required, and the headers that
 * name it, folded (no tones, lower case, punctuation as spaces). */
typedef struct
{
  CrmImportField      field;
  gboolean            required;
  const char *const  *aliases;
} FieldSpec;

#define ALIASES(...) (const char *const[]) { __VA_ARGS__, NULL }

#define PHONE_ALIASES \
  ALIASES ("so dien thoai", "sdt", "dien thoai", "so di dong", "di dong", "dtdd", "dt", "phone", \
           "phone number", "mobile", "tel", "telephone")
#define EMAIL_ALIASES ALIASES ("email", "e mail", "thu dien tu", "mail")
#define NOTES_ALIASES ALIASES ("ghi chu", "notes", "note", "comment", "comments")

static const FieldSpec customer_fields[] = {
  { CRM_IMPORT_FIELD_CODE, FALSE,
    ALIASES ("ma kh", "ma khach hang", "ma khach", "ma", "code", "customer code", "customer id", "id") },
  { CRM_IMPORT_FIELD_NAME, TRUE,
    ALIASES ("ho ten", "ho va ten", "ten khach hang", "ten khach", "khach hang", "ten", "ten cong ty",
             "cong ty", "ten doanh nghiep", "doanh nghiep", "name", "full name", "customer name",
             "customer", "company", "company name") },
  { CRM_IMPORT_FIELD_CUSTOMER_KIND, FALSE,
    ALIASES ("loai khach hang", "loai khach", "loai", "kind", "type", "customer type") },
  { CRM_IMPORT_FIELD_PHONE, FALSE, PHONE_ALIASES },
  { CRM_IMPORT_FIELD_EMAIL, FALSE, EMAIL_ALIASES },
  { CRM_IMPORT_FIELD_STREET, FALSE, ALIASES ("dia chi", "so nha", "duong", "address", "street") },
  { CRM_IMPORT_FIELD_WARD, FALSE, ALIASES ("phuong xa", "xa phuong", "phuong", "xa", "ward", "commune") },
  { CRM_IMPORT_FIELD_PROVINCE, FALSE,
    ALIASES ("tinh thanh pho", "tinh thanh", "tinh tp", "tinh", "thanh pho", "province", "city",
             "province city") },
  { CRM_IMPORT_FIELD_TAX_CODE, FALSE, ALIASES ("ma so thue", "mst", "tax code", "tax id", "vat number") },
  { CRM_IMPORT_FIELD_BIRTH_DATE, FALSE,
    ALIASES ("ngay sinh", "sinh nhat", "birthday", "birth date", "date of birth", "dob") },
  { CRM_IMPORT_FIELD_GENDER, FALSE, ALIASES ("gioi tinh", "gender", "sex") },
  { CRM_IMPORT_FIELD_OCCUPATION, FALSE, ALIASES ("nghe nghiep", "occupation", "job") },
  { CRM_IMPORT_FIELD_WEBSITE, FALSE, ALIASES ("website", "trang web", "web") },
  { CRM_IMPORT_FIELD_NOTES, FALSE, NOTES_ALIASES },
};

static const FieldSpec contact_fields[] = {
  { CRM_IMPORT_FIELD_CUSTOMER_CODE, FALSE,
    ALIASES ("ma kh", "ma khach hang", "ma khach", "customer code", "customer id") },
  { CRM_IMPORT_FIELD_CUSTOMER_NAME, FALSE,
    ALIASES ("cong ty", "ten cong ty", "khach hang", "ten khach hang", "to chuc", "don vi",
             "organisation", "organization", "company", "customer", "customer name") },
  { CRM_IMPORT_FIELD_NAME, TRUE,
    ALIASES ("ho ten", "ho va ten", "ten nguoi lien he", "nguoi lien he", "ten", "name", "full name",
             "contact", "contact name") },
  { CRM_IMPORT_FIELD_POSITION, FALSE,
    ALIASES ("chuc vu", "chuc danh", "vi tri", "position", "job title", "title") },
  { CRM_IMPORT_FIELD_PHONE, FALSE, PHONE_ALIASES },
  { CRM_IMPORT_FIELD_EMAIL, FALSE, EMAIL_ALIASES },
  { CRM_IMPORT_FIELD_NOTES, FALSE, NOTES_ALIASES },
};

static const FieldSpec product_fields[] = {
  { CRM_IMPORT_FIELD_CODE, TRUE,
    ALIASES ("ma hang", "ma hang hoa", "ma san pham", "ma sp", "ma vt", "ma", "sku", "code", "product code",
             "item code") },
  { CRM_IMPORT_FIELD_NAME, TRUE,
    ALIASES ("ten hang", "ten hang hoa", "ten san pham", "ten sp", "san pham", "hang hoa", "ten", "name",
             "product", "product name", "item", "item name") },
  { CRM_IMPORT_FIELD_UNIT, FALSE, ALIASES ("don vi tinh", "dvt", "don vi", "unit", "uom") },
  { CRM_IMPORT_FIELD_LIST_PRICE, FALSE,
    ALIASES ("don gia", "gia ban", "gia niem yet", "gia", "price", "unit price", "list price", "sale price") },
  { CRM_IMPORT_FIELD_COST_PRICE, FALSE, ALIASES ("gia von", "gia nhap", "cost", "cost price") },
  { CRM_IMPORT_FIELD_VAT_RATE, FALSE,
    ALIASES ("thue suat", "thue suat gtgt", "thue gtgt", "thue vat", "vat", "thue", "vat rate", "tax rate") },
  { CRM_IMPORT_FIELD_DESCRIPTION, FALSE, ALIASES ("mo ta", "description", "ghi chu", "notes") },
};

static const FieldSpec *
specs_for (CrmImportKind  kind,
           guint         *n_specs)
{
  switch (kind)
    {
    case CRM_IMPORT_KIND_CONTACTS:
      *n_specs = G_N_ELEMENTS (contact_fields);
      return contact_fields;
    case CRM_IMPORT_KIND_PRODUCTS:
      *n_specs = G_N_ELEMENTS (product_fields);
      return product_fields;
    case CRM_IMPORT_KIND_CUSTOMERS:
    default:
      *n_specs = G_N_ELEMENTS (customer_fields);
      return customer_fields;
    }
}

const CrmImportFieldInfo *
crm_import_fields (CrmImportKind  kind,
                   guint         *n_fields)
{
  static CrmImportFieldInfo infos[3][CRM_IMPORT_N_FIELDS];
  static gsize initialised = 0;
  guint n_specs;

  g_return_val_if_fail (kind <= CRM_IMPORT_KIND_PRODUCTS, NULL);

  if (g_once_init_enter (&initialised))
    {
      for (guint k = 0; k <= CRM_IMPORT_KIND_PRODUCTS; k++)
        {
          const FieldSpec *specs = specs_for (k, &n_specs);

          for (guint i = 0; i < n_specs; i++)
            {
              infos[k][i].field = specs[i].field;
              infos[k][i].label = _(field_labels[specs[i].field]);
              infos[k][i].required = specs[i].required;
            }
        }
      g_once_init_leave (&initialised, 1);
    }
  specs_for (kind, &n_specs);
  if (n_fields != NULL)
    *n_fields = n_specs;
  return infos[kind];
}

const char *
crm_import_field_label (CrmImportField field)
{
  if (field < 0 || field >= CRM_IMPORT_N_FIELDS)
    return _("(ignored)");
  return _(field_labels[field]);
}

/* Folded, with anything but letters and digits as single spaces: "Tỉnh/Thành
 * phố" -> "tinh thanh pho", "SĐT" -> "sdt". */
static char *
header_key (const char *text)
{
  g_autofree char *folded = crm_text_fold (text);
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          if (space && key->len > 0)
            g_string_append_c (key, ' ');
          g_string_append_unichar (key, c);
          space = FALSE;
        }
      else
        space = TRUE;
    }
  return g_string_free (key, FALSE);
}

CrmImportField
crm_import_guess_field (CrmImportKind  kind,
                        const char    *header)
{
  g_autofree char *key = NULL;
  CrmImportField best = CRM_IMPORT_FIELD_IGNORE;
  gsize best_length = 0;
  guint n_specs;
  const FieldSpec *specs = specs_for (kind, &n_specs);

  g_return_val_if_fail (kind <= CRM_IMPORT_KIND_PRODUCTS, CRM_IMPORT_FIELD_IGNORE);

  key = header_key (header);
  if (*key == '\0')
    return CRM_IMPORT_FIELD_IGNORE;
  for (guint i = 0; i < n_specs; i++)
    for (const char *const *alias = specs[i].aliases; *alias != NULL; alias++)
      if (g_str_equal (key, *alias))
        return specs[i].field;
  /* "Đơn giá (VNĐ)", "Thuế suất (%)": the longest name the header starts with. */
  for (guint i = 0; i < n_specs; i++)
    for (const char *const *alias = specs[i].aliases; *alias != NULL; alias++)
      {
        gsize length = strlen (*alias);

        if (length > best_length && g_str_has_prefix (key, *alias) && key[length] == ' ')
          {
            best = specs[i].field;
            best_length = length;
          }
      }
  return best;
}

/* Source --------------------------------------------------------------------- */

static void
source_row_free (gpointer data)
{
  SourceRow *row = data;

  g_strfreev (row->fields);
  g_free (row);
}

CrmImportSource *
crm_import_source_new (const char * const *header,
                       guint               n_columns)
{
  CrmImportSource *self = g_new0 (CrmImportSource, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->header = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    self->header[i] = g_strdup (header[i] ? header[i] : "");
  self->n_columns = n_columns;
  self->rows = g_ptr_array_new_with_free_func (source_row_free);
  return self;
}

void
crm_import_source_add_row (CrmImportSource    *self,
                           guint               line,
                           const char * const *fields,
                           guint               n_fields)
{
  SourceRow *row;

  g_return_if_fail (self != NULL);

  row = g_new (SourceRow, 1);
  row->line = line;
  row->n_fields = n_fields;
  row->fields = g_new0 (char *, n_fields + 1);
  for (guint i = 0; i < n_fields; i++)
    row->fields[i] = g_strdup (fields[i] ? fields[i] : "");
  g_ptr_array_add (self->rows, row);
}

static gboolean
row_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (!crm_text_is_blank (g_ptr_array_index (fields, i)))
      return FALSE;
  return TRUE;
}

CrmImportSource *
crm_import_source_new_from_csv (GBytes                *data,
                                CrmImportProgressFunc  progress,
                                gpointer               user_data,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmImportSource) source = NULL;
  GError *local_error = NULL;
  guint n = 0;

  g_return_val_if_fail (data != NULL, NULL);

  if (!(reader = crm_csv_reader_new (data, CRM_CSV_ENCODING_AUTO, 0, error)))
    return NULL;
  if (!crm_csv_reader_next (reader, fields, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                             _("The file is empty: the first line must name the columns."));
      g_propagate_error (error, local_error);
      return NULL;
    }
  source = crm_import_source_new ((const char * const *) fields->pdata, fields->len);
  source->encoding = crm_csv_reader_get_encoding (reader) == CRM_CSV_ENCODING_WINDOWS_1258
                     ? "Windows-1258" : "UTF-8";
  source->delimiter = crm_csv_reader_get_delimiter (reader);
  while (crm_csv_reader_next (reader, fields, &local_error))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* Spreadsheets save empty rows as a line of delimiters. */
      if (!row_is_blank (fields))
        crm_import_source_add_row (source, crm_csv_reader_get_line (reader),
                                   (const char * const *) fields->pdata, fields->len);
      if (progress != NULL && ++n % 1000 == 0)
        progress ((guint) (crm_csv_reader_get_fraction (reader) * 1000), 1000, user_data);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (progress != NULL)
    progress (1000, 1000, user_data);
  return g_steal_pointer (&source);
}

const char *
crm_import_source_get_encoding (CrmImportSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->encoding;
}

char
crm_import_source_get_delimiter (CrmImportSource *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->delimiter;
}

CrmImportSource *
crm_import_source_new_from_vcard (GBytes  *data,
                                  GError **error)
{
  static const char *const header[] = {
    "Full name", "Organisation", "Job title", "Phone", "Email", "Birthday", "Note",
  };
  g_autoptr(GPtrArray) cards = NULL;
  CrmImportSource *source;

  g_return_val_if_fail (data != NULL, NULL);

  if (!(cards = crm_vcard_parse (data, error)))
    return NULL;
  source = crm_import_source_new (header, G_N_ELEMENTS (header));
  for (guint i = 0; i < cards->len; i++)
    {
      const CrmVcardContact *card = g_ptr_array_index (cards, i);
      g_autofree char *name = card->full_name
                              ? g_strdup (card->full_name)
                              : g_strstrip (g_strjoin (" ", card->family_name ? card->family_name : "",
                                                       card->given_name ? card->given_name : "", NULL));
      const char *fields[] = {
        name, card->organisation, card->job_title, card->phone, card->email, card->birthday, card->note,
      };

      crm_import_source_add_row (source, i + 1, fields, G_N_ELEMENTS (fields));
    }
  return source;
}

static gboolean
is_vcard_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"));
}

CrmImportSource *
crm_import_source_new_for_file (GFile                 *file,
                                CrmImportProgressFunc  progress,
                                gpointer               user_data,
                                GCancellable          *cancellable,
                                GError               **error)
{
  g_autoptr(GBytes) data = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!(data = g_file_load_bytes (file, cancellable, NULL, error)))
    return NULL;
  if (is_vcard_name (file))
    return crm_import_source_new_from_vcard (data, error);
  return crm_import_source_new_from_csv (data, progress, user_data, cancellable, error);
}

typedef struct
{
  CrmImportProgressFunc progress;
  gpointer              progress_data;
  GDestroyNotify        progress_notify;
} ProgressClosure;

static ProgressClosure *
progress_closure_new (CrmImportProgressFunc progress,
                      gpointer              progress_data,
                      GDestroyNotify        progress_notify)
{
  ProgressClosure *closure = g_new (ProgressClosure, 1);

  closure->progress = progress;
  closure->progress_data = progress_data;
  closure->progress_notify = progress_notify;
  return closure;
}

static void
progress_closure_free (gpointer data)
{
  ProgressClosure *closure = data;

  if (closure->progress_notify != NULL)
    closure->progress_notify (closure->progress_data);
  g_free (closure);
}

static void
load_source_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ProgressClosure *closure = task_data;
  GError *error = NULL;
  CrmImportSource *source = crm_import_source_new_for_file (source_object, closure->progress,
                                                            closure->progress_data, cancellable, &error);

  if (source == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, (GDestroyNotify) crm_import_source_unref);
}

void
crm_import_source_new_for_file_async (GFile                 *file,
                                      CrmImportProgressFunc  progress,
                                      gpointer               progress_data,
                                      GDestroyNotify         progress_notify,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_import_source_new_for_file_async);
  g_task_set_task_data (task, progress_closure_new (progress, progress_data, progress_notify),
                        progress_closure_free);
  g_task_run_in_thread (task, load_source_thread);
}

CrmImportSource *
crm_import_source_new_for_file_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_import_source_new_for_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CrmImportSource *
crm_import_source_ref (CrmImportSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
crm_import_source_unref (CrmImportSource *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_strfreev (self->header);
  g_ptr_array_unref (self->rows);
  g_free (self);
}

guint
crm_import_source_get_n_columns (CrmImportSource *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_columns;
}

const char * const *
crm_import_source_get_header (CrmImportSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->header;
}

guint
crm_import_source_get_n_rows (CrmImportSource *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows->len;
}

const char * const *
crm_import_source_get_row (CrmImportSource *self,
                           guint            row,
                           guint           *n_fields)
{
  SourceRow *r;

  g_return_val_if_fail (self != NULL && row < self->rows->len, NULL);

  r = g_ptr_array_index (self->rows, row);
  if (n_fields != NULL)
    *n_fields = r->n_fields;
  return (const char * const *) r->fields;
}

guint
crm_import_source_get_line (CrmImportSource *self,
                            guint            row)
{
  g_return_val_if_fail (self != NULL && row < self->rows->len, 0);
  return ((SourceRow *) g_ptr_array_index (self->rows, row))->line;
}

/* Report --------------------------------------------------------------------- */

static void
report_row_clear (gpointer data)
{
  ReportRow *row = data;

  g_free (row->reason);
}

static CrmImportReport *
report_new (CrmImportSource *source)
{
  CrmImportReport *self = g_new0 (CrmImportReport, 1);

  self->source = crm_import_source_ref (source);
  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (ReportRow), source->rows->len);
  g_array_set_clear_func (self->rows, report_row_clear);
  return self;
}

void
crm_import_report_free (CrmImportReport *self)
{
  if (self == NULL)
    return;
  crm_import_source_unref (self->source);
  g_array_unref (self->rows);
  g_free (self);
}

guint
crm_import_report_get_n_rows (CrmImportReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows->len;
}

static const ReportRow *
report_row (CrmImportReport *self,
            guint            row)
{
  return &g_array_index (self->rows, ReportRow, row);
}

CrmImportAction
crm_import_report_get_action (CrmImportReport *self,
                              guint            row)
{
  g_return_val_if_fail (self != NULL && row < self->rows->len, CRM_IMPORT_ACTION_INVALID);
  return report_row (self, row)->action;
}

const char *
crm_import_report_get_reason (CrmImportReport *self,
                              guint            row)
{
  g_return_val_if_fail (self != NULL && row < self->rows->len, NULL);
  return report_row (self, row)->reason;
}

guint
crm_import_report_get_line (CrmImportReport *self,
                            guint            row)
{
  g_return_val_if_fail (self != NULL && row < self->rows->len, 0);
  return report_row (self, row)->line;
}

gint64
crm_import_report_get_record_id (CrmImportReport *self,
                                 guint            row)
{
  g_return_val_if_fail (self != NULL && row < self->rows->len, 0);
  return report_row (self, row)->record_id;
}

guint
crm_import_report_count (CrmImportReport *self,
                         CrmImportAction  action)
{
  g_return_val_if_fail (self != NULL && action < CRM_IMPORT_N_ACTIONS, 0);
  return self->counts[action];
}

gboolean
crm_import_report_get_committed (CrmImportReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->committed;
}

GBytes *
crm_import_report_get_rejected_csv (CrmImportReport *self)
{
  g_autoptr(GPtrArray) record = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  CrmImportSource *source;

  g_return_val_if_fail (self != NULL, NULL);

  source = self->source;
  for (guint i = 0; i < source->n_columns; i++)
    g_ptr_array_add (record, source->header[i]);
  g_ptr_array_add (record, (gpointer) _("Reason"));
  crm_csv_append_record (out, (const char * const *) record->pdata, record->len, ',');
  for (guint r = 0; r < self->rows->len; r++)
    {
      const ReportRow *row = report_row (self, r);
      SourceRow *fields = g_ptr_array_index (source->rows, r);

      if (row->action != CRM_IMPORT_ACTION_INVALID)
        continue;
      g_ptr_array_set_size (record, 0);
      /* The header's width, so the reason stays in its column. */
      for (guint i = 0; i < MAX (source->n_columns, fields->n_fields); i++)
        g_ptr_array_add (record, i < fields->n_fields ? fields->fields[i] : (char *) "");
      g_ptr_array_add (record, row->reason);
      crm_csv_append_record (out, (const char * const *) record->pdata, record->len, ',');
    }
  return g_string_free_to_bytes (out);
}

gboolean
crm_import_report_write_rejected (CrmImportReport  *self,
                                  GFile            *file,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  g_autoptr(GBytes) csv = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = crm_import_report_get_rejected_csv (self);
  return g_file_replace_contents (file, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}

/* CrmImport ------------------------------------------------------------------ */

static void
crm_import_finalize (GObject *object)
{
  CrmImport *self = CRM_IMPORT (object);

  g_clear_pointer (&self->source, crm_import_source_unref);
  g_free (self->mapping);
  G_OBJECT_CLASS (crm_import_parent_class)->finalize (object);
}

static void
crm_import_class_init (CrmImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_import_finalize;
}

static void
crm_import_init (CrmImport *self)
{
  self->duplicates = CRM_IMPORT_DUPLICATES_SKIP;
}

CrmImport *
crm_import_new (CrmImportKind    kind,
                CrmImportSource *source)
{
  CrmImport *self;

  g_return_val_if_fail (kind <= CRM_IMPORT_KIND_PRODUCTS, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  self = g_object_new (CRM_TYPE_IMPORT, NULL);
  self->kind = kind;
  self->source = crm_import_source_ref (source);
  self->mapping = g_new (CrmImportField, MAX (source->n_columns, 1));
  for (guint i = 0; i < source->n_columns; i++)
    {
      CrmImportField field = crm_import_guess_field (kind, source->header[i]);
      gboolean taken = FALSE;

      for (guint j = 0; j < i && field != CRM_IMPORT_FIELD_IGNORE; j++)
        taken |= self->mapping[j] == field;
      self->mapping[i] = taken ? CRM_IMPORT_FIELD_IGNORE : field;
    }
  return self;
}

CrmImportKind
crm_import_get_kind (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), CRM_IMPORT_KIND_CUSTOMERS);
  return self->kind;
}

CrmImportSource *
crm_import_get_source (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), NULL);
  return self->source;
}

CrmImportField
crm_import_get_column_field (CrmImport *self,
                             guint      column)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), CRM_IMPORT_FIELD_IGNORE);
  g_return_val_if_fail (column < self->source->n_columns, CRM_IMPORT_FIELD_IGNORE);
  return self->mapping[column];
}

void
crm_import_set_column_field (CrmImport      *self,
                             guint           column,
                             CrmImportField  field)
{
  g_return_if_fail (CRM_IS_IMPORT (self));
  g_return_if_fail (column < self->source->n_columns);
  g_return_if_fail (field >= CRM_IMPORT_FIELD_IGNORE && field < CRM_IMPORT_N_FIELDS);

  if (field != CRM_IMPORT_FIELD_IGNORE)
    for (guint i = 0; i < self->source->n_columns; i++)
      if (self->mapping[i] == field)
        self->mapping[i] = CRM_IMPORT_FIELD_IGNORE;
  self->mapping[column] = field;
}

CrmImportDuplicates
crm_import_get_duplicates (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), CRM_IMPORT_DUPLICATES_SKIP);
  return self->duplicates;
}

void
crm_import_set_duplicates (CrmImport           *self,
                           CrmImportDuplicates  policy)
{
  g_return_if_fail (CRM_IS_IMPORT (self));
  g_return_if_fail (policy <= CRM_IMPORT_DUPLICATES_CREATE);
  self->duplicates = policy;
}

gboolean
crm_import_get_skip_invalid (CrmImport *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT (self), FALSE);
  return self->skip_invalid;
}

void
crm_import_set_skip_invalid (CrmImport *self,
                             gboolean   skip_invalid)
{
  g_return_if_fail (CRM_IS_IMPORT (self));
  self->skip_invalid = !!skip_invalid;
}

static int
column_of (CrmImport      *self,
           CrmImportField  field)
{
  for (guint i = 0; i < self->source->n_columns; i++)
    if (self->mapping[i] == field)
      return (int) i;
  return -1;
}

gboolean
crm_import_check_mapping (CrmImport  *self,
                          GError    **error)
{
  guint n_specs;
  const FieldSpec *specs;

  g_return_val_if_fail (CRM_IS_IMPORT (self), FALSE);

  specs = specs_for (self->kind, &n_specs);
  for (guint i = 0; i < n_specs; i++)
    if (specs[i].required && column_of (self, specs[i].field) < 0)
      {
        g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                     _("No column holds the field “%s”: choose one."), _(field_labels[specs[i].field]));
        return FALSE;
      }
  if (self->kind == CRM_IMPORT_KIND_CONTACTS && column_of (self, CRM_IMPORT_FIELD_CUSTOMER_CODE) < 0 &&
      column_of (self, CRM_IMPORT_FIELD_CUSTOMER_NAME) < 0)
    {
      g_set_error_literal (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED,
                           _("Contacts need their customer: choose the column with the customer code or name."));
      return FALSE;
    }
  return TRUE;
}

/* The pass over the rows ----------------------------------------------------- */

/* One pass plans every row; a run writes each planned row as it goes,
 * inside the transaction, until a row is invalid (unless skip-invalid):
 * from then on it only plans, to report every invalid row, and rolls
 * back at the end. */
typedef struct
{
  CrmImport        *import;
  CrmStore         *store;
  CrmSession       *session;
  CrmImportReport  *report;
  GHashTable       *seen;         /* "kind:key" -> line of the first row with it */
  const char       *values[CRM_IMPORT_N_FIELDS];
  char             *owned[CRM_IMPORT_N_FIELDS];
  gboolean          write;        /* a run, not a preview */
  gboolean          writing;      /* no invalid row stopped the writes */
  gboolean          sees_cost;
  gint64            code_number;  /* run: the last customer code number given */
  char             *now;          /* run: when it began, for created_at */
} Pass;

/* What one row will do, before it is written. */
typedef struct
{
  CrmImportAction  action;
  char            *reason;
  gint64           target_id;     /* update: the existing record */
  gpointer         record;        /* CrmCustomer *, CrmContact * or CrmProduct * */
  GDestroyNotify   record_free;
  gint64           customer_id;   /* contacts */
  char            *customer_name;
  char            *customer_code;
  GPtrArray       *keys;          /* in-file duplicate keys of the row */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->reason, g_free);
  g_clear_pointer (&plan->customer_name, g_free);
  g_clear_pointer (&plan->customer_code, g_free);
  g_clear_pointer (&plan->keys, g_ptr_array_unref);
  if (plan->record != NULL)
    plan->record_free (g_steal_pointer (&plan->record));
}

/* The viewer's visibility parameters.  _crm_store_bind_viewer() looks the
 * user up on every bind; the import checks once, inside its transaction,
 * that the user is active, so the per-row look-ups skip that query. */
static void
bind_viewer (sqlite3_stmt *stmt,
             CrmSession   *session)
{
  static const char *const names[] = { ":v_active", ":v_all", ":v_admin", ":v_uid", ":v_team", ":v_staff" };
  gint64 values[] = {
    1,
    crm_session_sees_all_customers (session) ? 1 : 0,
    crm_session_get_role (session) == CRM_ROLE_ADMIN ? 1 : 0,
    crm_session_get_user_id (session),
    crm_session_get_visible_team (session),
    crm_session_get_role (session) == CRM_ROLE_STAFF ? 1 : 0,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int index = sqlite3_bind_parameter_index (stmt, names[i]);

      if (index > 0)
        sqlite3_bind_int64 (stmt, index, values[i]);
    }
}

static const char *
value (Pass           *pass,
       CrmImportField  field)
{
  return pass->values[field];
}

static void
load_values (Pass  *pass,
             guint  row)
{
  SourceRow *source_row = g_ptr_array_index (pass->import->source->rows, row);

  for (guint f = 0; f < CRM_IMPORT_N_FIELDS; f++)
    {
      g_clear_pointer (&pass->owned[f], g_free);
      pass->values[f] = NULL;
    }
  for (guint i = 0; i < pass->import->source->n_columns && i < source_row->n_fields; i++)
    {
      CrmImportField field = pass->import->mapping[i];

      if (field == CRM_IMPORT_FIELD_IGNORE || crm_text_is_blank (source_row->fields[i]))
        continue;
      pass->owned[field] = g_strstrip (g_strdup (source_row->fields[i]));
      pass->values[field] = pass->owned[field];
    }
}

/* Looks up one id (and optionally a text) with @text bound to :key. */
static gboolean
lookup (Pass        *pass,
        const char  *sql,
        const char  *key,
        gint64       customer_id,
        gint64      *id,
        char       **text,
        GError     **error)
{
  sqlite3_stmt *stmt = _crm_store_prepare (pass->store, sql, error);
  int rc;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_index (stmt, ":key") > 0)
    _crm_bind_text (stmt, ":key", key);
  if (sqlite3_bind_parameter_index (stmt, ":customer") > 0)
    _crm_bind_int64 (stmt, ":customer", customer_id);
  bind_viewer (stmt, pass->session);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      if (text != NULL)
        *text = _crm_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (pass->store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
add_key (Plan       *plan,
         const char *kind,
         const char *key)
{
  if (key == NULL || *key == '\0')
    return;
  if (plan->keys == NULL)
    plan->keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (plan->keys, g_strconcat (kind, ":", key, NULL));
}

/* The line of an earlier row of the file with one of the row's keys, or 0. */
static guint
seen_line (Pass *pass,
           Plan *plan)
{
  for (guint i = 0; plan->keys != NULL && i < plan->keys->len; i++)
    {
      guint line = GPOINTER_TO_UINT (g_hash_table_lookup (pass->seen, g_ptr_array_index (plan->keys, i)));

      if (line > 0)
        return line;
    }
  return 0;
}

static void
remember_keys (Pass *pass,
               Plan *plan,
               guint line)
{
  for (guint i = 0; plan->keys != NULL && i < plan->keys->len; i++)
    {
      char *key = g_ptr_array_index (plan->keys, i);

      if (!g_hash_table_contains (pass->seen, key))
        g_hash_table_insert (pass->seen, g_strdup (key), GUINT_TO_POINTER (line));
    }
}

static gboolean
set_invalid (Plan       *plan,
             const char *reason)
{
  plan->action = CRM_IMPORT_ACTION_INVALID;
  g_free (plan->reason);
  plan->reason = g_strdup (reason);
  return TRUE;
}

/* Only digits once the separators people type are gone, else NULL. */
static char *
bare_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !strchr (" .-()", *p))
      return NULL;
  return crm_text_digits (text);
}

/* Spreadsheets store phones as numbers and drop the leading zero:
 * "912345678" is a mobile, "2438251234" a landline. */
static char *
repad_phone (const char *text)
{
  g_autofree char *digits = bare_digits (text);
  gsize length = digits ? strlen (digits) : 0;

  if ((length == 9 && strchr ("35789", digits[0])) || (length == 10 && digits[0] == '2'))
    return g_strconcat ("0", digits, NULL);
  return g_strdup (text);
}

/* The same for tax codes: 9 digits (+ branch) lost the zero of a
 * 10-digit code when the padded code's check digit is right; 11 digits
 * are a citizen ID (they all start with 0). */
static char *
repad_tax_code (const char *text)
{
  const char *dash = strchr (text, '-');
  g_autofree char *head = dash ? g_strndup (text, dash - text) : g_strdup (text);
  g_autofree char *digits = bare_digits (head);
  gsize length = digits ? strlen (digits) : 0;
  g_autofree char *padded = NULL;
  g_autofree char *normalized = NULL;

  if (length == 11 && dash == NULL)
    return g_strconcat ("0", digits, NULL);
  if (length != 9)
    return g_strdup (text);
  padded = g_strconcat ("0", digits, dash ? dash : "", NULL);
  if (crm_tax_code_validate (padded, &normalized, NULL))
    return g_steal_pointer (&padded);
  return g_strdup (text);
}

static gboolean
parse_gender (const char  *text,
              const char **gender)
{
  g_autofree char *key = header_key (text);

  if (g_str_equal (key, "nam") || g_str_equal (key, "male") || g_str_equal (key, "m"))
    *gender = "male";
  else if (g_str_equal (key, "nu") || g_str_equal (key, "female") || g_str_equal (key, "f"))
    *gender = "female";
  else if (g_str_equal (key, "khac") || g_str_equal (key, "other"))
    *gender = "other";
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_customer_kind (const char      *text,
                     CrmCustomerKind *kind)
{
  static const char *const organisations[] = {
    "to chuc", "doanh nghiep", "cong ty", "organisation", "organization", "company", "business",
  };
  static const char *const persons[] = { "ca nhan", "person", "individual", "khach le" };
  g_autofree char *key = header_key (text);

  if (crm_customer_kind_from_string (text, kind))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (organisations); i++)
    if (g_str_equal (key, organisations[i]))
      {
        *kind = CRM_CUSTOMER_KIND_ORGANISATION;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (persons); i++)
    if (g_str_equal (key, persons[i]))
      {
        *kind = CRM_CUSTOMER_KIND_PERSON;
        return TRUE;
      }
  return FALSE;
}

/* Customers ------------------------------------------------------------------ */

static gboolean
build_customer (Pass         *pass,
                CrmCustomer **out,
                GError      **error)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  const char *province = value (pass, CRM_IMPORT_FIELD_PROVINCE);
  const char *gender = NULL;

  customer->code = g_strdup (value (pass, CRM_IMPORT_FIELD_CODE));
  customer->full_name = g_strdup (value (pass, CRM_IMPORT_FIELD_NAME));
  customer->street = g_strdup (value (pass, CRM_IMPORT_FIELD_STREET));
  customer->ward = g_strdup (value (pass, CRM_IMPORT_FIELD_WARD));
  customer->occupation = g_strdup (value (pass, CRM_IMPORT_FIELD_OCCUPATION));
  customer->website = g_strdup (value (pass, CRM_IMPORT_FIELD_WEBSITE));
  customer->notes = g_strdup (value (pass, CRM_IMPORT_FIELD_NOTES));
  customer->assigned_to = crm_session_get_user_id (pass->session);
  if (value (pass, CRM_IMPORT_FIELD_BIRTH_DATE))
    customer->birth_date = g_strdup (value (pass, CRM_IMPORT_FIELD_BIRTH_DATE));
  if (value (pass, CRM_IMPORT_FIELD_TAX_CODE))
    customer->tax_code = repad_tax_code (value (pass, CRM_IMPORT_FIELD_TAX_CODE));
  if (value (pass, CRM_IMPORT_FIELD_PHONE))
    g_ptr_array_add (customer->phones, repad_phone (value (pass, CRM_IMPORT_FIELD_PHONE)));
  if (value (pass, CRM_IMPORT_FIELD_EMAIL))
    g_ptr_array_add (customer->emails, g_strdup (value (pass, CRM_IMPORT_FIELD_EMAIL)));
  if (province != NULL)
    {
      const CrmProvince *found = crm_province_get (province);

      if (found == NULL && (found = crm_province_find (province)) == NULL)
        {
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("“%s” is not a province or city of Vietnam."), province);
          return FALSE;
        }
      customer->province_code = g_strdup (found->code);
    }
  if (value (pass, CRM_IMPORT_FIELD_GENDER))
    {
      if (!parse_gender (value (pass, CRM_IMPORT_FIELD_GENDER), &gender))
        {
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("“%s” is not a gender: write Nam, Nữ or Khác."), value (pass, CRM_IMPORT_FIELD_GENDER));
          return FALSE;
        }
      customer->gender = g_strdup (gender);
    }
  if (value (pass, CRM_IMPORT_FIELD_CUSTOMER_KIND))
    {
      if (!parse_customer_kind (value (pass, CRM_IMPORT_FIELD_CUSTOMER_KIND), &customer->kind))
        {
          g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                       _("“%s” is not a kind of customer: write Cá nhân or Tổ chức."),
                       value (pass, CRM_IMPORT_FIELD_CUSTOMER_KIND));
          return FALSE;
        }
    }
  if (!crm_customer_validate (customer, error))
    return FALSE;
  /* Without a kind column, a business tax code (10 digits, or a branch)
   * makes an organisation; a 12-digit one is a person's citizen ID. */
  if (value (pass, CRM_IMPORT_FIELD_CUSTOMER_KIND) == NULL && customer->tax_code != NULL &&
      strlen (customer->tax_code) != 12)
    customer->kind = CRM_CUSTOMER_KIND_ORGANISATION;
  *out = g_steal_pointer (&customer);
  return TRUE;
}

static gboolean
plan_customer (Pass    *pass,
               Plan    *plan,
               GError **error)
{
  static const char code_sql[] =
    "SELECT c.id, c.code, c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " "
    "FROM customers c WHERE c.code = :key";
  static const char tax_sql[] =
    "SELECT c.id, c.code FROM customers c WHERE c.tax_code = :key AND c.merged_into IS NULL AND "
    CRM_VISIBLE_CUSTOMER ("c") " LIMIT 1";
  static const char phone_sql[] =
    "SELECT c.id, c.code FROM customer_phones p JOIN customers c ON c.id = p.customer_id "
    "WHERE p.phone = :key AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " LIMIT 1";
  static const char email_sql[] =
    "SELECT c.id, c.code FROM customer_emails e JOIN customers c ON c.id = e.customer_id "
    "WHERE e.email = :key AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " LIMIT 1";
  g_autoptr(GError) invalid = NULL;
  g_autofree char *code = NULL;
  CrmCustomer *customer = NULL;
  CrmImportDuplicates policy = pass->import->duplicates;
  const char *phone, *email;
  gint64 id = 0;

  if (!build_customer (pass, &customer, &invalid))
    return set_invalid (plan, invalid->message);
  plan->record = customer;
  plan->record_free = (GDestroyNotify) crm_customer_free;
  phone = customer->phones->len > 0 ? g_ptr_array_index (customer->phones, 0) : NULL;
  email = customer->emails->len > 0 ? g_ptr_array_index (customer->emails, 0) : NULL;

  if (customer->code != NULL)
    {
      guint line;

      add_key (plan, "code", customer->code);
      /* Codes are unique: a second row with the same code can only be
       * the same customer, or a mistake when duplicates are created. */
      line = seen_line (pass, plan);
      if (line > 0 && policy == CRM_IMPORT_DUPLICATES_CREATE)
        {
          g_autofree char *reason = g_strdup_printf (_("The customer code “%s” is already on line %u."),
                                                     customer->code, line);
          return set_invalid (plan, reason);
        }
      {
        sqlite3_stmt *stmt = _crm_store_prepare (pass->store, code_sql, error);
        int rc;

        if (stmt == NULL)
          return FALSE;
        _crm_bind_text (stmt, ":key", customer->code);
        bind_viewer (stmt, pass->session);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          {
            id = sqlite3_column_int64 (stmt, 0);
            code = _crm_column_text (stmt, 1);
            if (sqlite3_column_int (stmt, 2) == 0 || policy == CRM_IMPORT_DUPLICATES_CREATE)
              id = -1;
          }
        sqlite3_reset (stmt);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
          {
            _crm_store_set_error (pass->store, rc, error);
            return FALSE;
          }
      }
      if (id < 0)
        {
          g_autofree char *reason = g_strdup_printf (_("The customer code “%s” is already used by another customer."),
                                                     customer->code);
          return set_invalid (plan, reason);
        }
    }
  add_key (plan, "tax", customer->tax_code);
  add_key (plan, "phone", phone);
  add_key (plan, "email", email);
  if (policy == CRM_IMPORT_DUPLICATES_CREATE)
    return TRUE;
  if (id == 0 && customer->tax_code != NULL &&
      !lookup (pass, tax_sql, customer->tax_code, 0, &id, &code, error))
    return FALSE;
  if (id == 0 && phone != NULL && !lookup (pass, phone_sql, phone, 0, &id, &code, error))
    return FALSE;
  if (id == 0 && email != NULL && !lookup (pass, email_sql, email, 0, &id, &code, error))
    return FALSE;
  plan->target_id = id;
  if (id > 0)
    {
      plan->action = policy == CRM_IMPORT_DUPLICATES_UPDATE ? CRM_IMPORT_ACTION_UPDATE : CRM_IMPORT_ACTION_SKIP;
      plan->reason = g_strdup_printf (_("Already in the database as %s."), code);
    }
  return TRUE;
}

/* The customer's audit row is written with the others at the end
 * (audit_created_customers()); a customer without a code is numbered
 * from the counter the run read when it began.  Every customer of a run
 * is created at the time the run began, as its audit rows say. */
static gboolean
write_customer_create (Pass         *pass,
                       CrmCustomer  *customer,
                       GError      **error)
{
  if (customer->code == NULL)
    customer->code = _crm_customer_store_format_code (++pass->code_number);
  if (customer->created_at == NULL)
    customer->created_at = g_strdup (pass->now);
  return _crm_customer_store_insert (pass->store, pass->session, customer, error);
}

static gboolean
replace_customer_values (Pass        *pass,
                         const char  *delete_sql,
                         const char  *insert_sql,
                         gint64       customer_id,
                         GPtrArray   *values,
                         GError     **error)
{
  sqlite3_stmt *stmt = _crm_store_prepare (pass->store, delete_sql, error);

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", customer_id);
  if (!_crm_store_step_done (pass->store, stmt, error))
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      if (!(stmt = _crm_store_prepare (pass->store, insert_sql, error)))
        return FALSE;
      _crm_bind_int64 (stmt, ":customer", customer_id);
      _crm_bind_text (stmt, ":value", g_ptr_array_index (values, i));
      _crm_bind_int64 (stmt, ":primary", i == 0);
      if (!_crm_store_step_done (pass->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
audit_if_changed (Pass        *pass,
                  const char  *entity,
                  gint64       id,
                  const char  *field,
                  const char  *old_value,
                  const char  *new_value,
                  gboolean    *changed,
                  GError     **error)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  *changed = TRUE;
  return _crm_store_audit (pass->store, pass->session, "update", entity, id, field, old_value, new_value,
                           error);
}

static gboolean
add_missing (GPtrArray  *values,
             GPtrArray  *added)
{
  gboolean any = FALSE;

  for (guint i = 0; i < added->len; i++)
    {
      const char *item = g_ptr_array_index (added, i);
      gboolean found = FALSE;

      for (guint j = 0; j < values->len && !found; j++)
        found = g_str_equal (g_ptr_array_index (values, j), item);
      if (!found)
        {
          g_ptr_array_add (values, g_strdup (item));
          any = TRUE;
        }
    }
  return any;
}

static char *
join_values (GPtrArray *values)
{
  g_ptr_array_add (values, NULL);
  {
    char *text = g_strjoinv (", ", (char **) values->pdata);

    g_ptr_array_set_size (values, values->len - 1);
    return text;
  }
}

/* The file's non-empty cells overwrite the stored fields; its phone and
 * e-mail are added to the customer's.  One audit row per changed field. */
static gboolean
write_customer_update (Pass         *pass,
                       gint64        id,
                       CrmCustomer  *incoming,
                       GError      **error)
{
  static const char sql[] =
    "UPDATE customers SET code = :code, kind = :kind, full_name = :name, sort_key = :sort, "
    "  folded_name = :folded, birth_date = :birth, gender = :gender, occupation = :occupation, "
    "  street = :street, ward = :ward, province_code = :province, tax_code = :tax, website = :web, "
    "  notes = :notes, row_version = row_version + 1, updated_at = :now WHERE id = :id";
  static const char delete_phones[] = "DELETE FROM customer_phones WHERE customer_id = :customer";
  static const char delete_emails[] = "DELETE FROM customer_emails WHERE customer_id = :customer";
  static const char insert_phone[] =
    "INSERT INTO customer_phones (customer_id, phone, is_primary) VALUES (:customer, :value, :primary)";
  static const char insert_email[] =
    "INSERT INTO customer_emails (customer_id, email, is_primary) VALUES (:customer, :value, :primary)";
  g_autoptr(CrmCustomer) current = crm_customer_store_get (pass->store, pass->session, id, error);
  g_autoptr(CrmCustomer) updated = NULL;
  g_autofree char *now = _crm_now_utc ();
  g_autofree char *sort_key = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *old_phones = NULL, *old_emails = NULL, *new_phones = NULL, *new_emails = NULL;
  g_autofree char *search_text = NULL;
  gboolean changed = FALSE, phones_changed, emails_changed;
  sqlite3_stmt *stmt;

  if (current == NULL)
    return FALSE;
  updated = crm_customer_copy (current);
#define TAKE(name) \
  if (incoming->name != NULL) \
    { \
      g_free (updated->name); \
      updated->name = g_strdup (incoming->name); \
    }
  TAKE (full_name);
  TAKE (birth_date);
  TAKE (gender);
  TAKE (occupation);
  TAKE (street);
  TAKE (ward);
  TAKE (province_code);
  TAKE (tax_code);
  TAKE (website);
  TAKE (notes);
#undef TAKE
  if (value (pass, CRM_IMPORT_FIELD_CUSTOMER_KIND) != NULL)
    updated->kind = incoming->kind;
  old_phones = join_values (current->phones);
  old_emails = join_values (current->emails);
  phones_changed = add_missing (updated->phones, incoming->phones);
  emails_changed = add_missing (updated->emails, incoming->emails);
  new_phones = join_values (updated->phones);
  new_emails = join_values (updated->emails);

#define AUDIT(name) \
  audit_if_changed (pass, "customer", id, #name, current->name, updated->name, &changed, error)
  if (!AUDIT (full_name) || !AUDIT (birth_date) || !AUDIT (gender) || !AUDIT (occupation) ||
      !AUDIT (street) || !AUDIT (ward) || !AUDIT (province_code) || !AUDIT (tax_code) ||
      !AUDIT (website) || !AUDIT (notes) ||
      !audit_if_changed (pass, "customer", id, "kind", crm_customer_kind_to_string (current->kind),
                         crm_customer_kind_to_string (updated->kind), &changed, error) ||
      !audit_if_changed (pass, "customer", id, "phones", old_phones, new_phones, &changed, error) ||
      !audit_if_changed (pass, "customer", id, "emails", old_emails, new_emails, &changed, error))
    return FALSE;
#undef AUDIT
  if (!changed)
    return TRUE;

  if (!(stmt = _crm_store_prepare (pass->store, sql, error)))
    return FALSE;
  sort_key = updated->kind == CRM_CUSTOMER_KIND_PERSON ? crm_text_person_sort_key (updated->full_name)
                                                       : crm_text_sort_key (updated->full_name);
  folded = crm_text_fold (updated->full_name);
  _crm_bind_text (stmt, ":code", updated->code);
  _crm_bind_text (stmt, ":kind", crm_customer_kind_to_string (updated->kind));
  _crm_bind_text (stmt, ":name", updated->full_name);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":folded", folded);
  _crm_bind_text (stmt, ":birth", updated->birth_date);
  _crm_bind_text (stmt, ":gender", updated->gender);
  _crm_bind_text (stmt, ":occupation", updated->occupation);
  _crm_bind_text (stmt, ":street", updated->street);
  _crm_bind_text (stmt, ":ward", updated->ward);
  _crm_bind_text (stmt, ":province", updated->province_code);
  _crm_bind_text (stmt, ":tax", updated->tax_code);
  _crm_bind_text (stmt, ":web", updated->website);
  _crm_bind_text (stmt, ":notes", updated->notes);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", id);
  if (!_crm_store_step_done (pass->store, stmt, error) ||
      (phones_changed &&
       !replace_customer_values (pass, delete_phones, insert_phone, id, updated->phones, error)) ||
      (emails_changed &&
       !replace_customer_values (pass, delete_emails, insert_email, id, updated->emails, error)))
    return FALSE;
  search_text = crm_customer_search_text (updated);
  return _crm_store_put_search_doc (pass->store, "customer", id, id, updated->code, updated->full_name,
                                    search_text, error);
}

/* Contacts ------------------------------------------------------------------- */

/* The customer a contact row names, by code or else by name, among those
 * the user sees; the row is invalid when there is none or several. */
static gboolean
resolve_customer (Pass    *pass,
                  Plan    *plan,
                  GError **error)
{
  static const char code_sql[] =
    "SELECT c.id, c.full_name, c.code FROM customers c "
    "WHERE c.code = :key AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c");
  static const char name_sql[] =
    "SELECT c.id, c.full_name, c.code FROM customers c "
    "WHERE c.folded_name = :key AND c.merged_into IS NULL AND " CRM_VISIBLE_CUSTOMER ("c") " LIMIT 2";
  const char *code = value (pass, CRM_IMPORT_FIELD_CUSTOMER_CODE);
  const char *name = value (pass, CRM_IMPORT_FIELD_CUSTOMER_NAME);
  g_autofree char *folded = NULL;
  g_autofree char *reason = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  if (code == NULL && name == NULL)
    return set_invalid (plan, _("The row names no customer: give the customer code or name."));
  if (!(stmt = _crm_store_prepare (pass->store, code ? code_sql : name_sql, error)))
    return FALSE;
  folded = code ? NULL : crm_text_fold (name);
  _crm_bind_text (stmt, ":key", code ? code : folded);
  bind_viewer (stmt, pass->session);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (n++ == 0)
      {
        plan->customer_id = sqlite3_column_int64 (stmt, 0);
        plan->customer_name = _crm_column_text (stmt, 1);
        plan->customer_code = _crm_column_text (stmt, 2);
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (pass->store, rc, error);
      return FALSE;
    }
  if (n == 1)
    return TRUE;
  plan->customer_id = 0;
  if (n > 1)
    reason = g_strdup_printf (_("Several customers are named “%s”: give the customer code instead."), name);
  else if (code != NULL)
    reason = g_strdup_printf (_("No customer you can see has the code “%s”."), code);
  else
    reason = g_strdup_printf (_("No customer you can see is named “%s”."), name);
  return set_invalid (plan, reason);
}

static gboolean
plan_contact (Pass    *pass,
              Plan    *plan,
              GError **error)
{
  static const char duplicate_sql[] =
    "SELECT id, full_name FROM contacts WHERE customer_id = :customer AND (phone = :key OR email = :key) "
    "LIMIT 1";
  g_autoptr(CrmContact) contact = crm_contact_new ();
  g_autoptr(GError) invalid = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *name = NULL;
  g_autofree char *customer_key = NULL;
  gint64 id = 0;

  if (value (pass, CRM_IMPORT_FIELD_PHONE))
    phone = repad_phone (value (pass, CRM_IMPORT_FIELD_PHONE));
  crm_contact_set_full_name (contact, value (pass, CRM_IMPORT_FIELD_NAME));
  crm_contact_set_position (contact, value (pass, CRM_IMPORT_FIELD_POSITION));
  crm_contact_set_phone (contact, phone);
  crm_contact_set_email (contact, value (pass, CRM_IMPORT_FIELD_EMAIL));
  crm_contact_set_notes (contact, value (pass, CRM_IMPORT_FIELD_NOTES));
  if (!crm_contact_validate (contact, &invalid))
    return set_invalid (plan, invalid->message);
  if (!resolve_customer (pass, plan, error) || plan->action == CRM_IMPORT_ACTION_INVALID)
    return plan->action == CRM_IMPORT_ACTION_INVALID;
  crm_contact_set_customer_id (contact, plan->customer_id);
  plan->record = g_object_ref (contact);
  plan->record_free = g_object_unref;

  customer_key = g_strdup_printf ("%" G_GINT64_FORMAT, plan->customer_id);
  {
    g_autofree char *phone_key = g_strconcat (customer_key, "/", crm_contact_get_phone (contact), NULL);
    g_autofree char *email_key = g_strconcat (customer_key, "/", crm_contact_get_email (contact), NULL);

    if (crm_contact_get_phone (contact) != NULL)
      add_key (plan, "phone", phone_key);
    if (crm_contact_get_email (contact) != NULL)
      add_key (plan, "email", email_key);
  }
  if (pass->import->duplicates == CRM_IMPORT_DUPLICATES_CREATE)
    return TRUE;
  if (crm_contact_get_phone (contact) != NULL &&
      !lookup (pass, duplicate_sql, crm_contact_get_phone (contact), plan->customer_id, &id, &name, error))
    return FALSE;
  if (id == 0 && crm_contact_get_email (contact) != NULL &&
      !lookup (pass, duplicate_sql, crm_contact_get_email (contact), plan->customer_id, &id, &name, error))
    return FALSE;
  plan->target_id = id;
  if (id > 0)
    {
      plan->action = pass->import->duplicates == CRM_IMPORT_DUPLICATES_UPDATE ? CRM_IMPORT_ACTION_UPDATE
                                                                             : CRM_IMPORT_ACTION_SKIP;
      plan->reason = g_strdup_printf (_("Already a contact of %s: %s."), plan->customer_name, name);
    }
  return TRUE;
}

static void
append_term (GString    *text,
             const char *term)
{
  if (term == NULL || *term == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, term);
}

/* The same document crm-contact-store.c writes for a contact. */
static gboolean
put_contact_doc (Pass        *pass,
                 gint64       id,
                 CrmContact  *contact,
                 const char  *customer_name,
                 const char  *customer_code,
                 GError     **error)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *phone_terms = crm_text_phone_search_terms (crm_contact_get_phone (contact));

  append_term (body, crm_contact_get_full_name (contact));
  append_term (body, crm_contact_get_position (contact));
  append_term (body, phone_terms);
  append_term (body, crm_contact_get_email (contact));
  append_term (body, customer_name);
  append_term (body, customer_code);
  return _crm_store_put_search_doc (pass->store, "contact", id, crm_contact_get_customer_id (contact),
                                    customer_code, crm_contact_get_full_name (contact), body->str, error);
}

static gboolean
write_contact_create (Pass     *pass,
                      Plan     *plan,
                      gint64   *id,
                      GError  **error)
{
  /* A customer's first contact is its main one, as in the editor. */
  static const char sql[] =
    "INSERT INTO contacts (customer_id, full_name, sort_key, position, phone, email, is_primary, notes, "
    "  created_at, updated_at, created_by) "
    "VALUES (:customer, :name, :sort, :position, :phone, :email, "
    "  NOT EXISTS (SELECT 1 FROM contacts WHERE customer_id = :customer), :notes, :now, :now, :user)";
  CrmContact *contact = plan->record;
  g_autofree char *sort_key = crm_text_person_sort_key (crm_contact_get_full_name (contact));
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt = _crm_store_prepare (pass->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":customer", plan->customer_id);
  _crm_bind_text (stmt, ":name", crm_contact_get_full_name (contact));
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":position", crm_contact_get_position (contact));
  _crm_bind_text (stmt, ":phone", crm_contact_get_phone (contact));
  _crm_bind_text (stmt, ":email", crm_contact_get_email (contact));
  _crm_bind_text (stmt, ":notes", crm_contact_get_notes (contact));
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (pass->session));
  if (!_crm_store_step_done (pass->store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (_crm_store_get_db (pass->store));
  return put_contact_doc (pass, *id, contact, plan->customer_name, plan->customer_code, error) &&
         _crm_store_audit (pass->store, pass->session, "create", "contact", *id, NULL, NULL,
                           crm_contact_get_full_name (contact), error);
}

static gboolean
write_contact_update (Pass    *pass,
                      Plan    *plan,
                      GError **error)
{
  static const char read_sql[] =
    "SELECT full_name, position, phone, email, notes FROM contacts WHERE id = :id";
  static const char sql[] =
    "UPDATE contacts SET full_name = :name, sort_key = :sort, position = :position, phone = :phone, "
    "  email = :email, notes = :notes, updated_at = :now WHERE id = :id";
  static const char *const fields[] = { "full_name", "position", "phone", "email", "notes" };
  CrmContact *incoming = plan->record;
  g_autoptr(CrmContact) merged = crm_contact_copy (incoming);
  g_autoptr(GPtrArray) stored = g_ptr_array_new_full (G_N_ELEMENTS (fields), g_free);
  const char *old[G_N_ELEMENTS (fields)] = { NULL };
  g_autofree char *sort_key = NULL;
  g_autofree char *now = _crm_now_utc ();
  const char *new_values[G_N_ELEMENTS (fields)];
  gboolean changed = FALSE;
  sqlite3_stmt *stmt = _crm_store_prepare (pass->store, read_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":id", plan->target_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_ptr_array_add (stored, _crm_column_text (stmt, i));
        old[i] = g_ptr_array_index (stored, i);
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (pass->store, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc, error);
      return FALSE;
    }
  /* Cells left empty keep what is stored. */
  if (crm_contact_get_position (incoming) == NULL)
    crm_contact_set_position (merged, old[1]);
  if (crm_contact_get_phone (incoming) == NULL)
    crm_contact_set_phone (merged, old[2]);
  if (crm_contact_get_email (incoming) == NULL)
    crm_contact_set_email (merged, old[3]);
  if (crm_contact_get_notes (incoming) == NULL)
    crm_contact_set_notes (merged, old[4]);
  new_values[0] = crm_contact_get_full_name (merged);
  new_values[1] = crm_contact_get_position (merged);
  new_values[2] = crm_contact_get_phone (merged);
  new_values[3] = crm_contact_get_email (merged);
  new_values[4] = crm_contact_get_notes (merged);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!audit_if_changed (pass, "contact", plan->target_id, fields[i], old[i], new_values[i], &changed, error))
      return FALSE;
  if (!changed)
    return TRUE;
  if (!(stmt = _crm_store_prepare (pass->store, sql, error)))
    return FALSE;
  sort_key = crm_text_person_sort_key (new_values[0]);
  _crm_bind_text (stmt, ":name", new_values[0]);
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":position", new_values[1]);
  _crm_bind_text (stmt, ":phone", new_values[2]);
  _crm_bind_text (stmt, ":email", new_values[3]);
  _crm_bind_text (stmt, ":notes", new_values[4]);
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_int64 (stmt, ":id", plan->target_id);
  return _crm_store_step_done (pass->store, stmt, error) &&
         put_contact_doc (pass, plan->target_id, merged, plan->customer_name, plan->customer_code, error);
}

/* Products ------------------------------------------------------------------- */

/* "10%", "10", "8 %", "0,08", "0.1" -> basis points; FALSE for anything else. */
static gboolean
parse_vat_rate (const char *text,
                int        *rate_bp)
{
  g_autofree char *copy = g_strdup (text);
  char *end = NULL;
  double number;

  g_strdelimit (copy, ",", '.');
  g_strstrip (copy);
  if (g_str_has_suffix (copy, "%"))
    copy[strlen (copy) - 1] = '\0';
  g_strstrip (copy);
  number = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || number < 0)
    return FALSE;
  if (number < 1 && strchr (copy, '.') != NULL && !g_str_has_suffix (text, "%"))
    number *= 100;
  *rate_bp = (int) (number * 100 + 0.5);
  return TRUE;
}

static gboolean
parse_money_field (Pass            *pass,
                   CrmImportField   field,
                   gint64          *dong,
                   GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  if (value (pass, field) == NULL)
    return TRUE;
  if (crm_money_parse (value (pass, field), dong, &local_error))
    return TRUE;
  g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT, _("%s: %s"),
               crm_import_field_label (field), local_error->message);
  return FALSE;
}

static gboolean
plan_product (Pass    *pass,
              Plan    *plan,
              GError **error)
{
  static const char code_sql[] = "SELECT id, code FROM products WHERE code = :key";
  g_autoptr(CrmProduct) product = crm_product_new ();
  g_autoptr(GError) invalid = NULL;
  g_autofree char *code = NULL;
  gint64 list_price = 0, cost_price = 0, id = 0;
  int vat = 1000;
  guint line;

  if (!parse_money_field (pass, CRM_IMPORT_FIELD_LIST_PRICE, &list_price, &invalid) ||
      !parse_money_field (pass, CRM_IMPORT_FIELD_COST_PRICE, &cost_price, &invalid))
    return set_invalid (plan, invalid->message);
  if (value (pass, CRM_IMPORT_FIELD_VAT_RATE) &&
      (!parse_vat_rate (value (pass, CRM_IMPORT_FIELD_VAT_RATE), &vat) || !crm_product_vat_rate_is_valid (vat)))
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” is not a VAT rate: write 0%%, 5%%, 8%% or 10%%."),
                                                 value (pass, CRM_IMPORT_FIELD_VAT_RATE));
      return set_invalid (plan, reason);
    }
  if (value (pass, CRM_IMPORT_FIELD_CODE) == NULL)
    return set_invalid (plan, _("Enter the product code."));
  crm_product_set_code (product, value (pass, CRM_IMPORT_FIELD_CODE));
  crm_product_set_name (product, value (pass, CRM_IMPORT_FIELD_NAME));
  crm_product_set_unit (product, value (pass, CRM_IMPORT_FIELD_UNIT) ? value (pass, CRM_IMPORT_FIELD_UNIT) : "");
  crm_product_set_list_price (product, list_price);
  crm_product_set_cost_price (product, cost_price);
  crm_product_set_vat_rate_bp (product, vat);
  crm_product_set_description (product, value (pass, CRM_IMPORT_FIELD_DESCRIPTION));
  if (!crm_product_validate (product, &invalid))
    return set_invalid (plan, invalid->message);
  plan->record = g_object_ref (product);
  plan->record_free = g_object_unref;

  add_key (plan, "code", crm_product_get_code (product));
  line = seen_line (pass, plan);
  if (line > 0 && pass->import->duplicates == CRM_IMPORT_DUPLICATES_CREATE)
    {
      g_autofree char *reason = g_strdup_printf (_("The product code “%s” is already on line %u."),
                                                 crm_product_get_code (product), line);
      return set_invalid (plan, reason);
    }
  if (!lookup (pass, code_sql, crm_product_get_code (product), 0, &id, &code, error))
    return FALSE;
  plan->target_id = id;
  if (id == 0)
    return TRUE;
  switch (pass->import->duplicates)
    {
    case CRM_IMPORT_DUPLICATES_CREATE:
      {
        g_autofree char *reason = g_strdup_printf (_("The product code “%s” is already used by another product."),
                                                   code);
        return set_invalid (plan, reason);
      }
    case CRM_IMPORT_DUPLICATES_UPDATE:
      plan->action = CRM_IMPORT_ACTION_UPDATE;
      break;
    case CRM_IMPORT_DUPLICATES_SKIP:
    default:
      plan->action = CRM_IMPORT_ACTION_SKIP;
      break;
    }
  plan->reason = g_strdup_printf (_("Already in the catalogue as %s."), code);
  return TRUE;
}

/* The same document crm-product-store.c writes (the code also without
 * its zero padding); imported products have no category. */
static gboolean
put_product_doc (Pass        *pass,
                 gint64       id,
                 const char  *code,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *digits = crm_text_digits (code);
  const char *number = digits;
  g_autofree char *body = NULL;

  while (number[0] == '0' && number[1] != '\0')
    number++;
  body = g_strjoin (" ", code, number, name, "", NULL);
  return _crm_store_put_search_doc (pass->store, "product", id, 0, code, name, body, error);
}

static gboolean
write_product_create (Pass        *pass,
                      CrmProduct  *product,
                      gint64      *id,
                      GError     **error)
{
  static const char sql[] =
    "INSERT INTO products (code, name, sort_key, unit, list_price, cost_price, vat_rate_bp, active, "
    "  description, created_at, updated_at, created_by) "
    "VALUES (:code, :name, :sort, :unit, :list, :cost, :vat, 1, :description, :now, :now, :user)";
  g_autofree char *sort_key = crm_text_sort_key (crm_product_get_name (product));
  g_autofree char *now = _crm_now_utc ();
  sqlite3_stmt *stmt = _crm_store_prepare (pass->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _crm_bind_text (stmt, ":code", crm_product_get_code (product));
  _crm_bind_text (stmt, ":name", crm_product_get_name (product));
  _crm_bind_text (stmt, ":sort", sort_key);
  _crm_bind_text (stmt, ":unit", crm_product_get_unit (product) ? crm_product_get_unit (product) : "");
  _crm_bind_int64 (stmt, ":list", crm_product_get_list_price (product));
  /* Cost prices are written only by those who may see them. */
  _crm_bind_int64 (stmt, ":cost", pass->sees_cost ? crm_product_get_cost_price (product) : 0);
  _crm_bind_int64 (stmt, ":vat", crm_product_get_vat_rate_bp (product));
  _crm_bind_text (stmt, ":description", crm_product_get_description (product));
  _crm_bind_text (stmt, ":now", now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (pass->session));
  if (!_crm_store_step_done (pass->store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (_crm_store_get_db (pass->store));
  return put_product_doc (pass, *id, crm_product_get_code (product), crm_product_get_name (product), error) &&
         _crm_store_audit (pass->store, pass->session, "create", "product", *id, NULL, NULL,
                           crm_product_get_code (product), error);
}

static char *
number_text (gint64 number)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, number);
}

static gboolean
write_product_update (Pass        *pass,
                      gint64       id,
                      CrmProduct  *incoming,
                      GError     **error)
{
  static const char read_sql[] =
    "SELECT code, name, unit, list_price, cost_price, vat_rate_bp, description FROM products WHERE id = :id";
  static const char sql[] =
    "UPDATE products SET name = :name, sort_key = :sort, unit = :unit, list_price = :list, "
    "  cost_price = :cost, vat_rate_bp = :vat, description = :description, updated_at = :now WHERE id = :id";
  static const char *const fields[] = { "code", "name", "unit", "list_price", "cost_price", "vat_rate_bp",
                                        "description" };
  char *old[G_N_ELEMENTS (fields)] = { NULL };
  char *new_values[G_N_ELEMENTS (fields)] = { NULL };
  g_autofree char *sort_key = NULL;
  g_autofree char *now = _crm_now_utc ();
  gboolean changed = FALSE, ok = TRUE;
  sqlite3_stmt *stmt = _crm_store_prepare (pass->store, read_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      old[i] = _crm_column_text (stmt, i);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (pass->store, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc, error);
      return FALSE;
    }
  /* Cells left empty keep what is stored. */
  new_values[0] = g_strdup (old[0]);
  new_values[1] = g_strdup (crm_product_get_name (incoming));
  new_values[2] = g_strdup (value (pass, CRM_IMPORT_FIELD_UNIT) ? crm_product_get_unit (incoming) : old[2]);
  new_values[3] = value (pass, CRM_IMPORT_FIELD_LIST_PRICE) ? number_text (crm_product_get_list_price (incoming))
                                                            : g_strdup (old[3]);
  new_values[4] = value (pass, CRM_IMPORT_FIELD_COST_PRICE) && pass->sees_cost
                  ? number_text (crm_product_get_cost_price (incoming)) : g_strdup (old[4]);
  new_values[5] = value (pass, CRM_IMPORT_FIELD_VAT_RATE) ? number_text (crm_product_get_vat_rate_bp (incoming))
                                                          : g_strdup (old[5]);
  new_values[6] = g_strdup (value (pass, CRM_IMPORT_FIELD_DESCRIPTION) ? crm_product_get_description (incoming)
                                                                       : old[6]);
  for (guint i = 0; i < G_N_ELEMENTS (fields) && ok; i++)
    ok = audit_if_changed (pass, "product", id, fields[i],
                           /* users who may not see costs do not learn them from the log */
                           i == 4 && !pass->sees_cost ? NULL : old[i],
                           i == 4 && !pass->sees_cost ? NULL : new_values[i], &changed, error);
  if (ok && changed && (stmt = _crm_store_prepare (pass->store, sql, error)) == NULL)
    ok = FALSE;
  if (ok && changed)
    {
      sort_key = crm_text_sort_key (new_values[1]);
      _crm_bind_text (stmt, ":name", new_values[1]);
      _crm_bind_text (stmt, ":sort", sort_key);
      _crm_bind_text (stmt, ":unit", new_values[2] ? new_values[2] : "");
      _crm_bind_int64 (stmt, ":list", g_ascii_strtoll (new_values[3], NULL, 10));
      _crm_bind_int64 (stmt, ":cost", g_ascii_strtoll (new_values[4], NULL, 10));
      _crm_bind_int64 (stmt, ":vat", g_ascii_strtoll (new_values[5], NULL, 10));
      _crm_bind_text (stmt, ":description", new_values[6]);
      _crm_bind_text (stmt, ":now", now);
      _crm_bind_int64 (stmt, ":id", id);
      ok = _crm_store_step_done (pass->store, stmt, error) &&
           put_product_doc (pass, id, new_values[0], new_values[1], error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_free (old[i]);
      g_free (new_values[i]);
    }
  return ok;
}

/* Driving the pass ------------------------------------------------------------ */

static gboolean
plan_row (Pass    *pass,
          guint    line,
          Plan    *plan,
          GError **error)
{
  gboolean ok;
  guint first;

  plan->action = CRM_IMPORT_ACTION_CREATE;
  switch (pass->import->kind)
    {
    case CRM_IMPORT_KIND_CONTACTS:
      ok = plan_contact (pass, plan, error);
      break;
    case CRM_IMPORT_KIND_PRODUCTS:
      ok = plan_product (pass, plan, error);
      break;
    case CRM_IMPORT_KIND_CUSTOMERS:
    default:
      ok = plan_customer (pass, plan, error);
      break;
    }
  if (!ok || plan->action == CRM_IMPORT_ACTION_INVALID)
    return ok;
  /* An earlier row of the file is the same record: created (or updated)
   * once, unless the policy creates every row. */
  if (pass->import->duplicates != CRM_IMPORT_DUPLICATES_CREATE && (first = seen_line (pass, plan)) > 0)
    {
      plan->action = CRM_IMPORT_ACTION_SKIP;
      g_free (plan->reason);
      plan->reason = g_strdup_printf (_("The same as line %u of the file."), first);
      plan->target_id = 0;
    }
  remember_keys (pass, plan, line);
  return TRUE;
}

static gboolean
write_row (Pass    *pass,
           Plan    *plan,
           gint64  *record_id,
           GError **error)
{
  *record_id = plan->target_id;
  switch (plan->action)
    {
    case CRM_IMPORT_ACTION_CREATE:
      if (pass->import->kind == CRM_IMPORT_KIND_CUSTOMERS)
        {
          CrmCustomer *customer = plan->record;

          if (!write_customer_create (pass, customer, error))
            return FALSE;
          *record_id = customer->id;
          return TRUE;
        }
      if (pass->import->kind == CRM_IMPORT_KIND_CONTACTS)
        return write_contact_create (pass, plan, record_id, error);
      return write_product_create (pass, plan->record, record_id, error);
    case CRM_IMPORT_ACTION_UPDATE:
      if (pass->import->kind == CRM_IMPORT_KIND_CUSTOMERS)
        return write_customer_update (pass, plan->target_id, plan->record, error);
      if (pass->import->kind == CRM_IMPORT_KIND_CONTACTS)
        return write_contact_update (pass, plan, error);
      return write_product_update (pass, plan->target_id, plan->record, error);
    case CRM_IMPORT_ACTION_SKIP:
    case CRM_IMPORT_ACTION_INVALID:
    case CRM_IMPORT_N_ACTIONS:
    default:
      *record_id = 0;
      return TRUE;
    }
}

static gboolean
run_pass (Pass                  *pass,
          CrmImportProgressFunc  progress,
          gpointer               user_data,
          GCancellable          *cancellable,
          GError               **error)
{
  GPtrArray *rows = pass->import->source->rows;
  guint step = MAX (1, rows->len / PROGRESS_STEPS);

  for (guint i = 0; i < rows->len; i++)
    {
      SourceRow *source_row = g_ptr_array_index (rows, i);
      ReportRow report_row = { CRM_IMPORT_ACTION_CREATE, source_row->line, 0, NULL };
      Plan plan = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      load_values (pass, i);
      if (!plan_row (pass, source_row->line, &plan, error))
        {
          plan_clear (&plan);
          return FALSE;
        }
      if (plan.action == CRM_IMPORT_ACTION_INVALID && !pass->import->skip_invalid)
        pass->writing = FALSE;
      if (pass->write && pass->writing && !write_row (pass, &plan, &report_row.record_id, error))
        {
          g_prefix_error (error, _("Line %u: "), source_row->line);
          plan_clear (&plan);
          return FALSE;
        }
      report_row.action = plan.action;
      report_row.reason = g_steal_pointer (&plan.reason);
      pass->report->counts[plan.action]++;
      g_array_append_val (pass->report->rows, report_row);
      plan_clear (&plan);
      if (progress != NULL && ((i + 1) % step == 0 || i + 1 == rows->len))
        progress (i + 1, rows->len, user_data);
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
pass_clear (Pass *pass)
{
  for (guint f = 0; f < CRM_IMPORT_N_FIELDS; f++)
    g_clear_pointer (&pass->owned[f], g_free);
  g_clear_pointer (&pass->seen, g_hash_table_unref);
  g_clear_pointer (&pass->report, crm_import_report_free);
  g_clear_pointer (&pass->now, g_free);
}

/* Who may import what: anyone active customers and contacts, managers
 * and administrators products (the catalogue's own rule). */
static gboolean
check_allowed (CrmImport   *self,
               CrmStore    *store,
               CrmSession  *session,
               gboolean    *sees_cost,
               GError     **error)
{
  static const char sql[] =
    "SELECT coalesce ((SELECT role = 'admin' OR may_see_cost = 1 FROM users WHERE id = :id), 0)";
  sqlite3_stmt *stmt;
  int rc;

  if (!crm_import_check_mapping (self, error) || !_crm_store_require_active (store, session, error))
    return FALSE;
  *sees_cost = FALSE;
  if (self->kind != CRM_IMPORT_KIND_PRODUCTS)
    return TRUE;
  if (crm_session_get_role (session) == CRM_ROLE_STAFF)
    {
      g_set_error_literal (error, CRM_PERMISSION_ERROR, CRM_PERMISSION_ERROR_DENIED,
                           _("Only a manager or an administrator may change the product catalogue."));
      return FALSE;
    }
  if (!(stmt = _crm_store_prepare (store, sql, error)))
    return FALSE;
  _crm_bind_int64 (stmt, ":id", crm_session_get_user_id (session));
  rc = sqlite3_step (stmt);
  *sees_cost = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (store, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
pass_init (Pass       *pass,
           CrmImport  *self,
           CrmStore   *store,
           CrmSession *session,
           gboolean    write)
{
  memset (pass, 0, sizeof *pass);
  pass->import = self;
  pass->store = store;
  pass->session = session;
  pass->write = write;
  pass->writing = TRUE;
  pass->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pass->report = report_new (self->source);
  pass->now = _crm_now_utc ();
}

CrmImportReport *
crm_import_preview (CrmImport             *self,
                    CrmStore              *store,
                    CrmSession            *session,
                    CrmImportProgressFunc  progress,
                    gpointer               user_data,
                    GCancellable          *cancellable,
                    GError               **error)
{
  Pass pass;
  CrmImportReport *report = NULL;

  g_return_val_if_fail (CRM_IS_IMPORT (self), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  pass_init (&pass, self, store, session, FALSE);
  /* One read transaction: every row sees the same database, and the
   * look-ups do not each take and drop a snapshot. */
  if (check_allowed (self, store, session, &pass.sees_cost, error) &&
      _crm_store_exec (store, "BEGIN DEFERRED", error))
    {
      if (run_pass (&pass, progress, user_data, cancellable, error))
        report = g_steal_pointer (&pass.report);
      _crm_store_rollback (store);
    }
  pass_clear (&pass);
  return report;
}

/* Bulk imports leave the full-text index to the end (DESIGN.md, "Bulk
 * imports drop the FTS trigger and rebuild"): the insert trigger is
 * dropped inside the transaction, the new documents (ids above the
 * largest before the import) are indexed with one statement, and the
 * trigger is put back as the migration wrote it — all in the import's
 * transaction, so a rollback restores the trigger too.  Updates of
 * documents that existed before keep their own trigger: the import
 * never updates a document it created (duplicates inside the file are
 * skipped). */
#define SEARCH_INSERT_TRIGGER \
  "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs\n" \
  "BEGIN\n" \
  "  INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body);\n" \
  "END;"

static gboolean
suspend_search_trigger (CrmStore  *store,
                        gint64    *last_doc,
                        GError   **error)
{
  return _crm_query_int (_crm_store_get_db (store), "SELECT coalesce (max (id), 0) FROM search_docs",
                         last_doc, crm_store_get_path (store), error) &&
         _crm_store_exec (store, "DROP TRIGGER search_docs_ai", error);
}

static gboolean
resume_search_trigger (CrmStore  *store,
                       gint64     last_doc,
                       GError   **error)
{
  static const char sql[] =
    "INSERT INTO search_fts (rowid, body) SELECT id, body FROM search_docs WHERE id > :last ORDER BY id";
  sqlite3_stmt *stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _crm_bind_int64 (stmt, ":last", last_doc);
  return _crm_store_step_done (store, stmt, error) && _crm_store_exec (store, SEARCH_INSERT_TRIGGER, error);
}

/* Customer imports number new customers from the code counter read once
 * (write_customer_create()) and store the last number at the end. */
static gboolean
begin_customer_codes (Pass    *pass,
                      GError **error)
{
  return pass->import->kind != CRM_IMPORT_KIND_CUSTOMERS ||
         _crm_customer_store_get_code_number (pass->store, &pass->code_number, error);
}

static gboolean
end_customer_codes (Pass    *pass,
                    gint64   first_number,
                    GError **error)
{
  return pass->code_number == first_number ||
         _crm_customer_store_set_code_number (pass->store, pass->code_number, error);
}

/* A customer import that at least doubles the table leaves the indexes
 * the run itself never reads (the list's, the reports', the sort and
 * filter ones) to the end: they are dropped inside the transaction and
 * created again, from the definitions sqlite_master holds, once the rows
 * are in — one sort per index instead of 100 000 scattered inserts, and
 * packed pages to commit.  The code, tax code, phone and e-mail indexes
 * the duplicate look-ups use stay.  A rollback brings the indexes back
 * with everything else. */
static const char *const deferred_customer_indexes[] = {
  "customers_sort", "customers_assigned", "customers_category", "customers_folded_name", "customers_list",
};

/* @last_customer, the largest id, bounds the number of customers. */
static gboolean
suspend_customer_indexes (Pass       *pass,
                          gint64      last_customer,
                          GPtrArray **definitions,
                          GError    **error)
{
  static const char sql[] =
    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers' AND name = :name "
    "AND sql IS NOT NULL";

  *definitions = NULL;
  if (pass->import->kind != CRM_IMPORT_KIND_CUSTOMERS ||
      (gint64) pass->import->source->rows->len < MAX (last_customer, 1000))
    return TRUE;
  *definitions = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (deferred_customer_indexes); i++)
    {
      g_autofree char *drop = NULL;
      sqlite3_stmt *stmt = _crm_store_prepare (pass->store, sql, error);
      char *definition = NULL;
      int rc;

      if (stmt == NULL)
        return FALSE;
      _crm_bind_text (stmt, ":name", deferred_customer_indexes[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        definition = _crm_column_text (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _crm_store_set_error (pass->store, rc, error);
          return FALSE;
        }
      if (definition == NULL)
        continue;
      g_ptr_array_add (*definitions, definition);
      drop = g_strdup_printf ("DROP INDEX %s", deferred_customer_indexes[i]);
      if (!_crm_store_exec (pass->store, drop, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
resume_customer_indexes (Pass       *pass,
                         GPtrArray  *definitions,
                         GError    **error)
{
  for (guint i = 0; definitions != NULL && i < definitions->len; i++)
    if (!_crm_store_exec (pass->store, g_ptr_array_index (definitions, i), error))
      return FALSE;
  return TRUE;
}

/* The "create" audit rows of the customers the run created (the ids
 * above the largest before it), as crm_customer_store_create() writes
 * them, with one statement rather than one per row. */
static gboolean
audit_created_customers (Pass    *pass,
                         gint64   last_customer,
                         GError **error)
{
  static const char sql[] =
    "INSERT INTO audit_log (at, user_id, action, entity, entity_id, field, old_value, new_value) "
    "SELECT :at, :user, 'create', 'customer', id, NULL, NULL, code FROM customers WHERE id > :last ORDER BY id";
  sqlite3_stmt *stmt;

  if (pass->import->kind != CRM_IMPORT_KIND_CUSTOMERS)
    return TRUE;
  if (!(stmt = _crm_store_prepare (pass->store, sql, error)))
    return FALSE;
  _crm_bind_text (stmt, ":at", pass->now);
  _crm_bind_id (stmt, ":user", crm_session_get_user_id (pass->session));
  _crm_bind_int64 (stmt, ":last", last_customer);
  return _crm_store_step_done (pass->store, stmt, error);
}

gboolean
crm_import_run (CrmImport              *self,
                CrmStore               *store,
                CrmSession             *session,
                CrmImportProgressFunc   progress,
                gpointer                user_data,
                GCancellable           *cancellable,
                CrmImportReport       **report,
                GError                **error)
{
  Pass pass;
  gint64 last_doc = 0;
  gint64 last_customer = 0;
  gint64 first_number;
  g_autoptr(GPtrArray) index_definitions = NULL;
  gboolean ok = FALSE;
  guint n_invalid;

  g_return_val_if_fail (CRM_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (report != NULL)
    *report = NULL;
  pass_init (&pass, self, store, session, TRUE);
  /* A big import touches more pages than the connection caches: without
   * room they would spill to the WAL in the middle of the transaction. */
  if (!crm_import_check_mapping (self, error) ||
      !_crm_store_exec (store, "PRAGMA cache_size = -" G_STRINGIFY (IMPORT_CACHE_KIB), error) ||
      !_crm_store_begin (store, error))
    goto out;
  /* Checked inside the transaction: valid for every row of it. */
  if (!check_allowed (self, store, session, &pass.sees_cost, error) ||
      !suspend_search_trigger (store, &last_doc, error) ||
      !_crm_query_int (_crm_store_get_db (store), "SELECT coalesce (max (id), 0) FROM customers",
                       &last_customer, crm_store_get_path (store), error) ||
      !suspend_customer_indexes (&pass, last_customer, &index_definitions, error) ||
      !begin_customer_codes (&pass, error))
    goto rollback;
  first_number = pass.code_number;
  if (!run_pass (&pass, progress, user_data, cancellable, error))
    goto rollback;
  n_invalid = pass.report->counts[CRM_IMPORT_ACTION_INVALID];
  if (n_invalid > 0 && !self->skip_invalid)
    {
      g_set_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT,
                   g_dngettext (GETTEXT_PACKAGE, "%u row is invalid: nothing was imported.",
                                "%u rows are invalid: nothing was imported.", n_invalid),
                   n_invalid);
      goto rollback;
    }
  if (!end_customer_codes (&pass, first_number, error) ||
      !audit_created_customers (&pass, last_customer, error) ||
      !resume_customer_indexes (&pass, index_definitions, error) ||
      !resume_search_trigger (store, last_doc, error) ||
      !_crm_store_commit (store, error))
    goto rollback;
  pass.report->committed = TRUE;
  ok = TRUE;
  goto out;

rollback:
  _crm_store_rollback (store);
  /* The records were not written after all. */
  for (guint i = 0; i < pass.report->rows->len; i++)
    g_array_index (pass.report->rows, ReportRow, i).record_id = 0;
out:
  _crm_store_exec (store, "PRAGMA cache_size = -" G_STRINGIFY (CONNECTION_CACHE_KIB), NULL);
  if (report != NULL && pass.report->rows->len == self->source->rows->len)
    *report = g_steal_pointer (&pass.report);
  pass_clear (&pass);
  return ok;
}

/* Async ------------------------------------------------------------------------ */

typedef struct
{
  CrmStore              *store;     /* preview: a reader; run: the caller's, to find the file */
  CrmSession            *session;
  ProgressClosure       *progress;
  CrmImportReport       *report;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->session);
  g_clear_pointer (&job->progress, progress_closure_free);
  g_clear_pointer (&job->report, crm_import_report_free);
  g_free (job);
}

static ImportJob *
import_job_new (CrmStore              *store,
                CrmSession            *session,
                CrmImportProgressFunc  progress,
                gpointer               progress_data,
                GDestroyNotify         progress_notify)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->store = g_object_ref (store);
  job->session = g_object_ref (session);
  job->progress = progress_closure_new (progress, progress_data, progress_notify);
  return job;
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;
  CrmImportReport *report;

  crm_store_set_cancellable (job->store, cancellable);
  report = crm_import_preview (source_object, job->store, job->session, job->progress->progress,
                               job->progress->progress_data, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) crm_import_report_free);
}

void
crm_import_preview_async (CrmImport             *self,
                          CrmStore              *store,
                          CrmSession            *session,
                          CrmImportProgressFunc  progress,
                          gpointer               progress_data,
                          GDestroyNotify         progress_notify,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CrmStore) reader = NULL;
  GError *error = NULL;

  g_return_if_fail (CRM_IS_IMPORT (self));
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (CRM_IS_SESSION (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_import_preview_async);
  if (!(reader = crm_store_open_reader (store, &error)))
    {
      if (progress_notify != NULL)
        progress_notify (progress_data);
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, import_job_new (reader, session, progress, progress_data, progress_notify),
                        import_job_free);
  g_task_run_in_thread (task, preview_thread);
}

CrmImportReport *
crm_import_preview_finish (CrmImport     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_import_preview_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* On a writable connection of the worker's own: SQLite connections are
 * not shared between threads here, and BEGIN IMMEDIATE with the busy
 * timeout orders the import with the window's own writes. */
static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;
  g_autoptr(CrmStore) writer = crm_store_open (crm_store_get_path (job->store), CRM_STORE_OPEN_EXISTING, &error);

  if (writer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!crm_import_run (source_object, writer, job->session, job->progress->progress,
                       job->progress->progress_data, cancellable, &job->report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
crm_import_run_async (CrmImport             *self,
                      CrmStore              *store,
                      CrmSession            *session,
                      CrmImportProgressFunc  progress,
                      gpointer               progress_data,
                      GDestroyNotify         progress_notify,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CRM_IS_IMPORT (self));
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (CRM_IS_SESSION (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_import_run_async);
  g_task_set_task_data (task, import_job_new (store, session, progress, progress_data, progress_notify),
                        import_job_free);
  g_task_run_in_thread (task, run_thread);
}

/* *report is set as by crm_import_run(): also when the run failed because
 * rows are invalid. */
gboolean
crm_import_run_finish (CrmImport         *self,
                       GAsyncResult      *result,
                       CrmImportReport  **report,
                       GError           **error)
{
  ImportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_import_run_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = g_steal_pointer (&job->report);
  return g_task_propagate_boolean (G_TASK (result), error);
}
