"""Role checks that pages name as a dependency (DOMAIN.md, Roles). A refusal is a Dutch 403
page; what a user may see per leerling is checked in the queries (`queries.visible`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from service.deps import ActorDep
from trajectory.domain.access import Actor, may_create_leerling, may_manage_bedrijven
from trajectory.usecases.bedrijven import GEEN_BEHEER, mag_inzien
from trajectory.usecases.fouten import NotPermitted


def teamleider(actor: ActorDep) -> Actor:
    if not actor.is_teamleider:
        raise NotPermitted("Alleen de teamleider kan de audittrail bekijken.")
    return actor


def importeur(actor: ActorDep) -> Actor:
    if not may_create_leerling(actor):
        raise NotPermitted("Met uw rol kunt u geen leerlingen importeren.")
    return actor


def bedrijfslezer(actor: ActorDep) -> Actor:
    mag_inzien(actor)
    return actor


def bedrijfsbeheerder(actor: ActorDep) -> Actor:
    """Checked before a form is read, so a mentor's post is refused whatever it holds."""
    if not may_manage_bedrijven(actor):
        raise NotPermitted(GEEN_BEHEER)
    return actor


TeamleiderDep = Annotated[Actor, Depends(teamleider)]
ImporteurDep = Annotated[Actor, Depends(importeur)]
BedrijfslezerDep = Annotated[Actor, Depends(bedrijfslezer)]
BedrijfsbeheerderDep = Annotated[Actor, Depends(bedrijfsbeheerder)]
