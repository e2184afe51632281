"""Editing a leerling (issue #16 part 1) on the real databases: every field audited with its old
and new value and a reason, a stale version changes nothing, the roles of DOMAIN.md, the warning
when a past step would now be refused, stage-ondersteuning re-planning the visits, and the bulk
reassignment whose preview is what it does."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from tests.integration.builders import (
    MOTIVATIE,
    audit_events,
    breng_naar,
    nieuwe_leerling,
    stand,
    versie,
)
from tests.integration.cohort import leerling as cohort_leerling
from tests.integration.cohort import start_stage
from trajectory.store import queries
from trajectory.store import tables as t
from trajectory.store.repository import verify_audit
from trajectory.usecases import gegevens
from trajectory.usecases.fouten import FieldError, LeerlingNotFound, NotPermitted, VersionConflict
from trajectory.usecases.laden import snapshot_van

REDEN = "Typfout in de administratie hersteld."


@pytest.fixture
def leerling(sessions, clock, staff) -> int:
    return nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )


def _wijzig(sessions, clock, actor, lid, **velden):
    data = {"version": versie(sessions, lid), "reden": REDEN, **velden}
    return gegevens.wijzig_leerling(sessions, lid, data, actor=actor, clock=clock)


def _leerling(sessions, lid) -> t.Leerling:
    with sessions() as session:
        rij = session.get(t.Leerling, lid)
        session.expunge(rij)
        return rij


@pytest.mark.parametrize(
    ("veld", "oud", "nieuw"),
    [
        ("naam", "Sem de Vries", "Sem de Vries-Bakker"),
        ("geboortedatum", "2010-04-02", "2010-05-02"),
        ("klas", "2A", "2B"),
        ("leerjaar", "2", "3"),
        ("stage_ondersteuning", False, True),
        ("nt2", False, True),
    ],
)
def test_elk_veld_wijzigen_is_een_auditevent_met_oude_en_nieuwe_waarde_en_reden(
    sessions, clock, staff, leerling, veld, oud, nieuw
):
    result = _wijzig(sessions, clock, staff.teamleider, leerling, **{veld: nieuw})

    assert result.version == 2
    assert result.wijzigingen == {veld: {"oud": oud, "nieuw": nieuw}}
    ((event, payload),) = audit_events(sessions, leerling, soort="wijziging")
    assert payload == {"wijzigingen": {veld: {"oud": oud, "nieuw": nieuw}}, "reden": REDEN}
    assert event.actor_id == staff.teamleider.id
    rij = _leerling(sessions, leerling)
    waarde = getattr(rij, veld)
    assert (waarde.isoformat() if isinstance(waarde, date) else waarde) == nieuw
    with sessions() as session:
        assert verify_audit(session) is None


def test_de_teamleider_wijst_een_andere_stagebegeleider_toe(sessions, clock, staff, leerling):
    result = _wijzig(
        sessions, clock, staff.teamleider, leerling, stagebegeleider_id=staff.andere_begeleider.id
    )

    assert result.wijzigingen == {
        "stagebegeleider_id": {"oud": staff.stagebegeleider.id, "nieuw": staff.andere_begeleider.id}
    }
    assert _leerling(sessions, leerling).stagebegeleider_id == staff.andere_begeleider.id


def test_ouders_en_verzorgers_toevoegen_wijzigen_en_beeindigen_staat_met_oud_en_nieuw_in_de_audit(
    sessions, clock, staff, leerling
):
    moeder = {"naam": "Fatma de Vries", "relatie": "moeder", "email": "f@voorbeeld.nl"}
    vader = {"naam": "Karel de Vries", "relatie": "vader", "telefoon": "06-12345678"}
    eerst = _wijzig(sessions, clock, staff.stagebegeleider, leerling, verzorgers=[moeder, vader])
    ids = [v["id"] for v in eerst.wijzigingen["verzorgers"]["nieuw"]]
    assert eerst.wijzigingen["verzorgers"]["oud"] == []
    assert len(ids) == 2

    # the mother's phone number is added, the father is no longer a contact
    dan = _wijzig(
        sessions,
        clock,
        staff.stagebegeleider,
        leerling,
        verzorgers=[{**moeder, "id": ids[0], "telefoon": "010-1234567"}],
    )

    assert [v["naam"] for v in dan.wijzigingen["verzorgers"]["oud"]] == [
        "Fatma de Vries",
        "Karel de Vries",
    ]
    assert dan.wijzigingen["verzorgers"]["nieuw"] == [
        {**moeder, "id": ids[0], "telefoon": "010-1234567"}
    ]
    with sessions() as session:
        rijen = session.scalars(select(t.Verzorger).order_by(t.Verzorger.id)).all()
        assert [(r.naam, r.vervallen is None) for r in rijen] == [
            ("Fatma de Vries", True),
            ("Karel de Vries", False),
        ]


def test_een_contact_van_een_andere_leerling_kan_niet_worden_gewijzigd(
    sessions, clock, staff, leerling
):
    ander = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Noor Jansen")
    gezet = _wijzig(
        sessions, clock, staff.teamleider, ander, verzorgers=[{"naam": "Ria", "relatie": "ouder"}]
    )
    ria = gezet.wijzigingen["verzorgers"]["nieuw"][0]["id"]
    voor = stand(sessions, leerling)

    with pytest.raises(FieldError) as fout:
        _wijzig(
            sessions,
            clock,
            staff.teamleider,
            leerling,
            verzorgers=[{"id": ria, "naam": "Ria", "relatie": "ouder"}],
        )

    assert fout.value.veld == "verzorgers"
    assert stand(sessions, leerling) == voor


def test_een_verouderde_versie_geeft_een_conflict_en_verandert_niets(
    sessions, clock, staff, leerling
):
    _wijzig(sessions, clock, staff.teamleider, leerling, klas="2B")
    voor = stand(sessions, leerling)

    with pytest.raises(VersionConflict):
        gegevens.wijzig_leerling(
            sessions,
            leerling,
            {"version": 1, "reden": REDEN, "naam": "Iemand Anders"},
            actor=staff.teamleider,
            clock=clock,
        )

    assert stand(sessions, leerling) == voor
    assert _leerling(sessions, leerling).naam == "Sem de Vries"


def test_zonder_reden_van_tien_tekens_wordt_niets_gewijzigd(sessions, clock, staff, leerling):
    voor = stand(sessions, leerling)
    with pytest.raises(FieldError) as fout:
        gegevens.wijzig_leerling(
            sessions,
            leerling,
            {"version": 1, "reden": " typfout ", "klas": "2B"},
            actor=staff.teamleider,
            clock=clock,
        )
    assert fout.value.veld == "reden"
    assert stand(sessions, leerling) == voor


def test_een_ongeldige_waarde_wordt_geweigerd_zoals_bij_aanmaken(sessions, clock, staff, leerling):
    for fout in (
        {"leerjaar": "6"},
        {"geboortedatum": "0001-01-01"},
        {"naam": ""},
        {"naam": None},
        {"verzorgers": [{"naam": "X", "relatie": "buurman"}]},
        {"verzorgers": [{"naam": "X", "relatie": "ouder", "email": "geen-adres"}]},
    ):
        with pytest.raises(ValidationError):
            _wijzig(sessions, clock, staff.teamleider, leerling, **fout)
    assert versie(sessions, leerling) == 1


def test_niets_anders_dan_wat_er_al_stond_legt_niets_vast(sessions, clock, staff, leerling):
    result = _wijzig(sessions, clock, staff.teamleider, leerling, klas="2A", nt2=False)
    assert result.event_id is None
    assert result.version == 1
    assert audit_events(sessions, leerling, soort="wijziging") == []


def test_de_stagebegeleider_wijzigt_eigen_leerlingen_maar_geeft_ze_niet_weg(
    sessions, clock, staff, leerling
):
    _wijzig(sessions, clock, staff.stagebegeleider, leerling, klas="2C")
    assert _leerling(sessions, leerling).klas == "2C"

    with pytest.raises(NotPermitted):
        _wijzig(
            sessions,
            clock,
            staff.stagebegeleider,
            leerling,
            stagebegeleider_id=staff.andere_begeleider.id,
        )
    with pytest.raises(LeerlingNotFound):
        _wijzig(sessions, clock, staff.andere_begeleider, leerling, klas="2D")
    assert _leerling(sessions, leerling).klas == "2C"


def test_de_mentor_leest_alleen(sessions, clock, staff):
    lid = nieuwe_leerling(sessions, clock, staff.teamleider, klas="3A")
    with pytest.raises(NotPermitted):
        _wijzig(sessions, clock, staff.mentor, lid, nt2=True)
    assert versie(sessions, lid) == 1


def test_een_nieuwe_geboortedatum_die_een_gezette_stap_nu_zou_weigeren_geeft_een_waarschuwing(
    sessions, clock, staff, leerling
):
    """Advies zelfstandig on 3 March 2025 at 14 (born 2 April 2010); the birth date was wrong:
    2011, so 13 then. The step stays; the page names it."""
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    clock.advance(days=2)
    _wijzig(sessions, clock, staff.teamleider, leerling, geboortedatum="2011-06-01")

    with sessions() as session:
        rij = session.get(t.Leerling, leerling)
        waarschuwingen = gegevens.nu_geweigerde_stappen(
            snapshot_van(session, rij), queries.audit_trail(session, leerling)
        )
        assert rij.state == "stage_zoeken"

    assert len(waarschuwingen) == 1
    assert "'Advies: zelfstandig stagelopen' van 03-03-2025" in waarschuwingen[0]
    assert "13 jaar" in waarschuwingen[0]


def test_een_wijziging_die_geen_gezette_stap_raakt_geeft_geen_waarschuwing(
    sessions, clock, staff, leerling
):
    breng_naar(sessions, clock, staff.teamleider, leerling, "stage_zoeken")
    _wijzig(sessions, clock, staff.teamleider, leerling, geboortedatum="2009-01-01", klas="3A")
    with sessions() as session:
        rij = session.get(t.Leerling, leerling)
        trail = queries.audit_trail(session, leerling)
        assert gegevens.nu_geweigerde_stappen(snapshot_van(session, rij), trail) == []


def _gepland(sessions, lid, soort) -> list[date]:
    with sessions() as session:
        return list(
            session.scalars(
                select(t.Herinnering.verschuldigd)
                .where(
                    t.Herinnering.leerling_id == lid,
                    t.Herinnering.soort == soort,
                    t.Herinnering.status == "gepland",
                )
                .order_by(t.Herinnering.verschuldigd)
            )
        )


def test_stage_ondersteuning_aanzetten_maakt_het_bezoekinterval_vanaf_dan_twee_weken(
    sessions, clock, staff
):
    clock.set(date(2025, 8, 25))
    lid = cohort_leerling(sessions, clock, staff, "Cem Yilmaz", "4")
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    clock.set(date(2025, 9, 1))
    start_stage(sessions, clock, staff, lid, date(2025, 9, 1), date(2026, 6, 26))
    assert _gepland(sessions, lid, "bezoek") == [date(2025, 9, 22)]  # every 3 weeks

    clock.set(date(2025, 9, 3))
    _wijzig(sessions, clock, staff.teamleider, lid, stage_ondersteuning=True)

    assert _gepland(sessions, lid, "bezoek") == [date(2025, 9, 15)]  # 2 weeks after the start
    assert _gepland(sessions, lid, "bezoek_achterstand") == [date(2025, 9, 22)]
    assert _leerling(sessions, lid).ondersteuning_sinds == date(2025, 9, 3)


def test_stage_ondersteuning_aanzetten_maakt_een_bezoek_niet_achteraf_te_laat(
    sessions, clock, staff
):
    clock.set(date(2025, 8, 25))
    lid = cohort_leerling(sessions, clock, staff, "Cem Yilmaz", "4")
    breng_naar(sessions, clock, staff.teamleider, lid, "stage_zoeken")
    clock.set(date(2025, 9, 1))
    start_stage(sessions, clock, staff, lid, date(2025, 9, 1), date(2026, 6, 26))

    clock.set(date(2025, 9, 17))  # more than two weeks after the start
    _wijzig(sessions, clock, staff.teamleider, lid, stage_ondersteuning=True)

    assert _gepland(sessions, lid, "bezoek") == [date(2025, 9, 17)]  # due today, from now on
    assert _gepland(sessions, lid, "bezoek_achterstand") == [date(2025, 9, 24)]


def test_herverdelen_doet_precies_wat_het_voorstel_liet_zien(sessions, clock, staff):
    ids = [
        nieuwe_leerling(sessions, clock, staff.teamleider, naam=naam, stagebegeleider_id=begeleider)
        for naam, begeleider in (
            ("Anna Bakker", staff.stagebegeleider.id),
            ("Bram Visser", staff.stagebegeleider.id),
            ("Cem Yilmaz", staff.andere_begeleider.id),  # has that begeleider already
        )
    ]
    voorstel = gegevens.herverdeling_voorstel(
        sessions, ids, staff.andere_begeleider.id, actor=staff.teamleider
    )
    assert [(r.naam, r.van_id) for r in voorstel] == [
        ("Anna Bakker", staff.stagebegeleider.id),
        ("Bram Visser", staff.stagebegeleider.id),
    ]

    gedaan = gegevens.herverdeel(
        sessions,
        [(r.leerling_id, r.version) for r in voorstel],
        staff.andere_begeleider.id,
        MOTIVATIE,
        actor=staff.teamleider,
        clock=clock,
    )

    assert len(gedaan) == 2
    with sessions() as session:
        nu = dict(session.execute(select(t.Leerling.id, t.Leerling.stagebegeleider_id)).all())
    assert nu == dict.fromkeys(ids, staff.andere_begeleider.id)
    gewijzigd = {e.leerling_id for e, _ in audit_events(sessions, soort="wijziging")}
    assert gewijzigd == {r.leerling_id for r in voorstel}


def test_herverdelen_met_een_verouderd_voorstel_verandert_niets(sessions, clock, staff):
    a = nieuwe_leerling(
        sessions, clock, staff.teamleider, stagebegeleider_id=staff.stagebegeleider.id
    )
    b = nieuwe_leerling(
        sessions, clock, staff.teamleider, naam="Bram", stagebegeleider_id=staff.stagebegeleider.id
    )
    voorstel = gegevens.herverdeling_voorstel(
        sessions, [a, b], staff.andere_begeleider.id, actor=staff.teamleider
    )
    _wijzig(sessions, clock, staff.teamleider, b, klas="2Z")  # meanwhile

    with pytest.raises(VersionConflict):
        gegevens.herverdeel(
            sessions,
            [(r.leerling_id, r.version) for r in voorstel],
            staff.andere_begeleider.id,
            MOTIVATIE,
            actor=staff.teamleider,
            clock=clock,
        )
    assert _leerling(sessions, a).stagebegeleider_id == staff.stagebegeleider.id


def test_alleen_de_teamleider_herverdeelt(sessions, clock, staff, leerling):
    with pytest.raises(NotPermitted):
        gegevens.herverdeling_voorstel(
            sessions, [leerling], staff.andere_begeleider.id, actor=staff.stagebegeleider
        )
    with pytest.raises(NotPermitted):
        gegevens.herverdeel(
            sessions,
            [(leerling, 1)],
            staff.andere_begeleider.id,
            MOTIVATIE,
            actor=staff.stagebegeleider,
            clock=clock,
        )
