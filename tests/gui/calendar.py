# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI scenario for the Calendar section, through AT-SPI under Xvfb.

On a new demo database, signed in as the demo staff member hung.tran:
plan a customer visit tomorrow at 9:00 for one of his customers with a
reminder an hour before, find it in the week view by its button
("09:00 …"), open it, mark it done and save; the database row is done,
at the right time, held at the customer's address, with its reminder.

Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import datetime
import os
import sqlite3

from common import (SCRATCH, button_ending, fail, field, find, find_all, find_app, page_showing,
                    screenshot, sign_in, start, stop, type_into, wait_for)

STAFF = ("hung.tran", "nhanvien-demo")
TITLE = "Thăm khách giới thiệu máy in"


def query(database, sql, *args):
    with sqlite3.connect(database) as con:
        return con.execute(sql, args).fetchone()


def window_starting(app, prefix):
    found = [w for w in app.children if (w.name or "").startswith(prefix)]
    return found[0] if found else None


def toggle(node, name):
    """GTK 4.8 names a mnemonic button "_Week Week": match the end."""
    found = [b for b in find_all(node) if b.roleName in ("push button", "toggle button")
             and (b.name == name or (b.name or "").endswith(" " + name))]
    return found[0] if found else None


def press(node, name):
    button = wait_for("the button " + name, lambda: toggle(node, name))
    button.doActionNamed("click")


def utc_text(local):
    return local.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def plan_visit(app, window, database, customer_code, tomorrow):
    button_ending(window, "New Event…").doActionNamed("click")
    dialog = wait_for("the event dialog", lambda: window_starting(app, "New Event"))
    press(dialog, "Customer visit")
    type_into(wait_for("the title field", lambda: field(dialog, "Title")), TITLE)
    day = tomorrow.strftime("%d/%m/%Y")
    type_into(field(dialog, "Starts"), day + " 09:00")
    type_into(field(dialog, "Ends"), day + " 10:00")
    type_into(wait_for("the customer picker", lambda: field(dialog, "Customer")), customer_code)
    wait_for("the customer among the matches",
             lambda: [b for b in find_all(dialog, roleName="push button")
                      if (b.name or "").startswith(customer_code + " — ")][0]).doActionNamed("click")
    press(dialog, "1 hour before")
    screenshot("gui-calendar-event-dialog.png")
    button_ending(dialog, "Save").doActionNamed("click")
    wait_for("the dialog closed", lambda: not window_starting(app, "New Event"))


def main():
    database = os.path.join(SCRATCH, "calendar.db")
    process = start(database, {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, "--demo")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = sign_in(app, *STAFF)
        customer = query(database, "SELECT c.code, c.full_name FROM customers c JOIN users u ON u.id = c.assigned_to "
                                   "WHERE u.login = ? AND c.merged_into IS NULL ORDER BY c.id LIMIT 1", STAFF[0])
        if customer is None:
            fail("the demo gives hung.tran no customer")
        wait_for("the Calendar section", lambda: find(window, roleName="push button", name="Calendar")) \
            .doActionNamed("click")
        wait_for("Calendar shown", lambda: page_showing(window, "Calendar"))
        wait_for("the week view", lambda: toggle(window, "Week") and toggle(window, "Month"))

        now = datetime.datetime.now().astimezone()
        tomorrow = (now + datetime.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
        plan_visit(app, window, database, customer[0], tomorrow)
        row = query(database, "SELECT e.id, e.kind, e.starts_at, e.ends_at, e.done, e.location, r.offset_minutes "
                              "FROM events e JOIN users u ON u.id = e.owner_id "
                              "LEFT JOIN reminders r ON r.event_id = e.id AND r.ref_kind IS NULL "
                              "WHERE e.title = ? AND u.login = ?", TITLE, STAFF[0])
        if row is None:
            fail("the visit was not saved")
        event_id, kind, starts_at, ends_at, done, location, reminder = row
        if (kind, starts_at, ends_at, done, reminder) != ("visit", utc_text(tomorrow),
                                                          utc_text(tomorrow + datetime.timedelta(hours=1)), 0, 60):
            fail("the visit was stored as %r" % (row,))
        if not location:
            fail("the visit has no place")
        print("planned event %d at %s (%s)" % (event_id, starts_at, location), flush=True)

        # Tomorrow is in next week when today is Sunday.
        if tomorrow.isoweekday() == 1:
            button_ending(window, "Next").doActionNamed("click")
        name = "09:00 " + TITLE
        event_button = wait_for("the visit in the week view",
                                lambda: [b for b in find_all(window, roleName="push button") if b.name == name][0])
        screenshot("gui-calendar-week.png")
        event_button.doActionNamed("click")
        dialog = wait_for("the event's editor", lambda: window_starting(app, "Event: " + TITLE))
        done_switch = wait_for("the Done switch",
                               lambda: [n for n in find_all(dialog) if n.roleName not in ("label", "panel")
                                          and (n.name == "Done" or (n.name or "").endswith(" Done"))][0])
        print("the Done switch: %s, actions %r" % (done_switch.roleName, list(done_switch.actions)), flush=True)
        done_switch.doActionNamed(list(done_switch.actions)[0] if done_switch.actions else "click")
        button_ending(dialog, "Save").doActionNamed("click")
        wait_for("the editor closed", lambda: not window_starting(app, "Event: "))
        wait_for("the visit done in the database",
                 lambda: query(database, "SELECT done = 1 AND done_at IS NOT NULL FROM events WHERE id = ?",
                               event_id)[0])
        screenshot("gui-calendar-done.png")
        print("calendar scenario: ok", flush=True)
    finally:
        stop(process)


main()
