"""Dutch notification texts from Jinja2 templates (plain text; autoescape for HTML later)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

ONDERWERPEN = {
    "uitval": "Uitval: {naam}",
    "voorlopig_advies": "Voorlopig stage-advies: {naam}",
    "stage_gestart": "Stage gestart: {naam}",
    "stage_afgerond": "Stage afgerond: {naam}",
    "groepsstage": "Groepsstage: {naam}",
    "studieadvies": "Bindend studieadvies: {naam}",
    "examenuitslag": "Uitslag praktijkexamen: {naam}",
    "uitstroom": "Uitstroom: {naam}",
}


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("trajectory.notifications", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


def mentor_bericht(soort: str, **context: Any) -> tuple[str, str]:
    """(onderwerp, tekst) for the mentor."""
    tekst = _env().get_template("mentor.txt").render(soort=soort, **context)
    return ONDERWERPEN[soort].format(naam=context["naam"]), tekst
