"""A stagebegeleider in a real browser: log in, find a leerling, record a beoordeling, take the
step, see why the next step cannot be taken yet, find it all in the timeline, and correct the
leerling's klas with a reason."""

from __future__ import annotations

import re
from pathlib import Path

from pyotp import TOTP

from tests.conftest import STAFF
from tests.integration.builders import nieuwe_leerling
from tests.web import WACHTWOORD
from trajectory.usecases.users import set_password

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips, or fails in CI, with the reason
    expect = None

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"


def bewaar(page, naam: str, database_url: str) -> None:
    """Keep the committed screenshot current: written only when the picture changed."""
    if not database_url.startswith("sqlite"):
        return
    page.wait_for_load_state("load")  # the path diagram is an image
    png = page.screenshot(full_page=True, animations="disabled")
    pad = SCREENSHOTS / naam
    if not pad.exists() or pad.read_bytes() != png:
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_bytes(png)


def test_een_stagebegeleider_zet_een_leerling_een_stap_verder_in_de_browser(
    page, sessions, clock, staff, database_url
):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="2A", stagebegeleider_id=staff.stagebegeleider.id
    )
    nieuwe_leerling(
        sessions,
        clock,
        staff.teamleider,
        naam="Noor Bakker",
        klas="2A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )
    set_password(sessions, STAFF["stagebegeleider"][0], WACHTWOORD)

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?volgende="))
    page.get_by_label("E-mailadres").fill(STAFF["stagebegeleider"][0])
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    # TOTP is on for everyone outside demo mode: the first login enrols the authenticator app
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    sleutel = page.locator("code.sleutel").inner_text()
    page.get_by_label("Code").fill(TOTP(sleutel).at(clock.now()))
    page.get_by_role("button", name="Instellen en inloggen").click()
    expect(page.get_by_role("heading", name="Vandaag")).to_be_visible()
    bewaar(page, "vandaag.png", database_url)

    page.get_by_role("link", name="Leerlingen").click()
    page.get_by_label("Zoek op naam").fill("sem")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("link", name="Noor Bakker")).to_have_count(0)
    page.get_by_role("link", name="Sem de Vries").click()
    expect(page).to_have_url(re.compile(rf"/leerlingen/{sem}$"))

    stap = page.locator("#stap-interne_stage_afronden")
    expect(stap.get_by_role("button", name="Interne stage afronden")).to_be_disabled()
    expect(stap).to_contain_text("De beoordeling van de interne stage (kantinedienst) is nog niet")

    page.get_by_text("Beoordeling vastleggen").click()
    formulier = page.locator("#form-beoordeling")
    formulier.get_by_label("Soort").select_option("interne_stage")
    formulier.get_by_label("Uitslag").select_option("voldoende")
    formulier.get_by_label("Toelichting").fill("Werkt netjes en op tijd in de kantine.")
    formulier.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_have_text("De beoordeling is vastgelegd.")

    page.locator("#stap-interne_stage_afronden").get_by_role(
        "button", name="Interne stage afronden"
    ).click()
    expect(page.get_by_role("status")).to_have_text("De stap 'Interne stage afronden' is gezet.")
    expect(page.locator("#gegevens")).to_contain_text("Snuffelstage (Stagevoorbereiding)")

    volgende = page.locator("#stap-snuffelstage_afronden")
    expect(volgende.get_by_role("button", name="Snuffelstage afronden")).to_be_disabled()
    expect(volgende.locator(".redenen")).to_contain_text("snuffelstage")

    nieuwste = page.locator("#tijdlijn .gebeurtenis").first
    expect(nieuwste).to_contain_text("Interne stage afronden: van Interne stage naar Snuffelstage")
    expect(nieuwste).to_contain_text("Stan Begeleider (stagebegeleider)")
    expect(page.locator("#tijdlijn")).to_contain_text("Vastgelegd: beoordeling")
    expect(page.locator(".pad-stappen")).to_contain_text("Interne stage afronden")
    bewaar(page, "leerling.png", database_url)

    # a wrong klas in the administration: corrected with a reason, and audited
    page.get_by_text("Gegevens wijzigen").click()
    wijzigen = page.locator("#form-gegevens")
    wijzigen.get_by_label("Klas (bepaalt de mentor)").fill("2B")
    wijzigen.get_by_label("Reden van de wijziging").fill("Stond in de verkeerde klas.")
    wijzigen.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_role("status")).to_have_text("De gegevens zijn gewijzigd.")
    expect(page.locator("#gegevens")).to_contain_text("2B")
    gewijzigd = page.locator("#tijdlijn .gebeurtenis").first
    expect(gewijzigd).to_contain_text("Gegevens gewijzigd")
    expect(gewijzigd).to_contain_text("Reden: Stond in de verkeerde klas.")
