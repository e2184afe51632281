"""CSV for spreadsheets: proper quoting, and no cell that a spreadsheet would run as a formula.

A cell starting with = + - @ (or a tab or carriage return) is prefixed with a single quote
(OWASP, CSV injection), so a motivation like "=HYPERLINK(...)" stays text when opened in Excel.
Semicolons between cells and a BOM, because Dutch Excel expects both.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde: object) -> str:
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(FORMULE_TEKENS) else tekst


def regels(kop: Iterable[str], rijen: Iterable[Iterable[object]]) -> Iterator[str]:
    """The file line by line (streamed), starting with the BOM and the header."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")

    def regel(cellen: Iterable[object]) -> str:
        schrijver.writerow([veilige_cel(c) for c in cellen])
        tekst = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return tekst

    yield "\ufeff" + regel(kop)
    for rij in rijen:
        yield regel(rij)
