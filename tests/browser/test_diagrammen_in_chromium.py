"""The diagrams for the team meeting, measured in a real browser at 1920 × 1080 (issue #19):
the smallest rendered label of every picture, the current state of a path in the first
viewport, and the team-meeting view browsed with the keyboard. Keeps the screenshots of these
pages and the measured figures in docs/screenshots/ current."""

from __future__ import annotations

import json
import re

from pyotp import TOTP

from tests.browser.test_in_chromium import SCREENSHOTS, bewaar
from tests.conftest import STAFF
from tests.e2e.overzicht_builders import advance, maak
from tests.integration.builders import breng_naar
from tests.web import WACHTWOORD
from trajectory.usecases import engine
from trajectory.usecases.users import set_password

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips, or fails in CI, with the reason
    expect = None

BREED = {"width": 1920, "height": 1080}
KLEINSTE_LABEL_PX = 12
METINGEN = SCREENSHOTS / "diagrammen-metingen.json"

# every <text> of the pictures on the page: its size as rendered (font size × the picture's
# scale on screen), and whether it stays inside the box it belongs to
METEN = """
() => Array.from(document.querySelectorAll("svg.toestandsplaat text, svg.stroomplaat text"))
  .map((t) => {
    const r = t.getBoundingClientRect();
    const vak = t.closest("g.toestand");
    const kader = vak ? vak.querySelector("rect").getBoundingClientRect() : null;
    return {
      tekst: t.textContent,
      px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
      hoogte: r.height,
      binnen: kader ? r.right <= kader.right + 0.5 && r.left >= kader.left - 0.5 : true,
    };
  })
"""
HUIDIG = """
(selector) => {
  const r = document.querySelector(selector).getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
          scrollY: window.scrollY, hoogte: window.innerHeight, breedte: window.innerWidth};
}
"""


def _inloggen(browser, server, clock, rol: str):
    context = browser.new_context(base_url=server, viewport=BREED, locale="nl-NL")
    page = context.new_page()
    email = STAFF[rol][0]
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    sleutel = page.locator("code.sleutel").inner_text()
    page.get_by_label("Code").fill(TOTP(sleutel).at(clock.now()))
    page.get_by_role("button", name="Instellen en inloggen").click()
    expect(page.get_by_role("heading", name="Vandaag")).to_be_visible()
    return page


def _lang_pad(sessions, clock, staff) -> int:
    """A leerling who went through five phases to nazorg, with a refused step on the way."""
    leerling = maak(sessions, clock, staff, "Lange Weg", klas="3A")
    geweigerd = engine.advance(
        sessions, leerling, "interne_stage_afronden", actor=staff.stagebegeleider, version=1,
        clock=clock,
    )  # fmt: skip
    assert not isinstance(geweigerd, engine.Overgegaan)
    versie = breng_naar(sessions, clock, staff.teamleider, leerling, "groepsstage")
    for trigger, payload in (
        ("uitvallen", {"reden": "Weggestuurd na een conflict."}),
        ("alternatief_starten", {"met": "ondersteuningsteam", "uitkomst": "positief"}),
        ("alternatief_afronden", {"vervolg": "uitstroom"}),
        (
            "uitstromen",
            {"profiel": "arbeid", "bestemming": "Bakkerij", "vertrekdatum": "2025-03-03"},
        ),
    ):
        versie = advance(
            sessions, clock, staff.teamleider, leerling, trigger, versie, payload=payload,
            motivatie="Besproken in het stageteam.",
        )  # fmt: skip
    vast = engine.advance(  # not yet two years: refused, and still so five weeks later
        sessions, leerling, "nazorg_afsluiten", actor=staff.teamleider, version=versie,
        clock=clock,
    )  # fmt: skip
    assert not isinstance(vast, engine.Overgegaan)
    clock.advance(weeks=5)
    return leerling


def _kleinste(page) -> dict:
    teksten = page.evaluate(METEN)
    assert teksten, "no picture text on the page"
    kleinste = min(teksten, key=lambda t: t["px"])
    buiten = [t["tekst"] for t in teksten if not t["binnen"]]
    assert not buiten, f"text runs out of its box: {buiten}"
    return {"px": round(kleinste["px"], 2), "tekst": kleinste["tekst"], "labels": len(teksten)}


def _in_beeld(page, selector: str) -> dict:
    plek = page.evaluate(HUIDIG, selector)
    assert plek["top"] >= 0, plek
    assert plek["left"] >= 0, plek
    assert plek["bottom"] <= plek["hoogte"], plek
    assert plek["right"] <= plek["breedte"], plek
    return plek


def test_de_diagrammen_zijn_leesbaar_op_1920_bij_1080_en_het_pad_toont_het_nu_meteen(
    browser, server, sessions, clock, staff, database_url
):
    set_password(sessions, STAFF["teamleider"][0], WACHTWOORD)
    lang = _lang_pad(sessions, clock, staff)
    page = _inloggen(browser, server, clock, "teamleider")
    metingen: dict[str, object] = {"venster": "1920 × 1080"}

    page.goto("/overzicht/traject")
    traject = _kleinste(page)
    plaat = page.locator("svg.toestandsplaat").bounding_box()
    main = page.locator("main").bounding_box()
    assert plaat["x"] + plaat["width"] <= main["x"] + main["width"]  # within the page's width
    assert traject["px"] >= KLEINSTE_LABEL_PX, traject
    metingen["heel traject"] = {**traject, "getoond op px breed": round(plaat["width"])}
    bewaar(page, "traject.png", database_url)

    page.goto("/overzicht/cohort?schooljaar=2024-2025")
    cohort = _kleinste(page)
    assert cohort["px"] >= KLEINSTE_LABEL_PX, cohort
    metingen["cohortstroom"] = cohort
    bewaar(page, "cohort.png", database_url)

    # the path on its own, as the link under the picture opens it: the current state in view
    page.goto(f"/api/leerlingen/{lang}/pad.svg")
    metingen["pad los: huidige toestand"] = _in_beeld(page, "g.toestand.huidig")
    # and on the leerling page, scrolled to the picture
    page.goto(f"/leerlingen/{lang}")
    page.locator("#pad .pad-plaatje").evaluate("(e) => e.scrollIntoView({block: 'start'})")
    metingen["leerlingpagina: huidige toestand"] = _in_beeld(page, "#pad g.toestand.huidig")
    pad = _kleinste(page)
    assert pad["px"] >= KLEINSTE_LABEL_PX, pad
    metingen["pad"] = pad
    tekst = page.locator("#pad svg").text_content()
    assert "doorgezet door de teamleider" in tekst
    assert "eerst 1× geweigerd" in tekst
    assert "7. Uitstromen → Nazorg" in tekst

    _bewaar_metingen(metingen, database_url)


def _bewaar_metingen(metingen: dict[str, object], database_url: str) -> None:
    """Keep the measured figures next to the screenshots (docs/screenshots/)."""
    if not database_url.startswith("sqlite"):
        return
    alles = json.loads(METINGEN.read_text()) if METINGEN.exists() else {}
    alles.update(metingen)
    METINGEN.write_text(json.dumps(alles, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def test_het_teamoverleg_bladert_met_het_toetsenbord_en_toont_het_pad_zonder_te_scrollen(
    browser, server, sessions, clock, staff, database_url
):
    set_password(sessions, STAFF["stagebegeleider"][0], WACHTWOORD)
    lang = _lang_pad(sessions, clock, staff)
    uitval = maak(sessions, clock, staff, "Uma Uitval", klas="3A")
    versie = breng_naar(sessions, clock, staff.teamleider, uitval, "groepsstage")
    advance(sessions, clock, staff.stagebegeleider, uitval, "uitvallen", versie,
            payload={"reden": "Weggestuurd na een conflict."})  # fmt: skip
    assert lang
    page = _inloggen(browser, server, clock, "stagebegeleider")

    page.goto("/teamoverleg")
    expect(page.get_by_role("heading", name=re.compile("Teamoverleg"))).to_be_visible()
    expect(page.locator("#dia-1")).to_be_hidden()
    cohort = _kleinste(page)
    assert cohort["px"] >= KLEINSTE_LABEL_PX, cohort
    bewaar(page, "teamoverleg.png", database_url)

    page.keyboard.press("ArrowRight")
    expect(page.locator("#dia-1")).to_be_visible()
    expect(page.locator("#dia-0")).to_be_hidden()
    expect(page).to_have_url(re.compile(r"#dia-1$"))
    expect(page.locator("#dia-1 h2")).to_contain_text("Lange Weg")  # by name
    plek = _in_beeld(page, "#dia-1 g.toestand.huidig")
    assert plek["scrollY"] == 0
    pad = _kleinste(page)
    assert pad["px"] >= KLEINSTE_LABEL_PX, pad
    bewaar(page, "teamoverleg-leerling.png", database_url)
    _bewaar_metingen(
        {"teamoverleg: cohortstroom": cohort, "teamoverleg: pad": pad,
         "teamoverleg: huidige toestand": plek},
        database_url,
    )  # fmt: skip

    page.keyboard.press("PageDown")
    expect(page.locator("#dia-2 h2")).to_contain_text("Uma Uitval")
    assert _in_beeld(page, "#dia-2 g.toestand.huidig")["scrollY"] == 0

    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#dia-0")).to_be_visible()


def test_zonder_graphviz_toont_de_browser_toch_de_plaatjes(
    browser, server, sessions, clock, staff, monkeypatch, tmp_path
):
    set_password(sessions, STAFF["mentor"][0], WACHTWOORD)
    page = _inloggen(browser, server, clock, "mentor")
    monkeypatch.setenv("PATH", str(tmp_path))  # the server's process: no `dot` any more

    for pad in ("/overzicht/traject", "/overzicht/cohort", "/teamoverleg"):
        page.goto(pad)
        plaat = page.locator("figure.plaat svg").first.bounding_box()
        assert plaat["width"] > 300, pad
        assert plaat["height"] > 100, pad


def test_de_diagrampaginas_schuiven_op_een_telefoon_niet_opzij(
    browser, server, sessions, clock, staff
):
    set_password(sessions, STAFF["stagebegeleider"][0], WACHTWOORD)
    lang = _lang_pad(sessions, clock, staff)
    page = _inloggen(browser, server, clock, "stagebegeleider")
    page.set_viewport_size({"width": 390, "height": 844})

    for pad in ("/overzicht/traject", "/overzicht/cohort", "/teamoverleg", f"/leerlingen/{lang}"):
        page.goto(pad)
        breedte = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert breedte[0] <= breedte[1], (pad, breedte)
