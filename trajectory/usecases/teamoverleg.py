"""Who to discuss in the team meeting: the leerlingen of a klas or a stagebegeleider who
dropped out, fall behind on their Entree hours, wait for an overdue stagebezoek, or have a step
that was refused and still cannot be taken weeks later. Only leerlingen the actor may see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from trajectory.domain.access import Actor
from trajectory.machines.definition import STATE_LABELS, TRIGGER_LABELS
from trajectory.store import overzichten as q
from trajectory.store import tables as t
from trajectory.usecases import engine, overzichten, taken
from trajectory.usecases.laden import snapshot_van

WEKEN_VAST = 4  # a refused step still blocked after this many weeks is worth discussing
MAX_WEKEN = 52
MAX_BEZOEKEN = 5000  # visits due over everyone the actor sees, then narrowed to the group


@dataclass(frozen=True)
class Bespreekpunt:
    leerling: t.Leerling
    redenen: tuple[str, ...]


def _datum(moment: datetime | None) -> str:
    if moment is None:
        return "onbekend"
    return (moment.astimezone(UTC) if moment.tzinfo else moment).strftime("%d-%m-%Y")


def te_bespreken(
    session: Session,
    actor: Actor,
    op: date,
    *,
    klas: str | None = None,
    begeleider: int | None = None,
    weken: int = WEKEN_VAST,
) -> list[Bespreekpunt]:
    """The leerlingen of the group with a reason to discuss them, in the group's order (by
    name), each with every reason that applies."""
    groep = q.groep(session, actor, klas=klas, begeleider=begeleider)
    ids = {leerling.id for leerling in groep}
    redenen: dict[int, list[str]] = {i: [] for i in ids}
    for leerling in groep:
        if leerling.state == "uitgevallen":
            redenen[leerling.id].append(f"Uitgevallen sinds {_datum(leerling.fase_sinds)}.")
    for e in overzichten.entree_standen(session, actor, op):
        if e.leerling.id in ids and e.stand is None:
            redenen[e.leerling.id].append("In Entree zonder lopende stage.")
        elif e.leerling.id in ids and e.stand is not None and e.stand.achter:
            redenen[e.leerling.id].append(
                f"Achter op de uren: {e.stand.totaal:.0f} uur, de lijn vraagt nu "
                f"{e.stand.lijn:.0f}."
            )
    for taak in taken.bezoeken_te_doen(session, actor, op, limit=MAX_BEZOEKEN):
        if taak.leerling_id in ids and taak.te_laat:
            redenen[taak.leerling_id].append(
                f"{taak.wat} te laat: was gepland op {taak.datum:%d-%m-%Y}."
            )
    for leerling_id, reden in _vastgelopen(session, groep, op, weken):
        redenen[leerling_id].append(reden)
    return [
        Bespreekpunt(leerling, tuple(redenen[leerling.id]))
        for leerling in groep
        if redenen[leerling.id]
    ]


def _vastgelopen(
    session: Session, groep: Sequence[t.Leerling], op: date, weken: int
) -> list[tuple[int, str]]:
    """A step refused from the current state at least `weken` weeks ago that still cannot
    be taken: (leerling, reason)."""
    grens = datetime.combine(op - timedelta(weeks=weken), time.max, tzinfo=UTC)
    per_id = {leerling.id: leerling for leerling in groep}
    eerste: dict[tuple[int, str], str] = {}
    for leerling_id, trigger, van, tijd in q.weigeringen(session, list(per_id), grens.isoformat()):
        leerling = per_id[leerling_id]
        sinds = leerling.fase_sinds
        in_deze_toestand = sinds is None or tijd >= sinds.astimezone(UTC).isoformat()
        if van == leerling.state and in_deze_toestand and trigger in TRIGGER_LABELS:
            eerste.setdefault((leerling_id, trigger), tijd)
    uit = []
    for leerling_id in dict.fromkeys(i for i, _ in eerste):
        leerling = per_id[leerling_id]
        opties = {o.trigger: o for o in engine.options(snapshot_van(session, leerling), op)}
        for (i, trigger), tijd in eerste.items():
            optie = opties.get(trigger)
            if i != leerling_id or optie is None or optie.allowed:
                continue
            duur = (op - date.fromisoformat(tijd[:10])).days // 7
            waarom = "; ".join(v.reden or v.guard for v in optie.failing)
            uit.append(
                (
                    leerling_id,
                    f"'{TRIGGER_LABELS[trigger]}' staat al {duur} weken vast in "
                    f"{STATE_LABELS[leerling.state]}: {waarom}",
                )
            )
    return uit
