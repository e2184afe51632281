"""Personal links for people without an account (issue #18, "Access for people without an
account"): the praktijkbegeleider, the leerling and an ouder each get a link per (placement,
purpose), scoped to that placement and that purpose alone.

What a party may do through a link is `TOEGESTAAN`; how long a link lives is `verloopt_op`
(the end of the placement plus `UITLOOP`, never more than `HOOGSTENS` after it was made). A
link acts as an `Actor` without an account: `link_actor`, labelled "praktijkbegeleider Jan de
Vries (link)" in the audit trail and the timeline.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from trajectory.domain.actor import LINKROLLEN, Actor
from trajectory.domain.clock import SCHOOL_TZ
from trajectory.domain.gegevens import Email
from trajectory.domain.invoer import Invoer

PARTIJEN = ("praktijkbegeleider", "leerling", "ouder")
ONDERTEKENEN = "ondertekenen"  # the purpose of a link that signs the contract
DOELEN = {
    "agenda": "Stage-agenda, uren en beoordeling",
    ONDERTEKENEN: "Stage-overeenkomst ondertekenen",
    "reflectie": "Wekelijkse reflectie",
}
TOEGESTAAN: dict[str, tuple[str, ...]] = {
    "praktijkbegeleider": ("agenda", "ondertekenen"),
    "leerling": ("reflectie", "ondertekenen"),
    "ouder": ("ondertekenen",),
}
PARTIJ_NAMEN = {
    "praktijkbegeleider": "Praktijkbegeleider",
    "leerling": "Leerling",
    "ouder": "Ouder",
}
UITLOOP = timedelta(days=30)  # after the placement's end: the last agenda week, the beoordeling
HOOGSTENS = timedelta(days=365)  # one school year from creation, whatever the placement's end

assert set(LINKROLLEN) == {f"{p}_link" for p in PARTIJEN}


def toegestaan(partij: str, doel: str) -> bool:
    return doel in TOEGESTAAN.get(partij, ())


def verloopt_op(aangemaakt: datetime, einddatum: date | None) -> datetime:
    """The end (school time) of the placement's last day plus `UITLOOP`, at most `HOOGSTENS`
    after the link was made; a placement without an end date: `HOOGSTENS`."""
    grens = aangemaakt + HOOGSTENS
    if einddatum is None:
        return grens
    return min(grens, datetime.combine(einddatum + UITLOOP, time.max, tzinfo=SCHOOL_TZ))


def geldig_tot(opgeslagen: datetime, aangemaakt: datetime, einddatum: date | None) -> datetime:
    """The stored expiry, earlier when the placement's end moved forward since the link was
    made (a stage ended early ends its links `UITLOOP` later)."""
    return min(opgeslagen, verloopt_op(aangemaakt, einddatum))


def status(ingetrokken: str | None, tot: datetime, now: datetime) -> str:
    """What the placement page says of a link: `actief`, `verlopen`, or the revocation's
    reason (`ingetrokken`, `vervangen`)."""
    if ingetrokken is not None:
        return ingetrokken
    return "actief" if now <= tot else "verlopen"


def link_label(partij: str, naam: str | None) -> str:
    """ "praktijkbegeleider Jan de Vries (link)", "ouder (link)" when no name is known."""
    return f"{partij} {naam} (link)" if naam else f"{partij} (link)"


def link_actor(partij: str, naam: str | None, link_id: int) -> Actor:
    """The actor of a request through link `link_id`: no account (`id=None`), the rol
    `<partij>_link`; its audit events carry `payload["link_id"]` and `payload["door"]`
    (`audit_payload`)."""
    if partij not in PARTIJEN:
        raise ValueError(f"onbekende partij {partij!r}")
    return Actor(id=None, rol=f"{partij}_link", naam=naam or "")


def audit_payload(actor: Actor, link_id: int) -> dict[str, object]:
    """What every audit event of a link's action carries besides its own payload."""
    return {"link_id": link_id, "door": link_label(partij_van(actor), actor.naam)}


def partij_van(actor: Actor) -> str:
    if actor.rol not in LINKROLLEN:
        raise ValueError(f"{actor.rol!r} is geen link")
    return actor.rol.removesuffix("_link")


def voornaam(naam: str) -> str:
    """What a link page calls the leerling: the first word of the name, never the surname."""
    return naam.split()[0] if naam.strip() else ""


def door_van(actor_rol: str, payload: Mapping[str, Any] | None) -> str | None:
    """Who did it, for the audit trail and the timeline, when a link did: the label the event
    carries ("praktijkbegeleider Jan de Vries (link)"), else the party's; None otherwise."""
    if actor_rol not in LINKROLLEN:
        return None
    door = (payload or {}).get("door")
    return str(door) if door else link_label(actor_rol.removesuffix("_link"), None)


# the staff form's choice: "partij:doel" -> label, in the order the form shows them
KEUZES = {
    f"{partij}:{doel}": f"{PARTIJ_NAMEN[partij]} — {DOELEN[doel].lower()}"
    for partij, doelen in TOEGESTAAN.items()
    for doel in doelen
}


class LinkAanvraag(Invoer):
    """The placement page's form for a new link. The praktijkbegeleider's address comes from
    the register; a leerling's or ouder's is typed, and needed to send the link by e-mail."""

    keuze: str
    versturen: bool = False
    naam: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    email: Email = Field(default="", validate_default=True)

    @field_validator("keuze")
    @classmethod
    def _bekende_keuze(cls, keuze: str) -> str:
        if keuze not in KEUZES:
            raise ValueError("Kies voor wie en waarvoor de link is.")
        return keuze

    @field_validator("email")
    @classmethod
    def _adres_om_te_versturen(cls, email: str, info: ValidationInfo) -> str:
        keuze = str(info.data.get("keuze", ""))
        if info.data.get("versturen") and not email and not keuze.startswith("praktijkbegeleider"):
            raise ValueError("Vul een e-mailadres in om de link per e-mail te sturen.")
        return email

    @property
    def partij(self) -> str:
        return self.keuze.partition(":")[0]

    @property
    def doel(self) -> str:
        return self.keuze.partition(":")[2]
