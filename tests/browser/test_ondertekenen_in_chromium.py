"""A parent signs the stage-overeenkomst through the personal link on a phone (issue #18):
390 px wide, no sideways scroll, the PDF's hash shown, typed full name and consent. The
stagebegeleider's contract page works on the same phone. The screenshots keep both pages
and page 1 of the PDF (rendered by pypdfium2, the PDFium
library Chromium itself uses) in docs/screenshots/."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pyotp import TOTP

from tests.browser.rondgang import TELEFOON
from tests.browser.test_in_chromium import SCREENSHOTS
from tests.browser.test_telefoon import BREEDTE
from tests.browser.test_toegankelijkheid import _bevindingen
from tests.conftest import STAFF
from tests.integration.test_overeenkomst_ondertekenen import _klaar_zonder_handtekeningen
from tests.web import WACHTWOORD
from trajectory.usecases import links
from trajectory.usecases import overeenkomst as ok
from trajectory.usecases.users import set_password

pytestmark = pytest.mark.pdf  # draws the contract PDF (WeasyPrint, Pango)

try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips, or fails in CI, with the reason
    expect = Axe = None


def _geen_axe_overtredingen(tab) -> None:
    assert _bevindingen(Axe().run(tab).response) == {}


def _bewaar(naam: str, png: bytes, database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        return
    pad = SCREENSHOTS / naam
    if not pad.exists() or pad.read_bytes() != png:
        pad.write_bytes(png)


def _pagina_1_als_png(pdf: bytes) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    beeld = document[0].render(scale=1.5).to_pil()
    uit = io.BytesIO()
    beeld.save(uit, format="PNG")
    document.close()
    return uit.getvalue()


def test_een_ouder_tekent_op_een_telefoon_via_de_link(
    browser, server, sessions, clock, staff, database_url
):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    nieuw = links.maak_link(
        sessions, pid, "ouder", "ondertekenen", actor=staff.stagebegeleider, clock=clock,
        naam="Petra de Vries",
    )  # fmt: skip
    context = browser.new_context(base_url=server, viewport=TELEFOON, locale="nl-NL")
    tab = context.new_page()

    tab.goto(f"/l/{nieuw.token}")
    tab.get_by_role("link", name="Stage-overeenkomst lezen en ondertekenen").click()
    expect(tab).to_have_url(re.compile(r"/extern/ondertekenen$"))
    sha = ok.stand(sessions, lid, pid, staff.stagebegeleider).sha256
    expect(tab.locator("code")).to_have_text(sha)
    breed, zichtbaar = tab.evaluate(BREEDTE)
    assert breed <= zichtbaar, f"{breed} px breed op {zichtbaar} px"
    _geen_axe_overtredingen(tab)
    _bewaar("smal-extern-ondertekenen.png", tab.screenshot(full_page=True), database_url)

    with tab.expect_download() as download:
        tab.get_by_role("link", name="Download de stage-overeenkomst (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    assert ok.document.sha256(pdf) == sha
    _bewaar("stage-overeenkomst-pagina-1.png", _pagina_1_als_png(pdf), database_url)

    tab.get_by_label("Uw volledige naam").fill("Petra de Vries")
    tab.get_by_label("Ik heb de stage-overeenkomst gelezen en ga akkoord.").check()
    tab.get_by_role("button", name="Ondertekenen").click()
    expect(tab.get_by_role("status")).to_have_text("Dank u wel. Uw handtekening is vastgelegd.")
    expect(tab.locator("#inhoud")).to_contain_text("U hebt deze versie al ondertekend")
    breed, zichtbaar = tab.evaluate(BREEDTE)
    assert breed <= zichtbaar
    context.close()
    assert ok.stand(sessions, lid, pid, staff.stagebegeleider).getekend == {"ouder": "link"}


def test_de_stagebegeleider_laat_de_leerling_op_een_telefoon_tekenen(
    browser, server, sessions, clock, staff, database_url
):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    set_password(sessions, STAFF["stagebegeleider"][0], WACHTWOORD)
    context = browser.new_context(base_url=server, viewport=TELEFOON, locale="nl-NL")
    tab = context.new_page()
    pad = f"/leerlingen/{lid}/stageplaatsen/{pid}/overeenkomst"
    tab.goto(pad)
    tab.get_by_label("E-mailadres").fill(STAFF["stagebegeleider"][0])
    tab.get_by_label("Wachtwoord").fill(WACHTWOORD)
    tab.get_by_role("button", name="Inloggen").click()
    sleutel = tab.locator("code.sleutel").inner_text()
    tab.get_by_label("Code").fill(TOTP(sleutel).at(clock.now()))
    tab.get_by_role("button", name="Instellen en inloggen").click()
    expect(tab).to_have_url(re.compile(pad + "$"))

    tab.locator("#partij").select_option("leerling")
    tab.get_by_label("Volledige naam").fill("Sem de Vries")
    tab.get_by_label("Ik heb de stage-overeenkomst gelezen en ga akkoord.").check()
    tab.get_by_role("button", name="Ondertekenen").click()
    expect(tab.get_by_role("status")).to_have_text("De handtekening is vastgelegd.")
    expect(tab.locator("#inhoud")).to_contain_text("Nog te ondertekenen door: de school")
    breed, zichtbaar = tab.evaluate(BREEDTE)
    assert breed <= zichtbaar, f"{breed} px breed op {zichtbaar} px"
    _geen_axe_overtredingen(tab)
    _bewaar("smal-overeenkomst.png", tab.screenshot(full_page=True), database_url)
    context.close()
    assert ok.stand(sessions, lid, pid, staff.stagebegeleider).getekend == {"leerling": "scherm"}
