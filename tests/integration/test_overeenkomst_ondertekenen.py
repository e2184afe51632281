"""The stage-overeenkomst signed by every party (issue #18): a signature is an event on one
version (the contract record and the rooster), `stage_overeenkomst_compleet` reads them, a
change of a field or the rooster asks every party again while the old signed PDF stays, a
parent signs only for a leerling who is a minor on the start date, and a scanned paper
contract (PDF/PNG/JPEG, ≤ 10 MB, sniffed) may stand in for a party."""

from __future__ import annotations

import base64
import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.integration.builders import audit_events, leg_vast
from tests.integration.test_placement_rules import (
    CONTRACT,
    DINSDAG_DONDERDAG,
    stage_klaar,
    starten,
    tijden_van,
)
from trajectory.store import tables as t
from trajectory.usecases import bewaartermijn, engine, inzage
from trajectory.usecases import overeenkomst as ok
from trajectory.usecases import overeenkomst_bestanden as bestanden
from trajectory.usecases.fouten import Conflict, FieldError

pytestmark = pytest.mark.pdf  # draws the contract PDF (WeasyPrint, Pango)

ZONDER_VINKJES = {
    **{k: v for k, v in CONTRACT.items() if not k.startswith("getekend_")},
    "tijden": tijden_van(DINSDAG_DONDERDAG),
}
NAMEN = {
    "school": "Karin Jansen",
    "leerling": "Sem de Vries",
    "bedrijf": "Jan de Hoek",
    "ouder": "Petra de Vries",
}


def _klaar_zonder_handtekeningen(sessions, clock, staff, **kw) -> tuple[int, int]:
    return stage_klaar(sessions, clock, staff, vinkjes=False, **kw)


def _teken(sessions, clock, staff, lid, pid, *partijen: str) -> None:
    for partij in partijen:
        stand = ok.stand(sessions, lid, pid, staff.stagebegeleider)
        ok.ondertekenen(
            sessions,
            lid,
            pid,
            partij=partij,
            naam=NAMEN[partij],
            akkoord=True,
            sha256=stand.sha256,
            actor=staff.stagebegeleider,
            clock=clock,
        )


def test_de_stage_start_pas_als_alle_partijen_en_een_ouder_hebben_getekend(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)  # 15 on the start date
    _teken(sessions, clock, staff, lid, pid, "school", "leerling", "bedrijf")

    zonder_ouder = starten(sessions, clock, staff.stagebegeleider, lid)
    _teken(sessions, clock, staff, lid, pid, "ouder")
    met_ouder = starten(sessions, clock, staff.stagebegeleider, lid)

    assert isinstance(zonder_ouder, engine.Geweigerd), zonder_ouder
    reden = dict((v.guard, v.reden) for v in zonder_ouder.verdicts if not v.ok)
    assert reden["stage_overeenkomst_compleet"] == (
        "De stage-overeenkomst is niet compleet; er ontbreekt: "
        "de handtekening van een ouder/verzorger."
    )
    assert isinstance(met_ouder, engine.Overgegaan), met_ouder
    events = audit_events(sessions, lid, soort="overeenkomst")
    assert len(events) == 4


def test_elke_handtekening_bewaart_naam_partij_tijd_en_de_hash_van_de_pdf(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    sha = ok.stand(sessions, lid, pid, staff.stagebegeleider).sha256
    _teken(sessions, clock, staff, lid, pid, "bedrijf")

    stand = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    (h,) = stand.handtekeningen
    assert (h.partij, h.naam, h.wijze, h.pdf_sha256) == ("bedrijf", "Jan de Hoek", "scherm", sha)
    assert h.door_id == staff.stagebegeleider.id
    assert h.getekend_op.replace(tzinfo=None) == clock.now().replace(tzinfo=None)
    assert stand.getekend == {"bedrijf": "scherm"}
    assert stand.ontbreekt == ("school", "leerling", "ouder")


@pytest.mark.parametrize(
    ("geboren", "ouder_nodig"),
    [(date(2007, 3, 4), False), (date(2007, 3, 5), True)],  # 18 on / one day after the start
)
def test_een_ouder_tekent_alleen_bij_een_leerling_die_op_de_startdatum_minderjarig_is(
    sessions, clock, staff, geboren, ouder_nodig
):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff, geboren=geboren)
    stand = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    assert ("ouder" in stand.vereist) is ouder_nodig


def test_een_ouder_van_een_meerderjarige_leerling_kan_niet_tekenen(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff, geboren=date(2007, 3, 4))
    with pytest.raises(FieldError) as fout:
        _teken(sessions, clock, staff, lid, pid, "ouder")
    assert fout.value.veld == "partij"


def test_na_een_roosterwijziging_tekent_iedereen_opnieuw_en_blijft_de_oude_pdf(
    sessions, clock, staff
):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    _teken(sessions, clock, staff, lid, pid, "school", "leerling", "bedrijf", "ouder")
    oud = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    nieuw_rooster = {**DINSDAG_DONDERDAG, "dinsdag": {"start": "09:00", "eind": "14:00"}}
    leg_vast(
        sessions,
        clock,
        staff.stagebegeleider,
        lid,
        "rooster",
        plaatsing_id=pid,
        dagen=nieuw_rooster,
    )

    na = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    assert oud.ontbreekt == ()
    assert na.ontbreekt == ("school", "leerling", "bedrijf", "ouder")
    assert na.sha256 != oud.sha256
    (document,) = na.documenten
    pdf = bestanden.document_bestand(sessions, lid, document.id, staff.stagebegeleider)
    assert ok.document.sha256(pdf) == oud.sha256


def test_na_een_gewijzigd_contractveld_tekent_iedereen_opnieuw(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    _teken(sessions, clock, staff, lid, pid, "school", "leerling", "bedrijf", "ouder")
    oud = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    anders = {**ZONDER_VINKJES, "leeractiviteiten": "Vakken vullen, kassa en magazijn"}
    leg_vast(sessions, clock, staff.stagebegeleider, lid, "stage_overeenkomst", **anders)

    na = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    assert na.ontbreekt == ("school", "leerling", "bedrijf", "ouder")
    assert na.sha256 != oud.sha256
    assert [d.sha256 for d in na.documenten] == [oud.sha256]
    refused = starten(sessions, clock, staff.stagebegeleider, lid)
    assert isinstance(refused, engine.Geweigerd)


def test_een_handtekening_op_een_intussen_gewijzigde_versie_wordt_geweigerd(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    gezien = ok.stand(sessions, lid, pid, staff.stagebegeleider).sha256
    leg_vast(
        sessions,
        clock,
        staff.stagebegeleider,
        lid,
        "stage_overeenkomst",
        **{**ZONDER_VINKJES, "kosten_door": "Bedrijf"},
    )
    with pytest.raises(Conflict):
        ok.ondertekenen(
            sessions, lid, pid, partij="school", naam="Karin Jansen", akkoord=True,
            sha256=gezien, actor=staff.stagebegeleider, clock=clock,
        )  # fmt: skip
    with sessions() as session:
        assert session.scalars(select(t.OvereenkomstHandtekening)).all() == []


def test_de_pdf_bevat_elk_veld_en_dezelfde_invoer_geeft_dezelfde_bytes(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    eerste = ok.huidige_pdf(sessions, lid, pid, staff.stagebegeleider)
    tweede = ok.huidige_pdf(sessions, lid, pid, staff.stagebegeleider)

    assert eerste == tweede
    assert ok.document.sha256(eerste) == ok.stand(sessions, lid, pid, staff.stagebegeleider).sha256
    tekst = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(eerste)).pages
    )
    for veld, label in ok.WVO_VELDEN.items():
        assert label[1:] in tekst, veld
        waarde = str(ZONDER_VINKJES[veld])
        if veld in ("aanvangsdatum", "einddatum"):  # dates as the rest of the document has them
            waarde = f"{date.fromisoformat(waarde):%d-%m-%Y}"
        assert " ".join(waarde.split()) in tekst, veld
    # the kind of stage by its name, also while the placement is still planned (klas 3A)
    assert "Soort stage Individuele stage, sector Horeca en Winkel" in tekst
    for verwacht in (
        "Sem de Vries",
        "Supermarkt De Hoek",
        "09:00–14:30",
        "04-03-2025",
        "27-06-2025",
        "Een ouder/verzorger",
        "Praktijkschool De Viaan",
    ):
        assert verwacht in tekst, tekst


def test_zonder_volledige_naam_of_akkoord_wordt_niets_getekend(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    sha = ok.stand(sessions, lid, pid, staff.stagebegeleider).sha256
    for naam, akkoord, veld in (("Karin", True, "naam"), ("Karin Jansen", False, "akkoord")):
        with pytest.raises(FieldError) as fout:
            ok.ondertekenen(
                sessions, lid, pid, partij="school", naam=naam, akkoord=akkoord, sha256=sha,
                actor=staff.stagebegeleider, clock=clock,
            )  # fmt: skip
        assert fout.value.veld == veld
    assert ok.stand(sessions, lid, pid, staff.stagebegeleider).handtekeningen == ()


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 100


def test_een_gescand_papieren_contract_staat_in_voor_een_partij(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    scan_id = bestanden.scan_uploaden(
        sessions, lid, pid, partij="ouder", inhoud=PNG, actor=staff.stagebegeleider, clock=clock
    )

    stand = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    assert stand.getekend == {"ouder": "papier"}
    inhoud, mime = bestanden.scan_bestand(sessions, lid, scan_id, staff.stagebegeleider)
    assert (inhoud, mime) == (PNG, "image/png")
    assert stand.scans[0].sha256 == ok.document.sha256(PNG)


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"%PDF-" + b"\0" * (11 * 1024 * 1024), "groter dan 10 MB"),
        (b"MZ\x90\x00" + b"\0" * 200, "upload een PDF, PNG of JPEG"),  # a .exe named .pdf
    ],
)
def test_een_te_grote_of_verkeerde_scan_wordt_geweigerd(sessions, clock, staff, inhoud, melding):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    with pytest.raises(FieldError) as fout:
        bestanden.scan_uploaden(
            sessions, lid, pid, partij="ouder", inhoud=inhoud, actor=staff.stagebegeleider,
            clock=clock,
        )  # fmt: skip
    assert melding in fout.value.bericht
    assert ok.stand(sessions, lid, pid, staff.stagebegeleider).scans == ()


def _herinneringen(sessions, lid: int) -> list[tuple[date, str]]:
    with sessions() as session:
        return [
            (h.verschuldigd, h.status)
            for h in session.scalars(
                select(t.Herinnering).where(
                    t.Herinnering.leerling_id == lid,
                    t.Herinnering.soort == "handtekeningen_ontbreken",
                )
            )
        ]


def test_de_herinnering_aan_ontbrekende_handtekeningen_verdwijnt_met_de_laatste(
    sessions, clock, staff
):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    _teken(sessions, clock, staff, lid, pid, "school", "leerling", "bedrijf")
    voor = _herinneringen(sessions, lid)
    _teken(sessions, clock, staff, lid, pid, "ouder")

    # a week before 4 March is the voorjaarsvakantie: the first school day after it
    assert voor == [(date(2025, 3, 3), "gepland")]
    assert [s for _, s in _herinneringen(sessions, lid)] != ["gepland"]


def test_de_avg_inzage_bevat_de_getekende_pdf_en_de_scan(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    _teken(sessions, clock, staff, lid, pid, "school")
    bestanden.scan_uploaden(
        sessions, lid, pid, partij="ouder", inhoud=PNG, actor=staff.stagebegeleider, clock=clock
    )
    with sessions.begin() as session:
        export = inzage.exporteer(session, lid, staff.teamleider, clock)

    tabellen = export["tabellen"]
    (document,) = tabellen["overeenkomst_document"]
    assert ok.document.sha256(base64.b64decode(document["pdf"]["base64"])) == document["sha256"]
    (scan,) = tabellen["overeenkomst_scan"]
    assert base64.b64decode(scan["inhoud"]["base64"]) == PNG
    assert {h["partij"] for h in tabellen["overeenkomst_handtekening"]} == {"school", "ouder"}


def test_de_bewaartermijn_wist_de_pdfs_scans_en_namen_maar_houdt_de_hashes(sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    _teken(sessions, clock, staff, lid, pid, "school")
    bestanden.scan_uploaden(
        sessions, lid, pid, partij="ouder", inhoud=PNG, actor=staff.stagebegeleider, clock=clock
    )
    with sessions.begin() as session:
        assert bewaartermijn.wis_leerling(session, lid, clock.now())

    with sessions() as session:
        (document,) = session.scalars(select(t.OvereenkomstDocument)).all()
        (scan,) = session.scalars(select(t.OvereenkomstScan)).all()
        namen = set(session.scalars(select(t.OvereenkomstHandtekening.naam)))
    assert (document.pdf, scan.inhoud) == (b"", b"")
    assert len(document.sha256) == len(scan.sha256) == 64
    assert namen == {bewaartermijn.GEWIST}
