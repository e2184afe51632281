"""The overviews, made from the store's rows: the groepsstage grid, Entree hours against their
line, a cohort's flow and the uitstroom report. Each shows only what the actor may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from trajectory.domain import uren
from trajectory.domain.access import Actor, may_see
from trajectory.domain.actor import ZIET_IEDEREEN
from trajectory.domain.beleid import beleid_voor
from trajectory.domain.schooljaar import huidige_kalender
from trajectory.domain.snapshot import DAGDELEN, Snapshot
from trajectory.domain.uitstroommonitor import Cohort as Uitstroomcohort
from trajectory.domain.uitstroommonitor import Vertrekker, categorie_bij_vertrek, rapport
from trajectory.store import overzichten, uitstroom
from trajectory.store.vandaag import LeerlingRegel, regel


@dataclass(frozen=True)
class Plek:
    nummer: int
    leerling_id: int | None = None  # None: free, or taken by a leerling the actor may not see
    naam: str | None = None
    bezet: bool = False
    boven_capaciteit: bool = False


@dataclass(frozen=True)
class DagdeelBezetting:
    dagdeel: str
    bezet: int
    capaciteit: int
    plekken: tuple[Plek, ...]


def groepsstage_bezetting(
    session: Session, actor: Actor, capaciteit: int
) -> list[DagdeelBezetting]:
    """Every dagdeel with its numbered places; a name only where the actor may see the leerling."""
    bezet: dict[str, dict[int, Plek]] = defaultdict(dict)
    for dagdeel, nummer, leerling_id, naam, begeleider, klas in overzichten.bezette_plekken(
        session
    ):
        zichtbaar = may_see(actor, begeleider, klas)
        bezet[dagdeel][nummer] = Plek(
            nummer,
            leerling_id if zichtbaar else None,
            naam if zichtbaar else None,
            bezet=True,
            boven_capaciteit=nummer > capaciteit,
        )
    return [
        DagdeelBezetting(
            dagdeel,
            len(bezet[dagdeel]),
            capaciteit,
            tuple(
                bezet[dagdeel].get(nummer, Plek(nummer))
                for nummer in range(1, max([capaciteit, *bezet[dagdeel]]) + 1)
            ),
        )
        for dagdeel in DAGDELEN
    ]


@dataclass(frozen=True)
class EntreeStand:
    leerling: LeerlingRegel
    stand: uren.UrenStand | None  # None: no running Entree placement


def entree_standen(session: Session, actor: Actor, op: date) -> list[EntreeStand]:
    """Every visible leerling in `entree` with the hours of the opleidingsjaar against their
    policy's line (trajectory/domain/uren.py, as on the leerling page); those without a running
    placement first, then those behind the weekly pace, most behind first."""
    rows = overzichten.in_entree(session, actor)
    plaatsingen, records = overzichten.entree_gegevens(session, [row.id for row in rows])
    kalender = huidige_kalender()
    standen = [
        EntreeStand(
            regel(row),
            uren.entree_stand(
                Snapshot(
                    id=row.id,
                    geboortedatum=row.geboortedatum,
                    leerjaar=row.leerjaar,
                    state=row.state,
                    records=tuple(records[row.id]),
                    plaatsingen=tuple(plaatsingen[row.id]),
                    beleid=beleid_voor(row.trajectory_version),
                    trajectory_version=row.trajectory_version,
                ),
                op,
                kalender,
            ),
        )
        for row in rows
    ]
    return sorted(standen, key=_achterstand)


def _achterstand(e: EntreeStand) -> tuple[int, float, str]:
    if e.stand is None:
        return (0, 0.0, e.leerling.naam)
    return (1 if e.stand.achter else 2, e.stand.totaal - e.stand.lijn, e.leerling.naam)


@dataclass(frozen=True)
class Cohort:
    titel: str
    toestanden: tuple[str, ...]  # the current state of each leerling, no names
    # (leerling, trigger, van, naar) in the period: the ids only to count each leerling once
    stappen: tuple[tuple[int, str, str, str], ...]


def cohort(
    session: Session,
    actor: Actor,
    *,
    leerjaar: str | None = None,
    klas: str | None = None,
    begeleider: int | None = None,
    begeleider_naam: str | None = None,
    van: date | None = None,
    tot: date | None = None,
) -> Cohort:
    """Counts only, over the leerlingen the actor may see (the cohort diagram); `begeleider`:
    only the leerlingen of that stagebegeleider (named `begeleider_naam` in the title)."""
    toestanden, stappen = overzichten.cohort(
        session, actor, leerjaar=leerjaar, klas=klas, begeleider=begeleider, van=van, tot=tot
    )
    groep = ", ".join(
        x
        for x in (
            f"leerjaar {leerjaar}" if leerjaar else "",
            f"klas {klas}" if klas else "",
            f"begeleider {begeleider_naam}" if begeleider and begeleider_naam else "",
        )
        if x
    )
    periode = f" {_dag(van)} t/m {_dag(tot)}" if van or tot else ""
    titel = f"Stroom: {groep or 'alle leerlingen'}{periode} ({len(toestanden)})"
    return Cohort(titel, toestanden, stappen)


def _dag(dag: date | None) -> str:
    return f"{dag:%d-%m-%Y}" if dag else "…"


def vertrekker(v: uitstroom.Vertrek) -> Vertrekker:
    return Vertrekker(
        leerling_id=v.leerling_id,
        vertrekdatum=v.vertrekdatum,
        categorie=categorie_bij_vertrek(v.uitstroom.get("categorie"), v.uitstroom.get("profiel")),
        contacten=v.contacten,
    )


def uitstroomrapport(session: Session, actor: Actor, op: date) -> list[Uitstroomcohort]:
    """The uitstroom monitor over the leavers the actor may see. The erased leavers are kept
    as school-wide counts only, so they count for whoever sees the whole school."""
    bijdragen = uitstroom.tellingen(session) if actor.rol in ZIET_IEDEREEN else []
    return rapport(map(vertrekker, uitstroom.vertrekkers(session, actor)), op, bijdragen)
