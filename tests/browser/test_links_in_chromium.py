"""A stagebegeleider makes a praktijkbegeleider's link on a phone (issue #18): the URL and the
QR code fit a 390 px screen; the praktijkbegeleider opens the link on a phone of their own
and sees the stage by the leerling's first name, without sideways scrolling."""

from __future__ import annotations

import re

from pyotp import TOTP

from tests.browser.rondgang import TELEFOON
from tests.browser.test_telefoon import BREEDTE
from tests.conftest import STAFF
from tests.integration.builders import nieuwe_leerling
from tests.web import WACHTWOORD
from trajectory.usecases import bedrijven, vastleggen
from trajectory.usecases.users import set_password

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips, or fails in CI, with the reason
    expect = None


def test_een_link_maken_en_openen_op_een_telefoon(browser, server, sessions, clock, staff):
    tl = staff.teamleider
    bedrijf = bedrijven.registreer(
        sessions, {"naam": "Bakkerij de Korrel", "sectoren": ["08"]}, actor=tl, clock=clock
    )
    pb = bedrijven.voeg_praktijkbegeleider_toe(
        sessions, bedrijf, {"naam": "Jan de Vries", "email": "jan@korrel.test"},
        actor=tl, clock=clock,
    )  # fmt: skip
    sem = nieuwe_leerling(
        sessions, clock, tl, naam="Sem Vlasblom", klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    vastleggen.add_plaatsing(
        sessions, sem,
        {"stagebedrijf_id": bedrijf, "praktijkbegeleider_id": pb, "sector": "08",
         "startdatum": "2025-03-10", "einddatum": "2025-06-27"},
        actor=tl, clock=clock,
    )  # fmt: skip
    set_password(sessions, STAFF["stagebegeleider"][0], WACHTWOORD)
    school = browser.new_context(base_url=server, viewport=TELEFOON, locale="nl-NL")
    tab = school.new_page()
    tab.goto(f"/leerlingen/{sem}")
    tab.get_by_label("E-mailadres").fill(STAFF["stagebegeleider"][0])
    tab.get_by_label("Wachtwoord").fill(WACHTWOORD)
    tab.get_by_role("button", name="Inloggen").click()
    sleutel = tab.locator("code.sleutel").inner_text()
    tab.get_by_label("Code").fill(TOTP(sleutel).at(clock.now()))
    tab.get_by_role("button", name="Instellen en inloggen").click()
    expect(tab).to_have_url(re.compile(rf"/leerlingen/{sem}$"))

    sectie = tab.locator("#links")
    sectie.get_by_text("Link maken of opnieuw sturen").click()
    sectie.get_by_label("Voor wie en waarvoor").select_option("praktijkbegeleider:agenda")
    sectie.get_by_role("button", name="Link maken").click()
    expect(tab.get_by_role("heading", name="De link is gemaakt")).to_be_visible()
    expect(tab.locator("figure.qr svg")).to_be_visible()
    breed, zichtbaar = tab.evaluate(BREEDTE)
    assert breed <= zichtbaar, "de pagina met de nieuwe link past niet op een telefoon"
    url = tab.get_by_label("Link").input_value()
    school.close()

    telefoon = browser.new_context(viewport=TELEFOON, locale="nl-NL")
    tab = telefoon.new_page()
    tab.goto(url)
    expect(tab.get_by_role("heading", name="Stage van Sem")).to_be_visible()
    expect(tab.locator("main")).to_contain_text("Bakkerij de Korrel")
    expect(tab.locator("body")).not_to_contain_text("Vlasblom")
    assert tab.url.endswith("/extern")  # the token left the address bar
    breed, zichtbaar = tab.evaluate(BREEDTE)
    assert breed <= zichtbaar, "de linkpagina past niet op een telefoon"
    telefoon.close()
