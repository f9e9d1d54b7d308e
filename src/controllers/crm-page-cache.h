/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads the rows [offset, offset + limit) of a lazy list as the items
 * its GListModel hands out (GObjects), or NULL with @error set. */
typedef GPtrArray *(*CrmPageFetchFunc) (gpointer   owner,
                                        guint      offset,
                                        guint      limit,
                                        GError   **error);

/* The pages a lazy list keeps: a view asks for the items it shows, the
 * cache reads the page holding one when it does not have it and forgets
 * the least recently used page beyond max_pages.  Embedded in the list. */
typedef struct
{
  guint       page_size;
  guint       max_pages;
  guint       pages_fetched;   /* reads so far, for tests and benchmarks */
  const char *what;            /* "orders", for the warning when a read fails */
  GQueue      pages;
} CrmPageCache;

void     crm_page_cache_init  (CrmPageCache      *cache,
                               guint              page_size,
                               guint              max_pages,
                               const char        *what);
void     crm_page_cache_clear (CrmPageCache      *cache);
gpointer crm_page_cache_get   (CrmPageCache      *cache,
                               guint              position,
                               CrmPageFetchFunc   fetch,
                               gpointer           owner,
                               gboolean          *fetched);

G_END_DECLS
