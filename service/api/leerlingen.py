"""JSON API for leerlingen: list, create, show with triggers, fire a trigger, records, audit."""

import dataclasses
from datetime import date
from typing import Annotated, Any, cast

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from service.api import schemas as s
from service.api.antwoorden import FOUTEN
from service.deps import ActorDep, ClockDep, Sessions
from service.errors import refused
from trajectory.domain import uren
from trajectory.domain.clock import today
from trajectory.domain.invoer import GROOTSTE_ID, Id, PadId
from trajectory.domain.records import RECORD_KINDS, PlaatsingIn
from trajectory.domain.schooljaar import huidige_kalender
from trajectory.domain.snapshot import Snapshot
from trajectory.domain.waarschuwingen import waarschuwingen
from trajectory.machines import phase_of
from trajectory.store import queries
from trajectory.usecases import bedrijfkeuze, engine, gegevens, vastleggen
from trajectory.usecases.geweigerd import Geweigerd
from trajectory.usecases.laden import snapshot_van, zichtbare_leerling

router = APIRouter(prefix="/api/leerlingen", tags=["leerlingen"], responses=FOUTEN)


@router.get("", response_model=s.Pagina)
def list_leerlingen(
    sessions: Sessions,
    actor: ActorDep,
    state: Annotated[str | None, Query(max_length=40)] = None,
    leerjaar: Annotated[str | None, Query(max_length=10)] = None,
    klas: Annotated[str | None, Query(max_length=20)] = None,
    stagebegeleider_id: Id | None = None,
    zoek: Annotated[str | None, Query(max_length=100)] = None,
    pagina: Annotated[int, Query(ge=1, le=GROOTSTE_ID)] = 1,
    per_pagina: Annotated[int, Query(ge=1, le=200)] = 50,
) -> s.Pagina:
    filt = queries.Filter(state, leerjaar, klas, stagebegeleider_id, zoek)
    with sessions() as session:
        rows, totaal = queries.list_leerlingen(
            session, actor, filt, page=pagina, per_page=per_pagina
        )
        items = [s.LeerlingKort.model_validate(r) for r in rows]
    return s.Pagina(items=items, totaal=totaal, pagina=pagina, per_pagina=per_pagina)


@router.post("", status_code=201, response_model=s.Aangemaakt)
def create_leerling(
    body: s.LeerlingIn, sessions: Sessions, actor: ActorDep, clock: ClockDep
) -> s.Aangemaakt:
    nieuw = vastleggen.NieuweLeerling(**body.model_dump())
    return s.Aangemaakt(id=vastleggen.create_leerling(sessions, nieuw, actor=actor, clock=clock))


@router.get("/{leerling_id}", response_model=s.LeerlingOut)
def get_leerling(
    leerling_id: PadId, sessions: Sessions, actor: ActorDep, clock: ClockDep
) -> s.LeerlingOut:
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        snapshot = snapshot_van(session, leerling)
        op = today(clock)
        opties = engine.options(snapshot, op)
        plaatsingen = [
            s.PlaatsingOut.model_validate(p) for p in queries.plaatsingen_of(session, leerling.id)
        ]
        huidig = gegevens.huidige_gegevens(session, leerling)
        trail = queries.audit_trail(session, leerling.id)
        return s.LeerlingOut(
            **s.LeerlingKort.model_validate(leerling).model_dump(),
            geboortedatum=leerling.geboortedatum,
            fase=phase_of(leerling.state),
            stagebegeleider_id=leerling.stagebegeleider_id,
            stage_ondersteuning=leerling.stage_ondersteuning,
            definitieve_sector=leerling.definitieve_sector,
            vertrekdatum=leerling.vertrekdatum,
            trajectory_version=leerling.trajectory_version,
            triggers=[
                s.OptieOut(
                    trigger=o.trigger,
                    label=o.label,
                    dest=o.dest,
                    allowed=o.allowed,
                    failing=[
                        s.VerdictOut(guard=v.guard, ok=v.ok, reden=v.reden) for v in o.failing
                    ],
                )
                for o in opties
            ],
            plaatsingen=plaatsingen,
            waarschuwingen=waarschuwingen(snapshot, op, huidige_kalender()),
            entree_uren=_entree_uren(snapshot, op),
            nt2=leerling.nt2,
            verzorgers=huidig["verzorgers"],
            stappen_nu_geweigerd=gegevens.nu_geweigerde_stappen(snapshot, trail),
        )


def _entree_uren(snapshot: Snapshot, op: date) -> s.UrenStandOut | None:
    stand = uren.entree_stand(snapshot, op, huidige_kalender())
    return None if stand is None else s.UrenStandOut(**dataclasses.asdict(stand))


@router.post(
    "/{leerling_id}/triggers/{trigger}",
    response_model=s.Overgang,
    responses={
        409: {"description": "Geweigerd (falende guards) of versieconflict"},
        404: {"description": "Leerling niet gevonden"},
    },
)
def fire_trigger(
    leerling_id: PadId,
    trigger: str,
    body: s.TriggerIn,
    sessions: Sessions,
    actor: ActorDep,
    clock: ClockDep,
) -> Any:
    result = engine.advance(
        sessions,
        leerling_id,
        trigger,
        actor=actor,
        version=body.version,
        clock=clock,
        payload=body.payload,
        motivatie=body.motivatie,
    )
    if isinstance(result, Geweigerd):
        return refused(result, state=result.state, version=result.version)
    return s.Overgang(
        van=result.van,
        state=result.state,
        version=result.version,
        event_id=result.event_id,
        override=result.override,
    )


class PlaatsingApiIn(PlaatsingIn):
    """A placement as the API takes it: the web form's fields, and the old checkbox kept for
    clients written before the register (#17)."""

    erkend_leerbedrijf: bool | None = Field(
        default=None,
        description=(
            "Verouderd: de SBB-erkenning staat nu in het bedrijvenregister "
            "(/api/bedrijven/{id}). `true` wordt alleen aangenomen als het register het bedrijf "
            "een erkenning geeft voor de sector op de startdatum (anders 422 op dit veld); "
            "`false` of weglaten verandert niets."
        ),
        json_schema_extra={"deprecated": True},
    )


@router.post("/{leerling_id}/plaatsingen", status_code=201, response_model=s.Aangemaakt)
def add_plaatsing(
    leerling_id: PadId, body: PlaatsingApiIn, sessions: Sessions, actor: ActorDep, clock: ClockDep
) -> s.Aangemaakt:
    if body.erkend_leerbedrijf:
        bedrijfkeuze.erkenning_opgegeven(sessions, body)
    data = body.model_dump(mode="json", exclude={"erkend_leerbedrijf"})
    new_id = vastleggen.add_plaatsing(sessions, leerling_id, data, actor=actor, clock=clock)
    return s.Aangemaakt(id=new_id)


def _record_route(kind: str, model: type) -> None:
    def add(
        leerling_id: PadId,
        sessions: Sessions,
        actor: ActorDep,
        clock: ClockDep,
        body: Annotated[model, Body()],  # type: ignore[valid-type]
    ) -> Any:
        data = cast(BaseModel, body).model_dump(mode="json", exclude_unset=True)
        result = vastleggen.add_record(sessions, leerling_id, kind, data, actor=actor, clock=clock)
        if isinstance(result, Geweigerd):
            return refused(result)
        return s.Aangemaakt(id=result)

    add.__name__ = f"add_{kind}"
    router.add_api_route(
        f"/{{leerling_id}}/records/{kind}",
        add,
        methods=["POST"],
        status_code=201,
        response_model=s.Aangemaakt,
        responses={409: {"description": "Geweigerd: past niet bij de fase, of rooster kan niet"}},
        summary=f"Leg {kind.replace('_', ' ')} vast",
    )


for _kind, _model in RECORD_KINDS.items():
    _record_route(_kind, _model)


@router.get("/{leerling_id}/records")
def list_records(leerling_id: PadId, sessions: Sessions, actor: ActorDep) -> list[dict[str, Any]]:
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        return [
            {
                "id": r.id,
                "kind": r.kind,
                "datum": r.datum.isoformat(),
                "plaatsing_id": r.plaatsing_id,
                "data": r.data,
                # a replaced or voided version stays listed (#16): which it replaces, and
                # when and why it was replaced or voided itself
                "vervangt_id": r.vervangt_id,
                "vervallen": r.vervallen.isoformat() if r.vervallen else None,
                "vervallen_reden": r.vervallen_reden,
            }
            for r in queries.records_of(session, leerling.id)
        ]


@router.get("/{leerling_id}/audit", response_model=list[s.AuditEventOut])
def leerling_audit(
    leerling_id: PadId, sessions: Sessions, actor: ActorDep
) -> list[s.AuditEventOut]:
    with sessions() as session:
        leerling = zichtbare_leerling(session, leerling_id, actor)
        return [
            s.AuditEventOut(
                id=e.id,
                tijd=e.tijd,
                actor_id=e.actor_id,
                actor_rol=e.actor_rol,
                soort=e.soort,
                trigger=e.trigger,
                van=e.van,
                naar=e.naar,
                guards=e.guards,
                override=e.override,
                payload=payload,
                hash=e.hash,
            )
            for e, payload in queries.audit_trail(session, leerling.id)
        ]
