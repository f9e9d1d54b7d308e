/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Amounts in Vietnamese words, as quotes, contracts and invoices print
 * them under the total ("Số tiền bằng chữ").  The words are Vietnamese
 * whatever the interface language: they are part of the document, not of
 * the user interface, so they are not translated.
 *
 * Rules (the northern, written usage of invoices):
 *  - units: không một hai ba bốn năm sáu bảy tám chín; scales "nghìn",
 *    "triệu", "tỷ"; above a billion the block before "tỷ" is read as a
 *    number of its own ("một nghìn tỷ", "hai nghìn không trăm linh năm tỷ");
 *  - 10 "mười", 20 "hai mươi"; a one after mươi is "mốt" (21 "hai mươi
 *    mốt", but 11 "mười một", 101 "một trăm linh một"); a five after a ten
 *    is "lăm" (15 "mười lăm", 25 "hai mươi lăm", but 105 "một trăm linh
 *    năm"); a four after mươi is "tư" (24 "hai mươi tư", but 14 "mười bốn");
 *  - a zero ten inside a number is "linh" (105 "một trăm linh năm");
 *  - a group of three digits after a higher group is read in full, zero
 *    hundreds included (1 000 005 "một triệu không trăm linh năm",
 *    1 005 000 "một triệu không trăm linh năm nghìn"); an all-zero group is
 *    left out (1 000 000 005 "một tỷ không trăm linh năm").
 */

/* The number alone, lower case: 0 "không", 1 200 000 "một triệu hai trăm
 * nghìn", 21 "hai mươi mốt"; G_MAXUINT64 included. */
char *crm_number_words (guint64 number);

/* The amount as a document prints it, first letter capitalised:
 * 1 200 000 -> "Một triệu hai trăm nghìn đồng chẵn".  "chẵn" (round)
 * follows "đồng" when the amount is a whole number of thousands (the last
 * three digits are zero): 1 234 567 -> "Một triệu hai trăm ba mươi tư
 * nghìn năm trăm sáu mươi bảy đồng", 5 000 -> "Năm nghìn đồng chẵn".
 * Zero is "Không đồng"; a negative amount starts with "Âm". */
char *crm_money_words  (gint64  dong);

G_END_DECLS
