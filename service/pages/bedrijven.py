"""The register of stagebedrijven (issue #17): the list with filters, a company's page with its
history, and the forms to register, edit, set a status and keep the praktijkbegeleiders.

Teamleider and stagebegeleiders manage the register, mentors read it (`domain.access`): every
route names its dependency (`toegang.py`), so a mentor's post is refused before its form is
read. The filters are GET: a company's name is not a leerling's personal data. Every change
goes through usecases/bedrijven.py (version check, audit); success redirects with a sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.responses import Response

from service.deps import ClockDep, FormDep, Sessions
from service.foutsoorten import status_van
from service.pages import bedrijfsformulieren as bf
from service.pages import filterwaarden as f
from service.pages.aangeboden_formulieren import Formulier
from service.pages.foutteksten import per_veld, plaats, zin
from service.pages.leerlingpagina_laden import Ingevuld
from service.pages.toegang import BedrijfsbeheerderDep, BedrijfslezerDep
from service.pages.velden import ingevuld, waarden
from service.templating import page
from trajectory.domain.access import Actor, may_manage_bedrijven
from trajectory.domain.bedrijven import BEDRIJFSSECTOREN, STATUSSEN, naam_sleutel
from trajectory.domain.clock import today
from trajectory.domain.invoer import PadId
from trajectory.store import bedrijfsoverzicht as rijen
from trajectory.usecases import bedrijfsoverzicht as overzicht
from trajectory.usecases import bedrijven
from trajectory.usecases.fouten import BedrijfGewijzigd, Fout, Ongeldig

router = APIRouter(include_in_schema=False)

GELUKT = {
    "geregistreerd": "Het stagebedrijf staat in het register.",
    "gewijzigd": "De wijzigingen zijn opgeslagen.",
    "ongewijzigd": "Er was niets veranderd, dus er is niets opgeslagen.",
    "status": "De status van het stagebedrijf is gewijzigd.",
    "praktijkbegeleider": "De praktijkbegeleider is toegevoegd.",
    "praktijkbegeleider_gewijzigd": "De gegevens van de praktijkbegeleider zijn opgeslagen.",
}
NIET_OPGESLAGEN = "Dit is niet opgeslagen. Kijk bij de velden wat er niet klopt."
KOLOMMEN = (  # the list's sortable columns: (sort key, heading)
    ("naam", "Naam"),
    ("plaats", "Plaats"),
    ("status", "Status"),
    ("vrij", "Vrije plaatsen"),
    ("erkenning", "Erkenning tot"),
)


@dataclass(frozen=True)
class Keuze:
    """The list's filters and order as typed (strings), checked into a `Registerfilter`."""

    sector: str = ""
    erkend: str = ""
    status: str = ""
    vrij: str = ""
    zoek: str = ""
    sorteer: str = ""
    richting: str = ""

    def filter(self) -> tuple[rijen.Registerfilter, dict[str, str]]:
        fouten: dict[str, str] = {}
        filt = rijen.Registerfilter(
            sector=f.keuze(self.sector, "sector", BEDRIJFSSECTOREN, fouten),
            erkend_op=f.datum(self.erkend, "erkend", fouten),
            status=f.keuze(self.status, "status", STATUSSEN, fouten),
            vrij=bool(self.vrij),
            zoek=naam_sleutel(self.zoek[:200]) or None,
            sorteer=self.sorteer if self.sorteer in rijen.SORTEERBAAR else "naam",
            aflopend=self.richting == "af",
        )
        return filt, fouten

    def waarden(self) -> dict[str, str]:
        return {
            "sector": self.sector,
            "erkend": self.erkend,
            "status": self.status,
            "vrij": "1" if self.vrij else "",
            "zoek": self.zoek,
            "sorteer": self.sorteer if self.sorteer in rijen.SORTEERBAAR else "",
            "richting": "af" if self.richting == "af" else "",
        }


@router.get("/bedrijven")
def lijst(
    request: Request,
    sessions: Sessions,
    actor: BedrijfslezerDep,
    clock: ClockDep,
    sector: str = "",
    erkend: str = "",
    status: str = "",
    vrij: str = "",
    zoek: str = "",
    pagina: str = "",
    sorteer: str = "",
    richting: str = "",
) -> Response:
    keuze = Keuze(sector, erkend, status, vrij, zoek, sorteer, richting)
    filt, fouten = keuze.filter()
    nummer = f.pagina(pagina)
    with sessions() as session:
        regels, totaal = overzicht.register(session, actor, filt, op=today(clock), pagina=nummer)
    waarden_ = keuze.waarden()
    return page(
        request,
        "bedrijven/lijst.html",
        {
            "regels": regels,
            "totaal": totaal,
            "pagina": nummer,
            "paginas": f.aantal_paginas(totaal, overzicht.PER_PAGINA),
            "waarden": waarden_,
            "filters": {k: v for k, v in waarden_.items() if k not in ("sorteer", "richting")},
            "sorteer": filt.sorteer,
            "aflopend": filt.aflopend,
            "kolommen": KOLOMMEN,
            "fouten": fouten,
            "sectoren": BEDRIJFSSECTOREN,
            "statussen": STATUSSEN,
            "mag_beheren": may_manage_bedrijven(actor),
        },
    )


@router.get("/bedrijven/nieuw")
def nieuw(request: Request, actor: BedrijfsbeheerderDep) -> Response:
    return _formulier_pagina(request, bf.nieuw_bedrijf(), Ingevuld("bedrijf"))


@router.post("/bedrijven/nieuw")
def registreren(
    request: Request,
    sessions: Sessions,
    actor: BedrijfsbeheerderDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    formulier = bf.nieuw_bedrijf()
    return _opslaan(
        formulier, form,
        lambda data: bedrijven.registreer(sessions, data, actor=actor, clock=clock),
        naar=lambda bedrijf_id: f"/bedrijven/{bedrijf_id}?gelukt=geregistreerd",
        opnieuw=lambda ingevuld_, melding, status: _formulier_pagina(
            request, formulier, ingevuld_ or Ingevuld("bedrijf"), melding, status
        ),
    )  # fmt: skip


@router.get("/bedrijven/{bedrijf_id}")
def bedrijf(
    request: Request,
    bedrijf_id: PadId,
    sessions: Sessions,
    actor: BedrijfslezerDep,
    clock: ClockDep,
    gelukt: str = "",
) -> Response:
    return _bedrijfspagina(request, sessions, actor, clock, bedrijf_id, gelukt=GELUKT.get(gelukt))


@router.get("/bedrijven/{bedrijf_id}/wijzigen")
def wijzigen(
    request: Request, bedrijf_id: PadId, sessions: Sessions, actor: BedrijfsbeheerderDep
) -> Response:
    return _wijzig_pagina(request, sessions, actor, bedrijf_id)


@router.post("/bedrijven/{bedrijf_id}/wijzigen")
def wijzigen_opslaan(
    request: Request,
    bedrijf_id: PadId,
    sessions: Sessions,
    actor: BedrijfsbeheerderDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    formulier = bf.bedrijf_wijzigen(bedrijf_id)

    def opnieuw(ingevuld_: Ingevuld | None, melding: str, status: int) -> Response:
        if ingevuld_ is None:  # a conflict: the company as it is now, with the new version
            return _wijzig_pagina(request, sessions, actor, bedrijf_id, melding, status)
        return _formulier_pagina(
            request, formulier, ingevuld_, melding, status, version=_versie(form)
        )

    return _opslaan(
        formulier, form,
        lambda data: bedrijven.wijzig(sessions, bedrijf_id, data, actor=actor, clock=clock),
        naar=lambda gewijzigd: f"/bedrijven/{bedrijf_id}?gelukt="
        + ("gewijzigd" if gewijzigd.wijzigingen else "ongewijzigd"),
        opnieuw=opnieuw,
        met_versie=True,
    )  # fmt: skip


@router.post("/bedrijven/{bedrijf_id}/status")
def status_zetten(
    request: Request,
    bedrijf_id: PadId,
    sessions: Sessions,
    actor: BedrijfsbeheerderDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    return _op_de_bedrijfspagina(
        request, sessions, actor, clock, bedrijf_id, bf.status(bedrijf_id), form, "status",
        lambda data: bedrijven.zet_status(sessions, bedrijf_id, data, actor=actor, clock=clock),
        met_versie=True,
    )  # fmt: skip


@router.post("/bedrijven/{bedrijf_id}/praktijkbegeleiders")
def praktijkbegeleider_toevoegen(
    request: Request,
    bedrijf_id: PadId,
    sessions: Sessions,
    actor: BedrijfsbeheerderDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    return _op_de_bedrijfspagina(
        request, sessions, actor, clock, bedrijf_id, bf.nieuwe_praktijkbegeleider(bedrijf_id),
        form, "praktijkbegeleider",
        lambda data: bedrijven.voeg_praktijkbegeleider_toe(
            sessions, bedrijf_id, data, actor=actor, clock=clock
        ),
    )  # fmt: skip


@router.post("/bedrijven/{bedrijf_id}/praktijkbegeleiders/{praktijkbegeleider_id}")
def praktijkbegeleider_wijzigen(
    request: Request,
    bedrijf_id: PadId,
    praktijkbegeleider_id: PadId,
    sessions: Sessions,
    actor: BedrijfsbeheerderDep,
    clock: ClockDep,
    form: FormDep,
) -> Response:
    pb_id = praktijkbegeleider_id
    with sessions() as session:
        overzicht.controleer_praktijkbegeleider(session, bedrijf_id, pb_id)
    return _op_de_bedrijfspagina(
        request, sessions, actor, clock, bedrijf_id,
        bf.praktijkbegeleider_wijzigen(bedrijf_id, pb_id), form, "praktijkbegeleider_gewijzigd",
        lambda data: bedrijven.wijzig_praktijkbegeleider(
            sessions, pb_id, data, actor=actor, clock=clock
        ),
        met_versie=True,
    )  # fmt: skip


# what the page shows when a form is not taken: what was typed with the reasons (None after a
# version conflict), the message, the status code
Opnieuw = Callable[[Ingevuld | None, str, int], Response]


def _opslaan(
    formulier: Formulier,
    form: Any,
    opslaan: Callable[[dict[str, Any]], Any],
    *,
    naar: Callable[[Any], str],
    opnieuw: Opnieuw,
    met_versie: bool = False,
) -> Response:
    """Every form of the register: the model's data from the form (with the version the page
    was rendered with), the use case; on success a redirect (`naar` the use case's result),
    else `opnieuw` with the reasons at the form and what was typed still there."""
    typed = waarden(formulier.velden, form)
    data = bf.data(formulier, typed) | ({"version": _versie(form)} if met_versie else {})
    try:
        uitkomst = opslaan(data)
    except BedrijfGewijzigd as exc:
        return opnieuw(None, exc.bericht, 409)
    except (Ongeldig, ValidationError) as exc:
        status, fouten = _fouten(exc, formulier)
        return opnieuw(Ingevuld(formulier.sleutel, typed, fouten), NIET_OPGESLAGEN, status)
    return RedirectResponse(naar(uitkomst), status_code=303)


def _op_de_bedrijfspagina(
    request: Request,
    sessions: Sessions,
    actor: Actor,
    clock: ClockDep,
    bedrijf_id: int,
    formulier: Formulier,
    form: Any,
    gelukt: str,
    opslaan: Callable[[dict[str, Any]], Any],
    *,
    met_versie: bool = False,
) -> Response:
    """A form on the company page: on success back to it with a sentence, else the page again
    (a conflict: with the message only)."""

    def opnieuw(ingevuld_: Ingevuld | None, melding: str, status: int) -> Response:
        return _bedrijfspagina(
            request, sessions, actor, clock, bedrijf_id,
            ingevuld_=ingevuld_, melding=melding, status_code=status,
        )  # fmt: skip

    return _opslaan(
        formulier, form, opslaan,
        naar=lambda _: f"/bedrijven/{bedrijf_id}?gelukt={gelukt}",
        opnieuw=opnieuw, met_versie=met_versie,
    )  # fmt: skip


def _fouten(exc: Fout | ValidationError, formulier: Formulier) -> tuple[int, dict[str, list[str]]]:
    if isinstance(exc, ValidationError):
        return 422, plaats(per_veld(exc), formulier.namen)
    veld = getattr(exc, "veld", "") or ""
    return status_van(exc), plaats({veld: [zin(exc.bericht)]}, formulier.namen)


def _versie(form: Any) -> int:
    """The version the page was rendered with; a missing one is never current."""
    try:
        return int(str(form.get("version", "")))
    except ValueError:
        return -1


def _bedrijfspagina(
    request: Request,
    sessions: Sessions,
    actor: Actor,
    clock: ClockDep,
    bedrijf_id: int,
    *,
    ingevuld_: Ingevuld | None = None,
    gelukt: str | None = None,
    melding: str | None = None,
    status_code: int = 200,
) -> Response:
    with sessions() as session:
        gegevens = overzicht.bedrijfspagina(session, actor, bedrijf_id, today(clock))
        pbs = gegevens.praktijkbegeleiders
        mag = gegevens.mag_beheren
        context = {
            "b": gegevens.bedrijf,
            "p": gegevens,
            "sectoren": BEDRIJFSSECTOREN,
            "statussen": STATUSSEN,
            "ingevuld": ingevuld_ or Ingevuld(""),
            "gelukt": gelukt,
            "melding": melding,
            # a mentor reads only: no forms at all
            "status_formulier": bf.status(bedrijf_id) if mag else None,
            "pb_formulier": bf.nieuwe_praktijkbegeleider(bedrijf_id) if mag else None,
            "pb_formulieren": [_pb_formulier(bedrijf_id, pb, ingevuld_) for pb in pbs]
            if mag
            else [],
        }
        return page(request, "bedrijven/bedrijf.html", context, status_code=status_code)


def _pb_formulier(
    bedrijf_id: int, pb: Any, verstuurd: Ingevuld | None
) -> tuple[Any, Formulier, Ingevuld]:
    """A praktijkbegeleider's edit form, filled with what was sent (if it was this one) or
    with the praktijkbegeleider as it is now."""
    formulier = bf.praktijkbegeleider_wijzigen(bedrijf_id, pb.id)
    if verstuurd is not None and verstuurd.sleutel == formulier.sleutel:
        return pb, formulier, verstuurd
    huidig = {veld: getattr(pb, veld) for veld in ("naam", "functie", "telefoon", "email")}
    huidig |= {veld: "on" if getattr(pb, veld) else "" for veld in ("opgeleid", "actief")}
    return pb, formulier, Ingevuld(formulier.sleutel, huidig)


def _wijzig_pagina(
    request: Request,
    sessions: Sessions,
    actor: Actor,
    bedrijf_id: int,
    melding: str | None = None,
    status_code: int = 200,
) -> Response:
    """The edit form filled with the company as it is now (after a conflict too)."""
    formulier = bf.bedrijf_wijzigen(bedrijf_id)
    with sessions() as session:
        bedrijf = overzicht.bedrijf_zoals_nu(session, actor, bedrijf_id)
        huidig = ingevuld(formulier.velden, bedrijf)
        version = bedrijf["version"]
    return _formulier_pagina(
        request, formulier, Ingevuld("bedrijf", huidig), melding, status_code, version=version
    )


def _formulier_pagina(
    request: Request,
    formulier: Formulier,
    ingevuld_: Ingevuld,
    melding: str | None = None,
    status_code: int = 200,
    *,
    version: int | None = None,
) -> Response:
    context = {"formulier": formulier, "ingevuld": ingevuld_, "melding": melding}
    context["version"] = version
    return page(request, "bedrijven/formulier.html", context, status_code=status_code)
