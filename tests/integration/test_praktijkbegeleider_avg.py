"""AVG for praktijkbegeleiders (issue #17): the inzage exports what is held about one, and the
retention run erases the personal data of one who left and whom no placement names within the
term, audited, with the chain still verifying."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.integration.builders import nieuwe_leerling
from tests.integration.test_bewaartermijn import alles_als_tekst
from tests.web import log_in
from trajectory.entrypoints.cli import app as cli
from trajectory.store import tables as t
from trajectory.store.repository import verify_audit
from trajectory.usecases import bedrijven, vastleggen
from trajectory.usecases.bewaartermijn import Bewaartermijnen, bewaartermijn

ANJA = {"naam": "Anja de Wit", "functie": "Chef", "telefoon": "06-12345678",
        "email": "anja@korrel.test"}  # fmt: skip
TERMIJN = Bewaartermijnen(praktijkbegeleider_jaren=2)


def _bedrijf_met_anja(sessions, clock, staff) -> tuple[int, int]:
    actor = staff.stagebegeleider
    bid = bedrijven.registreer(sessions, {"naam": "Bakkerij De Korrel"}, actor=actor, clock=clock)
    pb = bedrijven.voeg_praktijkbegeleider_toe(sessions, bid, ANJA, actor=actor, clock=clock)
    return bid, pb


def _vertrokken(sessions, clock, staff, pb: int) -> None:
    bedrijven.wijzig_praktijkbegeleider(
        sessions, pb, {**ANJA, "actief": False, "version": 1},
        actor=staff.stagebegeleider, clock=clock,
    )  # fmt: skip


def _plaatsing(sessions, clock, staff, bid: int, pb: int, eind: str | None) -> int:
    lid = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Sem Stagiair", klas="3A")
    return vastleggen.add_plaatsing(
        sessions, lid,
        {"stagebedrijf_id": bid, "praktijkbegeleider_id": pb, "sector": "08",
         "startdatum": "2025-03-10", "einddatum": eind},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip


def _pb(sessions, pb: int) -> t.Praktijkbegeleider:
    with sessions() as session:
        return session.get_one(t.Praktijkbegeleider, pb)


def test_de_inzage_van_een_praktijkbegeleider_bevat_wat_er_over_hen_is_en_wordt_vastgelegd(
    client, sessions, clock, staff
):
    bid, pb = _bedrijf_met_anja(sessions, clock, staff)
    bedrijven.voeg_praktijkbegeleider_toe(
        sessions, bid, {"naam": "Bert Ander", "email": "bert@korrel.test"},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip
    _plaatsing(sessions, clock, staff, bid, pb, "2025-06-30")
    _vertrokken(sessions, clock, staff, pb)
    log_in(client, sessions, "teamleider")

    response = client.get(f"/praktijkbegeleiders/{pb}/inzage.json")

    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    tabellen = response.json()["tabellen"]
    assert [(r["naam"], r["email"]) for r in tabellen["praktijkbegeleider"]] == [
        ("Anja de Wit", "anja@korrel.test")
    ]
    assert [r["naam"] for r in tabellen["stagebedrijf"]] == ["Bakkerij De Korrel"]
    assert [r["startdatum"] for r in tabellen["plaatsing"]] == ["2025-03-10"]
    assert "leerling_id" not in tabellen["plaatsing"][0]  # someone else's data
    assert [e["trigger"] for e in tabellen["audit_event"]] == [
        "praktijkbegeleider_toevoegen", "praktijkbegeleider_wijzigen",
    ]  # fmt: skip
    assert "Bert Ander" not in response.text
    assert "Sem Stagiair" not in response.text
    with sessions() as session:
        laatste = session.scalars(select(t.AuditEvent).order_by(t.AuditEvent.id.desc())).first()
        assert (laatste.soort, laatste.trigger, laatste.actor_id) == (
            "avg_export", "praktijkbegeleider_inzage", staff.teamleider.id,
        )  # fmt: skip
        assert verify_audit(session) is None
    # a second inzage lists the first
    tweede = client.get(f"/praktijkbegeleiders/{pb}/inzage.json").json()["tabellen"]
    assert tweede["audit_event"][-1]["trigger"] == "praktijkbegeleider_inzage"


def test_alleen_de_teamleider_vraagt_de_inzage_op_en_de_pagina_is_ontsnapt(
    client, sessions, clock, staff
):
    bid, _ = _bedrijf_met_anja(sessions, clock, staff)
    pb = bedrijven.voeg_praktijkbegeleider_toe(
        sessions, bid, {"naam": "Jan <Jansen>"}, actor=staff.teamleider, clock=clock
    )
    log_in(client, sessions, "stagebegeleider")
    assert client.get(f"/praktijkbegeleiders/{pb}/inzage").status_code == 403
    log_in(client, sessions, "teamleider")

    pagina = client.get(f"/praktijkbegeleiders/{pb}/inzage")

    assert pagina.status_code == 200
    assert f"Alle gegevens van praktijkbegeleider {pb}" in pagina.text
    assert "Jan &lt;Jansen&gt;" in pagina.text
    assert "<Jansen>" not in pagina.text
    assert client.get("/praktijkbegeleiders/999/inzage.json").status_code == 404


def test_trajectory_avg_export_schrijft_de_inzage_van_een_praktijkbegeleider(
    database_url, sessions, clock, staff, tmp_path
):
    _, pb = _bedrijf_met_anja(sessions, clock, staff)
    uit = tmp_path / "inzage.json"
    runner = CliRunner()
    env = {"TRAJECTORY_DATABASE_URL": database_url}

    result = runner.invoke(
        cli, ["avg", "export", "--praktijkbegeleider", str(pb), "--uitvoer", str(uit)], env=env
    )
    beide = runner.invoke(
        cli,
        ["avg", "export", "--praktijkbegeleider", "1", "--leerling", "1", "--uitvoer", str(uit)],
        env=env,
    )

    assert result.exit_code == 0, result.output
    assert json.loads(uit.read_text())["tabellen"]["praktijkbegeleider"][0]["naam"] == "Anja de Wit"
    assert beide.exit_code == 2


def test_een_vertrokken_praktijkbegeleider_zonder_plaatsing_in_de_termijn_wordt_gewist(
    sessions, clock, staff
):
    bid, pb = _bedrijf_met_anja(sessions, clock, staff)
    _plaatsing(sessions, clock, staff, bid, pb, "2025-06-30")
    _vertrokken(sessions, clock, staff, pb)
    assert "anja@korrel.test" in alles_als_tekst(sessions)
    clock.set(date(2027, 7, 2))  # two years after the placement ended (and the deactivation)

    droog = bewaartermijn(sessions, clock, TERMIJN, dry_run=True)
    assert droog.praktijkbegeleiders == [pb]
    assert _pb(sessions, pb).naam == "Anja de Wit"

    uitslag = bewaartermijn(sessions, clock, TERMIJN)

    assert uitslag.praktijkbegeleiders == [pb]
    gewist = _pb(sessions, pb)
    assert (gewist.naam, gewist.functie, gewist.telefoon, gewist.email) == ("(gewist)", "", "", "")
    assert (gewist.stagebedrijf_id, gewist.actief, gewist.version) == (bid, False, 3)
    alles = alles_als_tekst(sessions)
    assert "Anja de Wit" not in alles
    assert "anja@korrel.test" not in alles
    assert "06-12345678" not in alles
    with sessions() as session:
        laatste = session.scalars(select(t.AuditEvent).order_by(t.AuditEvent.id.desc())).first()
        assert (laatste.soort, laatste.trigger, laatste.leerling_id) == (
            "bewaartermijn", "praktijkbegeleider_gewist", None,
        )  # fmt: skip
        assert verify_audit(session) is None
    with sessions() as session:  # the placement still names them, by id
        plaatsing = session.scalars(select(t.Plaatsing)).one()
        assert plaatsing.praktijkbegeleider_id == pb
    assert bewaartermijn(sessions, clock, TERMIJN).praktijkbegeleiders == []  # once


@pytest.mark.parametrize(("dagen", "gewist"), [(-1, True), (0, False), (1, False)])
def test_een_plaatsing_die_binnen_de_termijn_eindigde_houdt_de_gegevens(
    sessions, clock, staff, dagen, gewist
):
    bid, pb = _bedrijf_met_anja(sessions, clock, staff)
    nu = clock.now() + timedelta(days=3 * 365)
    grens = date(nu.year - 2, nu.month, nu.day)
    eind = grens + timedelta(days=dagen)
    _plaatsing(sessions, clock, staff, bid, pb, eind.isoformat())
    _vertrokken(sessions, clock, staff, pb)
    clock.set(nu)

    uitslag = bewaartermijn(sessions, clock, TERMIJN)

    assert (uitslag.praktijkbegeleiders == [pb]) is gewist


def test_een_actieve_of_pas_gewijzigde_praktijkbegeleider_blijft(sessions, clock, staff):
    bid, actief = _bedrijf_met_anja(sessions, clock, staff)
    pas_vertrokken = bedrijven.voeg_praktijkbegeleider_toe(
        sessions, bid, {"naam": "Bert Ander"}, actor=staff.teamleider, clock=clock
    )
    clock.advance(days=2 * 365 + 1)
    bedrijven.wijzig_praktijkbegeleider(
        sessions, pas_vertrokken, {"naam": "Bert Ander", "actief": False, "version": 1},
        actor=staff.teamleider, clock=clock,
    )  # fmt: skip

    assert bewaartermijn(sessions, clock, TERMIJN).praktijkbegeleiders == []
    assert _pb(sessions, actief).naam == "Anja de Wit"
    assert _pb(sessions, pas_vertrokken).naam == "Bert Ander"
    clock.advance(days=2 * 366)  # two years and a day after the deactivation
    assert bewaartermijn(sessions, clock, TERMIJN).praktijkbegeleiders == [pas_vertrokken]


def test_de_termijn_komt_uit_de_omgeving():
    termijnen = Bewaartermijnen.from_environ(
        {"TRAJECTORY_BEWAARTERMIJN_PRAKTIJKBEGELEIDER_JAREN": "5"}
    )
    assert termijnen.praktijkbegeleider_jaren == 5
