/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import-dialog"

#include "config.h"

#include "crm-import-dialog.h"

#include <glib/gi18n-lib.h>


/* The import assistant.  Each step hands the engine (crm-import.h) what
 * the user chose; everything that reads the whole file runs in a worker
 * thread: reading it (a GTask here), the preview and the import (the
 * engine's _async calls).  Progress is reported from those threads into
 * an atomic counter that a main-loop timeout shows; a piece of work is
 * identified by its GCancellable, so a late answer of work that was
 * cancelled or replaced is dropped. */

typedef enum
{
  STEP_FILE,
  STEP_MAPPING,
  STEP_PREVIEW,
  STEP_IMPORT,
} Step;

typedef enum
{
  WORK_NONE,
  WORK_READING,
  WORK_PREVIEW,
  WORK_RUNNING,
} Work;

static const char *const step_names[] = { "file", "mapping", "preview", "import" };

/* Rows of the preview, made on demand ------------------------------------------ */

#define CRM_TYPE_IMPORT_ROW_ITEM (crm_import_row_item_get_type ())
G_DECLARE_FINAL_TYPE (CrmImportRowItem, crm_import_row_item, CRM, IMPORT_ROW_ITEM, GObject)

struct _CrmImportRowItem
{
  GObject parent_instance;
  guint   row;
};

G_DEFINE_FINAL_TYPE (CrmImportRowItem, crm_import_row_item, G_TYPE_OBJECT)

static void
crm_import_row_item_class_init (CrmImportRowItemClass *klass)
{
}

static void
crm_import_row_item_init (CrmImportRowItem *self)
{
}

/* A list of @n_items row numbers; the items are made when asked for, so a
 * file of 100 000 rows costs nothing until it is scrolled. */
#define CRM_TYPE_IMPORT_ROW_MODEL (crm_import_row_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmImportRowModel, crm_import_row_model, CRM, IMPORT_ROW_MODEL, GObject)

struct _CrmImportRowModel
{
  GObject parent_instance;
  guint   n_items;
};

static GType
crm_import_row_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_IMPORT_ROW_ITEM;
}

static guint
crm_import_row_model_get_n_items (GListModel *model)
{
  return CRM_IMPORT_ROW_MODEL (model)->n_items;
}

static gpointer
crm_import_row_model_get_item (GListModel *model,
                               guint       position)
{
  CrmImportRowItem *item;

  if (position >= CRM_IMPORT_ROW_MODEL (model)->n_items)
    return NULL;
  item = g_object_new (CRM_TYPE_IMPORT_ROW_ITEM, NULL);
  item->row = position;
  return item;
}

static void
crm_import_row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_import_row_model_get_item_type;
  iface->get_n_items = crm_import_row_model_get_n_items;
  iface->get_item = crm_import_row_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmImportRowModel, crm_import_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, crm_import_row_model_list_model_init))

static void
crm_import_row_model_class_init (CrmImportRowModelClass *klass)
{
}

static void
crm_import_row_model_init (CrmImportRowModel *self)
{
}

/* The dialog --------------------------------------------------------------------- */

struct _CrmImportDialog
{
  GtkWindow        parent_instance;

  CrmStore        *store;
  CrmSession      *session;
  CrmImportKind    kinds[3];      /* the choices of the kind drop-down */
  guint            n_kinds;
  CrmImportKind    kind;
  Step             step;
  Work             work;
  GCancellable    *cancellable;   /* of the work running, if any */
  guint            progress_source;
  int              progress;      /* per mille, written by worker threads */
  gboolean         closed;
  gboolean         syncing;       /* setting drop-downs from the mapping */

  GFile           *file;
  CrmImportSource *source;
  CrmImport       *import;
  CrmImportReport *preview;
  CrmImportReport *result;
  GPtrArray       *mapping_dropdowns;

  /* template */
  GtkButton       *close_button;
  GtkWidget       *back_button;
  GtkButton       *next_button;
  GtkLabel        *step_label;
  GtkStack        *stack;
  GtkWidget       *kind_caption;
  GtkDropDown     *kind_dropdown;
  GtkLabel        *file_label;
  GtkLabel        *formats_label;
  GtkWidget       *read_progress_box;
  GtkProgressBar  *read_progress;
  GtkLabel        *file_info_label;
  GtkGrid         *mapping_grid;
  GtkLabel        *mapping_message;
  GtkToggleButton *skip_duplicates_button;
  GtkToggleButton *update_duplicates_button;
  GtkToggleButton *create_duplicates_button;
  GtkSwitch       *skip_invalid_switch;
  GtkProgressBar  *preview_progress;
  GtkLabel        *summary_label;
  GtkColumnView   *preview_view;
  GtkLabel        *preview_message;
  GtkWidget       *run_progress_box;
  GtkProgressBar  *run_progress;
  GtkLabel        *result_label;
  GtkLabel        *result_detail_label;
  GtkWidget       *save_rejected_button;
};

G_DEFINE_FINAL_TYPE (CrmImportDialog, crm_import_dialog, GTK_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a finished piece of work answers to: dropped unless its
 * cancellable is still the dialog's. */
typedef struct
{
  CrmImportDialog *self;
  GCancellable    *cancellable;
} WorkData;

static WorkData *
work_data_new (CrmImportDialog *self)
{
  WorkData *data = g_new0 (WorkData, 1);

  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->cancellable);
  return data;
}

static void
work_data_free (WorkData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->cancellable);
  g_free (data);
}

static gboolean
work_data_is_current (WorkData *data)
{
  return !data->self->closed && data->cancellable == data->self->cancellable;
}

/* Helpers ------------------------------------------------------------------------ */

static const char *
kind_label (CrmImportKind kind)
{
  switch (kind)
    {
    case CRM_IMPORT_KIND_CUSTOMERS:
      return _("Customers");
    case CRM_IMPORT_KIND_CONTACTS:
      return _("Contacts of customers");
    case CRM_IMPORT_KIND_PRODUCTS:
      return _("Products");
    default:
      g_assert_not_reached ();
    }
}

static const char *
kind_title (CrmImportKind kind)
{
  switch (kind)
    {
    case CRM_IMPORT_KIND_CUSTOMERS:
      return _("Import Customers");
    case CRM_IMPORT_KIND_CONTACTS:
      return _("Import Contacts");
    case CRM_IMPORT_KIND_PRODUCTS:
      return _("Import Products");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_vcard_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folded = g_ascii_strdown (name != NULL ? name : "", -1);

  return g_str_has_suffix (folded, ".vcf") || g_str_has_suffix (folded, ".vcard");
}

/* Runs in worker threads. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  CrmImportDialog *self = user_data;

  g_atomic_int_set (&self->progress, total > 0 ? (int) MIN ((guint64) done * 1000 / total, 1000) : 0);
}

static gboolean
on_progress_timeout_cb (gpointer user_data)
{
  CrmImportDialog *self = user_data;
  double fraction = g_atomic_int_get (&self->progress) / 1000.0;
  GtkProgressBar *bar = self->work == WORK_READING ? self->read_progress
                        : self->work == WORK_PREVIEW ? self->preview_progress : self->run_progress;

  gtk_progress_bar_set_fraction (bar, fraction);
  return G_SOURCE_CONTINUE;
}

static void update_buttons (CrmImportDialog *self);

/* Starts a piece of work: a fresh cancellable, the progress shown. */
static void
begin_work (CrmImportDialog *self,
            Work             work)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->work = work;
  g_atomic_int_set (&self->progress, 0);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (100, on_progress_timeout_cb, self);
  on_progress_timeout_cb (self);
  gtk_widget_set_visible (self->read_progress_box, work == WORK_READING);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_progress), work == WORK_PREVIEW);
  gtk_widget_set_visible (self->run_progress_box, work == WORK_RUNNING);
  update_buttons (self);
}

static void
end_work (CrmImportDialog *self)
{
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->work = WORK_NONE;
  gtk_widget_set_visible (self->read_progress_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_progress), FALSE);
  gtk_widget_set_visible (self->run_progress_box, FALSE);
  update_buttons (self);
}

static gboolean
preview_allows_import (CrmImportDialog *self)
{
  guint invalid, writes;

  if (self->preview == NULL)
    return FALSE;
  invalid = crm_import_report_count (self->preview, CRM_IMPORT_ACTION_INVALID);
  writes = crm_import_report_count (self->preview, CRM_IMPORT_ACTION_CREATE)
           + crm_import_report_count (self->preview, CRM_IMPORT_ACTION_UPDATE);
  return writes > 0 && (invalid == 0 || gtk_switch_get_active (self->skip_invalid_switch));
}

static void
update_buttons (CrmImportDialog *self)
{
  gboolean next = FALSE, back = FALSE;

  switch (self->step)
    {
    case STEP_FILE:
      next = self->work == WORK_NONE && self->source != NULL && crm_import_source_get_n_rows (self->source) > 0;
      break;
    case STEP_MAPPING:
      next = self->import != NULL && crm_import_check_mapping (self->import, NULL);
      back = TRUE;
      break;
    case STEP_PREVIEW:
      next = self->work == WORK_NONE && preview_allows_import (self);
      back = TRUE;
      break;
    case STEP_IMPORT:
      back = self->work == WORK_NONE && (self->result == NULL || !crm_import_report_get_committed (self->result));
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", back);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file", self->work == WORK_NONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel-work", self->work != WORK_NONE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), self->work == WORK_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), self->step != STEP_IMPORT);
  gtk_widget_set_visible (self->back_button, self->step != STEP_IMPORT || back);
  gtk_button_set_label (self->next_button, self->step == STEP_PREVIEW ? _("_Import") : _("_Next"));
  gtk_button_set_label (self->close_button, self->step == STEP_IMPORT && self->work == WORK_NONE
                                            ? _("_Close") : _("_Cancel"));
}

static void
show_step (CrmImportDialog *self,
           Step             step)
{
  static const char *const titles[] = {
    N_("Step 1 of 4: choose the file"),
    N_("Step 2 of 4: match the columns"),
    N_("Step 3 of 4: check the rows"),
    N_("Step 4 of 4: import"),
  };

  self->step = step;
  gtk_label_set_label (self->step_label, _(titles[step]));
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  update_buttons (self);
}

/* Drops the preview (the mapping or the policy changed). */
static void
clear_preview (CrmImportDialog *self)
{
  gtk_column_view_set_model (self->preview_view, NULL);
  g_clear_pointer (&self->preview, crm_import_report_free);
  gtk_label_set_label (self->summary_label, "");
  gtk_label_set_label (self->preview_message, "");
}

static void
clear_import (CrmImportDialog *self)
{
  clear_preview (self);
  g_clear_pointer (&self->result, crm_import_report_free);
  g_clear_object (&self->import);
}

static void
set_error_style (GtkWidget *widget,
                 gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* Step 1: the file --------------------------------------------------------------- */

static void
update_formats_label (CrmImportDialog *self)
{
  g_autoptr(GString) text = g_string_new (_("A CSV file saved from a spreadsheet (.csv or .txt): UTF-8 or "
                                            "Windows-1258, columns separated by commas or semicolons, the "
                                            "first line naming the columns."));

  if (self->kind == CRM_IMPORT_KIND_CONTACTS)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("Contacts can also come from an address book (.vcf)."));
    }
  gtk_label_set_label (self->formats_label, text->str);
  gtk_window_set_title (GTK_WINDOW (self), kind_title (self->kind));
}

typedef struct
{
  CrmImportSource *source;
  gboolean         vcard;
} ReadResult;

static void
read_result_free (gpointer data)
{
  ReadResult *result = data;

  g_clear_pointer (&result->source, crm_import_source_unref);
  g_free (result);
}

/* Reads the file in a worker thread. */
static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CrmImportDialog *self = source_object;
  GFile *file = task_data;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  ReadResult *result = g_new0 (ReadResult, 1);

  if (!(data = g_file_load_bytes (file, cancellable, NULL, &error)))
    goto failed;
  if (is_vcard_file (file))
    {
      result->vcard = TRUE;
      result->source = crm_import_source_new_from_vcard (data, &error);
    }
  else
    result->source = crm_import_source_new_from_csv (data, progress_cb, self, cancellable, &error);
  if (result->source == NULL)
    goto failed;
  g_task_return_pointer (task, result, read_result_free);
  return;

failed:
  read_result_free (result);
  g_task_return_error (task, g_steal_pointer (&error));
}

static char *
describe_source (ReadResult *result)
{
  guint n_rows = crm_import_source_get_n_rows (result->source);
  guint n_columns = crm_import_source_get_n_columns (result->source);
  g_autofree char *rows = NULL;
  g_autofree char *format = NULL;
  g_autofree char *columns = NULL;
  const char *delimiter;

  if (result->vcard)
    {
      rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card.", "%u cards.", n_rows), n_rows);
      return g_strdup_printf ("%s %s", _("A vCard address book."), rows);
    }
  switch (crm_import_source_get_delimiter (result->source))
    {
    case ',':
      delimiter = _("comma (,)");
      break;
    case ';':
      delimiter = _("semicolon (;)");
      break;
    case '\t':
      delimiter = _("tab");
      break;
    default:
      delimiter = "?";
    }
  format = g_strdup_printf (_("Encoding: %s. Separator: %s."),
                            crm_import_source_get_encoding (result->source),
                            delimiter);
  /* TRANSLATORS: "%u rows" of a file, followed by its columns. */
  rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row under the header", "%u rows under the header",
                                       n_rows), n_rows);
  columns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns", n_columns), n_columns);
  return g_strdup_printf ("%s %s, %s.", format, rows, columns);
}

static void
on_file_read_cb (GObject      *object,
                 GAsyncResult *async_result,
                 gpointer      user_data)
{
  WorkData *data = user_data;
  CrmImportDialog *self = data->self;
  g_autoptr(GError) error = NULL;
  ReadResult *result = g_task_propagate_pointer (G_TASK (async_result), &error);

  if (!work_data_is_current (data))
    {
      if (result != NULL)
        read_result_free (result);
      work_data_free (data);
      return;
    }
  work_data_free (data);

  clear_import (self);
  g_clear_pointer (&self->source, crm_import_source_unref);
  if (result == NULL)
    {
      g_clear_object (&self->file);
      gtk_label_set_label (self->file_label, _("No file chosen"));
      gtk_label_set_label (self->file_info_label,
                           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                           ? _("Reading cancelled.") : error->message);
      set_error_style (GTK_WIDGET (self->file_info_label),
                       !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    }
  else
    {
      g_autofree char *info = describe_source (result);

      self->source = g_steal_pointer (&result->source);
      if (crm_import_source_get_n_rows (self->source) == 0)
        {
          g_autofree char *empty = g_strdup_printf ("%s %s", info, _("There are no rows to import under the header."));

          gtk_label_set_label (self->file_info_label, empty);
          set_error_style (GTK_WIDGET (self->file_info_label), TRUE);
        }
      else
        {
          gtk_label_set_label (self->file_info_label, info);
          set_error_style (GTK_WIDGET (self->file_info_label), FALSE);
        }
      read_result_free (result);
    }
  end_work (self);
  if (self->source != NULL && crm_import_source_get_n_rows (self->source) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
start_reading (CrmImportDialog *self,
               GFile           *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_file_get_basename (file);

  g_set_object (&self->file, file);
  gtk_label_set_label (self->file_label, name);
  gtk_label_set_label (self->file_info_label, "");
  begin_work (self, WORK_READING);
  task = g_task_new (self, self->cancellable, on_file_read_cb, work_data_new (self));
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_file_thread);
}

static void
on_file_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   gpointer         user_data)
{
  CrmImportDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !self->closed)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        start_reading (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
choose_file_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);
  static const char *const csv[] = { "*.csv", "*.CSV", "*.txt", "*.TXT", NULL };
  static const char *const vcard[] = { "*.vcf", "*.VCF", "*.vcard", NULL };
  static const char *const both[] = { "*.csv", "*.CSV", "*.txt", "*.TXT", "*.vcf", "*.VCF", "*.vcard", NULL };
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a File to Import"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (self->kind == CRM_IMPORT_KIND_CONTACTS)
    add_filter (GTK_FILE_CHOOSER (chooser), _("CSV files and address books"), both);
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV files (.csv, .txt)"), csv);
  if (self->kind == CRM_IMPORT_KIND_CONTACTS)
    add_filter (GTK_FILE_CHOOSER (chooser), _("Address books (.vcf)"), vcard);
  /* The folder of the last file, else the documents: "Recent" rarely
   * lists a spreadsheet just saved as CSV. */
  if (self->file != NULL)
    folder = g_file_get_parent (self->file);
  else if (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS) != NULL
           && g_file_test (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS), G_FILE_TEST_IS_DIR))
    folder = g_file_new_for_path (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));
  else
    folder = g_file_new_for_path (g_get_home_dir ());
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_kind_dropdown_selected_cb (CrmImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (selected >= self->n_kinds || self->kinds[selected] == self->kind)
    return;
  self->kind = self->kinds[selected];
  clear_import (self);
  update_formats_label (self);
  update_buttons (self);
}

/* Step 2: the mapping ------------------------------------------------------------ */

static CrmImportField
field_of_choice (CrmImportDialog *self,
                 guint            choice)
{
  guint n_fields = 0;
  const CrmImportFieldInfo *fields = crm_import_fields (self->kind, &n_fields);

  return choice == 0 || choice > n_fields ? CRM_IMPORT_FIELD_IGNORE : fields[choice - 1].field;
}

static guint
choice_of_field (CrmImportDialog *self,
                 CrmImportField   field)
{
  guint n_fields = 0;
  const CrmImportFieldInfo *fields = crm_import_fields (self->kind, &n_fields);

  for (guint i = 0; i < n_fields; i++)
    if (fields[i].field == field)
      return i + 1;
  return 0;
}

static void
check_mapping (CrmImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (crm_import_check_mapping (self->import, &error))
    gtk_label_set_label (self->mapping_message, "");
  else
    gtk_label_set_label (self->mapping_message, error->message);
  update_buttons (self);
}

/* A field maps to one column: the drop-downs follow the engine's mapping. */
static void
sync_mapping (CrmImportDialog *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->mapping_dropdowns->len; i++)
    gtk_drop_down_set_selected (g_ptr_array_index (self->mapping_dropdowns, i),
                                choice_of_field (self, crm_import_get_column_field (self->import, i)));
  self->syncing = FALSE;
  check_mapping (self);
}

static void
on_mapping_dropdown_selected_cb (GtkDropDown     *dropdown,
                                 GParamSpec      *pspec,
                                 CrmImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));

  if (self->syncing || self->import == NULL)
    return;
  crm_import_set_column_field (self->import, column,
                               field_of_choice (self, gtk_drop_down_get_selected (dropdown)));
  clear_preview (self);
  sync_mapping (self);
}

static GtkWidget *
heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static char *
column_samples (CrmImportSource *source,
                guint            column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_rows = crm_import_source_get_n_rows (source);
  guint shown = 0;

  for (guint row = 0; row < n_rows && shown < 3; row++)
    {
      guint n_fields = 0;
      const char * const *fields = crm_import_source_get_row (source, row, &n_fields);

      if (column >= n_fields || fields[column] == NULL || fields[column][0] == '\0')
        continue;
      if (shown++ > 0)
        g_string_append (text, " · ");
      g_string_append (text, fields[column]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
build_mapping (CrmImportDialog *self)
{
  GtkWidget *child;
  guint n_columns = crm_import_source_get_n_columns (self->source);
  const char * const *header = crm_import_source_get_header (self->source);
  guint n_fields = 0;
  const CrmImportFieldInfo *fields = crm_import_fields (self->kind, &n_fields);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mapping_grid))))
    gtk_grid_remove (self->mapping_grid, child);
  g_ptr_array_set_size (self->mapping_dropdowns, 0);

  gtk_string_list_append (choices, _("— do not import —"));
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *label = fields[i].required ? g_strdup_printf (_("%s (required)"), fields[i].label)
                                                  : g_strdup (fields[i].label);
      gtk_string_list_append (choices, label);
    }

  gtk_grid_attach (self->mapping_grid, heading_label (_("Column of the file")), 0, 0, 1, 1);
  gtk_grid_attach (self->mapping_grid, heading_label (_("First values")), 1, 0, 1, 1);
  gtk_grid_attach (self->mapping_grid, heading_label (_("Import as")), 2, 0, 1, 1);
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *fallback = g_strdup_printf (_("Column %u"), i + 1);
      const char *name = header[i] != NULL && header[i][0] != '\0' ? header[i] : fallback;
      g_autofree char *samples = column_samples (self->source, i);
      g_autofree char *accessible = g_strdup_printf (_("Import column “%s” as"), name);
      GtkWidget *name_label = gtk_label_new (name);
      GtkWidget *samples_label = gtk_label_new (samples);
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);

      gtk_label_set_xalign (GTK_LABEL (name_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (name_label), 28);
      gtk_label_set_xalign (GTK_LABEL (samples_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (samples_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (samples_label), 40);
      gtk_widget_set_hexpand (samples_label, TRUE);
      gtk_widget_add_css_class (samples_label, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (i));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  choice_of_field (self, crm_import_get_column_field (self->import, i)));
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_mapping_dropdown_selected_cb),
                               self, 0);
      gtk_grid_attach (self->mapping_grid, name_label, 0, i + 1, 1, 1);
      gtk_grid_attach (self->mapping_grid, samples_label, 1, i + 1, 1, 1);
      gtk_grid_attach (self->mapping_grid, dropdown, 2, i + 1, 1, 1);
      g_ptr_array_add (self->mapping_dropdowns, dropdown);
    }
  check_mapping (self);
}

/* Step 3: the preview ------------------------------------------------------------ */

enum {
  PREVIEW_COLUMN_LINE,
  PREVIEW_COLUMN_ACTION,
  PREVIEW_COLUMN_ROW,
  PREVIEW_COLUMN_REASON,
};

static void
on_preview_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_preview_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CrmImportDialog          *self)
{
  CrmImportRowItem *row_item = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  guint row = row_item->row;
  CrmImportAction action;

  if (self->preview == NULL || row >= crm_import_report_get_n_rows (self->preview))
    return;
  action = crm_import_report_get_action (self->preview, row);
  switch (column)
    {
    case PREVIEW_COLUMN_LINE:
      {
        g_autofree char *text = g_strdup_printf ("%u", crm_import_report_get_line (self->preview, row));
        gtk_label_set_label (label, text);
      }
      break;
    case PREVIEW_COLUMN_ACTION:
      gtk_label_set_label (label, crm_import_action_label (action));
      break;
    case PREVIEW_COLUMN_ROW:
      {
        guint n_fields = 0;
        const char * const *fields = crm_import_source_get_row (self->source, row, &n_fields);
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; i < n_fields; i++)
          {
            if (fields[i] == NULL || fields[i][0] == '\0')
              continue;
            if (text->len > 0)
              g_string_append (text, " · ");
            g_string_append (text, fields[i]);
          }
        gtk_label_set_label (label, text->str);
      }
      break;
    case PREVIEW_COLUMN_REASON:
      {
        const char *reason = crm_import_report_get_reason (self->preview, row);
        gtk_label_set_label (label, reason != NULL ? reason : "");
        gtk_widget_set_tooltip_text (GTK_WIDGET (label), reason);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  set_error_style (GTK_WIDGET (label), action == CRM_IMPORT_ACTION_INVALID);
  if (action == CRM_IMPORT_ACTION_SKIP)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
add_preview_column (CrmImportDialog *self,
                    int              column,
                    const char      *title,
                    gboolean         expand,
                    int              width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (on_preview_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_preview_bind_cb), self, 0);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_append_column (self->preview_view, view_column);
}

/* Adds @part (taken) to a "…, …" list, unless @n is 0. */
static void
append_count (GString *text,
              guint    n,
              char    *part)
{
  if (n > 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, part);
    }
  g_free (part);
}

static void
update_preview_message (CrmImportDialog *self)
{
  guint invalid;

  if (self->preview == NULL)
    return;
  invalid = crm_import_report_count (self->preview, CRM_IMPORT_ACTION_INVALID);
  if (invalid > 0 && !gtk_switch_get_active (self->skip_invalid_switch))
    gtk_label_set_label (self->preview_message,
                         _("Some rows are invalid, so nothing would be imported. Fix the file and choose it "
                           "again, or turn on “Skip invalid rows” to import the other rows."));
  else if (crm_import_report_count (self->preview, CRM_IMPORT_ACTION_CREATE)
           + crm_import_report_count (self->preview, CRM_IMPORT_ACTION_UPDATE) == 0)
    gtk_label_set_label (self->preview_message, _("There is nothing to import."));
  else if (invalid > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u invalid row will be left out; after the import "
                                                            "you can save it to a file, fix it and import it again.",
                                                            "%u invalid rows will be left out; after the import "
                                                            "you can save them to a file, fix them and import them "
                                                            "again.", invalid), invalid);
      gtk_label_set_label (self->preview_message, text);
    }
  else
    gtk_label_set_label (self->preview_message, "");
  set_error_style (GTK_WIDGET (self->preview_message), invalid > 0 && !gtk_switch_get_active (self->skip_invalid_switch));
  update_buttons (self);
}

static void
show_preview (CrmImportDialog *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  CrmImportRowModel *model = g_object_new (CRM_TYPE_IMPORT_ROW_MODEL, NULL);
  guint n_create = crm_import_report_count (self->preview, CRM_IMPORT_ACTION_CREATE);
  guint n_update = crm_import_report_count (self->preview, CRM_IMPORT_ACTION_UPDATE);
  guint n_skip = crm_import_report_count (self->preview, CRM_IMPORT_ACTION_SKIP);
  guint n_invalid = crm_import_report_count (self->preview, CRM_IMPORT_ACTION_INVALID);

  append_count (summary, n_create,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to create", "%u to create", n_create), n_create));
  append_count (summary, n_update,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to update", "%u to update", n_update), n_update));
  append_count (summary, n_skip,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duplicate to skip", "%u duplicates to skip",
                                              n_skip), n_skip));
  append_count (summary, n_invalid,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invalid", "%u invalid", n_invalid), n_invalid));
  gtk_label_set_label (self->summary_label, summary->str);

  model->n_items = crm_import_report_get_n_rows (self->preview);
  gtk_column_view_set_model (self->preview_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (model))));
  update_preview_message (self);
}

static void
on_preview_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WorkData *data = user_data;
  CrmImportDialog *self = data->self;
  g_autoptr(GError) error = NULL;
  CrmImportReport *report = crm_import_preview_finish (CRM_IMPORT (object), result, &error);

  if (!work_data_is_current (data) || CRM_IMPORT (object) != self->import)
    {
      g_clear_pointer (&report, crm_import_report_free);
      work_data_free (data);
      return;
    }
  work_data_free (data);
  end_work (self);
  if (report == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      gtk_label_set_label (self->preview_message, error->message);
      set_error_style (GTK_WIDGET (self->preview_message), TRUE);
      return;
    }
  self->preview = report;
  show_preview (self);
}

static void
start_preview (CrmImportDialog *self)
{
  clear_preview (self);
  gtk_label_set_label (self->summary_label, _("Checking the rows…"));
  begin_work (self, WORK_PREVIEW);
  crm_import_preview_async (self->import, self->store, self->session, progress_cb, g_object_ref (self),
                            g_object_unref, self->cancellable, on_preview_done_cb, work_data_new (self));
}

static void
on_duplicates_toggled_cb (CrmImportDialog *self,
                          GtkToggleButton *button)
{
  CrmImportDuplicates policy;

  if (!gtk_toggle_button_get_active (button) || self->import == NULL)
    return;
  policy = button == self->update_duplicates_button ? CRM_IMPORT_DUPLICATES_UPDATE
           : button == self->create_duplicates_button ? CRM_IMPORT_DUPLICATES_CREATE
           : CRM_IMPORT_DUPLICATES_SKIP;
  if (policy == crm_import_get_duplicates (self->import))
    return;
  crm_import_set_duplicates (self->import, policy);
  if (self->step == STEP_PREVIEW)
    start_preview (self);
}

static void
on_skip_invalid_changed_cb (CrmImportDialog *self)
{
  if (self->import == NULL)
    return;
  crm_import_set_skip_invalid (self->import, gtk_switch_get_active (self->skip_invalid_switch));
  update_preview_message (self);
}

/* Step 4: the import ------------------------------------------------------------- */

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  WorkData *data = user_data;
  CrmImportDialog *self = g_object_ref (data->self);
  g_autoptr(GError) error = NULL;
  CrmImportReport *report = NULL;
  gboolean ok = crm_import_run_finish (CRM_IMPORT (object), result, &report, &error);
  gboolean current = work_data_is_current (data);

  work_data_free (data);
  if (ok)
    g_signal_emit (self, signals[IMPORTED], 0);
  if (!current)
    {
      g_clear_pointer (&report, crm_import_report_free);
      g_object_unref (self);
      return;
    }
  end_work (self);
  g_clear_pointer (&self->result, crm_import_report_free);
  self->result = report;
  if (ok)
    {
      g_autoptr(GString) detail = g_string_new (NULL);
      guint invalid = crm_import_report_count (report, CRM_IMPORT_ACTION_INVALID);
      guint n_create = crm_import_report_count (report, CRM_IMPORT_ACTION_CREATE);
      guint n_update = crm_import_report_count (report, CRM_IMPORT_ACTION_UPDATE);
      guint n_skip = crm_import_report_count (report, CRM_IMPORT_ACTION_SKIP);

      gtk_label_set_label (self->result_label, _("Import finished."));
      append_count (detail, n_create,
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u created", "%u created", n_create), n_create));
      append_count (detail, n_update,
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", n_update), n_update));
      append_count (detail, n_skip,
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u skipped as duplicate",
                                                  "%u skipped as duplicates", n_skip), n_skip));
      append_count (detail, invalid,
                    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rejected as invalid",
                                                  "%u rejected as invalid", invalid), invalid));
      g_string_append_c (detail, '.');
      if (invalid > 0)
        {
          g_string_append_c (detail, ' ');
          g_string_append (detail, _("Save the rejected rows to fix them and import them again."));
        }
      gtk_label_set_label (self->result_detail_label, detail->str);
      gtk_widget_set_visible (self->save_rejected_button, invalid > 0);
      gtk_widget_grab_focus (invalid > 0 ? self->save_rejected_button : GTK_WIDGET (self->close_button));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_label_set_label (self->result_label, _("Import cancelled. Nothing was imported."));
      gtk_label_set_label (self->result_detail_label, "");
      gtk_widget_set_visible (self->save_rejected_button, FALSE);
    }
  else
    {
      gtk_label_set_label (self->result_label, _("Nothing was imported."));
      gtk_label_set_label (self->result_detail_label, error->message);
      gtk_widget_set_visible (self->save_rejected_button,
                              report != NULL && crm_import_report_count (report, CRM_IMPORT_ACTION_INVALID) > 0);
    }
  update_buttons (self);
  g_object_unref (self);
}

static void
start_run (CrmImportDialog *self)
{
  g_clear_pointer (&self->result, crm_import_report_free);
  gtk_label_set_label (self->result_label, _("Importing…"));
  gtk_label_set_label (self->result_detail_label, "");
  gtk_widget_set_visible (self->save_rejected_button, FALSE);
  show_step (self, STEP_IMPORT);
  begin_work (self, WORK_RUNNING);
  crm_import_run_async (self->import, self->store, self->session, progress_cb, g_object_ref (self),
                        g_object_unref, self->cancellable, on_run_done_cb, work_data_new (self));
}

static void
on_rejected_file_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  CrmImportDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !self->closed && self->result != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && crm_import_report_write_rejected (self->result, file, NULL, &error))
        {
          g_autofree char *name = g_file_get_parse_name (file);
          g_autofree char *text = g_strdup_printf (_("The rejected rows were saved to %s."), name);

          gtk_label_set_label (self->result_detail_label, text);
        }
      else if (error != NULL)
        gtk_label_set_label (self->result_detail_label, error->message);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_rejected_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->result == NULL)
    return;
  /* TRANSLATORS: the file name offered for rows an import rejected. */
  name = g_strdup_printf ("%s.csv", _("rejected-rows"));
  chooser = gtk_file_chooser_native_new (_("Save Rejected Rows"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_rejected_file_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Navigation --------------------------------------------------------------------- */

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);

  switch (self->step)
    {
    case STEP_FILE:
      if (self->import == NULL)
        {
          self->import = crm_import_new (self->kind, self->source);
          build_mapping (self);
        }
      show_step (self, STEP_MAPPING);
      break;
    case STEP_MAPPING:
      crm_import_set_skip_invalid (self->import, gtk_switch_get_active (self->skip_invalid_switch));
      crm_import_set_duplicates (self->import,
                                 gtk_toggle_button_get_active (self->update_duplicates_button)
                                 ? CRM_IMPORT_DUPLICATES_UPDATE
                                 : gtk_toggle_button_get_active (self->create_duplicates_button)
                                 ? CRM_IMPORT_DUPLICATES_CREATE : CRM_IMPORT_DUPLICATES_SKIP);
      show_step (self, STEP_PREVIEW);
      if (self->preview == NULL)
        start_preview (self);
      break;
    case STEP_PREVIEW:
      start_run (self);
      break;
    case STEP_IMPORT:
    default:
      break;
    }
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);

  if (self->step == STEP_FILE)
    return;
  if (self->work == WORK_PREVIEW)
    {
      g_cancellable_cancel (self->cancellable);
      end_work (self);
      gtk_label_set_label (self->summary_label, "");
    }
  show_step (self, self->step - 1);
}

/* Stops the work running; an import reports its rollback when it ends. */
static void
cancel_work_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (widget);

  switch (self->work)
    {
    case WORK_READING:
      g_cancellable_cancel (self->cancellable);
      end_work (self);
      g_clear_object (&self->file);
      gtk_label_set_label (self->file_label, _("No file chosen"));
      gtk_label_set_label (self->file_info_label, _("Reading cancelled."));
      break;
    case WORK_PREVIEW:
      g_cancellable_cancel (self->cancellable);
      end_work (self);
      gtk_label_set_label (self->summary_label, _("Checking cancelled."));
      break;
    case WORK_RUNNING:
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_label (self->result_label, _("Cancelling…"));
      gtk_widget_action_set_enabled (widget, "import.cancel-work", FALSE);
      break;
    case WORK_NONE:
    default:
      break;
    }
}

/* Closing (Escape included) stops any work: a running import rolls back. */
static gboolean
crm_import_dialog_close_request (GtkWindow *window)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (window);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  return GTK_WINDOW_CLASS (crm_import_dialog_parent_class)->close_request (window);
}

static void
crm_import_dialog_dispose (GObject *object)
{
  CrmImportDialog *self = CRM_IMPORT_DIALOG (object);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->preview_view != NULL)
    gtk_column_view_set_model (self->preview_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_IMPORT_DIALOG);
  g_clear_pointer (&self->preview, crm_import_report_free);
  g_clear_pointer (&self->result, crm_import_report_free);
  g_clear_object (&self->import);
  g_clear_pointer (&self->source, crm_import_source_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->mapping_dropdowns, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_import_dialog_parent_class)->dispose (object);
}

static void
crm_import_dialog_class_init (CrmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_import_dialog_dispose;
  window_class->close_request = crm_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, step_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, kind_caption);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, formats_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, read_progress_box);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, read_progress);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, file_info_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, mapping_grid);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, mapping_message);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, skip_duplicates_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, update_duplicates_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, create_duplicates_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, skip_invalid_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, preview_progress);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, preview_message);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, run_progress_box);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, run_progress);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, result_detail_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportDialog, save_rejected_button);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_duplicates_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_skip_invalid_changed_cb);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_activated);
  gtk_widget_class_install_action (widget_class, "import.cancel-work", NULL, cancel_work_activated);
  gtk_widget_class_install_action (widget_class, "import.save-rejected", NULL, save_rejected_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* An import was committed: lists showing the records may reload. */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_import_dialog_init (CrmImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->mapping_dropdowns = g_ptr_array_new ();
  add_preview_column (self, PREVIEW_COLUMN_LINE, _("Line"), FALSE, 70);
  add_preview_column (self, PREVIEW_COLUMN_ACTION, _("Result"), FALSE, 110);
  add_preview_column (self, PREVIEW_COLUMN_ROW, _("Row"), TRUE, 260);
  add_preview_column (self, PREVIEW_COLUMN_REASON, _("Reason"), TRUE, 280);
}

/* Public API ----------------------------------------------------------------------- */

gboolean
crm_import_dialog_allowed (CrmSession    *session,
                           CrmImportKind  kind)
{
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  /* As crm-import.c: products need a manager or an administrator. */
  return kind != CRM_IMPORT_KIND_PRODUCTS || crm_session_get_role (session) != CRM_ROLE_STAFF;
}

CrmImportDialog *
crm_import_dialog_new (GtkWindow     *parent,
                       CrmStore      *store,
                       CrmSession    *session,
                       CrmImportKind  kind)
{
  CrmImportDialog *self;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (kind <= CRM_IMPORT_KIND_PRODUCTS, NULL);

  self = g_object_new (CRM_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->kind = kind;
  /* Contacts belong to customers: the customers page offers both. */
  if (kind == CRM_IMPORT_KIND_PRODUCTS)
    self->kinds[self->n_kinds++] = CRM_IMPORT_KIND_PRODUCTS;
  else
    {
      self->kinds[self->n_kinds++] = CRM_IMPORT_KIND_CUSTOMERS;
      self->kinds[self->n_kinds++] = CRM_IMPORT_KIND_CONTACTS;
    }
  for (guint i = 0; i < self->n_kinds; i++)
    gtk_string_list_append (kinds, kind_label (self->kinds[i]));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  for (guint i = 0; i < self->n_kinds; i++)
    if (self->kinds[i] == kind)
      gtk_drop_down_set_selected (self->kind_dropdown, i);
  gtk_widget_set_visible (self->kind_caption, self->n_kinds > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_dropdown), self->n_kinds > 1);
  update_formats_label (self);
  show_step (self, STEP_FILE);
  return self;
}

void
crm_import_dialog_present (GtkWindow     *parent,
                           CrmStore      *store,
                           CrmSession    *session,
                           CrmImportKind  kind)
{
  CrmImportDialog *self = crm_import_dialog_new (parent, store, session, kind);

  g_return_if_fail (self != NULL);
  gtk_window_present (GTK_WINDOW (self));
}
