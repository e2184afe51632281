"""The machine table as the configuration of a HierarchicalGraphMachine: phases as clusters.

Step one of two (extract, then render): plain data built from trajectory.machines, so the
pictures can never drift from what the engine enforces.
"""

from __future__ import annotations

from typing import Any

from trajectory.machines.definition import PHASES, STATE_LABELS, VERSION, Overgang
from trajectory.machines.versies import definitie

SEPARATOR = "__"  # state names contain "_" (stage_zoeken): nest with a separator they don't

FASE_IDS: dict[str, str] = {
    "Stagevoorbereiding": "fase_voorbereiding",
    "Oriëntatie": "fase_orientatie",
    "Verdieping": "fase_verdieping",
    "Entree": "fase_entree",
    "Uitval": "fase_uitval",
    "Uitstroom": "fase_uitstroom",
    "Nazorg": "fase_nazorg",
}

GUARD_KORT: dict[str, str] = {
    "interne_stage_beoordeeld": "beoordeeld",
    "snuffelstage_beoordeeld": "3 criteria beoordeeld",
    "minstens_14_bij_start": "≥14 jaar",
    "sociale_vaardigheden_voldoende": "soc.vaardigheden",
    "werkhouding_voldoende": "werkhouding",
    "docentenadvies_positief": "docentenadvies",
    "interne_stage_positief": "interne stage +",
    "snuffelstage_positief": "snuffelstage +",
    "mentorbeoordeling_positief": "mentor +",
    "noa_test_twee_sectoren": "Noa 2 sectoren",
    "vragenlijst_besproken": "vragenlijst",
    "reden_groepsstage_geldig": "soc-emo/NT2",
    "groepsstage_plaats_vrij": "plaats vrij",
    "plaatsing_gepland": "stageplaats",
    "stage_overeenkomst_compleet": "contract",
    "groepsstage_overeenkomst_compleet": "contract",
    "rooster_legaal": "arbeidstijden",
    "werkzaamheden_toegestaan": "werk naar leeftijd",
    "binnen_fietsafstand": "fietsafstand",
    "dagbesteding_met_ondersteuning": "dagbesteding: ondersteuning",
    "sector_is_definitieve_sector": "eigen sector",
    "erkend_leerbedrijf": "erkend leerbedrijf",
    "basisvaardigheden_voldoende": "10 basisvaardigheden",
    "overleg_ouders_positief": "overleg ouders +",
    "stagebeoordeling_vastgelegd": "stagebeoordeling",
    "einde_leerjaar_3": "eind lj 3",
    "stage_afgerond_voor_sectorkeuze": "(groeps)stage afgerond",
    "sector_geldig": "sector",
    "periode_open": "periode open",
    "tussentijdse_beoordeling_vastgelegd": "tussentijds",
    "praktijkopdrachten_gedaan": "2 opdrachten",
    "drie_perioden_afgerond": "3 periodes",
    "uitvalreden_vastgelegd": "reden",
    "opvang_op_juiste_dagdelen": "juiste dagdelen",
    "overleg_ondersteuningsteam_vastgelegd": "overleg OT",
    "plan_geevalueerd": "plan geëvalueerd",
    "stagevaardig": "stagevaardig",
    "studieadvies_in_december": "vanaf december",
    "studieadvies_vastgelegd": "advies",
    "uren_650": "≥650 uur",
    "stage_voldoende": "stage voldoende",
    "studieadvies_positief": "advies +",
    "vanaf_mei": "vanaf mei",
    "examenresultaat_vastgelegd": "uitslag",
    "uitstroomprofiel_vastgelegd": "profiel + bestemming",
    "nazorgcontact_vastgelegd": "contact",
    "nazorg_twee_jaar_of_besluit": "2 jaar of besluit",
}
ROUTE_KORT: dict[str, str] = {
    "leerjaar_3": "lj 3",
    "leerjaar_4_of_5": "lj 4/5",
    "leerjaar_entree": "Entree",
    "advies_positief": "positief",
    "advies_negatief": "negatief",
    "geslaagd": "geslaagd",
    "herkansing": "herkansing",
    "vervolg_stage_zoeken": "stage",
    "vervolg_uitstroom": "uitstroom",
}

FASE_VAN: dict[str, str] = {
    state: FASE_IDS[phase] for phase, states in PHASES.items() for state in states
}


def node(state: str) -> str:
    """The nested name of a state inside its phase cluster."""
    return f"{FASE_VAN[state]}{SEPARATOR}{state}"


def states(labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    labels = {**STATE_LABELS, **(labels or {})}
    return [
        {
            "name": FASE_IDS[phase],
            "label": phase,
            "children": [{"name": s, "label": labels[s]} for s in members],
        }
        for phase, members in PHASES.items()
    ]


def edge_label(overgang: Overgang) -> list[str]:
    """The guards of an edge in short form, preceded by its route when it has one."""
    route = [f"als {ROUTE_KORT[overgang.route]}"] if overgang.route else []
    return route + [GUARD_KORT[g] for g in overgang.guards]


def transitions(
    labels: dict[tuple[str, str, str], str] | None = None, versie: str = VERSION
) -> list[dict[str, Any]]:
    """One row per edge of a version; `labels` may replace an edge's label (trigger, source,
    dest)."""
    rows = []
    for t in definitie(versie).transitions:
        row: dict[str, Any] = {
            "trigger": t.trigger,
            "source": node(t.source),
            "dest": node(t.dest),
            "conditions": edge_label(t),
        }
        if labels and (t.trigger, t.source, t.dest) in labels:
            row["label"] = labels[(t.trigger, t.source, t.dest)]
        rows.append(row)
    return rows


def initial(versie: str = VERSION) -> str:
    return node(definitie(versie).initial)
