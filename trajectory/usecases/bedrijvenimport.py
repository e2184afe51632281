"""Stagebedrijven from a CSV file (issue #17): read, check, preview, and register all new
ones or none — the pattern of the leerlingen import (`usecases.importeren`, whose file rules
it shares: UTF-8 with or without BOM, `;` or `,` between the columns, at most
`importeren.MAX_RIJEN` rows and `importeren.MAX_BYTES` bytes).

Columns (any order; only `naam` is needed; other columns, such as the export's `status` and
`bezet`, are ignored): see `KOLOMMEN`. Sectors (`sectoren`, `erkenning_sectoren`) are the
sector numbers 01–10 or `dagbesteding`, separated by `|` or `;` (a `;` inside a
semicolon-separated file needs the cell in quotes, as a spreadsheet writes it); dates as
dd-mm-jjjj or jjjj-mm-dd; `capaciteit` a whole number (empty: no limit).

Every row goes through `StagebedrijfIn`, the same check as the form and the API. A name that
is already in the register (`naam_sleutel`: whatever its case or spacing) is shown as "bestaat
al" and skipped: an import never changes a company that is there (an edit is a change with the
version seen and a reason, made on the company itself). The confirmation reads the file again
and checks everything again; the new companies are registered in one transaction, each with
its audit event, or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_manage_bedrijven
from trajectory.domain.bedrijven import VELD_LABELS, VELDEN, StagebedrijfIn, naam_sleutel
from trajectory.domain.clock import Clock
from trajectory.domain.invoer import tekst_fout
from trajectory.store import tables as t
from trajectory.usecases.bedrijfkeuze import registreer_in
from trajectory.usecases.bedrijven import GEEN_BEHEER
from trajectory.usecases.fouten import NotPermitted
from trajectory.usecases.importeren import DATUMVORMEN, csv_rijen, decodeer

# the register's fields but the check of the erkenning (that is recorded by whoever checks it)
KOLOMMEN = tuple(v for v in VELDEN if v != "erkenning_gecontroleerd_op")
VERPLICHT = ("naam",)
LIJSTEN = ("sectoren", "erkenning_sectoren")
DATUMS = ("erkenning_geldig_tot", "samenwerkingsovereenkomst")
GRADEN = ("breedtegraad", "lengtegraad")
_LIJST_SCHEIDING = re.compile(r"[|;]")
BERICHTEN = {
    "missing": "vul dit in",
    "string_too_short": "vul dit in",
    "string_too_long": "dit is te lang: hoogstens {max_length} tekens",
    "string_pattern_mismatch": "dit is geen webadres (begin met http:// of https://)",
    "literal_error": "'{waarde}' is geen sector (01 t/m 10 of dagbesteding)",
    "too_long": "hoogstens {max_length}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
}


@dataclass(frozen=True)
class Rij:
    regel: int  # line number in the file, the header being line 1
    waarden: dict[str, str]
    bedrijf: StagebedrijfIn | None  # None when the row has errors
    fouten: tuple[str, ...] = ()
    bestaat_al: str | None = None  # the register's name of this company: skipped


@dataclass(frozen=True)
class Voorbeeld:
    rijen: tuple[Rij, ...] = ()
    fouten: tuple[str, ...] = ()  # about the whole file

    @property
    def foute_rijen(self) -> tuple[Rij, ...]:
        return tuple(r for r in self.rijen if r.fouten)

    @property
    def bestaande(self) -> tuple[Rij, ...]:
        return tuple(r for r in self.rijen if r.bestaat_al)

    @property
    def nieuwe(self) -> tuple[StagebedrijfIn, ...]:
        return tuple(r.bedrijf for r in self.rijen if r.bedrijf and not r.bestaat_al)

    @property
    def in_orde(self) -> bool:
        return bool(self.rijen) and not self.fouten and not self.foute_rijen


@dataclass(frozen=True)
class Geimporteerd:
    ids: list[int]
    overgeslagen: int  # rows whose company was already in the register


def mag_importeren(actor: Actor) -> None:
    if not may_manage_bedrijven(actor):
        raise NotPermitted(GEEN_BEHEER)


def lees(tekst: str) -> Voorbeeld:
    """Parse and check each row on its own (no database)."""
    gelezen = csv_rijen(tekst, VERPLICHT, f"Mogelijk: {', '.join(KOLOMMEN)}.", wat="stagebedrijven")
    if isinstance(gelezen, str):
        return Voorbeeld(fouten=(gelezen,))
    kop, ruwe = gelezen
    return Voorbeeld(rijen=tuple(_rij(regel, kop, cellen) for regel, cellen in ruwe))


def _rij(regel: int, kop: list[str], cellen: list[str]) -> Rij:
    waarden = {k: (cellen[i].strip() if i < len(cellen) else "") for i, k in enumerate(kop)}
    waarden = {k: waarden.get(k, "") for k in KOLOMMEN}
    fouten: list[str] = []
    if len(cellen) != len(kop):
        fouten.append(f"de rij heeft {len(cellen)} kolommen, de kopregel {len(kop)}")
    fouten += [
        f"kolom {k}: {b[0].lower()}{b[1:]}" for k, w in waarden.items() if (b := tekst_fout(w))
    ]
    if fouten:
        return Rij(regel, waarden, None, tuple(fouten))
    data = _gegevens(waarden, fouten)
    if fouten:
        return Rij(regel, waarden, None, tuple(fouten))
    try:
        return Rij(regel, waarden, StagebedrijfIn.model_validate(data))
    except ValidationError as exc:
        return Rij(regel, waarden, None, tuple(_nederlands(exc, data)))


def _gegevens(w: dict[str, str], fouten: list[str]) -> dict[str, Any]:
    """The row as StagebedrijfIn's input; what cannot be read is named in `fouten`."""
    data: dict[str, Any] = {k: v for k, v in w.items() if v}
    for kolom in LIJSTEN:
        data[kolom] = [_sector(s) for s in _LIJST_SCHEIDING.split(w[kolom]) if s.strip()]
    for kolom in DATUMS:
        if w[kolom]:
            data[kolom] = _datum(kolom, w[kolom], fouten)
    if w["capaciteit"]:
        tekst = w["capaciteit"]
        if tekst.isascii() and tekst.isdigit() and len(tekst) < 10:
            data["capaciteit"] = int(tekst)
        else:
            fouten.append(f"kolom capaciteit: '{tekst}' is geen heel getal")
    for kolom in GRADEN:
        if w[kolom]:
            try:
                data[kolom] = float(w[kolom].replace(",", "."))
            except ValueError:
                fouten.append(f"kolom {kolom}: '{w[kolom]}' is geen getal")
    return data


def _sector(tekst: str) -> str:
    """'8' and '08' are sector 08; 'Dagbesteding' is dagbesteding."""
    schoon = tekst.strip().lower()
    return schoon.zfill(2) if schoon.isascii() and schoon.isdigit() else schoon


def _datum(kolom: str, tekst: str, fouten: list[str]) -> str | None:
    for vorm in DATUMVORMEN:
        try:
            return datetime.strptime(tekst, vorm).date().isoformat()
        except ValueError:
            continue
    fouten.append(f"kolom {kolom}: '{tekst}' is geen datum (dd-mm-jjjj of jjjj-mm-dd)")
    return None


def _nederlands(exc: ValidationError, data: dict[str, Any]) -> list[str]:
    """Each problem with its column and, in Dutch, what is wrong: our own validators write
    Dutch already (postcode, KvK, e-mail, phone)."""
    fouten = []
    for error in exc.errors(include_url=False):
        kolom = str(error["loc"][0]) if error["loc"] else "rij"
        if error["type"] == "value_error":
            tekst = str(error.get("ctx", {}).get("error", error["msg"]))
        else:
            ctx = dict(error.get("ctx", {}))
            if len(error["loc"]) == 2 and isinstance(error["loc"][1], int):
                ctx["waarde"] = data.get(kolom, [])[error["loc"][1]]
            try:
                tekst = BERICHTEN[error["type"]].format(**ctx)
            except (KeyError, IndexError):
                tekst = "deze waarde klopt niet"
        label = VELD_LABELS.get(kolom, kolom)
        naam = kolom if label == kolom else f"{kolom} ({label})"
        fouten.append(f"kolom {naam}: {tekst[0].lower()}{tekst[1:]}")
    return fouten


def _in_register(session: Session, voorbeeld: Voorbeeld) -> Voorbeeld:
    """Mark the companies already in the register ("bestaat al": skipped) and refuse a
    company that is twice in the file."""
    sleutels = sorted({naam_sleutel(r.bedrijf.naam) for r in voorbeeld.rijen if r.bedrijf})
    bestaand: dict[str, str] = {}
    for begin in range(0, len(sleutels), 500):  # stay below the database's parameter limit
        query = select(t.Stagebedrijf.naam_sleutel, t.Stagebedrijf.naam).where(
            t.Stagebedrijf.naam_sleutel.in_(sleutels[begin : begin + 500])
        )
        bestaand.update({sleutel: naam for sleutel, naam in session.execute(query)})
    gezien: dict[str, int] = {}
    rijen = []
    for rij in voorbeeld.rijen:
        if rij.bedrijf is None:
            rijen.append(rij)
            continue
        sleutel = naam_sleutel(rij.bedrijf.naam)
        if sleutel in gezien:
            fout = f"dit bedrijf staat al eerder in het bestand (regel {gezien[sleutel]})"
            rijen.append(replace(rij, bedrijf=None, fouten=(*rij.fouten, fout)))
            continue
        gezien[sleutel] = rij.regel
        rijen.append(replace(rij, bestaat_al=bestaand.get(sleutel)))
    return replace(voorbeeld, rijen=tuple(rijen))


def bekijk(sessions: sessionmaker[Session], inhoud: bytes, *, actor: Actor) -> Voorbeeld:
    """The preview: every row checked, against the file and the register."""
    mag_importeren(actor)
    voorbeeld = lees(decodeer(inhoud))
    with sessions() as session:
        return _in_register(session, voorbeeld)


def importeer(
    sessions: sessionmaker[Session], inhoud: bytes, *, actor: Actor, clock: Clock
) -> Voorbeeld | Geimporteerd:
    """Check everything again; register every new company in one transaction, only when
    every row is in order. Returns the new ids, or the checked preview with its errors
    (nothing registered). A company registered by someone else since the preview makes
    `registreer_in` refuse it, and the whole import rolls back."""
    voorbeeld = bekijk(sessions, inhoud, actor=actor)
    if not voorbeeld.in_orde:
        return voorbeeld
    moment = clock.now()
    with sessions.begin() as session:
        ids = [
            registreer_in(session, bedrijf, actor, moment, bij_import=True)
            for bedrijf in voorbeeld.nieuwe
        ]
    return Geimporteerd(ids, len(voorbeeld.bestaande))
