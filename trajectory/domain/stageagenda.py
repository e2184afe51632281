"""The weekly stage-agenda of a placement (beleidsplan 3.1, 3.3; issue #18).

Per ISO week of a running placement three parties each do their part:
- the praktijkbegeleider (through their link): how the week went (leerdoelen, aandachtspunten,
  the five competentiegebieden of beleidsplan 3.3 on the uitslag scale) and the hours worked
  per day, which approves them (`domain/uren.py` counts approved hours);
- the leerling: a short reflection (a smiley and a few words);
- the stagebegeleider: the aftekenen in class, the existing `stage_agenda` record.

Each part is a record of the leerling (the `vastlegging` table): a second submission of the
same part for the same week is a new version that supersedes the first (the first is marked
`vervallen`, never changed otherwise), so the snapshot reads the current version and the
agenda page shows both. Pure functions over a snapshot (the input's models:
`domain/stageagenda_invoer.py`, so the guards reading approved hours import no pydantic).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from trajectory.domain.snapshot import Plaatsing, Record, Snapshot

# the parts of a week, in the order they are done, and who does each
DELEN = ("praktijkbegeleider", "leerling", "stagebegeleider")
DEEL_TITELS = {
    "praktijkbegeleider": "Weekverslag en uren (praktijkbegeleider)",
    "leerling": "Reflectie (leerling)",
    "stagebegeleider": "Afgetekend in de klas (stagebegeleider)",
}
# the record kind of each part; the aftekenen is the record the school has kept since before
# the digital agenda (domain/records.StageAgenda, read by the `stagemap` timer)
KIND_VAN_DEEL = {
    "praktijkbegeleider": "agenda_week",
    "leerling": "agenda_reflectie",
    "stagebegeleider": "stage_agenda",
}
# the record kinds Entree's hours are read from (domain/uren.py): a reader that loads only some
# records, like the Entree overview, loads these
UREN_RECORDS = ("uren", "verlenging", KIND_VAN_DEEL["praktijkbegeleider"])
GEVOELENS = {"blij": "Goed", "gewoon": "Gaat wel", "niet_blij": "Niet goed"}
KORTE_REFLECTIE = 500  # a praktijkschool leerling writes a few words


def maandag(d: date) -> date:
    """The Monday of the ISO week of `d`: how a week is named everywhere in the agenda."""
    return d - timedelta(days=d.weekday())


def week_tekst(week: date) -> str:
    jaar, nummer, _ = week.isocalendar()
    return f"week {nummer} ({week:%d-%m} t/m {week + timedelta(days=6):%d-%m-%Y})"


def week_van(record: Record) -> date:
    """The Monday of the week a part belongs to (the aftekenen names it `week_van`)."""
    waarde = record.data.get("week") or record.data.get("week_van")
    return maandag(date.fromisoformat(waarde) if isinstance(waarde, str) else record.datum)


@dataclass(frozen=True)
class Week:
    week: date
    delen: dict[str, Record]  # deel -> its current version

    @property
    def ontbreekt(self) -> tuple[str, ...]:
        return tuple(deel for deel in DELEN if deel not in self.delen)


def _delen(s: Snapshot, plaatsing: Plaatsing) -> dict[date, dict[str, Record]]:
    """Per week, the current version of each part done."""
    delen: dict[date, dict[str, Record]] = {}
    for deel, kind in KIND_VAN_DEEL.items():
        for r in s.records_van(kind, plaatsing_id=plaatsing.id):
            huidig = delen.setdefault(week_van(r), {}).get(deel)
            if huidig is None or (r.id or 0) > (huidig.id or 0):
                delen[week_van(r)][deel] = r
    return delen


def weken(s: Snapshot, plaatsing: Plaatsing, tot: date) -> list[Week]:
    """The weeks of the placement from its start up to the week of `tot` (and its einddatum),
    and any other week with a part done, newest first."""
    delen = _delen(s, plaatsing)
    einde = min(tot, plaatsing.einddatum or tot)
    alle = set(_maandagen(plaatsing.startdatum, einde)) | set(delen)
    return [Week(w, delen.get(w, {})) for w in sorted(alle, reverse=True)]


def _maandagen(van: date, tot: date) -> Iterable[date]:
    week = maandag(van)
    while week <= tot:
        yield week
        week += timedelta(weeks=1)


def ontbrekend(s: Snapshot, op: date) -> tuple[date, tuple[str, ...]] | None:
    """The last finished week of the running placement (the week before that of `op`) and the
    parts still missing in it: what the weekly `stagemap` reminder asks for, and of whom.
    None when there is no such week (no running placement, or it started this week)."""
    plaatsing = s.lopende_plaatsing
    vorige = maandag(op) - timedelta(weeks=1)
    if plaatsing is None or maandag(plaatsing.startdatum) > vorige:
        return None
    return vorige, Week(vorige, _delen(s, plaatsing).get(vorige, {})).ontbreekt


def herinnering(
    s: Snapshot, op: date, *, met_link: frozenset[str] = frozenset()
) -> dict[str, tuple[str, ...]]:
    """What the weekly `stagemap` reminder asks, of whom (DOMAIN.md, Timers): per recipient,
    the Dutch lines about last week's missing parts. The praktijkbegeleider is asked through
    their link (mailed again); the leerling through their reflectie link when they have one
    (`met_link` names the parties that do), else the stagebegeleider passes it on in class;
    the stagebegeleider is asked to sign the week off."""
    week = ontbrekend(s, op)
    if week is None or not week[1]:
        return {}
    maandag_, delen = week
    naam = week_tekst(maandag_)
    vragen: dict[str, list[str]] = {}
    if "praktijkbegeleider" in delen:
        vragen.setdefault("praktijkbegeleider", []).append(
            f"Wilt u de stage-agenda van {naam} invullen en de uren bevestigen?"
        )
    if "leerling" in delen:
        if "leerling" in met_link:
            vragen.setdefault("leerling", []).append(f"Schrijf je reflectie over {naam}.")
        else:
            vragen.setdefault("stagebegeleider", []).append(
                f"De leerling heeft nog geen reflectie geschreven over {naam}: "
                "vraag het in de klas."
            )
    if "stagebegeleider" in delen:
        vragen.setdefault("stagebegeleider", []).append(f"Teken de stage-agenda van {naam} af.")
    return {wie: tuple(regels) for wie, regels in vragen.items()}
