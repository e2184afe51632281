"""Leerlingen from a CSV export of the school's administration: read, check, import.

Columns naam, geboortedatum, klas, leerjaar, mentor (in any order, more columns are ignored);
`;` or `,` between them; UTF-8 with or without BOM; dates as dd-mm-jjjj or jjjj-mm-dd.
Every row is checked and every problem is named in Dutch; the import itself is all or nothing
(`recording.create_leerlingen`, one transaction). The confirmation reads the file again and
checks everything again: the preview the user saw is never trusted as such.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import Actor, may_see
from trajectory.domain.clock import Clock, today
from trajectory.domain.invoer import tekst_fout
from trajectory.store import tables as t
from trajectory.usecases.fouten import Ongeldig
from trajectory.usecases.vastleggen import LEERJAREN, NieuweLeerling, create_leerlingen

KOLOMMEN = ("naam", "geboortedatum", "klas", "leerjaar", "mentor")
VERPLICHT = ("naam", "geboortedatum", "leerjaar")
MAX_BYTES = 2_000_000
MAX_RIJEN = 2000  # one transaction: about 5 s on SQLite, which holds its one writer meanwhile
LEEFTIJD = (8, 25)  # a birth date outside this range is almost certainly a typing error
DATUMVORMEN = ("%d-%m-%Y", "%Y-%m-%d")


NIET_TE_VERWERKEN = (
    "Dit bestand kan niet worden geïmporteerd zoals het is. Bespreek het met de teamleider."
)


class ImportFout(Ongeldig):
    """The file as a whole cannot be read (not a problem of one row)."""


@dataclass(frozen=True)
class Rij:
    regel: int  # line number in the file, the header being line 1
    waarden: dict[str, str]
    leerling: NieuweLeerling | None  # None when the row has errors
    fouten: tuple[str, ...] = ()
    opmerkingen: tuple[str, ...] = ()  # shown, not blocking


@dataclass(frozen=True)
class Voorbeeld:
    rijen: tuple[Rij, ...] = ()
    fouten: tuple[str, ...] = ()  # about the whole file
    kolommen: tuple[str, ...] = field(default=KOLOMMEN)
    verborgen_dubbel: bool = False  # a row is a leerling the uploader may not see: not shown

    @property
    def foute_rijen(self) -> tuple[Rij, ...]:
        return tuple(r for r in self.rijen if r.fouten)

    @property
    def in_orde(self) -> bool:
        return bool(self.rijen) and not self.fouten and not self.foute_rijen


def decodeer(inhoud: bytes) -> str:
    if len(inhoud) > MAX_BYTES:
        raise ImportFout(f"Het bestand is groter dan {MAX_BYTES // 1_000_000} MB.")
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFout(
            "Het bestand is geen UTF-8-tekst. Sla het in Excel op als 'CSV UTF-8 "
            "(door komma's gescheiden)', of exporteer het opnieuw als UTF-8."
        ) from exc


def scheidingsteken(kopregel: str) -> str:
    return ";" if kopregel.count(";") >= kopregel.count(",") else ","


def csv_rijen(
    tekst: str, verplicht: Sequence[str], uitleg: str, *, wat: str = "leerlingen"
) -> tuple[list[str], list[tuple[int, list[str]]]] | str:
    """The header (lower case) and the non-empty rows with their line numbers, or the Dutch
    reason the file as a whole cannot be read; `uitleg` ends the missing-columns message and
    `wat` names what the rows are ("leerlingen", "stagebedrijven")."""
    regels = tekst.splitlines()
    if not regels or not regels[0].strip():
        return "Het bestand is leeg."
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken(regels[0]))
    try:
        kop = [k.strip().lower() for k in next(lezer)]
        ruwe_rijen = [(lezer.line_num, r) for r in lezer if any(c.strip() for c in r)]
    except csv.Error as exc:
        return f"Het bestand is geen geldige CSV: {exc}."
    if ontbreekt := [k for k in verplicht if k not in kop]:
        return (
            "De eerste regel moet de kolomnamen bevatten; niet gevonden: "
            + ", ".join(ontbreekt)
            + f". {uitleg}"
        )
    if not ruwe_rijen:
        return f"Het bestand bevat geen {wat}."
    if len(ruwe_rijen) > MAX_RIJEN:
        return f"Meer dan {MAX_RIJEN} {wat}: splits het bestand."
    return kop, ruwe_rijen


def lees(tekst: str, *, op: date) -> Voorbeeld:
    """Parse and check each row on its own (no database)."""
    gelezen = csv_rijen(tekst, VERPLICHT, f"Verwacht: {', '.join(KOLOMMEN)}.")
    if isinstance(gelezen, str):
        return Voorbeeld(fouten=(gelezen,))
    kop, ruwe_rijen = gelezen
    return Voorbeeld(rijen=tuple(_rij(regel, kop, cellen, op) for regel, cellen in ruwe_rijen))


def _rij(regel: int, kop: list[str], cellen: list[str], op: date) -> Rij:
    waarden = {k: (cellen[i].strip() if i < len(cellen) else "") for i, k in enumerate(kop)}
    waarden = {k: waarden.get(k, "") for k in KOLOMMEN}
    fouten: list[str] = []
    if len(cellen) != len(kop):
        fouten.append(f"de rij heeft {len(cellen)} kolommen, de kopregel {len(kop)}")
    fouten.extend(
        f"kolom {k}: {bericht[0].lower()}{bericht[1:]}"
        for k, w in waarden.items()
        if (bericht := tekst_fout(w))
    )
    naam = " ".join(waarden["naam"].split())
    if not naam:
        fouten.append("de naam ontbreekt")
    elif len(naam) > 200:
        fouten.append("de naam is langer dan 200 tekens")
    geboortedatum = _datum(waarden["geboortedatum"], op, fouten)
    leerjaar = waarden["leerjaar"].lower()
    if leerjaar not in LEERJAREN:
        fouten.append(f"leerjaar '{waarden['leerjaar']}' bestaat niet (1 t/m 5 of Entree)")
    klas = waarden["klas"] or None
    if klas and len(klas) > 20:
        fouten.append("de klas is langer dan 20 tekens")
    if fouten or geboortedatum is None:
        return Rij(regel, waarden, None, tuple(fouten))
    return Rij(regel, waarden, NieuweLeerling(naam, geboortedatum, leerjaar, klas))


def _datum(tekst: str, op: date, fouten: list[str]) -> date | None:
    if not tekst:
        fouten.append("de geboortedatum ontbreekt")
        return None
    for vorm in DATUMVORMEN:
        try:
            datum = datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
        leeftijd = op.year - datum.year - ((op.month, op.day) < (datum.month, datum.day))
        if datum > op:
            fouten.append(f"de geboortedatum {datum:%d-%m-%Y} ligt in de toekomst")
        elif not LEEFTIJD[0] <= leeftijd <= LEEFTIJD[1]:
            fouten.append(
                f"met geboortedatum {datum:%d-%m-%Y} is de leerling {leeftijd} jaar; "
                "klopt de datum?"
            )
        return datum
    fouten.append(f"geboortedatum '{tekst}' is geen datum (dd-mm-jjjj of jjjj-mm-dd)")
    return None


def met_database(
    voorbeeld: Voorbeeld, bestaand: set[tuple[str, date]], mentoren: dict[str, set[str]]
) -> Voorbeeld:
    """Add what only the database knows: doubles (in the file or already in Stagetraject),
    and whether the named mentor is a mentor of that klas here (a remark: the mentor of the
    klas gets the notifications in any case)."""
    gezien: dict[tuple[str, date], int] = {}
    rijen = []
    for rij in voorbeeld.rijen:
        fouten, opmerkingen = list(rij.fouten), list(rij.opmerkingen)
        if rij.leerling is not None:
            sleutel = (rij.leerling.naam, rij.leerling.geboortedatum)
            if sleutel in bestaand:
                fouten.append("deze leerling (naam en geboortedatum) staat al in Stagetraject")
            elif sleutel in gezien:
                fouten.append(
                    f"deze leerling staat al eerder in het bestand (regel {gezien[sleutel]})"
                )
            gezien.setdefault(sleutel, rij.regel)
            opmerkingen.extend(_mentor_opmerking(rij, mentoren))
        rijen.append(
            replace(
                rij,
                leerling=None if fouten else rij.leerling,
                fouten=tuple(fouten),
                opmerkingen=tuple(opmerkingen),
            )
        )
    return replace(voorbeeld, rijen=tuple(rijen))


def _mentor_opmerking(rij: Rij, mentoren: dict[str, set[str]]) -> Iterable[str]:
    klas, mentor = rij.waarden["klas"], rij.waarden["mentor"]
    if not klas:
        return ["geen klas: er is geen mentor die meldingen krijgt"]
    if not mentoren.get(klas):
        return [f"klas {klas} heeft nog geen mentor in Stagetraject"]
    if mentor and mentor.lower() not in mentoren[klas]:
        return [f"'{mentor}' is in Stagetraject geen mentor van klas {klas}"]
    return []


Paar = tuple[str, date]


def _bestaand(session: Session, voorbeeld: Voorbeeld, actor: Actor) -> tuple[set[Paar], set[Paar]]:
    """The file's leerlingen already here: those the actor may see, and those it may not."""
    paren = {(r.leerling.naam, r.leerling.geboortedatum) for r in voorbeeld.rijen if r.leerling}
    namen = sorted({naam for naam, _ in paren})
    zichtbaar: set[Paar] = set()
    verborgen: set[Paar] = set()
    for begin in range(0, len(namen), 500):  # stay below the database's parameter limit
        rows = session.execute(
            select(
                t.Leerling.naam,
                t.Leerling.geboortedatum,
                t.Leerling.stagebegeleider_id,
                t.Leerling.klas,
            ).where(t.Leerling.naam.in_(namen[begin : begin + 500]))
        )
        for naam, datum, begeleider, klas in rows:
            (zichtbaar if may_see(actor, begeleider, klas) else verborgen).add((naam, datum))
    return zichtbaar & paren, (verborgen - zichtbaar) & paren


def _mentoren(session: Session) -> dict[str, set[str]]:
    mentoren: dict[str, set[str]] = {}
    rows = session.execute(
        select(t.Gebruiker.klas, t.Gebruiker.naam, t.Gebruiker.email).where(
            t.Gebruiker.rol == "mentor", t.Gebruiker.actief
        )
    )
    for klas, naam, email in rows:
        if klas is not None:
            mentoren.setdefault(klas, set()).update({naam.lower(), email.lower()})
    return mentoren


def bekijk(
    sessions: sessionmaker[Session], inhoud: bytes, *, actor: Actor, clock: Clock
) -> Voorbeeld:
    """The preview: every row checked, against the file and the database.

    A row that is already in Stagetraject is named only when the uploader may see that
    leerling (#14 finding 6: "staat al in Stagetraject" would tell a stagebegeleider that a
    pupil of someone else exists). Otherwise the row looks in order here, and the confirmation
    refuses the whole file with a message that names no row (`NIET_TE_VERWERKEN`): no silent
    second leerling, and the teamleider, who sees everyone, finds the double.
    """
    voorbeeld = lees(decodeer(inhoud), op=today(clock))
    with sessions() as session:
        zichtbaar, verborgen = _bestaand(session, voorbeeld, actor)
        gecontroleerd = met_database(voorbeeld, zichtbaar, _mentoren(session))
    return replace(gecontroleerd, verborgen_dubbel=bool(verborgen))


def importeer(
    sessions: sessionmaker[Session],
    inhoud: bytes,
    *,
    actor: Actor,
    clock: Clock,
    stagebegeleider_id: int | None = None,
    voortgang: Callable[[int], None] | None = None,
    totaal: Callable[[int], None] | None = None,
) -> Voorbeeld | list[int]:
    """Check everything again; import all rows in one transaction only when every row is in
    order. Returns the new ids, or the checked preview with its errors (nothing imported)."""
    voorbeeld = bekijk(sessions, inhoud, actor=actor, clock=clock)
    if not voorbeeld.in_orde:
        return voorbeeld
    if voorbeeld.verborgen_dubbel:
        return replace(voorbeeld, fouten=(NIET_TE_VERWERKEN,))
    nieuwe = [
        replace(r.leerling, stagebegeleider_id=stagebegeleider_id)
        for r in voorbeeld.rijen
        if r.leerling is not None
    ]
    if totaal is not None:
        totaal(len(nieuwe))
    return create_leerlingen(sessions, nieuwe, actor=actor, clock=clock, voortgang=voortgang)
