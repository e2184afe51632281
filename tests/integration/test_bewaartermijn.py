"""Retention: personal data erased after the term, the audit chain still verifiable."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.integration.builders import versie
from tests.integration.test_timers import _in_nazorg
from tests.web import log_in
from trajectory.entrypoints.cli import app as cli
from trajectory.store import tables as t
from trajectory.store.repository import verify_audit
from trajectory.usecases import gegevens, inzage
from trajectory.usecases.bewaartermijn import Bewaartermijnen, bewaartermijn
from trajectory.usecases.fouten import NotPermitted
from trajectory.usecases.timers import close_finished_nazorg

NAAM = "Fenna Zwartkruis"
GEBOORTEDATUM = ("2010-04-02", "2010, 4, 2", "02-04-2010")
VRIJE_TEKST = "Ziek geworden"  # the uitval's free text in _in_nazorg


def alles_als_tekst(sessions) -> str:
    """Every row of every table, as text: what a search of the database would see."""
    with sessions() as session:
        return "\n".join(
            repr(tuple(rij))
            for tabel in t.Base.metadata.sorted_tables
            for rij in session.execute(select(tabel))
        )


def _afgesloten(sessions, clock, staff, naam: str) -> int:
    clock.set(date(2025, 7, 11))
    lid = _in_nazorg(sessions, clock, staff, naam)
    clock.set(date(2027, 7, 11))
    assert close_finished_nazorg(sessions, clock).gesloten == 1
    return lid


def test_na_de_bewaartermijn_is_niets_persoonlijks_meer_over_en_klopt_de_keten(
    sessions, clock, staff
):
    lid = _afgesloten(sessions, clock, staff, NAAM)
    voor = alles_als_tekst(sessions)
    assert NAAM in voor
    assert VRIJE_TEKST in voor
    clock.set(date(2029, 7, 12))

    uitslag = bewaartermijn(sessions, clock, Bewaartermijnen())

    assert uitslag.leerlingen == [lid]
    na = alles_als_tekst(sessions)
    for persoonlijk in (NAAM, VRIJE_TEKST, *GEBOORTEDATUM):
        assert persoonlijk not in na, persoonlijk
    with sessions() as session:
        assert verify_audit(session) is None
        leerling = session.get(t.Leerling, lid)
        assert (leerling.naam, leerling.klas, leerling.state) == ("(gewist)", None, "afgesloten")
        bedrijven = select(t.Plaatsing.bedrijf).where(t.Plaatsing.leerling_id == lid)
        assert set(session.scalars(bedrijven)) == {"(gewist)"}
        laatste = session.scalars(select(t.AuditEvent).order_by(t.AuditEvent.id.desc())).first()
        assert (laatste.soort, laatste.leerling_id) == ("bewaartermijn", lid)
    assert bewaartermijn(sessions, clock, Bewaartermijnen()).leerlingen == []  # once


def test_voor_het_eind_van_de_termijn_en_bij_een_droge_run_blijft_alles_staan(
    sessions, clock, staff
):
    lid = _afgesloten(sessions, clock, staff, NAAM)
    clock.set(date(2029, 7, 10))  # the day before two years after closing
    assert bewaartermijn(sessions, clock, Bewaartermijnen()).leerlingen == []
    clock.set(date(2029, 7, 12))

    droog = bewaartermijn(sessions, clock, Bewaartermijnen(), dry_run=True)

    assert droog.leerlingen == [lid]
    assert NAAM in alles_als_tekst(sessions)


def test_de_termijn_is_per_categorie_in_te_stellen():
    termijnen = Bewaartermijnen.from_environ(
        {
            "TRAJECTORY_BEWAARTERMIJN_LEERLING_JAREN": "5",
            "TRAJECTORY_BEWAARTERMIJN_MELDINGEN_JAREN": "1",
        }
    )

    assert termijnen == Bewaartermijnen(leerling_jaren=5, meldingen_jaren=1)
    assert Bewaartermijnen.from_environ({}) == Bewaartermijnen(2, 2)


def test_trajectory_avg_bewaartermijn_met_dry_run_wist_niets(database_url, sessions, clock, staff):
    _afgesloten(sessions, clock, staff, NAAM)

    result = CliRunner().invoke(
        cli, ["avg", "bewaartermijn", "--dry-run"], env={"TRAJECTORY_DATABASE_URL": database_url}
    )

    assert result.exit_code == 0, result.output
    assert "zou wissen: geen" in result.stdout  # the system clock: closed in 2027, not yet due
    assert NAAM in alles_als_tekst(sessions)


def _gewist_en_ingelogd(client, sessions, clock, staff) -> int:
    lid = _afgesloten(sessions, clock, staff, NAAM)
    clock.set(date(2029, 7, 12))
    bewaartermijn(sessions, clock, Bewaartermijnen())
    log_in(client, sessions, "teamleider")
    return lid


def test_de_pagina_van_een_gewiste_leerling_toont_wat_over_is_en_niets_persoonlijks(
    client, sessions, clock, staff
):
    lid = _gewist_en_ingelogd(client, sessions, clock, staff)

    pagina = client.get(f"/leerlingen/{lid}")

    assert pagina.status_code == 200
    assert "(gewist)" in pagina.text
    for persoonlijk in (NAAM, VRIJE_TEKST, "02-04-2010"):
        assert persoonlijk not in pagina.text


def test_het_pad_van_een_gewiste_leerling_is_een_plaatje_zonder_naam(
    client, sessions, clock, staff
):
    lid = _gewist_en_ingelogd(client, sessions, clock, staff)

    pad = client.get(f"/api/leerlingen/{lid}/pad.svg")

    assert pad.status_code == 200
    assert NAAM not in pad.text


def test_de_contacten_van_ouders_staan_in_de_inzage_en_worden_na_de_termijn_gewist(
    sessions, clock, staff
):
    lid = _afgesloten(sessions, clock, staff, NAAM)
    ouder = {
        "naam": "Gerda Zwartkruis",
        "relatie": "moeder",
        "email": "gerda@voorbeeld.nl",
        "telefoon": "06-98765432",
    }
    gegevens.wijzig_leerling(
        sessions,
        lid,
        {"version": versie(sessions, lid), "reden": "Contact van de moeder", "verzorgers": [ouder]},
        actor=staff.teamleider,
        clock=clock,
    )
    with sessions() as session:
        (rij,) = inzage.gegevens(session, lid)["verzorger"]
    assert {k: rij[k] for k in ouder} == ouder
    clock.set(date(2029, 7, 12))

    assert bewaartermijn(sessions, clock, Bewaartermijnen()).leerlingen == [lid]

    na = alles_als_tekst(sessions)
    for persoonlijk in ouder.values():
        if persoonlijk != "moeder":
            assert persoonlijk not in na, persoonlijk
    with sessions() as session:
        assert verify_audit(session) is None
    with pytest.raises(NotPermitted):  # an erased leerling is not filled in again
        gegevens.wijzig_leerling(
            sessions,
            lid,
            {"version": versie(sessions, lid), "reden": "Naam terugzetten", "naam": NAAM},
            actor=staff.teamleider,
            clock=clock,
        )


def test_het_uitstroomrapport_telt_hetzelfde_voor_en_na_het_wissen(sessions, clock, staff):
    from tests.integration.test_uitstroomrapport import contact, vertrekt
    from trajectory.usecases.bewaartermijn import wis_leerling
    from trajectory.usecases.overzichten import uitstroomrapport

    vertrek = date(2023, 7, 7)  # cohort 2022-2023
    a = vertrekt(sessions, clock, staff, "A", vertrek, "arbeid", "arbeid")
    b = vertrekt(sessions, clock, staff, "B", vertrek, "bbl", "leren")
    vertrekt(sessions, clock, staff, "C", vertrek, "geen", "arbeid")
    contact(sessions, clock, staff, a, date(2024, 7, 1), False)
    contact(sessions, clock, staff, a, date(2025, 6, 20), True)
    contact(sessions, clock, staff, b, date(2024, 7, 10), True)
    clock.set(date(2025, 7, 8))
    assert close_finished_nazorg(sessions, clock).gesloten == 3
    # the same cohort, left later: still in nazorg, so not erased
    vertrekt(sessions, clock, staff, "D", date(2023, 7, 20), "bol", "leren")
    clock.set(date(2027, 7, 10))

    def rapport():
        with sessions() as session:
            return uitstroomrapport(session, staff.teamleider, date(2027, 7, 10))

    voor = rapport()
    assert (voor[0].uitgestroomd, voor[0].geplaatst, voor[0].behouden(2)) == (4, 3, 1)
    assert len(bewaartermijn(sessions, clock, Bewaartermijnen()).leerlingen) == 3

    assert rapport() == voor
    with sessions.begin() as session:  # erasing again counts nothing twice
        assert wis_leerling(session, a, clock.now()) is False
    assert rapport() == voor
    with sessions() as session:
        tellingen = session.execute(select(t.UitstroomTelling)).scalars().all()
        assert sum(r.aantal for r in tellingen) == 3
        # the counts carry no id, name or date of a leerling
        assert {c.name for c in t.UitstroomTelling.__table__.columns} == {
            "id",
            "cohort",
            "categorie",
            "na_1_jaar",
            "na_2_jaar",
            "aantal",
        }
