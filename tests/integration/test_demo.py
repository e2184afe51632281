from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from trajectory.demo import DatabaseNotEmpty, build_demo_school
from trajectory.domain.clock import FixedClock, as_utc
from trajectory.entrypoints.cli import app
from trajectory.machines import STATES
from trajectory.store import tables as t
from trajectory.store.repository import verify_audit

# the demo's today: early December, when many stories of this school year are not told yet
VANDAAG = date(2026, 12, 2)


def _klok(dag: date, uur: int = 14) -> FixedClock:
    return FixedClock(datetime(dag.year, dag.month, dag.day, uur, tzinfo=UTC))


@pytest.fixture
def demo(sessions):
    build_demo_school(sessions, leerlingen=40, seed=7, clock=_klok(VANDAAG))
    return sessions


def _tel(session, tabel) -> int:
    return session.scalar(select(func.count()).select_from(tabel))


def test_de_demo_vult_elke_toestand_via_de_engine_met_een_kloppende_audittrail(demo):
    with demo() as session:
        states = Counter(session.scalars(select(t.Leerling.state)))
        verder = set(
            session.scalars(select(t.Leerling.id).where(t.Leerling.state != "interne_stage"))
        )
        overgangen = select(t.AuditEvent.leerling_id).where(t.AuditEvent.soort == "overgang")
        met_overgang = set(session.scalars(overgangen))
        assert verify_audit(session) is None
    assert sum(states.values()) == 40
    assert [s for s in STATES if states[s] == 0] == []
    assert verder <= met_overgang


def test_de_demo_houdt_zich_aan_vijf_groepsstageplaatsen_per_dagdeel(demo):
    lopend = select(t.Plaatsing.dagdelen).where(
        t.Plaatsing.soort == "groepsstage", t.Plaatsing.status == "lopend"
    )
    with demo() as session:
        bezetting = Counter(d for dagdelen in session.scalars(lopend) for d in dagdelen)
    assert bezetting
    assert max(bezetting.values()) <= 5


def test_een_tweede_demo_wordt_geweigerd_en_voegt_niets_toe(demo):
    tabellen = (t.Leerling, t.Gebruiker, t.AuditEvent, t.Vastlegging, t.Plaatsing)
    with demo() as session:
        voor = [_tel(session, tabel) for tabel in tabellen]
    with pytest.raises(DatabaseNotEmpty, match="al 40 leerlingen"):
        build_demo_school(demo, leerlingen=40, seed=7, clock=_klok(VANDAAG))
    with demo() as session:
        assert [_tel(session, tabel) for tabel in tabellen] == voor


def test_trajectory_demo_vult_een_lege_database(tmp_path):
    env = {"TRAJECTORY_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    result = CliRunner().invoke(app, ["demo", "--leerlingen", "30"], env=env)
    assert result.exit_code == 0, result.output
    assert "teamleider@demo.stagetraject.nl" in result.output
    again = CliRunner().invoke(app, ["demo", "--leerlingen", "30"], env=env)
    assert again.exit_code == 0
    assert "lege database" in again.output


def test_de_meldingen_van_de_demo_staan_in_de_inbox_maar_worden_niet_gemaild(sessions):
    build_demo_school(sessions, leerlingen=20, seed=3, clock=_klok(VANDAAG))

    with sessions() as session:
        totaal = session.scalar(select(func.count()).select_from(t.Melding))
        onverzonden = session.scalar(
            select(func.count()).select_from(t.Melding).where(t.Melding.verzonden.is_(None))
        )
    assert totaal > 0
    assert onverzonden == 0


def test_de_herinneringen_van_het_demoverleden_gaan_niet_alsnog_af(sessions):
    from trajectory.usecases.herinneringen import fire_due

    build_demo_school(sessions, leerlingen=20, seed=3, clock=_klok(VANDAAG))

    with sessions() as session:
        eerder = session.scalar(
            select(func.count()).where(
                t.Herinnering.status == "gepland", t.Herinnering.verschuldigd < VANDAAG
            )
        )
        komend = session.scalar(select(func.count()).where(t.Herinnering.status == "gepland"))
    assert eerder == 0
    assert komend > 0  # the demo's upcoming work, for the dashboard and the calendar
    first_start = _klok(VANDAAG, uur=15)
    assert sum(fire_due(sessions, first_start).values()) <= 20  # only what is due today


@pytest.mark.parametrize(
    "vandaag",
    [date(2026, 9, 14), date(2027, 3, 10)],
    ids=["september", "maart"],
)
def test_de_geschiedenis_van_de_demo_eindigt_vandaag_op_elk_moment_van_het_schooljaar(
    sessions, vandaag
):
    nu = _klok(vandaag, uur=9)
    build_demo_school(sessions, leerlingen=20, seed=5, clock=nu)

    with sessions() as session:
        states = Counter(session.scalars(select(t.Leerling.state)))
        tijden = [as_utc(_moment(m)) for m in session.scalars(select(t.AuditEvent.tijd))]
        vastgelegd = max(session.scalars(select(t.Vastlegging.datum)))
    assert [s for s in STATES if states[s] == 0] == []
    assert vastgelegd <= vandaag
    assert max(tijden) <= nu.now()
    assert max(tijden).date() >= vandaag - timedelta(days=14)  # not a history of long ago


def _moment(waarde: datetime | str) -> datetime:
    return waarde if isinstance(waarde, datetime) else datetime.fromisoformat(waarde)


@pytest.mark.parametrize("vandaag", [VANDAAG, date(2027, 3, 10)], ids=["december", "maart"])
def test_de_eerste_start_na_de_demo_wist_niets_en_escaleert_bijna_niets(sessions, vandaag):
    """The first scheduler pass on the demo's own clock: nothing past its retention term (the
    demo does not make it), and visits kept up, so hardly an escalation fires."""
    from trajectory.domain.herinneringen import TIMERS
    from trajectory.usecases import wachtlijst
    from trajectory.usecases.bewaartermijn import Bewaartermijnen, bewaartermijn
    from trajectory.usecases.herinneringen import fire_due
    from trajectory.usecases.timers import close_finished_nazorg

    nu = _klok(vandaag)
    build_demo_school(sessions, leerlingen=40, seed=7, clock=nu)
    with sessions() as session:
        voor = _tel(session, t.Melding)

    gevuurd = fire_due(sessions, nu)
    gesloten = close_finished_nazorg(sessions, nu).gesloten
    aangeboden = wachtlijst.aanbieden(sessions, clock=nu)
    gewist = bewaartermijn(sessions, nu, Bewaartermijnen())

    escalaties = {timer.soort for timer in TIMERS if timer.escalatie}
    assert sum(n for soort, n in gevuurd.items() if soort in escalaties) <= 2
    assert sum(gevuurd.values()) <= 5  # what is due today, not a backlog
    assert (gesloten, aangeboden) == (0, [])
    assert (gewist.leerlingen, gewist.meldingen) == ([], 0)
    with sessions() as session:
        assert voor > 0  # the recent history keeps its notifications
        assert _tel(session, t.Melding) - voor <= 2 * sum(gevuurd.values())
