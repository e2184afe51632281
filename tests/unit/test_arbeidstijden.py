"""Labour law for minors on a beroepsstage: every cell of the table, at its boundaries.

Beleidsplan 5.2 "Arbeids- en rusttijden" and DOMAIN.md "Labour law for minors". The placement
weeks below start on Monday 2 September 2024; a leerling "van 15" is born on 1 January 2009,
so the age does not change during those weeks unless a test says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trajectory.guards.arbeidstijden import Overtreding, Werkdag, check_rooster, samenvatten

MAANDAG = date(2024, 9, 2)
DINSDAG = date(2024, 9, 3)
ZONDAG = date(2024, 9, 8)
MA, DI, WO, DO, VR, ZA, ZO = range(7)


def werkdag(van: str, tot: str, *pauzes: int) -> Werkdag:
    return Werkdag(time.fromisoformat(van), time.fromisoformat(tot), pauzes)


def geboren(leeftijd: int) -> date:
    """Born on 1 January: the same age all autumn 2024."""
    return date(2024 - leeftijd, 1, 1)


def controleer(
    rooster: dict[int, Werkdag], leeftijd: int, *, weken: int = 1, zondag_door_aard: bool = False
) -> list[Overtreding]:
    eind = MAANDAG + timedelta(weeks=weken, days=-1)
    return check_rooster(
        rooster, geboren(leeftijd), MAANDAG, eind, zondag_door_aard=zondag_door_aard
    )


def op_dinsdag(regel: str, melding: str | None) -> list[Overtreding]:
    return [] if melding is None else [Overtreding(DINSDAG, regel, melding)]


# --- per dag ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leeftijd", "dag", "melding"),
    [
        (15, werkdag("08:00", "15:30", 30), None),
        (15, werkdag("08:00", "15:45", 30), "dinsdag: 7 u 15 gepland, maximaal 7 uur voor een leerling van 15"),  # noqa: E501
        (14, werkdag("08:00", "15:30", 30), None),
        (14, werkdag("08:00", "15:45", 30), "dinsdag: 7 u 15 gepland, maximaal 7 uur voor een leerling van 14"),  # noqa: E501
        (16, werkdag("08:00", "17:30", 30), None),
        (16, werkdag("08:00", "17:45", 30), "dinsdag: 9 u 15 gepland, maximaal 9 uur voor een leerling van 16"),  # noqa: E501
        (17, werkdag("08:00", "17:30", 30), None),
        (17, werkdag("08:00", "17:45", 30), "dinsdag: 9 u 15 gepland, maximaal 9 uur voor een leerling van 17"),  # noqa: E501
        (18, werkdag("07:00", "19:30", 30), None),
        (18, werkdag("07:00", "19:45", 30), "dinsdag: 12 u 15 gepland, maximaal 12 uur voor een leerling van 18"),  # noqa: E501
    ],
)  # fmt: skip
def test_een_werkdag_duurt_hoogstens_7_uur_tot_16_jaar_9_uur_tot_18_jaar_en_12_uur_daarna(
    leeftijd, dag, melding
):
    assert controleer({DI: dag}, leeftijd) == op_dinsdag("max_per_dag", melding)


VOOR_15 = "een leerling van 15 mag niet werken tussen 19:00 en 07:00"
VOOR_14 = "een leerling van 14 mag niet werken tussen 19:00 en 07:00"
VOOR_16 = "een leerling van 16 mag niet werken tussen 23:00 en 06:00"
VOOR_17 = "een leerling van 17 mag niet werken tussen 23:00 en 06:00"


@pytest.mark.parametrize(
    ("leeftijd", "dag", "melding"),
    [
        (15, werkdag("07:00", "14:00", 30), None),
        (15, werkdag("06:45", "13:45", 30), f"dinsdag: 06:45–13:45 gepland, {VOOR_15}"),
        (15, werkdag("12:00", "19:00", 30), None),
        (15, werkdag("12:15", "19:15", 30), f"dinsdag: 12:15–19:15 gepland, {VOOR_15}"),
        (14, werkdag("06:45", "13:45", 30), f"dinsdag: 06:45–13:45 gepland, {VOOR_14}"),
        (14, werkdag("12:15", "19:15", 30), f"dinsdag: 12:15–19:15 gepland, {VOOR_14}"),
        (16, werkdag("06:00", "14:00", 30), None),
        (16, werkdag("05:45", "13:45", 30), f"dinsdag: 05:45–13:45 gepland, {VOOR_16}"),
        (16, werkdag("15:00", "23:00", 30), None),
        (16, werkdag("15:15", "23:15", 30), f"dinsdag: 15:15–23:15 gepland, {VOOR_16}"),
        (17, werkdag("05:45", "13:45", 30), f"dinsdag: 05:45–13:45 gepland, {VOOR_17}"),
        (17, werkdag("15:15", "23:15", 30), f"dinsdag: 15:15–23:15 gepland, {VOOR_17}"),
        (18, werkdag("05:00", "13:00", 30), None),
        (18, werkdag("15:30", "23:30", 30), None),
    ],
)
def test_een_minderjarige_werkt_niet_s_avonds_laat_of_s_ochtends_vroeg(leeftijd, dag, melding):
    assert controleer({DI: dag}, leeftijd) == op_dinsdag("nachtwerk", melding)


AANEENGESLOTEN = "vraagt minstens 30 minuten pauze aaneengesloten voor een leerling van"
GESPLITST = "vraagt minstens 30 minuten pauze (of 2 × 15 minuten) voor een leerling van"


@pytest.mark.parametrize(
    ("leeftijd", "dag", "melding"),
    [
        (15, werkdag("09:00", "13:30"), None),  # precies 4 u 30: nog geen pauze nodig
        (15, werkdag("09:00", "13:45"), f"dinsdag: 4 u 45 werk {AANEENGESLOTEN} 15"),
        (15, werkdag("09:00", "14:15", 30), None),
        (15, werkdag("09:00", "14:15", 15, 15), f"dinsdag: 4 u 45 werk {AANEENGESLOTEN} 15"),
        (15, werkdag("09:00", "14:10", 25), f"dinsdag: 4 u 45 werk {AANEENGESLOTEN} 15"),
        (14, werkdag("09:00", "14:15", 15, 15), f"dinsdag: 4 u 45 werk {AANEENGESLOTEN} 14"),
        (16, werkdag("09:00", "13:30"), None),
        (16, werkdag("09:00", "13:45"), f"dinsdag: 4 u 45 werk {GESPLITST} 16"),
        (16, werkdag("09:00", "14:15", 30), None),
        (16, werkdag("09:00", "14:15", 15, 15), None),
        (17, werkdag("09:00", "14:15", 15, 15), None),
        (16, werkdag("09:00", "14:10", 25), f"dinsdag: 4 u 45 werk {GESPLITST} 16"),
        (17, werkdag("09:00", "14:10", 15, 10), f"dinsdag: 4 u 45 werk {GESPLITST} 17"),
        (18, werkdag("09:00", "14:30"), None),  # volwassenen: pauze pas boven 5 u 30
        (18, werkdag("09:00", "14:45"), f"dinsdag: 5 u 45 werk {GESPLITST} 18"),
        (18, werkdag("09:00", "15:15", 15, 15), None),
    ],
)
def test_boven_4_5_uur_werk_hoort_een_pauze_van_30_minuten_alleen_vanaf_16_mag_2_keer_15(
    leeftijd, dag, melding
):
    assert controleer({DI: dag}, leeftijd) == op_dinsdag("pauze", melding)


ZONDAG_NOOIT = "zondag: zondagswerk is voor een leerling van {} nooit"
ZONDAG_AARD = (
    "zondag: zondagswerk is voor een leerling van {} alleen als contract of cao het toestaat "
    "en het uit de aard van het werk volgt"
)


@pytest.mark.parametrize(
    ("leeftijd", "door_aard", "melding"),
    [
        (14, False, ZONDAG_NOOIT.format(14)),
        (15, False, ZONDAG_NOOIT.format(15)),
        (15, True, ZONDAG_NOOIT.format(15)),  # ook niet als het uit de aard van het werk volgt
        (16, False, ZONDAG_AARD.format(16)),
        (17, False, ZONDAG_AARD.format(17)),
        (16, True, None),
        (17, True, None),
        (18, False, None),
    ],
)
def test_zondag_nooit_tot_16_jaar_en_daarna_alleen_als_het_uit_de_aard_van_het_werk_volgt(
    leeftijd, door_aard, melding
):
    gevonden = controleer({ZO: werkdag("10:00", "14:00")}, leeftijd, zondag_door_aard=door_aard)
    assert gevonden == ([] if melding is None else [Overtreding(ZONDAG, "zondag", melding)])


# --- tussen twee dagen --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leeftijd", "maandag", "dinsdag", "melding"),
    [
        (15, werkdag("12:00", "19:00", 30), werkdag("09:00", "15:00", 30), None),
        (15, werkdag("12:00", "19:00", 30), werkdag("08:45", "15:00", 30), "maandag op dinsdag: 13 u 45 rust, minimaal 14 uur voor een leerling van 15"),  # noqa: E501
        (14, werkdag("12:00", "19:00", 30), werkdag("08:45", "15:00", 30), "maandag op dinsdag: 13 u 45 rust, minimaal 14 uur voor een leerling van 14"),  # noqa: E501
        (16, werkdag("14:30", "23:00", 30), werkdag("11:00", "18:00", 30), None),
        (16, werkdag("14:30", "23:00", 30), werkdag("10:45", "18:00", 30), "maandag op dinsdag: 11 u 45 rust, minimaal 12 uur voor een leerling van 16"),  # noqa: E501
        (17, werkdag("14:30", "23:00", 30), werkdag("10:45", "18:00", 30), "maandag op dinsdag: 11 u 45 rust, minimaal 12 uur voor een leerling van 17"),  # noqa: E501
        (18, werkdag("14:30", "23:00", 30), werkdag("10:00", "18:00", 30), None),
        (18, werkdag("14:30", "23:00", 30), werkdag("09:45", "18:00", 30), "maandag op dinsdag: 10 u 45 rust, minimaal 11 uur voor een leerling van 18"),  # noqa: E501
    ],
)  # fmt: skip
def test_tussen_twee_werkdagen_zit_14_uur_rust_tot_16_jaar_12_uur_tot_18_en_11_uur_daarna(
    leeftijd, maandag, dinsdag, melding
):
    gevonden = controleer({MA: maandag, DI: dinsdag}, leeftijd)
    assert gevonden == op_dinsdag("dagelijkse_rust", melding)


def test_de_dagelijkse_rust_geldt_ook_van_zondag_op_maandag():
    rooster = {ZO: werkdag("14:30", "23:00", 30), MA: werkdag("10:45", "18:00", 30)}
    maandag = ZONDAG + timedelta(days=1)
    gevonden = check_rooster(rooster, geboren(17), ZONDAG, maandag, zondag_door_aard=True)
    assert gevonden == [
        Overtreding(
            maandag,
            "dagelijkse_rust",
            "zondag op maandag: 11 u 45 rust, minimaal 12 uur voor een leerling van 17",
        )
    ]


def test_een_vrije_dag_ertussen_is_genoeg_rust():
    rooster = {MA: werkdag("12:00", "19:00", 30), WO: werkdag("07:00", "13:00", 30)}
    assert controleer(rooster, 15) == []


# --- per week en per 4 weken --------------------------------------------------------------------


def ma_tot_vr(dag: Werkdag, zaterdag: Werkdag | None = None) -> dict[int, Werkdag]:
    rooster = dict.fromkeys((MA, DI, WO, DO, VR), dag)
    return rooster if zaterdag is None else {**rooster, ZA: zaterdag}


KWARTIER = werkdag("09:00", "09:15")


@pytest.mark.parametrize(
    ("leeftijd", "rooster", "melding"),
    [
        (15, ma_tot_vr(werkdag("08:00", "15:30", 30)), None),  # 5 × 7 = 35
        (15, ma_tot_vr(werkdag("08:00", "15:30", 30), KWARTIER), "per week: 35 u 15 gepland, maximaal 35 uur per week voor een leerling van 15"),  # noqa: E501
        (14, ma_tot_vr(werkdag("08:00", "15:30", 30), KWARTIER), "per week: 35 u 15 gepland, maximaal 35 uur per week voor een leerling van 14"),  # noqa: E501
        (16, ma_tot_vr(werkdag("08:00", "17:30", 30)), None),  # 5 × 9 = 45
        (16, ma_tot_vr(werkdag("08:00", "17:30", 30), KWARTIER), "per week: 45 u 15 gepland, maximaal 45 uur per week voor een leerling van 16"),  # noqa: E501
        (17, ma_tot_vr(werkdag("08:00", "17:30", 30), KWARTIER), "per week: 45 u 15 gepland, maximaal 45 uur per week voor een leerling van 17"),  # noqa: E501
        (18, ma_tot_vr(werkdag("07:00", "19:30", 30)), None),  # 5 × 12 = 60
        (18, ma_tot_vr(werkdag("07:00", "19:30", 30), KWARTIER), "per week: 60 u 15 gepland, maximaal 60 uur per week voor een leerling van 18"),  # noqa: E501
    ],
)  # fmt: skip
def test_een_week_telt_hoogstens_35_uur_tot_16_jaar_45_uur_tot_18_en_60_uur_daarna(
    leeftijd, rooster, melding
):
    gevonden = controleer(rooster, leeftijd)
    assert gevonden == ([] if melding is None else [Overtreding(MAANDAG, "max_per_week", melding)])


ACHT_EN_HALF = werkdag("08:00", "17:00", 30)
ACHT = werkdag("08:00", "16:30", 30)
WEEK_VAN_42 = {MA: ACHT_EN_HALF, DI: ACHT_EN_HALF, WO: ACHT_EN_HALF, DO: ACHT_EN_HALF, VR: ACHT}
GEMIDDELD = "gemiddeld {} per week, maximaal 40 uur voor een leerling van {}"


@pytest.mark.parametrize(
    ("leeftijd", "rooster", "weken", "verwacht"),
    [
        (16, ma_tot_vr(ACHT), 4, []),  # 4 × 40 / 4 = 40
        (16, ma_tot_vr(ACHT, KWARTIER), 4, [(MAANDAG, GEMIDDELD.format("40 u 15", 16))]),
        (16, WEEK_VAN_42, 4, [(MAANDAG, GEMIDDELD.format("42 uur", 16))]),
        (17, WEEK_VAN_42, 4, [(MAANDAG, GEMIDDELD.format("42 uur", 17))]),
        (
            16,
            WEEK_VAN_42,
            5,
            [
                (MAANDAG, GEMIDDELD.format("42 uur", 16)),
                (MAANDAG + timedelta(weeks=1), GEMIDDELD.format("42 uur", 16)),
            ],
        ),
        (18, WEEK_VAN_42, 4, []),  # het 4-wekengemiddelde van 40 uur geldt alleen voor 16 en 17
    ],
)
def test_16_en_17_jarigen_werken_gemiddeld_hoogstens_40_uur_per_week_over_4_weken(
    leeftijd, rooster, weken, verwacht
):
    gevonden = controleer(rooster, leeftijd, weken=weken)
    assert gevonden == [
        Overtreding(datum, "gemiddeld_4_weken", f"4 weken: {melding}")
        for datum, melding in verwacht
    ]


# --- leeftijd -----------------------------------------------------------------------------------


def test_onder_de_14_mag_geen_beroepsstage_en_dan_telt_alleen_die_regel():
    rooster = {DI: werkdag("06:00", "20:00"), ZO: werkdag("10:00", "14:00")}
    assert controleer(rooster, 13) == [
        Overtreding(
            DINSDAG,
            "leeftijd",
            "dinsdag 03-09-2024: de leerling is 13; een beroepsstage mag vanaf 14 jaar",
        ),
        Overtreding(
            ZONDAG,
            "leeftijd",
            "zondag 08-09-2024: de leerling is 13; een beroepsstage mag vanaf 14 jaar",
        ),
    ]


def test_een_stage_over_de_14e_verjaardag_mag_vanaf_de_verjaardag_met_de_regels_voor_14():
    # 14 op woensdag 4 september; elke dag 7 u 15
    rooster = ma_tot_vr(werkdag("08:00", "15:45", 30))
    gevonden = check_rooster(rooster, date(2010, 9, 4), MAANDAG, MAANDAG + timedelta(days=4))
    te_jong = "{}: de leerling is 13; een beroepsstage mag vanaf 14 jaar"
    te_lang = "{}: 7 u 15 gepland, maximaal 7 uur voor een leerling van 14"
    assert [(o.datum, o.regel, o.melding) for o in gevonden] == [
        (MAANDAG, "leeftijd", te_jong.format("maandag 02-09-2024")),
        (DINSDAG, "leeftijd", te_jong.format("dinsdag 03-09-2024")),
        (date(2024, 9, 4), "max_per_dag", te_lang.format("woensdag")),
        (date(2024, 9, 5), "max_per_dag", te_lang.format("donderdag")),
        (date(2024, 9, 6), "max_per_dag", te_lang.format("vrijdag")),
    ]


@pytest.mark.parametrize(
    ("geboren_op", "dag", "regel", "melding"),
    [
        (date(2008, 9, 4), werkdag("08:00", "16:00", 30), "max_per_dag", "dinsdag: 7 u 30 gepland, maximaal 7 uur voor een leerling van 15"),  # noqa: E501
        (date(2008, 9, 4), werkdag("12:00", "19:30", 30), "nachtwerk", "dinsdag: 12:00–19:30 gepland, een leerling van 15 mag niet werken tussen 19:00 en 07:00"),  # noqa: E501
        (date(2006, 9, 4), werkdag("07:30", "18:00", 30), "max_per_dag", "dinsdag: 10 uur gepland, maximaal 9 uur voor een leerling van 17"),  # noqa: E501
    ],
)  # fmt: skip
def test_de_dag_voor_de_verjaardag_gelden_de_oude_grenzen_en_op_de_verjaardag_de_nieuwe(
    geboren_op, dag, regel, melding
):
    # jarig op woensdag 4 september: dinsdag is een overtreding, woensdag niet
    gevonden = check_rooster({DI: dag, WO: dag}, geboren_op, DINSDAG, date(2024, 9, 4))
    assert gevonden == [Overtreding(DINSDAG, regel, melding)]


# --- samenvatten --------------------------------------------------------------------------------


def test_samenvatten_noemt_een_wekelijks_herhaalde_overtreding_een_keer_met_de_dagen_ervan():
    gevonden = controleer({DI: werkdag("08:00", "15:45", 30)}, 15, weken=3)
    assert [o.datum for o in gevonden] == [DINSDAG + timedelta(weeks=n) for n in range(3)]
    assert samenvatten(gevonden) == [
        "dinsdag: 7 u 15 gepland, maximaal 7 uur voor een leerling van 15 "
        "(03-09-2024 t/m 17-09-2024)"
    ]


def test_een_overtreding_van_een_dag_noemt_die_dag():
    gevonden = controleer({DI: werkdag("08:00", "15:45", 30)}, 15, weken=1)
    assert samenvatten(gevonden) == [
        "dinsdag: 7 u 15 gepland, maximaal 7 uur voor een leerling van 15 (op 03-09-2024)"
    ]


def test_de_overtredingen_van_een_15_jarige_stoppen_zichtbaar_op_de_16e_verjaardag():
    """Issue 15, Messages: the coordinator sees the days each violation covers."""
    # 8 hours every Tuesday; born 17-09-2008: 15 until Tuesday 16-09-2024, 16 from 17-09-2024
    gevonden = check_rooster(
        {DI: werkdag("08:00", "16:30", 30)},
        date(2008, 9, 17),
        DINSDAG,
        DINSDAG + timedelta(weeks=4),
    )
    assert samenvatten(gevonden) == [
        "dinsdag: 8 uur gepland, maximaal 7 uur voor een leerling van 15 "
        "(03-09-2024 t/m 10-09-2024)"
    ]


def test_samenvatten_houdt_verschillende_overtredingen_apart_in_volgorde_van_eerste_keer():
    rooster = {DI: werkdag("08:00", "15:45", 30), ZO: werkdag("10:00", "14:00")}
    assert samenvatten(controleer(rooster, 15, weken=2)) == [
        "dinsdag: 7 u 15 gepland, maximaal 7 uur voor een leerling van 15 "
        "(03-09-2024 t/m 10-09-2024)",
        "zondag: zondagswerk is voor een leerling van 15 nooit (08-09-2024 t/m 15-09-2024)",
    ]


def test_samenvatten_van_niets_is_niets():
    assert samenvatten([]) == []


# --- eigenschappen: een eigen, rechtstreekse lezing van de tabel ---------------------------------


@dataclass(frozen=True)
class Grenzen:
    """One column of DOMAIN.md's table, in minutes (18+: the Arbeidstijdenwet)."""

    dag: int
    week: int
    gemiddeld_4_weken: int | None
    vroegst: int
    laatst: int
    rust: int
    pauze_boven: int
    pauze_in_kwartieren: bool
    zondag: str  # "nooit" | "aard" | "ja"


def grenzen(leeftijd: int) -> Grenzen | None:
    if leeftijd < 14:
        return None
    if leeftijd < 16:
        return Grenzen(7 * 60, 35 * 60, None, 7 * 60, 19 * 60, 14 * 60, 270, False, "nooit")
    if leeftijd < 18:
        return Grenzen(9 * 60, 45 * 60, 40 * 60, 6 * 60, 23 * 60, 12 * 60, 270, True, "aard")
    return Grenzen(12 * 60, 60 * 60, None, 0, 24 * 60, 11 * 60, 330, True, "ja")


def leeftijd_op(geboren_op: date, dag: date) -> int:
    jaren = dag.year - geboren_op.year
    try:
        verjaardag = geboren_op.replace(year=dag.year)
    except ValueError:  # 29 februari in a non-leap year: the birthday is on 1 March
        verjaardag = date(dag.year, 3, 1)
    return jaren if dag >= verjaardag else jaren - 1


def minuut(t: time) -> int:
    return t.hour * 60 + t.minute


def netto(w: Werkdag) -> int:
    return minuut(w.eind) - minuut(w.start) - sum(w.pauzes)


def orakel(rooster, geboren_op, start, eind, door_aard) -> set[tuple[object, str]]:
    """Every (date or ISO week, rule) the table forbids, read straight from the table."""
    fout: set[tuple[object, str]] = set()
    dagen = [start + timedelta(days=n) for n in range((eind - start).days + 1)]
    gewerkt = {d: rooster[d.weekday()] for d in dagen if d.weekday() in rooster}
    per_week: dict[tuple[int, int], list[date]] = {}
    for d, w in gewerkt.items():
        g = grenzen(leeftijd_op(geboren_op, d))
        if g is None:
            fout.add((d, "leeftijd"))
            continue
        per_week.setdefault(d.isocalendar()[:2], []).append(d)
        if netto(w) > g.dag:
            fout.add((d, "max_per_dag"))
        if minuut(w.start) < g.vroegst or minuut(w.eind) > g.laatst:
            fout.add((d, "nachtwerk"))
        if netto(w) > g.pauze_boven:
            genoeg = (
                sum(p for p in w.pauzes if p >= 15) >= 30
                if g.pauze_in_kwartieren
                else max(w.pauzes, default=0) >= 30
            )
            if not genoeg:
                fout.add((d, "pauze"))
        if d.weekday() == ZO and (g.zondag == "nooit" or (g.zondag == "aard" and not door_aard)):
            fout.add((d, "zondag"))
        gisteren = d - timedelta(days=1)
        if gisteren in gewerkt and grenzen(leeftijd_op(geboren_op, gisteren)) is not None:
            rust = 24 * 60 + minuut(w.start) - minuut(gewerkt[gisteren].eind)
            if rust < g.rust:
                fout.add((d, "dagelijkse_rust"))
    for week, werkdagen in per_week.items():
        totaal = sum(netto(gewerkt[d]) for d in werkdagen)
        if any(totaal > grenzen(leeftijd_op(geboren_op, d)).week for d in werkdagen):
            fout.add((week, "max_per_week"))
    weken = sorted(per_week)
    for i in range(len(weken) - 3):
        venster = [d for week in weken[i : i + 4] for d in per_week[week]]
        banden = {grenzen(leeftijd_op(geboren_op, d)) for d in venster}
        opeenvolgend = maandag_van(weken[i + 3]) - maandag_van(weken[i]) == timedelta(weeks=3)
        if len(banden) == 1 and (g := banden.pop()).gemiddeld_4_weken and opeenvolgend:
            if sum(netto(gewerkt[d]) for d in venster) > 4 * g.gemiddeld_4_weken:
                fout.add((weken[i], "gemiddeld_4_weken"))
    return fout


def maandag_van(week: tuple[int, int]) -> date:
    return date.fromisocalendar(*week, 1)


def als_tijd(kwartier: int) -> time:
    return time(*divmod(kwartier * 15, 60))


@st.composite
def werkdagen(draw) -> Werkdag:
    """Mostly ordinary days (so that clean roosters occur), sometimes anything on the grid."""
    if draw(st.booleans()):
        begin = draw(st.integers(6 * 4, 12 * 4))
        einde = begin + draw(st.integers(2 * 4, 10 * 4))
    else:
        begin = draw(st.integers(0, 94))
        einde = draw(st.integers(begin + 1, 95))
    pauzes, ruimte = [], (einde - begin) * 15
    for p in draw(st.lists(st.sampled_from([10, 15, 20, 25, 30, 45]), max_size=3)):
        if p < ruimte:
            pauzes.append(p)
            ruimte -= p
    return Werkdag(als_tijd(begin), als_tijd(einde), tuple(pauzes))


roosters = st.dictionaries(st.integers(0, 6), werkdagen(), max_size=7)


@st.composite
def stages(draw, min_dagen: int = 1):
    start = draw(st.dates(date(2024, 8, 1), date(2025, 7, 31)))
    eind = start + timedelta(days=draw(st.integers(min_dagen - 1, 62)))
    geboren_op = draw(st.dates(date(2005, 1, 1), date(2011, 12, 31)))
    return geboren_op, start, eind


WEEKREGELS = {"max_per_week", "gemiddeld_4_weken"}


def per_dag_of_week(overtredingen: list[Overtreding]) -> set[tuple[object, str]]:
    """Week rules by ISO week (the oracle's key), day rules by date."""
    return {
        (o.datum.isocalendar()[:2] if o.regel in WEEKREGELS else o.datum, o.regel)
        for o in overtredingen
    }


@settings(max_examples=200, deadline=None)
@given(rooster=roosters, stage=stages(), door_aard=st.booleans())
def test_zonder_overtredingen_klopt_elke_dag_met_de_tabel(rooster, stage, door_aard):
    geboren_op, start, eind = stage
    gevonden = check_rooster(rooster, geboren_op, start, eind, zondag_door_aard=door_aard)
    if not gevonden:
        assert orakel(rooster, geboren_op, start, eind, door_aard) == set()


@settings(max_examples=200, deadline=None)
@given(rooster=roosters, stage=stages(), door_aard=st.booleans())
def test_elke_dagregel_en_weekgrens_valt_op_dezelfde_dagen_als_in_de_tabel(
    rooster, stage, door_aard
):
    geboren_op, start, eind = stage
    gevonden = check_rooster(rooster, geboren_op, start, eind, zondag_door_aard=door_aard)
    verwacht = orakel(rooster, geboren_op, start, eind, door_aard)

    def zonder_gemiddelde(overtredingen):  # its window at a placement's edges is a choice
        return {(d, r) for d, r in overtredingen if r != "gemiddeld_4_weken"}

    assert zonder_gemiddelde(per_dag_of_week(gevonden)) == zonder_gemiddelde(verwacht)


NAMEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def uren_tekst(minuten: int) -> str:
    """'7 u 15', '7 uur': written out here again, independently of the code under test."""
    uren, rest = divmod(minuten, 60)
    return f"{uren} u {rest:02d}" if rest else f"{uren} uur"


@settings(max_examples=200, deadline=None)
@given(
    rooster=roosters,
    stage=stages(min_dagen=7),
    weekdag=st.integers(0, 6),
    teveel=st.integers(1, 8),
    begin=st.integers(0, 20),
)
def test_een_dag_boven_het_maximum_geeft_altijd_een_overtreding_max_per_dag(
    rooster, stage, weekdag, teveel, begin
):
    geboren_op, start, eind = stage
    oudste = leeftijd_op(geboren_op, eind)
    ruimste = grenzen(max(oudste, 14))
    netto_minuten = ruimste.dag + 15 * teveel  # over the limit of the oldest age, so of every age
    kwartieren = (netto_minuten + 30) // 15
    lang = Werkdag(als_tijd(begin), als_tijd(begin + kwartieren), (30,))
    gevonden = check_rooster({**rooster, weekdag: lang}, geboren_op, start, eind)
    for dag in (start + timedelta(days=n) for n in range((eind - start).days + 1)):
        leeftijd = leeftijd_op(geboren_op, dag)
        if dag.weekday() != weekdag or leeftijd < 14:
            continue
        melding = (
            f"{NAMEN[weekdag]}: {uren_tekst(netto_minuten)} gepland, maximaal "
            f"{uren_tekst(grenzen(leeftijd).dag)} voor een leerling van {leeftijd}"
        )
        assert Overtreding(dag, "max_per_dag", melding) in gevonden


def test_samenvatten_noemt_een_te_volle_week_een_keer_voor_de_hele_stage():
    gevonden = controleer(ma_tot_vr(werkdag("08:00", "15:30", 30), KWARTIER), 15, weken=10)

    assert [r for r in samenvatten(gevonden) if r.startswith("per week")] == [
        "per week: 35 u 15 gepland, maximaal 35 uur per week voor een leerling van 15 "
        "(02-09-2024 t/m 04-11-2024)"
    ]


def test_een_week_van_precies_45_uur_in_losse_minuten_is_niet_te_veel_voor_een_17_jarige():
    """Found by the property above: seven days whose hours (5 min, 15 h 50, 4 u 15, …) add up
    to exactly 45 h were summed as floats to 45.000000000000007 and refused; the week is
    summed in whole minutes now."""
    rooster = {
        0: Werkdag(time(0), time(0, 15), (10,)),
        1: Werkdag(time(0), time(17, 45), (25, 45, 45)),
        2: Werkdag(time(0), time(4, 15)),
        3: Werkdag(time(6), time(14), (30,)),
        4: Werkdag(time(6), time(14, 45), (30, 45)),
        5: Werkdag(time(0), time(0, 15), (10,)),
        6: Werkdag(time(6), time(16), (15,)),
    }
    assert sum(w.minuten for w in rooster.values()) == 45 * 60
    gevonden = check_rooster(rooster, date(2007, 1, 1), date(2024, 8, 5), date(2024, 8, 11))
    assert "max_per_week" not in {o.regel for o in gevonden}
    rooster[0] = Werkdag(time(0), time(0, 16), (10,))  # one minute more: 45 u 01
    gevonden = check_rooster(rooster, date(2007, 1, 1), date(2024, 8, 5), date(2024, 8, 11))
    assert "max_per_week" in {o.regel for o in gevonden}
