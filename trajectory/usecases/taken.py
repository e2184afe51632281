"""What is due for the actor's leerlingen, for the dashboard: visits and eindbeoordelingen
derived from the records, the other timers from the planned reminders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from trajectory.domain import bezoeken
from trajectory.domain.access import Actor
from trajectory.domain.auditketen import utc_stamp
from trajectory.domain.bedrijfsregels import ERKENNING_VOORUIT, verloopt_tijdens
from trajectory.domain.beleid import beleid_voor
from trajectory.domain.clock import SCHOOL_TZ
from trajectory.domain.herinneringen import OPVOLGING
from trajectory.machines import TRIGGER_LABELS
from trajectory.machines.versies import DEFINITIES
from trajectory.store import vandaag
from trajectory.usecases.agenda import Afspraak, herinneringen_voor


@dataclass(frozen=True)
class Taak:
    """Something due for a leerling. The reminders of the timers issue map onto this shape."""

    leerling_id: int
    naam: str
    wat: str
    datum: date
    te_laat: bool
    soort: str = ""  # "bezoek": a stagebezoek, which the dashboard lets you record at once;
    # "opvolging": the actor's own logbook follow-up, which the dashboard lets you mark done
    herinnering_id: int | None = None
    klas: str | None = None
    begeleider: str | None = None


def bezoeken_te_doen(session: Session, actor: Actor, op: date, limit: int = 100) -> list[Taak]:
    """Running placements whose next stagebezoek is overdue or due within a week.

    Derived from the records (the last `bezoek` of the placement, else its start: the
    placement's `bezoek_vanaf`), not from the reminders: a fired visit reminder leaves the
    table, but the visit is still overdue until a `bezoek` is recorded.
    """
    uiterst = {  # per leerling: the interval of its version's policy
        (versie, o): bezoeken.uiterste_laatste_bezoek(op, o, beleid_voor(versie))
        for versie in DEFINITIES
        for o in (True, False)
    }
    taken = []
    for leerling_id, naam, ondersteuning, versie, vanaf in vandaag.te_bezoeken(
        session, actor, uiterst=uiterst, soorten=bezoeken.BEZOCHTE_STAGES, limit=limit
    ):
        datum = bezoeken.volgend_bezoek(vanaf, ondersteuning, beleid_voor(versie))
        wat = "Stagebezoek" + (" (stage-ondersteuning)" if ondersteuning else "")
        taken.append(Taak(leerling_id, naam, wat, datum, datum < op, soort="bezoek"))
    return taken


def eindbeoordelingen_te_doen(
    session: Session, actor: Actor, op: date, limit: int = 100
) -> list[Taak]:
    """Running placements that end within two weeks (or ended) without a stagebeoordeling."""
    return [
        Taak(leerling_id, naam, "Stagebeoordeling (stage eindigt)", einde, einde < op)
        for leerling_id, naam, einde in vandaag.onbeoordeeld_eindigend(
            session,
            actor,
            tot=op + bezoeken.EINDBEOORDELING_VOORUIT,
            soorten=bezoeken.BEZOCHTE_STAGES,
            limit=limit,
        )
    ]


def erkenningen_die_verlopen(
    session: Session, actor: Actor, op: date, limit: int = 100
) -> list[Taak]:
    """Running Entree placements whose company's SBB erkenning ends during the placement,
    from six weeks ahead (the reminder's `erkenning_verloopt`) until the placement ends: a
    fired reminder leaves the table, the expiring erkenning stays on the dashboard."""
    taken = []
    for rij in vandaag.erkenning_verloopt_bij_lopende(
        session, actor, tot=op + ERKENNING_VOORUIT, soort="entree", limit=limit
    ):
        sectoren = rij.erkenning_sectoren or ()
        tot = rij.erkenning_geldig_tot
        if verloopt_tijdens(tot, sectoren, rij.sector, rij.startdatum, rij.einddatum):
            wat = f"SBB-erkenning van {rij.bedrijf} verloopt op {tot:%d-%m-%Y}: laten verlengen"
            taken.append(Taak(rij.id, rij.naam, wat, tot, tot < op, soort="erkenning"))
    return taken


# the records tell these more exactly; the erkenning the register does
AFGELEID = frozenset({"bezoek", "bezoek_achterstand", "erkenning_verloopt"})
VOORUIT_DAGEN = 14


def geplande_herinneringen(session: Session, actor: Actor, op: date) -> list[Taak]:
    """The actor's pending reminders of the next two weeks (timers of DOMAIN.md), except the
    visits, which `bezoeken_te_doen` derives from the records themselves; the actor's own
    logbook follow-ups until they are marked done, each with its action."""
    afspraken = [
        a
        for a in herinneringen_voor(
            session, actor, op - timedelta(days=365), op + timedelta(days=VOORUIT_DAGEN)
        )
        if a.soort not in AFGELEID
    ]
    acties = _opvolgacties(session, actor, [a for a in afspraken if a.soort == OPVOLGING.soort])
    return [
        Taak(a.leerling_id, a.naam, a.titel, a.verschuldigd, a.verschuldigd < op)
        if a.soort != OPVOLGING.soort
        else Taak(
            a.leerling_id,
            a.naam,
            "Vervolgactie: " + "; ".join(acties.get((a.leerling_id, a.verschuldigd), [a.titel])),
            a.verschuldigd,
            a.verschuldigd < op,
            soort=OPVOLGING.soort,
            herinnering_id=a.id,
        )
        for a in afspraken
    ]


def _opvolgacties(
    session: Session, actor: Actor, afspraken: Sequence[Afspraak]
) -> dict[tuple[int, date], list[str]]:
    """Per (leerling, day) the actor's open follow-up actions."""
    acties: dict[tuple[int, date], list[str]] = {}
    for leerling_id, data in vandaag.contacten_met_opvolging(
        session, [a.leerling_id for a in afspraken]
    ):
        if data.get("eigenaar_id") == actor.id and not data.get("afgerond_op"):
            dag = date.fromisoformat(data["opvolgen_op"])
            acties.setdefault((leerling_id, dag), []).append(data["opvolging"])
    return acties


GEWEIGERD_TERUG_DAGEN = 14


def geweigerde_stappen(session: Session, actor: Actor, op: date, limit: int = 25) -> list[Taak]:
    """Steps refused in the last two weeks of leerlingen still in the state they were refused
    from: the step is blocked until what its guards ask for is there. Once per leerling and
    step, the newest refusal."""
    sinds = datetime.combine(op - timedelta(days=GEWEIGERD_TERUG_DAGEN), time(), tzinfo=UTC)
    gezien: set[tuple[int, str]] = set()
    taken = []
    for leerling_id, naam, trigger, tijd in vandaag.geweigerd_sinds(
        session, actor, utc_stamp(sinds), limit * 4
    ):
        if (leerling_id, trigger) in gezien or trigger not in TRIGGER_LABELS:
            continue
        gezien.add((leerling_id, trigger))
        datum = datetime.fromisoformat(tijd).astimezone(SCHOOL_TZ).date()
        taken.append(Taak(leerling_id, naam, TRIGGER_LABELS[trigger], datum, False, "stap"))
    return taken[:limit]


def met_klas_en_begeleider(session: Session, taken: Sequence[Taak]) -> list[Taak]:
    """The same tasks with their leerling's klas and stagebegeleider filled in."""
    gegevens = vandaag.klas_en_begeleider(session, [taak.leerling_id for taak in taken])
    return [
        replace(taak, klas=klas, begeleider=begeleider)
        for taak in taken
        for klas, begeleider in [gegevens.get(taak.leerling_id, (None, None))]
    ]
