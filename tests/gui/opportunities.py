# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI scenario for the Opportunities section, through AT-SPI under Xvfb.

On the demo database, as the administrator: create an opportunity with
the customer picker, find its card in the New column, move it to Won
with the card's "Move to" menu (the keyboard and AT-SPI way; drag and
drop does the same through the same store call), then to Lost, which
asks for the reason, and find it in the list view by its title typed
without tones.

Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import os
import sqlite3

from common import (SCRATCH, button_ending, fail, field, find, find_all, find_app, page_showing,
                    screenshot, sign_in, start, stop, type_into, wait_for, window_starting)

DEMO_ADMIN = ("admin", "quantri-demo")
TITLE = "Hệ thống camera kho Bình Dương"
REASON = "Khách chọn nhà cung cấp khác"


def query(database, sql):
    with sqlite3.connect(database) as con:
        return con.execute(sql).fetchone()


def label_with(node, text):
    return [label for label in find_all(node, roleName="label") if text in (label.name or "")]


def create(app, window, database):
    code, name = query(database, "SELECT code, full_name FROM customers WHERE merged_into IS NULL "
                                 "ORDER BY id LIMIT 1")
    button_ending(window, "New Opportunity").doActionNamed("click")
    dialog = wait_for("the new opportunity dialog", lambda: window_starting(app, ("New Opportunity",)))
    type_into(wait_for("the customer picker", lambda: field(dialog, "Customer")), code)
    wait_for("the customer among the matches",
             lambda: [b for b in find_all(dialog, roleName="push button")
                      if (b.name or "").startswith(code + " — ")][0]).doActionNamed("click")
    type_into(field(dialog, "Title"), TITLE)
    type_into(field(dialog, "Expected value (₫)"), "12.500.000")
    type_into(field(dialog, "Expected close"), "15/01/2027")
    button_ending(dialog, "Save").doActionNamed("click")
    editor = wait_for("the saved opportunity", lambda: window_starting(app, ("Opportunity: " + TITLE,)))
    screenshot("gui-opportunity-saved.png")
    button_ending(editor, "Cancel").doActionNamed("click")
    wait_for("the editor closed", lambda: not window_starting(app, ("Opportunity: ",)))
    row = query(database, "SELECT stage, probability_bp, expected_value, expected_close FROM opportunities "
                          "WHERE title = '%s'" % TITLE)
    if row != ("new", 1000, 12500000, "2027-01-15"):
        fail("the opportunity was stored as %r" % (row,))


def move(app, window, stage):
    """Chooses @stage in the card's "Move to" menu."""
    card = wait_for("the card's Move button",
                    lambda: [b for b in find_all(window) if b.name == "Move “%s” to" % TITLE
                             and b.roleName != "label"][0])
    toggle = [c for c in card.children if c.actions] or [card]
    toggle[0].doActionNamed("click")
    wait_for("the stage " + stage, lambda: [i for i in find_all(app, roleName="menu item")
                                            if i.name == stage][0]).doActionNamed("click")


def main():
    database = os.path.join(SCRATCH, "opportunities.db")
    process = start(database, {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, "--demo")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = sign_in(app, *DEMO_ADMIN)
        wait_for("the Opportunities section",
                 lambda: find(window, roleName="push button", name="Opportunities")).doActionNamed("click")
        wait_for("Opportunities shown", lambda: page_showing(window, "Opportunities"))
        wait_for("the funnel counted", lambda: [lb for lb in label_with(window, " opportunities")
                                                if lb.name.split()[0].isdigit()])
        screenshot("gui-opportunities-funnel.png")

        create(app, window, database)

        move(app, window, "Won")
        wait_for("the opportunity won", lambda: query(database, "SELECT stage = 'won' AND won_at IS NOT NULL "
                                                                "FROM opportunities WHERE title = '%s'" % TITLE)[0])

        move(app, window, "Lost")
        form = wait_for("the reason form", lambda: window_starting(app, ("Why Was It Lost?",)))
        screenshot("gui-opportunity-lost-reason.png")
        type_into(wait_for("the reason field", lambda: field(form, "Reason lost")), REASON)
        button_ending(form, "Mark as Lost").doActionNamed("click")
        wait_for("the opportunity lost",
                 lambda: query(database, "SELECT stage = 'lost' AND won_at IS NULL AND lost_reason = '%s' "
                                         "FROM opportunities WHERE title = '%s'" % (REASON, TITLE))[0])

        tab = wait_for("the List view", lambda: [b for b in find_all(window) if b.name == "List"
                                                 and b.roleName == "page tab"][0])
        tab.doActionNamed("click")
        type_into(wait_for("the search entry", lambda: field(window, "Search opportunities")), "camera kho binh")
        wait_for("one opportunity found", lambda: label_with(window, "1 opportunity"))
        wait_for("its row", lambda: label_with(window, TITLE))
        screenshot("gui-opportunities-list.png")
        print("ok", flush=True)
    finally:
        stop(process)


main()
