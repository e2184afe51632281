"""What the register's pages show (issue #17): the list with its marks, and a company's page
with its history and figures. Read only; every change to the register is usecases/bedrijven.py.

A viewer reads the register if `may_read_bedrijven`; of the placements at a company they see
the leerling's name only where `may_see` lets them see the leerling, the others are counted.
The figures (placements per school year, uitval rate, beoordelingen) count every placement:
they name nobody.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from trajectory.domain.access import Actor, may_manage_bedrijven, may_see
from trajectory.domain.bedrijven import StagebedrijfIn, erkend_op, naam_sleutel, vrije_plaatsen
from trajectory.domain.invoer import MAX_KORT
from trajectory.domain.records import UITVAL_CODES
from trajectory.domain.schooljaar import schooljaarnaam
from trajectory.domain.snapshot import SECTOREN
from trajectory.domain.stagezoeken import RECENTE_UITVAL
from trajectory.store import bedrijfsoverzicht as rijen
from trajectory.store import bedrijven as register_rijen
from trajectory.store import tables as t
from trajectory.usecases.bedrijven import mag_inzien
from trajectory.usecases.fouten import BedrijfNotFound, PraktijkbegeleiderNotFound

PER_PAGINA = 50
UITKOMSTEN = {  # a placement's status as its outcome on the company page
    "gepland": "gepland",
    "lopend": "loopt",
    "afgerond": "afgerond",
    "afgebroken": "afgebroken",
    "vervallen": "niet doorgegaan",
}
GESTART = ("lopend", "afgerond", "afgebroken")  # a placement that began counts in the figures
GEEINDIGD = ("afgerond", "afgebroken")


@dataclass(frozen=True)
class Registerregel:
    """One company on the list, with its marks."""

    id: int
    naam: str
    plaats: str
    sectoren: tuple[str, ...]
    status: str
    capaciteit: int | None
    bezet: int
    vrij: int | None  # None: no limit recorded
    erkend: bool  # an erkenning valid today for at least one sector
    erkenning_verlopen: bool
    recente_uitval: date | None
    erkenning_geldig_tot: date | None = None


def erkend_vandaag(geldig_tot: date | None, sectoren: list[str], op: date) -> bool:
    return any(erkend_op(geldig_tot, sectoren, sector, op) for sector in sectoren)


def erkenning_verlopen(geldig_tot: date | None, op: date) -> bool:
    """An erkenning was recorded and has ended (the list marks it)."""
    return geldig_tot is not None and geldig_tot < op


def register(
    session: Session,
    actor: Actor,
    filt: rijen.Registerfilter,
    *,
    op: date,
    pagina: int,
    per_pagina: int = PER_PAGINA,
) -> tuple[list[Registerregel], int]:
    """One page of the register as the filters choose it, and how many companies match."""
    mag_inzien(actor)
    rows, totaal = rijen.register(
        session, filt, uitval_sinds=op - RECENTE_UITVAL, page=pagina, per_page=per_pagina
    )
    regels = [
        Registerregel(
            id=r.id,
            naam=r.naam,
            plaats=r.plaats,
            sectoren=tuple(r.sectoren or ()),
            status=r.status,
            capaciteit=r.capaciteit,
            bezet=r.bezet,
            vrij=vrije_plaatsen(r.capaciteit, r.bezet),
            erkend=erkend_vandaag(r.erkenning_geldig_tot, r.erkenning_sectoren or [], op),
            erkenning_verlopen=erkenning_verlopen(r.erkenning_geldig_tot, op),
            recente_uitval=r.laatste_uitval,
            erkenning_geldig_tot=r.erkenning_geldig_tot,
        )
        for r in rows
    ]
    return regels, totaal


@dataclass
class Plaatsingregel:
    """A placement at the company as the viewer may see it."""

    id: int
    leerling_id: int
    naam: str
    status: str
    uitkomst: str
    uitval: str | None  # the coded reason's label
    sector: str
    startdatum: date
    einddatum: date | None
    praktijkbegeleider: str | None
    beoordelingen: list[dict[str, Any]] = field(default_factory=list)
    bezoeken: list[date] = field(default_factory=list)


@dataclass(frozen=True)
class Cijfers:
    per_schooljaar: tuple[tuple[str, int], ...]
    geeindigd: int
    uitgevallen: int
    beoordelingen: int
    voldoende: int

    @property
    def uitval_procent(self) -> int | None:
        return round(100 * self.uitgevallen / self.geeindigd) if self.geeindigd else None

    @property
    def voldoende_procent(self) -> int | None:
        return round(100 * self.voldoende / self.beoordelingen) if self.beoordelingen else None


@dataclass(frozen=True)
class Bedrijfspagina:
    bedrijf: t.Stagebedrijf
    praktijkbegeleiders: list[t.Praktijkbegeleider]
    namen: dict[int, str]  # accounts named on the page (status set by, erkenning checked by)
    plaatsingen: list[Plaatsingregel]  # the ones whose leerling the viewer may see
    verborgen: int  # placements of leerlingen the viewer may not see
    huidige: list[Plaatsingregel]
    huidige_verborgen: int
    cijfers: Cijfers
    vrij: int | None
    bezet: int
    erkend: bool
    erkenning_verlopen: bool
    recente_uitval: date | None
    mag_beheren: bool


def bedrijfspagina(session: Session, actor: Actor, bedrijf_id: int, op: date) -> Bedrijfspagina:
    """Everything the company page shows, in four queries whatever the company's history."""
    mag_inzien(actor)
    bedrijf = register_rijen.get_bedrijf(session, bedrijf_id)
    if bedrijf is None:
        raise BedrijfNotFound(bedrijf_id)
    pbs = list(register_rijen.praktijkbegeleiders_van(session, bedrijf.id))
    pb_namen = {pb.id: pb.naam for pb in pbs}
    records = rijen.vastleggingen_bij(session, bedrijf.id, ("uitval", "beoordeling", "bezoek"))
    alle: list[tuple[Plaatsingregel, bool]] = []
    uitval = {r.plaatsing_id: r for r in records if r.kind == "uitval"}
    for p in rijen.plaatsingen_bij(session, bedrijf.id):
        code = uitval[p.id].data.get("code") if p.id in uitval else None
        regel = Plaatsingregel(
            id=p.id,
            leerling_id=p.leerling_id,
            naam=p.naam,
            status=p.status,
            uitkomst="uitgevallen" if p.id in uitval else UITKOMSTEN.get(p.status, p.status),
            uitval=UITVAL_CODES.get(code or "overig") if p.id in uitval else None,
            sector=SECTOREN.get(p.sector or "", ""),
            startdatum=p.startdatum,
            einddatum=p.einddatum,
            praktijkbegeleider=pb_namen.get(p.praktijkbegeleider_id or 0),
        )
        alle.append((regel, may_see(actor, p.stagebegeleider_id, p.klas)))
    per_id = {regel.id: regel for regel, _ in alle}
    for r in records:
        bij = per_id.get(r.plaatsing_id)
        if bij is None:
            continue
        if r.kind == "beoordeling":
            bij.beoordelingen.append(
                {"datum": r.datum, "soort": r.data.get("soort"), "uitslag": r.data.get("uitslag")}
            )
        elif r.kind == "bezoek":
            bij.bezoeken.append(r.datum)
    zichtbaar = [regel for regel, ziet in alle if ziet]
    lopend = [(regel, ziet) for regel, ziet in alle if regel.status == rijen.LOPEND]
    bezet = len(lopend)
    laatste_uitval = max(
        (r.datum for r in records if r.kind == "uitval" and r.datum >= op - RECENTE_UITVAL),
        default=None,
    )
    return Bedrijfspagina(
        bedrijf=bedrijf,
        praktijkbegeleiders=pbs,
        namen=rijen.gebruikersnamen(
            session, (bedrijf.status_door_id, bedrijf.erkenning_gecontroleerd_door_id)
        ),
        plaatsingen=zichtbaar,
        verborgen=len(alle) - len(zichtbaar),
        huidige=[regel for regel, ziet in lopend if ziet],
        huidige_verborgen=sum(1 for _, ziet in lopend if not ziet),
        cijfers=_cijfers([regel for regel, _ in alle], records),
        vrij=vrije_plaatsen(bedrijf.capaciteit, bezet),
        bezet=bezet,
        erkend=erkend_vandaag(bedrijf.erkenning_geldig_tot, bedrijf.erkenning_sectoren, op),
        erkenning_verlopen=erkenning_verlopen(bedrijf.erkenning_geldig_tot, op),
        recente_uitval=laatste_uitval,
        mag_beheren=may_manage_bedrijven(actor),
    )


def _cijfers(plaatsingen: list[Plaatsingregel], records: Any) -> Cijfers:
    """Placements that began, per school year of their start; the uitval rate among those that
    ended; the share of beoordelingen judged voldoende (a beoordeling's uitslag is voldoende or
    onvoldoende: domain/records.py)."""
    gestart = [p for p in plaatsingen if p.status in GESTART]
    per_jaar = Counter(schooljaarnaam(p.startdatum) for p in gestart)
    uitslagen = [r.data.get("uitslag") for r in records if r.kind == "beoordeling"]
    return Cijfers(
        per_schooljaar=tuple(sorted(per_jaar.items(), reverse=True)),
        geeindigd=sum(1 for p in plaatsingen if p.status in GEEINDIGD),
        uitgevallen=sum(1 for p in plaatsingen if p.uitval is not None),
        beoordelingen=len(uitslagen),
        voldoende=sum(1 for u in uitslagen if u == "voldoende"),
    )


def bedrijf_zoals_nu(session: Session, actor: Actor, bedrijf_id: int) -> dict[str, Any]:
    """The company's fields as the edit form starts from them (JSON-ready), with its version."""
    mag_inzien(actor)
    bedrijf = register_rijen.get_bedrijf(session, bedrijf_id)
    if bedrijf is None:
        raise BedrijfNotFound(bedrijf_id)
    velden = {
        veld: (w.isoformat() if hasattr(w, "isoformat") else w)
        for veld in StagebedrijfIn.model_fields
        if (w := getattr(bedrijf, veld)) is not None
    }
    return {**velden, "version": bedrijf.version}


def controleer_praktijkbegeleider(session: Session, bedrijf_id: int, pb_id: int) -> None:
    """The praktijkbegeleider belongs to the company the page is about."""
    pb = register_rijen.get_praktijkbegeleider(session, pb_id)
    if pb is None or pb.stagebedrijf_id != bedrijf_id:
        raise PraktijkbegeleiderNotFound(pb_id)


KEUZE_MAX = 20  # companies a placement form offers at once: a search narrows the register


@dataclass(frozen=True)
class Bedrijfskeuze:
    """What a placement form offers from the register for what was searched (`zoek`): at most
    KEUZE_MAX active companies whose name holds it, as (id, naam, plaats), whether more
    matched, and each of their active praktijkbegeleiders as (id, "bedrijf — naam")."""

    zoek: str = ""
    bedrijven: tuple[tuple[int, str, str], ...] = ()
    meer: bool = False
    praktijkbegeleiders: tuple[tuple[str, str], ...] = ()

    @property
    def namen(self) -> tuple[str, ...]:
        return tuple(naam for _, naam, _ in self.bedrijven)

    @property
    def gezocht(self) -> bool:
        return bool(self.zoek)


def bedrijfskeuze(session: Session, zoek: str, houd: int | None = None) -> Bedrijfskeuze:
    """The companies a placement form offers for a typed search (nothing searched: none; the
    register may hold thousands). `houd`: a correction's current praktijkbegeleider stays a
    choice whatever was searched, so leaving the field alone does not clear it."""
    sleutel = naam_sleutel(zoek[:MAX_KORT])
    bedrijven: dict[int, tuple[int, str, str]] = {}
    paren = []
    gevonden = rijen.keuzelijst(session, sleutel, KEUZE_MAX + 1) if sleutel else ()
    for bedrijf_id, naam, plaats, pb_id, pb_naam, functie in gevonden:
        bedrijven[bedrijf_id] = (bedrijf_id, naam, plaats or "")
        if pb_id is not None and len(bedrijven) <= KEUZE_MAX:
            paren.append((str(pb_id), _pb_label(naam, pb_naam, functie)))
    huidige = register_rijen.get_praktijkbegeleider(session, houd) if houd else None
    if huidige is not None and str(huidige.id) not in dict(paren):
        bedrijf = register_rijen.get_bedrijf(session, huidige.stagebedrijf_id)
        naam = bedrijf.naam if bedrijf is not None else ""
        paren.insert(0, (str(huidige.id), _pb_label(naam, huidige.naam, huidige.functie)))
    lijst = tuple(bedrijven.values())
    return Bedrijfskeuze(
        zoek=zoek[:MAX_KORT] if sleutel else "",
        bedrijven=lijst[:KEUZE_MAX],
        meer=len(lijst) > KEUZE_MAX,
        praktijkbegeleiders=tuple(paren),
    )


def _pb_label(bedrijf: str, naam: str, functie: str | None) -> str:
    return f"{bedrijf} — {naam}" + (f" ({functie})" if functie else "")


def contacten(session: Session, pb_ids: Any) -> dict[int, dict[str, str]]:
    """Per praktijkbegeleider id: name, function, phone and e-mail, to show on a placement."""
    return {
        pb_id: {"naam": r.naam, "functie": r.functie, "telefoon": r.telefoon, "email": r.email}
        for pb_id, r in rijen.contacten(session, pb_ids).items()
    }
