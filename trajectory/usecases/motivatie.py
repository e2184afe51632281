"""The teamleider's override: one rule for its written motivation, wherever guards can be
forced through (a step in `engine.advance`, a rooster in `vastleggen`, a rooster's correction in
`corrigeren`). The reasons of edits and corrections follow the same length."""

from __future__ import annotations

from trajectory.domain.access import Actor
from trajectory.domain.invoer import MAX_TEKST, tekst_fout
from trajectory.usecases.fouten import FieldError, MotivatieTeKort, NotPermitted

MIN_MOTIVATIE = 10


def override_motivatie(motivatie: str | None, actor: Actor, *, alleen: str) -> str | None:
    """The teamleider's written motivation to force through what the guards refuse (DOMAIN.md:
    "In speciale gevallen kan er worden afgeweken"): None when none was given; at least
    MIN_MOTIVATIE characters; nobody else may give one (`alleen` says so)."""
    motivatie = (motivatie or "").strip() or None
    if motivatie is not None and not actor.is_teamleider:
        raise NotPermitted(alleen)
    if motivatie is not None and len(motivatie) < MIN_MOTIVATIE:
        raise MotivatieTeKort(f"Schrijf een motivatie van minstens {MIN_MOTIVATIE} tekens.")
    return motivatie


def controleer_reden(reden: str | None) -> str:
    """The reason of an edit, a correction or a company's status: as long as an override's
    motivation at least, bounded and storable; the cleaned reason."""
    reden = (reden or "").strip()
    if len(reden) < MIN_MOTIVATIE:
        raise FieldError("reden", f"Schrijf een reden van minstens {MIN_MOTIVATIE} tekens.")
    if len(reden) > MAX_TEKST:
        raise FieldError("reden", f"De reden is langer dan {MAX_TEKST} tekens.")
    if fout := tekst_fout(reden):
        raise FieldError("reden", fout)
    return reden
