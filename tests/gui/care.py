# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI scenario for the Care section, through AT-SPI under Xvfb.

On the demo database, as the administrator: open a new complaint for a
customer chosen with the customer picker, add an action to its timeline,
move it to Resolved with the editor's button, and check in the database
that the case is resolved and that the action is also an entry of the
customer's history (an interaction linked to the case).

Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import os
import sqlite3

from common import (SCRATCH, button_ending, fail, field, find, find_all, find_app, page_showing,
                    screenshot, sign_in, start, stop, type_into, wait_for, window_starting)

DEMO_ADMIN = ("admin", "quantri-demo")
SUBJECT = "Máy lạnh phòng họp chảy nước"
NOTE = "Kỹ thuật đến kiểm tra, thay ống thoát nước"
OUTCOME = "Khách xác nhận máy chạy tốt"


def query(database, sql, *args):
    with sqlite3.connect(database) as con:
        return con.execute(sql, args).fetchone()


def label_with(node, text):
    return [label for label in find_all(node, roleName="label") if text in (label.name or "")]


def open_complaint(app, window, database):
    customer_id, code = query(database, "SELECT id, code FROM customers WHERE merged_into IS NULL "
                                        "ORDER BY id LIMIT 1")
    button_ending(window, "New Case").doActionNamed("click")
    dialog = wait_for("the new care case dialog", lambda: window_starting(app, ("New Care Case",)))
    type_into(wait_for("the customer picker", lambda: field(dialog, "Customer")), code)
    wait_for("the customer among the matches",
             lambda: [b for b in find_all(dialog, roleName="push button")
                      if (b.name or "").startswith(code + " — ")][0]).doActionNamed("click")
    type_into(field(dialog, "Title"), SUBJECT)
    type_into(field(dialog, "Due date"), "15/01/2027")
    button_ending(dialog, "Save").doActionNamed("click")
    editor = wait_for("the saved care case", lambda: window_starting(app, ("Care Case: " + SUBJECT,)))
    row = query(database, "SELECT customer_id, kind, status, due_on FROM care_cases WHERE subject = ?", SUBJECT)
    if row != (customer_id, "complaint", "new", "2027-01-15"):
        fail("the care case was stored as %r" % (row,))
    return editor, customer_id


def main():
    database = os.path.join(SCRATCH, "care.db")
    process = start(database, {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, "--demo")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = sign_in(app, *DEMO_ADMIN)
        wait_for("the Care section",
                 lambda: find(window, roleName="push button", name="Care")).doActionNamed("click")
        wait_for("Care shown", lambda: page_showing(window, "Care"))
        wait_for("the cases counted", lambda: [lb for lb in label_with(window, " care cases")
                                               if lb.name.split()[0].isdigit()])
        screenshot("gui-care-list.png")

        editor, customer_id = open_complaint(app, window, database)

        type_into(wait_for("the action field", lambda: field(editor, "What was done")), NOTE)
        type_into(field(editor, "Outcome"), OUTCOME)
        button_ending(editor, "Add Action").doActionNamed("click")
        case_id = query(database, "SELECT id FROM care_cases WHERE subject = ?", SUBJECT)[0]
        wait_for("the action stored",
                 lambda: query(database, "SELECT count(*) FROM care_actions WHERE case_id = ? AND note = ?",
                               case_id, NOTE)[0] == 1)
        wait_for("the action in the timeline", lambda: label_with(editor, NOTE))
        screenshot("gui-care-action.png")

        button_ending(editor, "Resolve").doActionNamed("click")
        wait_for("the case resolved",
                 lambda: query(database, "SELECT status = 'resolved' AND resolved_at IS NOT NULL "
                                         "FROM care_cases WHERE id = ?", case_id)[0])
        wait_for("the status shown", lambda: label_with(editor, "Status: Resolved"))

        row = query(database, "SELECT i.customer_id, i.kind, i.outcome, i.ref_kind, i.ref_id, "
                              "instr (i.summary, ?) > 0 "
                              "FROM care_actions a JOIN interactions i ON i.id = a.interaction_id "
                              "WHERE a.case_id = ?", NOTE, case_id)
        if row != (customer_id, "call", OUTCOME, "care_case", case_id, 1):
            fail("the action's interaction is %r" % (row,))

        button_ending(editor, "Cancel").doActionNamed("click")
        wait_for("the editor closed", lambda: not window_starting(app, ("Care Case: ",)))
        wait_for("the case in the list", lambda: label_with(window, SUBJECT))
        screenshot("gui-care-resolved.png")
        print("ok", flush=True)
    finally:
        stop(process)


main()
