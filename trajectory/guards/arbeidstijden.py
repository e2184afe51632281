"""Labour law for minors on a beroepsstage, as a table by age band, and the rooster check.

Source: beleidsplan 5.2, table "Arbeids- en rusttijden" (Arbeidstijdenwet, Arbeidstijdenbesluit,
Nadere regeling kinderarbeid) and DOMAIN.md "Labour law for minors". Age is taken on each day
of the placement, so a placement spanning the 16th birthday is judged by the 14/15 rules before
it and the 16/17 rules from that day on. Adults (18+) fall under the general Arbeidstijdenwet.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from trajectory.domain.snapshot import Plaatsing, Record, Snapshot
from trajectory.domain.tijdsduur import datums_tekst, uren_tekst
from trajectory.guards.verdict import guard

WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


@dataclass(frozen=True)
class Leeftijdsband:
    naam: str
    van: int  # age from (inclusive)
    tot: int | None  # age to (exclusive)
    max_per_dag: float
    max_per_week: float
    max_gemiddeld_4_weken: float | None
    niet_voor: time  # no work before
    niet_na: time  # no work after
    dagelijkse_rust: float  # hours between the end of one day and the start of the next
    pauze_vanaf: float  # a pause is required when the working time exceeds this (hours)
    pauze_minuten: int
    pauze_splitsen_in_15: bool
    zondag: str  # "nooit" | "aard_van_het_werk" | "toegestaan"


BANDEN: tuple[Leeftijdsband, ...] = (
    Leeftijdsband(
        "14 en 15 jaar", 14, 16, 7, 35, None, time(7), time(19), 14, 4.5, 30, False, "nooit"
    ),
    Leeftijdsband(
        "16 en 17 jaar",
        16,
        18,
        9,
        45,
        40,
        time(6),
        time(23),
        12,
        4.5,
        30,
        True,
        "aard_van_het_werk",
    ),
    Leeftijdsband(
        "18 jaar en ouder",
        18,
        None,
        12,
        60,
        None,
        time(0),
        time(23, 59),
        11,
        5.5,
        30,
        True,
        "toegestaan",
    ),
)
MINIMUM_LEEFTIJD = BANDEN[0].van  # the law: no beroepsstage below the youngest band


def band_voor(leeftijd: int) -> Leeftijdsband | None:
    """None below MINIMUM_LEEFTIJD: no beroepsstage at all."""
    return next(
        (b for b in BANDEN if leeftijd >= b.van and (b.tot is None or leeftijd < b.tot)), None
    )


@dataclass(frozen=True)
class Werkdag:
    """One weekday of the weekly rooster: start, end and the pauses in minutes."""

    start: time
    eind: time
    pauzes: tuple[int, ...] = ()

    @property
    def minuten(self) -> int:
        """The working time in whole minutes: weeks are summed in these, not in hours, so a
        week of exactly 45 hours is not 45.000000000000007 (floats summed)."""
        bruto = (self.eind.hour * 60 + self.eind.minute) - (
            self.start.hour * 60 + self.start.minute
        )
        return bruto - sum(self.pauzes)

    @property
    def uren(self) -> float:
        return self.minuten / 60


Rooster = Mapping[int, Werkdag]  # weekday (0 = maandag) -> werkdag


@dataclass(frozen=True)
class Overtreding:
    datum: date
    regel: str
    melding: str


def _age(geboren: date, op: date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def _dagen(start: date, eind: date) -> Iterator[date]:
    for n in range((eind - start).days + 1):
        yield start + timedelta(days=n)


def _dag_regels(
    dag: date, werk: Werkdag, band: Leeftijdsband, leeftijd: int, zondag_door_aard: bool
) -> Iterator[Overtreding]:
    naam = WEEKDAGEN[dag.weekday()]
    wie = f"een leerling van {leeftijd}"
    if werk.uren > band.max_per_dag:
        yield Overtreding(
            dag,
            "max_per_dag",
            f"{naam}: {uren_tekst(werk.uren)} gepland, maximaal "
            f"{uren_tekst(band.max_per_dag)} voor {wie}",
        )
    if werk.start < band.niet_voor or werk.eind > band.niet_na:
        yield Overtreding(
            dag,
            "nachtwerk",
            f"{naam}: {werk.start:%H:%M}–{werk.eind:%H:%M} gepland, {wie} mag niet "
            f"werken tussen {band.niet_na:%H:%M} en {band.niet_voor:%H:%M}",
        )
    if werk.uren > band.pauze_vanaf:
        lang_genoeg = any(p >= band.pauze_minuten for p in werk.pauzes)
        gesplitst = (
            band.pauze_splitsen_in_15
            and sum(1 for p in werk.pauzes if p >= 15) >= 2
            and sum(p for p in werk.pauzes if p >= 15) >= band.pauze_minuten
        )
        if not (lang_genoeg or gesplitst):
            regel = f"minstens {band.pauze_minuten} minuten pauze" + (
                " (of 2 × 15 minuten)" if band.pauze_splitsen_in_15 else " aaneengesloten"
            )
            yield Overtreding(
                dag, "pauze", f"{naam}: {uren_tekst(werk.uren)} werk vraagt {regel} voor {wie}"
            )
    if dag.weekday() == 6 and (
        band.zondag == "nooit" or (band.zondag == "aard_van_het_werk" and not zondag_door_aard)
    ):
        uitleg = (
            "nooit"
            if band.zondag == "nooit"
            else "alleen als contract of cao het toestaat en het uit de aard van het werk volgt"
        )
        yield Overtreding(dag, "zondag", f"zondag: zondagswerk is voor {wie} {uitleg}")


def _rust(
    vorige: date, werk_vorige: Werkdag, dag: date, werk: Werkdag, band: Leeftijdsband, leeftijd: int
) -> Overtreding | None:
    einde = werk_vorige.eind.hour * 60 + werk_vorige.eind.minute
    begin = 24 * 60 + werk.start.hour * 60 + werk.start.minute
    rust = (begin - einde) / 60
    if rust < band.dagelijkse_rust:
        return Overtreding(
            dag,
            "dagelijkse_rust",
            f"{WEEKDAGEN[vorige.weekday()]} op {WEEKDAGEN[dag.weekday()]}: "
            f"{uren_tekst(rust)} rust, minimaal {uren_tekst(band.dagelijkse_rust)} "
            f"voor een leerling van {leeftijd}",
        )
    return None


def check_rooster(
    rooster: Rooster, geboren: date, start: date, eind: date, *, zondag_door_aard: bool = False
) -> list[Overtreding]:
    """Every violation of the labour law, day by day over the whole placement.

    Weekly limits are judged by the age on the first working day of each (ISO) week.
    """
    overtredingen: list[Overtreding] = []
    weken: dict[tuple[int, int], list[tuple[date, int, int]]] = {}
    vorige: tuple[date, Werkdag] | None = None
    for dag in _dagen(start, eind):
        werk = rooster.get(dag.weekday())
        if werk is None or werk.uren <= 0:
            vorige = None
            continue
        leeftijd = _age(geboren, dag)
        band = band_voor(leeftijd)
        if band is None:
            overtredingen.append(
                Overtreding(
                    dag,
                    "leeftijd",
                    f"{WEEKDAGEN[dag.weekday()]} {dag:%d-%m-%Y}: de leerling is "
                    f"{leeftijd}; een beroepsstage mag vanaf {MINIMUM_LEEFTIJD} jaar",
                )
            )
            vorige = None
            continue
        overtredingen.extend(_dag_regels(dag, werk, band, leeftijd, zondag_door_aard))
        if vorige is not None and (rust := _rust(*vorige, dag, werk, band, leeftijd)):
            overtredingen.append(rust)
        vorige = (dag, werk)
        weken.setdefault(dag.isocalendar()[:2], []).append((dag, werk.minuten, leeftijd))
    overtredingen.extend(_week_regels(weken))
    return overtredingen


def _week_regels(
    weken: Mapping[tuple[int, int], Sequence[tuple[date, int, int]]],
) -> Iterator[Overtreding]:
    """Per week the minutes summed as whole numbers, divided once."""
    totalen = []
    for dagen in weken.values():
        eerste, _, leeftijd = dagen[0]
        band = band_voor(leeftijd)
        minuten = sum(m for _, m, _ in dagen)
        totaal = minuten / 60
        totalen.append((eerste, minuten, leeftijd, band))
        if band and totaal > band.max_per_week:
            yield Overtreding(
                eerste,
                "max_per_week",
                f"per week: {uren_tekst(totaal)} gepland, maximaal "
                f"{uren_tekst(band.max_per_week)} per week voor een leerling van "
                f"{leeftijd}",
            )
    for i in range(len(totalen) - 3):
        venster = totalen[i : i + 4]
        eerste, _, leeftijd, band = venster[0]
        if band is None or band.max_gemiddeld_4_weken is None:
            continue
        gemiddeld = sum(m for _, m, _, _ in venster) / (4 * 60)
        if gemiddeld > band.max_gemiddeld_4_weken:
            yield Overtreding(
                eerste,
                "gemiddeld_4_weken",
                f"4 weken: gemiddeld {uren_tekst(gemiddeld)} "
                f"per week, maximaal {uren_tekst(band.max_gemiddeld_4_weken)} voor een "
                f"leerling van {leeftijd}",
            )


def samenvatten(overtredingen: Sequence[Overtreding]) -> list[str]:
    """One line per distinct violation (a weekly rooster repeats the same one every week), with
    the days it covers: a violation of the 14/15 rules stops at the 16th birthday, and the
    coordinator sees where."""
    gezien: dict[str, list[date]] = {}
    for o in overtredingen:
        gezien.setdefault(o.melding, []).append(o.datum)
    return [f"{melding} ({datums_tekst(datums)})" for melding, datums in gezien.items()]


def rooster_uit(dagen: Mapping[str, Mapping[str, Any]]) -> dict[int, Werkdag]:
    """A rooster as recorded (weekday name -> start, eind, pauzes) as Werkdagen by weekday."""
    return {
        WEEKDAGEN.index(naam): Werkdag(
            start=time.fromisoformat(str(dag["start"])),
            eind=time.fromisoformat(str(dag["eind"])),
            pauzes=tuple(int(p) for p in dag.get("pauzes") or ()),
        )
        for naam, dag in dagen.items()
    }


# --- the guards -------------------------------------------------------------------------------

GEEN_LICHTE_ARBEID = {  # beleidsplan 5.2: "Géén arbeid van lichte aard is in ieder geval", so
    # not below 16 (permanent persoonlijke beschermingsmiddelen: "voor beroepsstages ... niet meer
    # van toepassing")
    "kassawerk": "kassawerk",
    "tillen_10kg": "tillen van 10 kg of meer",
    "duwen_trekken_20kg": "duwen of trekken met meer dan 20 kg kracht",
    "psa": "werk met psychosociale arbeidsbelasting",
    "gedwongen_houding": "werk waarbij niet in gevarieerde houdingen kan worden gewerkt",
    "gewasbeschermingsmiddelen": (
        "werk in of met een gewas binnen 14 dagen na gewasbeschermingsmiddelen of biociden"
    ),
}
# beleidsplan 5.2: "De toezichthouder, een persoon van 18 jaar of ouder, moet: ... aanwezig is in
# de nabijheid van de werkplek of direct oproepbaar is"
TOEZICHT_ONTBREEKT = {
    "deskundig_toezicht": "deskundig toezicht",
    "toezichthouder": "de naam van de toezichthouder",
    "toezichthouder_18_plus": "een toezichthouder van 18 jaar of ouder",
    "toezichthouder_direct_beschikbaar": (
        "een toezichthouder in de nabijheid van de werkplek of direct oproepbaar"
    ),
}


def toezicht_ontbreekt(plaatsing: Plaatsing) -> list[str]:
    """What the placement lacks for deskundig toezicht by a named, directly available adult."""
    return [uitleg for veld, uitleg in TOEZICHT_ONTBREEKT.items() if not getattr(plaatsing, veld)]


def te_beoordelen(s: Snapshot) -> Plaatsing | None:
    """The placement whose rooster changes in this step, else the one about to start, else
    the running one."""
    nieuw = next((r for r in s.records_van("rooster") if r.in_deze_stap), None)
    if nieuw is not None:
        return next((p for p in s.plaatsingen if p.id == nieuw.plaatsing_id), None)
    return s.geplande_plaatsing or s.lopende_plaatsing


def geldend_rooster(s: Snapshot, plaatsing: Plaatsing) -> Record | None:
    return s.laatste("rooster", plaatsing_id=plaatsing.id)


def _periode(s: Snapshot, plaatsing: Plaatsing, rooster: Record) -> tuple[date, date]:
    start = max(plaatsing.startdatum, rooster.datum)
    contract = s.laatste("stage_overeenkomst", plaatsing_id=plaatsing.id)
    contract_einde = contract.data.get("einddatum") if contract else None
    eind = plaatsing.einddatum or (
        date.fromisoformat(contract_einde) if isinstance(contract_einde, str) else None
    )
    return start, eind or start + timedelta(days=364)


@guard
def rooster_legaal(s: Snapshot, op: date) -> str | None:
    """Every rule of the labour-law table, on each day of the placement at that day's age."""
    plaatsing = te_beoordelen(s)
    if plaatsing is None:
        return None  # plaatsing_gepland reports it
    rooster = geldend_rooster(s, plaatsing)
    if rooster is None:
        return f"Er is nog geen weekrooster voor de stage bij {plaatsing.bedrijf} vastgelegd."
    start, eind = _periode(s, plaatsing, rooster)
    overtredingen = check_rooster(
        rooster_uit(rooster.data.get("dagen") or {}),
        s.geboortedatum,
        start,
        eind,
        zondag_door_aard=plaatsing.zondag_door_aard,
    )
    if overtredingen:
        return (
            "Het rooster past niet bij de arbeidstijdenwet: "
            + "; ".join(samenvatten(overtredingen))
            + "."
        )
    return None


@guard
def werkzaamheden_toegestaan(s: Snapshot, op: date) -> str | None:
    """Risicovol only from 16, under the deskundig toezicht of a named toezichthouder of 18+ who
    is directly available; below 16 only "arbeid van lichte aard" (beleidsplan 5.2)."""
    plaatsing = te_beoordelen(s)
    if plaatsing is None:
        return None
    leeftijd = s.leeftijd_op(plaatsing.startdatum)
    bezwaren = []
    if plaatsing.risicovol and leeftijd < 16:
        bezwaren.append("risicovolle werkzaamheden zijn niet toegestaan onder de 16")
    elif plaatsing.risicovol and leeftijd < 18 and (ontbreekt := toezicht_ontbreekt(plaatsing)):
        bezwaren.append(
            "risicovolle werkzaamheden mogen onder de 18 alleen onder deskundig toezicht van "
            "een toezichthouder van 18 jaar of ouder die direct beschikbaar is; er ontbreekt: "
            + ", ".join(ontbreekt)
        )
    if leeftijd < 16:
        bezwaren += [
            f"{uitleg} is niet toegestaan onder de 16 (geen arbeid van lichte aard)"
            for veld, uitleg in GEEN_LICHTE_ARBEID.items()
            if getattr(plaatsing, veld)
        ]
    if bezwaren:
        wanneer = f" (de leerling wordt 16 op {s.wordt(16):%d-%m-%Y})" if leeftijd < 16 else ""
        return f"Bij {plaatsing.bedrijf}: " + "; ".join(bezwaren) + wanneer + "."
    return None
