/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "crm-error.h"
#include "crm-vcard.h"

static GPtrArray *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts = crm_vcard_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

static void
expect_error (const char *text,
              guint       line)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = crm_vcard_parse (bytes, &error);
  g_autofree char *prefix = g_strdup_printf ("%u", line);

  g_assert_null (contacts);
  g_assert_error (error, CRM_VALIDATION_ERROR, CRM_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, prefix));
}

/* vCard 2.1 from an Android phone: quoted-printable UTF-8 with soft
 * line breaks, bare TYPE parameters, the home number before the cell. */
static void
test_v21_quoted_printable (void)
{
  g_autoptr(GPtrArray) contacts = parse (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4E=67=75=79=E1=BB=85=6E;=C4=90=E1=BB=A9=63;=56=C4=83=6E;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4E=67=75=79=E1=BB=85=6E=20=56=C4=83=6E=20=\r\n"
    "=C4=90=E1=BB=A9=63\r\n"
    "TEL;HOME:024 3826 1234\r\n"
    "TEL;CELL;PREF:0912 345 678\r\n"
    "TEL;CELL:0987 654 321\r\n"
    "EMAIL;HOME:duc@example.vn\r\n"
    "EMAIL;WORK:other@example.vn\r\n"
    "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:C=C3=B4ng ty =C4=90=E1=BA=A1i Ph=C3=A1t;Kinh doanh\r\n"
    "TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gi=C3=A1m =C4=91=E1=BB=91=63\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:D=C3=B2ng 1=0D=0AD=C3=B2ng 2 a=3Db\r\n"
    "BDAY:1985-03-07\r\n"
    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
    " 2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4n\r\n"
    "\r\n"
    "END:VCARD\r\n");
  CrmVcardContact *contact;

  g_assert_cmpuint (contacts->len, ==, 1);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (contact->full_name, ==, "Nguyễn Văn Đức");
  g_assert_cmpstr (contact->family_name, ==, "Nguyễn");
  g_assert_cmpstr (contact->given_name, ==, "Đức");
  g_assert_cmpstr (contact->phone, ==, "0912 345 678");
  g_assert_cmpstr (contact->email, ==, "duc@example.vn");
  g_assert_cmpstr (contact->organisation, ==, "Công ty Đại Phát");
  g_assert_cmpstr (contact->job_title, ==, "Giám đốc");
  g_assert_cmpstr (contact->note, ==, "Dòng 1\r\nDòng 2 a=b");
  g_assert_cmpstr (contact->birthday, ==, "1985-03-07");
}

/* A 2.1 card in a legacy charset. */
static void
test_v21_charset (void)
{
  g_autoptr(GPtrArray) contacts = parse (
    "BEGIN:VCARD\nVERSION:2.1\n"
    "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Caf=E9 Ch=E2u\n"
    "TEL;VOICE:0281234567\n"
    "END:VCARD\n");
  CrmVcardContact *contact = g_ptr_array_index (contacts, 0);

  g_assert_cmpstr (contact->full_name, ==, "Café Châu");
  g_assert_cmpstr (contact->phone, ==, "0281234567");   /* no cell: the first */
}

/* vCard 3.0: folded lines (space and tab), escapes, TYPE lists, groups. */
static void
test_v30_folding_escapes (void)
{
  g_autoptr(GPtrArray) contacts = parse (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Trần;Thị Hồng;;;\r\n"
    "FN:Trần Thị\r\n"
    "  Hồng\r\n"
    "ORG:Công ty Cổ phần Xây dựng\\, Thương mại\\; Dịch vụ;Phòng\r\n"
    "\t kế toán\r\n"
    "item1.TEL;TYPE=WORK,VOICE:+84 24 1234 5678\r\n"
    "item2.TEL;TYPE=\"cell,voice\":+84 912 000 111\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:hong@example.vn\r\n"
    "NOTE:Địa chỉ: 12 Hàng Bài\\nHoàn Kiếm\\, Hà Nội\\\\kho\r\n"
    "BDAY:19900517\r\n"
    "END:VCARD\r\n");
  CrmVcardContact *contact = g_ptr_array_index (contacts, 0);

  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (contact->full_name, ==, "Trần Thị Hồng");
  g_assert_cmpstr (contact->family_name, ==, "Trần");
  g_assert_cmpstr (contact->given_name, ==, "Thị Hồng");
  g_assert_cmpstr (contact->organisation, ==, "Công ty Cổ phần Xây dựng, Thương mại; Dịch vụ");
  g_assert_cmpstr (contact->phone, ==, "+84 912 000 111");
  g_assert_cmpstr (contact->email, ==, "hong@example.vn");
  g_assert_cmpstr (contact->note, ==, "Địa chỉ: 12 Hàng Bài\nHoàn Kiếm, Hà Nội\\kho");
  g_assert_cmpstr (contact->birthday, ==, "1990-05-17");
  g_assert_null (contact->job_title);
}

/* vCard 4.0: tel: URIs, quoted parameters, dates with a time or
 * without a year. */
static void
test_v40 (void)
{
  g_autoptr(GPtrArray) contacts = parse (
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Lê Minh Tuấn\n"
    "N:Lê;Tuấn;Minh;;\n"
    "TEL;VALUE=uri;TYPE=\"voice,cell\";PREF=1:tel:+84-90-123-4567\n"
    "EMAIL;PREF=1:tuan@example.com\n"
    "TITLE:Trưởng phòng\n"
    "BDAY:1979-12-31T00:00:00Z\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Hà\n"
    "BDAY:--0412\n"
    "END:VCARD\n");
  CrmVcardContact *first = g_ptr_array_index (contacts, 0);
  CrmVcardContact *second = g_ptr_array_index (contacts, 1);

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (first->full_name, ==, "Lê Minh Tuấn");
  g_assert_cmpstr (first->phone, ==, "+84-90-123-4567");
  g_assert_cmpstr (first->email, ==, "tuan@example.com");
  g_assert_cmpstr (first->job_title, ==, "Trưởng phòng");
  g_assert_cmpstr (first->birthday, ==, "1979-12-31");
  g_assert_cmpstr (second->full_name, ==, "Hà");
  g_assert_null (second->birthday);
  g_assert_null (second->phone);
  g_assert_null (second->email);
}

/* Several cards, one without FN (the name comes from N, in Vietnamese
 * order), a blank-line gap and a BOM. */
static void
test_several_cards (void)
{
  g_autoptr(GPtrArray) contacts = parse (
    "\xEF\xBB\xBF"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Một\nEND:VCARD\n"
    "\n"
    "BEGIN:VCARD\nVERSION:3.0\nN:Phạm;Hằng;Thị;;\nTEL:0903000000\nBDAY:2001-02-30\nEND:VCARD\n"
    "begin:vcard\nversion:3.0\nfn:\nn:;;;;\norg:Chỉ có công ty\nend:vcard\n");
  CrmVcardContact *contact;

  g_assert_cmpuint (contacts->len, ==, 3);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (contact->full_name, ==, "Một");
  g_assert_null (contact->family_name);

  contact = g_ptr_array_index (contacts, 1);
  g_assert_cmpstr (contact->full_name, ==, "Phạm Thị Hằng");
  g_assert_cmpstr (contact->family_name, ==, "Phạm");
  g_assert_cmpstr (contact->given_name, ==, "Hằng");
  g_assert_cmpstr (contact->phone, ==, "0903000000");
  g_assert_null (contact->birthday);   /* 30 February */

  contact = g_ptr_array_index (contacts, 2);
  g_assert_null (contact->full_name);
  g_assert_cmpstr (contact->organisation, ==, "Chỉ có công ty");
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) none = parse ("");
  g_autoptr(GPtrArray) blank = parse ("\r\n\n  \n");

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

static void
test_malformed (void)
{
  /* Never closed: the line of its BEGIN. */
  expect_error ("BEGIN:VCARD\nFN:a\nEND:VCARD\n\nBEGIN:VCARD\nFN:b\n", 5);
  expect_error ("BEGIN:VCARD\nFN:a\nBEGIN:VCARD\n", 3);
  expect_error ("END:VCARD\n", 1);
  expect_error ("BEGIN:VCARD\nFN:a\nno colon here\nEND:VCARD\n", 3);
  expect_error ("Họ tên,Điện thoại\nAn,09\n", 1);
  expect_error ("BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\nFN:b\r\n", 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard/2.1-quoted-printable", test_v21_quoted_printable);
  g_test_add_func ("/vcard/2.1-charset", test_v21_charset);
  g_test_add_func ("/vcard/3.0-folding-escapes", test_v30_folding_escapes);
  g_test_add_func ("/vcard/4.0", test_v40);
  g_test_add_func ("/vcard/several-cards", test_several_cards);
  g_test_add_func ("/vcard/empty", test_empty);
  g_test_add_func ("/vcard/malformed", test_malformed);

  return g_test_run ();
}
