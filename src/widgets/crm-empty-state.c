/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-empty-state"

#include "config.h"

#include "crm-empty-state.h"

/* A centred icon, title and text for a section that has nothing to show:
 * tells the truth about what is there instead of filling the space. */
struct _CrmEmptyState
{
  GtkWidget  parent_instance;

  char      *icon_name;
  char      *title;
  char      *description;
  char      *note;
};

G_DEFINE_FINAL_TYPE (CrmEmptyState, crm_empty_state, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_NOTE,
  PROP_HAS_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (CrmEmptyState  *self,
            char          **field,
            const char     *value,
            guint           prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  if (prop_id == PROP_NOTE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NOTE]);
}

static void
crm_empty_state_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_EMPTY_STATE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_empty_state_parent_class)->dispose (object);
}

static void
crm_empty_state_finalize (GObject *object)
{
  CrmEmptyState *self = CRM_EMPTY_STATE (object);

  g_free (self->icon_name);
  g_free (self->title);
  g_free (self->description);
  g_free (self->note);

  G_OBJECT_CLASS (crm_empty_state_parent_class)->finalize (object);
}

static void
crm_empty_state_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmEmptyState *self = CRM_EMPTY_STATE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_HAS_NOTE:
      g_value_set_boolean (value, self->note != NULL && *self->note != '\0');
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_empty_state_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmEmptyState *self = CRM_EMPTY_STATE (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      set_string (self, &self->icon_name, g_value_get_string (value), prop_id);
      break;
    case PROP_TITLE:
      set_string (self, &self->title, g_value_get_string (value), prop_id);
      break;
    case PROP_DESCRIPTION:
      set_string (self, &self->description, g_value_get_string (value), prop_id);
      break;
    case PROP_NOTE:
      set_string (self, &self->note, g_value_get_string (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_empty_state_class_init (CrmEmptyStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_empty_state_dispose;
  object_class->finalize = crm_empty_state_finalize;
  object_class->get_property = crm_empty_state_get_property;
  object_class->set_property = crm_empty_state_set_property;

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_NOTE] =
    g_param_spec_boolean ("has-note", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-empty-state.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_empty_state_init (CrmEmptyState *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
crm_empty_state_set_description (CrmEmptyState *self,
                                 const char    *description)
{
  g_return_if_fail (CRM_IS_EMPTY_STATE (self));
  set_string (self, &self->description, description, PROP_DESCRIPTION);
}

void
crm_empty_state_set_note (CrmEmptyState *self,
                          const char    *note)
{
  g_return_if_fail (CRM_IS_EMPTY_STATE (self));
  set_string (self, &self->note, note, PROP_NOTE);
}
