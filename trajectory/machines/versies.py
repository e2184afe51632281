"""Several trajectory versions, loaded side by side, and the declared migrations between them.

The stagebeleidsplan is rewritten every school year. A leerling keeps running on the version
it was registered under (`leerling.trajectory_version`) until an operator migrates it with
`trajectory migrate`; a version's migration says what happens to each state.
Plain data: this module imports only the standard library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from trajectory.machines import definition as d
from trajectory.machines.definition import Overgang


@dataclass(frozen=True)
class Definitie:
    """One version of the machine: its states and transitions, and the policy parameters
    (`trajectory.domain.snapshot.Beleid` fields) this version sets differently from the defaults."""

    versie: str
    states: tuple[str, ...]
    transitions: tuple[Overgang, ...]
    initial: str = d.INITIAL
    beleid: Mapping[str, float | int] = field(default_factory=dict)

    @property
    def triggers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.trigger for t in self.transitions))

    def transitions_from(self, state: str) -> tuple[Overgang, ...]:
        return self._van.get(state, ())

    def triggers_from(self, state: str) -> tuple[tuple[str, tuple[Overgang, ...]], ...]:
        """Each trigger from `state` (table order) with its edges, the routes in order."""
        return self._triggers_van.get(state, ())

    @cached_property
    def _triggers_van(self) -> Mapping[str, tuple[tuple[str, tuple[Overgang, ...]], ...]]:
        result = {}
        for state, edges in self._van.items():
            per: dict[str, list[Overgang]] = {}
            for edge in edges:
                per.setdefault(edge.trigger, []).append(edge)
            result[state] = tuple((trigger, tuple(lijst)) for trigger, lijst in per.items())
        return result

    @cached_property
    def _van(self) -> Mapping[str, tuple[Overgang, ...]]:
        """The edges per source state, in table order (looked up on every step and page)."""
        van: dict[str, list[Overgang]] = {}
        for t in self.transitions:
            van.setdefault(t.source, []).append(t)
        return {state: tuple(edges) for state, edges in van.items()}


class MigratieFout(LookupError):
    """A leerling stands in a state the new version lacks and the migration says nothing of."""


@dataclass(frozen=True)
class Migratie:
    """From one version to the next: renamed states, and where a leerling standing in a removed
    state goes. Every other state must exist, unchanged, in the new version."""

    naam: str
    van: Definitie
    naar: Definitie
    hernoemd: Mapping[str, str] = field(default_factory=dict)
    verwijderd: Mapping[str, str] = field(default_factory=dict)
    toelichting: str = ""

    def doel(self, state: str) -> str:
        """The state a leerling in `state` (of the old version) stands in after the migration."""
        naar = self.hernoemd.get(state) or self.verwijderd.get(state) or state
        if naar not in self.naar.states:
            raise MigratieFout(
                f"De toestand '{state}' bestaat niet in versie {self.naar.versie} "
                f"en de migratie '{self.naam}' zegt niet waar een leerling daarin heen gaat."
            )
        return naar

    def beleid_wijzigingen(self) -> dict[str, tuple[float | int | None, float | int | None]]:
        """Each policy parameter that differs: name → (old, new); None means the default."""
        oud, nieuw = self.van.beleid, self.naar.beleid
        return {
            k: (oud.get(k), nieuw.get(k))
            for k in sorted(set(oud) | set(nieuw))
            if oud.get(k) != nieuw.get(k)
        }


V2024_2025 = Definitie(versie=d.VERSION, states=d.STATES, transitions=d.TRANSITIONS)

# Stagebeleidsplan 2025-2026: stages in the region up to 20 km (the school now reimburses
# public transport), otherwise the trajectory of 2024-2025 unchanged.
V2025_2026 = Definitie(
    versie="2025-2026",
    states=d.STATES,
    transitions=d.TRANSITIONS,
    beleid={"max_fietsafstand_km": 20.0},
)

DEFINITIES: Mapping[str, Definitie] = MappingProxyType(
    {v.versie: v for v in (V2024_2025, V2025_2026)}
)

MIGRATIES: Mapping[str, Migratie] = MappingProxyType(
    {
        m.naam: m
        for m in (
            Migratie(
                naam="beleid-2025-2026",
                van=V2024_2025,
                naar=V2025_2026,
                toelichting="Stagebeleidsplan 2025-2026: maximale reisafstand naar de stage 20 km.",
            ),
        )
    }
)


def definitie(versie: str) -> Definitie:
    try:
        return DEFINITIES[versie]
    except KeyError:
        raise LookupError(f"Onbekende trajectversie '{versie}'.") from None


def versie_voor_schooljaar(schooljaar: str) -> str:
    """The newest loaded version that is not newer than the school year (names sort by year)."""
    geschikt = [v for v in DEFINITIES if v <= schooljaar]
    return max(geschikt) if geschikt else min(DEFINITIES)
