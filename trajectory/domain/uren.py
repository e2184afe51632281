"""Entree hours: the total so far, the ≥ 21 h/week pace line, and a forecast (beleidsplan 5.2).

Pure functions over (date, hours) pairs, so a coordinator's question "will she make 650?" is
answered the same way in the UI, the weekly timer and the tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from trajectory.domain.snapshot import GELOPEN, STANDAARD_BELEID, Beleid, Record, Snapshot
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


def weken_tussen(van: date, tot: date) -> float:
    return max((tot - van).days, 0) / 7


def stand(
    uren: Iterable[tuple[date, float]],
    *,
    start: date,
    op: date,
    einde_schooljaar: date,
    beleid: Beleid = STANDAARD_BELEID,
) -> UrenStand:
    """Hours registered on or before `op`, measured against the line from `start`.

    The forecast extends the pace of the last four weeks (or since the start, if shorter) to
    the end of the school year. The line and the hours needed are the leerling's `beleid`.
    """
    per_week, nodig = beleid.entree_uren_per_week, beleid.entree_uren_examen
    geteld = [(d, u) for d, u in uren if d <= op]
    totaal = sum(u for _, u in geteld)
    lijn = per_week * weken_tussen(start, op)
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
    )


def _uren_tekst(getal: float) -> str:
    return f"{getal:.2f}".rstrip("0").rstrip(".").replace(".", ",")


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
            f"volgens het rooster is {dag} {_uren_tekst(volgens_rooster)} uur; "
            f"geef een toelichting voor {_uren_tekst(uren)} uur"
        )
    return None


def entree_stand(s: Snapshot, op: date, einde_schooljaar: date) -> UrenStand | None:
    """The hours of the running Entree placement against the leerling's own policy; None
    without one."""
    plaatsing = s.lopende_plaatsing
    if plaatsing is None or plaatsing.soort != "entree":
        return None
    uren = [
        (r.datum, float(r.data.get("uren", 0)))
        for r in s.records_van("uren", plaatsing_id=plaatsing.id)
    ]
    return stand(
        uren, start=plaatsing.startdatum, op=op, einde_schooljaar=einde_schooljaar, beleid=s.beleid
    )
