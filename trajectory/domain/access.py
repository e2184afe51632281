"""Roles: who sees which leerling and who may do what (DOMAIN.md, Roles)."""

from __future__ import annotations

from dataclasses import dataclass

ROLLEN = ("stagebegeleider", "stage_ondersteuningsbegeleider", "mentor", "teamleider")
BEGELEIDERS = ("stagebegeleider", "stage_ondersteuningsbegeleider")
MENTOR_BEOORDELINGEN = ("mentor", "docentenadvies")


@dataclass(frozen=True)
class Actor:
    """Who is acting. `systeem` is the scheduler."""

    id: int | None
    rol: str
    naam: str
    klas: str | None = None

    @property
    def is_teamleider(self) -> bool:
        return self.rol == "teamleider"


SYSTEEM = Actor(id=None, rol="systeem", naam="systeem")


def may_see(actor: Actor, stagebegeleider_id: int | None, klas: str | None) -> bool:
    if actor.rol in ("teamleider", "systeem"):
        return True
    if actor.rol in BEGELEIDERS:
        return stagebegeleider_id is not None and stagebegeleider_id == actor.id
    if actor.rol == "mentor":
        return klas is not None and klas == actor.klas
    return False


def may_advance(actor: Actor) -> bool:
    return actor.rol in (*BEGELEIDERS, "teamleider", "systeem")


def may_record(actor: Actor, kind: str, soort: str | None = None) -> bool:
    if actor.rol == "teamleider":
        return True
    if actor.rol == "mentor":
        return kind == "beoordeling" and soort in MENTOR_BEOORDELINGEN
    if actor.rol in BEGELEIDERS:  # the mentor's own judgements stay the mentor's
        return kind != "afsluitbesluit" and not (
            kind == "beoordeling" and soort in MENTOR_BEOORDELINGEN
        )
    return False


def may_create_leerling(actor: Actor) -> bool:
    return actor.rol in (*BEGELEIDERS, "teamleider")
