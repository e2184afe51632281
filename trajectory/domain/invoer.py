"""The bounds of every input, in one place: which text may be stored, how large a number and
how early or late a date may be, and the pydantic types that apply them.

PostgreSQL cannot store a NUL character and no encoder can write a lone surrogate, so such text
is refused at the edge with a Dutch message instead of failing in the database or the log. Ids
are INTEGER columns on PostgreSQL: a larger number names no row and is a 404 or a 422, never an
overflow. Dates outside a plausible range are typing errors (0001-01-01, 9999-12-31) that would
otherwise overflow the date arithmetic of reminders and school years.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from annotated_types import Interval
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    field_validator,
)
from pydantic_core import PydanticCustomError

from trajectory.domain.fouten import NietGevonden

GROOTSTE_ID = 2**31 - 1  # PostgreSQL INTEGER, the type of every id column
EERSTE_DATUM = date(1950, 1, 1)
LAATSTE_DATUM = date(2100, 12, 31)
MAX_TEKST = 4000  # a free text: a toelichting, a notitie, a clause of an overeenkomst
MAX_KORT = 200  # a name, a bedrijf, a key of a list of criteria
MAX_ITEMS = 50  # entries of a dict or list given as input (criteria, payload)

_ONGELDIG_TEKEN = re.compile("[\x00\ud800-\udfff]")
TEKST_FOUT = "Deze tekst bevat een ongeldig teken (zoals een nul-teken); typ de tekst opnieuw."
DATUM_FOUT = (
    f"Deze datum ligt niet tussen {EERSTE_DATUM:%d-%m-%Y} en {LAATSTE_DATUM:%d-%m-%Y}; "
    "controleer het jaar."
)


def tekst_fout(tekst: str) -> str | None:
    """The Dutch message if this text cannot be stored (a NUL or a lone surrogate), else None."""
    return TEKST_FOUT if _ONGELDIG_TEKEN.search(tekst) else None


def geheel_getal(tekst: str, grootste: int = GROOTSTE_ID) -> int | None:
    """A whole number from a form or query string: ASCII digits only ('²' and '١' pass
    `isdigit()` but not `int()`), between 1 and `grootste`; else None."""
    tekst = tekst.strip()
    if not (tekst.isascii() and tekst.isdigit()) or len(tekst) > len(str(grootste)):
        return None
    getal = int(tekst)
    return getal if 0 < getal <= grootste else None


def datum_fout(dag: date) -> str | None:
    return None if EERSTE_DATUM <= dag <= LAATSTE_DATUM else DATUM_FOUT


def controleer_teksten(waarde: Any) -> Any:
    """Every text in an input, also in nested dicts and lists and in their keys."""
    if isinstance(waarde, str):
        if tekst_fout(waarde):
            raise PydanticCustomError("tekst_ongeldig", TEKST_FOUT)
    elif isinstance(waarde, dict):
        for sleutel, item in waarde.items():
            controleer_teksten(sleutel)
            controleer_teksten(item)
    elif isinstance(waarde, list | tuple):
        for item in waarde:
            controleer_teksten(item)
    return waarde


def _geen_getal_als_datum(waarde: Any) -> Any:
    """A number is not a date (pydantic would read 0 as 1970-01-01, Unix time)."""
    if isinstance(waarde, int | float):
        raise PydanticCustomError("date_type", "Geef een datum als jjjj-mm-dd.")
    return waarde


def _in_bereik(dag: date) -> date:
    if datum_fout(dag):
        raise PydanticCustomError("datum_bereik", DATUM_FOUT)
    return dag


def _geen_kommagetal(waarde: Any) -> Any:
    """2.0 is not a whole number, and true is not 1."""
    if isinstance(waarde, float | bool):
        raise PydanticCustomError("int_type", "Geef een geheel getal.")
    return waarde


Datum = Annotated[date, BeforeValidator(_geen_getal_als_datum), AfterValidator(_in_bereik)]
Geheel = Annotated[int, BeforeValidator(_geen_kommagetal)]
Id = Annotated[int, BeforeValidator(_geen_kommagetal), Interval(ge=1, le=GROOTSTE_ID)]
Tekst = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEKST)]
Korte = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_KORT)]
VrijeTekst = Annotated[str, StringConstraints(max_length=MAX_TEKST)]  # may be empty


class Invoer(BaseModel):
    """The base of every input model: no unknown fields, no NaN or Infinity, and every text
    (also inside dicts and lists) storable."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _teksten_opslaanbaar(cls, waarde: Any) -> Any:
        return controleer_teksten(waarde)


def _bestaanbaar(sleutel: int) -> int:
    """An id in a path names a row or nothing: beyond the column (or 0) it is the same 404
    as an id never given out, raised here because the database would overflow on it."""
    if not 0 < sleutel <= GROOTSTE_ID:
        raise NietGevonden(detail=str(sleutel))
    return sleutel


PadId = Annotated[int, AfterValidator(_bestaanbaar)]  # pydantic passes a LookupError through
