"""A personal link's token (issue #18) never reaches a log: the access log writes `/l/***`
for the opening URL, whether the token works, is unknown or is refused."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from tests.drills.test_logs import LOGGERS, Opvanger
from tests.integration.builders import nieuwe_leerling
from trajectory.usecases import links, vastleggen

PLAATSING = {"bedrijf": "Bakkerij", "sector": "08", "startdatum": "2025-03-10"}


@pytest.fixture
def logregels() -> Iterator[Opvanger]:
    opvanger = Opvanger()
    oud = {naam: logging.getLogger(naam).level for naam in LOGGERS}
    for naam in LOGGERS:
        logging.getLogger(naam).addHandler(opvanger)
        logging.getLogger(naam).setLevel(logging.DEBUG)
    yield opvanger
    for naam in LOGGERS:
        logging.getLogger(naam).removeHandler(opvanger)
        logging.getLogger(naam).setLevel(oud[naam])


def test_het_token_van_een_link_staat_in_geen_log(client, sessions, clock, staff, logregels):
    tl = staff.teamleider
    lid = nieuwe_leerling(sessions, clock, tl)
    pid = vastleggen.add_plaatsing(sessions, lid, PLAATSING, actor=tl, clock=clock)
    nieuw = links.maak_link(sessions, pid, "leerling", "reflectie", actor=tl, clock=clock)
    onbekend = "onbekend-token-dat-niet-in-het-log-mag"

    geopend = client.get(f"/l/{nieuw.token}", follow_redirects=False)
    thuis = client.get("/extern")
    mis = client.get(f"/l/{onbekend}", follow_redirects=False)

    assert (geopend.status_code, thuis.status_code, mis.status_code) == (303, 200, 404)
    # the test's own HTTP client (httpx2) logs the URL it asks for: that is the browser's side
    log = "\n".join(r for r in logregels.regels if " httpx2 " not in r)
    assert "GET /l/*** 303" in log  # the access log is there
    assert "GET /l/*** 404" in log
    assert nieuw.token not in log
    assert onbekend not in log
    assert client.cookies.get("stagetraject_link") not in log
