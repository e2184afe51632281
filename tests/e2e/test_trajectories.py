"""Whole trajectories through the JSON API, walked school year by school year.

Each test follows one leerling from leerjaar 2 to the end of a route of the
stagebeleidsplan, moving the clock between the steps, asserting the state after
every step and, at the end, that the audit trail lists the transitions in order
and that the hash chain is intact.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import as_user, store_test_token
from tests.integration.builders import erkend_bedrijf
from trajectory.domain.clock import FixedClock
from trajectory.guards.groepsstage import BASISWERKNEMERSVAARDIGHEDEN
from trajectory.usecases.users import add_user

MENTOR_2A = "mentor2a@school.test"
MENTOR_2A_TOKEN = "test-token-mentor-2a"


@pytest.fixture
def mentor_2a(sessions: sessionmaker[Session], clock: FixedClock, staff: object) -> str:
    """The mentor of klas 2A (the shared staff only has mentors of 3A and 3B)."""
    user_id = add_user(
        sessions, email=MENTOR_2A, naam="Marit Mentor", rol="mentor", klas="2A", clock=clock
    )
    with sessions.begin() as session:
        store_test_token(session, user_id, MENTOR_2A_TOKEN, clock)
    return "mentor_2a"


# --- talking to the API -------------------------------------------------------------


def headers(as_: str) -> dict[str, str]:
    if as_ == "mentor_2a":
        return {"Authorization": f"Bearer {MENTOR_2A_TOKEN}"}
    return as_user(as_)


def new_leerling(client: TestClient, naam: str, geboren: date, klas: str = "2A") -> int:
    body = {"naam": naam, "geboortedatum": geboren.isoformat(), "leerjaar": "2", "klas": klas}
    response = client.post("/api/leerlingen", json=body, headers=headers("stagebegeleider"))
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def show(client: TestClient, leerling_id: int, as_: str = "stagebegeleider") -> dict[str, Any]:
    response = client.get(f"/api/leerlingen/{leerling_id}", headers=headers(as_))
    assert response.status_code == 200, response.json()
    return response.json()


def state(client: TestClient, leerling_id: int) -> str:
    return show(client, leerling_id)["state"]


def fire(
    client: TestClient,
    leerling_id: int,
    trigger: str,
    payload: dict[str, Any] | None = None,
    as_: str = "stagebegeleider",
    motivatie: str | None = None,
) -> Any:
    """Press the button the way the UI does: with the version the user just saw."""
    version = show(client, leerling_id, as_)["version"]
    body = {"version": version, "payload": payload, "motivatie": motivatie}
    return client.post(
        f"/api/leerlingen/{leerling_id}/triggers/{trigger}", json=body, headers=headers(as_)
    )


def step(client: TestClient, leerling_id: int, trigger: str, payload: Any = None, **kw: Any) -> str:
    """Fire a trigger that must be accepted; the new state."""
    response = fire(client, leerling_id, trigger, payload, **kw)
    assert response.status_code == 200, response.json()
    return response.json()["state"]


def refused(client: TestClient, leerling_id: int, trigger: str, payload: Any = None) -> dict:
    """Fire a trigger that must be refused; the failing guards with their Dutch reasons."""
    before = show(client, leerling_id)
    response = fire(client, leerling_id, trigger, payload)
    assert response.status_code == 409, response.json()
    detail = response.json()["detail"]
    assert detail["reden"] == "geweigerd"
    after = show(client, leerling_id)
    assert (after["state"], after["version"]) == (before["state"], before["version"])
    return {g["guard"]: g["reden"] for g in detail["guards"]}


def record(
    client: TestClient, leerling_id: int, kind: str, as_: str = "stagebegeleider", **data: Any
) -> int:
    response = client.post(
        f"/api/leerlingen/{leerling_id}/records/{kind}", json=data, headers=headers(as_)
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def beoordeling(client: TestClient, leerling_id: int, soort: str, **data: Any) -> int:
    as_ = data.pop("as_", "stagebegeleider")
    data.setdefault("uitslag", "voldoende")
    return record(client, leerling_id, "beoordeling", as_=as_, soort=soort, **data)


WEEKDAGEN = {"ma": "maandag", "di": "dinsdag", "wo": "woensdag", "do": "donderdag", "vr": "vrijdag"}


def rooster(
    dagdelen: Any, start: str = "09:00", eind: str = "14:30", pauze: int = 30
) -> dict[str, Any]:
    """A weekly rooster on the days of these dagdelen (default: 5 hours, stage I of lj 3)."""
    dagen = dict.fromkeys(WEEKDAGEN[d.split("_")[0]] for d in dagdelen)
    return {dag: {"start": start, "eind": eind, "pauzes": [pauze]} for dag in dagen}


def plaatsing(client: TestClient, leerling_id: int, **data: Any) -> int:
    data = {"afstand_km": 4.5, **data}
    data = {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}
    response = client.post(
        f"/api/leerlingen/{leerling_id}/plaatsingen", json=data, headers=headers("stagebegeleider")
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def overeenkomst(
    client: TestClient,
    leerling_id: int,
    plaatsing_id: int | None,
    aanvang: date,
    einde: date,
    tijden: str = "9:00-14:30, pauze 12:00-12:30",
) -> int:
    """A stage-overeenkomst with everything WVO art. 35 asks, signed by all (and a parent);
    its `tijden` are the rooster's; without a placement it is the stagecontract of the
    groepsstage about to start."""
    plaats = {} if plaatsing_id is None else {"plaatsing_id": plaatsing_id}
    return record(
        client,
        leerling_id,
        "stage_overeenkomst",
        **plaats,
        leeractiviteiten="Meewerken in de productie volgens de leerdoelen",
        aanvangsdatum=aanvang.isoformat(),
        einddatum=einde.isoformat(),
        tijden=tijden,
        begeleidingsregeling="Stagebegeleider bezoekt elke 3 weken; praktijkbegeleider dagelijks",
        beoordeling_door_bedrijf="Praktijkbegeleider vult het beoordelingsformulier in",
        inspectie_regeling="Inspectie heeft toegang na afspraak",
        verzekering_ongevallen="School (collectieve ongevallenverzekering)",
        verzekering_aansprakelijkheid="Bedrijf (WA-bedrijfsverzekering)",
        kosten_door="School",
        getekend_school=True,
        getekend_leerling=True,
        getekend_bedrijf=True,
        getekend_ouder=True,
    )


def transitions_in_audit(client: TestClient, leerling_id: int) -> list[tuple[str, str, str]]:
    response = client.get(f"/api/leerlingen/{leerling_id}/audit", headers=headers("teamleider"))
    assert response.status_code == 200, response.json()
    return [
        (e["trigger"], e["van"], e["naar"]) for e in response.json() if e["soort"] == "overgang"
    ]


def assert_audit_intact(client: TestClient) -> None:
    response = client.get("/api/audit/verify", headers=headers("teamleider"))
    assert response.json() == {
        "intact": True,
        "eerste_fout_event": None,
        "reden": None,
        "keten": None,
        "volgnummer": None,
    }


# --- the trajectory, phase by phase -------------------------------------------------

SNUFFEL_CRITERIA = ("beroepsvaardigheden", "instructies_volgen", "werkhouding")
VAKANTIES_2026_2027 = (
    (date(2026, 10, 19), date(2026, 10, 23)),
    (date(2026, 12, 21), date(2027, 1, 1)),
    (date(2027, 2, 15), date(2027, 2, 19)),
    (date(2027, 4, 26), date(2027, 5, 7)),
)
FEESTDAGEN_2027 = (date(2027, 3, 29), date(2027, 5, 17))


def stagevoorbereiding(client: TestClient, clock: FixedClock, leerling_id: int) -> None:
    """Leerjaar 2 (2023-2024) up to the voorlopig advies: interne stage, snuffelstage, Noa."""
    clock.set(date(2023, 10, 12))
    beoordeling(client, leerling_id, "interne_stage", toelichting="Kantinedienst goed gedaan")
    assert step(client, leerling_id, "interne_stage_afronden") == "snuffelstage"

    clock.set(date(2024, 2, 15))
    criteria = dict.fromkeys(SNUFFEL_CRITERIA, "voldoende")
    beoordeling(client, leerling_id, "snuffelstage", criteria=criteria)
    assert step(client, leerling_id, "snuffelstage_afronden") == "stage_advies"

    clock.set(date(2024, 3, 14))
    record(client, leerling_id, "noa_test", sectoren=["08", "04"])
    record(client, leerling_id, "vragenlijst", besproken=True)
    clock.set(date(2024, 5, 21))


def klaar_voor_zelfstandig(client: TestClient, leerling_id: int) -> None:
    """The beoordelingen the advies zelfstandig needs (beleidsplan 2.2)."""
    beoordeling(client, leerling_id, "sociale_vaardigheden")
    beoordeling(client, leerling_id, "werkhouding")
    beoordeling(client, leerling_id, "mentor", as_="mentor_2a")
    beoordeling(client, leerling_id, "docentenadvies", as_="mentor_2a")


def advies_zelfstandig(client: TestClient, clock: FixedClock, leerling_id: int) -> None:
    stagevoorbereiding(client, clock, leerling_id)
    klaar_voor_zelfstandig(client, leerling_id)
    payload = {"geplande_startdatum": "2024-09-17"}
    assert step(client, leerling_id, "advies_zelfstandig", payload) == "stage_zoeken"


def individuele_stage(
    client: TestClient,
    clock: FixedClock,
    leerling_id: int,
    *,
    start: date,
    einde: date,
    dagdelen: tuple[str, ...] = ("di_ochtend", "di_middag", "do_ochtend", "do_middag"),
) -> int:
    """Leerjaar 3: an individuele stage arranged and started (the caller decides how it ends)."""
    clock.set(start - timedelta(days=14))
    stage = plaatsing(
        client,
        leerling_id,
        bedrijf="Bakkerij Van Dam",
        sector="08",
        startdatum=start,
        einddatum=einde,
        dagdelen=list(dagdelen),
        rooster=rooster(dagdelen),
    )
    overeenkomst(client, leerling_id, stage, start, einde)
    clock.set(start)
    assert step(client, leerling_id, "stage_starten") == "individuele_stage"
    return stage


def stage_afronden(client: TestClient, clock: FixedClock, leerling_id: int, op: date) -> None:
    clock.set(op)
    beoordeling(client, leerling_id, "stagebeoordeling", toelichting="Werkt netjes en zelfstandig")
    assert step(client, leerling_id, "stage_afronden") == "stage_zoeken"


def verdieping(client: TestClient, clock: FixedClock, leerling_id: int) -> int:
    """Leerjaar 4 (2025-2026): one placement in the definitieve sector, three periodes."""
    clock.set(date(2025, 6, 16))
    start, einde = date(2025, 9, 1), date(2026, 6, 26)
    stage = plaatsing(
        client,
        leerling_id,
        bedrijf="Kaasmakerij De Graaf",
        sector="08",
        startdatum=start,
        einddatum=einde,
        dagdelen=["ma_ochtend", "ma_middag", "wo_ochtend", "wo_middag", "vr_ochtend", "vr_middag"],
        rooster=rooster(["ma", "wo", "vr"], "08:30", "15:30"),  # 3 days of 6.5 hours
    )
    overeenkomst(client, leerling_id, stage, start, einde, "ma, wo en vr 8:30-15:30")
    clock.set(start)
    assert step(client, leerling_id, "stage_starten") == "verdieping"

    eindes = (date(2025, 11, 14), date(2026, 2, 13), date(2026, 5, 8))
    for periode, einde_periode in enumerate(eindes, 1):
        clock.set(einde_periode)
        for nummer in (1, 2):
            record(
                client,
                leerling_id,
                "praktijkopdracht",
                periode=periode,
                nummer=nummer,
                afgerond=True,
            )
        beoordeling(client, leerling_id, "tussentijds", periode=periode)
        assert step(client, leerling_id, "periode_afronden") == "verdieping"
        assert show(client, leerling_id)["plaatsingen"][-1]["perioden_afgerond"] == periode

    clock.set(date(2026, 6, 19))
    beoordeling(client, leerling_id, "stagebeoordeling", toelichting="Klaar voor de arbeidsmarkt")
    assert step(client, leerling_id, "verdieping_afronden") == "uitstroom"
    return stage


def uren_registreren(
    client: TestClient, clock: FixedClock, leerling_id: int, van: date, tot: date
) -> float:
    """7,5 hours on each Entree stage day (Monday, Tuesday, Thursday) outside the holidays."""
    clock.set(tot)
    totaal, dag = 0.0, van
    while dag <= tot:
        vrij = dag in FEESTDAGEN_2027 or any(a <= dag <= b for a, b in VAKANTIES_2026_2027)
        if dag.weekday() in (0, 1, 3) and not vrij:
            record(client, leerling_id, "uren", datum=dag.isoformat(), uren=7.5)
            totaal += 7.5
        dag += timedelta(days=1)
    return totaal


def audit_lists(client: TestClient, leerling_id: int, *steps: tuple[str, str]) -> None:
    """The leerling's audit trail lists exactly these (trigger, naar) transitions, in order."""
    overgangen = transitions_in_audit(client, leerling_id)
    assert [(trigger, naar) for trigger, _, naar in overgangen] == list(steps)
    vans = [van for _, van, _ in overgangen]
    assert vans == ["interne_stage", *(naar for _, naar in steps[:-1])]


TOT_STAGE_ZOEKEN = (
    ("interne_stage_afronden", "snuffelstage"),
    ("snuffelstage_afronden", "stage_advies"),
    ("advies_zelfstandig", "stage_zoeken"),
)
TOT_UITSTROOM = (
    *TOT_STAGE_ZOEKEN,
    ("stage_starten", "individuele_stage"),
    ("stage_afronden", "stage_zoeken"),
    ("sector_kiezen", "stage_zoeken"),
    ("stage_starten", "verdieping"),
    ("periode_afronden", "verdieping"),
    ("periode_afronden", "verdieping"),
    ("periode_afronden", "verdieping"),
    ("verdieping_afronden", "uitstroom"),
)


# --- a. zelfstandig, individuele stage, verdieping, uitstroom, nazorg ---------------


def test_een_leerling_loopt_zelfstandig_stage_tot_en_met_twee_jaar_nazorg(
    client: TestClient, clock: FixedClock, mentor_2a: str
) -> None:
    clock.set(date(2023, 9, 4))
    lid = new_leerling(client, "Noor Jansen", geboren=date(2010, 8, 1))
    assert (state(client, lid), show(client, lid)["leerjaar"]) == ("interne_stage", "2")
    clock.set(date(2023, 10, 5))
    assert refused(client, lid, "interne_stage_afronden") == {
        "interne_stage_beoordeeld": "De beoordeling van de interne stage (kantinedienst) "
        "is nog niet vastgelegd."
    }

    stagevoorbereiding(client, clock, lid)
    assert state(client, lid) == "stage_advies"
    klaar_voor_zelfstandig(client, lid)
    assert refused(client, lid, "advies_zelfstandig", {"geplande_startdatum": "2024-07-01"}) == {
        "minstens_14_bij_start": "Op de geplande startdatum (01-07-2024) is de leerling 13 jaar; "
        "zelfstandig stagelopen kan vanaf 14 jaar."
    }
    payload = {"geplande_startdatum": "2024-09-17"}
    assert step(client, lid, "advies_zelfstandig", payload) == "stage_zoeken"
    assert show(client, lid)["leerjaar"] == "3"

    individuele_stage(client, clock, lid, start=date(2024, 9, 17), einde=date(2025, 1, 31))
    assert show(client, lid)["plaatsingen"][0]["status"] == "lopend"
    stage_afronden(client, clock, lid, date(2025, 1, 31))
    assert show(client, lid)["plaatsingen"][0]["status"] == "afgerond"

    clock.set(date(2025, 4, 14))
    assert refused(client, lid, "sector_kiezen", {"sector": "08"}) == {
        "einde_leerjaar_3": "De definitieve sector wordt gekozen aan het eind van leerjaar 3 "
        "(vanaf mei)."
    }
    clock.set(date(2025, 5, 12))
    assert step(client, lid, "sector_kiezen", {"sector": "08"}) == "stage_zoeken"
    leerling = show(client, lid)
    assert (leerling["leerjaar"], leerling["definitieve_sector"]) == ("4", "08")

    verdieping(client, clock, lid)
    assert [p["status"] for p in show(client, lid)["plaatsingen"]] == ["afgerond", "afgerond"]

    clock.set(date(2026, 6, 26))
    uitstroom = {
        "profiel": "arbeid",
        "bestemming": "Kaasmakerij De Graaf, leerwerkplek",
        "vertrekdatum": "2026-07-10",
    }
    assert step(client, lid, "uitstromen", uitstroom) == "nazorg"
    assert show(client, lid)["vertrekdatum"] == "2026-07-10"

    clock.set(date(2026, 11, 5))
    contact = {"met_wie": "werkgever", "hoe_gaat_het": "Noor heeft een vast contract"}
    assert step(client, lid, "nazorg_contact", contact) == "nazorg"

    clock.set(date(2028, 7, 3))
    assert refused(client, lid, "nazorg_afsluiten") == {
        "nazorg_twee_jaar_of_besluit": "De nazorg loopt tot 10-07-2028 (twee jaar na vertrek); "
        "eerder afsluiten kan alleen met een besluit van de teamleider."
    }
    clock.set(date(2028, 7, 10))
    assert step(client, lid, "nazorg_afsluiten") == "afgesloten"
    assert show(client, lid)["triggers"] == []

    audit_lists(
        client,
        lid,
        *TOT_UITSTROOM,
        ("uitstromen", "nazorg"),
        ("nazorg_contact", "nazorg"),
        ("nazorg_afsluiten", "afgesloten"),
    )
    assert_audit_intact(client)


# --- b. groepsstage, uitval, alternatief programma ----------------------------------


def test_een_nt2_leerling_gaat_via_groepsstage_en_uitval_naar_beschutte_arbeid(
    client: TestClient, clock: FixedClock, mentor_2a: str
) -> None:
    clock.set(date(2023, 9, 4))
    lid = new_leerling(client, "Yonas Tesfaye", geboren=date(2008, 9, 12))
    stagevoorbereiding(client, clock, lid)

    dagdelen = ["di_ochtend", "di_middag", "do_ochtend", "do_middag"]
    advies = {"reden": "nt2", "dagdelen": dagdelen}
    assert refused(client, lid, "advies_groepsstage", advies) == {
        "groepsstage_overeenkomst_compleet": "Bij aanvang van de groepsstage wordt een "
        "stagecontract opgesteld; leg de stage-overeenkomst voor de groepsstage vast."
    }
    overeenkomst(client, lid, None, date(2024, 9, 2), date(2025, 7, 4))
    assert step(client, lid, "advies_groepsstage", advies) == "groepsstage"
    leerling = show(client, lid)
    assert leerling["leerjaar"] == "3"
    groepsstage = leerling["plaatsingen"][-1]
    assert (groepsstage["soort"], groepsstage["status"]) == ("groepsstage", "lopend")
    assert groepsstage["dagdelen"] == dagdelen

    clock.set(date(2024, 11, 15))
    scores = dict.fromkeys(BASISWERKNEMERSVAARDIGHEDEN, "voldoende") | {
        "klantencontact": "onvoldoende"
    }
    record(client, lid, "basisvaardigheden", vaardigheden=scores)
    assert refused(client, lid, "naar_individueel") == {
        "basisvaardigheden_voldoende": "Nog niet voldoende: klantencontact.",
        "overleg_ouders_positief": "Het overleg met ouders, mentor en stagebegeleider "
        "is nog niet vastgelegd.",
    }

    clock.set(date(2025, 1, 17))
    scores = dict.fromkeys(BASISWERKNEMERSVAARDIGHEDEN, "voldoende")
    record(client, lid, "basisvaardigheden", vaardigheden=scores)
    record(client, lid, "overleg", met="ouders_mentor_stagebegeleider", uitkomst="positief")
    assert step(client, lid, "naar_individueel") == "stage_zoeken"
    assert show(client, lid)["plaatsingen"][-1]["status"] == "afgerond"

    individuele_stage(
        client,
        clock,
        lid,
        start=date(2025, 2, 18),
        einde=date(2025, 6, 27),
        dagdelen=("ma_ochtend", "ma_middag", "wo_ochtend", "wo_middag"),
    )

    clock.set(date(2025, 3, 20))
    reden = "Na herhaaldelijk te laat komen weggestuurd door het bedrijf"
    assert step(client, lid, "uitvallen", {"reden": reden}) == "uitgevallen"
    assert show(client, lid)["plaatsingen"][-1]["status"] == "afgebroken"

    # the mentor of the class sees the uitval and its reden at once, but cannot act on it
    records = client.get(f"/api/leerlingen/{lid}/records", headers=headers("mentor_2a")).json()
    uitval = [r for r in records if r["kind"] == "uitval"]
    assert [(r["datum"], r["data"]["reden"]) for r in uitval] == [("2025-03-20", reden)]
    assert uitval[0]["plaatsing_id"] == show(client, lid)["plaatsingen"][-1]["id"]
    trail = client.get(f"/api/leerlingen/{lid}/audit", headers=headers("mentor_2a")).json()
    assert trail[-1]["trigger"] == "uitvallen"
    assert trail[-1]["payload"] == {"gegevens": {"reden": reden}}
    assert fire(client, lid, "alternatief_starten", as_="mentor_2a").status_code == 403

    clock.set(date(2025, 3, 27))
    assert refused(client, lid, "alternatief_starten") == {
        "overleg_ondersteuningsteam_vastgelegd": "Het overleg met het ondersteuningsteam "
        "na de uitval is nog niet vastgelegd."
    }
    overleg = {
        "met": "ondersteuningsteam",
        "uitkomst": "positief",
        "toelichting": "Integraal stappenplan: werkervaring in de schoolkantine, jobcoach",
    }
    assert step(client, lid, "alternatief_starten", overleg) == "alternatief_programma"

    clock.set(date(2026, 6, 15))
    evaluatie = {"vervolg": "uitstroom", "toelichting": "Past bij beschut werk"}
    assert step(client, lid, "alternatief_afronden", evaluatie) == "uitstroom"

    clock.set(date(2026, 7, 3))
    uitstroom = {
        "profiel": "beschutte_arbeid",
        "bestemming": "Sociale werkvoorziening Ergon",
        "vertrekdatum": "2026-07-10",
    }
    assert step(client, lid, "uitstromen", uitstroom) == "nazorg"

    clock.set(date(2026, 11, 10))
    contact = {"met_wie": "ex_leerling", "hoe_gaat_het": "Gaat goed", "actie": "Over 4 maanden"}
    assert step(client, lid, "nazorg_contact", contact) == "nazorg"

    # closing early is the teamleider's decision, with a reden
    clock.set(date(2027, 9, 1))
    besluit = {"reden": "Verhuisd naar het buitenland; geen contact meer mogelijk"}
    assert fire(client, lid, "nazorg_afsluiten", besluit).status_code == 403
    assert state(client, lid) == "nazorg"
    assert step(client, lid, "nazorg_afsluiten", besluit, as_="teamleider") == "afgesloten"

    audit_lists(
        client,
        lid,
        ("interne_stage_afronden", "snuffelstage"),
        ("snuffelstage_afronden", "stage_advies"),
        ("advies_groepsstage", "groepsstage"),
        ("naar_individueel", "stage_zoeken"),
        ("stage_starten", "individuele_stage"),
        ("uitvallen", "uitgevallen"),
        ("alternatief_starten", "alternatief_programma"),
        ("alternatief_afronden", "uitstroom"),
        ("uitstromen", "nazorg"),
        ("nazorg_contact", "nazorg"),
        ("nazorg_afsluiten", "afgesloten"),
    )
    assert_audit_intact(client)


def test_na_uitval_in_leerjaar_3_volgt_opvang_op_de_stagedagen(
    client: TestClient, clock: FixedClock, mentor_2a: str
) -> None:
    clock.set(date(2023, 9, 4))
    lid = new_leerling(client, "Daan Bakker", geboren=date(2010, 1, 20))
    advies_zelfstandig(client, clock, lid)
    stagedagen = ("di_ochtend", "di_middag", "do_ochtend", "do_middag")
    individuele_stage(
        client, clock, lid, start=date(2024, 9, 17), einde=date(2025, 1, 31), dagdelen=stagedagen
    )

    clock.set(date(2024, 11, 12))
    assert step(client, lid, "uitvallen", {"reden": "Ruzie met een collega"}) == "uitgevallen"

    clock.set(date(2024, 11, 14))
    overeenkomst(client, lid, None, date(2024, 11, 14), date(2025, 1, 31))
    assert refused(
        client, lid, "opvang_groepsstage", {"dagdelen": ["vr_ochtend", "di_ochtend"]}
    ) == {
        "opvang_op_juiste_dagdelen": "Opvang kan alleen op de stagedagen van de afgebroken "
        "stage; niet op vr-ochtend."
    }
    assert step(client, lid, "opvang_groepsstage", {"dagdelen": list(stagedagen)}) == "groepsstage"
    opvang = show(client, lid)["plaatsingen"][-1]
    assert (opvang["soort"], opvang["status"], opvang["dagdelen"]) == (
        "groepsstage",
        "lopend",
        list(stagedagen),
    )

    audit_lists(
        client,
        lid,
        *TOT_STAGE_ZOEKEN,
        ("stage_starten", "individuele_stage"),
        ("uitvallen", "uitgevallen"),
        ("opvang_groepsstage", "groepsstage"),
    )
    assert_audit_intact(client)


# --- c. Entree with the praktijkexamen ----------------------------------------------


def test_een_leerling_haalt_entree_na_een_herkansing_van_het_praktijkexamen(
    client: TestClient, clock: FixedClock, mentor_2a: str, sessions: sessionmaker[Session], staff
) -> None:
    clock.set(date(2023, 9, 4))
    lid = new_leerling(client, "Sara de Wit", geboren=date(2010, 8, 1))
    advies_zelfstandig(client, clock, lid)
    individuele_stage(client, clock, lid, start=date(2024, 9, 17), einde=date(2025, 1, 31))
    stage_afronden(client, clock, lid, date(2025, 1, 31))
    clock.set(date(2025, 5, 12))
    assert step(client, lid, "sector_kiezen", {"sector": "08"}) == "stage_zoeken"
    verdieping(client, clock, lid)
    assert state(client, lid) == "uitstroom"

    clock.set(date(2026, 6, 22))
    assert step(client, lid, "entree_starten") == "stage_zoeken"
    assert show(client, lid)["leerjaar"] == "entree"

    # Entree asks for an erkend leerbedrijf
    clock.set(date(2026, 8, 24))
    start, einde = date(2026, 9, 7), date(2027, 7, 2)
    dagdelen = ["ma_ochtend", "ma_middag", "di_ochtend", "di_middag", "do_ochtend", "do_middag"]
    entree_rooster = rooster(dagdelen, "08:30", "16:30")  # 3 days of 7.5 hours: 22.5 a week
    winkel = plaatsing(
        client,
        lid,
        bedrijf="Buurtsuper Het Hoekje",
        sector="03",
        startdatum=start,
        einddatum=einde,
        rooster=entree_rooster,
    )
    overeenkomst(client, lid, winkel, start, einde, "ma, di en do 8:30-16:30")
    assert refused(client, lid, "stage_starten") == {
        "erkend_leerbedrijf": "Buurtsuper Het Hoekje is geen erkend leerbedrijf; "
        "dat is nodig voor Entree."
    }
    # the register knows Hotel De Linde as SBB-erkend for Horeca en Winkel
    erkend_bedrijf(sessions, clock, staff.teamleider, "Hotel De Linde", geldig_tot=einde)
    hotel = plaatsing(
        client,
        lid,
        bedrijf="Hotel De Linde",
        sector="03",
        startdatum=start,
        einddatum=einde,
        dagdelen=dagdelen,
        rooster=entree_rooster,
    )
    overeenkomst(client, lid, hotel, start, einde, "ma, di en do 8:30-16:30")
    clock.set(start)
    assert step(client, lid, "stage_starten") == "entree"

    uren = uren_registreren(client, clock, lid, start, date(2026, 11, 13))
    beoordeling(client, lid, "tussentijds", periode=1)
    assert step(client, lid, "periode_afronden") == "entree"

    clock.set(date(2026, 11, 20))
    assert refused(client, lid, "studieadvies", {"positief": True}) == {
        "studieadvies_in_december": "Het bindend studieadvies wordt gegeven vanaf 1 december "
        "(01-12-2026)."
    }
    clock.set(date(2026, 12, 1))
    advies = {"positief": True, "toelichting": "Goed op weg naar het diploma"}
    assert step(client, lid, "studieadvies", advies) == "entree"

    uren += uren_registreren(client, clock, lid, date(2026, 11, 14), date(2027, 4, 16))
    assert uren == 622.5
    assert refused(client, lid, "examen_aanmelden") == {
        "uren_650": "Er zijn in het opleidingsjaar (01-08-2026 t/m 31-07-2027) 622,5 "
        "stage-uren geregistreerd; voor het examen zijn er 650 nodig.",
        "vanaf_mei": "Aanmelden voor het praktijkexamen kan vanaf mei (01-05-2027).",
    }
    uren += uren_registreren(client, clock, lid, date(2027, 4, 17), date(2027, 5, 21))
    assert uren >= 650
    assert step(client, lid, "examen_aanmelden") == "praktijkexamen"

    clock.set(date(2027, 6, 3))
    assert step(client, lid, "examen_afronden", {"geslaagd": False}) == "entree"
    assert show(client, lid)["plaatsingen"][-1]["status"] == "lopend"

    clock.set(date(2027, 6, 17))
    assert step(client, lid, "examen_aanmelden") == "praktijkexamen"
    clock.set(date(2027, 6, 24))
    assert step(client, lid, "examen_afronden", {"geslaagd": True}) == "uitstroom"
    assert show(client, lid)["plaatsingen"][-1]["status"] == "afgerond"

    uitstroom = {
        "profiel": "leren",
        "bestemming": "ROC Horeca, BBL niveau 2",
        "vertrekdatum": "2027-07-09",
    }
    assert step(client, lid, "uitstromen", uitstroom) == "nazorg"

    audit_lists(
        client,
        lid,
        *TOT_UITSTROOM,
        ("entree_starten", "stage_zoeken"),
        ("stage_starten", "entree"),
        ("periode_afronden", "entree"),
        ("studieadvies", "entree"),
        ("examen_aanmelden", "praktijkexamen"),
        ("examen_afronden", "entree"),
        ("examen_aanmelden", "praktijkexamen"),
        ("examen_afronden", "uitstroom"),
        ("uitstromen", "nazorg"),
    )
    assert_audit_intact(client)
