# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI scenario for the Quotes section, through AT-SPI under Xvfb.

On a new demo database, signed in as the demo administrator: make a quote
for a demo customer with two lines, save it, send it, change a quantity
and save again (revision 2 appears), compare v1 with v2 in the revisions
panel, and accept it (the quote is then locked and offers Make Contract);
make a contract from it, save it, and save that contract as a PDF file
through the file chooser, read back with pdftotext.

Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import os
import shutil
import sqlite3
import subprocess

from common import (DEMO_ADMIN, SCRATCH, button_ending, fail, field, find, find_all, find_app,
                    page_showing, screenshot, sign_in, start, stop, type_into, wait_for)


def window_ending(app, suffix):
    found = [w for w in app.children if (w.name or "").endswith(suffix)]
    return found[0] if found else None


def window_starting(app, prefix):
    found = [w for w in app.children if (w.name or "").startswith(prefix)]
    return found[0] if found else None


def label_with(node, text):
    return [label for label in find_all(node, roleName="label") if text in (label.name or "")]


def first_customer(database):
    with sqlite3.connect(database) as con:
        return con.execute("SELECT code, full_name FROM customers WHERE merged_into IS NULL "
                           "ORDER BY id LIMIT 1").fetchone()


def set_cell(window, column, line, text):
    name = "%s, line %d" % (column, line)
    entry = wait_for("the cell " + name, lambda: field(window, name))
    type_into(entry, text)


def new_quote(app, window, customer_code):
    button_ending(window, "New Quote…").doActionNamed("click")
    dialog = wait_for("the new quote dialog", lambda: window_starting(app, "New Quote"))
    type_into(wait_for("the customer picker", lambda: field(dialog, "Customer")), customer_code)
    wait_for("the customer among the matches",
             lambda: [b for b in find_all(dialog, roleName="push button")
                      if (b.name or "").startswith(customer_code + " — ")][0]).doActionNamed("click")
    button_ending(dialog, "Create").doActionNamed("click")
    return wait_for("the quote window", lambda: window_ending(app, "New Quote"))


def fill_lines(editor):
    set_cell(editor, "Product or description", 1, "Máy in laser A4")
    set_cell(editor, "Quantity", 1, "2")
    set_cell(editor, "Unit price", 1, "3.500.000")
    wait_for("the first line's amount", lambda: label_with(editor, "7.000.000"))
    button_ending(editor, "Add Line").doActionNamed("click")
    set_cell(editor, "Product or description", 2, "Giấy A4 Double A")
    set_cell(editor, "Quantity", 2, "10")
    set_cell(editor, "Unit price", 2, "65.000")
    # 7 000 000 + 650 000, VAT 8 % on both (a new line's rate until the
    # end of 2026): 8 262 000 ₫.
    wait_for("the grand total", lambda: label_with(editor, "8.262.000"))


def save(editor):
    save_button = button_ending(editor, "Save")
    wait_for("Save enabled", lambda: save_button.sensitive)
    save_button.doActionNamed("click")


def send(app, editor):
    wait_for("Send enabled", lambda: button_ending(editor, "Send…").sensitive)
    button_ending(editor, "Send…").doActionNamed("click")
    dialog = wait_for("the send dialog", lambda: window_starting(app, "Send Quote"))
    wait_for("the recipient", lambda: field(dialog, "Recipient"))
    button_ending(dialog, "Send").doActionNamed("click")
    wait_for("the send dialog closed", lambda: not window_starting(app, "Send Quote"))
    wait_for("the sends line", lambda: label_with(editor, "Sent on "))
    wait_for("the status sent", lambda: find(editor, roleName="label", name="Sent"))


def compare(editor):
    toggle = [b for b in find_all(editor, roleName="toggle button") + find_all(editor, roleName="push button")
              if (b.name or "").endswith("Revisions")]
    if not toggle:
        fail("no Revisions button")
    toggle[0].doActionNamed("click")
    wait_for("v2 in the revisions list", lambda: label_with(editor, "v2 · "))
    button_ending(editor, "Compare").doActionNamed("click")
    wait_for("the difference heading", lambda: label_with(editor, "From v1 to v2"))
    changed = wait_for("the changed line", lambda: label_with(editor, "~ Line 1 changed: Máy in laser A4"))
    if "Quantity: 2 → 3" not in changed[0].name:
        fail("the difference does not show the quantity: " + changed[0].name)
    wait_for("the unchanged line", lambda: label_with(editor, "Line 2 unchanged: Giấy A4 Double A"))
    screenshot("gui-quote-revisions.png")


def contract_from_quote(app, editor, database, code, customer_name):
    """Make Contract on the accepted quote opens a new contract with its
    lines; once saved it has its HĐ- code and can be saved as a PDF."""
    button_ending(editor, "Make Contract").doActionNamed("click")
    contract = wait_for("the new contract window", lambda: window_ending(app, "New Contract"))
    wait_for("the quote named in the contract", lambda: button_ending(contract, code))
    save_button = button_ending(contract, "Save")
    wait_for("Save enabled", lambda: save_button.sensitive)
    save_button.doActionNamed("click")
    contract = wait_for("the contract saved with its code", lambda: window_starting(app, "Contract HĐ-"))
    contract_code = contract.name.split()[1]
    with sqlite3.connect(database) as con:
        row = con.execute("SELECT k.value, q.grand_total FROM contracts k JOIN quotes q ON q.id = k.quote_id "
                          "WHERE k.code = ?", (contract_code,)).fetchone()
    if row is None or row[0] != row[1]:
        fail("the contract does not carry the quote's total: %r" % (row,))

    pdf = os.path.join(SCRATCH, "hop-dong.pdf")
    button_ending(contract, "Save as PDF…").doActionNamed("click")
    chooser = wait_for("the file chooser", lambda: window_starting(app, "Save as PDF"))
    name = wait_for("the file name field", lambda: find(chooser, roleName="text", name="Name:"))
    type_into(name, pdf)
    button_ending(chooser, "Save").doActionNamed("click")
    wait_for("the PDF written", lambda: os.path.isfile(pdf) and os.path.getsize(pdf) > 1000, 60)
    if shutil.which("pdftotext"):
        wait_for("the PDF complete", lambda: contract_code in subprocess.run(
            ["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout)
        text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        for expected in (contract_code, customer_name, "Máy in laser A4", "12.042.000"):
            if expected not in text:
                fail("the contract PDF lacks " + expected)
    print("contract %s saved as PDF" % contract_code, flush=True)


def main():
    database = os.path.join(SCRATCH, "quotes.db")
    process = start(database, {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, "--demo")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = sign_in(app, *DEMO_ADMIN)
        customer_code, customer_name = first_customer(database)
        wait_for("the Quotes section", lambda: find(window, roleName="push button", name="Quotes")) \
            .doActionNamed("click")
        wait_for("Quotes shown", lambda: page_showing(window, "Quotes"))
        wait_for("the list counted", lambda: [lb for lb in label_with(window, " quote")
                                              if lb.name.split()[0].isdigit()])

        editor = new_quote(app, window, customer_code)
        wait_for("the customer in the header", lambda: label_with(editor, customer_name))
        fill_lines(editor)
        save(editor)
        editor = wait_for("the saved quote's window", lambda: window_starting(app, "Quote BG-"))
        code = editor.name.split()[1]
        print("saved " + code, flush=True)
        wait_for("v1 in the header", lambda: label_with(editor, code + "  v1"))

        send(app, editor)

        # Saved at once: what was just typed is saved with it.
        set_cell(editor, "Quantity", 1, "3")
        editor_save = button_ending(editor, "Save")
        editor_save.doActionNamed("click")
        wait_for("revision 2 in the header", lambda: label_with(editor, code + "  v2"))
        # 10 500 000 + 650 000, VAT 8 %: 12 042 000 ₫.
        wait_for("the new grand total", lambda: label_with(editor, "12.042.000"))

        compare(editor)

        button_ending(editor, "Accept").doActionNamed("click")
        wait_for("the status accepted", lambda: find(editor, roleName="label", name="Accepted"))
        wait_for("Make Contract enabled", lambda: button_ending(editor, "Make Contract").sensitive)
        if button_ending(editor, "Save").sensitive:
            fail("an accepted quote can still be saved")
        screenshot("gui-quote-accepted.png")

        # The list shows the quote accepted, at revision 2.
        wait_for("the quote in the list", lambda: find(window, roleName="label", name=code))
        wait_for("its revision", lambda: find(window, roleName="label", name="v2"))
        contract_from_quote(app, editor, database, code, customer_name)
        print("quotes scenario: ok", flush=True)
    finally:
        stop(process)


main()
