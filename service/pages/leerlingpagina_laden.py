"""Everything the leerling page shows, read in one session with the same functions the JSON API
uses (options, warnings, the Entree hours, the audit trail, the path diagram)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from diagrams.render import dot_available
from diagrams.views import Stap, pad
from service.api.leerlingen import _entree_uren
from service.pages import aangeboden_formulieren
from service.pages.tijdlijn import actor_ids, samenvatting, stap_label, tijdlijn
from trajectory.domain.access import Actor
from trajectory.domain.clock import Clock, today
from trajectory.domain.schooljaar import huidige_kalender
from trajectory.domain.snapshot import SECTOREN, Snapshot
from trajectory.domain.waarschuwingen import waarschuwingen
from trajectory.machines import STATE_LABELS, phase_of
from trajectory.store import queries
from trajectory.store import tables as t
from trajectory.usecases import engine
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling


@dataclass
class Ingevuld:
    """The form the user just sent: what they typed and why it was not accepted."""

    sleutel: str
    waarden: dict[str, Any] = field(default_factory=dict)
    fouten: dict[str, list[str]] = field(default_factory=dict)


def _namen(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(t.Gebruiker.id, t.Gebruiker.naam).where(t.Gebruiker.id.in_(ids)))
    return {gebruiker_id: naam for gebruiker_id, naam in rows}


def _plaatsing(p: t.Plaatsing) -> dict[str, Any]:
    return {
        "bedrijf": p.bedrijf,
        "soort": p.soort.replace("_", " "),
        "status": p.status,
        "sector": SECTOREN.get(p.sector or "", ""),
        "startdatum": p.startdatum,
        "einddatum": p.einddatum,
        "dagdelen": ", ".join(d.replace("_", " ") for d in p.dagdelen),
    }


def laad(
    sessions: sessionmaker[Session], leerling_id: int, actor: Actor, clock: Clock
) -> dict[str, Any]:
    """The page's context; LeerlingNotFound when the actor may not see this leerling."""
    op = today(clock)
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        snapshot = snapshot_van(session, leerling)
        trail = queries.audit_trail(session, leerling.id)
        ids = actor_ids(trail) | {leerling.stagebegeleider_id or 0}
        namen = _namen(session, ids)
        records = [
            {"datum": r.datum, "soort": stap_label(r.kind), "gegevens": samenvatting(r.data)}
            for r in reversed(queries.records_of(session, leerling.id))
        ]
        plaatsingen = [_plaatsing(p) for p in queries.plaatsingen_of(session, leerling.id)]
        stappen = [Stap(*rij[1:]) for rij in queries.overgangen(session, [leerling.id])]
        gegevens = {
            "id": leerling.id,
            "naam": leerling.naam,
            "geboortedatum": leerling.geboortedatum,
            "leeftijd": snapshot.leeftijd_op(op),
            "klas": leerling.klas,
            "leerjaar": leerling.leerjaar,
            "stagebegeleider": namen.get(leerling.stagebegeleider_id or 0),
            "stage_ondersteuning": leerling.stage_ondersteuning,
            "state": leerling.state,
            "toestand": STATE_LABELS[leerling.state],
            "fase": phase_of(leerling.state),
            "version": leerling.version,
        }
    opties = engine.options(snapshot, op)
    return {
        "leerling": gegevens,
        "waarschuwingen": waarschuwingen(snapshot, op, huidige_kalender()),
        "uren": _entree_uren(snapshot, op),
        "beleid": snapshot.beleid,
        "plaatsingen": plaatsingen,
        "records": records,
        "tijdlijn": tijdlijn(trail, namen),
        "knoppen": aangeboden_formulieren.knoppen(opties, leerling.id, actor),
        "formulieren": aangeboden_formulieren.vastleggingen(snapshot, actor),
        "toestanden": STATE_LABELS,
        "pad": _pad(leerling.id, stappen, snapshot, opties),
    }


def _pad(
    leerling_id: int, stappen: list[Stap], snapshot: Snapshot, opties: list[engine.Optie]
) -> dict[str, Any]:
    """The path diagram as an image from the API, or its Mermaid text where `dot` is missing;
    always with the steps as text."""
    tekst = [
        f"{stap_label(s.trigger)}: van {STATE_LABELS[s.van]} naar {STATE_LABELS[s.naar]}"
        for s in stappen
    ]
    huidig, versie = snapshot.state, snapshot.trajectory_version
    mermaid = None
    if not dot_available():
        mogelijk = {o.trigger: o.allowed for o in opties}
        mermaid = pad("mermaid", leerling_id, stappen, huidig, mogelijk, versie)
    return {
        "stappen": tekst,
        "huidig": STATE_LABELS[huidig],
        "mermaid": mermaid,
        "versie": versie,
    }
