"""The machine table as the configuration of a HierarchicalGraphMachine: phases as clusters.

Step one of two (extract, then render): plain data built from trajectory.machines, so the
pictures can never drift from what the engine enforces.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from trajectory.machines.definition import (
    PHASES,
    STATE_LABELS,
    TRIGGER_LABELS,
    VERSION,
    Overgang,
)
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
    "interne_stage_beoordeeld": "beoordeling vastgelegd",
    "snuffelstage_beoordeeld": "3 criteria beoordeeld",
    "minstens_14_bij_start": "≥14 jaar",
    "sociale_vaardigheden_voldoende": "sociale vaardigheden",
    "werkhouding_voldoende": "werkhouding",
    "docentenadvies_positief": "docentenadvies",
    "interne_stage_positief": "interne stage positief",
    "snuffelstage_positief": "snuffelstage positief",
    "mentorbeoordeling_positief": "mentor positief",
    "noa_test_twee_sectoren": "Noa-test: 2 sectoren",
    "vragenlijst_besproken": "vragenlijst",
    "reden_groepsstage_geldig": "reden soc-emo of NT2",
    "groepsstage_plaats_vrij": "plaats vrij",
    "plaatsing_gepland": "stageplaats",
    "stage_overeenkomst_compleet": "contract",
    "groepsstage_overeenkomst_compleet": "contract",
    "rooster_legaal": "arbeidstijden",
    "werkzaamheden_toegestaan": "werk naar leeftijd",
    "binnen_fietsafstand": "fietsafstand",
    "dagbesteding_met_ondersteuning": "dagbesteding: ondersteuning",
    "bedrijf_niet_geblokkeerd": "bedrijf niet geblokkeerd",
    "bedrijf_heeft_plaats": "plaats bij bedrijf",
    "sector_is_definitieve_sector": "eigen sector",
    "erkend_leerbedrijf": "SBB-erkend op startdatum",
    "basisvaardigheden_voldoende": "10 basisvaardigheden",
    "overleg_ouders_positief": "overleg ouders positief",
    "stagebeoordeling_vastgelegd": "stagebeoordeling",
    "einde_leerjaar_3": "eind leerjaar 3",
    "stage_afgerond_voor_sectorkeuze": "(groeps)stage afgerond",
    "sector_geldig": "sector",
    "periode_open": "periode open",
    "tussentijdse_beoordeling_vastgelegd": "tussentijdse beoordeling",
    "praktijkopdrachten_gedaan": "2 praktijkopdrachten",
    "drie_perioden_afgerond": "3 periodes",
    "uitvalreden_vastgelegd": "reden vastgelegd",
    "opvang_op_juiste_dagdelen": "juiste dagdelen",
    "overleg_ondersteuningsteam_vastgelegd": "overleg ondersteuningsteam",
    "plan_geevalueerd": "plan geëvalueerd",
    "stagevaardig": "stagevaardig",
    "via_naar_entree": "via Naar Entree",
    "studieadvies_in_december": "vanaf december",
    "studieadvies_vastgelegd": "studieadvies vastgelegd",
    "uren_650": "≥650 uur",
    "stage_voldoende": "stage voldoende",
    "studieadvies_positief": "studieadvies positief",
    "vanaf_mei": "vanaf mei",
    "examenresultaat_vastgelegd": "examenuitslag",
    "uitstroomprofiel_vastgelegd": "profiel + bestemming",
    "nazorgcontact_vastgelegd": "contact vastgelegd",
    "nazorg_twee_jaar_of_besluit": "2 jaar of besluit",
}
ROUTE_KORT: dict[str, str] = {
    "leerjaar_3": "leerjaar 3",
    "leerjaar_4_of_5": "leerjaar 4 of 5",
    "leerjaar_entree": "Entree",
    "advies_positief": "advies positief",
    "advies_negatief": "advies negatief",
    "geslaagd": "geslaagd",
    "herkansing": "herkansing",
    "vervolg_stage_zoeken": "vervolg stage",
    "vervolg_uitstroom": "vervolg uitstroom",
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


def edge_text(overgang: Overgang) -> str:
    """The Dutch label of an edge for the Graphviz and Mermaid forms (not the trigger's name)."""
    return TRIGGER_LABELS[overgang.trigger]


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
            "label": edge_text(t),
        }
        if labels and (t.trigger, t.source, t.dest) in labels:
            row["label"] = labels[(t.trigger, t.source, t.dest)]
        rows.append(row)
    return rows


def initial(versie: str = VERSION) -> str:
    return node(definitie(versie).initial)


@dataclass(frozen=True)
class Pijl:
    """One edge as the pictures show it: the Dutch step, where it goes, its conditions."""

    trigger: str
    label: str
    van: str
    naar: str
    voorwaarden: tuple[str, ...]  # the route first ("als lj 3"), then the guards, short

    @property
    def sleutel(self) -> tuple[str, str, str]:
        return (self.trigger, self.van, self.naar)


@dataclass(frozen=True)
class Traject:
    """A trajectory version as plain data: phases in order with their states, and the edges."""

    versie: str
    fasen: tuple[tuple[str, tuple[str, ...]], ...]
    pijlen: tuple[Pijl, ...]

    def fase_van(self, state: str) -> str:
        return next(fase for fase, states in self.fasen if state in states)

    def vanuit(self, state: str) -> tuple[Pijl, ...]:
        return tuple(p for p in self.pijlen if p.van == state)


@lru_cache(maxsize=8)
def traject(versie: str = VERSION) -> Traject:
    """The machine table of a version, extracted once for the Python-drawn pictures."""
    d = definitie(versie)
    fasen = tuple(
        (fase, tuple(s for s in states if s in d.states)) for fase, states in PHASES.items()
    )
    pijlen = tuple(
        Pijl(t.trigger, TRIGGER_LABELS[t.trigger], t.source, t.dest, tuple(edge_label(t)))
        for t in d.transitions
    )
    return Traject(versie, tuple((f, s) for f, s in fasen if s), pijlen)


def state_label(state: str) -> str:
    return STATE_LABELS[state]
