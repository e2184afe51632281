"""The access rules: who sees which leerling and who may do what (DOMAIN.md, Roles)."""

from __future__ import annotations

from trajectory.domain.actor import BEGELEIDERS, ROLLEN, SYSTEEM, ZIET_IEDEREEN, Actor

# the roles and the actor are read here too, by every caller that asks what a role may do
__all__ = [
    "BEGELEIDERS",
    "ROLLEN",
    "SYSTEEM",
    "Actor",
    "may_advance",
    "may_assign_begeleider",
    "may_create_leerling",
    "may_edit",
    "may_manage_bedrijven",
    "may_manage_links",
    "may_read_bedrijven",
    "may_reassign",
    "may_record",
    "may_see",
    "may_take_in",
]
MENTOR_BEOORDELINGEN = ("mentor", "docentenadvies")
# seed §3.2: the mentor keeps the contact with the parents, and logs it
MENTOR_CONTACTEN = ("ouders",)


def may_see(actor: Actor, stagebegeleider_id: int | None, klas: str | None) -> bool:
    if actor.rol in ZIET_IEDEREEN:
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
        return (kind == "beoordeling" and soort in MENTOR_BEOORDELINGEN) or (
            kind == "contact" and soort in MENTOR_CONTACTEN
        )
    if actor.rol in BEGELEIDERS:  # the mentor's own judgements stay the mentor's
        return kind != "afsluitbesluit" and not (
            kind == "beoordeling" and soort in MENTOR_BEOORDELINGEN
        )
    return False


def may_create_leerling(actor: Actor) -> bool:
    return actor.rol in (*BEGELEIDERS, "teamleider")


def may_assign_begeleider(actor: Actor, stagebegeleider_id: int | None) -> bool:
    """Only the teamleider gives a new leerling to someone else: a begeleider's new leerling
    is their own (one they could give away they would no longer see)."""
    return actor.rol == "teamleider" or stagebegeleider_id in (None, actor.id)


def may_take_in(actor: Actor) -> bool:
    """The go-live intake places a leerling past the guards: the teamleider's (DOMAIN.md)."""
    return actor.rol == "teamleider"


def may_edit(actor: Actor, veld: str) -> bool:
    """Editing a leerling's data (DOMAIN.md, Roles): the teamleider everything; a begeleider
    their own leerlingen (visibility decides which), but not who their begeleider is; the
    mentor reads only."""
    if actor.rol == "teamleider":
        return True
    return actor.rol in BEGELEIDERS and veld != "stagebegeleider_id"


def may_reassign(actor: Actor) -> bool:
    """Bulk reassignment to another stagebegeleider (DOMAIN.md, Roles: teamleider)."""
    return actor.rol == "teamleider"


def may_manage_bedrijven(actor: Actor) -> bool:
    """The company register (issue #17): the teamleider and the stagebegeleiders manage it."""
    return actor.rol in (*BEGELEIDERS, "teamleider")


def may_read_bedrijven(actor: Actor) -> bool:
    """Mentors read the register (a company's leerlingen only as far as they may see them)."""
    return may_manage_bedrijven(actor) or actor.rol == "mentor"


def may_manage_links(actor: Actor, stagebegeleider_id: int | None) -> bool:
    """Personal links for a placement (issue #18): the leerling's own stagebegeleider and the
    teamleider make and revoke them; a mentor does not."""
    if actor.rol == "teamleider":
        return True
    return actor.rol in BEGELEIDERS and may_see(actor, stagebegeleider_id, None)
