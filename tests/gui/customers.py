# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI scenario for the Customers section, through AT-SPI under Xvfb.

On a new database: create a category in the customer tree, create a
customer in it, see a duplicate flagged while typing another, open the
customer, add a contact and log an interaction,
find the customer from the header search by its name typed without tones,
and see it in the list of its category with the category's count.

Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import os

from common import (SCRATCH, button_ending, fail, field, find, find_all, find_app, list_item_of,
                    screenshot, set_up, start, stop, type_into, wait_for)

CATEGORY = "Khách VIP miền Trung"
CUSTOMER = "Trương Thị Ánh Dương"
CONTACT = "Phạm Quốc Bảo"
SUMMARY = "Gọi giới thiệu gói dịch vụ năm 2027"


def window_named(app, name):
    found = [w for w in app.children if (w.name or "") == name]
    return found[0] if found else None


def label_with(node, text):
    return [label for label in find_all(node, roleName="label") if text in (label.name or "")]


def create_category(app, window):
    button_ending(window, "New Category…").doActionNamed("click")
    form = wait_for("the new category form", lambda: window_named(app, "New Category"))
    type_into(wait_for("the category name", lambda: field(form, "Category name")), CATEGORY)
    button_ending(form, "Add").doActionNamed("click")
    wait_for("the form closed", lambda: not window_named(app, "New Category"))
    label = wait_for("the category in the tree", lambda: find(window, roleName="label", name=CATEGORY))
    if not list_item_of(label).select():
        fail("the new category could not be selected")
    rename = button_ending(window, "Rename Category…")
    wait_for("the category selected", lambda: rename.sensitive)


def create_customer(app, window):
    """A customer made with the category selected goes into it."""
    button_ending(window, "New Customer…").doActionNamed("click")
    form = wait_for("the new customer form", lambda: window_named(app, "New Customer"))
    type_into(wait_for("the name field", lambda: field(form, "Full name")), CUSTOMER)
    type_into(field(form, "Phones"), "0905 123 456")
    save = button_ending(form, "Save")
    wait_for("Save enabled", lambda: save.sensitive)
    save.doActionNamed("click")
    wait_for("the form closed", lambda: not window_named(app, "New Customer"))
    wait_for("the customer counted in its category",
             lambda: find(window, roleName="label", name="1 customer"))


def duplicate_guard(app, window):
    """Typing the phone of a recorded customer shows it before saving; a
    form with typed text is not closed without asking."""
    button_ending(window, "New Customer…").doActionNamed("click")
    form = wait_for("the new customer form", lambda: window_named(app, "New Customer"))
    type_into(wait_for("the name field", lambda: field(form, "Full name")), "Nguyễn Văn Khác")
    type_into(field(form, "Phones"), "0905123456")
    wait_for("the duplicate shown with its code and the reason",
             lambda: [label for label in label_with(form, "KH000001 " + CUSTOMER)
                      if "same phone" in label.name])
    button_ending(form, "Cancel").doActionNamed("click")
    discard = wait_for("the question before discarding", lambda: button_ending(app, "Discard"))
    discard.doActionNamed("click")
    wait_for("the form closed", lambda: not window_named(app, "New Customer"))


def open_from_search(app, window):
    """The header search finds the customer typed without tones."""
    entry = find(window, name="Search")
    type_into(entry, "truong thi anh duong")
    wait_for("the hit's button",
             lambda: [b for b in find_all(app, roleName="push button")
                      if CUSTOMER in (b.name or "")][0]).doActionNamed("click")
    profile = wait_for("the profile", lambda: window_named(app, CUSTOMER))
    type_into(entry, "")
    return profile


TABS = ["Profile", "Contacts", "Interactions", "Documents", "Care", "History"]


def select_tab(profile, name):
    """GTK 4.8 names every notebook tab "Tab": pick it by its place."""
    tabs = wait_for("the profile's tabs", lambda: find_all(profile, roleName="page tab"))
    if len(tabs) != len(TABS):
        fail("the profile has %d tabs, not %d" % (len(tabs), len(TABS)))
    if not tabs[TABS.index(name)].select():
        fail("the %s tab could not be selected" % name)


def add_contact(app, profile):
    select_tab(profile, "Contacts")
    wait_for("the Add Contact button", lambda: button_ending(profile, "Add Contact…")).doActionNamed("click")
    form = wait_for("the contact form", lambda: window_named(app, "New Contact"))
    type_into(wait_for("the contact name", lambda: field(form, "Full name")), CONTACT)
    type_into(field(form, "Position"), "Giám đốc kinh doanh")
    # A bad phone is refused in the form, which keeps what was typed.
    type_into(field(form, "Phone"), "0905 12")
    button_ending(form, "Save").doActionNamed("click")
    wait_for("the bad phone refused", lambda: label_with(form, "phone"))
    type_into(field(form, "Phone"), "0905 765 432")
    button_ending(form, "Save").doActionNamed("click")
    wait_for("the contact form closed", lambda: not window_named(app, "New Contact"))
    wait_for("the contact listed as main contact",
             lambda: label_with(profile, CONTACT + " (main contact)"))


def log_interaction(profile):
    select_tab(profile, "Interactions")
    summary = wait_for("the summary field", lambda: field(profile, "What was said or done"))
    type_into(summary, SUMMARY)
    button_ending(profile, "Log").doActionNamed("click")
    wait_for("the entry in the history", lambda: label_with(profile, SUMMARY))
    wait_for("the entry names the contact kind and staff",
             lambda: label_with(profile, "Phone call · Lê Thị Quản Trị"))
    wait_for("the summary shows the last contact",
             lambda: [label for label in label_with(profile, "Last contact: ")
                      if "never" not in label.name])
    screenshot("gui-customer-history.png")


def main():
    database = os.path.join(SCRATCH, "customers.db")
    process = start(database, {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, "--new")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = set_up(app, "Công ty TNHH Ánh Dương", "Lê Thị Quản Trị", "quantri", "mat-khau-2026")
        create_category(app, window)
        create_customer(app, window)
        duplicate_guard(app, window)
        profile = open_from_search(app, window)
        add_contact(app, profile)
        log_interaction(profile)
        # The profile starts a quote for its customer in the Quotes section.
        button_ending(profile, "New Quote").doActionNamed("click")
        quote = wait_for("the new quote window",
                         lambda: [w for w in app.children if (w.name or "").endswith("New Quote")][0])
        wait_for("the customer in the quote", lambda: label_with(quote, CUSTOMER))
        button_ending(profile, "Cancel").doActionNamed("click")
        wait_for("the profile closed", lambda: not window_named(app, CUSTOMER))

        # The list of the category shows the customer, found by a filter
        # typed without tones; the tree counts it.
        list_filter = find(window, name="Filter customers")
        type_into(list_filter, "anh duong")
        wait_for("the customer in the filtered list", lambda: find(window, roleName="label", name=CUSTOMER))
        wait_for("one customer listed", lambda: find(window, roleName="label", name="1 customer"))
        row = list_item_of(find(window, roleName="label", name=CATEGORY))
        wait_for("the category counts its customer",
                 lambda: find(row, roleName="label", name="1"))
        screenshot("gui-customers.png")
        print("customers scenario: ok", flush=True)
    finally:
        stop(process)


main()
