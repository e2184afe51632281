"""Minimisation: a realistic flow against the real server leaves no names, birth dates or
uitval reasons in the application's logs (uvicorn's and every stagetraject.* logger)."""

from __future__ import annotations

from tests.drills.conftest import op_postgresql
from tests.integration.builders import MOTIVATIE
from trajectory.domain.records import UITVAL_CODES

NAAM = "Quirine Vlasblom"
GEBOORTEDATUM = "2010-11-23"
REDEN = "Sloeg een collega na een ruzie"
STAPPEN = (
    ("interne_stage_afronden", None),
    ("snuffelstage_afronden", None),
    ("advies_groepsstage", {"reden": "nt2", "dagdelen": ["ma_ochtend"]}),
    ("uitvallen", {"code": "gedrag", "reden": REDEN}),
)


@op_postgresql
def test_in_de_logs_van_de_server_staan_geen_namen_en_geen_uitvalredenen(server, staff):
    status, body = server.post(
        "/api/leerlingen",
        {"naam": NAAM, "geboortedatum": GEBOORTEDATUM, "leerjaar": "2", "klas": "3A"},
        als="teamleider",
    )
    assert status == 201, body
    lid = body["id"]
    for versie, (trigger, payload) in enumerate(STAPPEN, start=1):
        status, body = server.post(
            f"/api/leerlingen/{lid}/triggers/{trigger}",
            {"version": versie, "payload": payload, "motivatie": MOTIVATIE},
            als="teamleider",
        )
        assert status == 200, body
    weigeringen = [  # refused and invalid requests: what is wrong, never who
        server.post(f"/api/leerlingen/{lid}/triggers/uitvallen", {"version": 1}, als="mentor"),
        server.post("/api/leerlingen", {"naam": NAAM, "geboortedatum": "x"}, als="teamleider"),
    ]
    assert [status for status, _ in weigeringen] in ([403, 422], [404, 422])
    server.stop()

    log = server.log.read_text(encoding="utf-8")

    assert f"/api/leerlingen/{lid}/triggers/uitvallen" in log  # the access log is there
    for persoonlijk in (NAAM, "Vlasblom", GEBOORTEDATUM, REDEN, UITVAL_CODES["gedrag"]):
        assert persoonlijk not in log, persoonlijk
