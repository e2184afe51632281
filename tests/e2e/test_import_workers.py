"""Import progress in the database (issue #20): two app instances on one database, as two
workers or two servers behind a proxy; the import starts on A and B answers its page."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from service import importtaken
from service.app import create_app
from service.settings import Settings
from tests.e2e.test_importeren import GOED, aantallen, bevestig, upload
from tests.web import log_in
from trajectory.store import tables as t


def _instantie(database_url, clock):
    return create_app(Settings(database_url=database_url, clock=clock, scheduler=False))


def test_start_op_a_en_de_voortgang_en_uitkomst_staan_op_b(
    database_url, client, sessions, staff, clock
):
    csrf = log_in(client, sessions, "teamleider")
    b = _instantie(database_url, clock)
    with TestClient(b) as client_b:
        client_b.cookies = client.cookies  # the proxy sends the same browser to B

        voorbeeld = upload(client, csrf, GOED, stagebegeleider=str(staff.stagebegeleider.id))
        gestart = bevestig(client, csrf, voorbeeld.text)
        adres = gestart.history[0].headers["location"]
        op_b = client_b.get(adres)

        assert op_b.status_code == 200
        assert "Klaar: 3 van 3 leerlingen geïmporteerd." in op_b.text
        assert aantallen(sessions) == (3, 3)
        log_in(client_b, sessions, "stagebegeleider")  # another session: not theirs
        assert client_b.get(adres).status_code == 404
    b.state.engine.dispose()


def test_een_lopende_import_op_a_telt_mee_op_b(database_url, client, sessions, staff, clock):
    csrf = log_in(client, sessions, "teamleider")
    a = importtaken.van_app(client.app.state)
    taak = importtaken.ImportTaak(
        gebruiker_id=staff.teamleider.id, sessie=csrf, totaal=0, begonnen=clock.now()
    )
    sleutel = a.nieuw(taak)
    taak.totaal = 400
    a.tussenstand(sleutel, taak, altijd=True)
    clock.advance(minutes=2)
    taak.gedaan = 5 * importtaken.TUSSENSTAND_ELKE
    a.tussenstand(sleutel, taak)
    b = _instantie(database_url, clock)
    with TestClient(b) as client_b:
        client_b.cookies = client.cookies
        clock.advance(minutes=2)

        op_a = client.get(f"/import/taak/{sleutel}").text
        op_b = client_b.get(f"/import/taak/{sleutel}")

        teller = f"Bezig met importeren: {taak.gedaan} van 400 leerlingen."
        assert teller in op_a
        assert op_b.status_code == 200
        if a.tussenstanden:  # PostgreSQL: the count as A wrote it
            assert teller in op_b.text
        else:  # SQLite: the import holds the one writer, so B sees it running, uncounted
            assert "Bezig met importeren: 0 van … leerlingen." in op_b.text

        clock.advance(minutes=2)  # 6 minutes since the start, 4 since A's last count
        assert teller in client.get(f"/import/taak/{sleutel}").text  # A runs it: never broken
        later_b = client_b.get(f"/import/taak/{sleutel}")
        if a.tussenstanden:
            assert teller in later_b.text
        else:  # no count for ONDERBROKEN_NA: B calls it broken off (an import takes seconds)
            assert later_b.status_code == 404
            assert "onderbroken" in later_b.text

        a.afronden(sleutel, taak)
        assert "Klaar: 0 van 400" in client_b.get(f"/import/taak/{sleutel}").text
    b.state.engine.dispose()


def test_een_taak_wordt_na_een_uur_gewist_ook_zonder_nieuwe_import(client, sessions, staff, clock):
    """Its errors may name a leerling: the scheduler's hourly job deletes it after BEWAREN."""
    from trajectory.entrypoints.scheduler import importtaken_job

    csrf = log_in(client, sessions, "teamleider")
    a = importtaken.van_app(client.app.state)
    taak = importtaken.ImportTaak(
        gebruiker_id=staff.teamleider.id, sessie=csrf, totaal=1, begonnen=clock.now()
    )
    sleutel = a.nieuw(taak)
    taak.fouten = ["Regel 2: Sem de Vries staat er al."]
    a.afronden(sleutel, taak)
    clock.advance(minutes=59)
    importtaken_job(sessions, clock)
    assert "Sem de Vries staat er al" in client.get(f"/import/taak/{sleutel}").text

    clock.advance(minutes=2)
    importtaken_job(sessions, clock)

    assert client.get(f"/import/taak/{sleutel}").status_code == 404
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(t.ImportTaak)) == 0
