# SPDX-License-Identifier: GPL-3.0-or-later
"""Headless verbs of the real binary: no display, clear messages, exit codes,
and a bad file is never modified.  Usage: test-cli.py PATH/TO/sokhach"""

import hashlib
import os
import pty
import re
import select
import sqlite3
import stat
import subprocess
import sys
import tempfile
import termios
import time
import unittest

SOKHACH = None

# The demo office's sign-ins (README): (login, password).
ADMIN = ("admin", "quantri-demo")
MANAGER = ("lan.nguyen", "quanly-demo")
STAFF = ("hung.tran", "nhanvien-demo")


def command_env(env=None):
    full_env = dict(os.environ)
    full_env.pop("DISPLAY", None)
    full_env.pop("WAYLAND_DISPLAY", None)
    full_env.pop("SOKHACH_PASSWORD", None)
    full_env.update(env or {})
    return full_env


def run(*args, env=None, user=None):
    """Runs sokhach; user=(login, password) signs in through --user and
    SOKHACH_PASSWORD, as a script would."""
    env = dict(env or {})
    if user is not None:
        args = ("--user", user[0], *args)
        env["SOKHACH_PASSWORD"] = user[1]
    return subprocess.run([SOKHACH, *args], capture_output=True, text=True,
                          env=command_env(env), stdin=subprocess.DEVNULL, timeout=120)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class HeadlessVerbs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def demo_database(self):
        db = self.path("demo.db")
        result = run("--database", db, "--demo", "--check")
        self.assertEqual(result.returncode, 0, result.stderr)
        return db

    def test_version(self):
        result = run("--version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r"^sokhach \d+\.\d+\.\d+")

    def test_search_without_tones(self):
        db = self.demo_database()
        result = run("--database", db, "--search", "nguyen", user=ADMIN)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = [line.split("\t") for line in result.stdout.splitlines()]
        self.assertTrue(lines, "no hit for 'nguyen'")
        for fields in lines:
            self.assertEqual(len(fields), 3, fields)
        self.assertTrue(any(f[0] == "customer" and "Nguyễn" in f[2] for f in lines), lines)

    def test_search_by_phone_typed_in_groups(self):
        db = self.demo_database()
        with sqlite3.connect(db) as con:
            phone, name = con.execute(
                "SELECT p.phone, c.full_name FROM customer_phones p "
                "JOIN customers c ON c.id = p.customer_id ORDER BY p.id LIMIT 1").fetchone()
        local = "0" + phone[3:]
        typed = "%s %s %s" % (local[:4], local[4:7], local[7:])
        result = run("--database", db, "--search", typed, user=ADMIN)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(name, result.stdout)

    def test_check_healthy(self):
        db = self.demo_database()
        result = run("--database", db, "--check")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_backup_is_private_and_sound(self):
        db = self.demo_database()
        backup = self.path("backup.db")
        result = run("--database", db, "--backup", backup, user=ADMIN)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(stat.S_IMODE(os.stat(backup).st_mode), 0o600)
        self.assertFalse(os.path.exists(backup + "-wal"))
        self.assertEqual(run("--database", backup, "--check").returncode, 0)
        with sqlite3.connect(backup) as a, sqlite3.connect(db) as b:
            query = "SELECT count(*) FROM customers"
            self.assertEqual(a.execute(query).fetchone(), b.execute(query).fetchone())

    def test_restore_brings_back_the_backup(self):
        db = self.demo_database()
        backup = self.path("backup.db")
        self.assertEqual(run("--database", db, "--backup", backup, user=ADMIN).returncode, 0)
        with sqlite3.connect(db) as con:
            before = con.execute("SELECT count(*) FROM customers").fetchone()[0]
        result = run("--database", self.path("other.db"), "--demo", "--check")
        self.assertEqual(result.returncode, 0, result.stderr)
        # a second, different database restored from the first one's backup
        target = self.path("other.db")
        result = run("--database", target, "--restore", backup, user=ADMIN)
        self.assertEqual(result.returncode, 0, result.stderr)
        with sqlite3.connect(target) as con:
            self.assertEqual(con.execute("SELECT count(*) FROM customers").fetchone()[0], before)
        kept = [n for n in os.listdir(self.dir) if n.startswith("other.db.before-restore-")]
        self.assertEqual(len(kept), 1, os.listdir(self.dir))
        self.assertEqual(run("--database", target, "--check").returncode, 0)

    def test_restore_refuses_foreign_file(self):
        db = self.demo_database()
        junk = self.path("junk.db")
        with open(junk, "w") as f:
            f.write("not a database")
        result = run("--database", db, "--restore", junk, user=ADMIN)
        self.assertEqual(result.returncode, 1)
        self.assertIn("not a Sổ Khách database", result.stderr)
        with sqlite3.connect(db) as con:
            self.assertGreater(con.execute("SELECT count(*) FROM customers").fetchone()[0], 0)
        self.assertFalse([n for n in os.listdir(self.dir) if "before-restore" in n])

    def test_missing_file_is_not_created(self):
        db = self.path("missing.db")
        for verb in (["--check"], ["--search", "x"], ["--backup", self.path("b.db")]):
            result = run("--database", db, *verb)
            self.assertNotEqual(result.returncode, 0, verb)
            self.assertIn("does not exist", result.stderr)
            self.assertFalse(os.path.exists(db))

    def test_foreign_file_untouched(self):
        db = self.path("notes.db")
        with open(db, "w") as f:
            f.write("Danh sách khách hàng\n" * 100)
        before = digest(db)
        for verb in (["--check"], ["--search", "x"]):
            result = run("--database", db, *verb)
            self.assertEqual(result.returncode, 1, verb)
            self.assertIn("not a Sổ Khách database", result.stderr)
        self.assertEqual(digest(db), before)

    def test_other_sqlite_application_untouched(self):
        db = self.path("other.sqlite")
        with sqlite3.connect(db) as con:
            con.execute("CREATE TABLE t (x)")
            con.execute("INSERT INTO t VALUES (1)")
        before = digest(db)
        result = run("--database", db, "--search", "x")
        self.assertEqual(result.returncode, 1)
        self.assertIn("not a Sổ Khách database", result.stderr)
        self.assertEqual(digest(db), before)

    def test_newer_database_refused(self):
        db = self.demo_database()
        con = sqlite3.connect(db)
        con.execute("PRAGMA user_version = 999")
        con.close()  # the last connection checkpoints the WAL into the file
        self.assertFalse(os.path.exists(db + "-wal"))
        before = digest(db)
        result = run("--database", db, "--search", "x")
        self.assertEqual(result.returncode, 1)
        self.assertIn("newer version", result.stderr)
        self.assertEqual(digest(db), before)

    def test_damaged_file_reported(self):
        db = self.demo_database()
        size = os.path.getsize(db)
        with open(db, "r+b") as f:
            f.seek(size // 2)
            f.write(b"\xde\xad\xbe\xef" * 2048)
        result = run("--database", db, "--check")
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        self.assertIn("damaged", result.stderr)

    # Sign-in of the headless verbs ------------------------------------------

    def audit_count(self, db, where):
        with sqlite3.connect(db) as con:
            return con.execute("SELECT count(*) FROM audit_log WHERE " + where).fetchone()[0]

    def test_verbs_need_a_user(self):
        db = self.demo_database()
        for verb in (["--search", "nguyen"], ["--backup", self.path("b.db")],
                     ["--export", "customers", "--output", self.path("k.xlsx")]):
            result = run("--database", db, *verb, env={"SOKHACH_PASSWORD": ADMIN[1]})
            self.assertEqual(result.returncode, 1, verb)
            self.assertIn("--user", result.stderr, verb)
            self.assertEqual(result.stdout, "", verb)
        self.assertFalse(os.path.exists(self.path("b.db")))
        self.assertFalse(os.path.exists(self.path("k.xlsx")))

    def test_wrong_password_refused_and_audited(self):
        db = self.demo_database()
        before = self.audit_count(db, "action = 'sign_in_failed'")
        result = run("--database", db, "--search", "nguyen", user=("admin", "doan-mo"))
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertIn("login or the password is wrong", result.stderr)
        self.assertEqual(self.audit_count(db, "action = 'sign_in_failed'"), before + 1)
        # an unknown login gets the very same message
        unknown = run("--database", db, "--search", "nguyen", user=("khong.co", "doan-mo"))
        self.assertEqual(unknown.returncode, 1)
        self.assertEqual(unknown.stderr, result.stderr)
        self.assertEqual(self.audit_count(db, "action = 'sign_in_failed'"), before + 2)
        # the right one gets in, and that is audited too
        ok = run("--database", db, "--search", "nguyen", user=ADMIN)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertEqual(self.audit_count(db, "action = 'sign_in' AND user_id = "
                                              "(SELECT id FROM users WHERE login = 'admin')"), 1)

    def test_locked_after_five_failures(self):
        db = self.demo_database()
        for _ in range(5):
            result = run("--database", db, "--search", "nguyen", user=(STAFF[0], "sai-mat-khau"))
            self.assertEqual(result.returncode, 1)
            self.assertIn("wrong", result.stderr)
        result = run("--database", db, "--search", "nguyen", user=STAFF)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertIn("locked until", result.stderr)
        self.assertRegex(result.stderr, r"\d\d:\d\d \d\d/\d\d/\d{4}")
        with sqlite3.connect(db) as con:
            failed, locked = con.execute("SELECT failed_logins, locked_until FROM users "
                                         "WHERE login = ?", (STAFF[0],)).fetchone()
        self.assertEqual(failed, 5)
        self.assertIsNotNone(locked)
        self.assertEqual(self.audit_count(db, "action = 'sign_in_failed' AND entity_id = "
                                              "(SELECT id FROM users WHERE login = 'hung.tran')"), 6)
        # other users still sign in
        self.assertEqual(run("--database", db, "--search", "nguyen", user=MANAGER).returncode, 0)

    def test_staff_cannot_backup_or_restore(self):
        db = self.demo_database()
        backup = self.path("backup.db")
        result = run("--database", db, "--backup", backup, user=STAFF)
        self.assertEqual(result.returncode, 1)
        self.assertIn("administrator", result.stderr)
        self.assertFalse(os.path.exists(backup))
        self.assertEqual(run("--database", db, "--backup", backup, user=ADMIN).returncode, 0)
        for user in (STAFF, MANAGER):
            result = run("--database", db, "--restore", backup, user=user)
            self.assertEqual(result.returncode, 1, user)
            self.assertIn("administrator", result.stderr)
        self.assertFalse([n for n in os.listdir(self.dir) if "before-restore" in n])

    def test_restore_into_new_database_needs_no_sign_in(self):
        db = self.demo_database()
        backup = self.path("backup.db")
        self.assertEqual(run("--database", db, "--backup", backup, user=ADMIN).returncode, 0)
        target = self.path("fresh.db")
        result = run("--database", target, "--restore", backup)
        self.assertEqual(result.returncode, 0, result.stderr)
        # the restored database has the backup's users and passwords
        self.assertEqual(run("--database", target, "--search", "nguyen", user=ADMIN).returncode, 0)
        self.assertNotEqual(run("--database", target, "--restore", backup).returncode, 0)

    def test_no_password_without_terminal(self):
        db = self.demo_database()
        result = run("--database", db, "--user", "admin", "--search", "nguyen")
        self.assertEqual(result.returncode, 1)
        self.assertIn("SOKHACH_PASSWORD", result.stderr)
        self.assertEqual(self.audit_count(db, "action LIKE 'sign_in%'"), 0)

    def test_password_asked_on_terminal_without_echo(self):
        db = self.demo_database()
        master, slave = pty.openpty()
        try:
            process = subprocess.Popen([SOKHACH, "--database", db, "--user", ADMIN[0],
                                        "--search", "nguyen"],
                                       stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       env=command_env(), text=True)
            os.close(slave)
            slave = None
            deadline = time.monotonic() + 60
            echoed = b""
            # wait for the prompt to turn echo off before typing
            while time.monotonic() < deadline:
                time.sleep(0.1)
                if not termios.tcgetattr(master)[3] & termios.ECHO:
                    break
            os.write(master, (ADMIN[1] + "\n").encode())
            stdout, stderr = process.communicate(timeout=60)
            while select.select([master], [], [], 0.2)[0]:
                try:
                    chunk = os.read(master, 1024)
                except OSError:
                    break
                if not chunk:
                    break
                echoed += chunk
        finally:
            if slave is not None:
                os.close(slave)
            os.close(master)
        self.assertEqual(process.returncode, 0, stderr)
        self.assertIn("Password for admin", stderr)
        self.assertIn("Nguyễn", stdout)
        self.assertNotIn(ADMIN[1].encode(), echoed)

    def test_check_needs_no_sign_in(self):
        db = self.demo_database()
        result = run("--database", db, "--check")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.audit_count(db, "action LIKE 'sign_in%'"), 0)

    def test_demo_only_into_new_database(self):
        db = self.demo_database()
        result = run("--database", db, "--demo", "--check")
        self.assertEqual(result.returncode, 1)
        self.assertIn("already set up", result.stderr)

    def test_messages_in_vietnamese(self):
        locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
        if "vi_vn.utf8" not in locales:
            self.skipTest("vi_VN.UTF-8 locale not generated")
        db = self.path("missing.db")
        result = run("--database", db, "--check",
                     env={"LC_ALL": "vi_VN.UTF-8", "LANG": "vi_VN.UTF-8", "LANGUAGE": ""})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("không tồn tại", result.stderr)


def registry_reports():
    """The reports of the registry in src/store/crm-reports.c, read at run
    time: (name, title) for each line above the end of the table."""
    source = os.path.join(os.environ.get("G_TEST_SRCDIR", os.path.dirname(os.path.abspath(__file__))),
                          os.pardir, "src", "store", "crm-reports.c")
    with open(source, encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("reports[] = {"):text.index("{ NULL, NULL")]
    return re.findall(r'\{ "([a-z-]+)", N_\("([^"]+)"\)', table)


class ReportExports(unittest.TestCase):
    """--export of reports and of the interactions list, on one demo office."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "demo.db")
        result = run("--database", cls.db, "--demo", "--check")
        assert result.returncode == 0, result.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def help_lines(self):
        result = run("--export", "help")
        self.assertEqual(result.returncode, 0, result.stderr)
        return dict(line.split("\t", 1) for line in result.stdout.splitlines())

    def test_help_lists_lists_and_registry_reports(self):
        lines = self.help_lines()
        for name in ("customers", "quotes", "contracts", "orders", "opportunities", "products",
                     "interactions"):
            self.assertIn(name, lines)
        self.assertIn("history", lines["interactions"])
        reports = registry_reports()
        self.assertTrue(reports, "no report in the registry")
        for name, title in reports:
            # Report and list names never clash: --export NAME means one thing.
            self.assertNotIn(name, ("customers", "quotes", "contracts", "orders", "opportunities",
                                    "products", "interactions"))
            key = name
            self.assertIn(key, lines, name)
            self.assertTrue(lines[key].startswith(title + ": "), lines[key])
            self.assertIn("(--by ", lines[key])

    def test_bad_period_refused(self):
        name = registry_reports()[0][0]
        for args in ([name], ["interactions"]):
            out = self.path("bad-period.xlsx")
            result = run("--database", self.db, "--export", *args, "--period", "2026-Q5",
                         "--output", out, user=ADMIN)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("“2026-Q5” is not a period", result.stderr)
            self.assertIn("2026-W48", result.stderr)
            self.assertFalse(os.path.exists(out))
        result = run("--database", self.db, "--export", name, "--period", "2026-09-30..2026-07-01",
                     "--output", self.path("x.xlsx"), user=ADMIN)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("ends before it starts", result.stderr)

    def test_unknown_breakdown_refused(self):
        name = registry_reports()[0][0]
        out = self.path("by.xlsx")
        result = run("--database", self.db, "--export", name, "--by", "hat-size",
                     "--output", out, user=ADMIN)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("“hat-size”", result.stderr)
        self.assertIn("--by", result.stderr)
        self.assertFalse(os.path.exists(out))

    def test_options_that_do_not_apply(self):
        name = registry_reports()[0][0]
        cases = [
            (["orders", "--period", "2026-11"], "--period"),
            (["orders", "--by", "staff"], "--by"),
            (["products", "--staff", STAFF[0]], "--staff"),
            ([name, "--status", "lead"], "--status"),
            ([name, "--province", "ha-noi"], "--province"),
            ([name, "--staff", "khong-co-ai"], "khong-co-ai"),
            (["no-such-thing"], "--export help"),
        ]
        for args, mention in cases:
            out = self.path("nope.xlsx")
            result = run("--database", self.db, "--export", *args, "--output", out, user=ADMIN)
            self.assertNotEqual(result.returncode, 0, args)
            self.assertIn(mention, result.stderr, args)
            self.assertFalse(os.path.exists(out), args)

    def test_interactions_to_xlsx(self):
        import datetime
        import openpyxl
        with sqlite3.connect(self.db) as con:
            total = con.execute("SELECT count(*) FROM interactions").fetchone()[0]
            month = con.execute("SELECT substr(max(occurred_at), 1, 7) FROM interactions").fetchone()[0]
        self.assertGreater(total, 0)
        out = self.path("interactions.xlsx")
        result = run("--database", self.db, "--export", "interactions", "--output", out, user=ADMIN)
        self.assertEqual(result.returncode, 0, result.stderr)
        sheet = openpyxl.load_workbook(out).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        header_at = next(i for i, row in enumerate(rows) if row[0] == "Date")
        self.assertEqual(list(rows[header_at][:8]),
                         ["Date", "Customer", "Kind", "Channel", "Summary", "Outcome", "Next contact", "Staff member"])
        data = [row for row in rows[header_at + 1:] if any(cell is not None for cell in row)]
        self.assertEqual(len(data), total)
        self.assertTrue(all(isinstance(row[0], datetime.datetime) for row in data))
        self.assertTrue(all(isinstance(row[1], str) and row[1] for row in data))
        due = [row[6] for row in data if row[6] is not None]
        self.assertTrue(due)
        self.assertTrue(all(isinstance(day, datetime.datetime) for day in due))
        # Newest first.
        self.assertEqual([row[0] for row in data], sorted((row[0] for row in data), reverse=True))

        # --period keeps the entries of those days (local time, UTC+7 at
        # most a day off at the edges, so compare with a margin).
        out = self.path("interactions-month.xlsx")
        result = run("--database", self.db, "--export", "interactions", "--period", month,
                     "--output", out, user=ADMIN)
        self.assertEqual(result.returncode, 0, result.stderr)
        sheet = openpyxl.load_workbook(out).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        header_at = next(i for i, row in enumerate(rows) if row[0] == "Date")
        in_month = [row for row in rows[header_at + 1:] if row[0] is not None]
        self.assertGreater(len(in_month), 0)
        self.assertLess(len(in_month), total)
        self.assertTrue(all(row[0].strftime("%Y-%m") == month for row in in_month))

    def test_interactions_visibility(self):
        own = self.path("own.db")
        with sqlite3.connect(self.db) as con, sqlite3.connect(own) as copy:
            con.backup(copy)
        with sqlite3.connect(own) as con:
            con.execute("UPDATE settings SET value = 'own' WHERE key = 'customer_visibility'")
            total = con.execute("SELECT count(*) FROM interactions").fetchone()[0]
            theirs = con.execute(
                "SELECT count(*) FROM interactions i JOIN customers c ON c.id = i.customer_id "
                "JOIN users u ON u.id = c.assigned_to WHERE u.login = ? AND c.merged_into IS NULL",
                (STAFF[0],)).fetchone()[0]
        self.assertLess(theirs, total)
        out = self.path("theirs.xlsx")
        result = run("--database", own, "--export", "interactions", "--output", out, user=STAFF)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("%d row" % theirs, result.stdout.replace(".", ""))

    def test_every_registry_report_to_xlsx_and_pdf(self):
        import openpyxl
        pdftotext = "/usr/bin/pdftotext"
        for name, title in registry_reports():
            key = name
            xlsx = self.path(name + ".xlsx")
            pdf = self.path(name + ".pdf")
            for out in (xlsx, pdf):
                result = run("--database", self.db, "--export", key, "--period", "2026-Q3",
                             "--output", out, user=ADMIN)
                self.assertEqual(result.returncode, 0, (name, result.stderr))
                self.assertIn(title, result.stdout)
            book = openpyxl.load_workbook(xlsx)
            cells = [cell for row in book.worksheets[0].iter_rows(values_only=True) for cell in row
                     if cell is not None]
            self.assertIn(title, cells, name)
            self.assertTrue(any(isinstance(cell, str) and "30/09/2026" in cell for cell in cells), name)
            with open(pdf, "rb") as f:
                self.assertEqual(f.read(5), b"%PDF-")
            if os.path.exists(pdftotext):
                text = subprocess.run([pdftotext, "-layout", pdf, "-"], capture_output=True,
                                      text=True).stdout
                self.assertIn(title, text, name)
                self.assertIn("01/07/2026", text, name)

    def test_report_by_and_staff(self):
        name, title = registry_reports()[0]
        by = None
        for line in self.help_lines().values():
            if line.startswith(title + ": "):
                by = line.rsplit("(--by ", 1)[1].rstrip(")").split(", ")[-1]
        self.assertIsNotNone(by)
        out = self.path("by-staff.xlsx")
        result = run("--database", self.db, "--export", name, "--period", "2026",
                     "--by", by, "--staff", STAFF[0], "--output", out, user=MANAGER)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(os.path.getsize(out) > 0)
        # Without --period: the current month.
        out = self.path("this-month.pdf")
        result = run("--database", self.db, "--export", name, "--output", out, user=ADMIN)
        self.assertEqual(result.returncode, 0, result.stderr)
        if os.path.exists("/usr/bin/pdftotext"):
            text = subprocess.run(["/usr/bin/pdftotext", out, "-"], capture_output=True, text=True).stdout
            first = time.strftime("01/%m/%Y")
            self.assertIn(first, text)

    def test_report_errors_in_vietnamese(self):
        locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
        if "vi_vn.utf8" not in locales:
            self.skipTest("vi_VN.UTF-8 locale not generated")
        name = registry_reports()[0][0]
        result = run("--database", self.db, "--export", name, "--period", "2026-Q5",
                     "--output", self.path("vi.xlsx"), user=ADMIN,
                     env={"LC_ALL": "vi_VN.UTF-8", "LANG": "vi_VN.UTF-8", "LANGUAGE": ""})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("2026-Q5", result.stderr)



class ImportVerbs(unittest.TestCase):
    """--import: all rows or none, invalid rows listed, rejected rows saved."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "demo.db")
        result = run("--database", self.db, "--demo", "--check")
        self.assertEqual(result.returncode, 0, result.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def count(self, sql):
        with sqlite3.connect(self.db) as db:
            return db.execute(sql).fetchone()[0]

    def test_import_customers_then_duplicates(self):
        csv = self.write("khach.csv",
                         "Họ tên,Số điện thoại,Email,Tỉnh/Thành phố,Mã số thuế\n"
                         "Nguyễn Văn Nhập Khẩu,912345001,nhapkhau@example.vn,Hà Tây,\n"
                         "Công ty TNHH Nhập Liệu,0243 825 1234,,Hà Nội,100123453\n")
        before = self.count("SELECT count(*) FROM customers")
        result = run("--database", self.db, "--import", "customers", "--input", csv, user=ADMIN)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Created 2, updated 0, skipped 0.", result.stdout)
        self.assertEqual(self.count("SELECT count(*) FROM customers"), before + 2)
        self.assertEqual(self.count("SELECT count(*) FROM customer_phones WHERE phone = '+84912345001'"), 1)
        self.assertEqual(self.count("SELECT count(*) FROM customers WHERE tax_code = '0100123453'"), 1)
        found = run("--database", self.db, "--search", "nguyen van nhap khau", user=ADMIN)
        self.assertIn("Nguyễn Văn Nhập Khẩu", found.stdout)

        again = run("--database", self.db, "--import", "customers", "--input", csv, user=ADMIN)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("Created 0, updated 0, skipped 2.", again.stdout)
        update = run("--database", self.db, "--import", "customers", "--input", csv,
                     "--on-duplicate", "update", user=ADMIN)
        self.assertEqual(update.returncode, 0, update.stderr)
        self.assertIn("Created 0, updated 2, skipped 0.", update.stdout)
        self.assertEqual(self.count("SELECT count(*) FROM customers"), before + 2)

    def test_invalid_row_imports_nothing(self):
        csv = self.write("loi.csv",
                         "Họ tên;SĐT\n"
                         "Lê Văn Đúng;0912000001\n"
                         "Phạm Thị Sai;12345\n"
                         "Đỗ Văn Cũng Đúng;0912000003\n")
        rejected = os.path.join(self.dir, "rejected.csv")
        before = self.count("SELECT count(*) FROM customers")
        audit = self.count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'sign_in%'")
        result = run("--database", self.db, "--import", "customers", "--input", csv,
                     "--rejected", rejected, user=ADMIN)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Line 3: ", result.stderr)
        self.assertNotIn("Line 2", result.stderr)
        self.assertNotIn("Created", result.stdout)
        self.assertEqual(self.count("SELECT count(*) FROM customers"), before)
        self.assertEqual(self.count("SELECT count(*) FROM audit_log WHERE action NOT LIKE 'sign_in%'"), audit)
        with open(rejected, encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertEqual(lines[0], "Họ tên,SĐT,Reason")
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[1].startswith("Phạm Thị Sai,12345,"), lines[1])

        skipped = run("--database", self.db, "--import", "customers", "--input", csv,
                      "--skip-invalid", user=ADMIN)
        self.assertEqual(skipped.returncode, 0, skipped.stderr)
        self.assertIn("Created 2, updated 0, skipped 0.", skipped.stdout)
        self.assertIn("Line 3: ", skipped.stderr)
        self.assertEqual(self.count("SELECT count(*) FROM customers"), before + 2)

    def test_products_need_a_manager(self):
        csv = self.write("hang.csv", "Mã hàng,Tên hàng,ĐVT,Đơn giá,Thuế suất\n"
                                     "NHAP-01,Bút nhập khẩu,cây,\"12.000\",8%\n")
        refused = run("--database", self.db, "--import", "products", "--input", csv, user=STAFF)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("manager", refused.stderr)
        self.assertEqual(self.count("SELECT count(*) FROM products WHERE code = 'NHAP-01'"), 0)
        result = run("--database", self.db, "--import", "products", "--input", csv, user=MANAGER)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Created 1, updated 0, skipped 0.", result.stdout)
        self.assertEqual(self.count("SELECT list_price FROM products WHERE code = 'NHAP-01'"), 12000)
        self.assertEqual(self.count("SELECT vat_rate_bp FROM products WHERE code = 'NHAP-01'"), 800)

    def test_vcard_contacts(self):
        with sqlite3.connect(self.db) as db:
            name = db.execute("SELECT full_name FROM customers WHERE merged_into IS NULL "
                              "GROUP BY folded_name HAVING count(*) = 1 ORDER BY id LIMIT 1").fetchone()[0]
        vcf = self.write("danh-ba.vcf",
                         "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vũ Thị Danh Bạ\r\nORG:%s\r\n"
                         "TITLE:Kế toán\r\nTEL;TYPE=CELL:0903 123 987\r\nEND:VCARD\r\n" % name)
        result = run("--database", self.db, "--import", "contacts", "--input", vcf, user=ADMIN)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Created 1, updated 0, skipped 0.", result.stdout)
        self.assertEqual(self.count("SELECT count(*) FROM contacts WHERE phone = '+84903123987'"), 1)

    def test_bad_import_options(self):
        csv = self.write("x.csv", "Họ tên\nAi đó\n")
        for args, message in ((("--import", "orders", "--input", csv), "orders"),
                              (("--import", "customers"), "--input"),
                              (("--import", "customers", "--input", csv, "--on-duplicate", "merge"), "merge")):
            result = run("--database", self.db, *args, user=ADMIN)
            self.assertNotEqual(result.returncode, 0, args)
            self.assertIn(message, result.stderr)
        unsigned = run("--database", self.db, "--import", "customers", "--input", csv)
        self.assertNotEqual(unsigned.returncode, 0)

if __name__ == "__main__":
    SOKHACH = sys.argv.pop(1)
    unittest.main(verbosity=2)
