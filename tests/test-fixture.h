/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A temporary database with its administrator, shared by store tests. */

#include <glib/gstdio.h>

#include "crm-customer-store.h"
#include "crm-store.h"
#include "crm-user-store.h"

typedef struct
{
  char       *dir;
  char       *path;
  CrmStore   *store;
  CrmSession *admin;
} CrmTestDb;

static inline void
crm_test_db_setup (CrmTestDb     *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sokhach-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = crm_store_open (fixture->path, CRM_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->admin = crm_user_store_ensure_admin (fixture->store, &error);
  g_assert_no_error (error);
}

static inline void
crm_test_db_teardown (CrmTestDb     *fixture,
                      gconstpointer  data)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&fixture->admin);
  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A customer with the given name, province and phone, created as @session. */
static inline gint64
crm_test_add_customer (CrmTestDb  *fixture,
                       CrmSession *session,
                       const char *name,
                       const char *province,
                       const char *phone,
                       gint64      assigned_to)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->full_name = g_strdup (name);
  customer->province_code = g_strdup (province);
  customer->assigned_to = assigned_to;
  if (phone != NULL)
    g_ptr_array_add (customer->phones, g_strdup (phone));
  id = crm_customer_store_create (fixture->store, session ? session : fixture->admin, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}
