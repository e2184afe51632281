"""Finding a company (issue #17): each filter of the matching at its boundary, the order by
fit, the distance from the leerling's home, and the kandidaat list up to the placement in one
step — all or nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from tests.integration.builders import als_entree_leerling, breng_naar, nieuwe_leerling
from trajectory.domain.stagezoeken import RECENTE_UITVAL
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, gegevens, stagezoeken
from trajectory.usecases.fouten import FieldError, NotPermitted
from trajectory.usecases.geweigerd import Geweigerd

START = date(2025, 8, 25)  # the planned start the tests search for


def _bedrijf(sessions, clock, staff, naam, **velden) -> int:
    gegevens_ = {"naam": naam, "sectoren": ["08"], **velden}
    return bedrijven.registreer(sessions, gegevens_, actor=staff.teamleider, clock=clock)


def _status(sessions, clock, staff, bid, status):
    bedrijven.zet_status(
        sessions, bid, {"status": status, "reden": "Incident op de werkvloer", "version": 1},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip


def _zoeker(sessions, clock, staff, *, definitief="08", noa=("08", "03")) -> int:
    """A leerling in stage_zoeken with a chosen sector and a Noa test (written as set-up)."""
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, geboortedatum=date(2008, 6, 1), klas="3A"
    )
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    with sessions.begin() as session:
        session.get_one(t.Leerling, lid).definitieve_sector = definitief
        session.add(
            t.Vastlegging(
                leerling_id=lid, kind="noa_test", datum=date(2024, 2, 1),
                data={"sectoren": list(noa)}, aangemaakt=datetime(2024, 2, 1, tzinfo=UTC),
            )
        )  # fmt: skip
    return lid


def _plaatsing(sessions, leerling_id, bid, *, status="lopend", einddatum=None, afstand=None):
    with sessions.begin() as session:
        session.add(
            t.Plaatsing(
                leerling_id=leerling_id, soort="individuele_stage", status=status,
                bedrijf="Eerder", stagebedrijf_id=bid, sector="08",
                startdatum=date(2024, 9, 2), einddatum=einddatum, dagdelen=[],
                afstand_km=afstand,
            )
        )  # fmt: skip


def _ids(sessions, clock, staff, lid, **kw) -> list[int]:
    zoek = stagezoeken.zoek(sessions, lid, actor=staff.teamleider, clock=clock, start=START, **kw)
    return [m.bedrijf_id for m in zoek.matches]


def test_alleen_bedrijven_in_een_sector_van_de_leerling_de_gekozen_eerst(sessions, clock, staff):
    lid = _zoeker(sessions, clock, staff)
    horeca = _bedrijf(sessions, clock, staff, "Eetcafé Noa", sectoren=["03"])
    voedsel = _bedrijf(sessions, clock, staff, "Bakkerij Gekozen", sectoren=["08"])
    _bedrijf(sessions, clock, staff, "Hoveniers Groen", sectoren=["04"])

    assert _ids(sessions, clock, staff, lid) == [voedsel, horeca]


def test_een_geblokkeerd_of_gepauzeerd_bedrijf_staat_er_niet_bij(sessions, clock, staff):
    lid = _zoeker(sessions, clock, staff)
    actief = _bedrijf(sessions, clock, staff, "Actief")
    _status(sessions, clock, staff, _bedrijf(sessions, clock, staff, "Dicht"), "geblokkeerd")
    _status(sessions, clock, staff, _bedrijf(sessions, clock, staff, "Pauze"), "gepauzeerd")

    assert _ids(sessions, clock, staff, lid) == [actief]


def test_entree_vraagt_een_erkenning_die_op_de_startdatum_nog_geldt(sessions, clock, staff):
    lid = _zoeker(sessions, clock, staff)
    als_entree_leerling(sessions, lid)
    erkenning = {"erkenning_sectoren": ["08"]}
    dag_ervoor = _bedrijf(
        sessions, clock, staff, "Verlopen", **erkenning,
        erkenning_geldig_tot=(START - timedelta(days=1)).isoformat(),
    )  # fmt: skip
    op_de_dag = _bedrijf(
        sessions, clock, staff, "Geldig", **erkenning, erkenning_geldig_tot=START.isoformat()
    )
    andere_sector = _bedrijf(
        sessions, clock, staff, "Andere erkenning", erkenning_sectoren=["04"],
        erkenning_geldig_tot="2030-01-01",
    )  # fmt: skip

    ids = _ids(sessions, clock, staff, lid)

    assert op_de_dag in ids
    assert dag_ervoor not in ids
    assert andere_sector not in ids


def test_zonder_entree_telt_de_erkenning_niet_mee(sessions, clock, staff):
    lid = _zoeker(sessions, clock, staff)
    zonder = _bedrijf(sessions, clock, staff, "Geen erkenning")

    assert _ids(sessions, clock, staff, lid) == [zonder]


def test_een_vol_bedrijf_staat_er_niet_bij_een_met_een_vrije_plaats_wel(sessions, clock, staff):
    lid = _zoeker(sessions, clock, staff)
    ander = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Anna Ander")
    vol = _bedrijf(sessions, clock, staff, "Vol", capaciteit=1)
    een_vrij = _bedrijf(sessions, clock, staff, "Een vrij", capaciteit=2)
    for bid in (vol, een_vrij):
        _plaatsing(sessions, ander, bid)
    _plaatsing(sessions, ander, vol, status="afgerond")  # an ended one takes no place

    zoek = stagezoeken.zoek(sessions, lid, actor=staff.teamleider, clock=clock, start=START)

    assert [(m.bedrijf_id, m.vrij) for m in zoek.matches] == [(een_vrij, 1)]


def test_het_bedrijf_van_een_recente_uitval_van_deze_leerling_staat_er_niet_bij(
    sessions, clock, staff
):
    lid = _zoeker(sessions, clock, staff)
    recent = _bedrijf(sessions, clock, staff, "Recent uitgevallen")
    lang_geleden = _bedrijf(sessions, clock, staff, "Lang geleden")
    vandaag = clock.now().date()
    _plaatsing(sessions, lid, recent, status="afgebroken", einddatum=vandaag - RECENTE_UITVAL)
    _plaatsing(
        sessions, lid, lang_geleden, status="afgebroken",
        einddatum=vandaag - RECENTE_UITVAL - timedelta(days=1),
    )  # fmt: skip
    ander = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Anna Ander")
    _plaatsing(sessions, ander, lang_geleden, status="afgebroken", einddatum=vandaag)

    assert _ids(sessions, clock, staff, lid) == [lang_geleden]


def test_de_afstand_uit_de_coordinaten_van_thuis_en_bedrijf_anders_eerder_getypt(
    sessions, clock, staff
):
    lid = _zoeker(sessions, clock, staff)
    ver = _bedrijf(sessions, clock, staff, "Ver weg", breedtegraad=52.37, lengtegraad=4.90)
    dichtbij = _bedrijf(sessions, clock, staff, "Om de hoek", breedtegraad=52.10, lengtegraad=5.13)
    getypt = _bedrijf(sessions, clock, staff, "Getypt")
    onbekend = _bedrijf(sessions, clock, staff, "Onbekend")
    _plaatsing(sessions, lid, getypt, status="afgerond", afstand=4.5)
    gegevens.wijzig_leerling(
        sessions, lid, {"version": 4, "reden": "Adres bekend geworden.", "breedtegraad": 52.09,
                        "lengtegraad": 5.12},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip

    zoek = stagezoeken.zoek(sessions, lid, actor=staff.teamleider, clock=clock, start=START)
    afstanden = {m.bedrijf_id: m.afstand for m in zoek.matches}

    assert afstanden[dichtbij].bron == "berekend"
    assert afstanden[dichtbij].km < 3
    assert afstanden[ver].km > zoek.limiet_km
    assert (afstanden[getypt].km, afstanden[getypt].bron) == (4.5, "getypt")
    assert afstanden[onbekend].tekst == "onbekend"
    assert [m.bedrijf_id for m in zoek.matches][:2] == [dichtbij, getypt]
    assert zoek.matches[-1].bedrijf_id == ver  # beyond the fietsafstand: last


def _kandidaten(sessions, lid) -> list[dict]:
    with sessions() as session:
        return [
            dict(d)
            for d in session.scalars(
                select(t.Vastlegging.data)
                .where(t.Vastlegging.leerling_id == lid, t.Vastlegging.kind == "kandidaat")
                .order_by(t.Vastlegging.id)
            )
        ]


def _aantal_plaatsingen(sessions, lid) -> int:
    with sessions() as session:
        return session.scalar(
            select(func.count()).select_from(t.Plaatsing).where(t.Plaatsing.leerling_id == lid)
        )


def test_een_kandidaat_wordt_in_een_stap_de_stageplaats(sessions, clock, staff):
    lid = _zoeker(sessions, clock, staff)
    bid = _bedrijf(sessions, clock, staff, "Bakkerij De Korrel")
    sb = staff.teamleider
    stagezoeken.leg_kandidaat_vast(sessions, lid, {"stagebedrijf_id": bid}, actor=sb, clock=clock)
    stagezoeken.leg_kandidaat_vast(
        sessions, lid, {"stagebedrijf_id": bid, "status": "kennismaking_gepland",
                        "gesprek_op": "2025-03-10"},
        actor=sb, clock=clock,
    )  # fmt: skip

    pid = stagezoeken.wordt_de_stage(
        sessions, lid, bid, {"sector": "08", "startdatum": "2025-08-25", "afstand_km": 3},
        actor=sb, clock=clock,
    )  # fmt: skip

    assert not isinstance(pid, Geweigerd)
    with sessions() as session:
        plaatsing = session.get_one(t.Plaatsing, pid)
    assert (plaatsing.stagebedrijf_id, plaatsing.bedrijf, plaatsing.status) == (
        bid, "Bakkerij De Korrel", "gepland",
    )  # fmt: skip
    statussen = [k["status"] for k in _kandidaten(sessions, lid)]
    assert statussen == ["benaderd", "kennismaking_gepland", "geaccepteerd"]
    zoek = stagezoeken.zoek(sessions, lid, actor=staff.mentor, clock=clock)
    assert [(k.stagebedrijf_id, k.nu.status) for k in zoek.kandidaten] == [(bid, "geaccepteerd")]


def test_een_geweigerde_stageplaats_laat_ook_de_kandidaat_ongewijzigd(sessions, clock, staff):
    lid = _zoeker(sessions, clock, staff)
    bid = _bedrijf(sessions, clock, staff, "Bakkerij De Korrel")
    stagezoeken.leg_kandidaat_vast(
        sessions, lid, {"stagebedrijf_id": bid}, actor=staff.teamleider, clock=clock
    )

    with pytest.raises(ValidationError, match="einddatum"):
        stagezoeken.wordt_de_stage(
            sessions, lid, bid,
            {"sector": "08", "startdatum": "2025-08-25", "einddatum": "2025-08-01"},
            actor=staff.teamleider, clock=clock,
        )  # fmt: skip

    assert [k["status"] for k in _kandidaten(sessions, lid)] == ["benaderd"]
    assert _aantal_plaatsingen(sessions, lid) == 0


def test_een_afgesloten_kandidaat_of_onbekend_bedrijf_wordt_geweigerd(sessions, clock, staff):
    lid = _zoeker(sessions, clock, staff)
    bid = _bedrijf(sessions, clock, staff, "Bakkerij De Korrel")
    sb = staff.teamleider
    stagezoeken.leg_kandidaat_vast(sessions, lid, {"stagebedrijf_id": bid}, actor=sb, clock=clock)
    with pytest.raises(FieldError, match="al op de lijst"):
        stagezoeken.leg_kandidaat_vast(
            sessions, lid, {"stagebedrijf_id": bid}, actor=sb, clock=clock
        )
    stagezoeken.leg_kandidaat_vast(
        sessions, lid, {"stagebedrijf_id": bid, "status": "afgewezen"}, actor=sb, clock=clock
    )
    with pytest.raises(FieldError, match="afgesloten"):
        stagezoeken.leg_kandidaat_vast(
            sessions, lid, {"stagebedrijf_id": bid, "status": "kennismaking_gehouden"},
            actor=sb, clock=clock,
        )  # fmt: skip
    with pytest.raises(FieldError, match="niet in het register"):
        stagezoeken.leg_kandidaat_vast(
            sessions, lid, {"stagebedrijf_id": 99999}, actor=sb, clock=clock
        )


def test_een_mentor_leest_de_zoektocht_maar_legt_geen_kandidaat_vast(sessions, clock, staff):
    lid = _zoeker(sessions, clock, staff)
    bid = _bedrijf(sessions, clock, staff, "Bakkerij De Korrel")

    assert _ids(sessions, clock, staff, lid) == [bid]
    assert stagezoeken.zoek(sessions, lid, actor=staff.mentor, clock=clock).matches
    with pytest.raises(NotPermitted):
        stagezoeken.leg_kandidaat_vast(
            sessions, lid, {"stagebedrijf_id": bid}, actor=staff.mentor, clock=clock
        )
