/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "crm-customer-store.h"
#include "crm-store.h"
#include "crm-user-store.h"

/* The victim of test-crash: writes customers as fast as it can and
 * acknowledges each one on stdout only after the store said it was
 * committed, until the parent kills it.
 *
 *   crash-child DATABASE [FIRST-NUMBER]
 */

static gboolean
create_numbered_customer (CrmStore    *store,
                          CrmSession  *admin,
                          gint64       number,
                          GError     **error)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();

  /* Several tables and the search index in one transaction. */
  customer->full_name = g_strdup_printf ("Khách thử nghiệm %" G_GINT64_FORMAT, number);
  customer->notes = g_strdup ("Ghi chú: khách hàng được tạo trong lúc thử mất điện đột ngột.");
  g_ptr_array_add (customer->phones, g_strdup_printf ("09%08" G_GINT64_FORMAT, number % 100000000));
  g_ptr_array_add (customer->emails, g_strdup_printf ("khach%" G_GINT64_FORMAT "@example.vn", number));
  return crm_customer_store_create (store, admin, customer, error) > 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmSession) admin = NULL;
  g_autoptr(GError) error = NULL;
  gint64 number = 1;

  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: %s DATABASE [FIRST-NUMBER]\n", argv[0]);
      return 2;
    }
  if (argc == 3)
    number = g_ascii_strtoll (argv[2], NULL, 10);

  store = crm_store_open (argv[1], CRM_STORE_OPEN_CREATE, &error);
  if (store != NULL)
    admin = crm_user_store_ensure_admin (store, &error);
  if (admin == NULL)
    {
      g_printerr ("crash-child: %s\n", error->message);
      return 1;
    }

  for (;; number++)
    {
      if (!create_numbered_customer (store, admin, number, &error))
        {
          g_printerr ("crash-child: customer %" G_GINT64_FORMAT ": %s\n", number, error->message);
          return 1;
        }
      /* The acknowledgement: only now may the parent count on it. */
      printf ("%" G_GINT64_FORMAT "\n", number);
      if (fflush (stdout) != 0)
        return 1;
    }
}
