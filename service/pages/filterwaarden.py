"""Reading the text fields of filter forms: a bad value becomes a Dutch message next to the
form (and is shown back, escaped), never a 422 page."""

from __future__ import annotations

from datetime import date, datetime


def getal(tekst: str | None, veld: str, fouten: dict[str, str]) -> int | None:
    tekst = (tekst or "").strip()
    if not tekst:
        return None
    if tekst.isdigit() and 0 < int(tekst) < 2**31:
        return int(tekst)
    fouten[veld] = f"'{tekst}' is geen nummer."
    return None


def datum(tekst: str | None, veld: str, fouten: dict[str, str]) -> date | None:
    tekst = (tekst or "").strip()
    if not tekst:
        return None
    for vorm in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
    fouten[veld] = f"'{tekst}' is geen datum (dd-mm-jjjj)."
    return None


def keuze(tekst: str | None, veld: str, toegestaan: object, fouten: dict[str, str]) -> str | None:
    tekst = (tekst or "").strip()
    if not tekst:
        return None
    if tekst in toegestaan:  # type: ignore[operator]
        return tekst
    fouten[veld] = f"'{tekst}' is geen geldige keuze."
    return None


def pagina(tekst: str | None) -> int:
    tekst = (tekst or "").strip()
    return int(tekst) if tekst.isdigit() and 0 < int(tekst) < 100_000 else 1


def aantal_paginas(totaal: int, per_pagina: int) -> int:
    return max(1, -(-totaal // per_pagina))
