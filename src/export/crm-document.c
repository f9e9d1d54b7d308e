/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-document"

#include "config.h"

#include "crm-document.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "crm-document-store.h"
#include "crm-export.h"
#include "crm-pdf-common.h"
#include "crm-quote-document.h"

/* The renderer.  Everything but the line table is a "block": texts (and
 * the logo) at fixed places inside it, rules, a height, laid out once.
 * Pages are then cut in one pass: a page is a list of items — a block, the
 * table's header row, one line of the table — each at its height on the
 * page, so any page is drawn in any order, as many times as a print
 * preview asks, without measuring anything again.
 *
 * Keeping together: the header row is repeated at the top of every page
 * that has lines; the closing — totals with the amount in words, terms,
 * signatures — stays on the page of the last line, which moves to the
 * next page with it when they do not both fit (only the totals when the
 * whole closing is longer than a page: signatures are never left alone
 * when they need not be); any other block that does not fit the rest of
 * a page starts the next one.  A description is cut after ROW_MAX_LINES lines and a
 * section after about half a page, so that no item is taller than a page.
 *
 * Units are points on an A4 page. */

#define PAGE_MARGIN       40.0

#define BODY_SIZE         9.5
#define TABLE_SIZE        8.5
#define SMALL_SIZE        8.0
#define TITLE_SIZE        17.0
#define COMPANY_SIZE      12.0

#define LOGO_BOX          60.0
/* A larger logo is scaled down to this many pixels (about 300 dpi in
 * LOGO_BOX points) before it goes into a PDF. */
#define LOGO_MAX_PIXELS   256
#define LOGO_GAP          10.0
#define BLOCK_GAP         12.0
#define LINE_GAP          3.0
#define FOOTER_GAP        8.0
#define CELL_PAD_X        3.0
#define CELL_PAD_Y        2.5
#define FIELD_LABEL_WIDTH 95.0
#define TOTAL_LABEL_WIDTH 230.0
#define TOTAL_VALUE_WIDTH 105.0
#define SIGNATURE_SPACE   62.0
#define ROW_MAX_LINES     12
/* A section (terms, notes) is cut at this share of the page's body. */
#define SECTION_MAX_SHARE 0.5

#define RULE_WIDTH        0.5
#define RULE_GREY         0.35
#define HEADER_SHADE      0.88
#define TEXT_GREY         0.0
#define SOFT_GREY         0.33

enum
{
  COLUMN_NUMBER,
  COLUMN_DESCRIPTION,
  COLUMN_UNIT,
  COLUMN_QUANTITY,
  COLUMN_UNIT_PRICE,
  COLUMN_DISCOUNT,
  COLUMN_AMOUNT,
  N_COLUMNS
};

/* The line table's columns; the description takes what the others leave. */
static const struct
{
  const char     *heading;
  double          width;
  PangoAlignment  alignment;
} columns[N_COLUMNS] = {
  [COLUMN_NUMBER] = { NC_("document column", "No."), 24, PANGO_ALIGN_CENTER },
  [COLUMN_DESCRIPTION] = { NC_("document column", "Goods or service"), 0, PANGO_ALIGN_LEFT },
  [COLUMN_UNIT] = { NC_("document column", "Unit"), 38, PANGO_ALIGN_CENTER },
  [COLUMN_QUANTITY] = { NC_("document column", "Quantity"), 44, PANGO_ALIGN_RIGHT },
  [COLUMN_UNIT_PRICE] = { NC_("document column", "Unit price"), 64, PANGO_ALIGN_RIGHT },
  [COLUMN_DISCOUNT] = { NC_("document column", "Discount"), 48, PANGO_ALIGN_RIGHT },
  [COLUMN_AMOUNT] = { NC_("document column", "Amount"), 74, PANGO_ALIGN_RIGHT },
};

typedef struct
{
  PangoLayout *layout;
  double       x;
  double       y;
  double       grey;
} Piece;

typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
} Rule;

/* Texts, rules and an image placed relative to the block's top left
 * corner (x from the page's left edge). */
typedef struct
{
  GArray          *pieces;     /* Piece */
  GArray          *rules;      /* Rule */
  cairo_surface_t *image;
  double           image_x;
  double           image_y;
  double           image_scale;
  double           height;     /* what is drawn */
  double           gap;        /* space kept under it */
} Block;

typedef enum
{
  ITEM_BLOCK,
  ITEM_TABLE_HEADER,
  ITEM_ROW,
} ItemKind;

typedef struct
{
  ItemKind kind;
  guint    index;              /* of the block or the line */
  double   y;
} Item;

struct _CrmDocumentLayout
{
  CrmStore           *store;
  CrmSession         *session;
  CrmDocumentContent *content;

  double              width;
  double              height;
  double              margin;
  double              body_bottom;

  PangoFontMap       *font_map;
  PangoContext       *context;
  PangoLayout        *footer;

  double              column_x[N_COLUMNS + 1];
  PangoLayout        *headings[N_COLUMNS];
  PangoLayout        *cells[N_COLUMNS];
  double              header_height;
  GArray             *row_heights;  /* double, one per line */

  GPtrArray          *blocks;       /* Block */
  GPtrArray          *pages;        /* GArray of Item */

  /* Page cutting. */
  double              y;
  gboolean            page_fresh;   /* nothing but running heads on it yet */
  guint               running_block;
};

/* Content --------------------------------------------------------------------- */

static void
field_free (gpointer data)
{
  CrmDocumentField *field = data;

  g_free (field->label);
  g_free (field->value);
  g_free (field);
}

static void
line_free (gpointer data)
{
  CrmDocumentLine *line = data;

  g_free (line->description);
  g_free (line->unit);
  g_free (line->quantity);
  g_free (line->unit_price);
  g_free (line->discount);
  g_free (line->amount);
  g_free (line);
}

static void
party_free (gpointer data)
{
  CrmDocumentParty *party = data;

  g_free (party->heading);
  g_ptr_array_unref (party->fields);
  g_free (party);
}

static CrmDocumentField *
field_new (const char *label,
           const char *value)
{
  CrmDocumentField *field = g_new0 (CrmDocumentField, 1);

  field->label = g_strdup (label);
  field->value = g_strdup (value);
  return field;
}

/**
 * crm_document_content_new:
 *
 * Returns: (transfer full): empty content for a source to fill
 */
CrmDocumentContent *
crm_document_content_new (void)
{
  CrmDocumentContent *self = g_new0 (CrmDocumentContent, 1);

  self->references = g_ptr_array_new_with_free_func (field_free);
  self->parties = g_ptr_array_new_with_free_func (party_free);
  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->totals = g_ptr_array_new_with_free_func (field_free);
  self->sections = g_ptr_array_new_with_free_func (field_free);
  return self;
}

void
crm_document_content_free (CrmDocumentContent *self)
{
  if (self == NULL)
    return;
  g_free (self->entity);
  g_free (self->title);
  g_free (self->running_title);
  g_ptr_array_unref (self->references);
  g_free (self->company_name);
  g_free (self->company_address);
  g_free (self->company_tax_code);
  g_free (self->company_phone);
  g_clear_pointer (&self->company_logo, g_bytes_unref);
  g_ptr_array_unref (self->parties);
  g_free (self->intro);
  g_ptr_array_unref (self->lines);
  g_ptr_array_unref (self->totals);
  g_free (self->amount_in_words);
  g_ptr_array_unref (self->sections);
  g_free (self->signature_left);
  g_free (self->signature_left_name);
  g_free (self->signature_right);
  g_free (self->signature_right_name);
  g_free (self);
}

/* A reference under the title ("Number", "BG-2026-0042"). */
void
crm_document_content_add_reference (CrmDocumentContent *self,
                                    const char         *label,
                                    const char         *value)
{
  g_return_if_fail (self != NULL && label != NULL);
  g_ptr_array_add (self->references, field_new (label, value));
}

/**
 * crm_document_content_add_party:
 * @heading: (nullable): "Customer", "Party B"…
 *
 * Returns: (transfer none): a new party block, to fill with
 *   crm_document_party_add_field()
 */
CrmDocumentParty *
crm_document_content_add_party (CrmDocumentContent *self,
                                const char         *heading)
{
  CrmDocumentParty *party;

  g_return_val_if_fail (self != NULL, NULL);

  party = g_new0 (CrmDocumentParty, 1);
  party->heading = g_strdup (heading);
  party->fields = g_ptr_array_new_with_free_func (field_free);
  g_ptr_array_add (self->parties, party);
  return party;
}

/* A field of a party; nothing is added for an empty @value. */
void
crm_document_party_add_field (CrmDocumentParty *party,
                              const char       *label,
                              const char       *value)
{
  g_return_if_fail (party != NULL && label != NULL);

  if (value != NULL && *value != '\0')
    g_ptr_array_add (party->fields, field_new (label, value));
}

void
crm_document_content_add_line (CrmDocumentContent *self,
                               const char         *description,
                               const char         *unit,
                               const char         *quantity,
                               const char         *unit_price,
                               const char         *discount,
                               const char         *amount)
{
  CrmDocumentLine *line;

  g_return_if_fail (self != NULL);

  line = g_new0 (CrmDocumentLine, 1);
  line->description = g_strdup (description ? description : "");
  line->unit = g_strdup (unit ? unit : "");
  line->quantity = g_strdup (quantity ? quantity : "");
  line->unit_price = g_strdup (unit_price ? unit_price : "");
  line->discount = g_strdup (discount ? discount : "");
  line->amount = g_strdup (amount ? amount : "");
  g_ptr_array_add (self->lines, line);
}

/* A row of the totals; the last one added is printed as the grand total. */
void
crm_document_content_add_total (CrmDocumentContent *self,
                                const char         *label,
                                const char         *value)
{
  g_return_if_fail (self != NULL && label != NULL);
  g_ptr_array_add (self->totals, field_new (label, value));
}

/* A heading and its text after the totals; nothing for an empty @text. */
void
crm_document_content_add_section (CrmDocumentContent *self,
                                  const char         *heading,
                                  const char         *text)
{
  g_return_if_fail (self != NULL && heading != NULL);

  if (text != NULL && *text != '\0')
    g_ptr_array_add (self->sections, field_new (heading, text));
}

/* Blocks ------------------------------------------------------------------------- */

static Block *
block_new (void)
{
  Block *block = g_new0 (Block, 1);

  block->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  block->rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  block->gap = BLOCK_GAP;
  return block;
}

static void
block_free (gpointer data)
{
  Block *block = data;

  for (guint i = 0; i < block->pieces->len; i++)
    g_object_unref (g_array_index (block->pieces, Piece, i).layout);
  g_array_unref (block->pieces);
  g_array_unref (block->rules);
  g_clear_pointer (&block->image, cairo_surface_destroy);
  g_free (block);
}

/* Places @layout (taken) at @x, @y in @block; returns where it ends. */
static double
block_add (Block       *block,
           PangoLayout *layout,
           double       x,
           double       y,
           double       grey)
{
  Piece piece = { layout, x, y, grey };
  double bottom = y + crm_pdf_text_height (layout);

  g_array_append_val (block->pieces, piece);
  block->height = MAX (block->height, bottom);
  return bottom;
}

static void
block_add_rule (Block  *block,
                double  x0,
                double  y0,
                double  x1,
                double  y1)
{
  Rule rule = { x0, y0, x1, y1 };

  g_array_append_val (block->rules, rule);
  block->height = MAX (block->height, MAX (y0, y1));
}

static PangoLayout *
text_new (CrmDocumentLayout *self,
          const char        *text,
          double             size,
          PangoWeight        weight,
          double             width,
          PangoAlignment     alignment)
{
  PangoLayout *layout = crm_pdf_text_new (self->context, size, weight, width, alignment);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static PangoLayout *
italic_new (CrmDocumentLayout *self,
            const char        *text,
            double             size,
            double             width,
            PangoAlignment     alignment)
{
  PangoLayout *layout = text_new (self, text, size, PANGO_WEIGHT_NORMAL, width, alignment);
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_style_new (PANGO_STYLE_ITALIC));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  return layout;
}

static void
stroke_rule (cairo_t *cr,
             double   x0,
             double   y0,
             double   x1,
             double   y1)
{
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

static void
draw_block (const Block *block,
            cairo_t     *cr,
            double       y)
{
  if (block->image != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, block->image_x, y + block->image_y);
      cairo_scale (cr, block->image_scale, block->image_scale);
      cairo_set_source_surface (cr, block->image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  for (guint i = 0; i < block->pieces->len; i++)
    {
      const Piece *piece = &g_array_index (block->pieces, Piece, i);

      cairo_set_source_rgb (cr, piece->grey, piece->grey, piece->grey);
      crm_pdf_show (cr, piece->layout, piece->x, y + piece->y);
    }
  cairo_set_source_rgb (cr, RULE_GREY, RULE_GREY, RULE_GREY);
  cairo_set_line_width (cr, RULE_WIDTH);
  for (guint i = 0; i < block->rules->len; i++)
    {
      const Rule *rule = &g_array_index (block->rules, Rule, i);

      stroke_rule (cr, rule->x0, y + rule->y0, rule->x1, y + rule->y1);
    }
}

/* The logo ------------------------------------------------------------------------ */

/* @pixbuf's pixels as cairo wants them: native-endian ARGB, premultiplied. */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint8 *data;
  int stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *in = pixels + (gsize) y * rowstride;
      guint32 *out = (guint32 *) (gpointer) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++, in += channels)
        {
          guint a = alpha ? in[3] : 0xff;
          guint r = (in[0] * a + 127) / 255;
          guint g = (in[1] * a + 127) / 255;
          guint b = (in[2] * a + 127) / 255;

          out[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The company's logo as a cairo surface, or NULL: a logo that cannot be
 * read is left out rather than stopping the document. */
static cairo_surface_t *
logo_surface (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;
  int width, height;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return NULL;
  loader = gdk_pixbuf_loader_new ();
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &error))
    {
      g_debug ("The company logo cannot be read: %s", error->message);
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  if (!gdk_pixbuf_loader_close (loader, &error))
    {
      g_debug ("The company logo cannot be read: %s", error->message);
      return NULL;
    }
  if ((pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 ||
      gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB)
    return NULL;
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (MAX (width, height) > LOGO_MAX_PIXELS)
    {
      double scale = (double) LOGO_MAX_PIXELS / MAX (width, height);

      scaled = gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)),
                                        GDK_INTERP_BILINEAR);
      if (scaled == NULL)
        return NULL;
      pixbuf = scaled;
    }
  return surface_from_pixbuf (pixbuf);
}

/* The blocks of a document ---------------------------------------------------------- */

static double
text_width (CrmDocumentLayout *self)
{
  return self->width - 2 * self->margin;
}

/* "label: value", or NULL when @value is empty. */
static char *
labelled (const char *label,
          const char *value)
{
  if (value == NULL || *value == '\0')
    return NULL;
  return g_strdup_printf ("%s: %s", label, value);
}

/* Logo at the left, the company's name and details beside it, a rule
 * under both; NULL when settings hold none of them. */
static Block *
company_block (CrmDocumentLayout *self)
{
  const CrmDocumentContent *content = self->content;
  g_autofree char *tax_code = labelled (_("Tax code"), content->company_tax_code);
  g_autofree char *phone = labelled (_("Phone"), content->company_phone);
  g_autofree char *contacts = NULL;
  cairo_surface_t *logo = logo_surface (content->company_logo);
  Block *block;
  double x = self->margin, y = 0, width;

  if (logo == NULL && content->company_name == NULL && content->company_address == NULL &&
      tax_code == NULL && phone == NULL)
    return NULL;

  block = block_new ();
  if (logo != NULL)
    {
      int w = cairo_image_surface_get_width (logo);
      int h = cairo_image_surface_get_height (logo);

      block->image = logo;
      block->image_x = self->margin;
      block->image_scale = LOGO_BOX / MAX (w, h);
      block->height = h * block->image_scale;
      x += w * block->image_scale + LOGO_GAP;
    }
  width = self->width - self->margin - x;
  if (content->company_name != NULL)
    y = block_add (block, text_new (self, content->company_name, COMPANY_SIZE, PANGO_WEIGHT_BOLD, width,
                                    PANGO_ALIGN_LEFT), x, y, TEXT_GREY) + LINE_GAP;
  if (content->company_address != NULL)
    y = block_add (block, text_new (self, content->company_address, BODY_SIZE, PANGO_WEIGHT_NORMAL, width,
                                    PANGO_ALIGN_LEFT), x, y, TEXT_GREY);
  contacts = tax_code && phone ? g_strconcat (tax_code, "   ", phone, NULL) : g_strdup (tax_code ? tax_code : phone);
  if (contacts != NULL)
    block_add (block, text_new (self, contacts, BODY_SIZE, PANGO_WEIGHT_NORMAL, width, PANGO_ALIGN_LEFT),
               x, y, TEXT_GREY);
  block->height += LINE_GAP * 2;
  block_add_rule (block, self->margin, block->height, self->width - self->margin, block->height);
  return block;
}

/* The title, centred, and the references two to a line under it. */
static Block *
title_block (CrmDocumentLayout *self)
{
  const CrmDocumentContent *content = self->content;
  g_autoptr(GString) references = g_string_new (NULL);
  Block *block = block_new ();
  double y;

  y = block_add (block, text_new (self, content->title, TITLE_SIZE, PANGO_WEIGHT_BOLD, text_width (self),
                                  PANGO_ALIGN_CENTER), self->margin, 0, TEXT_GREY) + LINE_GAP;
  for (guint i = 0; i < content->references->len; i++)
    {
      const CrmDocumentField *field = g_ptr_array_index (content->references, i);

      if (i > 0)
        g_string_append (references, i % 2 == 0 ? "\n" : "      ");
      g_string_append_printf (references, "%s: %s", field->label, field->value ? field->value : "");
    }
  if (references->len > 0)
    block_add (block, text_new (self, references->str, BODY_SIZE, PANGO_WEIGHT_NORMAL, text_width (self),
                                PANGO_ALIGN_CENTER), self->margin, y, TEXT_GREY);
  return block;
}

/* Labels in a column of their own, values wrapping beside them. */
static Block *
party_block (CrmDocumentLayout      *self,
             const CrmDocumentParty *party)
{
  double value_x = self->margin + FIELD_LABEL_WIDTH;
  double value_width = self->width - self->margin - value_x;
  Block *block = block_new ();
  double y = 0;

  if (party->heading != NULL)
    y = block_add (block, text_new (self, party->heading, BODY_SIZE + 0.5, PANGO_WEIGHT_BOLD, text_width (self),
                                    PANGO_ALIGN_LEFT), self->margin, 0, TEXT_GREY) + LINE_GAP;
  for (guint i = 0; i < party->fields->len; i++)
    {
      const CrmDocumentField *field = g_ptr_array_index (party->fields, i);
      g_autofree char *label = g_strdup_printf ("%s:", field->label);
      double bottom;

      bottom = block_add (block, text_new (self, label, BODY_SIZE, PANGO_WEIGHT_NORMAL, FIELD_LABEL_WIDTH - CELL_PAD_X,
                                           PANGO_ALIGN_LEFT), self->margin, y, SOFT_GREY);
      y = MAX (bottom, block_add (block, text_new (self, field->value, BODY_SIZE,
                                                   i == 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                                   value_width, PANGO_ALIGN_LEFT), value_x, y, TEXT_GREY));
      y += 1;
    }
  return block;
}

static Block *
paragraph_block (CrmDocumentLayout *self,
                 const char        *text)
{
  Block *block = block_new ();

  block_add (block, text_new (self, text, BODY_SIZE, PANGO_WEIGHT_NORMAL, text_width (self), PANGO_ALIGN_LEFT),
             self->margin, 0, TEXT_GREY);
  block->gap = BLOCK_GAP / 2;
  return block;
}

/* What heads pages 2, 3, …: the document and its number, a rule. */
static Block *
running_block (CrmDocumentLayout *self)
{
  Block *block = block_new ();
  double y;

  y = block_add (block, text_new (self, self->content->running_title, SMALL_SIZE, PANGO_WEIGHT_NORMAL,
                                  text_width (self), PANGO_ALIGN_LEFT), self->margin, 0, SOFT_GREY);
  block_add_rule (block, self->margin, y + LINE_GAP, self->width - self->margin, y + LINE_GAP);
  block->gap = BLOCK_GAP / 2;
  return block;
}

/* The totals at the right, the grand total in bold over a rule, then the
 * amount in words across the page. */
static Block *
summary_block (CrmDocumentLayout *self)
{
  const CrmDocumentContent *content = self->content;
  double right = self->width - self->margin;
  double label_x = right - TOTAL_VALUE_WIDTH - TOTAL_LABEL_WIDTH;
  Block *block = block_new ();
  double y = LINE_GAP * 2;

  for (guint i = 0; i < content->totals->len; i++)
    {
      const CrmDocumentField *field = g_ptr_array_index (content->totals, i);
      gboolean grand = i + 1 == content->totals->len;
      PangoWeight weight = grand ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      double bottom;

      if (grand)
        {
          block_add_rule (block, label_x, y, right, y);
          y += LINE_GAP;
        }
      bottom = block_add (block, text_new (self, field->label, BODY_SIZE, weight, TOTAL_LABEL_WIDTH - CELL_PAD_X,
                                           PANGO_ALIGN_LEFT), label_x, y, TEXT_GREY);
      y = MAX (bottom, block_add (block, text_new (self, field->value, BODY_SIZE, weight, TOTAL_VALUE_WIDTH - CELL_PAD_X,
                                                   PANGO_ALIGN_RIGHT), right - TOTAL_VALUE_WIDTH, y, TEXT_GREY));
      y += 1;
    }
  if (content->amount_in_words != NULL)
    block_add (block, italic_new (self, content->amount_in_words, BODY_SIZE, text_width (self), PANGO_ALIGN_LEFT),
               self->margin, y + LINE_GAP * 2, TEXT_GREY);
  return block;
}

/* A heading and its text, cut with "…" past SECTION_MAX_SHARE of a page. */
static Block *
section_block (CrmDocumentLayout      *self,
               const CrmDocumentField *section)
{
  Block *block = block_new ();
  PangoLayout *text;
  double y;

  y = block_add (block, text_new (self, section->label, BODY_SIZE, PANGO_WEIGHT_BOLD, text_width (self),
                                  PANGO_ALIGN_LEFT), self->margin, 0, TEXT_GREY) + 1;
  text = text_new (self, section->value, BODY_SIZE, PANGO_WEIGHT_NORMAL, text_width (self), PANGO_ALIGN_LEFT);
  pango_layout_set_height (text, (int) ((self->body_bottom - self->margin) * SECTION_MAX_SHARE * PANGO_SCALE));
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
  block_add (block, text, self->margin, y, TEXT_GREY);
  block->gap = BLOCK_GAP / 2 + LINE_GAP;
  return block;
}

/* One signature column: who signs, how, room to sign, the name. */
static double
add_signature (CrmDocumentLayout *self,
               Block             *block,
               const char        *label,
               const char        *name,
               double             x,
               double             width)
{
  double y;

  if (label == NULL)
    return 0;
  y = block_add (block, text_new (self, label, BODY_SIZE, PANGO_WEIGHT_BOLD, width, PANGO_ALIGN_CENTER), x, 0, TEXT_GREY);
  y = block_add (block, italic_new (self, _("(Signature and full name)"), SMALL_SIZE, width, PANGO_ALIGN_CENTER),
                 x, y, SOFT_GREY);
  y += SIGNATURE_SPACE;
  if (name != NULL && *name != '\0')
    y = block_add (block, text_new (self, name, BODY_SIZE, PANGO_WEIGHT_BOLD, width, PANGO_ALIGN_CENTER), x, y, TEXT_GREY);
  return y;
}

static Block *
signature_block (CrmDocumentLayout *self)
{
  const CrmDocumentContent *content = self->content;
  double half = text_width (self) / 2;
  Block *block;
  double left, right;

  if (content->signature_left == NULL && content->signature_right == NULL)
    return NULL;
  block = block_new ();
  block->height = BLOCK_GAP;
  left = add_signature (self, block, content->signature_left, content->signature_left_name, self->margin, half);
  right = add_signature (self, block, content->signature_right, content->signature_right_name,
                         self->margin + half, half);
  block->height = MAX (left, right);
  return block;
}

static guint
add_block (CrmDocumentLayout *self,
           Block             *block)
{
  g_ptr_array_add (self->blocks, block);
  return self->blocks->len - 1;
}

/* The table ---------------------------------------------------------------------------- */

static void
set_up_table (CrmDocumentLayout *self)
{
  double fixed = 0;
  double x = self->margin;

  for (guint i = 0; i < N_COLUMNS; i++)
    fixed += columns[i].width;
  self->header_height = 0;
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      double width = columns[i].width > 0 ? columns[i].width : text_width (self) - fixed;
      double inner = MAX (width - 2 * CELL_PAD_X, 1);
      const char *heading = g_dpgettext2 (GETTEXT_PACKAGE, "document column", columns[i].heading);

      self->column_x[i] = x;
      x += width;
      self->headings[i] = text_new (self, heading, TABLE_SIZE, PANGO_WEIGHT_BOLD, inner, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (self->headings[i], PANGO_WRAP_WORD);
      self->header_height = MAX (self->header_height, crm_pdf_text_height (self->headings[i]));
      self->cells[i] = text_new (self, NULL, TABLE_SIZE, PANGO_WEIGHT_NORMAL, inner, columns[i].alignment);
    }
  self->column_x[N_COLUMNS] = x;
  self->header_height += 2 * CELL_PAD_Y;
  pango_layout_set_height (self->cells[COLUMN_DESCRIPTION], -ROW_MAX_LINES);
  pango_layout_set_ellipsize (self->cells[COLUMN_DESCRIPTION], PANGO_ELLIPSIZE_END);
}

/* Puts the texts of line @index (from 0) into the cell layouts. */
static void
set_row_texts (CrmDocumentLayout *self,
               guint              index)
{
  const CrmDocumentLine *line = g_ptr_array_index (self->content->lines, index);
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  const char *texts[N_COLUMNS] = {
    [COLUMN_NUMBER] = number,
    [COLUMN_DESCRIPTION] = line->description,
    [COLUMN_UNIT] = line->unit,
    [COLUMN_QUANTITY] = line->quantity,
    [COLUMN_UNIT_PRICE] = line->unit_price,
    [COLUMN_DISCOUNT] = line->discount,
    [COLUMN_AMOUNT] = line->amount,
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    pango_layout_set_text (self->cells[i], texts[i], -1);
}

static void
measure_rows (CrmDocumentLayout *self)
{
  for (guint i = 0; i < self->content->lines->len; i++)
    {
      double height = 0;

      set_row_texts (self, i);
      for (guint j = 0; j < N_COLUMNS; j++)
        height = MAX (height, crm_pdf_text_height (self->cells[j]));
      height += 2 * CELL_PAD_Y;
      g_array_append_val (self->row_heights, height);
    }
}

/* The vertical rules of a row of the table, and the rule under it. */
static void
draw_grid (CrmDocumentLayout *self,
           cairo_t           *cr,
           double             y,
           double             height)
{
  cairo_set_source_rgb (cr, RULE_GREY, RULE_GREY, RULE_GREY);
  cairo_set_line_width (cr, RULE_WIDTH);
  for (guint i = 0; i <= N_COLUMNS; i++)
    stroke_rule (cr, self->column_x[i], y, self->column_x[i], y + height);
  stroke_rule (cr, self->column_x[0], y + height, self->column_x[N_COLUMNS], y + height);
}

static void
draw_table_header (CrmDocumentLayout *self,
                   cairo_t           *cr,
                   double             y)
{
  cairo_set_source_rgb (cr, HEADER_SHADE, HEADER_SHADE, HEADER_SHADE);
  cairo_rectangle (cr, self->column_x[0], y, self->column_x[N_COLUMNS] - self->column_x[0], self->header_height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, TEXT_GREY, TEXT_GREY, TEXT_GREY);
  for (guint i = 0; i < N_COLUMNS; i++)
    crm_pdf_show (cr, self->headings[i], self->column_x[i] + CELL_PAD_X, y + CELL_PAD_Y);
  draw_grid (self, cr, y, self->header_height);
  stroke_rule (cr, self->column_x[0], y, self->column_x[N_COLUMNS], y);
}

static void
draw_row (CrmDocumentLayout *self,
          cairo_t           *cr,
          guint              index,
          double             y)
{
  set_row_texts (self, index);
  cairo_set_source_rgb (cr, TEXT_GREY, TEXT_GREY, TEXT_GREY);
  for (guint i = 0; i < N_COLUMNS; i++)
    crm_pdf_show (cr, self->cells[i], self->column_x[i] + CELL_PAD_X, y + CELL_PAD_Y);
  draw_grid (self, cr, y, g_array_index (self->row_heights, double, index));
}

/* Cutting pages ----------------------------------------------------------------------------- */

static void
put (CrmDocumentLayout *self,
     ItemKind           kind,
     guint              index,
     double             height)
{
  Item item = { kind, index, self->y };

  g_array_append_val (g_ptr_array_index (self->pages, self->pages->len - 1), item);
  self->y += height;
}

/* A new page, under the running head from the second page on, and under
 * the table's header row when the table goes on. */
static void
start_page (CrmDocumentLayout *self,
            gboolean           table_goes_on)
{
  g_ptr_array_add (self->pages, g_array_new (FALSE, FALSE, sizeof (Item)));
  self->y = self->margin;
  if (self->pages->len > 1)
    {
      const Block *running = g_ptr_array_index (self->blocks, self->running_block);

      put (self, ITEM_BLOCK, self->running_block, running->height + running->gap);
    }
  if (table_goes_on)
    put (self, ITEM_TABLE_HEADER, 0, self->header_height);
  self->page_fresh = TRUE;
}

static gboolean
fits (CrmDocumentLayout *self,
      double             height)
{
  return self->y + height <= self->body_bottom;
}

/* Places a block, on the next page when it does not fit this one. */
static void
place_block (CrmDocumentLayout *self,
             guint              index)
{
  const Block *block = g_ptr_array_index (self->blocks, index);

  if (!self->page_fresh && !fits (self, block->height))
    start_page (self, FALSE);
  put (self, ITEM_BLOCK, index, block->height + block->gap);
  self->page_fresh = FALSE;
}

/* The header row and the lines; the last line goes with what follows
 * the table (@closing high) to the next page when they do not both fit. */
static void
place_table (CrmDocumentLayout *self,
             double             closing)
{
  guint n_lines = self->row_heights->len;
  double first = n_lines > 0 ? g_array_index (self->row_heights, double, 0) : 0;
  guint on_page = 0;

  if (!self->page_fresh && !fits (self, self->header_height + first + (n_lines <= 1 ? closing : 0)))
    start_page (self, FALSE);
  put (self, ITEM_TABLE_HEADER, 0, self->header_height);
  self->page_fresh = FALSE;
  for (guint i = 0; i < n_lines; i++)
    {
      double height = g_array_index (self->row_heights, double, i);
      double needed = height + (i + 1 == n_lines ? closing : 0);

      if (on_page > 0 && !fits (self, needed))
        {
          start_page (self, TRUE);
          on_page = 0;
        }
      put (self, ITEM_ROW, i, height);
      on_page++;
    }
}

/* How much of the closing blocks (from @first to the last) to keep with
 * the last line: all of them when they fit a page under the running
 * head, the header row and the last line, else the first alone. */
static double
closing_height (CrmDocumentLayout *self,
                guint              first)
{
  const Block *running = g_ptr_array_index (self->blocks, self->running_block);
  guint n_lines = self->row_heights->len;
  double last = n_lines > 0 ? g_array_index (self->row_heights, double, n_lines - 1) : 0;
  double room = self->body_bottom - self->margin - running->height - running->gap - self->header_height - last;
  double all = 0;

  for (guint i = first; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);

      all += block->height + (i + 1 < self->blocks->len ? block->gap : 0);
    }
  if (all <= room)
    return all;
  return ((Block *) g_ptr_array_index (self->blocks, first))->height;
}

static void
cut_pages (CrmDocumentLayout *self)
{
  const CrmDocumentContent *content = self->content;
  Block *block;
  guint summary;
  double closing;

  self->running_block = add_block (self, running_block (self));
  start_page (self, FALSE);
  if ((block = company_block (self)) != NULL)
    place_block (self, add_block (self, block));
  place_block (self, add_block (self, title_block (self)));
  for (guint i = 0; i < content->parties->len; i++)
    place_block (self, add_block (self, party_block (self, g_ptr_array_index (content->parties, i))));
  if (content->intro != NULL)
    place_block (self, add_block (self, paragraph_block (self, content->intro)));

  /* The closing blocks are made before the table is placed, to know
   * their height; they are the last blocks of the list. */
  summary = add_block (self, summary_block (self));
  for (guint i = 0; i < content->sections->len; i++)
    add_block (self, section_block (self, g_ptr_array_index (content->sections, i)));
  if ((block = signature_block (self)) != NULL)
    add_block (self, block);
  closing = closing_height (self, summary);
  place_table (self, closing);
  for (guint i = summary; i < self->blocks->len; i++)
    place_block (self, i);
}

/* Public API ---------------------------------------------------------------------------------- */

/**
 * crm_document_layout_new:
 * @store: where crm_document_write_pdf() checks the right to print and
 *   records the print
 * @session: who prints
 * @content: (transfer full): what the document shows
 *
 * Lays @content out on A4 pages.
 *
 * Returns: (transfer full): the layout
 */
CrmDocumentLayout *
crm_document_layout_new (CrmStore            *store,
                         CrmSession          *session,
                         CrmDocumentContent  *content)
{
  CrmDocumentLayout *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (content != NULL && content->entity != NULL, NULL);

  self = g_new0 (CrmDocumentLayout, 1);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->content = content;
  self->width = CRM_PDF_A4_WIDTH;
  self->height = CRM_PDF_A4_HEIGHT;
  self->margin = PAGE_MARGIN;
  self->font_map = pango_cairo_font_map_new ();
  self->context = crm_pdf_context_new (self->font_map);
  self->footer = text_new (self, NULL, SMALL_SIZE, PANGO_WEIGHT_NORMAL, text_width (self), PANGO_ALIGN_CENTER);
  self->body_bottom = self->height - self->margin - crm_pdf_line_height (self->footer) - FOOTER_GAP;
  self->row_heights = g_array_new (FALSE, FALSE, sizeof (double));
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  set_up_table (self);
  measure_rows (self);
  cut_pages (self);
  return self;
}

/**
 * crm_document_layout_new_for_quote:
 * @revision: a saved version (1 for v1, …), or 0 for the quote as it is now
 *
 * The quote laid out for printing; see crm_quote_document_content_new().
 *
 * Returns: (transfer full): the layout, or %NULL with @error set
 */
CrmDocumentLayout *
crm_document_layout_new_for_quote (CrmStore    *store,
                                   CrmSession  *session,
                                   gint64       quote_id,
                                   gint         revision,
                                   GError     **error)
{
  CrmDocumentContent *content;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (revision >= 0, NULL);

  if (!(content = crm_quote_document_content_new (store, session, quote_id, revision, error)))
    return NULL;
  return crm_document_layout_new (store, session, content);
}

const CrmDocumentContent *
crm_document_layout_get_content (CrmDocumentLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->content;
}

/**
 * crm_document_layout_get_page_size:
 * @width: (out): in points
 * @height: (out): in points
 *
 * The page the layout is drawn on: A4 portrait.  A print callback scales
 * its context by the printable width over @width before drawing.
 */
void
crm_document_layout_get_page_size (CrmDocumentLayout *self,
                                   double            *width,
                                   double            *height)
{
  g_return_if_fail (self != NULL);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

/* At least 1. */
guint
crm_document_layout_get_n_pages (CrmDocumentLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pages->len;
}

/**
 * crm_document_layout_draw_page:
 * @cr: whose user space is the page in points, origin at its top left
 *   corner: a PDF surface's, or a GtkPrintContext's scaled to A4
 * @page: from 0
 *
 * Draws one page; pages can be drawn in any order, any number of times.
 *
 * Returns: %FALSE with @error set when @cr is in an error state
 */
gboolean
crm_document_layout_draw_page (CrmDocumentLayout  *self,
                               cairo_t            *cr,
                               guint               page,
                               GError            **error)
{
  GArray *items;
  cairo_status_t status;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (page < self->pages->len, FALSE);

  items = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);

      switch (item->kind)
        {
        case ITEM_BLOCK:
          draw_block (g_ptr_array_index (self->blocks, item->index), cr, item->y);
          break;
        case ITEM_TABLE_HEADER:
          draw_table_header (self, cr, item->y);
          break;
        case ITEM_ROW:
          draw_row (self, cr, item->index, item->y);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  crm_pdf_draw_page_number (cr, self->footer, page, self->pages->len, self->margin, self->height - self->margin);
  cairo_restore (cr);

  if ((status = cairo_status (cr)) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot draw the page: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * crm_document_layout_check_may_print:
 *
 * Whether the signed-in user may print the document now (their row is
 * read again): %CRM_PERMISSION_ERROR otherwise.  A print dialog asks
 * before it opens; crm_document_write_pdf() asks itself.
 */
gboolean
crm_document_layout_check_may_print (CrmDocumentLayout  *self,
                                     GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return crm_document_store_check_may_print (self->store, self->session, error);
}

/**
 * crm_document_layout_audit_print:
 * @destination: the file written, or the printer's name
 *
 * Records in the audit log that the document was printed: a print
 * dialog calls it once the job is sent; crm_document_write_pdf() does
 * itself.
 */
gboolean
crm_document_layout_audit_print (CrmDocumentLayout  *self,
                                 const char         *destination,
                                 GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  return crm_document_store_audit_print (self->store, self->session, self->content->entity,
                                         self->content->entity_id, self->content->revision,
                                         destination, error);
}

void
crm_document_layout_free (CrmDocumentLayout *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_clear_object (&self->headings[i]);
      g_clear_object (&self->cells[i]);
    }
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->row_heights, g_array_unref);
  g_clear_object (&self->footer);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->content, crm_document_content_free);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_free (self);
}

static gboolean
draw_page_cb (gpointer   user_data,
              cairo_t   *cr,
              guint      page,
              GError   **error)
{
  return crm_document_layout_draw_page (user_data, cr, page, error);
}

/**
 * crm_document_write_pdf:
 * @dest: the .pdf file to create or replace
 *
 * Writes the document to @dest as an A4 PDF with its fonts embedded, if
 * the signed-in user may print (%CRM_PERMISSION_ERROR otherwise, and
 * nothing is written), and records the print in the audit log before the
 * file appears.  On failure @dest is left as it was.
 */
gboolean
crm_document_write_pdf (CrmDocumentLayout  *layout,
                        GFile              *dest,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(CrmExportTarget) target = NULL;
  const char *title;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  title = layout->content->running_title ? layout->content->running_title : layout->content->title;
  return crm_document_layout_check_may_print (layout, error) &&
         (target = crm_export_target_new (dest, error)) != NULL &&
         crm_pdf_write_pages (target, layout->width, layout->height, title, layout->pages->len,
                              draw_page_cb, layout, cancellable, error) &&
         crm_document_layout_audit_print (layout, crm_export_target_get_path (target), error) &&
         crm_export_target_commit (target, error);
}
