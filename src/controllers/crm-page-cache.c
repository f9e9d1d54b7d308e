/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-page-cache"

#include "config.h"

#include "crm-page-cache.h"

typedef struct
{
  guint      index;
  GPtrArray *items;
} Page;

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

void
crm_page_cache_init (CrmPageCache *cache,
                     guint         page_size,
                     guint         max_pages,
                     const char   *what)
{
  g_return_if_fail (cache != NULL);
  g_return_if_fail (page_size > 0 && max_pages > 0);

  cache->page_size = page_size;
  cache->max_pages = max_pages;
  cache->pages_fetched = 0;
  cache->what = what;
  g_queue_init (&cache->pages);
}

/* Forgets every page: after a reload, a new filter or a new order. */
void
crm_page_cache_clear (CrmPageCache *cache)
{
  g_return_if_fail (cache != NULL);
  g_queue_clear_full (&cache->pages, (GDestroyNotify) page_free);
}

static Page *
find_page (CrmPageCache *cache,
           guint         index)
{
  for (GList *link = cache->pages.head; link != NULL; link = link->next)
    {
      Page *page = link->data;

      if (page->index == index)
        {
          g_queue_unlink (&cache->pages, link);
          g_queue_push_head_link (&cache->pages, link);
          return page;
        }
    }
  return NULL;
}

/**
 * crm_page_cache_get:
 * @fetched: (out) (optional): set to %TRUE when a page was read for it
 *
 * The item at @position, its page read through @fetch when the cache does
 * not hold it.  A read that fails is warned about and gives %NULL, as does
 * a position past the end of a page that came back short (rows deleted
 * since the list was counted): the list shows an empty row then, and its
 * next reload puts things right.
 *
 * Returns: (transfer full) (nullable): the item
 */
gpointer
crm_page_cache_get (CrmPageCache     *cache,
                    guint             position,
                    CrmPageFetchFunc  fetch,
                    gpointer          owner,
                    gboolean         *fetched)
{
  guint index, offset;
  Page *page;

  g_return_val_if_fail (cache != NULL && cache->page_size > 0, NULL);
  g_return_val_if_fail (fetch != NULL, NULL);

  index = position / cache->page_size;
  offset = position % cache->page_size;
  if (fetched != NULL)
    *fetched = FALSE;
  if ((page = find_page (cache, index)) == NULL)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *items = fetch (owner, index * cache->page_size, cache->page_size, &error);

      if (items == NULL)
        {
          g_warning ("Cannot read the %s from row %u: %s", cache->what, index * cache->page_size,
                     error ? error->message : "?");
          return NULL;
        }
      page = g_new0 (Page, 1);
      page->index = index;
      page->items = items;
      g_queue_push_head (&cache->pages, page);
      while (cache->pages.length > cache->max_pages)
        page_free (g_queue_pop_tail (&cache->pages));
      cache->pages_fetched++;
      if (fetched != NULL)
        *fetched = TRUE;
    }
  return offset < page->items->len ? g_object_ref (g_ptr_array_index (page->items, offset)) : NULL;
}
