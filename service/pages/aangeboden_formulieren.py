"""Which forms the leerling page offers: one per record kind the role may record and the
state fits (`machines.vastleggingen`, which `add_record` enforces too), and one per trigger
(its payload's fields, and the teamleider's motivation to push a blocked step through). The
fields come from the API's pydantic models."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel

from service.pages.velden import Groep, Veld, alle_velden, gegevens, velden
from trajectory.domain.access import Actor, may_advance, may_record
from trajectory.domain.records import (
    PAYLOAD_REQUIRED,
    RECORD_KINDS,
    ROL_KEUZE,
    TRIGGER_PAYLOADS,
    PlaatsingIn,
)
from trajectory.domain.snapshot import Snapshot
from trajectory.guards.vastlegging import vastlegging_past
from trajectory.machines.vastleggingen import VASTLEGGINGEN
from trajectory.usecases.bedrijfsoverzicht import Bedrijfskeuze
from trajectory.usecases.engine import Optie

MOTIVATIE = Veld(
    "motivatie", "Motivatie om toch door te zetten (verplicht, minstens 10 tekens)", "tekstvak"
)
MOTIVATIE_ALS_NODIG = Veld(
    "motivatie",
    "Motivatie om toch door te zetten (alleen als de stap anders geweigerd wordt)",
    "tekstvak",
)
MODELLEN: dict[str, type[BaseModel]] = {**RECORD_KINDS, "plaatsing": PlaatsingIn}
# a placement's company is chosen (or typed) by name and the register decides its erkenning
# (#17): the id and the old checkbox are not on the form
NIET_OP_PLAATSING = ("stagebedrijf_id",)  # the company is chosen by name (a datalist)
BEDRIJF_LABEL = (
    "Stagebedrijf (kies een gevonden bedrijf, of typ de naam van een nieuw bedrijf; "
    "dat komt dan in het register)"
)
PRAKTIJKBEGELEIDER_LABEL = "Praktijkbegeleider (van een gevonden bedrijf)"


# kind -> the form's title: every record kind with a form of its own (the table, with where
# each kind fits the leerling's state, is the machine's: `machines.vastleggingen`)
FORMULIEREN: dict[str, str] = {k: v.titel for k, v in VASTLEGGINGEN.items() if v.formulier}


@dataclass(frozen=True)
class Formulier:
    sleutel: str  # the record kind or the trigger
    titel: str
    actie: str
    velden: tuple[Veld | Groep, ...]
    knop: str

    @property
    def namen(self) -> set[str]:
        return {v.naam for v in alle_velden(self.velden)} | _groepen(self.velden)


def _groepen(items: Iterable[Veld | Groep]) -> set[str]:
    namen: set[str] = set()
    for item in items:
        if isinstance(item, Groep):
            namen |= {item.naam} | _groepen(item.velden)
    return namen


def vastlegging(
    kind: str,
    leerling_id: int,
    actor: Actor | None = None,
    register: Bedrijfskeuze | None = None,
) -> Formulier:
    """The form of a record kind (KeyError: no such form); the choices narrowed to the role."""
    titel = FORMULIEREN[kind]
    items = velden(MODELLEN[kind])
    if kind == "plaatsing":
        items = plaatsing_velden(items, register or Bedrijfskeuze())
    if actor is not None:
        items = tuple(_voor_rol(item, actor, kind) for item in items)
        if not actor.is_teamleider:
            items = tuple(i for i in items if i.naam != "motivatie")
    return Formulier(kind, titel, f"/leerlingen/{leerling_id}/vastleggen/{kind}", items, "Opslaan")


def plaatsing_velden(
    items: Iterable[Veld | Groep], register: Bedrijfskeuze
) -> tuple[Veld | Groep, ...]:
    """The placement's fields with the company from the register (the placement form and its
    correction alike): a name field suggesting the companies the search found, and a choice of
    their active praktijkbegeleiders."""
    uit: list[Veld | Groep] = []
    for item in items:
        if item.naam in NIET_OP_PLAATSING:
            continue
        if isinstance(item, Veld) and item.naam == "bedrijf":
            item = replace(item, label=BEDRIJF_LABEL, verplicht=True, suggesties=register.namen)
        elif isinstance(item, Veld) and item.naam == "praktijkbegeleider_id":
            item = replace(
                item,
                label=PRAKTIJKBEGELEIDER_LABEL,
                soort="keuze",
                keuzes=register.praktijkbegeleiders,
            )
        uit.append(item)
    return tuple(uit)


def zoek_ingevuld(register: Bedrijfskeuze) -> dict[str, Any]:
    """The placement form after a search: the one company found stands filled in."""
    if len(register.bedrijven) == 1 and not register.meer:
        return {"bedrijf": register.namen[0]}
    return {}


def _voor_rol(item: Veld | Groep, actor: Actor, kind: str) -> Veld | Groep:
    """The choices of the field that decides whether the role may record it (ROL_KEUZE:
    a beoordeling's soort, a contact's party), narrowed to what this role may."""
    if isinstance(item, Veld) and item.naam == ROL_KEUZE.get(kind):
        keuzes = tuple(k for k in item.keuzes if may_record(actor, kind, k[0]))
        return replace(item, keuzes=keuzes)
    return item


def vastleggingen(
    snapshot: Snapshot, actor: Actor, register: Bedrijfskeuze | None = None
) -> list[Formulier]:
    result = []
    for kind in FORMULIEREN:
        if not vastlegging_past(kind, snapshot).ok:
            continue
        if VASTLEGGINGEN[kind].plaatsing == "gelopen" and snapshot.lopende_plaatsing is None:
            continue  # the form names no placement: it records for the running one
        formulier = vastlegging(kind, snapshot.id, actor, register)
        keuze = ROL_KEUZE.get(kind)
        soorten = [v for v in formulier.velden if v.naam == keuze and isinstance(v, Veld)]
        mag = any(soorten[0].keuzes) if soorten else may_record(actor, kind)
        if mag:
            result.append(formulier)
    return result


def stap(
    trigger: str, leerling_id: int, optie: Optie | None = None, *, toch: bool = False
) -> Formulier:
    """The form of a trigger: its payload's fields, plus the motivation when pushed through."""
    spec = TRIGGER_PAYLOADS.get(trigger)
    items = velden(spec[1]) if spec else ()
    if toch:
        items = (*items, MOTIVATIE_ALS_NODIG if spec else MOTIVATIE)
    label = optie.label if optie else trigger
    knop = "Toch doorzetten" if toch and optie and not optie.allowed and not spec else label
    return Formulier(trigger, label, f"/leerlingen/{leerling_id}/stappen/{trigger}", items, knop)


@dataclass(frozen=True)
class Knop:
    """A trigger as a button: enabled, or disabled with the failing guards' reasons."""

    optie: Optie
    formulier: Formulier | None  # None: this role cannot take the step
    met_gegevens: bool  # the form's data count when the guards are judged

    @property
    def actief(self) -> bool:
        return self.formulier is not None and (self.optie.allowed or self.met_gegevens)


def knoppen(opties: Iterable[Optie], leerling_id: int, actor: Actor) -> list[Knop]:
    result = []
    for optie in opties:
        met_gegevens = optie.trigger in TRIGGER_PAYLOADS
        formulier = None
        if may_advance(actor) and (optie.allowed or met_gegevens or actor.is_teamleider):
            toch = actor.is_teamleider and not optie.allowed
            formulier = stap(optie.trigger, leerling_id, optie, toch=toch)
        result.append(Knop(optie, formulier, met_gegevens))
    return result


def payload(trigger: str, typed: Mapping[str, Any]) -> dict[str, Any] | None:
    """The trigger's payload from the form; a required payload left empty is judged by its
    model, so each missing field gets its own message."""
    spec = TRIGGER_PAYLOADS.get(trigger)
    if spec is None:
        return None
    data = gegevens(velden(spec[1]), typed)
    if not data and trigger in PAYLOAD_REQUIRED:
        spec[1].model_validate(data)
    return data or None
