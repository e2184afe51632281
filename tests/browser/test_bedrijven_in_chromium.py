"""A stagebegeleider builds the register in a real browser (#17): registers a company, adds its
praktijkbegeleider, and arranges a leerling's placement there from the leerling page; the
placement links to the company and shows whom to call."""

from __future__ import annotations

import re

from pyotp import TOTP

from tests.conftest import STAFF
from tests.integration.builders import breng_naar, nieuwe_leerling
from tests.web import WACHTWOORD
from trajectory.usecases.users import set_password

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips, or fails in CI, with the reason
    expect = None


def test_een_bedrijf_een_praktijkbegeleider_en_een_stageplaats_via_de_pagina(
    page, sessions, clock, staff
):
    sem = nieuwe_leerling(
        sessions, clock, staff.teamleider, naam="Sem Stagiair", klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    breng_naar(sessions, clock, staff.teamleider, sem, "stage_zoeken")
    set_password(sessions, STAFF["stagebegeleider"][0], WACHTWOORD)

    page.goto("/bedrijven/nieuw")
    page.get_by_label("E-mailadres").fill(STAFF["stagebegeleider"][0])
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    sleutel = page.locator("code.sleutel").inner_text()
    page.get_by_label("Code").fill(TOTP(sleutel).at(clock.now()))
    page.get_by_role("button", name="Instellen en inloggen").click()
    expect(page).to_have_url(re.compile(r"/bedrijven/nieuw$"))

    formulier = page.locator("#form-bedrijf")
    formulier.get_by_label("Naam (verplicht)").fill("Bakkerij de Korrel")
    formulier.get_by_label("Postcode", exact=True).fill("3811ab")
    formulier.get_by_label("Plaats", exact=True).fill("Amersfoort")
    formulier.get_by_label("08 Voedsel (productie)").first.check()
    formulier.get_by_label("Stageplaatsen tegelijk").fill("2")
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("status")).to_have_text("Het stagebedrijf staat in het register.")
    expect(page.get_by_role("heading", name="Bakkerij de Korrel")).to_be_visible()
    expect(page.locator("#inhoud")).to_contain_text("3811 AB Amersfoort")

    page.get_by_text("Praktijkbegeleider toevoegen").click()
    pb = page.locator("#form-praktijkbegeleider")
    pb.get_by_label("Naam (verplicht)").fill("Piet Bakker")
    pb.get_by_label("Telefoon", exact=True).fill("030-1234567")
    pb.get_by_label("E-mailadres").fill("piet@korrel.test")
    pb.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_have_text("De praktijkbegeleider is toegevoegd.")

    page.goto(f"/leerlingen/{sem}")
    page.get_by_text("Stageplaats regelen").click()
    page.get_by_label("Zoek eerst het stagebedrijf").fill("korrel")  # the search step (#17)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("#bedrijf-zoek--uitkomst")).to_contain_text("1 bedrijf gevonden")
    plaatsing = page.locator("#form-plaatsing")
    expect(plaatsing.get_by_label("Stagebedrijf")).to_have_value("Bakkerij de Korrel")
    plaatsing.get_by_label("Praktijkbegeleider").select_option(
        label="Bakkerij de Korrel — Piet Bakker"
    )
    plaatsing.get_by_label("Sector").select_option("08")
    plaatsing.get_by_label("Startdatum").fill("2025-03-10")
    plaatsing.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_have_text("De stageplaats is opgeslagen.")
    rij = page.locator("#stageplaatsen tbody tr").first
    expect(rij).to_contain_text("Praktijkbegeleider: Piet Bakker")
    expect(rij.get_by_role("link", name="030-1234567")).to_be_visible()

    rij.get_by_role("link", name="Bakkerij de Korrel").click()
    expect(page.get_by_role("heading", name="Bakkerij de Korrel")).to_be_visible()
    expect(page.locator("#inhoud")).to_contain_text("Sem Stagiair")
