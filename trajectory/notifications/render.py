"""Dutch notification texts from Jinja2 templates: plain text, and HTML with autoescape on.

Names and reasons typed by staff go into the HTML escaped, so a reden such as "<b>" arrives
as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

ONDERWERPEN = {
    "uitval": "Uitval: {naam}",
    "voorlopig_advies": "Voorlopig stage-advies: {naam}",
    "stage_gestart": "Stage gestart: {naam}",
    "stage_afgerond": "Stage afgerond: {naam}",
    "groepsstage": "Groepsstage: {naam}",
    "studieadvies": "Bindend studieadvies: {naam}",
    "examenuitslag": "Uitslag praktijkexamen: {naam}",
    "uitstroom": "Uitstroom: {naam}",
    "nazorg_afgesloten": "Nazorg afgesloten: {naam}",
    "nazorg_probleem": "Nazorg: hulp nodig voor {naam}",
}


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("trajectory.notifications", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
    )


def bericht(aan: str, soort: str, **context: Any) -> tuple[str, str]:
    """(onderwerp, tekst) about a step, for the mentor or the stagebegeleider (`aan`)."""
    sjabloon = "mentor.txt" if aan == "mentor" else "begeleider.txt"
    tekst = _env().get_template(sjabloon).render(soort=soort, **context)
    return ONDERWERPEN[soort].format(naam=context["naam"]), tekst


def herinnering_bericht(**context: Any) -> tuple[str, str]:
    """(onderwerp, tekst) of a reminder or escalation (trajectory.domain.herinneringen)."""
    tekst = _env().get_template("herinnering.txt").render(**context)
    voor = "Escalatie" if context["escalatie"] else "Herinnering"
    return f"{voor}: {context['titel']} — {context['naam']}", tekst


def als_html(onderwerp: str, tekst: str) -> str:
    """The HTML part of a mail whose plain text is `tekst`: its paragraphs, escaped."""
    alineas = [a.splitlines() for a in tekst.strip().split("\n\n") if a.strip()]
    return _env().get_template("mail.html").render(onderwerp=onderwerp, alineas=alineas)


def overzicht(meldingen: Sequence[Any]) -> tuple[str, str, str]:
    """(onderwerp, tekst, html) of the daily digest: one line per notification."""
    context = {"meldingen": meldingen, "aantal": len(meldingen)}
    return (
        f"Stagetraject: uw overzicht ({len(meldingen)})",
        _env().get_template("overzicht.txt").render(**context),
        _env().get_template("overzicht.html").render(**context),
    )


def wachtlijst_bericht(naam: str, dagdeel: str, tot: str) -> tuple[str, str]:
    """(onderwerp, tekst) for the stagebegeleider of the first in line for a freed place."""
    tekst = _env().get_template("wachtlijst.txt").render(naam=naam, dagdeel=dagdeel, tot=tot)
    return f"Plek vrij op de groepsstage: {naam}", tekst


def correctie_bericht(naam: str, stappen: Sequence[tuple[str, Sequence[str]]]) -> tuple[str, str]:
    """(onderwerp, tekst) for the stagebegeleider when a correction invalidates a step taken."""
    tekst = _env().get_template("correctie.txt").render(naam=naam, stappen=stappen)
    return f"Correctie raakt een gezette stap: {naam}", tekst
