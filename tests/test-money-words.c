/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-money-words.h"

/* As an invoice prints them: "mốt", "tư", "lăm", "linh", full groups after
 * a higher one, "chẵn" on whole thousands. */
static void
test_amounts (void)
{
  static const struct
  {
    gint64      dong;
    const char *words;
  } cases[] = {
    { 0, "Không đồng" },
    { 1, "Một đồng" },
    { 5, "Năm đồng" },
    { 10, "Mười đồng" },
    { 11, "Mười một đồng" },
    { 14, "Mười bốn đồng" },
    { 15, "Mười lăm đồng" },
    { 20, "Hai mươi đồng" },
    { 21, "Hai mươi mốt đồng" },
    { 24, "Hai mươi tư đồng" },
    { 25, "Hai mươi lăm đồng" },
    { 55, "Năm mươi lăm đồng" },
    { 99, "Chín mươi chín đồng" },
    { 100, "Một trăm đồng" },
    { 101, "Một trăm linh một đồng" },
    { 104, "Một trăm linh bốn đồng" },
    { 105, "Một trăm linh năm đồng" },
    { 110, "Một trăm mười đồng" },
    { 115, "Một trăm mười lăm đồng" },
    { 121, "Một trăm hai mươi mốt đồng" },
    { 205, "Hai trăm linh năm đồng" },
    { 1000, "Một nghìn đồng chẵn" },
    { 1001, "Một nghìn không trăm linh một đồng" },
    { 1010, "Một nghìn không trăm mười đồng" },
    { 1021, "Một nghìn không trăm hai mươi mốt đồng" },
    { 1234, "Một nghìn hai trăm ba mươi tư đồng" },
    { 15000, "Mười lăm nghìn đồng chẵn" },
    { 21000, "Hai mươi mốt nghìn đồng chẵn" },
    { 100000, "Một trăm nghìn đồng chẵn" },
    { 1000000, "Một triệu đồng chẵn" },
    { 1000005, "Một triệu không trăm linh năm đồng" },
    { 1000100, "Một triệu một trăm đồng" },
    { 1005000, "Một triệu không trăm linh năm nghìn đồng chẵn" },
    { 1200000, "Một triệu hai trăm nghìn đồng chẵn" },
    { 1234567, "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng" },
    { 10500000, "Mười triệu năm trăm nghìn đồng chẵn" },
    { 1000000000, "Một tỷ đồng chẵn" },
    { 1000000005, "Một tỷ không trăm linh năm đồng" },
    { 1000000010, "Một tỷ không trăm mười đồng" },
    { 2005000000, "Hai tỷ không trăm linh năm triệu đồng chẵn" },
    { G_GINT64_CONSTANT (1000000000000), "Một nghìn tỷ đồng chẵn" },
    { G_GINT64_CONSTANT (2005000000000), "Hai nghìn không trăm linh năm tỷ đồng chẵn" },
    { G_GINT64_CONSTANT (10000000000000), "Mười nghìn tỷ đồng chẵn" },
    { G_GINT64_CONSTANT (12345678901234),
      "Mười hai nghìn ba trăm bốn mươi lăm tỷ sáu trăm bảy mươi tám triệu chín trăm linh một "
      "nghìn hai trăm ba mươi tư đồng" },
    { G_GINT64_CONSTANT (1000000000000000000), "Một tỷ tỷ đồng chẵn" },
    { -1500, "Âm một nghìn năm trăm đồng" },
    { G_MAXINT64,
      "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ "
      "tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy đồng" },
    { G_MININT64,
      "Âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ "
      "tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám đồng" },
  };

  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 30);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = crm_money_words (cases[i].dong);

      g_test_message ("%" G_GINT64_FORMAT " -> %s", cases[i].dong, words);
      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

static void
test_number_words (void)
{
  g_autofree char *zero = crm_number_words (0);
  g_autofree char *round = crm_number_words (1200000);
  g_autofree char *largest = crm_number_words (G_MAXUINT64);

  g_assert_cmpstr (zero, ==, "không");
  g_assert_cmpstr (round, ==, "một triệu hai trăm nghìn");
  /* 18 446 744 073 709 551 615 */
  g_assert_cmpstr (largest, ==,
                   "mười tám tỷ bốn trăm bốn mươi sáu triệu bảy trăm bốn mươi tư nghìn không trăm "
                   "bảy mươi ba tỷ bảy trăm linh chín triệu năm trăm năm mươi mốt nghìn sáu trăm "
                   "mười lăm");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money-words/amounts", test_amounts);
  g_test_add_func ("/money-words/number", test_number_words);
  return g_test_run ();
}
