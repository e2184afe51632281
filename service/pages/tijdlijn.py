"""The leerling's audit trail as a timeline a person can read: who, when, what, and why not."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from markupsafe import Markup, escape

from service.pages.velden import label_of
from trajectory.domain.clock import SCHOOL_TZ
from trajectory.domain.gegevens import VELD_LABELS
from trajectory.domain.links import DOELEN, door_van
from trajectory.domain.records import UITVAL_CODES
from trajectory.domain.snapshot import SECTOREN
from trajectory.machines import STATE_LABELS, TRIGGER_LABELS
from trajectory.store import tables as t

SOORT_LABELS = {
    "beoordeling": "beoordeling",
    "noa_test": "Noa interessetest",
    "vragenlijst": "oriëntatie-vragenlijst",
    "basisvaardigheden": "basiswerknemersvaardigheden",
    "overleg": "overleg",
    "stage_overeenkomst": "stage-overeenkomst",
    "rooster": "weekrooster",
    "uren": "uren",
    "bezoek": "stagebezoek",
    "praktijkopdracht": "praktijkopdracht",
    "studieadvies": "studieadvies",
    "examenresultaat": "examenresultaat",
    "uitstroom": "uitstroom",
    "nazorg_contact": "nazorgcontact",
    "afsluitbesluit": "afsluitbesluit",
    "plaatsing": "stageplaats",
    # the weekly stage-agenda through a link (#18)
    "agenda_week": "stage-agenda: week van de praktijkbegeleider",
    "agenda_reflectie": "stage-agenda: reflectie van de leerling",
    "stage_agenda": "stage-agenda afgetekend",
}

LINK_LABELS = {"link_maken": "Persoonlijke link gemaakt", "link_intrekken": "Link ingetrokken"}


class Gebeurtenis(NamedTuple):
    """An event of the timeline. A named tuple, not a dataclass: the page builds hundreds,
    and a frozen dataclass costs several times as much to make."""

    tijd: str
    wie: str
    wat: str
    soort: str  # overgang | weigering | vastlegging | ... (a CSS class too)
    override: bool
    redenen: tuple[str, ...]
    motivatie: str | None
    gegevens: tuple[tuple[str, str], ...]
    trigger: str | None = None


def tekst(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Mapping):
        return "; ".join(f"{label_of(str(k))}: {tekst(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(tekst(v) for v in value)
    if _code(value):
        return value.replace("_", " ")
    return "" if value is None else str(value)


def _code(value: Any) -> bool:
    return isinstance(value, str) and value.isidentifier() and value.islower()


# kept for the software, not for a reader: a follow-up's owner is who recorded the contact
VERBORGEN = frozenset({"eigenaar_id"})

CODES: dict[str, Mapping[str, str]] = {  # fields stored as a code, shown by name
    "sector": SECTOREN,
    "sectoren": SECTOREN,
    "definitieve_sector": SECTOREN,
    "code": UITVAL_CODES,
}


def samenvatting(data: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Label and text of each filled-in field; a sector or an uitval code by its name."""
    return tuple(
        (label_of(k), tekst(_bij_naam(k, v)))
        for k, v in data.items()
        if v not in (None, "", [], {}, False) and k not in VERBORGEN
    )


def gegevenslijst(paren: Sequence[tuple[str, str]]) -> Markup:
    """A `samenvatting` as the page's small definition list, every text escaped. A filter,
    not a template macro: the leerling page shows hundreds (each record, each event), and a
    macro call costs several times this whole function."""
    if not paren:
        return Markup("")
    regels = "".join(f"<dt>{html(label)}</dt><dd>{html(tekst)}</dd>" for label, tekst in paren)
    return Markup(f'<dl class="klein">{regels}</dl>')  # noqa: S704 -- escaped above


def html(tekst: object) -> str:
    """`tekst` escaped, as a plain str: a Markup placed in an f-string costs several times
    the escaping itself (markupsafe formats it again)."""
    return str(escape(tekst))


def _bij_naam(veld: str, waarde: Any) -> Any:
    namen = CODES.get(veld)
    if namen is None:
        return waarde
    if isinstance(waarde, list):
        return [namen.get(str(w), w) for w in waarde]
    return namen.get(str(waarde), waarde)


def stap_label(trigger: str | None) -> str:
    if trigger is None:
        return ""
    return TRIGGER_LABELS.get(trigger) or SOORT_LABELS.get(trigger) or trigger.replace("_", " ")


def _wat(event: t.AuditEvent) -> str:
    van, naar = STATE_LABELS.get(event.van or "", ""), STATE_LABELS.get(event.naar or "", "")
    soort = event.soort  # read once: an ORM attribute costs more than a local
    if soort == "aanmelding":
        return f"Aangemeld, begint in {naar}"
    if soort == "overgang":
        toch = " (toch doorgezet)" if event.override else ""
        return f"{stap_label(event.trigger)}: van {van} naar {naar}{toch}"
    if soort == "weigering":
        return f"Geweigerd: {stap_label(event.trigger)}"
    if soort == "vastlegging":
        toch = " (toch vastgelegd)" if event.override else ""
        return f"Vastgelegd: {stap_label(event.trigger)}{toch}"
    if soort == "plaatsing":
        return "Stageplaats geregeld"
    if soort == "intake":
        return f"Overgenomen uit de administratie, in {naar}"
    if soort == "correctie":
        toch = " (toch vastgelegd)" if event.override else ""
        return f"Gecorrigeerd: {stap_label(event.trigger)}{toch}"
    if soort == "ongeldig":
        return f"Ongeldig gemaakt: {stap_label(event.trigger)}"
    if soort == "wijziging":
        return "Gegevens gewijzigd"
    if soort == "link":  # issue #18
        return LINK_LABELS.get(event.trigger or "", "Link")
    return f"{soort.capitalize()}: {stap_label(event.trigger)}".rstrip(": ")


def _gegevens(event: t.AuditEvent, payload: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    soort = event.soort
    if soort == "plaatsing":
        return samenvatting({k: v for k, v in payload.items() if k != "plaatsing_id"})
    if soort == "aanmelding":
        return samenvatting(payload)
    if soort == "intake":
        return samenvatting(
            {"verklaring": payload.get("verklaring"), **payload.get("gegevens", {})}
        )
    if soort == "wijziging":
        return tuple(
            (VELD_LABELS.get(veld, veld), f"{_waarde(w.get('oud'))} → {_waarde(w.get('nieuw'))}")
            for veld, w in (payload.get("wijzigingen") or {}).items()
        )
    if soort == "link":
        return (
            ("Voor", tekst(payload.get("voor"))),
            ("Doel", DOELEN.get(str(payload.get("doel")), "")),
        )
    if soort == "correctie" and payload.get("motivatie"):  # an override: both texts
        reden = (("Reden van de correctie", tekst(payload.get("reden"))),)
        return reden + samenvatting(payload.get("gegevens") or {})
    return samenvatting(payload.get("gegevens") or {})


def _waarde(value: Any) -> str:
    """An old or new value of an edit; a list of contacts by name and relation."""
    if isinstance(value, list):
        return "; ".join(f"{c.get('naam')} ({c.get('relatie')})" for c in value) or "—"
    return tekst(value) or "—"


def _tijd(iso: str) -> str:
    """As `strftime("%d-%m-%Y %H:%M")` in the school's time zone, at a fraction of its cost
    (hundreds on a page)."""
    m = datetime.fromisoformat(iso).astimezone(SCHOOL_TZ)
    return f"{m.day:02d}-{m.month:02d}-{m.year} {m.hour:02d}:{m.minute:02d}"


def tijdlijn(
    trail: Iterable[tuple[t.AuditEvent, Mapping[str, Any] | None]], namen: Mapping[int, str]
) -> list[Gebeurtenis]:
    """Newest first. `namen`: user id -> name (the trail itself keeps only ids)."""
    result = []
    for event, payload in trail:
        payload = payload or {}
        actor_id, actor_rol = event.actor_id, event.actor_rol  # an ORM attribute costs
        wie = "systeem" if actor_id is None else namen.get(actor_id, "onbekend")
        wie = door_van(actor_rol, payload) or f"{wie} ({actor_rol.replace('_', ' ')})"
        guards = event.guards
        result.append(
            Gebeurtenis(
                tijd=_tijd(event.tijd),
                wie=wie,
                wat=_wat(event),
                soort=event.soort,
                override=event.override,
                redenen=tuple(g.get("reden") or "" for g in guards if not g.get("ok"))
                if guards
                else (),
                motivatie=payload.get("motivatie") or payload.get("reden"),
                trigger=event.trigger,
                gegevens=_gegevens(event, payload),
            )
        )
    return result[::-1]


def actor_ids(trail: Sequence[tuple[t.AuditEvent, Any]]) -> set[int]:
    return {e.actor_id for e, _ in trail if e.actor_id is not None}


# the timeline's filters (`?tijdlijn=`): label, and which events they keep
FILTERS: dict[str, tuple[str, Callable[[Gebeurtenis], bool]]] = {
    "stappen": ("Stappen", lambda g: g.soort in ("overgang", "weigering", "aanmelding")),
    "vastleggingen": ("Vastleggingen", lambda g: g.soort in ("vastlegging", "plaatsing")),
    "contacten": ("Contacten", lambda g: g.trigger in ("contact", "nazorg_contact")),
    "wijzigingen": ("Wijzigingen", lambda g: g.soort == "wijziging"),
}


def gefilterd(gebeurtenissen: list[Gebeurtenis], filter_: str | None) -> list[Gebeurtenis]:
    """Only the events of one filter (an unknown filter: all)."""
    if filter_ not in FILTERS:
        return gebeurtenissen
    houdt = FILTERS[filter_][1]
    return [g for g in gebeurtenissen if houdt(g)]
