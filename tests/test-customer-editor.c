/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-customer-editor.h"
#include "crm-error.h"
#include "crm-interaction-store.h"
#include "crm-search-store.h"
#include "test-fixture.h"

static void
test_new_customer_validation (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  g_autoptr(CrmCustomerEditor) editor = crm_customer_editor_new (fixture->store, fixture->admin);
  g_autoptr(GError) error = NULL;
  g_autofree char *tax_error = NULL;

  crm_customer_editor_start_new (editor, CRM_CUSTOMER_KIND_PERSON, 0);
  g_assert_false (crm_customer_editor_get_can_save (editor));
  g_assert_nonnull (crm_customer_editor_get_field_error (editor, CRM_CUSTOMER_FIELD_FULL_NAME));
  g_assert_false (crm_customer_editor_save (editor, &error));
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME, "Nguyễn Văn Đức");
  g_assert_null (crm_customer_editor_get_field_error (editor, CRM_CUSTOMER_FIELD_FULL_NAME));
  g_assert_true (crm_customer_editor_get_can_save (editor));

  g_object_set (editor, "tax-code", "0100109107", NULL);
  g_object_get (editor, "tax-code-error", &tax_error, NULL);
  g_assert_nonnull (tax_error);
  g_assert_false (crm_customer_editor_get_can_save (editor));

  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_TAX_CODE, "0100109106");
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_PHONES, "0912345678; +84 983 111 222");
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_BIRTH_DATE, "31/04/1990");
  g_assert_nonnull (crm_customer_editor_get_field_error (editor, CRM_CUSTOMER_FIELD_BIRTH_DATE));
  g_assert_false (crm_customer_editor_get_can_save (editor));
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_BIRTH_DATE, "30/04/1990");
  g_assert_true (crm_customer_editor_get_can_save (editor));
}

static void
test_save_new_then_edit (CrmTestDb     *fixture,
                         gconstpointer  data)
{
  g_autoptr(CrmCustomerEditor) editor = crm_customer_editor_new (fixture->store, fixture->admin);
  g_autoptr(CrmCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;

  crm_customer_editor_start_new (editor, CRM_CUSTOMER_KIND_ORGANISATION, 0);
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME, "Công ty TNHH Đại Phát");
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_PHONES, "0912345678");
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_PROVINCE, "ho-chi-minh");
  g_assert_true (crm_customer_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_customer_editor_get_id (editor), >, 0);
  g_assert_false (crm_customer_editor_get_dirty (editor));
  g_assert_cmpstr (crm_customer_editor_get_field (editor, CRM_CUSTOMER_FIELD_CODE), ==, "KH000001");
  g_assert_cmpstr (crm_customer_editor_get_field (editor, CRM_CUSTOMER_FIELD_PHONES), ==, "0912 345 678");

  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_NOTES, "Khách quen");
  g_assert_true (crm_customer_editor_get_dirty (editor));
  crm_customer_editor_revert (editor);
  g_assert_false (crm_customer_editor_get_dirty (editor));
  g_assert_cmpstr (crm_customer_editor_get_field (editor, CRM_CUSTOMER_FIELD_NOTES), ==, "");

  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_NOTES, "Khách quen");
  g_assert_true (crm_customer_editor_save (editor, &error));
  g_assert_no_error (error);
  stored = crm_customer_store_get (fixture->store, fixture->admin, crm_customer_editor_get_id (editor), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->notes, ==, "Khách quen");
  g_assert_cmpint (stored->row_version, ==, 2);
}

static void
test_duplicates_shown_while_typing (CrmTestDb     *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CrmCustomerEditor) editor = crm_customer_editor_new (fixture->store, fixture->admin);
  CrmDuplicate *duplicate;
  guint n = 99;

  crm_test_add_customer (fixture, NULL, "Trần Thị Mai", "hue", "0983 111 222", 0);
  crm_customer_editor_start_new (editor, CRM_CUSTOMER_KIND_PERSON, 0);
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME, "Mai Trần");
  g_object_get (editor, "n-duplicates", &n, NULL);
  g_assert_cmpuint (n, ==, 0);
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_PHONES, "+84983111222");
  g_object_get (editor, "n-duplicates", &n, NULL);
  g_assert_cmpuint (n, ==, 1);
  duplicate = g_ptr_array_index (crm_customer_editor_get_duplicates (editor), 0);
  g_assert_cmpstr (duplicate->full_name, ==, "Trần Thị Mai");
  g_assert_cmpstr (duplicate->reason, ==, "phone");
}

static void
test_second_editor_keeps_its_draft (CrmTestDb     *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CrmCustomerEditor) first = crm_customer_editor_new (fixture->store, fixture->admin);
  g_autoptr(CrmCustomerEditor) second = crm_customer_editor_new (fixture->store, fixture->admin);
  g_autoptr(GError) error = NULL;
  gint64 id = crm_test_add_customer (fixture, NULL, "Lê Văn Tám", "hue", NULL, 0);

  g_assert_true (crm_customer_editor_load (first, id, &error));
  g_assert_true (crm_customer_editor_load (second, id, &error));
  crm_customer_editor_set_field (first, CRM_CUSTOMER_FIELD_OCCUPATION, "Kỹ sư");
  g_assert_true (crm_customer_editor_save (first, &error));
  g_assert_no_error (error);

  crm_customer_editor_set_field (second, CRM_CUSTOMER_FIELD_OCCUPATION, "Bác sĩ");
  g_assert_false (crm_customer_editor_save (second, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_assert_true (crm_customer_editor_get_dirty (second));
  g_assert_cmpstr (crm_customer_editor_get_field (second, CRM_CUSTOMER_FIELD_OCCUPATION), ==, "Bác sĩ");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notifies_only_on_change (CrmTestDb     *fixture,
                              gconstpointer  data)
{
  g_autoptr(CrmCustomerEditor) editor = crm_customer_editor_new (fixture->store, fixture->admin);
  guint can_save_changes = 0;

  crm_customer_editor_start_new (editor, CRM_CUSTOMER_KIND_PERSON, 0);
  g_signal_connect (editor, "notify::can-save", G_CALLBACK (count_notify), &can_save_changes);
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME, "A");
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME, "An");
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME, "An");
  g_assert_cmpuint (can_save_changes, ==, 1);
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME, "");
  g_assert_cmpuint (can_save_changes, ==, 2);
}

/* The choices made with drop-downs count as changes and are saved. */
static void
test_choices_and_age (CrmTestDb     *fixture,
                      gconstpointer  data)
{
  g_autoptr(CrmCustomerEditor) editor = crm_customer_editor_new (fixture->store, fixture->admin);
  g_autoptr(CrmCustomer) stored = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) born = g_date_time_add_years (now, -30);
  g_autofree char *birth = g_date_time_format (born, "%d/%m/%Y");
  g_autofree char *expected_age = g_strdup_printf ("%d years old", 30);
  g_autoptr(GError) error = NULL;

  crm_customer_editor_start_new (editor, CRM_CUSTOMER_KIND_PERSON, 0);
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME, "Trần Thị Bích");
  g_assert_null (crm_customer_editor_get_age (editor));
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_BIRTH_DATE, birth);
  g_assert_cmpstr (crm_customer_editor_get_age (editor), ==, expected_age);
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_BIRTH_DATE, "32/01/1990");
  g_assert_null (crm_customer_editor_get_age (editor));
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_BIRTH_DATE, birth);

  crm_customer_editor_set_gender (editor, "female");
  crm_customer_editor_set_source (editor, "referral");
  g_assert_true (crm_customer_editor_save (editor, &error));
  g_assert_no_error (error);
  stored = crm_customer_store_get (fixture->store, fixture->admin, crm_customer_editor_get_id (editor), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->gender, ==, "female");
  g_assert_cmpstr (stored->source, ==, "referral");
  g_assert_cmpstr (crm_customer_editor_get_age (editor), ==, expected_age);

  g_assert_false (crm_customer_editor_get_dirty (editor));
  crm_customer_editor_set_source (editor, "website");
  g_assert_true (crm_customer_editor_get_dirty (editor));
  crm_customer_editor_set_source (editor, "referral");
  g_assert_false (crm_customer_editor_get_dirty (editor));
  crm_customer_editor_set_assigned_to (editor, 0);
  g_assert_true (crm_customer_editor_get_can_save (editor));
  crm_customer_editor_revert (editor);
  g_assert_cmpint (crm_customer_editor_get_assigned_to (editor), ==, crm_session_get_user_id (fixture->admin));
}

static void
log_call (CrmTestDb *fixture,
          gint64     customer_id,
          const char *next_due)
{
  g_autoptr(CrmInteraction) call = crm_interaction_new ();
  g_autoptr(GError) error = NULL;

  crm_interaction_set_customer_id (call, customer_id);
  crm_interaction_set_summary (call, "Gọi hỏi thăm");
  crm_interaction_set_next_due_on (call, next_due);
  g_assert_cmpint (crm_interaction_store_add (fixture->store, fixture->admin, call, &error), >, 0);
  g_assert_no_error (error);
}

/* Logging a call from the open profile moves the contact dates; the draft
 * keeps what was typed and still saves, unless someone else changed the
 * profile meanwhile. */
static void
test_contact_dates_follow_history (CrmTestDb     *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CrmCustomerEditor) editor = crm_customer_editor_new (fixture->store, fixture->admin);
  g_autoptr(CrmCustomerEditor) other = crm_customer_editor_new (fixture->store, fixture->admin);
  g_autoptr(CrmCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_test_add_customer (fixture, NULL, "Đỗ Văn Hải", "hue", NULL, 0);

  g_assert_true (crm_customer_editor_load (editor, id, &error));
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_NOTES, "Thích gọi buổi sáng");
  log_call (fixture, id, "2099-01-15");
  g_assert_true (crm_customer_editor_refresh_contact_dates (editor, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_editor_get_original (editor)->next_contact_due, ==, "2099-01-15");
  g_assert_nonnull (crm_customer_editor_get_original (editor)->last_contact_at);
  g_assert_cmpstr (crm_customer_editor_get_field (editor, CRM_CUSTOMER_FIELD_NOTES), ==, "Thích gọi buổi sáng");
  g_assert_true (crm_customer_editor_save (editor, &error));
  g_assert_no_error (error);
  stored = crm_customer_store_get (fixture->store, fixture->admin, id, &error);
  g_assert_cmpstr (stored->notes, ==, "Thích gọi buổi sáng");
  g_assert_cmpstr (stored->next_contact_due, ==, "2099-01-15");

  /* Someone else edits the profile, then a call is logged: still a conflict. */
  g_assert_true (crm_customer_editor_load (other, id, &error));
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_OCCUPATION, "Kỹ sư");
  crm_customer_editor_set_field (other, CRM_CUSTOMER_FIELD_WARD, "Phường Thuận Hóa");
  g_assert_true (crm_customer_editor_save (other, &error));
  log_call (fixture, id, NULL);
  g_assert_true (crm_customer_editor_refresh_contact_dates (editor, &error));
  g_assert_false (crm_customer_editor_save (editor, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (crm_customer_editor_get_field (editor, CRM_CUSTOMER_FIELD_OCCUPATION), ==, "Kỹ sư");
}

static guint
search_count (CrmTestDb  *fixture,
              const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = crm_search_store_find (fixture->store, fixture->admin, query, 10, &error);

  g_assert_no_error (error);
  return hits->len;
}

/* Tags are typed like phones, saved with the profile in one transaction,
 * found by the search, and alone do not make a new version. */
static void
test_tags (CrmTestDb     *fixture,
           gconstpointer  data)
{
  g_autoptr(CrmCustomerEditor) editor = crm_customer_editor_new (fixture->store, fixture->admin);
  g_autoptr(CrmCustomer) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, version;

  crm_customer_editor_start_new (editor, CRM_CUSTOMER_KIND_ORGANISATION, 0);
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_FULL_NAME, "Công ty TNHH Gốm Bát Tràng");
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_TAGS, "VIP, vip ,  Đại lý,");
  g_assert_true (crm_customer_editor_save (editor, &error));
  g_assert_no_error (error);
  id = crm_customer_editor_get_id (editor);
  g_assert_cmpstr (crm_customer_editor_get_field (editor, CRM_CUSTOMER_FIELD_TAGS), ==, "VIP, Đại lý");
  g_assert_cmpuint (search_count (fixture, "dai ly"), ==, 1);

  stored = crm_customer_store_get (fixture->store, fixture->admin, id, &error);
  version = stored->row_version;
  crm_customer_editor_set_field (editor, CRM_CUSTOMER_FIELD_TAGS, "Hội chợ 2026");
  g_assert_true (crm_customer_editor_get_dirty (editor));
  g_assert_true (crm_customer_editor_save (editor, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, crm_customer_free);
  stored = crm_customer_store_get (fixture->store, fixture->admin, id, &error);
  g_assert_cmpuint (stored->tags->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 0), ==, "Hội chợ 2026");
  g_assert_cmpint (stored->row_version, ==, version);
  g_assert_cmpuint (search_count (fixture, "dai ly"), ==, 0);
  g_assert_cmpuint (search_count (fixture, "hoi cho"), ==, 1);

  /* A profile change that does not touch the tags keeps them. */
  stored->occupation = g_strdup ("Sản xuất gốm");
  g_clear_pointer (&stored->tags, g_ptr_array_unref);
  g_assert_true (crm_customer_store_update (fixture->store, fixture->admin, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (fixture, "hoi cho"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, CrmTestDb, NULL, crm_test_db_setup, func, crm_test_db_teardown)
  ADD ("/controller/customer-editor/choices-and-age", test_choices_and_age);
  ADD ("/controller/customer-editor/tags", test_tags);
  ADD ("/controller/customer-editor/contact-dates-follow-history", test_contact_dates_follow_history);
  ADD ("/controller/customer-editor/new-customer-validation", test_new_customer_validation);
  ADD ("/controller/customer-editor/save-new-then-edit", test_save_new_then_edit);
  ADD ("/controller/customer-editor/duplicates-shown-while-typing", test_duplicates_shown_while_typing);
  ADD ("/controller/customer-editor/second-editor-keeps-its-draft", test_second_editor_keeps_its_draft);
  ADD ("/controller/customer-editor/notifies-only-on-change", test_notifies_only_on_change);
#undef ADD

  return g_test_run ();
}
