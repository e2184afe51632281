"""A form's fields read from the same pydantic model the JSON API takes, and back.

The web forms are flat (`dagen.maandag.start`), the models nested; field names are the dotted
path of the model's field, so a pydantic error's `loc` names the form field it belongs to.
No rule is decided here: the model (through `recording` or `engine`) judges the values.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from trajectory.domain.records import CONTACT_HOE, CONTACT_MET, UITVAL_CODES
from trajectory.domain.snapshot import SECTOREN
from trajectory.domain.uitstroommonitor import CATEGORIEEN
from trajectory.guards.overeenkomst import CONTRACTSOORTEN
from trajectory.guards.voorbereiding import SNUFFELSTAGE_CRITERIA

LABELS = {
    "datum": "Datum (leeg: vandaag)",
    "soort": "Soort",
    "uitslag": "Uitslag",
    "criteria": "Criteria (snuffelstage)",
    "periode": "Periode",
    "toelichting": "Toelichting",
    "dagen": "Weekrooster",
    "rooster": "Weekrooster (als het al bekend is)",
    "start": "Begintijd",
    "eind": "Eindtijd",
    "pauzes": "Pauzes in minuten (bijv. 30 of 15, 15)",
    "motivatie": "Motivatie (alleen teamleider: toch vastleggen)",
    "uren": "Uren",
    "notitie": "Notitie",
    "bedrijf": "Bedrijf",
    "startdatum": "Startdatum",
    "einddatum": "Einddatum",
    "aanvangsdatum": "Aanvangsdatum",
    "dagdelen": "Dagdelen",
    "afstand_km": "Fietsafstand (km)",
    "erkend_leerbedrijf": "Erkend leerbedrijf",
    "risicovol": "Risicovolle werkzaamheden (bijzondere eisen)",
    "tillen_10kg": "Tillen van 10 kg of meer",
    "duwen_trekken_20kg": "Duwen of trekken met meer dan 20 kg kracht",
    "psa": "Psychosociale arbeidsbelasting niet te voorkomen",
    "zondag_door_aard": "Zondagswerk staat in contract of cao en volgt uit het werk",
    "gedwongen_houding": "Werk waarbij niet in gevarieerde houdingen kan worden gewerkt",
    "gewasbeschermingsmiddelen": (
        "Werk in of met een gewas binnen 14 dagen na gewasbeschermingsmiddelen of biociden"
    ),
    "toezichthouder": "Toezichthouder (naam)",
    "toezichthouder_18_plus": "De toezichthouder is 18 jaar of ouder",
    "toezichthouder_direct_beschikbaar": (
        "De toezichthouder is in de nabijheid van de werkplek of direct oproepbaar"
    ),
    "dagbesteding": "Dagbestedingsstage (bij een dagbestedingsinstantie, met stage-ondersteuning)",
    "met_wie": "Met wie",
    "hoe_gaat_het": "Hoe gaat het?",
    "geplande_startdatum": "Geplande startdatum",
    "vaardigheden": "Basiswerknemersvaardigheden",
    "sectoren": "Twee voorlopige sectoren",
    # a ticked box is your declaration of a paper signature: stored, it is a `papier`
    # signature row in your name (issue #18, store/overeenkomst.py); digital signing is on the
    # placement's stage-overeenkomst page (service/pages/overeenkomst.py)
    "getekend_school": "Ik verklaar: de school heeft op papier getekend",
    "getekend_leerling": "Ik verklaar: de leerling heeft op papier getekend",
    "getekend_bedrijf": "Ik verklaar: het bedrijf heeft op papier getekend",
    "getekend_ouder": "Ik verklaar: een ouder/verzorger heeft op papier getekend",
    "categorie": "Bestemming (categorie Uitstroommonitor)",
    "bestemming_behouden": "Bestemming van bij vertrek nog behouden?",
    "code": "Reden van uitval (gaat mee in de melding aan de mentor)",
    # the intake (#16)
    "state": "Fase waarin de leerling nu is",
    "advies": "Gegeven voorlopig stage-advies",
    "studieadvies_positief": "Bindend studieadvies positief (Entree)",
    "definitieve_sector": "Definitieve sector (leerjaar 4 en 5)",
    "vertrekdatum": "Vertrekdatum (nazorg)",
    "uitstroomprofiel": "Uitstroomprofiel (nazorg)",
    "bestemming": "Bestemming (nazorg)",
    "met": "Met wie",
    "hoe": "Hoe",
    "opvolging": "Vervolgactie (optioneel; wordt een herinnering voor u)",
    "opvolgen_op": "Vervolgactie op",
    "competenties": "Competenties (persoonlijk, arbeid, sociaal, onderzoek en leren)",
    "zelfbeoordeling": "Zelfbeoordeling van de leerling",
    "interesses": "Interesses",
    "hobbys": "Hobby's",
    "verwachtingen": "Verwachtingen van de stage",
    "belemmeringen": "Eventuele belemmeringen",
    "voorkeuren": "Voorkeuren voor de stageplaats",
    "besproken": "Besproken",
    "klaar_voor_individueel": "Klaar voor een individuele stage?",
    "week_van": "Week van (maandag)",
    "leerdoelen": "Leerdoelen",
    "aandachtspunten": "Aandachtspunten",
    "reflectie_leerling": "Reflectie van de leerling",
    "stagebegeleider_mee": "Stagebegeleider was erbij",
    "uitkomst": "Uitkomst",
    "doelen": "Doelen (één per regel)",
    "afgesproken_met_leerling": "Afgesproken met de leerling",
    "reflectie": "Reflectie",
    "examinator": "Examinator",
    "praktijkbegeleider": "Praktijkbegeleider",
    "praktijkbegeleider_id": "Praktijkbegeleider (uit het register)",
    "stagebegeleider": "Stagebegeleider",
    "profiel": "Uitstroomprofiel",
    "akkoord_leerling": "Leerling akkoord",
    "akkoord_ouders": "Ouders/verzorgers akkoord",
    "akkoord_school": "School akkoord",
}
CHOICE_LABELS = {
    **CONTRACTSOORTEN,
    **{code: f"{code} {naam}" for code, naam in SECTOREN.items()},
    **{c: CATEGORIEEN[c] for c in ("bol", "bbl", "geen")},
    **{code: naam[0].upper() + naam[1:] for code, naam in UITVAL_CODES.items()},
    **CONTACT_MET,
    **CONTACT_HOE,
}
# A free-keyed dict gets one field per key the policy names (the model accepts any key).
DICT_KEYS: dict[str, tuple[str, ...]] = {"criteria": SNUFFELSTAGE_CRITERIA}


@dataclass(frozen=True)
class Veld:
    """One input. `soort`: tekst, tekstvak, datum, tijd, getal, keuze, janee, vinkje, vinkjes,
    getallen."""

    naam: str
    label: str
    soort: str
    keuzes: tuple[tuple[str, str], ...] = ()
    verplicht: bool = False
    max_lengte: int | None = None
    suggesties: tuple[str, ...] = ()  # a text field's <datalist>: typing anything else is fine


@dataclass(frozen=True)
class Groep:
    """A nested model or dict: a fieldset; present in the data only when something is filled."""

    naam: str
    label: str
    velden: tuple[Veld | Groep, ...] = field(default_factory=tuple)


def label_of(naam: str) -> str:
    kort = naam.rsplit(".", 1)[-1]
    return LABELS.get(kort) or kort.replace("_", " ").capitalize()


def _choice(value: str) -> tuple[str, str]:
    return value, CHOICE_LABELS.get(value) or value.replace("_", " ")


def _strip(annotation: Any) -> tuple[Any, bool, tuple[Any, ...]]:
    """The type without Optional and Annotated; whether None is allowed; Annotated metadata."""
    optional, metadata = False, ()
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata += tuple(extra)
        elif origin in (Union, types.UnionType) and type(None) in get_args(annotation):
            optional = True
            (annotation,) = (a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation, optional, metadata


def _max_length(metadata: Iterable[Any]) -> int | None:
    return next((m.max_length for m in metadata if getattr(m, "max_length", None)), None)


def velden(
    model: type[BaseModel], prefix: str = "", skip: Iterable[str] = ("plaatsing_id",)
) -> tuple[Veld | Groep, ...]:
    result: list[Veld | Groep] = []
    for naam, info in model.model_fields.items():
        if naam in skip:
            continue
        result.append(_veld(f"{prefix}{naam}", info.annotation, info))
    return tuple(result)


def _veld(naam: str, annotation: Any, info: FieldInfo | None = None) -> Veld | Groep:
    soort, optional, metadata = _strip(annotation)
    metadata += tuple(info.metadata) if info else ()
    verplicht = bool(info and info.is_required()) and not optional
    origin, args = get_origin(soort), get_args(soort)
    label = label_of(naam)
    if isinstance(soort, type) and issubclass(soort, BaseModel):
        return Groep(naam, label, velden(soort, f"{naam}."))
    if origin is dict:
        sleutels, waarde = args
        keys = DICT_KEYS.get(naam.rsplit(".", 1)[-1], ())
        if get_origin(_strip(sleutels)[0]) is Literal:
            keys = get_args(_strip(sleutels)[0])
        # each entry is optional (a day without times is no rooster day), whatever it holds
        return Groep(naam, label, _optioneel(_veld(f"{naam}.{k}", waarde) for k in keys))
    if origin is list:
        (item,) = args
        item = _strip(item)[0]
        if get_origin(item) is Literal:
            keuzes = tuple(_choice(v) for v in get_args(item))
            return Veld(naam, label, "vinkjes", keuzes, verplicht)
        return Veld(naam, label, "getallen", (), verplicht)
    if origin is Literal:
        return Veld(naam, label, "keuze", tuple(_choice(v) for v in args), verplicht)
    if soort is bool:
        # `bool | None` is yes / no / not known: a choice, not a checkbox
        return Veld(naam, label, "janee" if verplicht or optional else "vinkje", (), verplicht)
    if soort is date:
        return Veld(naam, label, "datum", (), verplicht)
    if soort is time:
        return Veld(naam, label, "tijd", (), verplicht)
    if soort in (int, float):
        return Veld(naam, label, "getal", (), verplicht)
    lengte = _max_length(metadata)
    vak = lengte is None or lengte > 200
    return Veld(naam, label, "tekstvak" if vak else "tekst", (), verplicht, lengte)


def _optioneel(items: Iterable[Veld | Groep]) -> tuple[Veld | Groep, ...]:
    return tuple(
        replace(i, velden=_optioneel(i.velden))
        if isinstance(i, Groep)
        else replace(i, verplicht=False)
        for i in items
    )


def alle_velden(items: Iterable[Veld | Groep]) -> Iterable[Veld]:
    for item in items:
        if isinstance(item, Groep):
            yield from alle_velden(item.velden)
        else:
            yield item


def waarden(items: Iterable[Veld | Groep], form: Any) -> dict[str, Any]:
    """What the user typed, per field name (lists for multiple choices), to show it again."""
    result: dict[str, Any] = {}
    for veld in alle_velden(items):
        if veld.soort == "vinkjes":
            result[veld.naam] = [str(v) for v in form.getlist(veld.naam)]
        else:
            value = form.get(veld.naam)
            result[veld.naam] = value if isinstance(value, str) else ""
    return result


def gegevens(items: Iterable[Veld | Groep], typed: Mapping[str, Any]) -> dict[str, Any]:
    """The nested data for the model; an empty field is left out so the model's default holds
    (or the model says it is missing)."""
    data: dict[str, Any] = {}
    for item in items:
        kort = item.naam.rsplit(".", 1)[-1]
        if isinstance(item, Groep):
            sub = gegevens(item.velden, typed)
            if sub:
                data[kort] = sub
            continue
        value = _value(item, typed.get(item.naam))
        if value is not None:
            data[kort] = value
    return data


def _value(veld: Veld, raw: Any) -> Any:
    if veld.soort == "vinkjes":
        return list(raw) if raw else None
    raw = (raw or "").strip()
    if not raw:
        return None
    if veld.soort == "vinkje":
        return True
    if veld.soort == "janee":
        return {"ja": True, "nee": False}.get(raw, raw)
    if veld.soort == "getallen":
        return [part.strip() for part in raw.split(",") if part.strip()]
    if veld.soort == "getal":
        return raw.replace(",", ".")
    return raw


def ingevuld(items: Iterable[Veld | Groep], data: Mapping[str, Any]) -> dict[str, Any]:
    """The other way round: stored data as the form shows it (a correction starts from the
    current version's values)."""
    result: dict[str, Any] = {}
    for veld in alle_velden(items):
        waarde: Any = data
        for deel in veld.naam.split("."):
            waarde = waarde.get(deel) if isinstance(waarde, Mapping) else None
        if waarde is None:
            continue
        if veld.soort == "vinkjes":
            result[veld.naam] = [str(w) for w in waarde]
        elif veld.soort == "vinkje":
            result[veld.naam] = "on" if waarde else ""
        elif veld.soort == "janee":
            result[veld.naam] = "ja" if waarde else "nee"
        elif veld.soort == "getallen":
            result[veld.naam] = ", ".join(str(w) for w in waarde)
        elif veld.soort == "tijd":
            result[veld.naam] = str(waarde)[:5]
        else:
            result[veld.naam] = str(waarde)
    return result
