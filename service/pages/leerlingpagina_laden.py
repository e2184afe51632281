"""Everything the leerling page shows, read in one session with the same functions the JSON API
uses (options, warnings, the Entree hours, the audit trail, the path diagram)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from service.api.diagrammen import Pad, pad_van
from service.api.leerlingen import _entree_uren
from service.pages import aangeboden_formulieren
from service.pages.tijdlijn import actor_ids, samenvatting, stap_label, tijdlijn
from trajectory.domain.access import Actor, may_edit, may_record
from trajectory.domain.clock import SCHOOL_TZ, Clock, today
from trajectory.domain.correcties import GenomenStap, OngeldigeStap, nog_ongeldig
from trajectory.domain.gegevens import LEERJAREN, MAX_VERZORGERS, RELATIES
from trajectory.domain.invoer import MAX_TEKST
from trajectory.domain.records import RECORD_KINDS
from trajectory.domain.schooljaar import huidige_kalender
from trajectory.domain.snapshot import SECTOREN, Snapshot, records_uit
from trajectory.domain.waarschuwingen import waarschuwingen
from trajectory.machines import STATE_LABELS, phase_of
from trajectory.store import queries
from trajectory.store import tables as t
from trajectory.usecases import bedrijfsoverzicht, engine, links
from trajectory.usecases import gegevens as gegevens_wijzigen
from trajectory.usecases.corrigeren import CORRECTIES, MEEGENOMEN
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling
from trajectory.usecases.motivatie import MIN_MOTIVATIE


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


def _plaatsing(p: t.Plaatsing, actor: Actor, contacten: dict[int, Any]) -> dict[str, Any]:
    return {
        "id": p.id,
        **_vervallen(p),
        "corrigeerbaar": p.vervallen is None and may_record(actor, "plaatsing"),
        "bedrijf": p.bedrijf,
        "stagebedrijf_id": p.stagebedrijf_id,
        # the praktijkbegeleider's contact, to call before a visit (#17)
        "praktijkbegeleider": contacten.get(p.praktijkbegeleider_id or 0),
        "soort": p.soort.replace("_", " "),
        "status": p.status,
        "sector": SECTOREN.get(p.sector or "", ""),
        "startdatum": p.startdatum,
        "einddatum": p.einddatum,
        "dagdelen": ", ".join(d.replace("_", " ") for d in p.dagdelen),
    }


def _vervallen(rij: t.Plaatsing | t.Rij) -> dict[str, Any]:
    """A replaced or voided row: shown struck through, with when and why."""
    if rij.vervallen is None:
        return {"vervallen": None}
    return {"vervallen": rij.vervallen.astimezone(SCHOOL_TZ), "reden": rij.vervallen_reden}


class VastgelegdRij(NamedTuple):
    """A row of the page's "Vastgelegd" table. An object, not a dict: the template reads eight
    fields of each of hundreds of rows, and Jinja tries an attribute before a key."""

    id: int
    kind: str
    datum: date
    soort: str
    gegevens: tuple[tuple[str, str], ...]
    corrigeerbaar: bool
    vervallen: datetime | None  # a replaced or voided record: struck through, when and why
    reden: str | None


def _record(r: t.Rij, actor: Actor) -> VastgelegdRij:
    corrigeerbaar = (
        r.vervallen is None
        and r.kind in RECORD_KINDS
        and may_record(actor, r.kind, r.data.get("soort"))
    )
    vervallen = _vervallen(r)
    return VastgelegdRij(
        r.id,
        r.kind,
        r.datum,
        stap_label(r.kind),
        samenvatting(r.data),
        corrigeerbaar,
        vervallen["vervallen"],
        vervallen.get("reden"),
    )


def _ongeldige_stappen(trail: Any, snapshot: Snapshot) -> tuple[OngeldigeStap, ...]:
    """The steps a correction flagged that still fail their guards (the page's warning)."""
    gemeld = [
        OngeldigeStap.uit(stap)
        for event, payload in trail
        if event.soort in CORRECTIES
        for stap in (payload or {}).get("ongeldige_stappen", ())
    ]
    if not gemeld:
        return ()
    stappen = [
        GenomenStap(e.trigger, e.van, e.naar, _dag(e.tijd))
        for e, _ in trail
        if e.soort == "overgang"
    ]
    return nog_ongeldig(gemeld, stappen, snapshot)


def _dag(tijd: str) -> date:
    return datetime.fromisoformat(tijd).astimezone(SCHOOL_TZ).date()


def laad(
    sessions: sessionmaker[Session],
    leerling_id: int,
    actor: Actor,
    clock: Clock,
    bedrijf_zoek: str = "",
) -> dict[str, Any]:
    """The page's context; LeerlingNotFound when the actor may not see this leerling. The
    placement form offers the register's companies that `bedrijf_zoek` finds."""
    op = today(clock)
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        vastgelegd = queries.vastleggingen_van(session, leerling.id)
        huidig_vastgelegd = records_uit(r[:5] for r in vastgelegd if r.vervallen is None)
        snapshot = snapshot_van(session, leerling, records=huidig_vastgelegd)
        trail = queries.audit_trail(session, leerling.id)
        ids = actor_ids(trail) | {leerling.stagebegeleider_id or 0}
        namen = _namen(session, ids)
        records = [  # newest first; a record carried to a corrected placement is shown there only
            _record(r, actor)
            for r in sorted(vastgelegd, key=lambda r: (r.datum, r.id), reverse=True)
            if r.vervallen_reden != MEEGENOMEN
        ]
        rijen = queries.plaatsingen_of(session, leerling.id)
        contacten = bedrijfsoverzicht.contacten(session, (p.praktijkbegeleider_id for p in rijen))
        plaatsingen = [_plaatsing(p, actor, contacten) for p in rijen]
        linksecties = links.linksecties_van(
            session,
            leerling,
            actor=actor,
            now=clock.now(),
            plaatsingen=rijen,
            pb_namen={pb_id: c["naam"] for pb_id, c in contacten.items()},
        )
        formulieren = aangeboden_formulieren.vastleggingen(snapshot, actor)
        register = bedrijfsoverzicht.Bedrijfskeuze()
        if any(f.sleutel == "plaatsing" for f in formulieren):  # the register only when asked
            register = bedrijfsoverzicht.bedrijfskeuze(session, bedrijf_zoek)
            formulieren = aangeboden_formulieren.vastleggingen(snapshot, actor, register)
        opties = engine.options(snapshot, op)
        pad = pad_van(
            session,
            leerling,
            opties,
            op=op,
            gebeurtenissen=((e.soort, e.trigger, e.van, e.naar, e.override) for e, _ in trail),
        )
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
        wijzigen = _wijzigen(session, actor, huidig, gewist=leerling.gewist is not None)
    return {
        "leerling": gegevens,
        "waarschuwingen": waarschuwingen(snapshot, op, huidige_kalender()),
        "ongeldige_stappen": _ongeldige_stappen(trail, snapshot),
        "min_reden": MIN_MOTIVATIE,
        "max_reden": MAX_TEKST,
        "uren": _entree_uren(snapshot, op),
        "beleid": snapshot.beleid,
        "plaatsingen": plaatsingen,
        "records": records,
        "tijdlijn": tijdlijn(trail, namen),
        "knoppen": aangeboden_formulieren.knoppen(opties, leerling.id, actor),
        "formulieren": formulieren,
        "bedrijfskeuze": register,
        "toestanden": STATE_LABELS,
        "pad": _pad(pad),
        "verzorgers": huidig["verzorgers"],
        "nu_geweigerd": nu_geweigerd,
        "wijzigen": wijzigen,
        "linksecties": linksecties,  # issue #18: service/extern/beheer.py shows them
    }


def _wijzigen(
    session: Session, actor: Actor, huidig: dict[str, Any], *, gewist: bool
) -> dict[str, Any]:
    """What the "gegevens wijzigen" form needs: may this actor edit, and the choices."""
    mag_begeleider = may_edit(actor, "stagebegeleider_id")
    return {
        "mag": may_edit(actor, "naam") and not gewist,
        "mag_begeleider": mag_begeleider,
        "begeleiders": gegevens_wijzigen.begeleiders_in(session) if mag_begeleider else [],
        "waarden": huidig,
        "rijen": min(len(huidig["verzorgers"]) + 1, MAX_VERZORGERS),
        "leerjaren": LEERJAREN,
        "relaties": RELATIES,
        "min_reden": MIN_MOTIVATIE,
    }


def _pad(pad: Pad) -> dict[str, Any]:
    """The path picture (drawn in Python, inline), with the steps also as text."""
    tekst = [
        f"{stap_label(s.trigger)}: van {STATE_LABELS[s.van]} naar {STATE_LABELS[s.naar]}"
        + (" (doorgezet)" if s.doorgezet else "")
        for s in pad.stappen
    ]
    return {
        "stappen": tekst,
        "huidig": STATE_LABELS[pad.state],
        "svg": Markup(pad.svg()),  # noqa: S704 -- our own SVG, every text escaped
        "versie": pad.versie,
    }
