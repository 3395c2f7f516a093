"""Spreadsheet cells that cannot run: CSV and XLSX exports pass every cell through
`safe_cell`, so a name typed as `=HYPERLINK(...)` is shown as text, never run as a formula
(CSV injection, OWASP)."""

from __future__ import annotations

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula or a command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, with a single quote before a text that starts like a formula; numbers,
    dates and empty cells pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
