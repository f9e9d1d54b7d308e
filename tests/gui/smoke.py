# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI smoke test: the real application under Xvfb, driven through AT-SPI.

Starts sokhach on a temporary database with --demo, finds the main window
and its sidebar sections in the accessibility tree, switches sections,
types a search without tones and sees the result, takes a screenshot; then
starts it again under vi_VN.UTF-8 and finds the Vietnamese sidebar.

Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import os
import subprocess

from common import (DEMO_ADMIN, SECTIONS_EN, SECTIONS_VI, SCRATCH, button_ending, fail, field,  # noqa: F401
                    find, find_all, find_app, page_showing, screenshot, sign_in, start, stop, type_into,
                    wait_for)


def create_customer(app, window):
    """New customer through the profile form: a bad tax code is refused
    inline with Save disabled; a valid one is saved and found by its name
    typed without tones."""
    button_ending(window, "New Customer…").doActionNamed("click")
    form = wait_for("the new customer form",
                    lambda: [w for w in app.children if (w.name or "") == "New Customer"][0])
    save = wait_for("the Save button", lambda: button_ending(form, "Save"))
    type_into(wait_for("the name field", lambda: field(form, "Full name")), "Lê Thị Hồng Nhung")
    type_into(field(form, "Tax code"), "0100109107")
    wait_for("the tax code refused inline",
             lambda: any("tax code" in (label.name or "").lower() and "valid" in (label.name or "")
                         for label in find_all(form, roleName="label")))
    if save.sensitive:
        fail("Save is enabled with an invalid tax code")
    type_into(field(form, "Tax code"), "")
    type_into(field(form, "Phones"), "0912 000 111")
    wait_for("Save enabled", lambda: save.sensitive)
    screenshot("gui-new-customer.png")
    save.doActionNamed("click")
    wait_for("the form closed", lambda: not [w for w in app.children if (w.name or "") == "New Customer"])
    wait_for("the new customer counted", lambda: find(window, roleName="label", name="151 customers"))
    entry = find(window, name="Search")
    type_into(entry, "le thi hong nhung")
    hit = wait_for("the new customer found without tones",
                   lambda: [row for row in find_all(app, roleName="list item")
                            if "Lê Thị Hồng Nhung" in (row.name or "")][0])
    # Opening the hit opens the saved customer's profile.
    wait_for("the hit's button",
             lambda: [b for b in find_all(app, roleName="push button")
                      if "Lê Thị Hồng Nhung" in (b.name or "")][0]).doActionNamed("click")
    profile = wait_for("the profile opened from the search",
                       lambda: [w for w in app.children if (w.name or "") == "Lê Thị Hồng Nhung"][0])
    button_ending(profile, "Cancel").doActionNamed("click")
    wait_for("the profile closed",
             lambda: not [w for w in app.children if (w.name or "") == "Lê Thị Hồng Nhung"])
    print("opened from search: " + hit.name, flush=True)
    type_into(entry, "")


def check_english(database):
    process = start(database, {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, "--demo")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = sign_in(app, *DEMO_ADMIN)
        for section in SECTIONS_EN:
            button = wait_for("sidebar section " + section,
                              lambda s=section: find(window, roleName="push button", name=s))
            button.doActionNamed("click")
            wait_for(section + " shown", lambda s=section: page_showing(window, s))
        customers = find(window, roleName="push button", name="Customers")
        customers.doActionNamed("click")
        wait_for("the customer list with every demo customer",
                 lambda: find(window, roleName="label", name="150 customers"))
        wait_for("customer rows in the list",
                 lambda: find(window, roleName="label", name="KH000001"))
        list_filter = wait_for("the list filter", lambda: find(window, name="Filter customers"))
        type_into(list_filter, "nguyen")
        filtered = wait_for("the list filtered without tones",
                            lambda: [label for label in find_all(window, roleName="label")
                                     if (label.name or "").endswith(" customers")
                                     and label.name != "150 customers"])
        print("filter 'nguyen': " + filtered[0].name, flush=True)
        type_into(list_filter, "")
        create_customer(app, window)

        entry = wait_for("the search entry", lambda: find(window, name="Search"))
        type_into(entry, "nguyen")
        hits = wait_for("search results for a name typed without tones",
                        lambda: [row for row in find_all(app, roleName="list item")
                                 if "Nguyễn" in (row.name or "")])
        print("search 'nguyen' found %d rows, first: %s" % (len(hits), hits[0].name), flush=True)
        screenshot("gui-smoke.png")

        # The section shown last is where the next start opens.
        find(window, roleName="push button", name="Quotes").doActionNamed("click")
        wait_for("Quotes shown", lambda: page_showing(window, "Quotes"))
        try:
            window.doActionNamed("window.close")
        except Exception as error:  # the program may quit before it replies
            print("window.close: %s" % error, flush=True)
        if process.wait(timeout=20) != 0:
            fail("the application did not exit cleanly when its window was closed")
    finally:
        stop(process)


def check_vietnamese(database):
    process = start(database, {"LANGUAGE": "", "LC_ALL": "vi_VN.UTF-8", "LANG": "vi_VN.UTF-8"})
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = sign_in(app, *DEMO_ADMIN, sign_in_label="Đăng nhập")
        wait_for("the last section (Quotes) restored, in Vietnamese",
                 lambda: page_showing(window, "Báo giá"))
        for section in SECTIONS_VI:
            wait_for("Vietnamese sidebar section " + section,
                     lambda s=section: find(window, roleName="push button", name=s))
        find(window, roleName="push button", name="Cài đặt").doActionNamed("click")
        wait_for("the Vietnamese settings page", lambda: page_showing(window, "Cài đặt"))
        wait_for("the backup button in Vietnamese",
                 lambda: any("Sao lưu ngay" in (label.name or "")
                             for label in find_all(window, roleName="label")))
        screenshot("gui-smoke-vi.png")
    finally:
        stop(process)


def check_foreign_file_refused():
    """A file that is not ours: a dialog says so, the file stays as it was."""
    path = os.path.join(SCRATCH, "notes.txt")
    with open(path, "w") as f:
        f.write("Danh sách khách hàng\n" * 50)
    with open(path, "rb") as f:
        before = f.read()
    process = start(path, {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        wait_for("the error dialog",
                 lambda: any("not a Sổ Khách database" in (label.name or "")
                             for label in find_all(app, roleName="label")))
        screenshot("gui-foreign-file.png")
        # GTK 4.8 names a mnemonic button "_Close Close": match the end.
        close = wait_for("the dialog's Close button",
                         lambda: [b for b in find_all(app, roleName="push button")
                                  if (b.name or "").endswith("Close")][0])
        close.doActionNamed("click")
        if process.wait(timeout=20) == 0:
            print("application exited after the dialog", flush=True)
    finally:
        stop(process)
    with open(path, "rb") as f:
        if f.read() != before:
            fail("the foreign file was modified")


def check_missing_file_not_created():
    """A mistyped --database path is reported, not silently created empty."""
    path = os.path.join(SCRATCH, "typo", "sokhac.db")
    process = start(path, {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        wait_for("the error dialog",
                 lambda: any("does not exist" in (label.name or "")
                             for label in find_all(app, roleName="label")))
    finally:
        stop(process)
    if os.path.exists(path):
        fail("a missing database was created")


def main():
    database = os.path.join(SCRATCH, "smoke.db")
    check_missing_file_not_created()
    check_foreign_file_refused()
    check_english(database)
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "vi_vn.utf8" in locales or "vi_vn.utf-8" in locales:
        check_vietnamese(database)
    else:
        fail("the vi_VN.UTF-8 locale is missing; build-aux/setup generates it")
    print("gui smoke: ok", flush=True)


main()
