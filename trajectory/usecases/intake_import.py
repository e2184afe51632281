"""Go-live intake from a CSV export: read, check, preview, and take all rows in or none.

The same pattern as the leerlingen import (`usecases.importeren`, whose file rules it shares:
UTF-8 with or without BOM, `;` or `,`, dates as dd-mm-jjjj or jjjj-mm-dd): every row is
checked and every problem named in Dutch; the confirmation reads the file again and checks
everything again; the rows go through `usecases.intake` in one transaction.

Columns (any order; more are ignored): naam, geboortedatum, klas, leerjaar, fase, and as the
fase asks: stagebegeleider (e-mail), stage_ondersteuning (ja/nee), advies (zelfstandig /
groepsstage), bedrijf, sector (1–10), startdatum, einddatum, dagdelen ("ma ochtend, di
middag"), rooster ("di 09:00-14:30 30; do 09:00-14:30 30": day,
times, pauses in minutes), perioden_afgerond (0–3), laatste_bezoek, uren, studieadvies
(positief / negatief), definitieve_sector, vertrekdatum, uitstroomprofiel, bestemming,
erkend_leerbedrijf (ja/nee: the export's old checkbox; the SBB erkenning is the register's now
(#17), so "ja" is taken only when the register gives the company an erkenning for the sector on
the start date, else the row is refused with where to record it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.access import BEGELEIDERS, Actor, may_take_in
from trajectory.domain.clock import Clock, today
from trajectory.domain.intake import IntakeIn
from trajectory.domain.invoer import tekst_fout
from trajectory.domain.snapshot import DAGDELEN, SECTOREN
from trajectory.guards.arbeidstijden import WEEKDAGEN
from trajectory.machines import STATES
from trajectory.store import tables as t
from trajectory.usecases.bedrijfkeuze import erkenning_niet_in_register
from trajectory.usecases.fouten import NotPermitted
from trajectory.usecases.importeren import (
    DATUMVORMEN,
    _datum,
    csv_rijen,
    decodeer,
)
from trajectory.usecases.intake import ALLEEN_TEAMLEIDER, neem_alle_op

VERPLICHT = ("naam", "geboortedatum", "leerjaar", "fase")
KOLOMMEN = (
    *VERPLICHT,
    "klas",
    "stagebegeleider",
    "stage_ondersteuning",
    "advies",
    "bedrijf",
    "sector",
    "startdatum",
    "einddatum",
    "dagdelen",
    "rooster",
    "perioden_afgerond",
    "laatste_bezoek",
    "uren",
    "studieadvies",
    "definitieve_sector",
    "vertrekdatum",
    "uitstroomprofiel",
    "bestemming",
    "erkend_leerbedrijf",
)
DATUMS = ("startdatum", "einddatum", "laatste_bezoek", "vertrekdatum")
JA_NEE = {"ja": True, "j": True, "nee": False, "n": False, "": None}
DAGEN = {dag[:2]: dag for dag in WEEKDAGEN}


@dataclass(frozen=True)
class Rij:
    regel: int
    waarden: dict[str, str]
    intake: IntakeIn | None  # None when the row has errors
    fouten: tuple[str, ...] = ()


@dataclass(frozen=True)
class Voorbeeld:
    rijen: tuple[Rij, ...] = ()
    fouten: tuple[str, ...] = ()

    @property
    def foute_rijen(self) -> tuple[Rij, ...]:
        return tuple(r for r in self.rijen if r.fouten)

    @property
    def in_orde(self) -> bool:
        return bool(self.rijen) and not self.fouten and not self.foute_rijen


def lees(tekst: str, *, op: date, begeleiders: dict[str, int]) -> Voorbeeld:
    """Parse and check each row on its own (`begeleiders`: e-mail -> id, from the database)."""
    gelezen = csv_rijen(tekst, VERPLICHT, f"Mogelijk: {', '.join(KOLOMMEN)}.")
    if isinstance(gelezen, str):
        return Voorbeeld(fouten=(gelezen,))
    kop, ruwe = gelezen
    return Voorbeeld(
        rijen=tuple(_rij(regel, kop, cellen, op, begeleiders) for regel, cellen in ruwe)
    )


def _rij(
    regel: int, kop: list[str], cellen: list[str], op: date, begeleiders: dict[str, int]
) -> Rij:
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
    data = _gegevens(waarden, op, begeleiders, fouten)
    if fouten:
        return Rij(regel, waarden, None, tuple(fouten))
    try:
        return Rij(regel, waarden, IntakeIn.model_validate(data))
    except ValidationError as exc:
        return Rij(regel, waarden, None, tuple(_nederlands(exc)))


def _gegevens(
    w: dict[str, str], op: date, begeleiders: dict[str, int], fouten: list[str]
) -> dict[str, Any]:
    """The row as IntakeIn's input; what cannot be read is named in `fouten`."""
    data: dict[str, Any] = {"naam": " ".join(w["naam"].split()), "leerjaar": w["leerjaar"].lower()}
    data["geboortedatum"] = _datum(w["geboortedatum"], op, fouten)
    fase = "_".join(w["fase"].lower().split())
    if fase not in STATES:
        fouten.append(
            f"fase '{w['fase']}' bestaat niet (bijvoorbeeld: stage zoeken, entree, nazorg)"
        )
    data["state"] = fase
    for kolom in DATUMS:
        if w[kolom]:
            data[kolom] = _andere_datum(kolom, w[kolom], fouten)
    for kolom in ("klas", "bedrijf", "bestemming", "advies", "uitstroomprofiel"):
        if w[kolom]:
            data[kolom] = (
                w[kolom] if kolom in ("klas", "bedrijf", "bestemming") else w[kolom].lower()
            )
    for kolom in ("sector", "definitieve_sector"):
        if w[kolom]:
            data[kolom] = _sector(kolom, w[kolom], fouten)
    for kolom in ("stage_ondersteuning", "erkend_leerbedrijf"):
        if (ja := JA_NEE.get(w[kolom].lower(), "?")) == "?":
            fouten.append(f"kolom {kolom}: '{w[kolom]}' is geen ja of nee")
        elif ja is not None and kolom in IntakeIn.model_fields:
            data[kolom] = ja
    if w["studieadvies"]:
        advies = {"positief": True, "negatief": False}.get(w["studieadvies"].lower())
        if advies is None:
            fouten.append(f"kolom studieadvies: '{w['studieadvies']}' is niet positief of negatief")
        data["studieadvies_positief"] = advies
    if w["uren"]:
        try:
            data["uren"] = float(w["uren"].replace(",", "."))
        except ValueError:
            fouten.append(f"kolom uren: '{w['uren']}' is geen getal")
    if w["perioden_afgerond"]:
        if w["perioden_afgerond"] not in ("0", "1", "2", "3"):
            fouten.append(f"kolom perioden_afgerond: '{w['perioden_afgerond']}' is geen 0 t/m 3")
        else:
            data["perioden_afgerond"] = int(w["perioden_afgerond"])
    if w["dagdelen"]:
        data["dagdelen"] = _dagdelen(w["dagdelen"], fouten)
    if w["rooster"]:
        data["rooster"] = _rooster(w["rooster"], fouten)
    if w["stagebegeleider"]:
        data["stagebegeleider_id"] = begeleiders.get(w["stagebegeleider"].lower())
        if data["stagebegeleider_id"] is None:
            fouten.append(f"'{w['stagebegeleider']}' is geen (actieve) stagebegeleider hier")
    return data


def _andere_datum(kolom: str, tekst: str, fouten: list[str]) -> date | None:
    for vorm in DATUMVORMEN:
        try:
            return datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
    fouten.append(f"kolom {kolom}: '{tekst}' is geen datum (dd-mm-jjjj of jjjj-mm-dd)")
    return None


def _sector(kolom: str, tekst: str, fouten: list[str]) -> str | None:
    code = tekst.zfill(2) if tekst.isdigit() else tekst
    if code not in SECTOREN:
        fouten.append(f"kolom {kolom}: sector '{tekst}' bestaat niet (1 t/m 10)")
        return None
    return code


def _dagdelen(tekst: str, fouten: list[str]) -> list[str]:
    dagdelen = ["_".join(d.lower().split()) for d in tekst.split(",") if d.strip()]
    if onbekend := [d for d in dagdelen if d not in DAGDELEN]:
        fouten.append(f"kolom dagdelen: '{onbekend[0]}' is geen dagdeel (zoals 'ma ochtend')")
    return dagdelen


def _rooster(tekst: str, fouten: list[str]) -> dict[str, Any]:
    """ "di 09:00-14:30 30; do 09:00-14:30" -> the rooster's days (pauses in minutes)."""
    dagen: dict[str, Any] = {}
    for deel in (d.split() for d in tekst.split(";") if d.strip()):
        dag = DAGEN.get(deel[0][:2].lower()) if deel else None
        tijden = deel[1].split("-") if len(deel) > 1 else []
        if dag is None or len(tijden) != 2 or not all(p.isdigit() for p in deel[2:]):
            fouten.append(
                f"kolom rooster: '{' '.join(deel)}' is geen roosterdag (zoals 'di 09:00-14:30 30')"
            )
            continue
        dagen[dag] = {"start": tijden[0], "eind": tijden[1], "pauzes": [int(p) for p in deel[2:]]}
    return dagen


def _nederlands(exc: ValidationError) -> list[str]:
    """Our own validators write Dutch; anything else is named by its column."""
    fouten = []
    for error in exc.errors(include_url=False):
        if error["type"] == "value_error":
            fouten.append(str(error.get("ctx", {}).get("error", error["msg"])))
        else:
            kolom = ".".join(str(p) for p in error["loc"]) or "rij"
            fouten.append(f"kolom {kolom}: deze waarde klopt niet")
    return fouten


def _begeleiders(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(t.Gebruiker.email, t.Gebruiker.id).where(
            t.Gebruiker.rol.in_(BEGELEIDERS), t.Gebruiker.actief
        )
    )
    return {email.lower(): gebruiker_id for email, gebruiker_id in rows}


def _dubbel(session: Session, voorbeeld: Voorbeeld) -> Voorbeeld:
    """A row already in Stagetraject (naam and geboortedatum) or twice in the file; the
    teamleider, who alone takes leerlingen in, sees every leerling (no hidden doubles)."""
    paren = {(r.intake.naam, r.intake.geboortedatum) for r in voorbeeld.rijen if r.intake}
    bestaand: set[tuple[str, date]] = set()
    namen = sorted({naam for naam, _ in paren})
    for begin in range(0, len(namen), 500):  # stay below the database's parameter limit
        query = select(t.Leerling.naam, t.Leerling.geboortedatum).where(
            t.Leerling.naam.in_(namen[begin : begin + 500])
        )
        bestaand |= {(naam, geboren) for naam, geboren in session.execute(query)} & paren
    gezien: dict[tuple[str, date], int] = {}
    rijen = []
    for rij in voorbeeld.rijen:
        fouten = list(rij.fouten)
        if rij.intake is not None:
            sleutel = (rij.intake.naam, rij.intake.geboortedatum)
            if sleutel in bestaand:
                fouten.append("deze leerling (naam en geboortedatum) staat al in Stagetraject")
            elif sleutel in gezien:
                fouten.append(
                    f"deze leerling staat al eerder in het bestand (regel {gezien[sleutel]})"
                )
            gezien.setdefault(sleutel, rij.regel)
        rijen.append(replace(rij, intake=None if fouten else rij.intake, fouten=tuple(fouten)))
    return replace(voorbeeld, rijen=tuple(rijen))


def _erkenning(session: Session, voorbeeld: Voorbeeld) -> Voorbeeld:
    """A row whose erkend_leerbedrijf says "ja" where the register gives its company no
    erkenning for the sector on the start date (`bedrijfkeuze.erkenning_niet_in_register`)."""
    rijen = []
    for rij in voorbeeld.rijen:
        fouten = list(rij.fouten)
        i = rij.intake
        if i is not None and JA_NEE.get(rij.waarden["erkend_leerbedrijf"].lower()):
            reden = (
                "Ja, maar deze regel noemt geen stagebedrijf met een startdatum"
                if not i.bedrijf or i.startdatum is None
                else erkenning_niet_in_register(
                    session,
                    stagebedrijf_id=None,
                    naam=i.bedrijf,
                    sector=i.sector,
                    startdatum=i.startdatum,
                    waar="Bedrijven, /bedrijven/{id}",
                )
            )
            if reden:
                fouten.append(f"kolom erkend_leerbedrijf: {reden}")
        rijen.append(replace(rij, intake=None if fouten else rij.intake, fouten=tuple(fouten)))
    return replace(voorbeeld, rijen=tuple(rijen))


def bekijk(
    sessions: sessionmaker[Session], inhoud: bytes, *, actor: Actor, clock: Clock
) -> Voorbeeld:
    """The preview: every row checked, against the file and the database."""
    if not may_take_in(actor):
        raise NotPermitted(ALLEEN_TEAMLEIDER)
    tekst = decodeer(inhoud)
    with sessions() as session:
        voorbeeld = lees(tekst, op=today(clock), begeleiders=_begeleiders(session))
        return _erkenning(session, _dubbel(session, voorbeeld))


def importeer(
    sessions: sessionmaker[Session],
    inhoud: bytes,
    *,
    actor: Actor,
    clock: Clock,
    voortgang: Callable[[int], None] | None = None,
) -> Voorbeeld | list[int]:
    """Check everything again; take all rows in, in one transaction, only when every row is
    in order. Returns the new ids, or the checked preview with its errors (nothing taken in)."""
    voorbeeld = bekijk(sessions, inhoud, actor=actor, clock=clock)
    if not voorbeeld.in_orde:
        return voorbeeld
    intakes = [r.intake for r in voorbeeld.rijen if r.intake is not None]
    return neem_alle_op(sessions, intakes, actor=actor, clock=clock, voortgang=voortgang)
