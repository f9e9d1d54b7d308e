# SPDX-License-Identifier: GPL-3.0-or-later
"""A report written as a workbook and a PDF by test-report-export --write,
read back the way a user's tools would: the spreadsheet with openpyxl and
as a zip, the PDF with pdftotext and pdffonts.  The report (60 rows: a
date, a group, three money columns, a percentage, a count; a bar chart of
the first 12 groups over 3 series; a loss on the first row) is made in
test-report-export.c.
Usage: test-report-export.py PATH/TO/test-report-export"""

import datetime
import gettext
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

WRITER = None
N_ROWS = 60
HEADINGS = ["Ngày", "Nhóm hàng", "Doanh thu", "Giá vốn", "Lãi", "Tỷ suất", "Số đơn"]


def vietnamese_locale():
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    return "vi_VN.UTF-8" if "vi_vn.utf8" in locales else None


def translated(message):
    """message as the Vietnamese catalogue the program uses translates it."""
    localedir = os.environ.get("SOKHACH_LOCALEDIR")
    if not localedir:
        return message
    try:
        return gettext.translation("sokhach", localedir, ["vi"]).gettext(message)
    except OSError:
        return message


class ReportExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.locale = vietnamese_locale()
        env = dict(os.environ)
        if cls.locale is not None:
            env.update({"LC_ALL": cls.locale, "LANG": cls.locale, "LANGUAGE": "vi"})
        result = subprocess.run([WRITER, "--write", cls.tmp.name], capture_output=True, text=True,
                                env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        cls.xlsx = os.path.join(cls.tmp.name, "report.xlsx")
        cls.pdf = os.path.join(cls.tmp.name, "report.pdf")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def sheet(self):
        try:
            import openpyxl
        except ImportError:
            self.skipTest("python3-openpyxl is not installed")
        return openpyxl.load_workbook(self.xlsx).active

    def pdftotext(self):
        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext is not installed")
        return subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", self.pdf, "-"],
                              capture_output=True, text=True, check=True).stdout

    def test_no_leftovers(self):
        self.assertEqual(sorted(os.listdir(self.tmp.name)), ["report.pdf", "report.xlsx"])

    def test_xlsx_title_block(self):
        ws = self.sheet()
        header = int(ws.freeze_panes[1:]) - 1
        self.assertEqual(ws.cell(1, 1).value, "Doanh thu theo nhóm hàng")
        self.assertTrue(ws.cell(1, 1).font.b)
        block = [ws.cell(r, 1).value for r in range(2, header)]
        self.assertIn("Công ty TNHH Sổ Khách", block)
        self.assertIn("Kỳ: 01/07/2026 – 30/09/2026 · Nhân viên: Trần Văn Hùng", block)
        self.assertIn("Doanh thu: 1.234.567 ₫", block)
        self.assertIn("Thay đổi so với kỳ trước: 12,5 %", block)
        exported = translated("Exported by %s on %s").split("%s")[0]
        self.assertTrue(any(line and line.startswith(exported) for line in block), block)

    def test_xlsx_header_and_filter(self):
        ws = self.sheet()
        header = int(ws.freeze_panes[1:]) - 1
        self.assertEqual(ws.freeze_panes, "A%d" % (header + 1))
        self.assertEqual([c.value for c in ws[header]][:7], HEADINGS)
        for cell in ws[header][:7]:
            self.assertTrue(cell.font.b, cell.coordinate)
        self.assertEqual(ws.auto_filter.ref, "A%d:G%d" % (header, header + N_ROWS))

    def test_xlsx_typed_cells(self):
        ws = self.sheet()
        header = int(ws.freeze_panes[1:]) - 1
        rows = list(ws.iter_rows(min_row=header + 1, max_row=header + N_ROWS, max_col=7))
        self.assertEqual(len(rows), N_ROWS)
        for i, row in enumerate(rows):
            day, group, revenue, cost, profit, margin, orders = row
            self.assertIsInstance(day.value, datetime.datetime, day.coordinate)
            self.assertEqual(day.value.date(), datetime.date(2026, 7, 1) + datetime.timedelta(days=i))
            self.assertEqual(day.number_format, "dd/mm/yyyy")
            self.assertEqual(group.value, "Nhóm hàng %d" % (i + 1))
            self.assertEqual(revenue.value, (i + 1) * 1250000)
            self.assertEqual(cost.value, 1500000 if i == 0 else (i % 7 + 1) * 1000000)
            self.assertEqual(profit.value, revenue.value - cost.value)
            for money in (revenue, cost, profit):
                self.assertIsInstance(money.value, int, money.coordinate)
                self.assertIn("₫", money.number_format)
                self.assertNotIn(".0", money.number_format)
            self.assertIsInstance(margin.value, (int, float), margin.coordinate)
            self.assertTrue(margin.number_format.endswith("%"), margin.number_format)
            self.assertAlmostEqual(margin.value, round(profit.value * 10000 / revenue.value) / 10000)
            self.assertEqual(orders.value, i + 3)
        # Row 2: 2.500.000 revenue, 2.000.000 cost: a 20 % margin; row 1 a loss.
        self.assertAlmostEqual(rows[1][5].value, 0.2)
        self.assertLess(rows[0][4].value, 0)

    def test_xlsx_native_chart(self):
        ws = self.sheet()
        self.assertEqual(len(ws._charts), 1)
        with zipfile.ZipFile(self.xlsx) as archive:
            names = archive.namelist()
            self.assertIn("xl/charts/chart1.xml", names)
            chart = archive.read("xl/charts/chart1.xml").decode("utf-8")
        header = int(ws.freeze_panes[1:]) - 1
        self.assertIn("<c:barChart>", chart)
        self.assertIn('<c:barDir val="col"/>', chart)
        self.assertEqual(chart.count("<c:ser>"), 3)
        # Categories: the groups of the first 12 rows; values: the money columns.
        self.assertIn("$B$%d:$B$%d" % (header + 1, header + 12), chart)
        for column in "CDE":
            self.assertIn("$%s$%d:$%s$%d" % (column, header + 1, column, header + 12), chart)
        self.assertIn("Doanh thu, giá vốn và lãi", chart)
        # Cached values, so readers show the chart before recalculating.
        self.assertIn("<c:strCache>", chart)
        self.assertIn("<c:v>Nhóm hàng 12</c:v>", chart)
        self.assertNotIn("<c:v>Nhóm hàng 13</c:v>", chart)
        self.assertIn("<c:numCache>", chart)
        self.assertIn("<c:v>15000000</c:v>", chart)

    def test_pdf_pages(self):
        text = self.pdftotext()
        pages = [p for p in text.split("\f") if p.strip()]
        self.assertGreaterEqual(len(pages), 2)
        self.assertIn("Doanh thu theo nhóm hàng", pages[0])
        self.assertIn("Doanh thu: 1.234.567 ₫", pages[0])
        # The chart's title, drawn on the first page above the table.
        self.assertIn("Doanh thu, giá vốn và lãi", pages[0])
        self.assertLess(pages[0].index("Doanh thu, giá vốn và lãi"), pages[0].index("Tỷ suất"))
        for number, page in enumerate(pages, 1):
            # The header row repeated on every page.
            for heading in ("Nhóm hàng", "Tỷ suất", "Số đơn"):
                self.assertIn(heading, page, "page %d" % number)
        flat = " ".join(text.split())
        self.assertIn("Nhóm hàng 60", flat)
        self.assertIn("2.500.000 ₫", flat)
        self.assertIn("20 %", flat)
        self.assertIn("02/07/2026", flat)

    def test_pdf_page_numbers_in_vietnamese(self):
        if self.locale is None:
            self.skipTest("vi_VN.UTF-8 locale not generated")
        text = self.pdftotext()
        pages = [p for p in text.split("\f") if p.strip()]
        footer = translated("Page %u/%u")
        if footer.startswith("Page"):
            self.skipTest("the Vietnamese catalogue is not built")
        for number, page in enumerate(pages, 1):
            self.assertIn("Trang %d/%d" % (number, len(pages)), page)

    def test_pdf_fonts_embedded(self):
        if shutil.which("pdffonts") is None:
            self.skipTest("pdffonts is not installed")
        fonts = subprocess.run(["pdffonts", self.pdf], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        self.assertTrue(fonts)
        for line in fonts:
            self.assertEqual(line.split()[-5], "yes", line)  # emb


if __name__ == "__main__":
    WRITER = sys.argv.pop(1)
    unittest.main(verbosity=2)
