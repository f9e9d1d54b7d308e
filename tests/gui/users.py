# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI scenario for users and roles, through AT-SPI under Xvfb.

Set up a new database, record a customer as the administrator, switch on
"staff see only their own customers", create a staff user, sign out, sign
in as that user with a wrong password first, and see only their own
customers — in the list and in the search.

Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import os

from common import (SCRATCH, button_ending, fail, field, find, find_all, find_app, screenshot, set_up,
                    sign_in, start, stop, type_into, wait_for)

ADMIN = ("quantri", "mat-khau-quan-tri")
STAFF = ("binh.tran", "mat-khau-cua-binh")
ADMIN_CUSTOMER = "Công ty TNHH Thép Hòa Phát Đạt"
STAFF_CUSTOMER = "Nguyễn Thị Bích Ngọc"


def window_named(app, name):
    found = [w for w in app.children if (w.name or "") == name]
    return found[0] if found else None


def new_customer(app, window, name, count_label):
    find(window, roleName="push button", name="Customers").doActionNamed("click")
    wait_for("the Customers section", lambda: (window.name or "").startswith("Customers — "))
    button_ending(window, "New Customer…").doActionNamed("click")
    form = wait_for("the new customer form", lambda: window_named(app, "New Customer"))
    type_into(wait_for("the name field", lambda: field(form, "Full name")), name)
    save = button_ending(form, "Save")
    wait_for("Save enabled", lambda: save.sensitive)
    save.doActionNamed("click")
    wait_for("the form closed", lambda: not window_named(app, "New Customer"))
    wait_for(count_label, lambda: find(window, roleName="label", name=count_label))


def add_staff_user(app, window):
    find(window, roleName="push button", name="Settings").doActionNamed("click")
    # The Settings notebook is the last page of the window's stack: its
    # tabs (General, Users and Teams, Audit Log) come last.
    tabs = wait_for("the settings tabs", lambda: find_all(window, roleName="page tab")[-3:])
    if len(tabs) < 2 or not tabs[1].select():
        fail("the Users and Teams tab is missing for the administrator")
    own = wait_for("the visibility switch",
                   lambda: [c for c in find_all(window, roleName="check box")
                            if (c.name or "").startswith("Staff see only the customers assigned")][0])
    own.doActionNamed("toggle")
    wait_for("the setting saved", lambda: [lb for lb in find_all(window, roleName="label")
                                           if (lb.name or "").startswith("Saved.")])
    button_ending(window, "Add User…").doActionNamed("click")
    form = wait_for("the new user form", lambda: window_named(app, "New User"))
    type_into(wait_for("the login field", lambda: field(form, "Login")), STAFF[0])
    type_into(field(form, "Full name"), "Trần Thị Bình")
    # A short password is refused in the form and adds nobody.
    type_into(field(form, "Password"), "ngan")
    button_ending(form, "Add User").doActionNamed("click")
    wait_for("the short password refused",
             lambda: [lb for lb in find_all(form, roleName="label") if "too short" in (lb.name or "")])
    type_into(field(form, "Password"), STAFF[1])
    button_ending(form, "Add User").doActionNamed("click")
    wait_for("the user form closed", lambda: not window_named(app, "New User"))
    wait_for("the staff user listed",
             lambda: find(window, roleName="label", name="Trần Thị Bình (%s)" % STAFF[0]))
    screenshot("gui-users.png")


def main():
    database = os.path.join(SCRATCH, "users.db")
    process = start(database, {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, "--new")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = set_up(app, "Công ty CP Sổ Tay", "Phạm Văn Quản", *ADMIN)
        new_customer(app, window, ADMIN_CUSTOMER, "1 customer")
        add_staff_user(app, window)

        # Signing out leaves only the sign-in window.
        button_ending(window, "Sign Out").doActionNamed("click")
        sign_in_window = wait_for("the sign-in window",
                                  lambda: [w for w in app.children if (w.name or "").startswith("Sign In")][0])
        if [w for w in app.children if (w.name or "").endswith(" — Sổ Khách") and w is not sign_in_window
                and not (w.name or "").startswith("Sign In")]:
            fail("the administrator's window stayed open after signing out")

        # A wrong password is refused in the window.
        label = wait_for("the staff user in the list",
                         lambda: [lb for lb in find_all(sign_in_window, roleName="label")
                                  if (lb.name or "").endswith("(%s)" % STAFF[0])][0])
        node = label
        while node is not None and node.roleName != "list item":
            node = node.parent
        node.select()
        type_into([n for n in find_all(sign_in_window, roleName="password text")][0], "sai-mat-khau")
        button_ending(sign_in_window, "Sign In").doActionNamed("click")
        wait_for("the wrong password refused",
                 lambda: find(sign_in_window, roleName="label", name="The login or the password is wrong."))

        window = sign_in(app, *STAFF)
        wait_for("no customer for the new staff member", lambda: find(window, roleName="label", name="0 customers"))
        new_customer(app, window, STAFF_CUSTOMER, "1 customer")
        wait_for("their own customer listed", lambda: find(window, roleName="label", name=STAFF_CUSTOMER))
        if find(window, roleName="label", name=ADMIN_CUSTOMER):
            fail("the staff member sees the administrator's customer")

        entry = find(window, name="Search")
        type_into(entry, "thep hoa phat")
        wait_for("the search answered",
                 lambda: [lb for lb in find_all(app, roleName="label") if (lb.name or "").startswith("Nothing found")])
        if [b for b in find_all(app, roleName="push button") if ADMIN_CUSTOMER in (b.name or "")]:
            fail("the search shows the staff member a customer that is not theirs")
        screenshot("gui-users-staff.png")
        print("users scenario: ok", flush=True)
    finally:
        stop(process)


main()
