"""The weekly stage-agenda and the company's beoordeling through a link (issue #18), on the
real databases: versions superseding, approved hours, the reminder, the guard reading the
company's stagebeoordeling."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.integration.builders import audit_events, versie
from tests.integration.test_placement_rules import START, stage_loopt
from trajectory.domain.access import Actor
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, engine, links, stageagenda
from trajectory.usecases.fouten import FieldError, NietGevonden
from trajectory.usecases.herinneringen import fire_due

PB = Actor(id=None, rol="praktijkbegeleider_link", naam="Jan de Vries")
LEERLING = Actor(id=None, rol="leerling_link", naam="Sem")
WEEK = date(2025, 3, 3)  # the Monday of START's week


def test_een_tweede_weekverslag_vervangt_het_eerste_en_beide_blijven_zichtbaar(
    sessions, clock, staff
):
    lid, pid = stage_loopt(sessions, clock, staff, leerjaar="3")
    clock.set(START + timedelta(days=3))
    eerste = stageagenda.vul_week_in(
        sessions,
        pid,
        {"week": START, "leerdoelen": "Klanten groeten"},
        actor=PB,
        clock=clock,
        link_id=7,
    )
    tweede = stageagenda.vul_week_in(
        sessions,
        pid,
        {"week": START, "leerdoelen": "Klanten groeten en helpen", "uren": {"2025-03-04": 5}},
        actor=PB,
        clock=clock,
        link_id=7,
    )
    naam, agenda = stageagenda.agenda_voor_staf(
        sessions, lid, pid, actor=staff.stagebegeleider, clock=clock
    )
    week = next(w for w in agenda.weken if w.week == WEEK)
    assert week.delen["praktijkbegeleider"].id == tweede
    assert [(v.vervallen, v.data["leerdoelen"]) for v in agenda.versies_van(WEEK)] == [
        (True, "Klanten groeten"),
        (False, "Klanten groeten en helpen"),
    ]
    with sessions() as session:
        oud = session.get_one(t.Vastlegging, eerste)
        assert oud.vervallen is not None
        assert oud.data["leerdoelen"] == "Klanten groeten"
    gebeurtenissen = [
        (e.actor_id, e.actor_rol, p["door"], p["link_id"], p["vervangt"])
        for e, p in audit_events(sessions, lid, "vastlegging")
        if p and p.get("kind") == "agenda_week"
    ]
    assert gebeurtenissen == [
        (None, "praktijkbegeleider_link", "praktijkbegeleider Jan de Vries (link)", 7, None),
        (None, "praktijkbegeleider_link", "praktijkbegeleider Jan de Vries (link)", 7, eerste),
    ]


def test_een_week_buiten_de_stage_of_in_de_toekomst_kan_niet(sessions, clock, staff):
    _, pid = stage_loopt(sessions, clock, staff, leerjaar="3")
    for week in (START - timedelta(weeks=1), START + timedelta(weeks=1)):
        with pytest.raises(FieldError) as fout:
            stageagenda.vul_week_in(sessions, pid, {"week": week}, actor=PB, clock=clock)
        assert fout.value.field == "week"
    with pytest.raises(NietGevonden):
        stageagenda.vul_week_in(sessions, pid + 1000, {"week": START}, actor=PB, clock=clock)


def test_de_uren_van_de_praktijkbegeleider_tellen_en_die_van_school_wachten(sessions, clock, staff):
    lid, pid = stage_loopt(sessions, clock, staff, leerjaar="3")
    clock.set(START + timedelta(weeks=2))
    stageagenda.vul_week_in(
        sessions,
        pid,
        {"week": START, "uren": {"2025-03-04": 5, "2025-03-06": 5}},
        actor=PB,
        clock=clock,
    )
    from trajectory.usecases.vastleggen import add_record

    add_record(
        sessions,
        lid,
        "uren",
        {"datum": "2025-03-11", "uren": 5},
        actor=staff.stagebegeleider,
        clock=clock,
    )
    _, agenda = stageagenda.agenda_voor_staf(
        sessions, lid, pid, actor=staff.stagebegeleider, clock=clock
    )
    assert (agenda.goedgekeurd, agenda.niet_goedgekeurd) == (10, 5)
    stageagenda.vul_week_in(
        sessions, pid, {"week": "2025-03-11", "uren": {"2025-03-11": 4.5}}, actor=PB, clock=clock
    )
    _, agenda = stageagenda.agenda_voor_staf(
        sessions, lid, pid, actor=staff.stagebegeleider, clock=clock
    )
    assert (agenda.goedgekeurd, agenda.niet_goedgekeurd) == (14.5, 0)


def test_de_stagebeoordeling_via_de_link_laat_de_stage_afronden(sessions, clock, staff):
    lid, pid = stage_loopt(sessions, clock, staff, leerjaar="3")
    clock.set(date(2025, 6, 27))
    geweigerd = engine.advance(
        sessions, lid, "stage_afronden", actor=staff.stagebegeleider,
        version=versie(sessions, lid), clock=clock,
    )  # fmt: skip
    assert not isinstance(geweigerd, engine.Overgegaan)
    record_id = stageagenda.beoordeel(
        sessions,
        pid,
        {
            "soort": "stagebeoordeling",
            "uitslag": "voldoende",
            "competenties": {"arbeid": "voldoende", "sociaal": "voldoende"},
            "toelichting": "Werkt netjes.",
        },
        actor=PB,
        clock=clock,
        link_id=7,
    )
    getekend = stageagenda.onderteken_mee(
        sessions, lid, record_id, actor=staff.stagebegeleider, clock=clock
    )
    with sessions() as session:
        rij = session.get_one(t.Vastlegging, getekend)
    assert rij.data["door"] == "praktijkbegeleider Jan de Vries (link)"
    assert rij.data["medeondertekend_door"] == staff.stagebegeleider.naam
    assert rij.vervangt_id == record_id
    result = engine.advance(
        sessions, lid, "stage_afronden", actor=staff.stagebegeleider,
        version=versie(sessions, lid), clock=clock,
    )  # fmt: skip
    assert isinstance(result, engine.Overgegaan), result

    # after the end, through the link's grace period: the last week, never a later one
    clock.set(date(2025, 7, 2))
    stageagenda.vul_week_in(sessions, pid, {"week": "2025-06-23"}, actor=PB, clock=clock)
    with pytest.raises(FieldError):
        stageagenda.vul_week_in(sessions, pid, {"week": "2025-06-30"}, actor=PB, clock=clock)


def _stagemapmeldingen(sessions) -> list[str]:
    with sessions() as session:
        return list(session.scalars(select(t.Melding.tekst).where(t.Melding.soort == "stagemap")))


@pytest.mark.parametrize(
    ("delen", "gevraagd"),
    [
        pytest.param((), ["reflectie", "Teken"], id="niets_gedaan"),
        pytest.param(("praktijkbegeleider", "leerling"), ["Teken"], id="alleen_aftekenen"),
        pytest.param(("praktijkbegeleider", "stagebegeleider"), ["reflectie"], id="leerling"),
        pytest.param(("praktijkbegeleider", "leerling", "stagebegeleider"), None, id="alles"),
    ],
)
def test_de_wekelijkse_herinnering_vraagt_wat_ontbreekt(sessions, clock, staff, delen, gevraagd):
    lid, pid = stage_loopt(sessions, clock, staff, leerjaar="3")
    clock.set(date(2025, 3, 7))
    if "praktijkbegeleider" in delen:
        stageagenda.vul_week_in(sessions, pid, {"week": START}, actor=PB, clock=clock)
    if "leerling" in delen:
        stageagenda.reflecteer(
            sessions,
            pid,
            {"week": START, "gevoel": "blij", "tekst": "Leuk"},
            actor=LEERLING,
            clock=clock,
        )
    if "stagebegeleider" in delen:
        stageagenda.teken_af(sessions, lid, pid, START, actor=staff.stagebegeleider, clock=clock)
    clock.set(date(2025, 3, 14) if "stagebegeleider" in delen else date(2025, 3, 11))
    fire_due(sessions, clock)
    meldingen = _stagemapmeldingen(sessions)
    if gevraagd is None:
        assert meldingen == []
        return
    (tekst,) = meldingen
    assert all(woord in tekst for woord in gevraagd), tekst
    assert ("reflectie" in tekst) == ("leerling" not in delen)
    assert ("Teken" in tekst) == ("stagebegeleider" not in delen)


def _link(sessions, clock, staff, pid, partij, doel, email):
    pb_id = None
    if partij == "praktijkbegeleider":
        with sessions() as session:
            bedrijf_id = session.get_one(t.Plaatsing, pid).stagebedrijf_id
        pb_id = bedrijven.voeg_praktijkbegeleider_toe(
            sessions, bedrijf_id, {"naam": "Jan de Vries", "email": email},
            actor=staff.teamleider, clock=clock,
        )  # fmt: skip
    return links.maak_link(
        sessions, pid, partij, doel, actor=staff.stagebegeleider, clock=clock,
        email=email, naam="Sem", praktijkbegeleider_id=pb_id,
    )  # fmt: skip


def _linkmails(sessions) -> list[str]:
    with sessions() as session:
        return list(
            session.scalars(select(t.Melding.ontvanger_email).where(t.Melding.soort == "link"))
        )


def test_wie_een_link_heeft_krijgt_die_opnieuw_en_de_begeleider_hoort_het_niet(
    sessions, clock, staff
):
    lid, pid = stage_loopt(sessions, clock, staff, leerjaar="3")
    oud = _link(sessions, clock, staff, pid, "praktijkbegeleider", "agenda", "jan@bedrijf.test")
    _link(sessions, clock, staff, pid, "leerling", "reflectie", "sem@leerling.test")
    clock.set(date(2025, 3, 7))
    stageagenda.teken_af(sessions, lid, pid, START, actor=staff.stagebegeleider, clock=clock)
    clock.set(date(2025, 3, 14))

    fire_due(sessions, clock)

    assert sorted(_linkmails(sessions)) == ["jan@bedrijf.test", "sem@leerling.test"]
    assert _stagemapmeldingen(sessions) == []  # nothing of the stagebegeleider's is missing
    with sessions() as session:
        werkend = {(s.partij, s.link_id) for s in links.actieve_links(session, pid, clock.now())}
    assert ("praktijkbegeleider", oud.link_id) not in werkend  # replaced by the new mail's link
    assert len(werkend) == 2


def test_zonder_link_vraagt_de_herinnering_de_begeleider_om_er_een_te_maken(sessions, clock, staff):
    lid, pid = stage_loopt(sessions, clock, staff, leerjaar="3")
    clock.set(date(2025, 3, 7))
    stageagenda.reflecteer(
        sessions, pid, {"week": START, "gevoel": "blij"}, actor=LEERLING, clock=clock
    )
    stageagenda.teken_af(sessions, lid, pid, START, actor=staff.stagebegeleider, clock=clock)
    clock.set(date(2025, 3, 14))

    fire_due(sessions, clock)

    (tekst,) = _stagemapmeldingen(sessions)
    assert "De praktijkbegeleider heeft week 10 (03-03 t/m 09-03-2025) nog niet ingevuld" in tekst
    assert _linkmails(sessions) == []


def test_het_entree_overzicht_telt_alleen_goedgekeurde_uren_en_toont_de_rest(
    sessions, clock, staff
):
    from trajectory.usecases.overzichten import entree_standen
    from trajectory.usecases.vastleggen import add_record

    lid, pid = stage_loopt(sessions, clock, staff, leerjaar="entree", erkend_leerbedrijf=True)
    clock.set(START + timedelta(weeks=1, days=2))
    stageagenda.vul_week_in(
        sessions, pid, {"week": START, "uren": {"2025-03-04": 5, "2025-03-06": 5}},
        actor=PB, clock=clock,
    )  # fmt: skip
    add_record(
        sessions, lid, "uren", {"datum": "2025-03-11", "uren": 5},
        actor=staff.stagebegeleider, clock=clock,
    )  # fmt: skip
    with sessions() as session:
        (stand,) = [e.stand for e in entree_standen(session, staff.teamleider, date(2025, 3, 13))]
    assert stand is not None
    assert (stand.totaal, stand.niet_goedgekeurd) == (10, 5)
