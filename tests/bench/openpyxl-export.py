# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmark's yardstick: writes the rows sokhach-bench exported, passed
as a CSV file, with openpyxl in write-only mode (its streaming mode, the
fastest it has), typed and laid out as Sổ Khách's own spreadsheet is: the
title block, a bold frozen header with filter buttons, column widths,
numbers as numbers, money with a VND format, dates as dates.

Usage: openpyxl-export.py [--title T] [--subtitle S]... --kinds K,K,...
                          --widths W,W,... ROWS.csv OUT.xlsx

The CSV's first line holds the headings; money and integers are written as
digits, dates as yyyy-MM-dd, empty cells as nothing.  Prints
"<milliseconds> <rows>": the time from opening the CSV to the saved file,
without Python's start-up.  Exits with 77 when openpyxl is missing."""

import argparse
import csv
import datetime
import sys
import time

try:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet
except ImportError:
    print("openpyxl is not installed", file=sys.stderr)
    sys.exit(77)

# As src/export/crm-xlsx-writer.c writes them.
MONEY_FORMAT = '#,##0 "₫"'
INTEGER_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MIN_COLUMN_WIDTH = 6
MAX_COLUMN_WIDTH = 60
ALIGN = {"text": "left", "integer": "right", "money": "right", "date": "center", "datetime": "center"}
NUMBER_FORMAT = {"integer": INTEGER_FORMAT, "money": MONEY_FORMAT, "date": DATE_FORMAT}


def write(args):
    kinds = args.kinds.split(",")
    widths = [float(w) for w in args.widths.split(",")]
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(args.title[:31])
    header_row = 1 + len(args.subtitle) + 2

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, MIN_COLUMN_WIDTH),
                                                                  MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A%d" % (header_row + 1)
    sheet.print_title_rows = "%d:%d" % (header_row, header_row)
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    def styled(value, **style):
        cell = WriteOnlyCell(sheet, value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    sheet.append([styled(args.title, font=Font(bold=True, size=14))])
    subtitle_font = Font(italic=True, color="555555")
    for line in args.subtitle:
        sheet.append([styled(line, font=subtitle_font)])
    sheet.append([])

    # One style object per column, shared by its cells, as a program that
    # cares for speed would write it.
    heading_font = Font(bold=True)
    heading_fill = PatternFill("solid", fgColor="E0E0E0")
    heading_border = Border(bottom=Side(style="thin"))
    alignments = [Alignment(horizontal=ALIGN[kind]) for kind in kinds]
    n_rows = 0
    with open(args.rows, newline="", encoding="utf-8") as rows:
        reader = csv.reader(rows)
        headings = next(reader)
        sheet.append([styled(heading, font=heading_font, fill=heading_fill, border=heading_border,
                             alignment=Alignment(horizontal=ALIGN[kind], vertical="center",
                                                 wrap_text=True))
                      for heading, kind in zip(headings, kinds)])
        for record in reader:
            cells = []
            for value, kind, alignment in zip(record, kinds, alignments):
                if value == "":
                    cells.append(None)
                elif kind == "text":
                    cells.append(value)
                elif kind == "date":
                    cells.append(styled(datetime.date.fromisoformat(value),
                                        number_format=DATE_FORMAT, alignment=alignment))
                elif kind == "datetime":
                    cells.append(styled(datetime.datetime.fromisoformat(value),
                                        number_format=DATETIME_FORMAT, alignment=alignment))
                else:
                    cells.append(styled(int(value), number_format=NUMBER_FORMAT[kind],
                                        alignment=alignment))
            sheet.append(cells)
            n_rows += 1
    sheet.auto_filter.ref = "A%d:%s%d" % (header_row, get_column_letter(len(kinds)),
                                          header_row + n_rows)
    workbook.save(args.output)
    return n_rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", default="Customer list")
    parser.add_argument("--subtitle", action="append", default=[])
    parser.add_argument("--kinds", required=True)
    parser.add_argument("--widths", required=True)
    parser.add_argument("rows")
    parser.add_argument("output")
    args = parser.parse_args()

    start = time.perf_counter()
    n_rows = write(args)
    print("%.3f %d" % ((time.perf_counter() - start) * 1000, n_rows))


if __name__ == "__main__":
    main()
