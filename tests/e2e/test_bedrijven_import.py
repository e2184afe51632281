"""Importing stagebedrijven from a CSV (issue #17): a preview with per-row Dutch reasons,
companies already in the register shown and skipped, then all new ones or none; and the
register as CSV, with no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import base64
import re

from sqlalchemy import func, select

from tests.web import log_in
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, importeren

KOP = "naam;kvk;postcode;plaats;sectoren;erkenning_sectoren;erkenning_geldig_tot;capaciteit"
GOED = "\n".join(
    [
        KOP,
        "Bakkerij De Korrel;1234 5678;3811ab;Amersfoort;08|3;08;31-07-2027;2",
        'Garage Snel;;;Leusden;"02;01";;;',
        "Zorgboerderij Het Erf;;;;dagbesteding;;;",
    ]
)


def upload(client, csrf, tekst: str):
    return client.post(
        "/bedrijven/importeren",
        data={"csrf_token": csrf},
        files={"bestand": ("bedrijven.csv", tekst.encode("utf-8"), "text/csv")},
    )


def bevestig(client, csrf, html: str):
    inhoud = re.search(r'name="inhoud" value="([^"]*)"', html).group(1)
    return client.post(
        "/bedrijven/importeren/bevestigen", data={"csrf_token": csrf, "inhoud": inhoud}
    )


def _bedrijven(sessions) -> dict[str, t.Stagebedrijf]:
    with sessions() as session:
        return {b.naam: b for b in session.scalars(select(t.Stagebedrijf))}


def _importevents(sessions) -> int:
    with sessions() as session:
        return session.scalar(
            select(func.count())
            .select_from(t.AuditEvent)
            .where(t.AuditEvent.trigger == "bedrijf_registreren")
        )


def test_een_goed_bestand_komt_na_het_voorbeeld_helemaal_in_het_register(client, sessions, staff):
    csrf = log_in(client, sessions, "stagebegeleider")

    voorbeeld = upload(client, csrf, GOED)

    assert voorbeeld.status_code == 200
    assert "3 regels gelezen" in voorbeeld.text
    assert "Importeer 3 stagebedrijven" in voorbeeld.text
    assert _bedrijven(sessions) == {}

    klaar = bevestig(client, csrf, voorbeeld.text)

    assert klaar.status_code == 200
    assert "3 stagebedrijven zijn in het register gezet" in klaar.text
    register = _bedrijven(sessions)
    korrel = register["Bakkerij De Korrel"]
    assert (korrel.kvk, korrel.postcode, korrel.sectoren) == ("12345678", "3811 AB", ["03", "08"])
    assert (korrel.erkenning_geldig_tot.isoformat(), korrel.capaciteit) == ("2027-07-31", 2)
    assert register["Garage Snel"].sectoren == ["01", "02"]
    assert register["Zorgboerderij Het Erf"].sectoren == ["dagbesteding"]
    assert _importevents(sessions) == 3


def test_foute_regels_worden_per_regel_en_kolom_genoemd_en_niets_wordt_opgeslagen(
    client, sessions, staff
):
    csrf = log_in(client, sessions, "teamleider")
    fout = "\n".join(
        [
            KOP,
            "Bakkerij De Korrel;;381 AB;;08;;;",
            "Garage Snel;1234567;;;11;;31-02-2027;twee",
            ";;;;;;;",
            "Kapsalon Knip;;;;;;;",
        ]
    )

    voorbeeld = upload(client, csrf, fout)

    assert voorbeeld.status_code == 422
    tekst = voorbeeld.text
    assert "kolom postcode: een postcode is vier cijfers en twee letters" in tekst
    assert "kolom erkenning_geldig_tot: &#39;31-02-2027&#39; is geen datum" in tekst
    assert "kolom capaciteit: &#39;twee&#39; is geen heel getal" in tekst
    assert "Importeer" not in tekst
    regels = re.findall(r"<tr class=\"te-laat\">\s*<td>(\d+)</td>", tekst)
    assert regels == ["2", "3"]

    met_sector = upload(client, csrf, "naam;kvk;sectoren\nGarage Snel;1234567;11")
    assert "kolom kvk (KvK-nummer): een KvK-nummer bestaat uit 8 cijfers" in met_sector.text
    assert "kolom sectoren: &#39;11&#39; is geen sector" in met_sector.text

    # the browser's copy of the file is checked again: a bad file is still refused
    inhoud = re.search(r'name="inhoud" value="([^"]*)"', tekst)
    assert inhoud is None
    opnieuw = client.post(
        "/bedrijven/importeren/bevestigen",
        data={"csrf_token": csrf, "inhoud": base64.b64encode(fout.encode()).decode()},
    )
    assert opnieuw.status_code == 422
    assert _bedrijven(sessions) == {}


def test_een_bedrijf_dat_al_bestaat_wordt_getoond_en_overgeslagen_niet_veranderd(
    client, sessions, clock, staff
):
    bedrijven.registreer(
        sessions, {"naam": "Bakkerij de korrel", "plaats": "Utrecht"},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip
    csrf = log_in(client, sessions, "stagebegeleider")

    voorbeeld = upload(client, csrf, GOED)
    klaar = bevestig(client, csrf, voorbeeld.text)

    assert "bestaat al (Bakkerij de korrel): wordt overgeslagen" in voorbeeld.text
    assert "Importeer 2 stagebedrijven" in voorbeeld.text
    assert "2 stagebedrijven zijn in het register gezet" in klaar.text
    assert "1 bedrijf stond er al" in klaar.text
    register = _bedrijven(sessions)
    assert sorted(register) == ["Bakkerij de korrel", "Garage Snel", "Zorgboerderij Het Erf"]
    assert (register["Bakkerij de korrel"].plaats, register["Bakkerij de korrel"].version) == (
        "Utrecht", 1,
    )  # fmt: skip


def test_een_bedrijf_twee_keer_in_het_bestand_is_een_fout(client, sessions, staff):
    csrf = log_in(client, sessions, "stagebegeleider")

    voorbeeld = upload(client, csrf, "naam\nGarage Snel\n garage  SNEL")

    assert voorbeeld.status_code == 422
    assert "dit bedrijf staat al eerder in het bestand (regel 2)" in voorbeeld.text


def test_een_bedrijf_dat_na_het_voorbeeld_werd_geregistreerd_wordt_bij_de_bevestiging_overgeslagen(
    client, sessions, clock, staff
):
    csrf = log_in(client, sessions, "stagebegeleider")
    voorbeeld = upload(client, csrf, GOED)
    bedrijven.registreer(sessions, {"naam": "Garage Snel"}, actor=staff.teamleider, clock=clock)

    klaar = bevestig(client, csrf, voorbeeld.text)

    # the confirmation checks again: the company now shows as existing and is skipped
    assert klaar.status_code == 200
    assert "1 bedrijf stond er al" in klaar.text
    assert sorted(_bedrijven(sessions)) == [
        "Bakkerij De Korrel", "Garage Snel", "Zorgboerderij Het Erf",
    ]  # fmt: skip


def test_te_veel_regels_of_een_leeg_bestand_wordt_als_geheel_geweigerd(client, sessions, staff):
    csrf = log_in(client, sessions, "teamleider")
    te_veel = "naam\n" + "\n".join(f"Bedrijf {i}" for i in range(importeren.MAX_RIJEN + 1))

    groot = upload(client, csrf, te_veel)
    leeg = upload(client, csrf, "naam\n")
    zonder_naam = upload(client, csrf, "plaats\nUtrecht")

    assert groot.status_code == 422
    assert f"Meer dan {importeren.MAX_RIJEN} stagebedrijven: splits het bestand." in groot.text
    assert "Het bestand bevat geen stagebedrijven." in leeg.text
    assert "niet gevonden: naam" in zonder_naam.text
    assert _bedrijven(sessions) == {}


def test_een_mentor_mag_niet_importeren_maar_wel_exporteren(client, sessions, staff):
    csrf = log_in(client, sessions, "mentor")

    assert client.get("/bedrijven/importeren").status_code == 403
    assert upload(client, csrf, GOED).status_code == 403
    assert client.get("/bedrijven/export.csv").status_code == 200


def test_de_export_zet_formules_onschadelijk_en_kan_terug_worden_geimporteerd(
    client, sessions, clock, staff
):
    for body in (
        {"naam": "=cmd|' /C calc'!A0", "plaats": "+31 Utrecht", "sectoren": ["08", "01"]},
        {"naam": "@SUM(1+1)", "notities": "-2", "capaciteit": 3},
        {"naam": "Gewoon Bedrijf", "erkenning_geldig_tot": "2027-07-31"},
    ):
        bedrijven.registreer(sessions, body, actor=staff.teamleider, clock=clock)
    csrf = log_in(client, sessions, "stagebegeleider")

    export = client.get("/bedrijven/export.csv")

    assert export.status_code == 200
    assert "attachment" in export.headers["content-disposition"]
    tekst = export.content.decode("utf-8-sig")
    cellen = [regel.split(";") for regel in tekst.splitlines()]
    assert cellen[0][:6] == ["naam", "kvk", "adres", "postcode", "plaats", "sectoren"]
    eerste_tekens = {cel[:1] for regel in cellen[1:] for cel in regel if cel}
    assert not eerste_tekens & {"=", "+", "-", "@"}
    assert "'=cmd|' /C calc'!A0" in tekst
    assert "'+31 Utrecht" in tekst
    assert "01|08" in tekst

    terug = upload(client, csrf, tekst)
    assert terug.status_code == 200, terug.text
    assert "Importeer 2 stagebedrijven" in terug.text  # a quoted formula is another name
    assert "Gewoon Bedrijf): wordt overgeslagen" in terug.text


def test_een_script_in_het_bestand_komt_als_tekst_in_het_voorbeeld(client, sessions, staff):
    csrf = log_in(client, sessions, "stagebegeleider")

    voorbeeld = upload(client, csrf, "naam;plaats\n<script>alert(1)</script>;<b>Ede</b>")

    assert voorbeeld.status_code == 200
    assert "<script>alert(1)</script>" not in voorbeeld.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in voorbeeld.text
    assert "&lt;b&gt;Ede&lt;/b&gt;" in voorbeeld.text
