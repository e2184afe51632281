"""The timers of DOMAIN.md as a table, and the pure planning of a leerling's next reminders.

Each row says in which states a timer runs, from which date it counts (its anchor), whether it
repeats, whom it tells (by role) and, for the Entree pace, what must still hold on the day it
fires. `plan()` reads only a snapshot, the school calendar and what already fired, so a test
can walk the table with the pure builder. The store keeps the result as rows (one per
reminder, unique per leerling, kind and due date) and re-plans whenever a transition or a
record changes the snapshot; leaving a state drops the reminders that belong to it.

The fourteenth row of DOMAIN.md's table, "2 years after the leaving date: `nazorg_afsluiten`
fires by itself", is a transition rather than a reminder: `usecases/timers.py` makes it and
the engine tells the stagebegeleider in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from trajectory.domain import bezoeken, stageagenda
from trajectory.domain.bedrijfsregels import ERKENNING_VOORUIT, verloopt_tijdens
from trajectory.domain.overeenkomst_handtekeningen import ontbrekende_partijen
from trajectory.domain.schooljaar import Kalender
from trajectory.domain.snapshot import Plaatsing, Record, Snapshot
from trajectory.domain.uren import entree_stand
from trajectory.machines.definition import (
    BIJ_EEN_BEDRIJF,
    MET_PERIODEN,
    ORIENTATIE,
    STATES,
    VOORBEREIDING,
)

MAX_HERHALINGEN = 1000


@dataclass(frozen=True)
class Stap:
    """The interval of a repeating timer: days, or calendar months (nazorg)."""

    dagen: int = 0
    maanden: int = 0

    def na(self, start: date, keer: int) -> date:
        if self.maanden:
            return plus_maanden(start, self.maanden * keer)
        return start + timedelta(days=self.dagen * keer)


def plus_maanden(d: date, maanden: int) -> date:
    jaar, maand = divmod(d.month - 1 + maanden, 12)
    for dag in (d.day, 30, 29, 28):
        try:
            return date(d.year + jaar, maand + 1, dag)
        except ValueError:
            continue
    raise AssertionError(d)


Anker = Callable[[Snapshot, Kalender, date], date | None]


@dataclass(frozen=True)
class Timer:
    soort: str
    titel: str  # Dutch, for the mail, the inbox and the calendar
    states: tuple[str, ...]
    rollen: tuple[str, ...]  # stagebegeleider | mentor | teamleider
    anker: Anker  # the due date (once) or the start of the series (repeating)
    stap: Callable[[Snapshot], Stap] | None = None
    alleen_als: Callable[[Snapshot, Kalender, date], bool] | None = None  # judged when due
    escalatie: bool = False


@dataclass(frozen=True, order=True)
class Gepland:
    verschuldigd: date
    soort: str
    eigenaar: int | None = None  # an owned reminder (a logbook follow-up): the one it is for


# --- anchors: where each timer counts from ----------------------------------------------


def _lopende(s: Snapshot, soort: str | None = None) -> Plaatsing | None:
    plaatsing = s.lopende_plaatsing
    if plaatsing is None or (soort is not None and plaatsing.soort != soort):
        return None
    return plaatsing


def laatste_bezoek_of_start(s: Snapshot, k: Kalender, op: date) -> date | None:
    """The last visit on the running placement; before the first one, its start."""
    plaatsing = _lopende(s)
    if plaatsing is None:
        return None
    bezoek = s.laatste("bezoek", plaatsing_id=plaatsing.id)
    return max(bezoek.datum, plaatsing.startdatum) if bezoek else plaatsing.startdatum


def bezoek_interval(s: Snapshot) -> Stap:
    """The leerling's visit interval (DOMAIN.md, Timers; Beleid)."""
    return Stap(dagen=bezoeken.bezoek_interval(s.stage_ondersteuning, s.beleid).days)


def bezoekreeks(s: Snapshot, k: Kalender, op: date) -> date | None:
    """Where the visit series counts from: the last visit (or the start), in the leerling's
    interval; when stage-ondersteuning was switched since, the new interval holds from that
    day on, so the next visit is due one interval after the last, but not before the switch
    (a visit the shorter interval would have wanted earlier is due on the day itself, never
    overdue in the past)."""
    vanaf = laatste_bezoek_of_start(s, k, op)
    if vanaf is None or s.ondersteuning_sinds is None:
        return vanaf
    interval = timedelta(days=bezoek_interval(s).dagen)
    return max(vanaf, s.ondersteuning_sinds - interval)


def bezoek_een_week_te_laat(s: Snapshot, k: Kalender, op: date) -> date | None:
    """The first visit due since the last one, overdue by a week (school days or not)."""
    vanaf = bezoekreeks(s, k, op)
    if vanaf is None:
        return None
    return k.eerste_schooldag_vanaf(bezoek_interval(s).na(vanaf, 1)) + timedelta(weeks=1)


def stage_start(s: Snapshot, k: Kalender, op: date) -> date | None:
    plaatsing = _lopende(s)
    return plaatsing.startdatum if plaatsing else None


def _laatste_of_start(s: Snapshot, kind: str, soort: str | None = None) -> date | None:
    """The newest record of `kind` on the running placement; before the first, its start."""
    plaatsing = _lopende(s, soort)
    if plaatsing is None:
        return None
    record = s.laatste(kind, plaatsing_id=plaatsing.id)
    return max(record.datum, plaatsing.startdatum) if record else plaatsing.startdatum


def laatste_reflectiegesprek_of_start(s: Snapshot, k: Kalender, op: date) -> date | None:
    """A reflectiegesprek recorded in the groepsstage moves the next one six weeks on."""
    return _laatste_of_start(s, "reflectiegesprek", "groepsstage")


def laatste_stage_agenda_of_start(s: Snapshot, k: Kalender, op: date) -> date | None:
    """The stage-agenda signed off in class moves the next sign-off a week on."""
    return _laatste_of_start(s, "stage_agenda")


def agenda_onvolledig(s: Snapshot, k: Kalender, op: date) -> bool:
    """The weekly stage-agenda reminder fires only while a part of last week is missing
    (issue #18: "to whoever has not done their part"; domain/stageagenda.ontbrekend)."""
    week = stageagenda.ontbrekend(s, op)
    return week is None or bool(week[1])


def einde_huidige_periode(s: Snapshot, k: Kalender, op: date) -> date | None:
    """The end of the running placement's current periode, while its tussentijdse
    beoordeling is not yet recorded."""
    plaatsing = _lopende(s)
    if plaatsing is None:
        return None
    periode = plaatsing.perioden_afgerond + 1
    if s.laatste_beoordeling("tussentijds", plaatsing_id=plaatsing.id, periode=periode):
        return None
    einden = k.periode_einden_vanaf(plaatsing.startdatum)[plaatsing.perioden_afgerond :]
    return einden[0] if einden else None


def twee_weken_voor_einddatum(s: Snapshot, k: Kalender, op: date) -> date | None:
    """The contract's einddatum (else the placement's), two weeks ahead."""
    plaatsing = _lopende(s)
    if plaatsing is None:
        return None
    contract = s.laatste("stage_overeenkomst", plaatsing_id=plaatsing.id)
    einde = contract.data.get("einddatum") if contract else None
    einddatum = date.fromisoformat(einde) if einde else plaatsing.einddatum
    return einddatum - timedelta(weeks=2) if einddatum else None


def erkenning_verloopt(s: Snapshot, k: Kalender, op: date) -> date | None:
    """Six weeks before the company's SBB erkenning ends, when it ends during the running
    Entree placement (the company's facts come with the placement, so an edit of the
    register re-plans: usecases/bedrijven.py)."""
    p = _lopende(s, "entree")
    if p is None or not verloopt_tijdens(
        p.erkenning_geldig_tot, p.erkenning_sectoren, p.sector, p.startdatum, p.einddatum
    ):
        return None
    assert p.erkenning_geldig_tot is not None
    return p.erkenning_geldig_tot - ERKENNING_VOORUIT


HANDTEKENINGEN_VOORUIT = timedelta(weeks=1)  # DOMAIN.md, Timers


def handtekeningen_ontbreken(s: Snapshot, k: Kalender, op: date) -> date | None:
    """A week before the planned placement starts, while its contract misses a signature
    (issue #18); signing the last one re-plans it away."""
    plaatsing = s.geplande_plaatsing
    if plaatsing is None or not s.laatste("stage_overeenkomst", plaatsing_id=plaatsing.id):
        return None  # no contract yet: the guard says so at stage_starten
    if not ontbrekende_partijen(s, plaatsing):
        return None
    return plaatsing.startdatum - HANDTEKENINGEN_VOORUIT


def _in_leerjaar(leerjaar: str, datum: Anker, zonder: str = "") -> Anker:
    def anker(s: Snapshot, k: Kalender, op: date) -> date | None:
        if s.leerjaar != leerjaar or (zonder and s.laatste(zonder)):
            return None
        return datum(s, k, op)

    return anker


def halverwege(s: Snapshot, k: Kalender, op: date) -> date:
    return k.halverwege(op)


def advies_besluiten(s: Snapshot, k: Kalender, op: date) -> date:
    return k.in_dit_schooljaar(op, s.beleid.advies_besluiten_maand)


def studieadvies(s: Snapshot, k: Kalender, op: date) -> date:
    return k.in_dit_schooljaar(op, s.beleid.studieadvies_vanaf_maand)


def examen(s: Snapshot, k: Kalender, op: date) -> date:
    return k.in_dit_schooljaar(op, s.beleid.examen_vanaf_maand)


def twee_weken_uitgevallen(s: Snapshot, k: Kalender, op: date) -> date | None:
    uitval = s.laatste("uitval")
    return uitval.datum + timedelta(weeks=2) if uitval else None


def laatste_nazorgcontact_of_vertrek(s: Snapshot, k: Kalender, op: date) -> date | None:
    contact = s.laatste("nazorg_contact")
    return contact.datum if contact else s.vertrekdatum


def vervolg_na_nazorgprobleem(s: Snapshot, k: Kalender, op: date) -> date | None:
    """Beleidsplan 5.2: 'hulp voor hen te zoeken wanneer er problemen ontstaan'. The newest
    nazorg contact found the bestemming lost: a follow-up contact, until a newer one is made."""
    contact = s.laatste("nazorg_contact")
    if contact is None or contact.data.get("bestemming_behouden") is not False:
        return None
    return contact.datum + timedelta(weeks=s.beleid.nazorg_vervolg_weken)


def achter_op_de_urenlijn(s: Snapshot, k: Kalender, op: date) -> bool:
    """Beleidsplan 5.2: the weekly pace towards the examen's hours (trajectory/domain/uren.py)."""
    uren = entree_stand(s, op, k)
    return uren is not None and uren.achter


# --- the table ---------------------------------------------------------------------------

BEGELEIDER = ("stagebegeleider",)
BEGELEIDER_EN_MENTOR = ("stagebegeleider", "mentor")

TIMERS: tuple[Timer, ...] = (
    Timer(
        "bezoek",
        "Stagebezoek",
        BIJ_EEN_BEDRIJF,
        BEGELEIDER,
        bezoekreeks,
        bezoek_interval,
    ),
    Timer(
        "bezoek_achterstand",
        "Stagebezoek een week te laat",
        BIJ_EEN_BEDRIJF,
        ("teamleider", "mentor"),
        bezoek_een_week_te_laat,
        escalatie=True,
    ),
    Timer(
        "stagemap",
        "Stage-agenda / stagemap aftekenen",
        BIJ_EEN_BEDRIJF,
        BEGELEIDER,
        laatste_stage_agenda_of_start,
        lambda s: Stap(dagen=7),
        alleen_als=agenda_onvolledig,
    ),
    Timer(
        "tussentijdse_beoordeling",
        "Tussentijdse beoordeling",
        MET_PERIODEN,
        BEGELEIDER,
        einde_huidige_periode,
    ),
    Timer(
        "stage_eindigt",
        "Stage eindigt over twee weken",
        BIJ_EEN_BEDRIJF,
        BEGELEIDER_EN_MENTOR,
        twee_weken_voor_einddatum,
    ),
    Timer(
        "erkenning_verloopt",
        "SBB-erkenning van het leerbedrijf verloopt",
        ("entree",),
        BEGELEIDER,
        erkenning_verloopt,
    ),
    Timer(
        "handtekeningen_ontbreken",
        "Stage-overeenkomst: handtekeningen ontbreken (start over een week)",
        STATES,
        BEGELEIDER,
        handtekeningen_ontbreken,
    ),
    Timer(
        "noa_test",
        "Noa-interessetest plannen",
        VOORBEREIDING,
        BEGELEIDER,
        _in_leerjaar("2", halverwege, zonder="noa_test"),
    ),
    Timer(
        "advies_besluiten",
        "Voorlopig stage-advies besluiten",
        VOORBEREIDING,
        BEGELEIDER_EN_MENTOR,
        _in_leerjaar("2", advies_besluiten),
    ),
    Timer(
        "sectorwissel",
        "Sectorwissel mogelijk (halverwege leerjaar 3)",
        ORIENTATIE,
        BEGELEIDER,
        _in_leerjaar("3", halverwege),
    ),
    Timer(
        "reflectiegesprek",
        "Reflectiegesprek groepsstage: klaar voor individueel?",
        ("groepsstage",),
        BEGELEIDER,
        laatste_reflectiegesprek_of_start,
        lambda s: Stap(dagen=42),
    ),
    Timer(
        "uitval_zonder_vervolg",
        "Twee weken uitgevallen zonder vervolgstap",
        ("uitgevallen",),
        ("mentor", "teamleider"),
        twee_weken_uitgevallen,
        escalatie=True,
    ),
    Timer(
        "urenlijn",
        "Entree: achter op de wekelijkse urenlijn",
        ("entree",),
        BEGELEIDER_EN_MENTOR,
        stage_start,
        lambda s: Stap(dagen=7),
        alleen_als=achter_op_de_urenlijn,
    ),
    Timer(
        "studieadvies_geven",
        "Bindend studieadvies",
        ("entree",),
        BEGELEIDER_EN_MENTOR,
        _in_leerjaar("entree", studieadvies, zonder="studieadvies"),
    ),
    Timer(
        "examen_check",
        "Examen: voldoet de leerling aan de eisen?",
        ("entree",),
        BEGELEIDER,
        _in_leerjaar("entree", examen),
    ),
    Timer(
        "nazorg_contact",
        "Nazorgcontact",
        ("nazorg",),
        BEGELEIDER,
        laatste_nazorgcontact_of_vertrek,
        lambda s: Stap(maanden=4),
    ),
    Timer(
        "nazorg_vervolg",
        "Nazorg: vervolgcontact na een probleem",
        ("nazorg",),
        BEGELEIDER,
        vervolg_na_nazorgprobleem,
    ),
)


def _geen_anker(s: Snapshot, k: Kalender, op: date) -> None:
    return None


# DOMAIN.md's row "a logbook follow-up's due date | follow-up action | its owner": not one date
# per leerling but one per follow-up, each told to the one who recorded it (`eigenaar`), so
# it is planned by `opvolgingen` below rather than by an anchor
OPVOLGING = Timer("opvolging", "Opvolging van een contact", STATES, ("eigenaar",), _geen_anker)
TIMER: dict[str, Timer] = {timer.soort: timer for timer in (*TIMERS, OPVOLGING)}


def opvolgingen(s: Snapshot, op: date | None = None, eigenaar: int | None = None) -> list[Record]:
    """The contacts with an open follow-up (all, those due on `op`, those of `eigenaar`): one
    marked done (`afgerond_op`, a new version of the contact) is no longer open."""
    return [
        r
        for r in s.records_van("contact")
        if r.data.get("opvolgen_op")
        and r.data.get("eigenaar_id")
        and not r.data.get("afgerond_op")
        and (op is None or r.data["opvolgen_op"] == op.isoformat())
        and (eigenaar is None or r.data["eigenaar_id"] == eigenaar)
    ]


def plan(
    s: Snapshot, k: Kalender, op: date, gevuurd: Mapping[str, date] | None = None
) -> list[Gepland]:
    """The reminders that should be pending for this leerling now, each on a school day.

    `gevuurd` gives per repeating kind the last date it fired (or was due), so the series
    continues after it instead of starting over; a date missed while the service was down is
    still planned (it is overdue and fires once).
    """
    gevuurd = gevuurd or {}
    result = []
    for timer in TIMERS:
        if s.state not in timer.states:
            continue
        anker = timer.anker(s, k, op)
        if anker is None:
            continue
        if timer.stap is None:
            result.append(Gepland(k.eerste_schooldag_vanaf(anker), timer.soort))
        else:
            volgende = _volgende(anker, timer.stap(s), k, gevuurd.get(timer.soort))
            result.append(Gepland(volgende, timer.soort))
    # on the day the owner chose, one per day and owner
    result += {
        Gepland(date.fromisoformat(r.data["opvolgen_op"]), OPVOLGING.soort, r.data["eigenaar_id"])
        for r in opvolgingen(s)
    }
    return sorted(result)


def _volgende(anker: date, stap: Stap, k: Kalender, na: date | None) -> date:
    """The first date of the series after `anker` (and after `na`), moved to a school day."""
    for keer in range(1, MAX_HERHALINGEN):
        datum = k.eerste_schooldag_vanaf(stap.na(anker, keer))
        if na is None or datum > na:
            return datum
    raise AssertionError((anker, stap, na))
