"""Who acts: the roles and the actor of a request (DOMAIN.md, Roles). What each role may do
is `domain.access`; the store reads this module to filter and to stamp the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

ROLLEN = ("stagebegeleider", "stage_ondersteuningsbegeleider", "mentor", "teamleider")
BEGELEIDERS = ("stagebegeleider", "stage_ondersteuningsbegeleider")
ZIET_IEDEREEN = ("teamleider", "systeem")
# people without an account acting through a personal link (domain/links.py, issue #18)
LINKROLLEN = ("praktijkbegeleider_link", "leerling_link", "ouder_link")


@dataclass(frozen=True)
class Actor:
    """Who is acting. `systeem` is the scheduler."""

    id: int | None
    rol: str
    naam: str
    klas: str | None = None

    @property
    def gebruiker_id(self) -> int:
        """The account of a signed-in user; `systeem` has none."""
        if self.id is None:
            raise ValueError("systeem heeft geen account")
        return self.id

    @property
    def is_teamleider(self) -> bool:
        return self.rol == "teamleider"


SYSTEEM = Actor(id=None, rol="systeem", naam="systeem")
