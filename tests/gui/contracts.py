# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI scenario for the Contracts section, through AT-SPI under Xvfb.

On a new demo database, signed in as the demo administrator: open the
Contracts section, find an active contract by its code, open it and see
its lines; move part of the last payment to a new instalment and save
(the schedule still adds up to the value, and version 2 is listed); start
a blank contract, whose customer is picked first; then open a new
contract from an accepted quote through the make-from path and save it.

Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import os
import sqlite3

from common import (DEMO_ADMIN, SCRATCH, button_ending, fail, field, find, find_all, find_app,
                    page_showing, screenshot, sign_in, start, stop, type_into, wait_for)


def window_starting(app, prefix):
    found = [w for w in app.children if (w.name or "").startswith(prefix)]
    return found[0] if found else None


def window_ending(app, suffix):
    found = [w for w in app.children if (w.name or "").endswith(suffix)]
    return found[0] if found else None


def label_with(node, text):
    return [label for label in find_all(node, roleName="label") if text in (label.name or "")]


def money(dong):
    return "{:,}".format(dong).replace(",", ".") + " ₫"


def query(database, sql, *args):
    with sqlite3.connect(database) as con:
        return con.execute(sql, args).fetchone()


def active_contract(database):
    """An active demo contract with lines and instalments: its id, code,
    first line's amount, instalment count and last instalment."""
    row = query(database,
                "SELECT c.id, c.code FROM contracts c WHERE c.status = 'active' "
                "AND EXISTS (SELECT 1 FROM contract_lines l WHERE l.contract_id = c.id) "
                "AND (SELECT count(*) FROM contract_instalments i WHERE i.contract_id = c.id) >= 2 "
                "ORDER BY c.id LIMIT 1")
    if row is None:
        fail("the demo data has no active contract with a schedule")
    contract_id, code = row
    first_amount = line_amount(*query(database, "SELECT quantity_milli, unit_price, discount_bp "
                                                "FROM contract_lines WHERE contract_id = ? "
                                                "ORDER BY position LIMIT 1", contract_id))
    n_instalments, = query(database, "SELECT count(*) FROM contract_instalments WHERE contract_id = ?",
                           contract_id)
    last_amount, = query(database, "SELECT amount FROM contract_instalments WHERE contract_id = ? "
                                   "ORDER BY position DESC LIMIT 1", contract_id)
    return contract_id, code, first_amount, n_instalments, last_amount


def page_of(window):
    """The Contracts page: the filler holding the table named Contracts."""
    table = wait_for("the contract table", lambda: find(window, roleName="tree table", name="Contracts"))
    node = table
    while node is not None and node.roleName != "filler":
        node = node.parent
    if node is None:
        fail("the contract table is not inside a page")
    return node


def open_contract(app, window, code):
    page = page_of(window)
    wait_for("the list counted", lambda: [lb for lb in label_with(page, " contract")
                                          if lb.name.split()[0].isdigit()])
    type_into(wait_for("the list filter", lambda: field(page, "Filter contracts")), code)
    wait_for("one contract listed", lambda: find(page, roleName="label", name="1 contract"))
    label = wait_for("the contract's row", lambda: find(page, roleName="label", name=code))
    row = label
    while row is not None and row.roleName != "table row":
        row = row.parent
    if row is None or not row.select():
        fail("the contract's row could not be selected")
    open_button = wait_for("the Open button", lambda: button_ending(page, "Open"))
    wait_for("Open enabled", lambda: open_button.sensitive)
    open_button.doActionNamed("click")
    return wait_for("the contract window", lambda: window_starting(app, "Contract " + code))


def line_amount(quantity_milli, unit_price, discount_bp):
    """A line's net as the editor shows it: whole đồng, halves away from zero."""
    gross = (quantity_milli * unit_price + 500) // 1000
    return gross - (gross * discount_bp + 5000) // 10000


def check_lines(editor, first_amount):
    """The lines are shown: the first one's amount, in the line table."""
    wait_for("the first line's cells", lambda: field(editor, "Description, line 1"))
    lines = wait_for("the line table", lambda: find(editor, roleName="tree table", name="Contract lines"))
    text = money(first_amount).replace(" ₫", "")
    wait_for("the first line's amount " + text, lambda: find(lines, roleName="label", name=text))


def add_instalment(editor, n_instalments, last_amount):
    """Moves 1 000 000 ₫ of the last payment to a new instalment, which
    takes what the schedule lacks; the schedule still covers the value."""
    last = wait_for("the last instalment's amount",
                    lambda: field(editor, "Amount, instalment %d" % n_instalments))
    type_into(last, money(last_amount - 1000000).replace(" ₫", ""))
    wait_for("the gap shown", lambda: label_with(editor, "Scheduled: ") and
             label_with(editor, " of the contract value "))
    button_ending(editor, "Add Instalment").doActionNamed("click")
    wait_for("the new instalment", lambda: field(editor, "Amount, instalment %d" % (n_instalments + 1)))
    type_into(field(editor, "Note, instalment %d" % (n_instalments + 1)), "Đợt bổ sung")
    wait_for("the whole value scheduled", lambda: label_with(editor, "the whole contract value"))


def save(editor):
    save_button = button_ending(editor, "Save")
    wait_for("Save enabled", lambda: save_button.sensitive)
    save_button.doActionNamed("click")
    wait_for("the changes saved", lambda: not save_button.sensitive)
    wait_for("version 2 listed", lambda: label_with(editor, "v2 · "))


def make_from_quote(app, window, database):
    """An accepted quote found with the header search opens in its window,
    whose Make Contract starts a new contract of the same lines."""
    row = query(database, "SELECT q.code, l.quantity_milli, l.unit_price, l.discount_bp "
                          "FROM quotes q JOIN quote_lines l ON l.quote_id = q.id "
                          "WHERE q.status = 'accepted' ORDER BY q.id, l.position LIMIT 1")
    if row is None:
        print("no accepted demo quote: make-from not reached", flush=True)
        return
    code, first_amount = row[0], line_amount(*row[1:])
    search = find(window, name="Search")
    type_into(search, code)
    wait_for("the quote among the hits",
             lambda: [b for b in find_all(app, roleName="push button") if code in (b.name or "")][0]) \
        .doActionNamed("click")
    quote = wait_for("the quote window", lambda: window_starting(app, "Quote " + code))
    type_into(search, "")
    make = wait_for("Make Contract", lambda: button_ending(quote, "Make Contract"))
    wait_for("Make Contract enabled", lambda: make.sensitive)
    make.doActionNamed("click")
    # The demo quote may have its contract already: make another.  The
    # new contract is not saved yet, so its title is marked "• ".
    editor = wait_for("the new contract, or the question",
                      lambda: window_ending(app, "New Contract") or button_ending(app, "Make Another"))
    if editor.roleName == "push button":
        editor.doActionNamed("click")
        editor = wait_for("the new contract window", lambda: window_ending(app, "New Contract"))
    check_lines(editor, first_amount)
    wait_for("the quote named in the header", lambda: button_ending(editor, code))
    screenshot("gui-contract-from-quote.png")
    save_button = button_ending(editor, "Save")
    wait_for("Save enabled", lambda: save_button.sensitive)
    save_button.doActionNamed("click")
    wait_for("the new contract saved with its code", lambda: window_starting(app, "Contract HĐ-"))


def new_contract(app, window, database):
    """A blank contract: its customer is picked first, then the form opens."""
    customer_code, customer_name = query(database, "SELECT code, full_name FROM customers "
                                                   "WHERE merged_into IS NULL ORDER BY id LIMIT 1")
    page = page_of(window)
    button_ending(page, "New Contract…").doActionNamed("click")
    editor = wait_for("the new contract window", lambda: window_ending(app, "New Contract"))
    add_line = button_ending(editor, "Add Line")
    if add_line.sensitive:
        fail("lines can be added before the customer is chosen")
    type_into(wait_for("the customer picker", lambda: field(editor, "Customer")), customer_code)
    wait_for("the customer among the matches",
             lambda: [b for b in find_all(editor, roleName="push button")
                      if (b.name or "").startswith(customer_code + " — ")][0]).doActionNamed("click")
    wait_for("the customer in the header", lambda: find(editor, roleName="label", name=customer_name))
    wait_for("lines may be added", lambda: add_line.sensitive)
    add_line.doActionNamed("click")
    wait_for("the first line's cells", lambda: field(editor, "Description, line 1"))
    screenshot("gui-contract-new.png")
    # Closing with changes asks; discarding drops the draft.
    wait_for("the close button", lambda: button_ending(editor, "Close")).doActionNamed("click")
    wait_for("the question before discarding", lambda: button_ending(app, "Discard")).doActionNamed("click")
    wait_for("the new contract window closed", lambda: not window_ending(app, "New Contract"))


def main():
    database = os.path.join(SCRATCH, "contracts.db")
    process = start(database, {"LANGUAGE": "", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}, "--demo")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = sign_in(app, *DEMO_ADMIN)
        contract_id, code, first_amount, n_instalments, last_amount = active_contract(database)
        wait_for("the Contracts section", lambda: find(window, roleName="push button", name="Contracts")) \
            .doActionNamed("click")
        wait_for("Contracts shown", lambda: page_showing(window, "Contracts"))

        editor = open_contract(app, window, code)
        check_lines(editor, first_amount)
        add_instalment(editor, n_instalments, last_amount)
        save(editor)
        screenshot("gui-contract.png")
        saved, = query(database, "SELECT count(*) FROM contract_instalments WHERE contract_id = ?", contract_id)
        if saved != n_instalments + 1:
            fail("%d instalments stored, not %d" % (saved, n_instalments + 1))
        new_contract(app, window, database)
        make_from_quote(app, window, database)
        print("contracts scenario: ok", flush=True)
    finally:
        stop(process)


main()
