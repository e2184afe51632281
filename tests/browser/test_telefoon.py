"""Every page on a phone (390 px wide) without sideways scrolling, as a stagebegeleider and as
the teamleider, on a small demo school; each page's screenshot at both widths is kept in
docs/screenshots/ (`smal-…` at 390 px, `breed-…` at 1280 px)."""

from __future__ import annotations

import pytest

from tests.browser.rondgang import LAPTOP, ROLLEN, TELEFOON, langste_geschiedenis, log_in
from tests.browser.test_in_chromium import SCREENSHOTS
from trajectory.demo import DEMO_TEAMLEIDER

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


@pytest.mark.parametrize(("email", "paginas"), list(ROLLEN.values()), ids=list(ROLLEN))
def test_elke_pagina_past_op_een_telefoon_zonder_opzij_te_schuiven(
    browser, server, demoschool, clock, database_url, email, paginas
):
    leerling = langste_geschiedenis(demoschool, email)
    te_breed = {}
    context, tab = log_in(browser, server, clock, email)
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
