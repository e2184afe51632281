"""The failures a user is told about: a Dutch `bericht` and the kind of failure (`soort`).

One hierarchy for every layer that can fail this way (the domain's own checks, the store's
compare-and-set, the use cases), so both renderers, JSON and HTML, answer from the same
message and the web layer maps each `soort` to an HTTP status in one table. The base lives
here, the lowest layer that raises one; the use cases' errors are in `usecases/fouten.py`.
A refusal by the policy is not an exception but a value (`usecases.geweigerd.Geweigerd`).
"""

from __future__ import annotations

from typing import ClassVar, Literal

Soort = Literal["niet_gevonden", "geen_toegang", "conflict", "ongeldig", "geweigerd"]


class Fout(Exception):
    """`bericht` is shown as is; `str()` may add what only the log needs (an id, a name)."""

    soort: ClassVar[Soort]
    bericht: str = "Dit verzoek kan niet worden verwerkt."

    def __init__(self, bericht: str | None = None, *, detail: str | None = None) -> None:
        if bericht is not None:
            self.bericht = bericht
        super().__init__(detail or self.bericht)


class NietGevonden(Fout, LookupError):
    """Does not exist, or the actor may not see it: the two look the same."""

    soort = "niet_gevonden"


class GeenToegang(Fout, PermissionError):
    soort = "geen_toegang"


class Conflict(Fout):
    """Someone else changed the same thing at the same moment; trying again may work."""

    soort = "conflict"


class Ongeldig(Fout, ValueError):
    """Bad input. `veld`: the field at fault, "" for the input as a whole (a step's payload),
    None when the message is not about one piece of input."""

    soort = "ongeldig"
    veld: str | None = None


class FieldError(Ongeldig):
    """Bad input that pydantic could not see (it needs the database): names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = self.veld = field
