# SPDX-License-Identifier: GPL-3.0-or-later
"""Headless verbs of the real binary: no display, clear messages, exit codes,
and a bad file is never modified.  Usage: test-cli.py PATH/TO/sokhach"""

import hashlib
import os
import pty
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


if __name__ == "__main__":
    SOKHACH = sys.argv.pop(1)
    unittest.main(verbosity=2)
