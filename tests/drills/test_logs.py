"""Minimisation: a realistic flow against the real server leaves no names, birth dates or
uitval reasons in the application's logs (uvicorn's and every stagetraject.* logger); nor does
a request that fails (a 500 from the database, a NUL byte, a lone surrogate, a broken import):
an exception's text is never logged, only its type and frames (`entrypoints.foutlog`)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.conftest import as_user
from tests.drills.conftest import op_postgresql
from tests.integration.builders import MOTIVATIE
from tests.web import log_in
from trajectory.domain.records import UITVAL_CODES
from trajectory.usecases import importeren, vastleggen

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


VRIJE_TEKST = "Woont sinds de zomer bij haar tante"
PERSOONLIJK = (NAAM, "Vlasblom", GEBOORTEDATUM, "23-11-2010", VRIJE_TEKST)
LOGGERS = ("", "uvicorn", "uvicorn.error", "uvicorn.access", "stagetraject", "apscheduler")


class Opvanger(logging.Handler):
    """Every record as a handler writes it: message and formatted traceback."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.regels: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.regels.append(self.format(record))


@pytest.fixture
def logboek() -> Iterator[Opvanger]:
    """One handler on the root logger and on uvicorn's, which do not all propagate."""
    opvanger = Opvanger()
    oud = {naam: logging.getLogger(naam).level for naam in LOGGERS}
    for naam in LOGGERS:
        logging.getLogger(naam).addHandler(opvanger)
        logging.getLogger(naam).setLevel(logging.DEBUG)
    yield opvanger
    for naam in LOGGERS:
        logging.getLogger(naam).removeHandler(opvanger)
        logging.getLogger(naam).setLevel(oud[naam])


@pytest.fixture
def app_client(database_url, clock, staff) -> Iterator[TestClient]:
    """The real app, answering a 500 as a user gets it (not raised into the test)."""
    app = create_app(Settings(database_url=database_url, clock=clock, scheduler=False))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.engine.dispose()


def _json(client: TestClient, pad: str, tekst: str) -> int:
    """A raw JSON body: a lone surrogate or NUL as the client's JSON escape."""
    headers = {**as_user("teamleider"), "Content-Type": "application/json"}
    return client.post(pad, content=tekst.encode("ascii"), headers=headers).status_code


def _leerling(naam: str = NAAM, **meer: object) -> str:
    body = {"naam": naam, "geboortedatum": GEBOORTEDATUM, "leerjaar": "2", "klas": "3A", **meer}
    return json.dumps(body)  # ensure_ascii: "\\u0000", "\\ud800" as escapes


def _importeer(client, sessions, csv: str) -> None:
    csrf = log_in(client, sessions, "teamleider")
    bestand = {"bestand": ("leerlingen.csv", csv.encode("utf-8", "surrogatepass"), "text/csv")}
    voorbeeld = client.post("/import", data={"csrf_token": csrf}, files=bestand)
    inhoud = re.search(r'name="inhoud" value="([^"]*)"', voorbeeld.text)
    if inhoud is not None:  # the preview let it through: confirm, the import runs
        client.post("/import/bevestigen", data={"csrf_token": csrf, "inhoud": inhoud.group(1)})


def _kapot_met_gegevens(*_args: object, **_kwargs: object) -> None:
    """A failure whose text carries the data, as a driver's message can."""
    raise RuntimeError(f"kon {NAAM} ({GEBOORTEDATUM}, {VRIJE_TEKST}) niet wegschrijven")


def test_een_mislukt_verzoek_zet_geen_naam_geboortedatum_of_vrije_tekst_in_een_log(
    app_client, sessions, staff, logboek, monkeypatch
):
    statussen = [
        _json(app_client, "/api/leerlingen", _leerling(NAAM + "\x00")),
        _json(app_client, "/api/leerlingen", _leerling(NAAM + "\ud800")),
        _json(app_client, "/api/leerlingen", _leerling(NAAM, klas="\ud800" + VRIJE_TEKST)),
        _json(app_client, "/api/leerlingen", _leerling(NAAM, **{"\ud800" + NAAM: 1})),
        # a real database error: a stagebegeleider that does not exist, past the check
        _json(app_client, "/api/leerlingen", _leerling(stagebegeleider_id=2_000_000)),
    ]
    _importeer(app_client, sessions, f"naam;geboortedatum;leerjaar\n{NAAM}\x00;{GEBOORTEDATUM};2\n")
    with monkeypatch.context() as m:
        m.setattr(vastleggen, "check_begeleider", lambda *_: None)
        statussen.append(
            _json(app_client, "/api/leerlingen", _leerling(stagebegeleider_id=2_000_000))
        )
        m.setattr(vastleggen, "_insert_leerling", _kapot_met_gegevens)
        statussen.append(_json(app_client, "/api/leerlingen", _leerling()))
    with monkeypatch.context() as m:
        m.setattr(importeren, "create_leerlingen", _kapot_met_gegevens)
        _importeer(app_client, sessions, f"naam;geboortedatum;leerjaar\n{NAAM};{GEBOORTEDATUM};2\n")

    log = "\n".join(logboek.regels)
    for persoonlijk in PERSOONLIJK:
        assert persoonlijk not in log, persoonlijk
    assert statussen[-2:] == [500, 500], statussen  # the drill did provoke what it is about
    assert "import mislukt" in log
    assert log.count("onverwachte fout") >= 2
    assert "POST /api/leerlingen " in log  # the route, and the type of what went wrong
    assert "RuntimeError (tekst weggelaten)" in log
    assert "IntegrityError (tekst weggelaten)" in log


@op_postgresql
def test_een_nul_byte_of_losse_surrogaat_zet_ook_in_het_serverlog_geen_naam(server, staff):
    """The real server: uvicorn's own error logger and stderr, where a re-raised 500 lands."""
    statussen = [
        server.post("/api/leerlingen", json.loads(_leerling(naam)), als="teamleider")[0]
        for naam in (NAAM + "\x00", NAAM + "\ud800", VRIJE_TEKST + "\x00")
    ]
    server.stop()

    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert all(status in (201, 422, 500) for status in statussen), statussen
    for persoonlijk in PERSOONLIJK:
        assert persoonlijk not in log, persoonlijk
    if 500 in statussen:  # PostgreSQL refused the NUL: logged as what, never with what
        assert "tekst weggelaten" in log
