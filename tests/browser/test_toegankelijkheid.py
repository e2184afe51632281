"""Every page passes axe-core (bundled by axe-playwright-python) without a single violation, of
any impact, as a stagebegeleider and as the teamleider, at 390 px and at 1280 px wide, on a
small demo school — the leerling page with its forms and its path picture included."""

from __future__ import annotations

import pytest

from tests.browser.rondgang import LAPTOP, ROLLEN, TELEFOON, langste_geschiedenis, log_in

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # the `browser` fixture skips, or fails in CI, with the reason
    Axe = None

# axe skips what is hidden: the forms folded away in <details> are opened first
OPEN_ALLES = "document.querySelectorAll('details').forEach(d => { d.open = true; })"


def _bevindingen(resultaat: dict) -> dict[str, list[str]]:
    """rule -> the first elements that break it (CSS selectors), for the failure message."""
    return {
        overtreding["id"]: [", ".join(map(str, node["target"])) for node in overtreding["nodes"]][
            :3
        ]
        for overtreding in resultaat["violations"]
    }


@pytest.mark.parametrize(("email", "paginas"), list(ROLLEN.values()), ids=list(ROLLEN))
def test_elke_pagina_heeft_geen_enkele_axe_overtreding_op_telefoon_en_laptop(
    browser, server, demoschool, clock, email, paginas
):
    if Axe is None:
        pytest.fail("axe-playwright-python is not installed (pip install -e '.[dev]')")
    axe = Axe()
    leerling = langste_geschiedenis(demoschool, email)
    # axe is injected with Playwright's evaluate, which the app's CSP (script-src 'self') does
    # not block; the CSP itself stays as it is
    context, tab = log_in(browser, server, clock, email)
    overtredingen = {}
    for viewport in (TELEFOON, LAPTOP):
        tab.set_viewport_size(viewport)
        for naam, pad in paginas.items():
            response = tab.goto(pad.format(leerling=leerling))
            assert response is not None, naam
            assert response.status == 200, (naam, response.status)
            tab.evaluate(OPEN_ALLES)
            bevindingen = _bevindingen(axe.run(tab).response)
            if bevindingen:
                overtredingen[f"{naam} ({viewport['width']} px)"] = bevindingen
    context.close()
    assert overtredingen == {}, overtredingen
