"""The reminder a week before the start while the contract misses signatures (timer
`handtekeningen_ontbreken`, issue #18): it tells the stagebegeleider who has not signed, and
mails each missing party that has an `ondertekenen` link with an e-mail address its link again.

As the stage-agenda reminder does (`agendaherinnering.py`): only a hash of a link's token is
kept, so the link cannot be re-sent as it was; a new one replaces it, made by `systeem` right
after the reminder's transaction commits (`agendaherinnering.stuur_opnieuw`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from trajectory.domain.links import ONDERTEKENEN
from trajectory.domain.overeenkomst_handtekeningen import (
    PARTIJ_VAN_LINK,
    PARTIJEN,
    ontbrekende_partijen,
)
from trajectory.domain.snapshot import Snapshot
from trajectory.store import links as linkrijen
from trajectory.usecases import links
from trajectory.usecases.agendaherinnering import Opnieuw, Vragen


def vraag_om_handtekeningen(session: Session, snapshot: Snapshot, moment: datetime) -> Vragen:
    """Per missing party a line for the stagebegeleider, and its link to mail again."""
    plaatsing = snapshot.geplande_plaatsing
    if plaatsing is None:
        return Vragen()
    ontbreekt = ontbrekende_partijen(snapshot, plaatsing)
    actief = {
        PARTIJ_VAN_LINK[s.partij]: s
        for s in links.actieve_links(session, plaatsing.id, moment)
        if s.doel == ONDERTEKENEN
    }
    vragen = Vragen()
    for partij in ontbreekt:
        wie = PARTIJEN[partij][0].upper() + PARTIJEN[partij][1:]
        link = actief.get(partij)
        if link is not None and link.email:
            rij = linkrijen.bij_id(session, link.link_id)
            pb_id = rij.link.praktijkbegeleider_id if rij else None
            vragen.opnieuw.append(
                Opnieuw(plaatsing.id, link.partij, ONDERTEKENEN, link.naam, link.email, pb_id)
            )
            vragen.voor_begeleider.append(
                f"{wie} heeft nog niet getekend; de link om te ondertekenen is opnieuw gemaild."
            )
        else:
            vragen.voor_begeleider.append(
                f"{wie} heeft nog niet getekend: laat op uw scherm tekenen, upload een scan "
                "of maak een link bij de stageplaats."
            )
    return vragen
