"""Uitstroom and nazorg: profiel and bestemming, contacts, two years (beleidsplan 7)."""

from __future__ import annotations

from datetime import date

from trajectory.domain.datums import jaren_later
from trajectory.domain.snapshot import Snapshot
from trajectory.guards.verdict import guard

UITSTROOMPROFIELEN = ("dagbesteding", "beschutte_arbeid", "arbeid", "leren")


@guard
def uitstroomprofiel_vastgelegd(s: Snapshot, op: date) -> str | None:
    uitstroom = s.laatste("uitstroom")
    data = uitstroom.data if uitstroom else {}
    ontbreekt = []
    if data.get("profiel") not in UITSTROOMPROFIELEN:
        ontbreekt.append("het uitstroomprofiel")
    if not str(data.get("bestemming") or "").strip():
        ontbreekt.append("de bestemming")
    if not data.get("vertrekdatum"):
        ontbreekt.append("de datum van vertrek")
    if ontbreekt:
        return "Leg vast: " + ", ".join(ontbreekt) + "."
    return None


@guard
def nazorgcontact_vastgelegd(s: Snapshot, op: date) -> str | None:
    if not any(r.in_deze_stap for r in s.records_van("nazorg_contact")):
        return "Leg het nazorgcontact vast (met wie, hoe het gaat, actie)."
    return None


@guard
def nazorg_twee_jaar_of_besluit(s: Snapshot, op: date) -> str | None:
    """Nazorg lasts two years after leaving, unless the teamleider decides otherwise."""
    if s.laatste("afsluitbesluit") is not None:
        return None
    if s.vertrekdatum is None:
        return "De datum van vertrek is niet bekend."
    einde = jaren_later(s.vertrekdatum, s.beleid.nazorg_jaren)
    if op < einde:
        return (
            f"De nazorg loopt tot {einde:%d-%m-%Y} (twee jaar na vertrek); eerder afsluiten "
            "kan alleen met een besluit van de teamleider."
        )
    return None
