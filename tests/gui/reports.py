# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI scenario for the Reports section, through AT-SPI under Xvfb.

On the demo database, as the demo manager: open Reports, choose the sales
summary (or the first report listed when it is not built yet), go to the
previous period, check that the table has rows and that the chart is
there (an image named after the chart's title), then export the report
to Excel through the file chooser and read the workbook back with
openpyxl.

Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import datetime
import os
import sys

from common import (SCRATCH, button_ending, fail, find, find_all, find_app, list_item_of, page_showing,
                    screenshot, sign_in, start, stop, type_into, wait_for, window_starting)

DEMO_MANAGER = ("lan.nguyen", "quanly-demo")
LANG = os.environ.get("REPORTS_GUI_LANG", "C.UTF-8")
VIETNAMESE = LANG.startswith("vi")
# The Vietnamese run (REPORTS_GUI_LANG=vi_VN.UTF-8, for screenshots) takes
# either name while a message is not translated yet.
T = {
    "Reports": ("Báo cáo",) if VIETNAMESE else ("Reports",),
    "Sales summary": ("Tổng hợp doanh số", "Sales summary") if VIETNAMESE else ("Sales summary",),
    "Previous period": ("Kỳ trước", "Previous period") if VIETNAMESE else ("Previous period",),
    "Report table": ("Bảng báo cáo", "Report table") if VIETNAMESE else ("Report table",),
    "Sign In": ("Đăng nhập",) if VIETNAMESE else ("Sign In",),
}


def named(node, key, role=None):
    for name in T[key]:
        found = find(node, name=name, roleName=role) if role else find(node, name=name)
        if found is not None:
            return found
    return None


def report_list(window):
    return wait_for("the list of reports",
                    lambda: [n for n in find_all(window, name=T["Reports"][0])
                             if n.roleName in ("list box", "list")][0])


def choose_report(window):
    """The sales summary when listed, else the first report."""
    reports = report_list(window)
    labels = wait_for("the reports listed", lambda: [lb for lb in find_all(reports, roleName="label") if lb.name])
    chosen = [lb for lb in labels if lb.name in T["Sales summary"]] or labels
    if not list_item_of(chosen[0]).select():
        fail("the report %s could not be chosen" % chosen[0].name)
    print("report: " + chosen[0].name, flush=True)
    return chosen[0].name


def reports_page(window):
    """The report view: the nearest ancestor of the report list that also
    holds the report's table (other sections' pages hold look-alike
    buttons, and GTK 4.8 reports them all as showing)."""
    node = report_list(window)
    while node is not None and named(node, "Report table") is None:
        node = node.parent
    if node is None:
        fail("the report view was not found")
    return node


def table_cells(window):
    table = named(window, "Report table")
    if table is None:
        return []
    return [lb.name for lb in find_all(table, roleName="label") if lb.name]


def main():
    database = os.path.join(SCRATCH, "reports.db")
    env = {"LANGUAGE": "", "LC_ALL": LANG, "LANG": LANG}
    process = start(database, env, "--demo")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = sign_in(app, *DEMO_MANAGER, sign_in_label=T["Sign In"][0])
        wait_for("the Reports section",
                 lambda: named(window, "Reports", "push button")).doActionNamed("click")
        wait_for("Reports shown", lambda: page_showing(window, T["Reports"][0]))
        choose_report(window)

        wait_for("the previous period button",
                 lambda: named(window, "Previous period", "push button")).doActionNamed("click")
        today = datetime.date.today()
        month, year = (today.month - 1, today.year) if today.month > 1 else (12, today.year - 1)
        first_day = "01/%02d/%d" % (month, year)
        wait_for("the previous month shown",
                 lambda: [lb for lb in find_all(window, roleName="label") if first_day in (lb.name or "")])
        wait_for("the table's rows", lambda: len(table_cells(window)) >= 2, 60)
        page = reports_page(window)
        chart = wait_for("the chart", lambda: [n for n in find_all(page, roleName="image")
                                               if n.name and not n.name.startswith("Gtk")], 30)
        print("chart: " + chart[0].name, flush=True)
        if VIETNAMESE:
            screenshot("gui-reports-vi.png")
            return
        screenshot("gui-reports.png")

        workbook = os.path.join(SCRATCH, "bao-cao.xlsx")
        export = wait_for("the export button", lambda: button_ending(page, "Export to Excel…"))
        wait_for("export enabled", lambda: export.sensitive)
        export.doActionNamed("click")
        chooser = wait_for("the file chooser", lambda: window_starting(app, ("Export to Excel",)))
        name = wait_for("the file name field", lambda: find(chooser, roleName="text", name="Name:"))
        type_into(name, workbook)
        button_ending(chooser, "Save").doActionNamed("click")
        wait_for("the workbook written", lambda: os.path.isfile(workbook) and os.path.getsize(workbook) > 1000, 60)
        check_workbook(workbook, table_cells(window))
    finally:
        stop(process)


def check_workbook(path, cells):
    try:
        import openpyxl
    except ImportError:
        print("openpyxl missing: the workbook is not read back", flush=True)
        return
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    if len(values) < 4:
        fail("the workbook holds almost nothing: %r" % values)
    texts = {str(v) for v in values}
    first_cell = cells[0] if cells else None
    if first_cell is not None and not any(first_cell in t for t in texts):
        fail("the workbook lacks the table's first cell %r" % first_cell)
    if not any(isinstance(v, (int, float)) for v in values):
        fail("the workbook has no numbers")
    print("workbook: %d values, sheet %s" % (len(values), sheet.title), flush=True)


if __name__ == "__main__":
    main()
    sys.exit(0)
