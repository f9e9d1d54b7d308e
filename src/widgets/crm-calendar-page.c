/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-calendar-page"

#include "config.h"

#include "crm-calendar-page.h"

#include <glib/gi18n-lib.h>

#include "crm-calendar.h"
#include "crm-event-dialog.h"
#include "crm-event-store.h"
#include "crm-user-store.h"

#define HOUR_HEIGHT       44.0
#define GUTTER_WIDTH      52.0
#define HEADER_HEIGHT     24.0
#define ALLDAY_ROW_HEIGHT 22.0
#define FIRST_SHOWN_HOUR  7
#define SNAP_MINUTES      15
#define RESIZE_GRIP       8.0
#define MONTH_CELL_EVENTS 3

#define EVENT_KEY "crm-event"
#define DAY_KEY   "crm-day"

typedef enum
{
  SHOW_MONTH,
  SHOW_WEEK,
  SHOW_DAY,
  SHOW_PLAN,
} Showing;

typedef enum
{
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_RESIZE,
} DragMode;

/* Where an event (or the part of it in one day) was drawn. */
typedef struct
{
  CrmEvent        *event;    /* borrowed from the controller's model (kept by `shown`) */
  gint             day;      /* column */
  graphene_rect_t  rect;
} Block;

/* The calendar section.  Everything it shows comes from the
 * CrmCalendarController ("events", "today-plan"); the widgets are
 * rebuilt from it once per change, in an idle, so that a click handler
 * never destroys the widget it runs in. */
struct _CrmCalendarPage
{
  GtkWidget              parent_instance;

  CrmStore              *store;
  CrmSession            *session;
  CrmCalendarController *calendar;
  GPtrArray             *shown;           /* CrmEvent of the range, as drawn */
  GArray                *blocks;          /* Block, timed events */
  GArray                *allday_blocks;   /* Block, all-day events */
  GArray                *whose_ids;       /* gint64 per choice: 0 me, > 0 a user, -1 the team */
  Showing                showing;
  guint                  refresh_id;
  gboolean               filling;
  gboolean               scrolled;

  CrmEvent              *drag_event;
  DragMode               drag_mode;
  double                 drag_dx;
  double                 drag_dy;
  graphene_rect_t        drag_rect;

  /* template */
  GtkLabel              *period_label;
  GtkToggleButton       *month_button;
  GtkToggleButton       *week_button;
  GtkToggleButton       *day_button;
  GtkToggleButton       *plan_button;
  GtkDropDown           *whose_dropdown;
  GtkLabel              *message_label;
  GtkStack              *view_stack;
  GtkGrid               *month_grid;
  GtkDrawingArea        *allday_area;
  GtkScrolledWindow     *time_scroller;
  GtkDrawingArea        *time_area;
  GtkBox                *agenda_box;
  GtkListBox            *plan_list;
};

G_DEFINE_FINAL_TYPE (CrmCalendarPage, crm_calendar_page, GTK_TYPE_WIDGET)

static void refresh (CrmCalendarPage *self);

static void
show_message (CrmCalendarPage *self,
              const char      *message)
{
  gtk_label_set_label (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
show_error (CrmCalendarPage *self,
            GError          *error)
{
  show_message (self, error != NULL ? error->message : NULL);
}

static gboolean
on_refresh_idle_cb (gpointer data)
{
  CrmCalendarPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (CrmCalendarPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (on_refresh_idle_cb, self);
}

static GDateTime *
midnight_of (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                g_date_time_get_day_of_month (local), 0, 0, 0);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  g_autoptr(GDateTime) x = midnight_of (a);
  g_autoptr(GDateTime) y = midnight_of (b);

  return g_date_time_equal (x, y);
}

/* "09:00 Title", or "All day Title": the name screen readers and the GUI
 * tests find an event by. */
static char *
event_button_label (CrmEvent *event)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;

  if (crm_event_get_all_day (event))
    return g_strdup_printf (_("All day %s"), crm_event_get_title (event));
  local = g_date_time_to_local (crm_event_get_start (event));
  time = g_date_time_format (local, "%H:%M");
  return g_strdup_printf ("%s %s", time, crm_event_get_title (event));
}

/* Editing ------------------------------------------------------------------------- */

static void
on_dialog_saved_cb (CrmCalendarPage *self,
                    gint64           id)
{
  crm_calendar_page_reload (self);
}

static void
open_dialog (CrmCalendarPage *self,
             CrmEvent        *event)
{
  CrmEventDialog *dialog;

  show_message (self, NULL);
  dialog = crm_event_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store,
                                 self->session, self->calendar, event);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, G_CONNECT_SWAPPED);
}

static void
new_event_at (CrmCalendarPage *self,
              GDateTime       *start,
              gboolean         all_day)
{
  g_autoptr(CrmEvent) draft = crm_calendar_controller_new_event_at (self->calendar, start, all_day);

  open_dialog (self, draft);
}

/* A new event on the chosen day: at the next full hour today, at 9:00
 * another day. */
static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmCalendarPage *self = CRM_CALENDAR_PAGE (widget);
  GDateTime *day = crm_calendar_controller_get_date (self->calendar);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;

  if (self->showing == SHOW_PLAN || same_day (day, now))
    start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                   g_date_time_get_day_of_month (now), g_date_time_get_hour (now), 0, 0);
  if (start != NULL)
    {
      GDateTime *next = g_date_time_add_hours (start, 1);

      g_date_time_unref (start);
      start = next;
    }
  else
    start = g_date_time_add_hours (day, 9);
  new_event_at (self, start, FALSE);
}

static void
on_event_button_clicked_cb (GtkButton       *button,
                            CrmCalendarPage *self)
{
  CrmEvent *event = g_object_get_data (G_OBJECT (button), EVENT_KEY);

  if (event != NULL)
    open_dialog (self, event);
}

static GtkWidget *
make_event_button (CrmCalendarPage *self,
                   CrmEvent        *event,
                   gboolean         compact)
{
  g_autofree char *text = event_button_label (event);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (text);
  g_autofree char *tooltip = NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_button_set_has_frame (GTK_BUTTON (button), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  tooltip = g_strdup_printf ("%s\n%s%s%s", text, crm_event_kind_label (crm_event_get_kind (event)),
                             crm_event_get_customer_name (event) ? " · " : "",
                             crm_event_get_customer_name (event) ? crm_event_get_customer_name (event) : "");
  gtk_widget_set_tooltip_text (button, tooltip);
  if (crm_event_get_done (event))
    gtk_widget_add_css_class (label, "dim-label");
  if (compact)
    gtk_widget_add_css_class (button, "caption");
  g_object_set_data_full (G_OBJECT (button), EVENT_KEY, g_object_ref (event), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_event_button_clicked_cb), self);
  return button;
}

/* Month --------------------------------------------------------------------------- */

static void
select_day (CrmCalendarPage *self,
            GDateTime       *day)
{
  g_autoptr(GError) error = NULL;

  if (!crm_calendar_controller_set_date (self->calendar, day, &error))
    show_error (self, error);
  queue_refresh (self);
}

static void
on_month_cell_pressed_cb (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          CrmCalendarPage *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  g_autoptr(GDateTime) day = g_date_time_ref (g_object_get_data (G_OBJECT (cell), DAY_KEY));

  gtk_widget_grab_focus (cell);
  if (n_press == 2)
    {
      g_autoptr(GDateTime) start = g_date_time_add_hours (day, 9);

      new_event_at (self, start, FALSE);
      return;
    }
  select_day (self, day);
}

static gboolean
on_month_cell_key_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      CrmCalendarPage       *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GDateTime *day = g_object_get_data (G_OBJECT (cell), DAY_KEY);
  g_autoptr(GDateTime) start = NULL;

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter)
    {
      start = g_date_time_add_hours (day, 9);
      new_event_at (self, start, FALSE);
      return TRUE;
    }
  if (keyval == GDK_KEY_space)
    {
      select_day (self, day);
      return TRUE;
    }
  return FALSE;
}

static void
on_more_clicked_cb (GtkButton       *button,
                    CrmCalendarPage *self)
{
  GDateTime *day = g_object_get_data (G_OBJECT (button), DAY_KEY);

  select_day (self, day);
  gtk_toggle_button_set_active (self->day_button, TRUE);
}

static GtkWidget *
build_month_cell (CrmCalendarPage *self,
                  GDateTime       *day,
                  gint             month,
                  GDateTime       *today)
{
  g_autoptr(GPtrArray) events = crm_calendar_controller_list_day (self->calendar, day);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *number = g_strdup_printf ("%d", g_date_time_get_day_of_month (day));
  g_autofree char *name = NULL;
  GtkWidget *label = gtk_label_new (number);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  guint shown = MIN (events->len, MONTH_CELL_EVENTS);

  /* TRANSLATORS: a day of the month grid for screen readers: the date and how many events. */
  name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u event", "%s, %u events", events->len),
                          crm_calendar_format_date_time (day, TRUE), events->len);
  gtk_widget_set_size_request (box, -1, 96);
  gtk_widget_set_vexpand (frame, TRUE);
  gtk_widget_set_focusable (frame, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (frame), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 4);
  gtk_widget_set_margin_top (label, 2);
  if (g_date_time_get_month (day) != month)
    gtk_widget_add_css_class (label, "dim-label");
  if (same_day (day, today))
    gtk_widget_add_css_class (label, "heading");
  if (same_day (day, crm_calendar_controller_get_date (self->calendar)))
    gtk_widget_add_css_class (frame, "view");
  gtk_box_append (GTK_BOX (box), label);
  for (guint i = 0; i < shown; i++)
    gtk_box_append (GTK_BOX (box), make_event_button (self, g_ptr_array_index (events, i), TRUE));
  if (events->len > shown)
    {
      g_autofree char *more = g_strdup_printf (_("+%u more"), events->len - shown);
      GtkWidget *button = gtk_button_new_with_label (more);

      gtk_button_set_has_frame (GTK_BUTTON (button), FALSE);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_add_css_class (button, "caption");
      g_object_set_data_full (G_OBJECT (button), DAY_KEY, g_date_time_ref (day),
                              (GDestroyNotify) g_date_time_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (on_more_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_frame_set_child (GTK_FRAME (frame), box);
  g_object_set_data_full (G_OBJECT (frame), DAY_KEY, g_date_time_ref (day), (GDestroyNotify) g_date_time_unref);
  g_signal_connect (click, "pressed", G_CALLBACK (on_month_cell_pressed_cb), self);
  gtk_widget_add_controller (frame, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_month_cell_key_cb), self);
  gtk_widget_add_controller (frame, keys);
  return frame;
}

static void
fill_month (CrmCalendarPage *self)
{
  GtkWidget *child;
  GDateTime *start = crm_calendar_controller_get_range_start (self->calendar);
  GDateTime *end = crm_calendar_controller_get_range_end (self->calendar);
  gint month = g_date_time_get_month (crm_calendar_controller_get_date (self->calendar));
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_ref (start);
  gint index = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->month_grid))))
    gtk_grid_remove (self->month_grid, child);
  for (gint column = 0; column < 7; column++)
    {
      GtkWidget *head = gtk_label_new (crm_calendar_weekday_short (column + 1));

      gtk_widget_add_css_class (head, "dim-label");
      gtk_grid_attach (self->month_grid, head, column, 0, 1, 1);
    }
  while (g_date_time_compare (day, end) < 0)
    {
      GDateTime *next;

      gtk_grid_attach (self->month_grid, build_month_cell (self, day, month, today),
                       index % 7, 1 + index / 7, 1, 1);
      index++;
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      /* Local midnight again, whatever the zone's rules. */
      day = midnight_of (next);
      g_date_time_unref (next);
    }
}

/* Week and day: layout ------------------------------------------------------------- */

static guint
n_days (CrmCalendarPage *self)
{
  return self->showing == SHOW_DAY ? 1 : 7;
}

static double
column_width (CrmCalendarPage *self,
              double           width)
{
  return MAX ((width - GUTTER_WIDTH) / n_days (self), 1.0);
}

/* The day column of @time (-1 when outside the range). */
static gint
day_index (CrmCalendarPage *self,
           GDateTime       *time)
{
  g_autoptr(GDateTime) day = midnight_of (time);
  GTimeSpan span = g_date_time_difference (day, crm_calendar_controller_get_range_start (self->calendar));
  gint index = (gint) ((span + G_TIME_SPAN_HOUR * 12) / G_TIME_SPAN_DAY);

  return index >= 0 && index < (gint) n_days (self) ? index : -1;
}

static double
minutes_of_day (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_get_hour (local) * 60.0 + g_date_time_get_minute (local);
}

/* Places the timed events in their day columns, side by side where they
 * overlap (lanes per day), and the all-day events in rows on top. */
static void
layout_blocks (CrmCalendarPage *self,
               double           width)
{
  double column = column_width (self, width);
  GDateTime *range_start = crm_calendar_controller_get_range_start (self->calendar);

  g_array_set_size (self->blocks, 0);
  g_array_set_size (self->allday_blocks, 0);
  for (guint day = 0; day < n_days (self); day++)
    {
      g_autoptr(GDateTime) from = g_date_time_add_days (range_start, day);
      g_autoptr(GDateTime) day_start = midnight_of (from);
      g_autoptr(GPtrArray) events = crm_calendar_controller_list_day (self->calendar, day_start);
      double lane_ends[16] = { 0 };
      guint lanes[256];
      guint n_lanes = 1, first = self->blocks->len;

      for (guint i = 0; i < events->len && i < G_N_ELEMENTS (lanes); i++)
        {
          CrmEvent *event = g_ptr_array_index (events, i);
          double top, bottom;
          guint lane = 0;
          Block block = { event, (gint) day, GRAPHENE_RECT_INIT (0, 0, 0, 0) };

          if (crm_event_get_all_day (event))
            continue;
          top = same_day (crm_event_get_start (event), day_start) ? minutes_of_day (crm_event_get_start (event)) : 0;
          bottom = same_day (crm_event_get_end (event), day_start) ? minutes_of_day (crm_event_get_end (event))
                                                                   : 24 * 60;
          bottom = MAX (bottom, top + 20);
          while (lane < G_N_ELEMENTS (lane_ends) - 1 && lane_ends[lane] > top)
            lane++;
          lane_ends[lane] = bottom;
          n_lanes = MAX (n_lanes, lane + 1);
          lanes[self->blocks->len - first] = lane;
          block.rect = GRAPHENE_RECT_INIT (0, top / 60.0 * HOUR_HEIGHT, 0, (bottom - top) / 60.0 * HOUR_HEIGHT);
          g_array_append_val (self->blocks, block);
        }
      for (guint i = first; i < self->blocks->len; i++)
        {
          Block *block = &g_array_index (self->blocks, Block, i);
          double lane_width = column / n_lanes;

          block->rect.origin.x = GUTTER_WIDTH + day * column + lanes[i - first] * lane_width + 1;
          block->rect.size.width = lane_width - 2;
        }
    }
  /* All-day events: one row each, across the days they cover. */
  for (guint i = 0; i < self->shown->len; i++)
    {
      CrmEvent *event = g_ptr_array_index (self->shown, i);
      g_autoptr(GDateTime) last = NULL;
      gint from, to;
      Block block = { event, 0, GRAPHENE_RECT_INIT (0, 0, 0, 0) };

      if (!crm_event_get_all_day (event))
        continue;
      last = g_date_time_add_seconds (crm_event_get_end (event), -1);
      from = g_date_time_compare (crm_event_get_start (event), range_start) < 0 ? 0
             : day_index (self, crm_event_get_start (event));
      to = day_index (self, last);
      if (to < 0)
        to = (gint) n_days (self) - 1;
      if (from < 0)
        continue;
      block.day = from;
      block.rect = GRAPHENE_RECT_INIT (GUTTER_WIDTH + from * column + 1,
                                       HEADER_HEIGHT + self->allday_blocks->len * ALLDAY_ROW_HEIGHT,
                                       (to - from + 1) * column - 2, ALLDAY_ROW_HEIGHT - 2);
      g_array_append_val (self->allday_blocks, block);
    }
}

static const Block *
block_at (GArray *blocks,
          double  x,
          double  y)
{
  const graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  for (guint i = blocks->len; i > 0; i--)
    if (graphene_rect_contains_point (&g_array_index (blocks, Block, i - 1).rect, &point))
      return &g_array_index (blocks, Block, i - 1);
  return NULL;
}

/* Week and day: drawing ------------------------------------------------------------ */

static void
kind_colour (CrmEventKind  kind,
             GdkRGBA      *colour)
{
  static const char *const colours[CRM_EVENT_N_KINDS] = {
    "#3584e4", "#2190a4", "#3a944a", "#c88800", "#e01b24", "#9141ac",
  };

  gdk_rgba_parse (colour, colours[kind < CRM_EVENT_N_KINDS ? kind : 0]);
}

static void
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      width,
           double      height,
           gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_width (layout, (int) MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_height (layout, (int) MAX (height, 1) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_block (GtkWidget             *widget,
            cairo_t               *cr,
            CrmEvent              *event,
            const graphene_rect_t *rect,
            const GdkRGBA         *fg)
{
  g_autofree char *time = crm_event_format_time (event);
  g_autofree char *text = g_strdup_printf ("%s\n%s", crm_event_get_title (event), time);
  GdkRGBA colour;
  double alpha = crm_event_get_done (event) ? 0.35 : 0.85;

  kind_colour (crm_event_get_kind (event), &colour);
  cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, alpha);
  cairo_rectangle (cr, rect->origin.x, rect->origin.y, rect->size.width, rect->size.height);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, crm_event_get_done (event) ? 0.8 : 1);
  cairo_save (cr);
  cairo_rectangle (cr, rect->origin.x, rect->origin.y, rect->size.width, rect->size.height);
  cairo_clip (cr);
  draw_text (widget, cr, crm_event_get_all_day (event) ? crm_event_get_title (event) : text,
             rect->origin.x + 4, rect->origin.y + 1, rect->size.width - 8, rect->size.height - 2, FALSE);
  cairo_restore (cr);
  (void) fg;
}

static void
draw_time_area (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        data)
{
  CrmCalendarPage *self = data;
  GtkWidget *widget = GTK_WIDGET (area);
  double column = column_width (self, width);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint today = day_index (self, now);
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  layout_blocks (self, width);

  /* Working hours lighter than the night. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.04);
  cairo_rectangle (cr, GUTTER_WIDTH, 0, width - GUTTER_WIDTH, 8 * HOUR_HEIGHT);
  cairo_rectangle (cr, GUTTER_WIDTH, 18 * HOUR_HEIGHT, width - GUTTER_WIDTH, 6 * HOUR_HEIGHT);
  cairo_fill (cr);
  if (today >= 0)
    {
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.08);
      cairo_rectangle (cr, GUTTER_WIDTH + today * column, 0, column, height);
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 1);
  for (gint hour = 0; hour < 24; hour++)
    {
      g_autofree char *text = g_strdup_printf ("%02d:00", hour);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
      cairo_move_to (cr, GUTTER_WIDTH, hour * HOUR_HEIGHT + 0.5);
      cairo_line_to (cr, width, hour * HOUR_HEIGHT + 0.5);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      draw_text (widget, cr, text, 4, hour * HOUR_HEIGHT + 2, GUTTER_WIDTH - 8, HOUR_HEIGHT, FALSE);
    }
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
  for (guint day = 0; day <= n_days (self); day++)
    {
      cairo_move_to (cr, GUTTER_WIDTH + day * column + 0.5, 0);
      cairo_line_to (cr, GUTTER_WIDTH + day * column + 0.5, height);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);

      draw_block (widget, cr, block->event, &block->rect, &fg);
    }
  if (today >= 0)
    {
      double y = minutes_of_day (now) / 60.0 * HOUR_HEIGHT;

      cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      cairo_move_to (cr, GUTTER_WIDTH + today * column, y);
      cairo_line_to (cr, GUTTER_WIDTH + (today + 1) * column, y);
      cairo_stroke (cr);
    }
  if (self->drag_event != NULL && self->drag_mode != DRAG_NONE)
    {
      graphene_rect_t ghost = self->drag_rect;

      if (self->drag_mode == DRAG_MOVE)
        {
          ghost.origin.x += self->drag_dx;
          ghost.origin.y += self->drag_dy;
        }
      else
        ghost.size.height = MAX (ghost.size.height + self->drag_dy, HOUR_HEIGHT / 4);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_rectangle (cr, ghost.origin.x + 0.5, ghost.origin.y + 0.5, ghost.size.width - 1, ghost.size.height - 1);
      cairo_stroke (cr);
    }
}

static void
draw_allday_area (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        data)
{
  CrmCalendarPage *self = data;
  GtkWidget *widget = GTK_WIDGET (area);
  double column = column_width (self, width);
  GDateTime *range_start = crm_calendar_controller_get_range_start (self->calendar);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  layout_blocks (self, width);
  for (guint day = 0; day < n_days (self); day++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (range_start, day);
      g_autofree char *number = g_date_time_format (date, "%d/%m");
      g_autofree char *text = g_strdup_printf ("%s %s", crm_calendar_weekday_short (g_date_time_get_day_of_week (date)),
                                               number);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, same_day (date, now) ? 1.0 : 0.7);
      draw_text (widget, cr, text, GUTTER_WIDTH + day * column + 4, 2, column - 8, HEADER_HEIGHT,
                 same_day (date, now));
    }
  for (guint i = 0; i < self->allday_blocks->len; i++)
    {
      const Block *block = &g_array_index (self->allday_blocks, Block, i);

      draw_block (widget, cr, block->event, &block->rect, &fg);
    }
}

/* Week and day: input ------------------------------------------------------------- */

static double
snap_minutes (double pixels)
{
  double minutes = pixels / HOUR_HEIGHT * 60.0;

  return round (minutes / SNAP_MINUTES) * SNAP_MINUTES;
}

/* The slot under a point of the hours, snapped to the half hour. */
static GDateTime *
time_at (CrmCalendarPage *self,
         double           x,
         double           y)
{
  double column = column_width (self, gtk_widget_get_width (GTK_WIDGET (self->time_area)));
  gint day = CLAMP ((gint) ((x - GUTTER_WIDTH) / column), 0, (gint) n_days (self) - 1);
  g_autoptr(GDateTime) date = g_date_time_add_days (crm_calendar_controller_get_range_start (self->calendar), day);
  g_autoptr(GDateTime) midnight = midnight_of (date);
  gint minutes = CLAMP ((gint) (floor (y / HOUR_HEIGHT * 2) * 30), 0, 23 * 60 + 30);

  return g_date_time_add_minutes (midnight, minutes);
}

static void
on_time_area_pressed_cb (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         CrmCalendarPage *self)
{
  const Block *block;
  g_autoptr(GDateTime) start = NULL;

  gtk_widget_grab_focus (GTK_WIDGET (self->time_area));
  if (n_press != 2)
    return;
  if ((block = block_at (self->blocks, x, y)) != NULL)
    {
      open_dialog (self, block->event);
      return;
    }
  if (x < GUTTER_WIDTH)
    return;
  start = time_at (self, x, y);
  new_event_at (self, start, FALSE);
}

static void
on_allday_area_pressed_cb (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           CrmCalendarPage *self)
{
  const Block *block = block_at (self->allday_blocks, x, y);
  g_autoptr(GDateTime) day = NULL;

  if (x < GUTTER_WIDTH)
    return;
  if (block != NULL && n_press == 2)
    {
      open_dialog (self, block->event);
      return;
    }
  day = time_at (self, x, 0);
  if (n_press == 2)
    new_event_at (self, day, TRUE);
  else if (y < HEADER_HEIGHT && self->showing == SHOW_WEEK)
    {
      /* A day's heading opens that day. */
      select_day (self, day);
      gtk_toggle_button_set_active (self->day_button, TRUE);
    }
}

static void
on_drag_begin_cb (GtkGestureDrag  *gesture,
                  double           x,
                  double           y,
                  CrmCalendarPage *self)
{
  const Block *block = block_at (self->blocks, x, y);

  g_clear_object (&self->drag_event);
  self->drag_mode = DRAG_NONE;
  self->drag_dx = self->drag_dy = 0;
  if (block == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_event = g_object_ref (block->event);
  self->drag_rect = block->rect;
  self->drag_mode = y >= block->rect.origin.y + block->rect.size.height - RESIZE_GRIP ? DRAG_RESIZE : DRAG_MOVE;
}

static void
on_drag_update_cb (GtkGestureDrag  *gesture,
                   double           dx,
                   double           dy,
                   CrmCalendarPage *self)
{
  if (self->drag_event == NULL)
    return;
  self->drag_dx = dx;
  self->drag_dy = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self->time_area));
}

/* A drop moves the event by whole days and quarter hours, a pull of its
 * bottom edge changes its end; both through the controller, which moves
 * a whole series for an occurrence. */
static void
on_drag_end_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                CrmCalendarPage *self)
{
  g_autoptr(CrmEvent) event = g_steal_pointer (&self->drag_event);
  DragMode mode = self->drag_mode;
  double column = column_width (self, gtk_widget_get_width (GTK_WIDGET (self->time_area)));
  gint days = mode == DRAG_MOVE && n_days (self) > 1 ? (gint) round (dx / column) : 0;
  gint minutes = (gint) snap_minutes (dy);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) moved_start = NULL;
  g_autoptr(GError) error = NULL;

  self->drag_mode = DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self->time_area));
  if (event == NULL || (days == 0 && minutes == 0))
    return;
  if (mode == DRAG_MOVE)
    {
      moved_start = g_date_time_add_days (crm_event_get_start (event), days);
      start = g_date_time_add_minutes (moved_start, minutes);
      end = g_date_time_add (start, g_date_time_difference (crm_event_get_end (event), crm_event_get_start (event)));
    }
  else
    {
      GDateTime *shortest = g_date_time_add_minutes (crm_event_get_start (event), SNAP_MINUTES);

      start = g_date_time_ref (crm_event_get_start (event));
      end = g_date_time_add_minutes (crm_event_get_end (event), minutes);
      if (g_date_time_compare (end, shortest) < 0)
        {
          g_date_time_unref (end);
          end = g_date_time_ref (shortest);
        }
      g_date_time_unref (shortest);
    }
  if (!crm_calendar_controller_move (self->calendar, event, start, end, &error))
    show_error (self, error);
  else
    show_message (self, NULL);
}

/* Enter plans an event at the next hour of the chosen day. */
static gboolean
on_time_area_key_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     CrmCalendarPage       *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "calendar.new", NULL);
  return TRUE;
}

static void
fill_agenda (CrmCalendarPage *self)
{
  GtkWidget *child;
  GDateTime *previous = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_box))))
    gtk_box_remove (self->agenda_box, child);
  for (guint i = 0; i < self->shown->len; i++)
    {
      CrmEvent *event = g_ptr_array_index (self->shown, i);
      GDateTime *start = crm_event_get_start (event);

      if (previous == NULL || !same_day (previous, start))
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (start);
          g_autofree char *date = g_date_time_format (local, "%d/%m/%Y");
          g_autofree char *text = g_strdup_printf ("%s %s", crm_calendar_weekday_short (g_date_time_get_day_of_week (local)),
                                                   date);
          GtkWidget *heading = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          gtk_widget_set_margin_top (heading, previous != NULL ? 8 : 0);
          gtk_box_append (self->agenda_box, heading);
        }
      previous = start;
      gtk_box_append (self->agenda_box, make_event_button (self, event, FALSE));
    }
  if (self->shown->len == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Nothing planned. Double-click an hour or press Enter to plan an event."));

      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_box_append (self->agenda_box, empty);
    }
}

static void
fill_timeline (CrmCalendarPage *self)
{
  guint rows = 0;

  for (guint i = 0; i < self->shown->len; i++)
    if (crm_event_get_all_day (g_ptr_array_index (self->shown, i)))
      rows++;
  gtk_drawing_area_set_content_height (self->allday_area, (int) (HEADER_HEIGHT + MAX (rows, 1) * ALLDAY_ROW_HEIGHT));
  gtk_drawing_area_set_content_height (self->time_area, (int) (24 * HOUR_HEIGHT));
  gtk_widget_queue_draw (GTK_WIDGET (self->allday_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->time_area));
  fill_agenda (self);
}

/* Today's plan ------------------------------------------------------------------- */

static void
on_done_switched_cb (GtkSwitch       *toggle,
                     GParamSpec      *pspec,
                     CrmCalendarPage *self)
{
  CrmEvent *event = g_object_get_data (G_OBJECT (toggle), EVENT_KEY);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (self->filling || event == NULL || gtk_switch_get_active (toggle) == crm_event_get_done (event))
    return;
  if (!crm_calendar_controller_set_done (self->calendar, event, gtk_switch_get_active (toggle), &error) ||
      !crm_calendar_controller_load_today (self->calendar, now, &error))
    show_error (self, error);
  else
    show_message (self, NULL);
  queue_refresh (self);
}

static GtkWidget *
build_plan_row (CrmCalendarPage *self,
                CrmEvent        *event,
                GDateTime       *now)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *when = NULL;
  GtkWidget *title = gtk_label_new (crm_event_get_title (event));
  GtkWidget *toggle = gtk_switch_new ();
  g_autofree char *time = crm_event_format_time (event);
  g_autofree char *detail = NULL;
  g_autofree char *switch_name = g_strdup_printf (_("Done: %s"), crm_event_get_title (event));
  g_autofree char *row_name = event_button_label (event);
  gboolean overdue = crm_event_is_overdue (event, now);

  if (overdue)
    {
      g_autofree char *day = crm_calendar_format_date_time (crm_event_get_end (event), TRUE);
      g_autofree char *text = g_strdup_printf (_("Overdue since %s"), day);

      when = gtk_label_new (text);
      gtk_widget_add_css_class (when, "error");
    }
  else
    when = gtk_label_new (time);
  gtk_label_set_xalign (GTK_LABEL (when), 0);
  gtk_label_set_width_chars (GTK_LABEL (when), 14);
  gtk_widget_add_css_class (when, "numeric");
  detail = g_strdup_printf ("%s%s%s", crm_event_kind_label (crm_event_get_kind (event)),
                            crm_event_get_customer_name (event) ? " · " : "",
                            crm_event_get_customer_name (event) ? crm_event_get_customer_name (event) : "");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), gtk_label_new (detail));
  gtk_label_set_xalign (GTK_LABEL (gtk_widget_get_last_child (texts)), 0);
  gtk_widget_add_css_class (gtk_widget_get_last_child (texts), "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  if (crm_event_get_done (event))
    gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), crm_event_get_done (event));
  gtk_widget_set_tooltip_text (toggle, _("Done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_name, -1);
  g_object_set_data_full (G_OBJECT (toggle), EVENT_KEY, g_object_ref (event), g_object_unref);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_done_switched_cb), self);
  gtk_box_append (GTK_BOX (box), when);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), toggle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, row_name, -1);
  g_object_set_data_full (G_OBJECT (row), EVENT_KEY, g_object_ref (event), g_object_unref);
  return row;
}

static void
fill_plan (CrmCalendarPage *self)
{
  GListModel *plan = crm_calendar_controller_get_today_plan (self->calendar);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint n = g_list_model_get_n_items (plan);
  GtkWidget *child;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->plan_list))))
    gtk_list_box_remove (self->plan_list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmEvent) event = g_list_model_get_item (plan, i);

      gtk_list_box_append (self->plan_list, build_plan_row (self, event, now));
    }
  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Nothing planned for today and nothing overdue."));

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_set_margin_top (empty, 24);
      gtk_widget_set_margin_bottom (empty, 24);
      gtk_list_box_append (self->plan_list, empty);
    }
  self->filling = FALSE;
}

static void
on_plan_row_activated_cb (CrmCalendarPage *self,
                          GtkListBoxRow   *row)
{
  CrmEvent *event = g_object_get_data (G_OBJECT (row), EVENT_KEY);

  if (event != NULL)
    open_dialog (self, event);
}

/* Header ------------------------------------------------------------------------- */

static void
update_period (CrmCalendarPage *self)
{
  g_autofree char *title = NULL;

  if (self->showing == SHOW_PLAN)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      title = crm_calendar_format_period (CRM_CALENDAR_VIEW_DAY, now);
    }
  else
    title = crm_calendar_format_period (crm_calendar_controller_get_view (self->calendar),
                                        crm_calendar_controller_get_date (self->calendar));
  gtk_label_set_label (self->period_label, title);
}

static void
refresh (CrmCalendarPage *self)
{
  GListModel *events = crm_calendar_controller_get_events (self->calendar);
  guint n = g_list_model_get_n_items (events);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->shown, g_list_model_get_item (events, i));
  update_period (self);
  switch (self->showing)
    {
    case SHOW_MONTH:
      gtk_stack_set_visible_child_name (self->view_stack, "month");
      fill_month (self);
      break;
    case SHOW_WEEK:
    case SHOW_DAY:
      gtk_stack_set_visible_child_name (self->view_stack, "timeline");
      fill_timeline (self);
      break;
    case SHOW_PLAN:
    default:
      gtk_stack_set_visible_child_name (self->view_stack, "plan");
      fill_plan (self);
      break;
    }
}

static void
on_view_toggled_cb (CrmCalendarPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  gboolean ok = TRUE;

  if (gtk_toggle_button_get_active (self->month_button))
    self->showing = SHOW_MONTH;
  else if (gtk_toggle_button_get_active (self->week_button))
    self->showing = SHOW_WEEK;
  else if (gtk_toggle_button_get_active (self->day_button))
    self->showing = SHOW_DAY;
  else if (gtk_toggle_button_get_active (self->plan_button))
    self->showing = SHOW_PLAN;
  else
    return;
  switch (self->showing)
    {
    case SHOW_MONTH:
      ok = crm_calendar_controller_set_view (self->calendar, CRM_CALENDAR_VIEW_MONTH, &error);
      break;
    case SHOW_WEEK:
      ok = crm_calendar_controller_set_view (self->calendar, CRM_CALENDAR_VIEW_WEEK, &error);
      break;
    case SHOW_DAY:
      ok = crm_calendar_controller_set_view (self->calendar, CRM_CALENDAR_VIEW_DAY, &error);
      break;
    case SHOW_PLAN:
    default:
      now = g_date_time_new_now_local ();
      ok = crm_calendar_controller_load_today (self->calendar, now, &error);
      break;
    }
  show_error (self, ok ? NULL : error);
  refresh (self);
}

static void
go_activated (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CrmCalendarPage *self = CRM_CALENDAR_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean ok;

  /* From today's plan, Previous and Next walk the days. */
  if (self->showing == SHOW_PLAN && !g_str_equal (action_name, "calendar.today"))
    {
      crm_calendar_controller_set_date (self->calendar, now, NULL);
      gtk_toggle_button_set_active (self->day_button, TRUE);
    }
  if (g_str_equal (action_name, "calendar.previous"))
    ok = crm_calendar_controller_go_previous (self->calendar, &error);
  else if (g_str_equal (action_name, "calendar.next"))
    ok = crm_calendar_controller_go_next (self->calendar, &error);
  else if (self->showing == SHOW_PLAN)
    ok = crm_calendar_controller_load_today (self->calendar, now, &error);
  else
    ok = crm_calendar_controller_set_date (self->calendar, now, &error);
  show_error (self, ok ? NULL : error);
  refresh (self);
}

/* Whose calendar: me, each member the user may plan for, the team. */
static void
fill_whose (CrmCalendarPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) users = NULL;
  gint64 me = crm_session_get_user_id (self->session), team = -1, own = 0;

  if (crm_session_get_role (self->session) == CRM_ROLE_STAFF)
    return;
  self->filling = TRUE;
  g_array_set_size (self->whose_ids, 0);
  gtk_string_list_append (names, _("My calendar"));
  g_array_append_val (self->whose_ids, own);
  if ((users = crm_user_store_list_assignees (self->store, self->session, NULL)) != NULL)
    for (guint i = 0; i < users->len; i++)
      {
        const CrmUserEntry *user = g_ptr_array_index (users, i);

        if (user->id == me)
          continue;
        gtk_string_list_append (names, user->full_name);
        g_array_append_val (self->whose_ids, user->id);
      }
  gtk_string_list_append (names, crm_session_get_role (self->session) == CRM_ROLE_ADMIN &&
                                 crm_session_get_team_id (self->session) <= 0
                                 ? _("Everyone") : _("The whole team"));
  g_array_append_val (self->whose_ids, team);
  gtk_drop_down_set_model (self->whose_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->whose_dropdown, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->whose_dropdown), TRUE);
  self->filling = FALSE;
}

static void
on_whose_changed_cb (CrmCalendarPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->whose_dropdown);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 id;
  gboolean ok;

  if (self->filling || selected >= self->whose_ids->len)
    return;
  id = g_array_index (self->whose_ids, gint64, selected);
  if (id == 0)
    ok = crm_calendar_controller_show_self (self->calendar, &error);
  else if (id > 0)
    ok = crm_calendar_controller_show_user (self->calendar, id, &error);
  else
    ok = crm_calendar_controller_show_team (self->calendar, 0, &error);
  if (ok && self->showing == SHOW_PLAN)
    ok = crm_calendar_controller_load_today (self->calendar, now, &error);
  show_error (self, ok ? NULL : error);
  refresh (self);
}

/* GObject --------------------------------------------------------------------------------- */

/* The working day in view: 7:00 at the top once the hours have their
 * size (the first frames after they show). */
static gboolean
scroll_to_working_day_cb (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       data)
{
  CrmCalendarPage *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->time_scroller);

  if (gtk_adjustment_get_page_size (adjustment) <= 0 ||
      gtk_adjustment_get_upper (adjustment) < FIRST_SHOWN_HOUR * HOUR_HEIGHT + gtk_adjustment_get_page_size (adjustment))
    return G_SOURCE_CONTINUE;
  gtk_adjustment_set_value (adjustment, FIRST_SHOWN_HOUR * HOUR_HEIGHT);
  self->scrolled = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_time_area_mapped_cb (CrmCalendarPage *self)
{
  if (!self->scrolled)
    gtk_widget_add_tick_callback (GTK_WIDGET (self->time_scroller), scroll_to_working_day_cb, self, NULL);
}

static void
on_map_cb (CrmCalendarPage *self)
{
  crm_calendar_page_reload (self);
}

static void
crm_calendar_page_dispose (GObject *object)
{
  CrmCalendarPage *self = CRM_CALENDAR_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CALENDAR_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->drag_event);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->calendar);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_calendar_page_parent_class)->dispose (object);
}

static void
crm_calendar_page_finalize (GObject *object)
{
  CrmCalendarPage *self = CRM_CALENDAR_PAGE (object);

  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->allday_blocks, g_array_unref);
  g_clear_pointer (&self->whose_ids, g_array_unref);

  G_OBJECT_CLASS (crm_calendar_page_parent_class)->finalize (object);
}

static void
crm_calendar_page_class_init (CrmCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_calendar_page_dispose;
  object_class->finalize = crm_calendar_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-calendar-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, month_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, week_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, day_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, plan_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, whose_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, month_grid);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, allday_area);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, time_scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, time_area);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, agenda_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, plan_list);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_whose_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_row_activated_cb);
  gtk_widget_class_install_action (widget_class, "calendar.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, go_activated);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, go_activated);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, go_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "calendar.next", NULL);
}

static void
crm_calendar_page_init (CrmCalendarPage *self)
{
  GtkGesture *gesture;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->allday_blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->whose_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->showing = SHOW_WEEK;
  gtk_drawing_area_set_draw_func (self->time_area, draw_time_area, self, NULL);
  gtk_drawing_area_set_draw_func (self->allday_area, draw_allday_area, self, NULL);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_time_area_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->time_area), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->time_area), GTK_EVENT_CONTROLLER (gesture));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_time_area_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->time_area), keys);
  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_allday_area_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->allday_area), GTK_EVENT_CONTROLLER (gesture));
  g_signal_connect_swapped (self->time_scroller, "map", G_CALLBACK (on_time_area_mapped_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

GtkWidget *
crm_calendar_page_new (CrmStore   *store,
                       CrmSession *session)
{
  CrmCalendarPage *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_CALENDAR_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->calendar = crm_calendar_controller_new (store, session);
  g_signal_connect_object (crm_calendar_controller_get_events (self->calendar), "items-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  fill_whose (self);
  /* Week view first; toggling the button reads the range. */
  gtk_toggle_button_set_active (self->week_button, TRUE);
  return GTK_WIDGET (self);
}

void
crm_calendar_page_reload (CrmCalendarPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (CRM_IS_CALENDAR_PAGE (self));

  if (!crm_calendar_controller_reload (self->calendar, &error) ||
      !crm_calendar_controller_load_today (self->calendar, now, &error))
    show_error (self, error);
  refresh (self);
}

void
crm_calendar_page_open_record (GtkWidget *page,
                               gint64     id)
{
  CrmCalendarPage *self;
  g_autoptr(CrmEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_CALENDAR_PAGE (page));

  self = CRM_CALENDAR_PAGE (page);
  if (!(event = crm_event_store_get (self->store, self->session, id, &error)))
    {
      show_error (self, error);
      return;
    }
  open_dialog (self, event);
}
