# SPDX-License-Identifier: GPL-3.0-or-later
"""GUI scenario for importing customers from a CSV file, through AT-SPI.

On a demo database, signed in as the administrator: write a small CSV
file the way a Vietnamese office saves it (semicolons, Vietnamese
headers, one row with a bad phone), open Import… on the customers page,
choose the file, see the encoding and separator found and the columns
matched from their headers, see the bad row in the preview with its
reason, turn on "Skip invalid rows", import, check the counts, and find
an imported customer in the list by a name typed without tones.

IMPORT_GUI_LANG=vi_VN.UTF-8 runs it in Vietnamese (for screenshots).
Run by tests/gui/run-gui-test (dbus-run-session + xvfb-run).
"""

import os
import sqlite3

from common import (DEMO_ADMIN, SCRATCH, button_ending, fail, find, find_all, find_app, page_showing,
                    screenshot, sign_in, start, stop, type_into, wait_for, window_starting)

LANG = os.environ.get("IMPORT_GUI_LANG", "C.UTF-8")
VIETNAMESE = LANG.startswith("vi")

T = {
    "Customers": "Khách hàng",
    "Sign In": "Đăng nhập",
    "Import…": "Nhập dữ liệu…",
    "Import Customers": "Nhập khách hàng",
    "Choose File…": "Chọn tệp…",
    "Choose a File to Import": "Chọn tệp để nhập",
    "Open": "Mở",
    "Next": "Tiếp",
    "Import": "Nhập",
    "Skip invalid rows": "Bỏ qua dòng lỗi",
    "Encoding: UTF-8. Separator: semicolon (;).": "Bảng mã: UTF-8. Dấu phân cách: chấm phẩy (;).",
    "Import column “%s” as": "Nhập cột “%s” thành",
    "Name": "Tên",
    "Phone": "Điện thoại",
    "E-mail": "Email",
    "Province or city": "Tỉnh/thành phố",
    "Invalid": "Lỗi",
    "3 to create, 1 invalid": "3 dòng tạo mới, 1 dòng lỗi",
    "Import finished.": "Đã nhập xong.",
    "3 created, 1 rejected as invalid.": "Đã tạo 3, 1 dòng lỗi bị loại.",
    "Save Rejected Rows…": "Lưu các dòng bị loại…",
    "Filter customers": "Lọc khách hàng",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "Products": "Sản phẩm",
    "Import Products": "Nhập sản phẩm",
    "Save Rejected Rows": "Lưu các dòng bị loại",
    "Save": "Lưu",
}


def _(text):
    return T[text] if VIETNAMESE else text


ROWS = [
    ("Nguyễn Thị Hồng Nhung", "0912 345 671", "nhung.nguyen@example.vn", "Hà Nội"),
    ("Trần Văn Phúc", "0987 654 329", "phuc.tran@example.vn", "Đà Nẵng"),
    ("Lê Minh Khôi", "12ab", "khoi.le@example.vn", "Cần Thơ"),
    ("Phạm Thu Hà", "0903 111 229", "ha.pham@example.vn", "Huế"),
]


def write_csv(path):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("Họ tên;Số điện thoại;Email;Tỉnh/Thành phố\r\n")
        for row in ROWS:
            out.write(";".join(row) + "\r\n")


def labels(node):
    return [lb.name for lb in find_all(node, roleName="label") if lb.name]


def label_with(node, text):
    found = [name for name in labels(node) if text in name]
    return found[0] if found else None


def choose_file(app, dialog, path):
    button_ending(dialog, _("Choose File…")).doActionNamed("click")
    chooser = wait_for("the file chooser", lambda: window_starting(app, _("Choose a File to Import")))
    # The chooser opens in the documents folder (here the home folder),
    # where the file is the only one and comes selected; GTK 4.8 shows the
    # chooser's file list to AT-SPI as an opaque tree, so Open is pressed
    # until the listing has loaded.
    def opened():
        if not window_starting(app, _("Choose a File to Import")):
            return True
        button_ending(chooser, _("Open")).doActionNamed("click")
        return False
    wait_for("the file opened from the chooser", opened)
    wait_for("the chooser closed", lambda: not window_starting(app, _("Choose a File to Import")))


def check_mapping(dialog):
    """Each column's drop-down shows the field guessed from its header."""
    guesses = {"Họ tên": _("Name"), "Số điện thoại": _("Phone"), "Email": _("E-mail"),
               "Tỉnh/Thành phố": _("Province or city")}
    for header, expected in guesses.items():
        name = _("Import column “%s” as") % header
        dropdown = wait_for("the drop-down of " + header, lambda: find(dialog, name=name))
        shown = labels(dropdown)
        if not any(text.startswith(expected) for text in shown):
            fail("the column %s is matched to %r, not %s" % (header, shown, expected))


def main():
    database = os.path.join(SCRATCH, "import.db")
    csv_path = os.path.join(os.environ["HOME"], "khach-hang-moi.csv")
    write_csv(csv_path)
    process = start(database, {"LANGUAGE": "", "LC_ALL": LANG, "LANG": LANG}, "--demo")
    try:
        app = wait_for("the application on the accessibility bus", find_app, 60)
        window = sign_in(app, *DEMO_ADMIN, sign_in_label=_("Sign In"))
        wait_for("the Customers section", lambda: find(window, roleName="push button", name=_("Customers"))) \
            .doActionNamed("click")
        wait_for("Customers shown", lambda: page_showing(window, _("Customers")))
        with sqlite3.connect(database) as con:
            before = con.execute("SELECT count(*) FROM customers").fetchone()[0]

        wait_for("the Import button", lambda: button_ending(window, _("Import…"))).doActionNamed("click")
        dialog = wait_for("the import dialog", lambda: window_starting(app, _("Import Customers")))

        # 1. The file.
        choose_file(app, dialog, csv_path)
        wait_for("the encoding and separator found",
                 lambda: label_with(dialog, _("Encoding: UTF-8. Separator: semicolon (;).")))
        screenshot("gui-import-1-file.png")
        next_button = button_ending(dialog, _("Next"))
        wait_for("Next enabled", lambda: next_button.sensitive)
        next_button.doActionNamed("click")

        # 2. The columns, matched from the Vietnamese headers.
        check_mapping(dialog)
        screenshot("gui-import-2-mapping.png")
        wait_for("Next enabled", lambda: next_button.sensitive)
        next_button.doActionNamed("click")

        # 3. The preview: the bad phone is shown with its reason.
        wait_for("the preview counts", lambda: label_with(dialog, _("3 to create, 1 invalid")))
        wait_for("the invalid row", lambda: [lb for lb in find_all(dialog, roleName="label")
                                             if lb.name == _("Invalid")])
        wait_for("the invalid row's data", lambda: label_with(dialog, "Lê Minh Khôi"))
        reason = wait_for("the reason of the invalid row",
                          lambda: [name for name in labels(dialog) if "“12ab”" in name and " · " not in name])
        print("invalid row reason: %s" % reason, flush=True)
        import_button = button_ending(dialog, _("Import"))
        if import_button.sensitive:
            fail("Import is possible with an invalid row and Skip invalid rows off")
        screenshot("gui-import-3-preview.png")
        switch = wait_for("the Skip invalid rows switch",
                          lambda: [n for n in find_all(dialog, roleName="check box")
                                   if (n.name or "").endswith(_("Skip invalid rows"))][0])
        switch.doActionNamed(list(switch.actions.keys())[0])
        wait_for("Import enabled", lambda: import_button.sensitive)
        screenshot("gui-import-3-preview-skip.png")
        import_button.doActionNamed("click")

        # 4. The import and its result.
        wait_for("the import finished", lambda: label_with(dialog, _("Import finished.")), 60)
        wait_for("the counts", lambda: label_with(dialog, _("3 created, 1 rejected as invalid.")))
        screenshot("gui-import-4-result.png")
        save = wait_for("Save Rejected Rows offered", lambda: button_ending(dialog, _("Save Rejected Rows…")))
        rejected = os.path.join(SCRATCH, "dong-bi-loai.csv")
        save.doActionNamed("click")
        chooser = wait_for("the file chooser", lambda: window_starting(app, _("Save Rejected Rows")))
        type_into(wait_for("the file name field", lambda: [n for n in find_all(chooser, roleName="text")
                                                           if n.name in ("Name:", "Tên:")][0]), rejected)
        button_ending(chooser, _("Save")).doActionNamed("click")
        wait_for("the rejected rows written", lambda: os.path.isfile(rejected) and os.path.getsize(rejected) > 0)
        with open(rejected, encoding="utf-8-sig") as saved:
            text = saved.read()
        if "Lê Minh Khôi" not in text or "12ab" not in text or "Nguyễn Thị Hồng Nhung" in text:
            fail("the rejected rows file holds %r" % text)
        with sqlite3.connect(database) as con:
            after = con.execute("SELECT count(*) FROM customers").fetchone()[0]
            names = {r[0] for r in con.execute("SELECT full_name FROM customers")}
        if after != before + 3:
            fail("%d customers were created, not 3" % (after - before))
        for row in ROWS:
            if (row[0] in names) != (row[1] != "12ab"):
                fail("the customer %s is %s" % (row[0], "missing" if row[0] not in names else "imported"))
        button_ending(dialog, _("Close")).doActionNamed("click")
        wait_for("the dialog closed", lambda: not window_starting(app, _("Import Customers")))

        # The list reloaded: an imported customer found without tones.
        entry = find(window, name=_("Filter customers"))
        type_into(entry, "nguyen thi hong nhung")
        wait_for("the imported customer in the list",
                 lambda: find(window, roleName="label", name="Nguyễn Thị Hồng Nhung"))
        screenshot("gui-import-5-list.png")

        # Products have their own Import…, without the choice of kind.
        wait_for("the Products section", lambda: find(window, roleName="push button", name=_("Products"))) \
            .doActionNamed("click")
        wait_for("Products shown", lambda: page_showing(window, _("Products")))
        buttons = [b for b in find_all(window, roleName="push button") if (b.name or "").endswith(_("Import…"))]
        buttons[-1].doActionNamed("click")
        products = wait_for("the product import dialog", lambda: window_starting(app, _("Import Products")))
        button_ending(products, _("Cancel")).doActionNamed("click")
        wait_for("the dialog closed", lambda: not window_starting(app, _("Import Products")))
        print("imported 3 customers, 1 row rejected", flush=True)
    finally:
        stop(process)


if __name__ == "__main__":
    main()
