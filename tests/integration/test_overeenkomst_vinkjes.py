"""A ticked `getekend_*` box is still accepted on a contract record (form, API, intake, demo),
but it is a declaration of a paper signature: storing the record makes one `papier` signature
row per box, declared and audited by the account that stored it, in the same transaction
(issue #18). `stage_overeenkomst_compleet` reads only the rows, never the boxes."""

from __future__ import annotations

from sqlalchemy import select, text

from tests.integration.builders import audit_events, leg_vast
from tests.integration.test_placement_rules import DINSDAG_DONDERDAG, stage_klaar, starten
from trajectory.domain.overeenkomst_handtekeningen import WIJZEN
from trajectory.store import tables as t
from trajectory.usecases import engine
from trajectory.usecases import overeenkomst as ok

ALLE = ("school", "leerling", "bedrijf", "ouder")


def _rijen(sessions, pid: int) -> list[t.OvereenkomstHandtekening]:
    with sessions() as session:
        h = t.OvereenkomstHandtekening
        return list(session.scalars(select(h).where(h.plaatsing_id == pid).order_by(h.id)))


def _nieuw_rooster(sessions, clock, staff, lid: int, pid: int) -> None:
    """The same weekrooster recorded again: a new rooster record, so a new version."""
    leg_vast(
        sessions,
        clock,
        staff.stagebegeleider,
        lid,
        "rooster",
        plaatsing_id=pid,
        dagen=DINSDAG_DONDERDAG,
    )


def test_een_contract_met_aangevinkte_vakjes_krijgt_papieren_handtekeningen(sessions, clock, staff):
    lid, pid = stage_klaar(sessions, clock, staff)  # contract with all four boxes ticked

    rijen = _rijen(sessions, pid)
    stand = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    assert sorted(r.partij for r in rijen) == sorted(ALLE)
    assert {(r.wijze, r.pdf_sha256, r.door_id) for r in rijen} == {
        ("papier", None, staff.stagebegeleider.id)
    }
    assert {(r.contract_id, r.rooster_id) for r in rijen} == {tuple(stand.versie)}
    assert stand.ontbreekt == ()
    events = audit_events(sessions, lid, soort="overeenkomst")
    assert sorted(p["partij"] for _, p in events if p) == sorted(ALLE)
    assert {(e.actor_id, e.trigger) for e, _ in events} == {
        (staff.stagebegeleider.id, "ondertekenen")
    }
    assert {p["wijze"] for _, p in events if p} == {WIJZEN["papier"]}


def test_een_contract_zonder_vakjes_krijgt_geen_handtekeningen(sessions, clock, staff):
    lid, pid = stage_klaar(sessions, clock, staff, vinkjes=False)

    assert _rijen(sessions, pid) == []
    assert ok.stand(sessions, lid, pid, staff.stagebegeleider).ontbreekt == ALLE


def test_een_rooster_van_een_latere_dag_vraagt_nieuwe_handtekeningen(sessions, clock, staff):
    lid, pid = stage_klaar(sessions, clock, staff)
    clock.advance(days=1)
    _nieuw_rooster(sessions, clock, staff, lid, pid)

    stand = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    assert stand.ontbreekt == ALLE
    assert len(_rijen(sessions, pid)) == 4  # the old version keeps its signatures
    geweigerd = starten(sessions, clock, staff.stagebegeleider, lid)
    assert isinstance(geweigerd, engine.Geweigerd), geweigerd
    reden = dict((v.guard, v.reden) for v in geweigerd.verdicts if not v.ok)
    assert "de handtekening van de school" in reden["stage_overeenkomst_compleet"]


def test_een_rooster_van_dezelfde_dag_neemt_de_papieren_handtekeningen_mee(sessions, clock, staff):
    lid, pid = stage_klaar(sessions, clock, staff)
    clock.advance(hours=1)
    _nieuw_rooster(sessions, clock, staff, lid, pid)

    stand = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    assert stand.ontbreekt == ()
    nieuw = [r for r in _rijen(sessions, pid) if (r.contract_id, r.rooster_id) == stand.versie]
    assert sorted(r.partij for r in nieuw) == sorted(ALLE)
    assert isinstance(starten(sessions, clock, staff.stagebegeleider, lid), engine.Overgegaan)


def test_de_guard_leest_de_vakjes_niet_zonder_rijen_weigert_hij(sessions, clock, staff):
    lid, pid = stage_klaar(sessions, clock, staff)
    with sessions.begin() as session:  # only a test database: rows are never deleted
        session.execute(text("DELETE FROM overeenkomst_handtekening"))
        contract = session.scalar(
            select(t.Vastlegging.data).where(t.Vastlegging.kind == "stage_overeenkomst")
        )
    assert contract is not None
    assert all(contract[f"getekend_{p}"] for p in ALLE)  # the boxes are still ticked

    geweigerd = starten(sessions, clock, staff.stagebegeleider, lid)

    assert isinstance(geweigerd, engine.Geweigerd), geweigerd
    reden = dict((v.guard, v.reden) for v in geweigerd.verdicts if not v.ok)
    assert reden["stage_overeenkomst_compleet"] == (
        "De stage-overeenkomst is niet compleet; er ontbreekt: de handtekening van de school, "
        "de handtekening van de leerling, de handtekening van het bedrijf, de handtekening van "
        "een ouder/verzorger."
    )


def test_een_nieuw_contract_met_vakjes_is_een_nieuwe_versie_met_eigen_rijen(sessions, clock, staff):
    lid, pid = stage_klaar(sessions, clock, staff)
    oud = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    clock.advance(days=1)
    leg_vast(
        sessions,
        clock,
        staff.stagebegeleider,
        lid,
        "stage_overeenkomst",
        **{**_contract_van(sessions), "getekend_bedrijf": False},
    )

    na = ok.stand(sessions, lid, pid, staff.stagebegeleider)
    assert na.versie != oud.versie
    assert oud.ontbreekt == ()
    assert na.ontbreekt == ("bedrijf",)


def _contract_van(sessions) -> dict:
    with sessions() as session:
        return dict(
            session.scalar(
                select(t.Vastlegging.data)
                .where(t.Vastlegging.kind == "stage_overeenkomst")
                .order_by(t.Vastlegging.id.desc())
                .limit(1)
            )
            or {}
        )
