"""The demo school's running placements have a complete stage-overeenkomst (issue #18):
signed digitally by every party it needs, with one stored PDF whose hash each signature
names, or on paper when its contract period ended before today."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.integration.test_migratie_0025 import _lopende_met_contract
from trajectory.demo import build_demo_school
from trajectory.domain.overeenkomst_handtekeningen import getekend, ontbrekende_partijen
from trajectory.store import tables as t
from trajectory.usecases.laden import snapshot_van

pytestmark = pytest.mark.pdf  # draws the contract PDF (WeasyPrint, Pango)


def test_de_lopende_stages_van_de_demo_hebben_een_digitaal_getekend_contract(sessions):
    build_demo_school(sessions, leerlingen=16, seed=11)

    with sessions() as session:
        lopend = _lopende_met_contract(session)
        assert lopend
        wijzen: set[str] = set()
        for leerling, pid in lopend:
            snapshot = snapshot_van(session, leerling, bezetting=False)
            plaatsing = next(p for p in snapshot.plaatsingen if p.id == pid)
            assert ontbrekende_partijen(snapshot, plaatsing) == []
            wijzen |= set(getekend(snapshot, plaatsing).values())
            documenten = session.scalars(
                select(t.OvereenkomstDocument).where(t.OvereenkomstDocument.plaatsing_id == pid)
            ).all()
            hashes = session.scalars(
                select(t.OvereenkomstHandtekening.pdf_sha256).where(
                    t.OvereenkomstHandtekening.plaatsing_id == pid,
                    t.OvereenkomstHandtekening.pdf_sha256.is_not(None),  # not a paper one
                )
            ).all()
            assert [d.sha256 for d in documenten] == sorted(set(hashes))
    # a placement whose contract period ended before today (not yet closed) kept the paper
    # boxes, stored as paper signatures (demo/overeenkomsten.py)
    assert wijzen == {"scherm", "papier"}
