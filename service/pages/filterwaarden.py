"""Reading the text fields of filter forms: a bad value becomes a Dutch message next to the
form (and is shown back, escaped), never a 422 page."""

from __future__ import annotations

from datetime import date, datetime

from trajectory.domain.invoer import datum_fout, geheel_getal

MAX_PAGINA = 100_000


def getal(tekst: str | None, veld: str, fouten: dict[str, str]) -> int | None:
    tekst = (tekst or "").strip()
    if not tekst:
        return None
    getal = geheel_getal(tekst)
    if getal is not None:
        return getal
    fouten[veld] = f"'{tekst}' is geen nummer."
    return None


def datum(tekst: str | None, veld: str, fouten: dict[str, str]) -> date | None:
    tekst = (tekst or "").strip()
    if not tekst:
        return None
    for vorm in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            dag = datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
        if bericht := datum_fout(dag):
            fouten[veld] = bericht
            return None
        return dag
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
    return geheel_getal(tekst or "", MAX_PAGINA) or 1


def aantal_paginas(totaal: int, per_pagina: int) -> int:
    return max(1, -(-totaal // per_pagina))
