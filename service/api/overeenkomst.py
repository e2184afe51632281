"""JSON API of a placement's signed stage-overeenkomst (issue #18): its versions with the
SHA-256 of each signed PDF, every signature (party, name, when, how: link, account, paper or
scan), whether the current version is signed by every party it needs, and who is missing.

Read-only. Who may see the leerling may read it (`zichtbare_leerling`: another's leerling is
the same 404 as none); a placement of another leerling is a 404 too."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from service.api.antwoorden import FOUTEN
from service.deps import ActorDep, Sessions
from trajectory.domain.invoer import PadId
from trajectory.store import tables as t
from trajectory.usecases import overeenkomst as ok

router = APIRouter(prefix="/api/leerlingen", tags=["stage-overeenkomst"], responses=FOUTEN)

Via = Literal["link", "account", "papier", "scan"]
SHA = "9f2c1e0b7a6d5c4b3a29180716f5e4d3c2b1a09f8e7d6c5b4a3928170615f4e3"
VOORBEELD: dict[str, Any] = {
    "plaatsing_id": 12,
    "huidige_versie": {"contract_id": 341, "rooster_id": 338, "pdf_sha256": SHA},
    "vereist": ["school", "leerling", "bedrijf", "ouder"],
    "getekend": ["school", "leerling", "bedrijf"],
    "ontbreekt": ["ouder"],
    "compleet": False,
    "versies": [
        {
            "contract_id": 341,
            "rooster_id": 338,
            "huidig": True,
            "pdf_sha256": [SHA],
            "handtekeningen": [
                {
                    "partij": "school",
                    "naam": "Karin Jansen",
                    "getekend_op": "2025-02-24T10:15:00+01:00",
                    "via": "account",
                    "pdf_sha256": SHA,
                },
                {
                    "partij": "leerling",
                    "naam": "Sem de Vries",
                    "getekend_op": "2025-02-24T10:16:00+01:00",
                    "via": "account",
                    "pdf_sha256": SHA,
                },
                {
                    "partij": "bedrijf",
                    "naam": "Jan de Hoek",
                    "getekend_op": "2025-02-25T08:02:00+01:00",
                    "via": "link",
                    "pdf_sha256": SHA,
                },
            ],
        }
    ],
}


class HandtekeningOut(BaseModel):
    partij: str = Field(description="school, leerling, bedrijf of ouder")
    naam: str = Field(description="De getypte volledige naam (of wie het papier verklaarde)")
    getekend_op: datetime
    via: Via = Field(
        description="link: persoonlijke link; account: op het scherm van de stagebegeleider; "
        "papier: op papier, verklaard door een medewerker; scan: geüploade scan"
    )
    pdf_sha256: str | None = Field(description="SHA-256 van de getekende PDF; leeg bij papier")


class VersieOut(BaseModel):
    contract_id: int
    rooster_id: int | None
    huidig: bool
    pdf_sha256: list[str] = Field(
        description="De hashes van de PDF's die van deze versie zijn getekend"
    )
    handtekeningen: list[HandtekeningOut]


class HuidigeVersieOut(BaseModel):
    contract_id: int
    rooster_id: int | None
    pdf_sha256: str = Field(description="SHA-256 van de PDF zoals die nu gemaakt wordt")


class OvereenkomstOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [VOORBEELD]})
    plaatsing_id: int
    huidige_versie: HuidigeVersieOut | None = Field(description="Leeg: nog geen contract")
    vereist: list[str] = Field(description="Wie de huidige versie moet tekenen")
    getekend: list[str]
    ontbreekt: list[str]
    compleet: bool = Field(description="Iedereen die moet tekenen heeft de huidige versie getekend")
    versies: list[VersieOut] = Field(description="Nieuwste eerst")


def _via(h: t.OvereenkomstHandtekening) -> Via:
    if h.wijze == "link":
        return "link"
    if h.wijze == "scherm":
        return "account"
    return "scan" if h.scan_id is not None else "papier"


def _versies(stand: ok.Stand) -> list[VersieOut]:
    huidig = (stand.versie.contract_id, stand.versie.rooster_id)
    sleutels: dict[tuple[int, int | None], None] = {}
    if stand.versie.contract_id is not None:  # the current one, signed or not
        sleutels[(stand.versie.contract_id, stand.versie.rooster_id)] = None
    for h in stand.handtekeningen:
        sleutels[(h.contract_id, h.rooster_id)] = None
    for d in stand.documenten:
        sleutels[(d.contract_id, d.rooster_id)] = None
    return [
        VersieOut(
            contract_id=contract_id,
            rooster_id=rooster_id,
            huidig=(contract_id, rooster_id) == huidig,
            pdf_sha256=sorted(
                {
                    d.sha256
                    for d in stand.documenten
                    if (d.contract_id, d.rooster_id) == (contract_id, rooster_id)
                }
            ),
            handtekeningen=[
                HandtekeningOut(
                    partij=h.partij,
                    naam=h.naam,
                    getekend_op=h.getekend_op,
                    via=_via(h),
                    pdf_sha256=h.pdf_sha256,
                )
                for h in stand.handtekeningen
                if (h.contract_id, h.rooster_id) == (contract_id, rooster_id)
            ],
        )
        for contract_id, rooster_id in sorted(  # the newest record made the newest version
            sleutels, key=lambda v: (max(v[0], v[1] or 0), v[0], v[1] or 0), reverse=True
        )
    ]


@router.get(
    "/{leerling_id}/plaatsingen/{plaatsing_id}/overeenkomst", response_model=OvereenkomstOut
)
def overeenkomst(
    leerling_id: PadId, plaatsing_id: PadId, sessions: Sessions, actor: ActorDep
) -> OvereenkomstOut:
    """De stage-overeenkomst van een stageplaats: versies, hashes, handtekeningen, en of de
    huidige versie door iedereen is getekend."""
    stand = ok.stand(sessions, leerling_id, plaatsing_id, actor)
    huidig = None
    if stand.versie.contract_id is not None and stand.sha256 is not None:
        huidig = HuidigeVersieOut(
            contract_id=stand.versie.contract_id,
            rooster_id=stand.versie.rooster_id,
            pdf_sha256=stand.sha256,
        )
    return OvereenkomstOut(
        plaatsing_id=stand.plaatsing.id,
        huidige_versie=huidig,
        vereist=list(stand.vereist),
        getekend=[p for p in stand.vereist if p in stand.getekend],
        ontbreekt=list(stand.ontbreekt),
        compleet=huidig is not None and not stand.ontbreekt,
        versies=_versies(stand),
    )
