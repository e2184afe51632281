"""A stagebegeleider corrects a record in a real browser (#16): "corrigeren" on the row, the
form filled with the current version, a reason; the old version stays, struck through."""

from __future__ import annotations

import re

from pyotp import TOTP

from tests.conftest import STAFF
from tests.integration.builders import leg_vast, nieuwe_leerling
from tests.web import WACHTWOORD
from trajectory.usecases.users import set_password

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips, or fails in CI, with the reason
    expect = None

REDEN = "Toelichting hoorde bij een andere leerling."


def test_een_stagebegeleider_corrigeert_een_beoordeling_in_de_browser(page, sessions, clock, staff):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="2A", stagebegeleider_id=staff.stagebegeleider.id
    )
    leg_vast(
        sessions, clock, staff.stagebegeleider, sem, "beoordeling",
        soort="interne_stage", uitslag="voldoende", toelichting="Kwam te laat.",
    )  # fmt: skip
    set_password(sessions, STAFF["stagebegeleider"][0], WACHTWOORD)

    page.goto(f"/leerlingen/{sem}")
    page.get_by_label("E-mailadres").fill(STAFF["stagebegeleider"][0])
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    sleutel = page.locator("code.sleutel").inner_text()
    page.get_by_label("Code").fill(TOTP(sleutel).at(clock.now()))
    page.get_by_role("button", name="Instellen en inloggen").click()
    expect(page).to_have_url(re.compile(rf"/leerlingen/{sem}$"))

    page.locator("#vastleggingen").get_by_role("link", name="corrigeren").click()
    expect(page.get_by_role("heading", name="Beoordeling corrigeren")).to_be_visible()
    expect(page.get_by_label("Toelichting")).to_have_value("Kwam te laat.")
    page.get_by_label("Toelichting").fill("Werkt netjes en op tijd in de kantine.")
    page.get_by_label("Reden van de correctie").fill(REDEN)
    page.get_by_role("button", name="Correctie opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("De correctie is opgeslagen")
    oud = page.locator("#vastleggingen tr.vervallen")
    expect(oud).to_contain_text("Kwam te laat.")
    expect(oud).to_contain_text(REDEN)
    expect(oud.locator("del")).to_have_count(2)
    expect(page.locator("#vastleggingen")).to_contain_text("Werkt netjes en op tijd")
    expect(page.locator("#tijdlijn .gebeurtenis").first).to_contain_text(
        "Gecorrigeerd: beoordeling"
    )
