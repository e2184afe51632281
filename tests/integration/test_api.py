"""The JSON API: who may see and do what, and errors that name what is wrong."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tests.conftest import STAFF, START, as_user, store_test_token
from trajectory.domain.records import RECORD_KINDS
from trajectory.store import tables as t
from trajectory.usecases.users import add_user

VANDAAG = START.date()


def maak_leerling(client, **velden) -> int:
    body = {"naam": "Sem de Vries", "geboortedatum": "2010-04-02", "leerjaar": "3", **velden}
    response = client.post("/api/leerlingen", json=body, headers=as_user("teamleider"))
    assert response.status_code == 201, response.json()
    return response.json()["id"]


@pytest.fixture
def sem(client, staff) -> int:
    """Klas 3A (mentor Mees), stagebegeleider Stan."""
    return maak_leerling(client, klas="3A", stagebegeleider_id=staff.stagebegeleider.id)


@pytest.fixture
def noor(client, staff) -> int:
    """Klas 3B (mentor Mira), stagebegeleider Ali."""
    return maak_leerling(
        client, naam="Noor Jansen", klas="3B", stagebegeleider_id=staff.andere_begeleider.id
    )


def api_routes(client) -> list[tuple[str, str]]:
    """Every /api operation, from the OpenAPI document (FastAPI includes routers lazily,
    so app.routes no longer lists them one by one)."""
    paths = client.get("/openapi.json").json()["paths"]
    return sorted(
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/api")
        for method in operations
    )


def invullen(path: str, leerling_id: int) -> str:
    return path.format(
        leerling_id=leerling_id,
        trigger="interne_stage_afronden",
        formaat="svg",
        melding_id=1,
        kind="vragenlijst",
        record_id=1,
        plaatsing_id=1,
        bedrijf_id=1,
        praktijkbegeleider_id=1,
    )


def vraag(client, method: str, path: str, headers: dict[str, str]):
    body = {"version": 1} if method == "POST" else None
    return client.request(method, path, json=body, headers=headers)


def fire(client, leerling_id: int, trigger: str, user: str = "stagebegeleider", **body):
    return client.post(
        f"/api/leerlingen/{leerling_id}/triggers/{trigger}",
        json={"version": 1, **body},
        headers=as_user(user),
    )


def record(client, leerling_id: int, kind: str, body: dict, user: str = "stagebegeleider"):
    return client.post(
        f"/api/leerlingen/{leerling_id}/records/{kind}", json=body, headers=as_user(user)
    )


def locs(response) -> list[list]:
    return [error["loc"] for error in response.json()["detail"]]


# --- wie handelt er? ---------------------------------------------------------------------


def test_elk_api_endpoint_vraagt_wie_er_handelt(client, sessions, clock, sem):
    oud = add_user(
        sessions,
        email="oud@school.test",
        naam="Oud Collega",
        rol="teamleider",
        klas=None,
        clock=clock,
    )
    with sessions.begin() as session:
        store_test_token(session, oud, "token-van-een-geblokkeerd-account", clock)
    with sessions.begin() as session:
        session.execute(
            update(t.Gebruiker).where(t.Gebruiker.email == "oud@school.test").values(actief=False)
        )
    routes = api_routes(client)
    assert len(routes) >= 9 + len(RECORD_KINDS)

    for method, path in routes:
        url = invullen(path, sem)
        for headers in (
            {},
            {"X-Gebruiker": STAFF["teamleider"][0]},  # the old header no longer counts
            {"Authorization": "Bearer "},
            {"Authorization": "Bearer onbekend-token"},
            {"Authorization": "Bearer token-van-een-geblokkeerd-account"},
        ):
            response = vraag(client, method, url, headers)
            assert response.status_code == 401, (method, url, headers, response.json())
            assert "detail" in response.json()


def test_een_ingetrokken_api_token_geeft_geen_toegang_meer(client, sessions, clock, sem):
    assert client.get(f"/api/leerlingen/{sem}", headers=as_user("stagebegeleider")).is_success
    with sessions.begin() as session:
        session.execute(update(t.ApiToken).values(ingetrokken=clock.now()))

    response = client.get(f"/api/leerlingen/{sem}", headers=as_user("stagebegeleider"))

    assert response.status_code == 401


# --- wie ziet welke leerling? --------------------------------------------------------------


def test_een_mentor_ziet_de_leerlingen_van_de_eigen_klas_en_niet_die_van_een_andere(
    client, sem, noor
):
    for path in ("", "/records", "/audit"):
        assert (
            client.get(f"/api/leerlingen/{sem}{path}", headers=as_user("mentor")).status_code == 200
        )
        niet = client.get(f"/api/leerlingen/{noor}{path}", headers=as_user("mentor"))
        assert niet.status_code == 404
        assert niet.json() == {"detail": "Leerling niet gevonden."}


def test_een_stagebegeleider_ziet_de_leerling_van_een_andere_begeleider_niet(client, sem, noor):
    assert (
        client.get(f"/api/leerlingen/{sem}", headers=as_user("stagebegeleider")).status_code == 200
    )
    assert (
        client.get(f"/api/leerlingen/{noor}", headers=as_user("stagebegeleider")).status_code == 404
    )
    assert fire(client, noor, "interne_stage_afronden").status_code == 404
    body = {"soort": "interne_stage", "uitslag": "voldoende"}
    assert record(client, noor, "beoordeling", body).status_code == 404


def test_een_onzichtbare_leerling_is_niet_te_onderscheiden_van_een_die_niet_bestaat(client, noor):
    onzichtbaar = client.get(f"/api/leerlingen/{noor}", headers=as_user("stagebegeleider"))
    bestaat_niet = client.get("/api/leerlingen/999999", headers=as_user("stagebegeleider"))

    assert (onzichtbaar.status_code, onzichtbaar.json()) == (
        bestaat_niet.status_code,
        bestaat_niet.json(),
    )


# --- een stap zetten -------------------------------------------------------------------------


def test_een_stap_die_mag_geeft_200_met_de_nieuwe_toestand(client, sem):
    body = {"soort": "interne_stage", "uitslag": "voldoende"}
    assert record(client, sem, "beoordeling", body).status_code == 201

    response = fire(client, sem, "interne_stage_afronden")

    assert response.status_code == 200
    assert response.json() == {
        "van": "interne_stage",
        "state": "snuffelstage",
        "version": 2,
        "event_id": response.json()["event_id"],
        "override": False,
    }
    shown = client.get(f"/api/leerlingen/{sem}", headers=as_user("mentor")).json()
    assert (shown["state"], shown["version"], shown["fase"]) == (
        "snuffelstage",
        2,
        "Stagevoorbereiding",
    )


def test_een_geweigerde_stap_geeft_409_met_elke_falende_guard(client, sem):
    response = fire(client, sem, "interne_stage_afronden")

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail["reden"] == "geweigerd"
    assert [g["guard"] for g in detail["guards"]] == ["interne_stage_beoordeeld"]
    assert all(not g["ok"] and g["reden"] for g in detail["guards"])
    assert detail["guards"][0]["reden"] in detail["melding"]
    assert (detail["state"], detail["version"]) == ("interne_stage", 1)
    audit = client.get(f"/api/leerlingen/{sem}/audit", headers=as_user("teamleider")).json()
    assert [e["soort"] for e in audit][-1] == "weigering"
    assert audit[-1]["id"] == detail["event_id"]


def test_de_teamleider_zet_door_met_een_motivatie(client, sem):
    response = fire(
        client,
        sem,
        "interne_stage_afronden",
        "teamleider",
        motivatie="Kantinedienst elders gedaan.",
    )

    assert response.status_code == 200
    assert response.json()["override"] is True


def test_een_stagebegeleider_met_een_motivatie_krijgt_403(client, sem):
    response = fire(client, sem, "interne_stage_afronden", motivatie="Het is echt in orde zo.")

    assert response.status_code == 403
    assert "teamleider" in response.json()["detail"]


def test_een_mentor_kan_geen_stap_zetten(client, sem):
    response = fire(client, sem, "interne_stage_afronden", "mentor")

    assert response.status_code == 403


def test_een_stap_op_een_verouderde_versie_geeft_409_versieconflict(client, sem):
    eerste = fire(
        client, sem, "interne_stage_afronden", "teamleider", motivatie="Besproken, akkoord."
    )
    assert eerste.status_code == 200

    response = fire(client, sem, "snuffelstage_afronden", "teamleider", motivatie="Ook besproken.")

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail["reden"] == "versieconflict"
    assert detail["huidige_versie"] == 2
    audit = client.get(f"/api/leerlingen/{sem}/audit", headers=as_user("teamleider")).json()
    assert [e["trigger"] for e in audit if e["soort"] != "aanmelding"] == ["interne_stage_afronden"]


def test_een_stap_voor_een_leerling_die_niet_bestaat_geeft_404(client):
    assert fire(client, 999999, "interne_stage_afronden", "teamleider").status_code == 404


@pytest.mark.parametrize("leerling_id", [0, 2**63, 10**30])
def test_een_nummer_dat_geen_leerling_kan_zijn_geeft_404(client, leerling_id):
    tonen = client.get(f"/api/leerlingen/{leerling_id}", headers=as_user("teamleider"))

    assert tonen.status_code == 404
    assert fire(client, leerling_id, "interne_stage_afronden", "teamleider").status_code == 404


def test_een_verkeerde_payload_geeft_422_met_het_veld(client, sem):
    fire(client, sem, "interne_stage_afronden", "teamleider", motivatie="Besproken, akkoord.")
    client.post(
        f"/api/leerlingen/{sem}/triggers/snuffelstage_afronden",
        json={"version": 2, "motivatie": "Besproken, akkoord."},
        headers=as_user("teamleider"),
    )

    response = client.post(
        f"/api/leerlingen/{sem}/triggers/advies_groepsstage",
        json={"version": 3, "payload": {"reden": "verveling", "dagdelen": ["ma_ochtend"]}},
        headers=as_user("stagebegeleider"),
    )

    assert response.status_code == 422
    assert locs(response) == [["body", "payload", "reden"]]


def naar_groepsstage(client, leerling_id: int) -> int:
    """Teamleider overrides up to a running groepsstage; returns the version."""
    versie = 1
    for trigger, payload in (
        ("interne_stage_afronden", None),
        ("snuffelstage_afronden", None),
        ("advies_groepsstage", {"reden": "nt2", "dagdelen": ["ma_ochtend"]}),
    ):
        response = client.post(
            f"/api/leerlingen/{leerling_id}/triggers/{trigger}",
            json={"version": versie, "payload": payload, "motivatie": "Besproken in het team."},
            headers=as_user("teamleider"),
        )
        assert response.status_code == 200, response.json()
        versie = response.json()["version"]
    return versie


def test_een_uitval_met_de_stage_van_een_andere_leerling_noemt_payload_plaatsing_id(
    client, sem, noor
):
    versie = naar_groepsstage(client, sem)
    naar_groepsstage(client, noor)
    shown = client.get(f"/api/leerlingen/{noor}", headers=as_user("teamleider")).json()
    (andere_stage,) = [p["id"] for p in shown["plaatsingen"]]

    response = client.post(
        f"/api/leerlingen/{sem}/triggers/uitvallen",
        json={"version": versie, "payload": {"reden": "Ruzie", "plaatsing_id": andere_stage}},
        headers=as_user("stagebegeleider"),
    )

    assert response.status_code == 422
    assert locs(response) == [["body", "payload", "plaatsing_id"]]


def test_een_stap_met_een_datum_in_de_toekomst_geeft_422_op_payload_datum(client, sem):
    versie = naar_groepsstage(client, sem)
    morgen = (VANDAAG + timedelta(days=1)).isoformat()

    response = client.post(
        f"/api/leerlingen/{sem}/triggers/uitvallen",
        json={"version": versie, "payload": {"reden": "Ruzie", "datum": morgen}},
        headers=as_user("stagebegeleider"),
    )

    assert response.status_code == 422
    assert locs(response) == [["body", "payload", "datum"]]
    shown = client.get(f"/api/leerlingen/{sem}", headers=as_user("stagebegeleider")).json()
    assert (shown["state"], shown["version"]) == ("groepsstage", versie)


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({}, ["body", "version"]),
        ({"version": "een"}, ["body", "version"]),
        ({"version": 1, "payload": {"reden": "ziek"}}, ["body", "payload"]),
        ({"version": 1, "extra": True}, ["body", "extra"]),
    ],
    ids=["geen-versie", "versie-geen-getal", "payload-bij-stap-zonder-payload", "onbekend-veld"],
)
def test_een_onjuist_verzoek_om_een_stap_geeft_422_met_het_veld(client, sem, body, loc):
    response = client.post(
        f"/api/leerlingen/{sem}/triggers/interne_stage_afronden",
        json=body,
        headers=as_user("stagebegeleider"),
    )

    assert response.status_code == 422
    assert loc in locs(response)


def test_een_onbekende_stap_geeft_404(client, sem):
    response = fire(client, sem, "vliegen")

    assert response.status_code == 404
    assert response.json()["detail"] == "Onbekende stap."


# --- vastleggingen ---------------------------------------------------------------------------

FOUTE_VASTLEGGINGEN = {
    "beoordeling": ({"soort": "interne_stage", "uitslag": "goed"}, ["body", "uitslag"]),
    "basisvaardigheden": (
        {"vaardigheden": {"op_tijd_komen": "goed"}},
        ["body", "vaardigheden", "op_tijd_komen"],
    ),
    "noa_test": ({"sectoren": ["04", "11"]}, ["body", "sectoren", 1]),
    "vragenlijst": ({"besproken": "misschien"}, ["body", "besproken"]),
    "overleg": ({"met": "buurman", "uitkomst": "positief"}, ["body", "met"]),
    "stage_overeenkomst": ({"aanvangsdatum": "morgen"}, ["body", "aanvangsdatum"]),
    "uren": ({"uren": 25}, ["body", "uren"]),
    "rooster": (
        {"dagen": {"maandag": {"start": "15:00", "eind": "09:00", "pauzes": []}}},
        ["body", "dagen", "maandag"],
    ),
    "bezoek": ({"plaatsing_id": "de bakker"}, ["body", "plaatsing_id"]),
    "praktijkopdracht": ({"periode": 4, "nummer": 1, "afgerond": True}, ["body", "periode"]),
    "studieadvies": ({"positief": "misschien"}, ["body", "positief"]),
    "examenresultaat": ({"geslaagd": "bijna"}, ["body", "geslaagd"]),
    "verlenging": ({"examendatum": "volgend jaar"}, ["body", "examendatum"]),
    "uitstroom": (
        {"profiel": "pensioen", "bestemming": "Thuis", "vertrekdatum": "2025-07-01"},
        ["body", "profiel"],
    ),
    "nazorg_contact": ({"met_wie": "buurman", "hoe_gaat_het": "Goed"}, ["body", "met_wie"]),
    "afsluitbesluit": ({"reden": "   "}, ["body", "reden"]),
    "contact": ({"met": "buurman", "hoe": "telefoon", "notitie": "Gebeld"}, ["body", "met"]),
    "reflectiegesprek": ({"besproken": ""}, ["body", "besproken"]),
    "stage_agenda": ({"week_van": "vorige week"}, ["body", "week_van"]),
    "kennismakingsgesprek": ({"bedrijf": "Bakkerij", "uitkomst": "ja"}, ["body", "uitkomst"]),
    "bedrijfsbezoek": ({"bedrijf": "Bakkerij", "sector": "11"}, ["body", "sector"]),
    "doelen": (
        {"soort": "wensen", "doelen": "Op tijd", "afgesproken_met_leerling": True},
        ["body", "soort"],
    ),
    "proeve": ({"examinator": "A", "praktijkbegeleider": "B"}, ["body", "stagebegeleider"]),
    "kandidaat": ({"stagebedrijf_id": 1, "status": "misschien"}, ["body", "status"]),
    "eindgesprek": (
        {
            "profiel": "arbeid",
            "akkoord_leerling": "ja hoor",
            "akkoord_ouders": True,
            "akkoord_school": True,
        },
        ["body", "akkoord_leerling"],
    ),
}


def test_voor_elke_soort_vastlegging_is_er_een_fout_voorbeeld():
    assert set(FOUTE_VASTLEGGINGEN) == set(RECORD_KINDS)


@pytest.mark.parametrize("kind", sorted(FOUTE_VASTLEGGINGEN))
def test_een_onjuiste_vastlegging_geeft_422_met_het_veld(client, sem, kind):
    body, loc = FOUTE_VASTLEGGINGEN[kind]

    response = record(client, sem, kind, body, "teamleider")

    assert response.status_code == 422, response.json()
    assert loc in locs(response)
    assert client.get(f"/api/leerlingen/{sem}/records", headers=as_user("teamleider")).json() == []


def test_een_vastlegging_met_een_datum_in_de_toekomst_geeft_422_op_datum(client, sem):
    morgen = (VANDAAG + timedelta(days=1)).isoformat()

    response = record(
        client,
        sem,
        "beoordeling",
        {"soort": "werkhouding", "uitslag": "voldoende", "datum": morgen},
    )

    assert response.status_code == 422
    assert locs(response) == [["body", "datum"]]


def test_een_vastlegging_van_vandaag_wordt_bewaard_met_die_datum(client, sem):
    body = {"soort": "werkhouding", "uitslag": "voldoende", "datum": VANDAAG.isoformat()}

    response = record(client, sem, "beoordeling", body)

    assert response.status_code == 201
    (opgeslagen,) = client.get(f"/api/leerlingen/{sem}/records", headers=as_user("mentor")).json()
    assert opgeslagen["id"] == response.json()["id"]
    assert (opgeslagen["kind"], opgeslagen["datum"]) == ("beoordeling", VANDAAG.isoformat())


def test_een_mentor_legt_de_mentorbeoordeling_vast_maar_geen_stagebeoordeling(client, sem):
    mentor = record(
        client, sem, "beoordeling", {"soort": "mentor", "uitslag": "voldoende"}, "mentor"
    )
    stage = record(
        client, sem, "beoordeling", {"soort": "stagebeoordeling", "uitslag": "voldoende"}, "mentor"
    )
    overleg = record(
        client, sem, "overleg", {"met": "ondersteuningsteam", "uitkomst": "positief"}, "mentor"
    )

    assert mentor.status_code == 201
    assert stage.status_code == 403
    assert overleg.status_code == 403
    kinds = client.get(f"/api/leerlingen/{sem}/records", headers=as_user("mentor")).json()
    assert [r["data"]["soort"] for r in kinds] == ["mentor"]


def test_een_mentor_kan_niets_vastleggen_bij_een_leerling_van_een_andere_klas(client, noor):
    response = record(
        client, noor, "beoordeling", {"soort": "mentor", "uitslag": "voldoende"}, "mentor"
    )

    assert response.status_code == 404


# --- de lijst -------------------------------------------------------------------------------


@pytest.fixture
def klassen(client, staff) -> dict[str, int]:
    ids = {}
    for naam, klas, leerjaar, begeleider in (
        ("Anna Aerts", "3A", "3", staff.stagebegeleider.id),
        ("Bram Bos", "3A", "3", staff.stagebegeleider.id),
        ("Cas Claes", "3A", "3", staff.andere_begeleider.id),
        ("Dewi Dekker", "2A", "2", staff.stagebegeleider.id),
        ("Eva Evers", "3B", "3", staff.andere_begeleider.id),
    ):
        ids[naam] = maak_leerling(
            client, naam=naam, klas=klas, leerjaar=leerjaar, stagebegeleider_id=begeleider
        )
    return ids


def namen(client, user: str, **params) -> list[str]:
    response = client.get("/api/leerlingen", params=params, headers=as_user(user))
    assert response.status_code == 200, response.json()
    return [item["naam"] for item in response.json()["items"]]


def test_de_lijst_toont_alleen_de_leerlingen_die_je_mag_zien(client, klassen):
    assert namen(client, "stagebegeleider") == ["Anna Aerts", "Bram Bos", "Dewi Dekker"]
    assert namen(client, "andere_begeleider") == ["Cas Claes", "Eva Evers"]
    assert namen(client, "mentor") == ["Anna Aerts", "Bram Bos", "Cas Claes"]
    assert namen(client, "andere_mentor") == ["Eva Evers"]
    assert len(namen(client, "teamleider")) == 5


def test_de_lijst_filtert_binnen_wat_je_mag_zien(client, klassen):
    assert namen(client, "stagebegeleider", leerjaar="2") == ["Dewi Dekker"]
    assert namen(client, "stagebegeleider", klas="3B") == []
    assert namen(client, "teamleider", klas="3B") == ["Eva Evers"]
    assert namen(client, "mentor", zoek="BRAM") == ["Bram Bos"]
    assert namen(client, "teamleider", state="snuffelstage") == []
    assert len(namen(client, "teamleider", state="interne_stage")) == 5


def test_de_lijst_bladert_en_telt_het_totaal(client, klassen):
    response = client.get(
        "/api/leerlingen", params={"pagina": 2, "per_pagina": 2}, headers=as_user("teamleider")
    )

    assert response.status_code == 200
    pagina = response.json()
    assert [i["naam"] for i in pagina["items"]] == ["Cas Claes", "Dewi Dekker"]
    assert (pagina["totaal"], pagina["pagina"], pagina["per_pagina"]) == (5, 2, 2)
    assert namen(client, "teamleider", pagina=4, per_pagina=2) == []


@pytest.mark.parametrize(
    ("params", "veld"),
    [({"pagina": 0}, "pagina"), ({"per_pagina": 201}, "per_pagina"), ({"zoek": "x" * 101}, "zoek")],
)
def test_onzinnige_lijstparameters_geven_422(client, params, veld):
    response = client.get("/api/leerlingen", params=params, headers=as_user("teamleider"))

    assert response.status_code == 422
    assert ["query", veld] in locs(response)


# --- audit en documentatie ------------------------------------------------------------------


@pytest.mark.parametrize("user", ["stagebegeleider", "ondersteuner", "mentor"])
def test_alleen_de_teamleider_controleert_de_audittrail(client, user):
    response = client.get("/api/audit/verify", headers=as_user(user))

    assert response.status_code == 403


def test_de_teamleider_ziet_dat_de_audittrail_intact_is(client, sem):
    fire(client, sem, "interne_stage_afronden")

    response = client.get("/api/audit/verify", headers=as_user("teamleider"))

    assert response.status_code == 200
    assert response.json() == {
        "intact": True,
        "eerste_fout_event": None,
        "reden": None,
        "keten": None,
        "volgnummer": None,
    }


def test_een_gewijzigd_event_noemt_zijn_keten_en_plaats(client, sem, engine):
    """Since the chains per leerling the API names the chain of the first finding too."""
    from sqlalchemy import select, update

    from tests.integration.test_audit import EVENTS, buiten_de_app_om

    fire(client, sem, "interne_stage_afronden")
    fire(client, sem, "snuffelstage_afronden")
    with buiten_de_app_om(engine) as conn:
        eerste = conn.scalar(
            select(EVENTS.c.id).where(EVENTS.c.leerling_id == sem).order_by(EVENTS.c.id)
        )
        conn.execute(update(EVENTS).where(EVENTS.c.id == eerste).values(naar="afgesloten"))

    response = client.get("/api/audit/verify", headers=as_user("teamleider"))

    assert response.status_code == 200
    uitslag = response.json()
    assert uitslag["intact"] is False
    assert uitslag["eerste_fout_event"] == eerste
    assert uitslag["keten"] == f"leerling-{sem}"
    assert uitslag["volgnummer"] == 1


def test_het_openapi_document_noemt_de_stap_en_elke_vastlegging(client):
    paths = client.get("/openapi.json").json()["paths"]

    stap = paths["/api/leerlingen/{leerling_id}/triggers/{trigger}"]["post"]
    assert {"200", "404", "409", "422"} <= set(stap["responses"])
    for kind in RECORD_KINDS:
        assert "post" in paths[f"/api/leerlingen/{{leerling_id}}/records/{kind}"], kind
    assert "get" in paths["/api/audit/verify"]


def test_een_vastlegging_die_niet_bij_de_fase_past_wordt_geweigerd_met_een_nederlandse_reden(
    client, sem
):
    opdracht = {"periode": 1, "nummer": 1, "afgerond": True}

    response = record(client, sem, "praktijkopdracht", opdracht)

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail["reden"] == "geweigerd"
    assert detail["guards"] == [
        {
            "guard": "past_bij_fase",
            "ok": False,
            "reden": "'Praktijkopdracht' past niet bij de fase 'Interne stage'.",
        }
    ]
    assert detail["melding"].endswith("past niet bij de fase 'Interne stage'.")
    assert client.get(f"/api/leerlingen/{sem}/records", headers=as_user("teamleider")).json() == []
    audit = client.get(f"/api/leerlingen/{sem}/audit", headers=as_user("teamleider")).json()
    assert [(e["id"], e["soort"], e["trigger"]) for e in audit][-1] == (
        detail["event_id"],
        "weigering",
        "praktijkopdracht",
    )


def test_uren_zonder_stage_die_loopt_of_liep_worden_geweigerd_met_een_nederlandse_reden(
    client, sem
):
    response = record(client, sem, "uren", {"uren": 6})

    assert response.status_code == 409
    assert [g["reden"] for g in response.json()["detail"]["guards"]] == [
        "'Uren (presentielijst)' kan pas als er een stage loopt of liep."
    ]
    assert client.get(f"/api/leerlingen/{sem}/records", headers=as_user("teamleider")).json() == []


def test_een_stagebegeleider_kan_een_nieuwe_leerling_niet_aan_een_ander_toewijzen(
    client, sessions, staff
):
    """#14 finding 7: it would vanish from their sight. Their own id, or none, is theirs."""
    body = {"naam": "Sem de Vries", "geboortedatum": "2010-04-02", "leerjaar": "3"}
    ander = client.post(
        "/api/leerlingen",
        json={**body, "stagebegeleider_id": staff.andere_begeleider.id},
        headers=as_user("stagebegeleider"),
    )
    eigen = client.post(
        "/api/leerlingen",
        json={**body, "naam": "Noor Jansen", "stagebegeleider_id": staff.stagebegeleider.id},
        headers=as_user("stagebegeleider"),
    )
    door_teamleider = client.post(
        "/api/leerlingen",
        json={**body, "naam": "Ali Yilmaz", "stagebegeleider_id": staff.andere_begeleider.id},
        headers=as_user("teamleider"),
    )

    assert ander.status_code == 403
    assert "Alleen de teamleider" in ander.json()["detail"]
    assert (eigen.status_code, door_teamleider.status_code) == (201, 201)
    with sessions() as session:
        namen = set(session.scalars(select(t.Leerling.naam)))
    assert namen == {"Noor Jansen", "Ali Yilmaz"}


# --- the race for the last groepsstage place (issue #15 item 13) -------------------------


def test_wie_de_laatste_groepsstageplaats_verliest_krijgt_dezelfde_409_als_elke_weigering(
    client, sessions, clock, staff, monkeypatch
):
    """Lost at the claim (someone else committed between the look and the claim): the body
    has the shape of every refusal — reden 'geweigerd', the failing guards, the audit event."""
    from tests.integration.builders import breng_naar, groepsstage_contract, nieuwe_leerling

    def klaar_voor_advies(naam: str) -> int:
        lid = nieuwe_leerling(sessions, clock, staff.teamleider, naam=naam,
                              stagebegeleider_id=staff.stagebegeleider.id)  # fmt: skip
        breng_naar(sessions, clock, staff.teamleider, lid, "stage_advies")
        groepsstage_contract(sessions, clock, staff.stagebegeleider, lid)
        return lid

    advies = {"reden": "nt2", "dagdelen": ["wo_middag"]}
    for i in range(5):
        lid = klaar_voor_advies(f"Groep {i}")
        versie = client.get(f"/api/leerlingen/{lid}", headers=as_user("stagebegeleider"))
        body = {"version": versie.json()["version"], "payload": advies}
        response = client.post(f"/api/leerlingen/{lid}/triggers/advies_groepsstage", json=body,
                               headers=as_user("stagebegeleider"))  # fmt: skip
        assert response.status_code == 200, response.json()
    laatste = klaar_voor_advies("Laatste")
    versie = client.get(f"/api/leerlingen/{laatste}", headers=as_user("stagebegeleider"))
    monkeypatch.setattr(
        "trajectory.store.repository.groepsstage_bezetting", lambda *a, **k: Counter()
    )
    response = client.post(
        f"/api/leerlingen/{laatste}/triggers/advies_groepsstage",
        json={"version": versie.json()["version"], "payload": advies},
        headers=as_user("stagebegeleider"),
    )

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail["reden"] == "geweigerd"
    assert [g["guard"] for g in detail["guards"]] == ["groepsstage_plaats_vrij"]
    assert "net door iemand anders genomen" in detail["melding"]
    audit = client.get(f"/api/leerlingen/{laatste}/audit", headers=as_user("teamleider")).json()
    assert any(e.get("id") == detail["event_id"] for e in audit), audit
