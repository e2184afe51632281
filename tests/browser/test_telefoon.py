"""Every page on a phone (390 px wide) without sideways scrolling, as a stagebegeleider and as
the teamleider, on a small demo school; each page's screenshot at both widths is kept in
docs/screenshots/ (`smal-…` at 390 px, `breed-…` at 1280 px)."""

from __future__ import annotations

import pytest
from pyotp import TOTP
from sqlalchemy import func, select

from tests.browser.test_in_chromium import SCREENSHOTS
from trajectory.demo import DEMO_TEAMLEIDER, DEMO_WACHTWOORD, build_demo_school
from trajectory.store import tables as t

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips, or fails in CI, with the reason
    expect = None

TELEFOON = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
BEGELEIDER = "stagebegeleider1@demo.stagetraject.nl"
PAGINAS = {  # name -> path; {leerling} is the leerling with the longest history the role sees
    "vandaag": "/",
    "leerlingen": "/overzicht",
    "groepsstage": "/overzicht/groepsstage",
    "entree": "/overzicht/entree",
    "cohort": "/overzicht/cohort",
    "traject": "/overzicht/traject",
    "uitstroom": "/rapportage/uitstroom",
    "meldingen": "/meldingen",
    "account": "/account",
    "importeren": "/import",
    "leerling": "/leerlingen/{leerling}",
}
ALLEEN_TEAMLEIDER = {
    "audit": "/audit",
    "rollover": "/schooljaar/rollover",
    "gebruikers": "/gebruikers",
    "inzage": "/leerlingen/{leerling}/inzage",
}
BREEDTE = """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"""
# the elements that stick out to the right, for the failure message
UITSTEKERS = """(breedte) => [...document.querySelectorAll("main *, header *")]
  .filter(e => e.getBoundingClientRect().right > breedte + 1)
  .slice(0, 4).map(e => e.tagName.toLowerCase() + "." + [...e.classList].join(".")
                  + " " + Math.round(e.getBoundingClientRect().right))"""
HOOGSTENS = 4000  # px of a long page kept in its screenshot


def _bewaar(tab, naam: str, database_url: str) -> None:
    """The page as a picture, at most its first HOOGSTENS px (the AVG inzage is very long)."""
    if not database_url.startswith("sqlite"):
        return
    tab.wait_for_load_state("load")
    hoogte = min(tab.evaluate("document.documentElement.scrollHeight"), HOOGSTENS)
    breedte = tab.viewport_size["width"]
    png = tab.screenshot(
        full_page=True,
        clip={"x": 0, "y": 0, "width": breedte, "height": hoogte},
        animations="disabled",
        timeout=120_000,
    )
    pad = SCREENSHOTS / naam
    if not pad.exists() or pad.read_bytes() != png:
        pad.write_bytes(png)


@pytest.fixture
def demoschool(sessions, clock):
    build_demo_school(sessions, leerlingen=20, seed=4, clock=clock)
    return sessions


def _log_in(browser, server, clock, email):
    context = browser.new_context(base_url=server, viewport=TELEFOON, locale="nl-NL")
    tab = context.new_page()
    tab.goto("/login")
    tab.get_by_label("E-mailadres").fill(email)
    tab.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    tab.get_by_role("button", name="Inloggen").click()
    # outside demo mode everyone enrols an authenticator app on the first login
    expect(tab.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    sleutel = tab.locator("code.sleutel").inner_text()
    tab.get_by_label("Code").fill(TOTP(sleutel).at(clock.now()))
    tab.get_by_role("button", name="Instellen en inloggen").click()
    expect(tab.get_by_role("heading", name="Vandaag")).to_be_visible()
    return context, tab


def _langste_geschiedenis(sessions, email: str | None) -> int:
    with sessions() as session:
        query = (
            select(t.AuditEvent.leerling_id)
            .join(t.Leerling, t.Leerling.id == t.AuditEvent.leerling_id)
            .group_by(t.AuditEvent.leerling_id)
            .order_by(func.count().desc(), t.AuditEvent.leerling_id)
            .limit(1)
        )
        if email is not None:
            begeleider = select(t.Gebruiker.id).where(t.Gebruiker.email == email)
            query = query.where(t.Leerling.stagebegeleider_id == begeleider.scalar_subquery())
        return session.scalar(query)


@pytest.mark.parametrize(
    ("email", "paginas"),
    [(BEGELEIDER, PAGINAS), (DEMO_TEAMLEIDER, PAGINAS | ALLEEN_TEAMLEIDER)],
    ids=["stagebegeleider", "teamleider"],
)
def test_elke_pagina_past_op_een_telefoon_zonder_opzij_te_schuiven(
    browser, server, demoschool, clock, database_url, email, paginas
):
    leerling = _langste_geschiedenis(demoschool, None if email == DEMO_TEAMLEIDER else email)
    te_breed = {}
    context, tab = _log_in(browser, server, clock, email)
    for viewport in (TELEFOON, LAPTOP):
        tab.set_viewport_size(viewport)
        for naam, pad in paginas.items():
            response = tab.goto(pad.format(leerling=leerling))
            assert response is not None, naam
            assert response.status == 200, (naam, response.status)
            breed, zichtbaar = tab.evaluate(BREEDTE)
            if viewport is TELEFOON and breed > zichtbaar:
                te_breed[naam] = (breed, tab.evaluate(UITSTEKERS, zichtbaar))
            if email == DEMO_TEAMLEIDER:
                smal_of_breed = "smal" if viewport is TELEFOON else "breed"
                _bewaar(tab, f"{smal_of_breed}-{naam}.png", database_url)
    context.close()
    assert te_breed == {}, f"breder dan {TELEFOON['width']} px: {te_breed}"
