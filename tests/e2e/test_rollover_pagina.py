"""The rollover page: preview with choices, then confirm, all at once (issue 8)."""

from __future__ import annotations

from tests.integration.builders import nieuwe_leerling
from tests.integration.test_rollover import _leerjaren
from tests.web import log_in


def test_de_teamleider_ziet_het_voorbeeld_kiest_een_uitzondering_en_bevestigt(
    client, sessions, clock, staff
):
    tl = staff.teamleider
    gaat_door = nieuwe_leerling(sessions, clock, tl, naam="Anna", leerjaar="3", klas="3A")
    doubleert = nieuwe_leerling(sessions, clock, tl, naam="Bram", leerjaar="3", klas="3B")
    csrf = log_in(client, sessions, "teamleider")

    voorbeeld = client.get("/schooljaar/rollover")
    assert voorbeeld.status_code == 200
    assert "Nieuw schooljaar 2025-2026" in voorbeeld.text
    assert _leerjaren(sessions)[gaat_door] == ("3", "3A")  # a preview changes nothing

    keuze = {"csrf_token": csrf, f"uitzondering_{doubleert}": "doubleren"}
    opnieuw = client.post("/schooljaar/rollover", data={**keuze, "actie": "voorbeeld"})
    assert "Doubleert" in opnieuw.text
    assert _leerjaren(sessions)[doubleert] == ("3", "3B")

    klaar = client.post("/schooljaar/rollover", data={**keuze, "actie": "uitvoeren"})
    assert "is in gang gezet" in klaar.text
    assert _leerjaren(sessions) == {gaat_door: ("4", "4A"), doubleert: ("3", "3B")}

    nog_eens = client.post("/schooljaar/rollover", data={**keuze, "actie": "uitvoeren"})
    assert nog_eens.status_code == 409


def test_zonder_csrf_token_gaat_het_schooljaar_niet_in_gang(client, sessions, clock, staff):
    leerling = nieuwe_leerling(sessions, clock, staff.teamleider, leerjaar="3", klas="3A")
    log_in(client, sessions, "teamleider")
    assert client.post("/schooljaar/rollover", data={"actie": "uitvoeren"}).status_code == 403
    assert _leerjaren(sessions)[leerling] == ("3", "3A")


def test_het_voorbeeld_waarschuwt_voor_een_klas_die_niet_bestaat(client, sessions, clock, staff):
    tl = staff.teamleider
    nieuwe_leerling(
        sessions, clock, tl, naam="Anna", leerjaar="3", klas="3A"
    )  # to 4A, where Cees is
    nieuwe_leerling(
        sessions, clock, tl, naam="Bram", leerjaar="4", klas="4B"
    )  # to 5B: no leerling, no mentor
    nieuwe_leerling(sessions, clock, tl, naam="Cees", leerjaar="3", klas="4A")
    log_in(client, sessions, "teamleider")

    html = client.get("/schooljaar/rollover").text

    assert "Klas 5B bestaat nog niet" in html
    assert "Klas 4A bestaat nog niet" not in html
