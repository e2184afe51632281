"""The stage trajectory as data: phases, states and transitions (DOMAIN.md).

Each transition row names the guards that must all pass and, where one trigger
leads to different states, the route that picks the destination (e.g. the
leerjaar for `stage_starten`). Routes and guards are looked up by name in
`trajectory.guards`.
"""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "2024-2025"

PHASES: dict[str, tuple[str, ...]] = {
    "Stagevoorbereiding": ("interne_stage", "snuffelstage", "stage_advies"),
    "Oriëntatie": ("groepsstage", "stage_zoeken", "individuele_stage"),
    "Verdieping": ("verdieping",),
    "Entree": ("entree", "praktijkexamen"),
    "Uitval": ("uitgevallen", "alternatief_programma"),
    "Uitstroom": ("uitstroom",),
    "Nazorg": ("nazorg", "afgesloten"),
}
STATES: tuple[str, ...] = tuple(state for states in PHASES.values() for state in states)
INITIAL = "interne_stage"
FINAL = ("afgesloten",)


def _groep(*states: str) -> tuple[str, ...]:
    """Some states of PHASES, in the machine's order (a name that is not a state fails here)."""
    onbekend = set(states) - set(STATES)
    if onbekend:
        raise ValueError(f"geen toestanden: {sorted(onbekend)}")
    return tuple(state for state in STATES if state in states)


# The groups of states the rules speak of, named once (the timers, the forms, the dashboard).
VOORBEREIDING = PHASES["Stagevoorbereiding"]
ORIENTATIE = PHASES["Oriëntatie"]
# on a placement: a leerling can drop out (`uitvallen`) from each of these
OP_STAGE = _groep("groepsstage", "individuele_stage", "verdieping", "entree")
# where an overleg is recorded: with the parents (groepsstage), the ondersteuningsteam (uitval)
MET_OVERLEG = _groep("groepsstage", "uitgevallen")
# looking for a placement, where a kennismakingsgesprek takes place: the matching, or after an
# uitval (beleidsplan 2.2, 3.4)
MET_KENNISMAKING = _groep("stage_zoeken", "uitgevallen")
# on a placement at a company, which the school visits (a groepsstage is supervised by the
# school itself); also the `soort` of such a placement
BIJ_EEN_BEDRIJF = tuple(state for state in OP_STAGE if state != "groepsstage")

STATE_LABELS: dict[str, str] = {
    "interne_stage": "Interne stage",
    "snuffelstage": "Snuffelstage",
    "stage_advies": "Voorlopig stage-advies",
    "groepsstage": "Groepsstage",
    "stage_zoeken": "Stage zoeken",
    "individuele_stage": "Individuele stage",
    "verdieping": "Verdieping",
    "entree": "Entree",
    "praktijkexamen": "Praktijkexamen",
    "uitgevallen": "Uitgevallen",
    "alternatief_programma": "Alternatief programma",
    "uitstroom": "Uitstroom",
    "nazorg": "Nazorg",
    "afgesloten": "Afgesloten",
}

TRIGGER_LABELS: dict[str, str] = {
    "interne_stage_afronden": "Interne stage afronden",
    "snuffelstage_afronden": "Snuffelstage afronden",
    "advies_zelfstandig": "Advies: zelfstandig stagelopen",
    "advies_groepsstage": "Advies: groepsstage",
    "stage_starten": "Stage starten",
    "naar_individueel": "Door naar individuele stage",
    "stage_afronden": "Stage afronden",
    "sector_kiezen": "Sector kiezen",
    "periode_afronden": "Periode afronden",
    "verdieping_afronden": "Verdieping afronden",
    "uitvallen": "Uitval melden",
    "opvang_groepsstage": "Opvang in groepsstage",
    "nieuwe_stage_zoeken": "Nieuwe stage zoeken",
    "alternatief_starten": "Alternatief programma starten",
    "alternatief_afronden": "Alternatief programma afronden",
    "vijfde_leerjaar": "Vijfde leerjaar",
    "entree_starten": "Naar Entree",
    "studieadvies": "Bindend studieadvies",
    "examen_aanmelden": "Aanmelden praktijkexamen",
    "examen_afronden": "Praktijkexamen afronden",
    "uitstromen": "Uitstromen",
    "nazorg_contact": "Nazorgcontact",
    "nazorg_afsluiten": "Nazorg afsluiten",
}


@dataclass(frozen=True)
class Overgang:
    """One source → dest edge of a trigger."""

    trigger: str
    source: str
    dest: str
    guards: tuple[str, ...] = ()
    route: str | None = None


_STAGE_STARTEN = (
    "plaatsing_gepland",
    "stage_overeenkomst_compleet",
    "rooster_legaal",
    "werkzaamheden_toegestaan",
    "binnen_fietsafstand",
    "dagbesteding_met_ondersteuning",
    "bedrijf_niet_geblokkeerd",
    "bedrijf_heeft_plaats",
)
# a groepsstage takes place at external locations: the age of a stage, and its contract
_GROEPSSTAGE_BEGINNEN = ("minstens_14_bij_start", "groepsstage_overeenkomst_compleet")
_ZELFSTANDIG = (
    "minstens_14_bij_start",
    "sociale_vaardigheden_voldoende",
    "werkhouding_voldoende",
    "docentenadvies_positief",
    "interne_stage_positief",
    "snuffelstage_positief",
    "mentorbeoordeling_positief",
    "noa_test_twee_sectoren",
    "vragenlijst_besproken",
)

TRANSITIONS: tuple[Overgang, ...] = (
    Overgang(
        "interne_stage_afronden", "interne_stage", "snuffelstage", ("interne_stage_beoordeeld",)
    ),
    Overgang("snuffelstage_afronden", "snuffelstage", "stage_advies", ("snuffelstage_beoordeeld",)),
    Overgang("advies_zelfstandig", "stage_advies", "stage_zoeken", _ZELFSTANDIG),
    Overgang(
        "advies_groepsstage",
        "stage_advies",
        "groepsstage",
        ("reden_groepsstage_geldig", "groepsstage_plaats_vrij", *_GROEPSSTAGE_BEGINNEN),
    ),
    Overgang(
        "stage_starten", "stage_zoeken", "individuele_stage", _STAGE_STARTEN, route="leerjaar_3"
    ),
    Overgang(
        "stage_starten",
        "stage_zoeken",
        "verdieping",
        (*_STAGE_STARTEN, "sector_is_definitieve_sector"),
        route="leerjaar_4_of_5",
    ),
    Overgang(
        "stage_starten",
        "stage_zoeken",
        "entree",
        (*_STAGE_STARTEN, "erkend_leerbedrijf", "via_naar_entree"),
        route="leerjaar_entree",
    ),
    Overgang(
        "naar_individueel",
        "groepsstage",
        "stage_zoeken",
        ("basisvaardigheden_voldoende", "overleg_ouders_positief"),
    ),
    Overgang(
        "stage_afronden", "individuele_stage", "stage_zoeken", ("stagebeoordeling_vastgelegd",)
    ),
    Overgang(
        "sector_kiezen",
        "stage_zoeken",
        "stage_zoeken",
        ("einde_leerjaar_3", "stage_afgerond_voor_sectorkeuze", "sector_geldig"),
    ),
    Overgang(
        "periode_afronden",
        "verdieping",
        "verdieping",
        ("periode_open", "tussentijdse_beoordeling_vastgelegd", "praktijkopdrachten_gedaan"),
    ),
    Overgang(
        "periode_afronden",
        "entree",
        "entree",
        ("periode_open", "tussentijdse_beoordeling_vastgelegd"),
    ),
    Overgang(
        "verdieping_afronden",
        "verdieping",
        "uitstroom",
        ("drie_perioden_afgerond", "stagebeoordeling_vastgelegd"),
    ),
    *(
        Overgang("uitvallen", source, "uitgevallen", ("uitvalreden_vastgelegd",))
        for source in OP_STAGE
    ),
    Overgang(
        "opvang_groepsstage",
        "uitgevallen",
        "groepsstage",
        ("opvang_op_juiste_dagdelen", "groepsstage_plaats_vrij", *_GROEPSSTAGE_BEGINNEN),
    ),
    Overgang("nieuwe_stage_zoeken", "uitgevallen", "stage_zoeken"),
    Overgang(
        "alternatief_starten",
        "uitgevallen",
        "alternatief_programma",
        ("overleg_ondersteuningsteam_vastgelegd",),
    ),
    Overgang(
        "alternatief_afronden",
        "alternatief_programma",
        "stage_zoeken",
        ("plan_geevalueerd",),
        route="vervolg_stage_zoeken",
    ),
    Overgang(
        "alternatief_afronden",
        "alternatief_programma",
        "uitstroom",
        ("plan_geevalueerd",),
        route="vervolg_uitstroom",
    ),
    Overgang("vijfde_leerjaar", "uitstroom", "stage_zoeken"),
    Overgang("entree_starten", "uitstroom", "stage_zoeken", ("stagevaardig",)),
    Overgang(
        "studieadvies",
        "entree",
        "entree",
        ("studieadvies_in_december", "studieadvies_vastgelegd"),
        route="advies_positief",
    ),
    Overgang(
        "studieadvies",
        "entree",
        "uitstroom",
        ("studieadvies_in_december", "studieadvies_vastgelegd"),
        route="advies_negatief",
    ),
    Overgang(
        "examen_aanmelden",
        "entree",
        "praktijkexamen",
        ("uren_650", "stage_voldoende", "studieadvies_positief", "vanaf_mei"),
    ),
    Overgang(
        "examen_afronden",
        "praktijkexamen",
        "uitstroom",
        ("examenresultaat_vastgelegd",),
        route="geslaagd",
    ),
    Overgang(
        "examen_afronden",
        "praktijkexamen",
        "entree",
        ("examenresultaat_vastgelegd",),
        route="herkansing",
    ),
    Overgang("uitstromen", "uitstroom", "nazorg", ("uitstroomprofiel_vastgelegd",)),
    Overgang("nazorg_contact", "nazorg", "nazorg", ("nazorgcontact_vastgelegd",)),
    Overgang("nazorg_afsluiten", "nazorg", "afgesloten", ("nazorg_twee_jaar_of_besluit",)),
)

TRIGGERS: tuple[str, ...] = tuple(dict.fromkeys(t.trigger for t in TRANSITIONS))

# Groups the table itself defines, read from it rather than written again.
# where a periode ends with a tussentijdse beoordeling
MET_PERIODEN = tuple(
    dict.fromkeys(t.source for t in TRANSITIONS if t.trigger == "periode_afronden")
)
# from where a leerling can go to a groepsstage (and so wait for a place)
NAAR_GROEPSSTAGE = tuple(dict.fromkeys(t.source for t in TRANSITIONS if t.dest == "groepsstage"))
# where the evaluated plan of an alternatief programma leads
VERVOLG_NA_ALTERNATIEF = tuple(t.dest for t in TRANSITIONS if t.trigger == "alternatief_afronden")


def phase_of(state: str) -> str:
    return next(phase for phase, states in PHASES.items() if state in states)


_VANUIT: dict[str, tuple[Overgang, ...]] = {
    state: tuple(t for t in TRANSITIONS if t.source == state) for state in STATES
}


def transitions_from(state: str) -> tuple[Overgang, ...]:
    """The edges leaving `state`, in table order (looked up, not scanned: every request)."""
    return _VANUIT.get(state, ())
