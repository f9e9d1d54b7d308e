/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One contact read from a vCard; every field UTF-8 or NULL. */
typedef struct
{
  char *full_name;
  char *given_name;
  char *family_name;
  char *organisation;
  char *job_title;
  char *phone;
  char *email;
  char *birthday;   /* ISO yyyy-MM-dd or NULL */
  char *note;
} CrmVcardContact;

void       crm_vcard_contact_free (CrmVcardContact *contact);

/* Every card in the data (CrmVcardContact, freed with the array):
 * vCard 2.1/3.0/4.0, folded lines, escaped \\, \; \n, CHARSET=… and
 * ENCODING=QUOTED-PRINTABLE (2.1, common in phone exports), the first
 * TEL (prefer CELL) and EMAIL; FN or else N. Malformed →
 * CRM_VALIDATION_ERROR_FORMAT with the line. */
GPtrArray *crm_vcard_parse        (GBytes          *data,
                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardContact, crm_vcard_contact_free)

G_END_DECLS
