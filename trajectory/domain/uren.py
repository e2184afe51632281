"""Entree hours: the total so far, the ≥ 21 h/week pace line, and a forecast (beleidsplan 5.2).

Beleidsplan 5.2: "minimaal 650 stage/werkuren gedurende dit opleidingsjaar". The hours count over
the opleidingsjaar, every Entree placement of it together (an uitval and a new placement do not
start again at 0); a `verlenging` stretches that year to its new examendatum (beleidsplan 4.5).
`entree_uren` is the one place that decides which hours count. Pure functions over (date, hours)
pairs, so a coordinator's question "will she make 650?" is answered the same way in the UI, the
weekly timer, the examen guard and the tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from trajectory.domain.schooljaar import Kalender, looptijd, schooljaarnaam
from trajectory.domain.snapshot import GELOPEN, STANDAARD_BELEID, Beleid, Record, Snapshot
from trajectory.domain.stageagenda import KIND_VAN_DEEL, maandag, week_van
from trajectory.domain.tijdsduur import uren_tekst
from trajectory.guards.arbeidstijden import WEEKDAGEN, rooster_uit

RECENT_WEKEN = 4


@dataclass(frozen=True)
class UrenStand:
    totaal: float
    lijn: float  # what the line of Beleid.entree_uren_per_week asks for by now
    achter: bool  # behind the line
    tempo_per_week: float  # recent pace: hours per week over the last RECENT_WEKEN weeks
    prognose: float  # forecast of the total at the end of the school year
    haalbaar: bool  # forecast reaches Beleid.entree_uren_examen
    gehaald: bool = False  # the total reaches Beleid.entree_uren_examen
    niet_goedgekeurd: float = 0.0  # hours waiting for the praktijkbegeleider: not in `totaal`


def weken_tussen(van: date, tot: date) -> float:
    return max((tot - van).days, 0) / 7


def stand(
    uren: Iterable[tuple[date, float]],
    *,
    start: date,
    op: date,
    einde_schooljaar: date,
    beleid: Beleid = STANDAARD_BELEID,
    weken_gelopen: float | None = None,
) -> UrenStand:
    """Hours registered on or before `op`, measured against the line from `start`.

    The line is the weekly pace times the weeks gone by (`weken_gelopen`, else the calendar
    weeks since `start`), and never more than the hours needed: a leerling at or above them
    has made them ("gehaald") and is never behind. The forecast extends the pace of the last
    four weeks (or since the start, if shorter) to the end of the school year. The line and
    the hours needed are the leerling's `beleid`.
    """
    per_week, nodig = beleid.entree_uren_per_week, beleid.entree_uren_examen
    geteld = [(d, u) for d, u in uren if d <= op]
    totaal = sum(u for _, u in geteld)
    weken = weken_tussen(start, op) if weken_gelopen is None else weken_gelopen
    lijn = min(nodig, per_week * weken)
    venster_start = max(start, op - timedelta(weeks=RECENT_WEKEN))
    venster_weken = weken_tussen(venster_start, op)
    # the window is (op - 4 weeks, op]; for a placement younger than that it is [start, op],
    # so hours made on the first stage day count in the pace as they do in the weeks
    vanaf_start = venster_start == start
    recent = sum(u for d, u in geteld if d > venster_start or (vanaf_start and d == start))
    tempo = recent / venster_weken if venster_weken > 0 else 0.0
    prognose = totaal + tempo * weken_tussen(op, einde_schooljaar)
    # Judge the figures as shown: 21 * (9 / 7) is 27.000000000000004 in floating point, which
    # would put a leerling with exactly 27 hours "behind" a line of 27.
    totaal, lijn = round(totaal, 2), round(lijn, 2)
    return UrenStand(
        totaal=totaal,
        lijn=lijn,
        achter=totaal < lijn,
        tempo_per_week=round(tempo, 2),
        prognose=round(prognose, 1),
        haalbaar=prognose >= nodig,
        gehaald=totaal >= nodig,
    )


def uren_fout(s: Snapshot, regel: Record) -> tuple[str, str] | None:
    """What is wrong with one line of the presentielijst, as (field, Dutch message), or None.

    No line for a placement that has not started or before its start, one line per day, and no
    more hours than the rooster has for that weekday unless a toelichting says why.
    """
    plaatsing = next((p for p in s.plaatsingen if p.id == regel.plaatsing_id), None)
    if plaatsing is None or plaatsing.status not in GELOPEN:
        return "plaatsing_id", "uren horen bij een stage die loopt of liep"
    if regel.datum < plaatsing.startdatum:
        return "datum", f"ligt voor de start van de stage ({plaatsing.startdatum:%d-%m-%Y})"
    if regel.data.get("overgenomen"):
        return None  # the intake's hours so far: a total (domain/intake.UrenTotNu), not a day
    if any(
        r.datum == regel.datum
        for r in s.records_van("uren", plaatsing_id=plaatsing.id)
        if not r.in_deze_stap
    ):
        return "datum", f"voor {regel.datum:%d-%m-%Y} zijn al uren geregistreerd"
    roosters = [
        r for r in s.records_van("rooster", plaatsing_id=plaatsing.id) if r.datum <= regel.datum
    ] or list(s.records_van("rooster", plaatsing_id=plaatsing.id))
    if not roosters or str(regel.data.get("toelichting") or "").strip():
        return None
    rooster = rooster_uit(max(roosters, key=lambda r: r.datum).data.get("dagen") or {})
    werkdag = rooster.get(regel.datum.weekday())
    volgens_rooster = werkdag.uren if werkdag else 0.0
    uren = float(regel.data.get("uren", 0))
    if uren > volgens_rooster + 1e-9:
        dag = WEEKDAGEN[regel.datum.weekday()]
        return "toelichting", (
            f"volgens het rooster is {dag} {uren_tekst(volgens_rooster)}; "
            f"geef een toelichting voor {uren_tekst(uren)}"
        )
    return None


def opleidingsjaar(s: Snapshot, op: date) -> tuple[date, date]:
    """The first and the last day of the Entree opleidingsjaar that `op` lies in.

    The school year (1 August to 31 July); a `verlenging` recorded in a school year stretches
    that year to its examendatum, so the hours made until the new examen still count for it.
    """
    jaar = looptijd(schooljaarnaam(op))
    for verlenging in sorted(s.records_van("verlenging"), key=lambda r: r.datum, reverse=True):
        if verlenging.datum > op:
            continue
        examendatum = verlenging.data.get("examendatum")
        if not isinstance(examendatum, str):
            continue
        begin, einde = looptijd(schooljaarnaam(verlenging.datum))
        einde = max(einde, date.fromisoformat(examendatum))
        if begin <= op <= einde:
            return begin, einde
    return jaar


@dataclass(frozen=True)
class Urenregel:
    datum: date
    uren: float
    goedgekeurd: bool
    bron: str  # "praktijkbegeleider" (the agenda), "papier" (typed by the school), "school"


def urenregels(s: Snapshot, plaatsing_ids: Iterable[int]) -> list[Urenregel]:
    """Every day's hours of these placements, approved or waiting: the one rule of approval
    (issue #18; DOMAIN.md "approved hours where a praktijkbegeleider approves them").

    - A week the praktijkbegeleider filled in through the stage-agenda: their hours per day
      are approved and stand for that week (the school's lines of that week are what they
      confirmed or corrected, so they are not counted a second time).
    - Before a placement's first week in the digital agenda the placement runs on paper: the
      school typed its lines from the presentielijst or stagemap the praktijkbegeleider
      signed, and that signature is the approval. Every hours record from before the agenda
      existed is such a line, so they keep counting without a migration touching them.
    - From the first digital week on, a school-typed line of a week the praktijkbegeleider
      has not filled in yet waits for approval: shown as such, not counted.
    - The intake's hours so far (`overgenomen`) are declared by the school and count.
    """
    regels: list[Urenregel] = []
    for plaatsing_id in plaatsing_ids:
        goedgekeurd: dict[date, Record] = {}
        for r in s.records_van(KIND_VAN_DEEL["praktijkbegeleider"], plaatsing_id=plaatsing_id):
            huidig = goedgekeurd.get(week_van(r))
            if huidig is None or (r.id or 0) > (huidig.id or 0):
                goedgekeurd[week_van(r)] = r
        digitaal = min(goedgekeurd, default=None)
        for r in s.records_van("uren", plaatsing_id=plaatsing_id):
            overgenomen = bool(r.data.get("overgenomen"))
            if maandag(r.datum) in goedgekeurd and not overgenomen:
                continue
            papier = overgenomen or digitaal is None or r.datum < digitaal
            bron = "papier" if papier else "school"
            regels.append(Urenregel(r.datum, float(r.data.get("uren", 0)), papier, bron))
        for r in goedgekeurd.values():
            for dag, uren in r.data.get("uren", {}).items():
                if float(uren) > 0:
                    dag_ = date.fromisoformat(dag)
                    regels.append(Urenregel(dag_, float(uren), True, "praktijkbegeleider"))
    return sorted(regels, key=lambda r: r.datum)


def entree_uren(s: Snapshot, op: date, *, goedgekeurd: bool = True) -> list[tuple[date, float]]:
    """Every approved hours line of every Entree placement in the opleidingsjaar of `op`, up
    to `op` (with `goedgekeurd=False`: those still waiting for approval).

    The one place that decides which hours count towards the 650 (records read through the
    snapshot, so a later rule on superseded records applies here once; approval: `urenregels`).
    """
    begin, _ = opleidingsjaar(s, op)
    entree = [p.id for p in s.plaatsingen if p.soort == "entree" and p.status in GELOPEN]
    return [
        (r.datum, r.uren)
        for r in urenregels(s, entree)
        if r.goedgekeurd == goedgekeurd and begin <= r.datum <= op
    ]


def entree_totaal(s: Snapshot, op: date) -> float:
    return sum(uren for _, uren in entree_uren(s, op))


def niet_goedgekeurd(s: Snapshot, op: date) -> float:
    """The Entree hours of the opleidingsjaar still waiting for the praktijkbegeleider."""
    return sum(uren for _, uren in entree_uren(s, op, goedgekeurd=False))


@lru_cache(maxsize=64)
def schoolweken(kalender: Kalender, van: date, tot: date) -> float:
    """School weeks gone by from `van` to `tot`: the school days before `tot`, / 5."""
    dagen = sum(kalender.is_schooldag(van + timedelta(days=n)) for n in range((tot - van).days))
    return dagen / 5


def entree_stand(s: Snapshot, op: date, kalender: Kalender) -> UrenStand | None:
    """The Entree hours of the opleidingsjaar against the leerling's own policy; None without
    a running Entree placement.

    The line runs from the first school day of the opleidingsjaar and counts school weeks
    (vacations hold the line still); the forecast runs to the end of the school year, or to the
    examendatum of a verlenging.
    """
    plaatsing = s.lopende_plaatsing
    if plaatsing is None or plaatsing.soort != "entree":
        return None
    begin, einde = opleidingsjaar(s, op)
    eerste_schooldag = kalender.schooljaar(begin).start
    verlengd = einde > looptijd(schooljaarnaam(begin))[1]
    # the recent pace counts from the first Entree placement of the year, not from before it
    gestart = min(
        (p.startdatum for p in s.plaatsingen if p.soort == "entree" and p.status in GELOPEN),
        default=plaatsing.startdatum,
    )
    uitkomst = stand(
        entree_uren(s, op),
        start=max(eerste_schooldag, gestart),
        op=op,
        einde_schooljaar=einde if verlengd else kalender.einde(op),
        beleid=s.beleid,
        weken_gelopen=schoolweken(kalender, eerste_schooldag, op),
    )
    return replace(uitkomst, niet_goedgekeurd=round(niet_goedgekeurd(s, op), 2))
