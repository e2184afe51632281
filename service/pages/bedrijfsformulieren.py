"""The register's forms (issue #17): their fields read from the pydantic models the use cases
take (`domain.bedrijven`), labelled in Dutch; no rule is decided here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from service.pages.aangeboden_formulieren import Formulier
from service.pages.velden import Groep, Veld, alle_velden, gegevens, velden
from trajectory.domain.bedrijven import (
    STATUSSEN,
    VELD_LABELS,
    VELDEN,
    PraktijkbegeleiderIn,
    StagebedrijfIn,
)
from trajectory.usecases.motivatie import MIN_MOTIVATIE

PB_LABELS = {
    "naam": "Naam",
    "functie": "Functie",
    "telefoon": "Telefoon",
    "email": "E-mailadres",
    "opgeleid": "Heeft voorlichting en onderricht gehad (beleidsplan 5.2)",
    "actief": "Nog actief (uitvinken als de praktijkbegeleider is vertrokken of gestopt)",
}
REDEN_WIJZIGING = Veld("reden", "Reden van de wijziging (optioneel)", "tekstvak")
STATUS_REDEN = Veld("reden", f"Reden (verplicht, minstens {MIN_MOTIVATIE} tekens)", "tekstvak")


def _gelabeld(items: tuple[Veld | Groep, ...], labels: Mapping[str, str]) -> tuple[Veld, ...]:
    uit = []
    for item in items:
        assert isinstance(item, Veld)  # these models are flat
        label = labels.get(item.naam, item.label)
        uit.append(replace(item, label=label[:1].upper() + label[1:]))
    return tuple(uit)


def bedrijfsvelden() -> tuple[Veld, ...]:
    """A company's fields in VELDEN's order, with VELD_LABELS."""
    per_naam = {v.naam: v for v in _gelabeld(velden(StagebedrijfIn), VELD_LABELS)}
    return tuple(per_naam[naam] for naam in VELDEN)


def nieuw_bedrijf() -> Formulier:
    return Formulier(
        "bedrijf", "Nieuw stagebedrijf", "/bedrijven/nieuw", bedrijfsvelden(), "Registreren"
    )


def bedrijf_wijzigen(bedrijf_id: int) -> Formulier:
    actie = f"/bedrijven/{bedrijf_id}/wijzigen"
    items = (*bedrijfsvelden(), REDEN_WIJZIGING)
    return Formulier("bedrijf", "Stagebedrijf wijzigen", actie, items, "Wijzigingen opslaan")


def status(bedrijf_id: int) -> Formulier:
    keuze = Veld(
        "status", "Nieuwe status", "keuze", tuple(STATUSSEN.items()), verplicht=True
    )  # fmt: skip
    actie = f"/bedrijven/{bedrijf_id}/status"
    return Formulier("status", "Status wijzigen", actie, (keuze, STATUS_REDEN), "Status opslaan")


def nieuwe_praktijkbegeleider(bedrijf_id: int) -> Formulier:
    items = _gelabeld(velden(PraktijkbegeleiderIn, skip=("actief",)), PB_LABELS)
    actie = f"/bedrijven/{bedrijf_id}/praktijkbegeleiders"
    return Formulier(
        "praktijkbegeleider", "Praktijkbegeleider toevoegen", actie, items, "Toevoegen"
    )


def praktijkbegeleider_wijzigen(bedrijf_id: int, pb_id: int) -> Formulier:
    items = _gelabeld(velden(PraktijkbegeleiderIn), PB_LABELS)
    actie = f"/bedrijven/{bedrijf_id}/praktijkbegeleiders/{pb_id}"
    return Formulier(f"pb-{pb_id}", "Wijzigen", actie, items, "Opslaan")


def data(formulier: Formulier, typed: Mapping[str, Any]) -> dict[str, Any]:
    """The model's data from the form; an unticked box is False (not the model's default)."""
    uit = gegevens(formulier.velden, typed)
    for veld in alle_velden(formulier.velden):
        if veld.soort == "vinkje":
            uit.setdefault(veld.naam, False)
    return uit
