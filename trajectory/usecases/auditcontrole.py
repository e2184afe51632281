"""Verifying the whole audit chain on request, and keeping that it was done (and its outcome)
in the chain itself, so the review page shows the latest verification instead of re-reading
every event on each visit."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor
from trajectory.domain.clock import Clock
from trajectory.store import repository as repo
from trajectory.usecases.fouten import NotPermitted

CONTROLE = "controle"  # the audit event's soort


def controleer_keten(sessions: sessionmaker[Session], *, actor: Actor, clock: Clock) -> int:
    """Verify every chain's hashes and links now; append the outcome as a `controle` event (the
    first broken event, its chain and why, or intact with the number checked). Returns its id."""
    if not actor.is_teamleider:
        raise NotPermitted("Alleen de teamleider controleert de audittrail.")
    with sessions.begin() as session:
        bevinding = repo.verify_audit(session)
        aantal, kop = repo.audit_head(session)
        ketens = len(repo.keten_koppen(session))
        oordeel = {
            "guard": "keten_intact",
            "ok": bevinding is None,
            "reden": None if bevinding is None else bevinding.reden,
            "event_id": None if bevinding is None else bevinding.event_id,
            "keten": None if bevinding is None else bevinding.keten,
        }
        event = repo.append_audit(
            session,
            tijd=clock.now(),
            actor=actor,
            soort=CONTROLE,
            leerling_id=None,
            guards=[oordeel],
            payload={"gecontroleerd": aantal, "kop": kop, "ketens": ketens},
        )
        return event.id
