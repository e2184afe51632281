"""The stage-agenda's pages (issue #18): the praktijkbegeleider fills in a week and the
company's beoordeling through their link, the leerling reflects through theirs, the
stagebegeleider sees it all on the placement's agenda and signs off; a link sees only its own
placement and purpose."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from service.extern.deps import COOKIE
from tests.integration.test_placement_rules import START, stage_loopt
from tests.web import csrf_of, log_in
from trajectory.store import tables as t
from trajectory.usecases import bedrijven, links

WEEK = "2025-03-03"


@pytest.fixture
def stage(sessions, clock, staff):
    """Two running placements (A and B) of the stagebegeleider's leerlingen, a week in."""
    a = stage_loopt(sessions, clock, staff, leerjaar="3")
    b = stage_loopt(sessions, clock, staff, leerjaar="3")
    clock.set(START + timedelta(days=3))
    return {"a": a, "b": b}


def _praktijkbegeleider(sessions, clock, staff, plaatsing_id) -> int:
    """Jan de Vries in the register, at the placement's company."""
    with sessions() as session:
        bedrijf_id = session.get_one(t.Plaatsing, plaatsing_id).stagebedrijf_id
    return bedrijven.voeg_praktijkbegeleider_toe(
        sessions, bedrijf_id, {"naam": "Jan de Vries", "email": "jan@bakkerij.test"},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip


def _open_link(
    client, sessions, clock, staff, plaatsing_id, partij="praktijkbegeleider", doel="agenda"
):
    pb_id = (
        _praktijkbegeleider(sessions, clock, staff, plaatsing_id) if partij != "leerling" else None
    )
    nieuw = links.maak_link(
        sessions, plaatsing_id, partij, doel, actor=staff.stagebegeleider, clock=clock,
        naam="Sem", praktijkbegeleider_id=pb_id,
    )  # fmt: skip
    client.cookies.clear()
    assert client.get(f"/l/{nieuw.token}", follow_redirects=False).status_code == 303
    with sessions() as session:
        gevonden = links.link_van_sessie(session, client.cookies[COOKIE], clock.now())
    assert gevonden is not None
    return gevonden[1]


def test_de_praktijkbegeleider_vult_een_week_in_en_de_stagebegeleider_ziet_hem(
    client, sessions, clock, staff, stage
):
    lid, pid = stage["a"]
    csrf = _open_link(client, sessions, clock, staff, pid)
    assert "Stage-agenda: de weken invullen" in client.get("/extern").text
    formulier = client.get(f"/extern/agenda/week?week={WEEK}")
    assert formulier.status_code == 200
    opgeslagen = client.post(
        "/extern/agenda/week",
        data={
            "csrf_token": csrf,
            "week": WEEK,
            "uren_2025-03-04": "5,5",
            "leerdoelen": "Klanten helpen gaat goed",
            "competentie_arbeid": "voldoende",
        },
        follow_redirects=False,
    )
    assert opgeslagen.status_code == 303, opgeslagen.text
    assert "5,5 uur" in client.get("/extern/agenda").text

    client.cookies.clear()
    log_in(client, sessions, "stagebegeleider")
    leerlingpagina = client.get(f"/leerlingen/{lid}")
    assert leerlingpagina.status_code == 200
    assert f"/leerlingen/{lid}/stageplaatsen/{pid}/agenda" in leerlingpagina.text
    pagina = client.get(f"/leerlingen/{lid}/stageplaatsen/{pid}/agenda")
    assert pagina.status_code == 200
    assert "Klanten helpen gaat goed" in pagina.text
    assert "praktijkbegeleider Jan de Vries (link)" in pagina.text
    afgetekend = client.post(
        f"/leerlingen/{lid}/stageplaatsen/{pid}/agenda/aftekenen",
        data={"csrf_token": csrf_of(pagina.text), "week": WEEK},
        follow_redirects=False,
    )
    assert afgetekend.status_code == 303
    assert "afgetekend 07-03-2025" in client.get(afgetekend.headers["location"]).text


def test_een_fout_in_de_uren_wordt_bij_het_veld_genoemd_en_niets_opgeslagen(
    client, sessions, clock, staff, stage
):
    lid, pid = stage["a"]
    csrf = _open_link(client, sessions, clock, staff, pid)
    fout = client.post(
        "/extern/agenda/week",
        data={"csrf_token": csrf, "week": WEEK, "uren_2025-03-04": "veel", "leerdoelen": "x"},
    )
    assert fout.status_code == 422
    assert "Vul een getal in." in fout.text
    assert "Nog invullen" in client.get("/extern/agenda").text


def test_zonder_csrf_slaat_de_link_niets_op(client, sessions, clock, staff, stage):
    _, pid = stage["a"]
    _open_link(client, sessions, clock, staff, pid)
    response = client.post("/extern/agenda/week", data={"week": WEEK})
    assert response.status_code == 403


def test_de_link_van_a_toont_en_schrijft_alleen_de_stage_van_a(
    client, sessions, clock, staff, stage
):
    (lid_a, pid_a), (lid_b, pid_b) = stage["a"], stage["b"]
    csrf = _open_link(client, sessions, clock, staff, pid_b)
    client.post(
        "/extern/agenda/week",
        data={"csrf_token": csrf, "week": WEEK, "leerdoelen": "Alleen voor B"},
    )
    csrf = _open_link(client, sessions, clock, staff, pid_a)
    assert "Alleen voor B" not in client.get(f"/extern/agenda/week?week={WEEK}").text
    client.post(
        "/extern/agenda/week", data={"csrf_token": csrf, "week": WEEK, "leerdoelen": "Voor A"}
    )
    client.cookies.clear()
    log_in(client, sessions, "stagebegeleider")
    assert "Voor A" not in client.get(f"/leerlingen/{lid_b}/stageplaatsen/{pid_b}/agenda").text
    assert "Voor A" in client.get(f"/leerlingen/{lid_a}/stageplaatsen/{pid_a}/agenda").text
    # the agenda of B's placement under A's page: not found
    assert client.get(f"/leerlingen/{lid_a}/stageplaatsen/{pid_b}/agenda").status_code == 404


def test_een_reflectielink_opent_de_agenda_niet_en_de_agendalink_de_reflectie_niet(
    client, sessions, clock, staff, stage
):
    _, pid = stage["a"]
    _open_link(client, sessions, clock, staff, pid, partij="leerling", doel="reflectie")
    assert client.get("/extern/agenda").status_code == 404
    assert client.get("/extern/reflectie").status_code == 200
    _open_link(client, sessions, clock, staff, pid)
    assert client.get("/extern/reflectie").status_code == 404


def test_de_leerling_reflecteert_met_een_smiley(client, sessions, clock, staff, stage):
    lid, pid = stage["a"]
    csrf = _open_link(client, sessions, clock, staff, pid, partij="leerling", doel="reflectie")
    opgeslagen = client.post(
        "/extern/reflectie",
        data={"csrf_token": csrf, "week": WEEK, "gevoel": "blij", "tekst": "Brood gebakken"},
        follow_redirects=False,
    )
    assert opgeslagen.status_code == 303
    client.cookies.clear()
    log_in(client, sessions, "stagebegeleider")
    pagina = client.get(f"/leerlingen/{lid}/stageplaatsen/{pid}/agenda").text
    assert "Goed</span>: Brood gebakken" in pagina


def test_de_beoordeling_via_de_link_staat_bij_de_stagebegeleider_die_medeondertekent(
    client, sessions, clock, staff, stage
):
    lid, pid = stage["a"]
    csrf = _open_link(client, sessions, clock, staff, pid)
    leeg = client.post(
        "/extern/agenda/beoordeling", data={"csrf_token": csrf, "soort": "tussentijds"}
    )
    assert leeg.status_code == 422
    opgeslagen = client.post(
        "/extern/agenda/beoordeling",
        data={
            "csrf_token": csrf,
            "soort": "tussentijds",
            "periode": "1",
            "uitslag": "voldoende",
            "competentie_sociaal": "voldoende",
            "toelichting": "Vriendelijk naar klanten.",
        },
        follow_redirects=False,
    )
    assert opgeslagen.status_code == 303, opgeslagen.text
    client.cookies.clear()
    log_in(client, sessions, "stagebegeleider")
    pagina = client.get(f"/leerlingen/{lid}/stageplaatsen/{pid}/agenda")
    assert "Vriendelijk naar klanten." in pagina.text
    record_id = pagina.text.split('name="record_id" value="')[1].split('"')[0]
    getekend = client.post(
        f"/leerlingen/{lid}/stageplaatsen/{pid}/agenda/medeondertekenen",
        data={"csrf_token": csrf_of(pagina.text), "record_id": record_id},
    )
    assert "medeondertekend door Stan Begeleider" in getekend.text
    assert date(2025, 3, 7).strftime("%Y") in getekend.text


def test_een_ingetrokken_link_opent_de_agenda_niet_meer(client, sessions, clock, staff, stage):
    _, pid = stage["a"]
    csrf = _open_link(client, sessions, clock, staff, pid)
    assert client.get("/extern/agenda").status_code == 200
    with sessions() as session:
        (link,) = links.actieve_links(session, pid, clock.now())
    links.intrekken(sessions, link.link_id, actor=staff.stagebegeleider, clock=clock)

    assert client.get("/extern/agenda").status_code == 404
    geweigerd = client.post("/extern/agenda/week", data={"csrf_token": csrf, "week": WEEK})
    assert geweigerd.status_code == 404
