# SPDX-License-Identifier: GPL-3.0-or-later
"""The --export verb of the real binary, read back the way a user's tools
would: the spreadsheet with openpyxl, the PDF with pdftotext and pdffonts.
Usage: test-export.py PATH/TO/sokhach"""

import datetime
import gettext
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

SOKHACH = None

# The demo office's sign-ins (README): (login, password).
ADMIN = ("admin", "quantri-demo")
STAFF = ("hung.tran", "nhanvien-demo")


def run(*args, env=None, user=ADMIN):
    """Runs sokhach signed in as user=(login, password) through --user and
    SOKHACH_PASSWORD, as a script would; user=None for no sign-in."""
    full_env = dict(os.environ)
    full_env.pop("DISPLAY", None)
    full_env.pop("WAYLAND_DISPLAY", None)
    full_env.pop("SOKHACH_PASSWORD", None)
    full_env.update(env or {})
    if user is not None:
        args = ("--user", user[0], *args)
        full_env["SOKHACH_PASSWORD"] = user[1]
    return subprocess.run([SOKHACH, *args], capture_output=True, text=True,
                          env=full_env, stdin=subprocess.DEVNULL, timeout=120)


def vietnamese_locale():
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    return "vi_VN.UTF-8" if "vi_vn.utf8" in locales else None


def translated(message):
    """message as the Vietnamese catalogue the binary uses translates it."""
    localedir = os.environ.get("SOKHACH_LOCALEDIR")
    if not localedir:
        return message
    try:
        return gettext.translation("sokhach", localedir, ["vi"]).gettext(message)
    except OSError:
        return message


class Export(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "demo.db")
        result = run("--database", cls.db, "--demo", "--check", user=None)
        assert result.returncode == 0, result.stderr
        with sqlite3.connect(cls.db) as con:
            cls.customers = con.execute(
                "SELECT full_name, status FROM customers WHERE merged_into IS NULL").fetchall()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def export(self, name, *extra, env=None, db=None, user=ADMIN):
        out = self.path(name)
        result = run("--database", db or self.db, "--export", "customers", "--output", out, *extra,
                     env=env, user=user)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(os.path.isfile(out))
        return out

    def leftovers(self):
        return [n for n in os.listdir(self.tmp.name) if n.startswith(".")]

    def sheet(self, path):
        try:
            import openpyxl
        except ImportError:
            self.skipTest("python3-openpyxl is not installed")
        return openpyxl.load_workbook(path).active

    def pdftotext(self, path):
        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext is not installed")
        return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                              text=True, check=True).stdout

    def data_rows(self, ws):
        """The header row number and the data rows under it."""
        header = int(ws.freeze_panes[1:]) - 1
        rows = list(ws.iter_rows(min_row=header + 1, values_only=True))
        return header, rows

    def test_xlsx_typed_and_complete(self):
        ws = self.sheet(self.export("khach.xlsx", "--format", "xlsx"))
        header, rows = self.data_rows(ws)
        self.assertEqual(ws.freeze_panes, "A%d" % (header + 1))
        self.assertEqual(ws.auto_filter.ref, "A%d:I%d" % (header, header + len(rows)))
        self.assertEqual(ws.cell(1, 1).value, "Customer list")
        headings = [c.value for c in ws[header]]
        self.assertEqual(headings, ["Code", "Name", "Kind", "Phone", "Province", "Status", "Owner",
                                    "Last contact", "Revenue"])
        for cell in ws[header]:
            self.assertTrue(cell.font.b, cell.coordinate)
        self.assertEqual(len(rows), len(self.customers))
        self.assertEqual(sorted(r[1] for r in rows), sorted(c[0] for c in self.customers))
        for row in rows:
            self.assertIsInstance(row[8], int, row)
            self.assertTrue(row[7] is None or isinstance(row[7], datetime.datetime), row)
        self.assertTrue(any(isinstance(r[7], datetime.datetime) for r in rows))
        self.assertTrue(any(r[8] > 0 for r in rows))
        self.assertIn("₫", ws.cell(header + 1, 9).number_format)
        self.assertEqual(ws.cell(header + 1, 8).number_format, "dd/mm/yyyy")
        self.assertEqual(self.leftovers(), [])
        with sqlite3.connect(self.db) as con:
            audited = con.execute("SELECT new_value FROM audit_log WHERE action = 'export' "
                                  "AND field = 'rows' ORDER BY id DESC LIMIT 1").fetchone()
        self.assertEqual(audited, (str(len(rows)),))

    def test_filtered_by_status(self):
        ws = self.sheet(self.export("khach-hang.xlsx", "--status", "customer"))
        _, rows = self.data_rows(ws)
        wanted = sorted(c[0] for c in self.customers if c[1] == "customer")
        self.assertTrue(wanted)
        self.assertEqual(sorted(r[1] for r in rows), wanted)
        self.assertEqual({r[5] for r in rows}, {"Customer"})

    def test_filtered_by_province(self):
        ws = self.sheet(self.export("ha-noi.xlsx", "--province", "ha-noi", "--format", "xlsx"))
        _, rows = self.data_rows(ws)
        self.assertTrue(rows)
        self.assertEqual({r[4] for r in rows}, {"Hà Nội"})
        title_block = " ".join(str(ws.cell(r, 1).value) for r in range(1, 6))
        self.assertIn("Province: Hà Nội", title_block)

    def test_pdf_text_and_fonts(self):
        pdf = self.export("khach.pdf", "--format", "pdf")
        text = self.pdftotext(pdf)
        # Short names, which never wrap inside their cell.
        with_tones = [c[0] for c in self.customers
                      if len(c[0]) <= 20 and any(ord(ch) > 0x2ff for ch in c[0])]
        self.assertTrue(with_tones)
        for name in with_tones[:20]:
            self.assertIn(name, text)
        self.assertIn("Page 1/", text)
        self.assertIn("₫", text)

        if shutil.which("pdffonts") is None:
            self.skipTest("pdffonts is not installed")
        fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        self.assertTrue(fonts)
        for line in fonts:
            fields = line.split()
            self.assertEqual(fields[-5], "yes", line)  # emb

    def test_pdf_in_vietnamese(self):
        locale = vietnamese_locale()
        if locale is None:
            self.skipTest("vi_VN.UTF-8 locale not generated")
        pdf = self.export("danh-sach.pdf", env={"LC_ALL": locale, "LANG": locale, "LANGUAGE": ""})
        text = self.pdftotext(pdf)
        footer = translated("Page %u/%u").replace("%u", "1", 1).split("%u")[0]
        self.assertIn(footer, text)
        if footer.startswith("Page"):
            self.skipTest("the Vietnamese catalogue has no translation of the footer yet")
        self.assertIn("Trang 1/", text)

    def test_staff_in_own_mode_exports_only_their_customers(self):
        own = self.path("own.db")
        shutil.copyfile(self.db, own)
        with sqlite3.connect(own) as con:
            con.execute("UPDATE settings SET value = 'own' WHERE key = 'customer_visibility'")
            theirs = sorted(r[0] for r in con.execute(
                "SELECT c.full_name FROM customers c JOIN users u ON u.id = c.assigned_to "
                "WHERE u.login = ? AND c.merged_into IS NULL", (STAFF[0],)))
        self.assertTrue(theirs)
        self.assertLess(len(theirs), len(self.customers))
        ws = self.sheet(self.export("cua-hung.xlsx", db=own, user=STAFF))
        _, rows = self.data_rows(ws)
        self.assertEqual(sorted(r[1] for r in rows), theirs)
        self.assertEqual({r[6] for r in rows}, {"Trần Văn Hùng"})
        with sqlite3.connect(own) as con:
            audited = con.execute("SELECT u.login, a.new_value FROM audit_log a JOIN users u "
                                  "ON u.id = a.user_id WHERE a.action = 'export' AND a.field = 'rows' "
                                  "ORDER BY a.id DESC LIMIT 1").fetchone()
        self.assertEqual(audited, (STAFF[0], str(len(theirs))))

    def test_wrong_password_writes_nothing(self):
        out = self.path("khong-duoc.xlsx")
        result = run("--database", self.db, "--export", "customers", "--output", out,
                     user=(ADMIN[0], "sai-mat-khau"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("wrong", result.stderr)
        self.assertFalse(os.path.exists(out))

    def test_help_lists_exports(self):
        result = run("--export", "help")
        self.assertEqual(result.returncode, 0, result.stderr)
        # The lists first, then the reports of the registry (test-cli.py checks those).
        self.assertEqual([line.split("\t")[0] for line in result.stdout.splitlines()][:7],
                         ["customers", "quotes", "contracts", "orders", "opportunities", "products",
                          "interactions"])

    def test_selling_lists(self):
        """Every selling list comes out whole, one row per record, with
        the staff member in "own" mode getting only what they may see."""
        own = self.path("ban-hang-own.db")
        shutil.copyfile(self.db, own)
        with sqlite3.connect(own) as con:
            con.execute("UPDATE settings SET value = 'own' WHERE key = 'customer_visibility'")
            counts = {table: con.execute("SELECT count(*) FROM %s" % table).fetchone()[0]
                      for table in ("quotes", "contracts", "orders", "opportunities")}
            counts["products"] = con.execute("SELECT count(*) FROM products WHERE active = 1").fetchone()[0]
            theirs = con.execute(
                "SELECT count(*) FROM quotes q JOIN customers c ON c.id = q.customer_id "
                "JOIN users u ON u.id = c.assigned_to WHERE u.login = ?", (STAFF[0],)).fetchone()[0]
        for name, expected in counts.items():
            out = self.path(name + ".xlsx")
            result = run("--database", own, "--export", name, "--output", out)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(out, result.stdout)
            _, rows = self.data_rows(self.sheet(out))
            self.assertGreater(expected, 0, name)
            if name == "products":
                # The catalogue lists what is on sale unless asked otherwise.
                self.assertGreaterEqual(len(rows), expected, name)
            else:
                self.assertEqual(len(rows), expected, name)
        out = self.path("bao-gia-cua-hung.xlsx")
        result = run("--database", own, "--export", "quotes", "--output", out, user=STAFF)
        self.assertEqual(result.returncode, 0, result.stderr)
        _, rows = self.data_rows(self.sheet(out))
        self.assertTrue(theirs)
        self.assertEqual(len(rows), theirs)

    def test_bad_requests_fail_cleanly(self):
        out = self.path("bad.xlsx")
        cases = [
            (["--export", "invoices", "--output", out], "invoices"),
            (["--export", "orders", "--status", "customer", "--output", out], "--status"),
            (["--export", "customers", "--format", "docx", "--output", out], "docx"),
            (["--export", "customers", "--output", self.path("list.txt")], "txt"),
            (["--export", "customers", "--status", "vip", "--output", out], "vip"),
            (["--export", "customers", "--province", "sai-gon", "--output", out], "sai-gon"),
            (["--export", "customers"], "--output"),
        ]
        for args, mentioned in cases:
            result = run("--database", self.db, *args)
            self.assertNotEqual(result.returncode, 0, args)
            self.assertIn(mentioned, result.stderr, args)
            self.assertFalse(os.path.exists(out), args)

    def test_unwritable_output(self):
        missing = self.path("khong-co/khach.xlsx")
        result = run("--database", self.db, "--export", "customers", "--output", missing)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("khong-co", result.stderr)
        self.assertFalse(os.path.exists(os.path.dirname(missing)))
        if os.geteuid() != 0:  # root writes anywhere
            folder = self.path("read-only")
            os.mkdir(folder, 0o500)
            result = run("--database", self.db, "--export", "customers",
                         "--output", os.path.join(folder, "khach.pdf"))
            self.assertNotEqual(result.returncode, 0)
            self.assertEqual(os.listdir(folder), [])


if __name__ == "__main__":
    SOKHACH = sys.argv.pop(1)
    unittest.main(verbosity=2)
