"""Why a form was not accepted, in Dutch, per form field (the dotted name of the model field)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from trajectory.domain.invoer import DATUM_FOUT, TEKST_FOUT

BERICHTEN = {
    "missing": "Vul dit in.",
    "string_too_short": "Vul dit in.",
    "string_too_long": "Dit is te lang: hoogstens {max_length} tekens.",
    "too_short": "Kies er minstens {min_length}.",
    "too_long": "Kies er hoogstens {max_length}.",
    "literal_error": "Kies een van de mogelijkheden.",
    "date_parsing": "Dit is geen datum (dd-mm-jjjj).",
    "date_from_datetime_parsing": "Dit is geen datum (dd-mm-jjjj).",
    "date_type": "Dit is geen datum (dd-mm-jjjj).",
    "time_parsing": "Dit is geen tijd (uu:mm).",
    "time_type": "Dit is geen tijd (uu:mm).",
    "int_parsing": "Vul een heel getal in.",
    "int_type": "Vul een heel getal in.",
    "int_from_float": "Vul een heel getal in.",
    "float_parsing": "Vul een getal in.",
    "bool_parsing": "Kies ja of nee.",
    "greater_than": "Moet groter zijn dan {gt}.",
    "greater_than_equal": "Moet minstens {ge} zijn.",
    "less_than": "Moet kleiner zijn dan {lt}.",
    "less_than_equal": "Mag hoogstens {le} zijn.",
    "extra_forbidden": "Dit veld hoort niet bij dit formulier.",
    "datum_bereik": DATUM_FOUT,
    "tekst_ongeldig": TEKST_FOUT,
}
ALGEMEEN = "Deze waarde klopt niet."


def zin(tekst: str) -> str:
    """A domain message ("ligt in de toekomst") as a sentence."""
    return tekst[:1].upper() + tekst[1:] + ("" if tekst.endswith(".") else ".")


def bericht(error: Any) -> str:
    if error["type"] == "value_error":
        # our own validators write Dutch; pydantic puts "Value error, " before it
        return zin(str(error.get("ctx", {}).get("error", error["msg"])))
    sjabloon = BERICHTEN.get(error["type"], ALGEMEEN)
    try:
        return sjabloon.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return ALGEMEEN


def per_veld(exc: ValidationError) -> dict[str, list[str]]:
    """Messages per dotted field name; "" is the form as a whole."""
    fouten: dict[str, list[str]] = {}
    for error in exc.errors(include_url=False):
        naam = ".".join(str(part) for part in error["loc"])
        fouten.setdefault(naam, []).append(bericht(error))
    return fouten


def plaats(fouten: dict[str, list[str]], namen: Iterable[str]) -> dict[str, list[str]]:
    """Messages for a field the form does not show go to the top of the form."""
    namen = set(namen)
    result: dict[str, list[str]] = {}
    for naam, berichten in fouten.items():
        result.setdefault(naam if naam in namen else "", []).extend(berichten)
    return result
