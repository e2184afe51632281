"""The demo's contracts (issue #18): a placement still running today has its stage-overeenkomst
signed at the table on the stagebegeleider's screen (every party at once, one PDF); one that
ended before today keeps the ticked boxes of a paper contract, which storing the record makes
`papier` signatures (`store/overeenkomst.py`), so the demo stays quick to build."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from trajectory.demo.school import ACHTERNAMEN, VOORNAMEN
from trajectory.demo.verloop import Verloop
from trajectory.domain.overeenkomst_handtekeningen import VINKJES
from trajectory.usecases import overeenkomst


def loopt_nog(v: Verloop, eind: date | None) -> bool:
    return not v.proef and (eind is None or eind >= v.vandaag)


def zonder_vinkjes(gegevens: Mapping[str, Any]) -> dict[str, Any]:
    return {k: w for k, w in gegevens.items() if k not in VINKJES.values()}


def aan_tafel_ondertekenen(v: Verloop, bedrijf: str, minderjarig: bool) -> None:
    """School, leerling, the company's praktijkbegeleider and (a minor's) parent sign the
    placement's current version together, on the day the contract was recorded."""
    assert v.plaatsing_id is not None
    achternaam = v.naam.split(" ", 1)[-1]
    namen = {
        "school": v.begeleider.naam,
        "leerling": v.naam,
        "bedrijf": f"{VOORNAMEN[len(bedrijf) % len(VOORNAMEN)]} "
        f"{ACHTERNAMEN[len(bedrijf) * 7 % len(ACHTERNAMEN)]}",
    }
    if minderjarig:
        namen["ouder"] = f"{VOORNAMEN[v.leerling_id % len(VOORNAMEN)]} {achternaam}"
    overeenkomst.samen_ondertekenen(
        v.sessions,
        v.leerling_id,
        v.plaatsing_id,
        namen,
        sha256=None,
        actor=v.begeleider,
        clock=v.clock,
    )
