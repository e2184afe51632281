"""Which transitions the mentor hears about (DOMAIN.md, Notifications to the mentor).

"Always on uitvallen (at once). Also on: voorlopig advies decided, placement started or
completed, to/from groepsstage, studieadvies, exam result, uitstroom." The leerling's mentor is
the one assigned to the leerling's class. Pure: the store resolves who that is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from trajectory.domain.records import UITVAL_CODES
from trajectory.domain.snapshot import Record, Snapshot
from trajectory.machines.definition import STATE_LABELS, TRIGGER_LABELS

MENTOR_MELDINGEN: dict[str, str] = {
    "uitvallen": "uitval",
    "advies_zelfstandig": "voorlopig_advies",
    "advies_groepsstage": "voorlopig_advies",
    "stage_starten": "stage_gestart",
    "stage_afronden": "stage_afgerond",
    "verdieping_afronden": "stage_afgerond",
    "naar_individueel": "groepsstage",
    "opvang_groepsstage": "groepsstage",
    "studieadvies": "studieadvies",
    "examen_afronden": "examenuitslag",
    "uitstromen": "uitstroom",
}
# DOMAIN.md, Timers: "2 years after the leaving date: nazorg_afsluiten fires by itself —
# stagebegeleider (info)"; only when the systeem made the step (a person knows already)
BEGELEIDER_MELDINGEN: dict[str, str] = {"nazorg_afsluiten": "nazorg_afgesloten"}
# Beleidsplan 5.2, nazorg: "hulp voor hen te zoeken wanneer er problemen ontstaan of dreigen
# te ontstaan": a nazorg contact that finds the ex-leerling lost the bestemming of leaving tells
# the stagebegeleider at once (whoever recorded it), and a follow-up reminder is planned
# (`domain/herinneringen.py`, `nazorg_vervolg`)
NAZORG_PROBLEEM = "nazorg_probleem"
# never bundled in a digest: the mentor talks to the parents; a problem after leaving needs help
DIRECT = frozenset({"uitval", NAZORG_PROBLEEM})


def is_nazorg_probleem(record: Record) -> bool:
    return record.kind == "nazorg_contact" and record.data.get("bestemming_behouden") is False


def meldingen_bij_vastlegging(records: Iterable[Record]) -> list[tuple[str, str]]:
    """(kind, role told) for what these new records found, in a step or on their own."""
    if any(is_nazorg_probleem(r) for r in records):
        return [(NAZORG_PROBLEEM, "stagebegeleider")]
    return []


def mentor_melding(trigger: str) -> str | None:
    """The kind of notification the mentor gets for this trigger, if any."""
    return MENTOR_MELDINGEN.get(trigger)


def begeleider_melding(trigger: str, actor_rol: str) -> str | None:
    """The kind of notification the stagebegeleider gets for a step of the systeem, if any."""
    return BEGELEIDER_MELDINGEN.get(trigger) if actor_rol == "systeem" else None


def meldingen_bij(
    trigger: str, actor_rol: str, records: Iterable[Record] = ()
) -> list[tuple[str, str]]:
    """(kind, role told) for every notification this step (with these new records) causes."""
    paren = [
        (mentor_melding(trigger), "mentor"),
        (begeleider_melding(trigger, actor_rol), "stagebegeleider"),
    ]
    stap = [(soort, rol) for soort, rol in paren if soort is not None]
    return stap + meldingen_bij_vastlegging(records)


def mentor_context(
    s: Snapshot, *, naam: str, klas: str | None, trigger: str, naar: str, op: date
) -> dict[str, Any]:
    """What the mentor's message says: the step, and for an uitval its coded reason and company.

    Never the free text of the uitval: a mail leaves the application (AVG, minimisation)."""
    uitval = next((r for r in reversed(s.records) if r.kind == "uitval" and r.in_deze_stap), None)
    plaatsing = s.lopende_plaatsing
    return {
        "naam": naam,
        "klas": klas or "?",
        "stap": TRIGGER_LABELS[trigger],
        "van": STATE_LABELS[s.state],
        "naar": STATE_LABELS[naar],
        "datum": f"{op:%d-%m-%Y}",
        "reden": UITVAL_CODES.get(uitval.data.get("code", "overig"), "") if uitval else "",
        "bedrijf": plaatsing.bedrijf if plaatsing else "",
    }
