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
from trajectory.domain.access import Actor, may_edit
from trajectory.domain.clock import Clock, today
from trajectory.domain.gegevens import LEERJAREN, MAX_VERZORGERS, RELATIES
from trajectory.domain.snapshot import SECTOREN, Snapshot
from trajectory.domain.waarschuwingen import waarschuwingen
from trajectory.machines import STATE_LABELS, phase_of
from trajectory.store import queries
from trajectory.store import tables as t
from trajectory.usecases import engine
from trajectory.usecases import gegevens as gegevens_wijzigen
from trajectory.usecases.engine import MIN_MOTIVATIE
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
            "nt2": leerling.nt2,
            "gewist": leerling.gewist is not None,
        }
        huidig = gegevens_wijzigen.huidige_gegevens(session, leerling)
        nu_geweigerd = gegevens_wijzigen.nu_geweigerde_stappen(snapshot, trail)
    opties = engine.options(snapshot, op)
    return {
        "leerling": gegevens,
        "waarschuwingen": waarschuwingen(snapshot, op),
        "uren": _entree_uren(snapshot, op),
        "beleid": snapshot.beleid,
        "plaatsingen": plaatsingen,
        "records": records,
        "tijdlijn": tijdlijn(trail, namen),
        "knoppen": aangeboden_formulieren.knoppen(opties, leerling.id, actor),
        "formulieren": aangeboden_formulieren.vastleggingen(snapshot, actor),
        "toestanden": STATE_LABELS,
        "pad": _pad(leerling.id, stappen, snapshot, opties),
        "verzorgers": huidig["verzorgers"],
        "nu_geweigerd": nu_geweigerd,
        "wijzigen": _wijzigen(sessions, actor, huidig, gewist=leerling.gewist is not None),
    }


def _wijzigen(
    sessions: sessionmaker[Session], actor: Actor, huidig: dict[str, Any], *, gewist: bool
) -> dict[str, Any]:
    """What the "gegevens wijzigen" form needs: may this actor edit, and the choices."""
    mag_begeleider = may_edit(actor, "stagebegeleider_id")
    return {
        "mag": may_edit(actor, "naam") and not gewist,
        "mag_begeleider": mag_begeleider,
        "begeleiders": gegevens_wijzigen.begeleiders(sessions) if mag_begeleider else [],
        "waarden": huidig,
        "rijen": min(len(huidig["verzorgers"]) + 1, MAX_VERZORGERS),
        "leerjaren": LEERJAREN,
        "relaties": RELATIES,
        "min_reden": MIN_MOTIVATIE,
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
