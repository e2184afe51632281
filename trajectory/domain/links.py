"""Personal links for people without an account (issue #18, "Access for people without an
account"): the praktijkbegeleider, the leerling and an ouder each get a link per (placement,
purpose), scoped to that placement and that purpose alone.

What a party may do through a link is `TOEGESTAAN`; how long a link lives is `verloopt_op`
(the end of the placement plus `UITLOOP`, never more than `HOOGSTENS` after it was made). A
link acts as an `Actor` without an account: `link_actor`, labelled "praktijkbegeleider Jan de
Vries (link)" in the audit trail and the timeline.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from trajectory.domain.actor import LINKROLLEN, Actor

PARTIJEN = ("praktijkbegeleider", "leerling", "ouder")
DOELEN = {
    "agenda": "Stage-agenda, uren en beoordeling",
    "ondertekenen": "Stage-overeenkomst ondertekenen",
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
    """The end of the placement's last day (UTC) plus `UITLOOP`, at most `HOOGSTENS` after the
    link was made; a placement without an end date: `HOOGSTENS`."""
    grens = aangemaakt + HOOGSTENS
    if einddatum is None:
        return grens
    return min(grens, datetime.combine(einddatum, time.max, tzinfo=UTC) + UITLOOP)


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
