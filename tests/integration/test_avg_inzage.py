"""AVG inzage: everything held about one leerling, as JSON and HTML, and the export audited."""

from __future__ import annotations

import json

from sqlalchemy import select
from typer.testing import CliRunner

from tests.integration.builders import breng_naar, nieuwe_leerling, zet_stap
from tests.web import log_in
from trajectory.entrypoints.cli import app as cli
from trajectory.store import tables as t
from trajectory.store.repository import verify_audit
from trajectory.usecases import inzage


def test_elke_tabel_die_naar_een_leerling_verwijst_zit_in_de_inzage():
    gedekt = set(inzage.LEERLING_TABELLEN)
    ontbrekend = sorted(
        tabel.name
        for tabel in t.Base.metadata.sorted_tables
        for fk in tabel.foreign_keys
        if fk.column.table.name in gedekt and tabel.name not in gedekt
    )

    assert ontbrekend == [], (
        f"voeg toe aan trajectory.usecases.inzage.LEERLING_TABELLEN: {ontbrekend}"
    )
    for naam, (kolom, ouder) in inzage.LEERLING_TABELLEN.items():
        assert kolom in t.Base.metadata.tables[naam].c
        assert ouder == "leerling" or ouder in gedekt


def _uitgevallen(sessions, clock, staff) -> int:
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, naam="Noor <Jansen>", klas="3A",
        stagebegeleider_id=staff.stagebegeleider.id,
    )  # fmt: skip
    breng_naar(sessions, clock, staff.teamleider, lid, "groepsstage")
    zet_stap(
        sessions, clock, staff.stagebegeleider, lid, "uitvallen",
        code="gedrag", reden="Ruzie met de chef",
    )  # fmt: skip
    return lid


def test_de_teamleider_downloadt_alles_over_een_leerling_en_dat_staat_in_de_audittrail(
    client, sessions, clock, staff
):
    lid = _uitgevallen(sessions, clock, staff)
    ander = nieuwe_leerling(sessions, clock, staff.teamleider, naam="Sem Anders")
    log_in(client, sessions, "teamleider")

    response = client.get(f"/leerlingen/{lid}/inzage.json")

    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    tabellen = response.json()["tabellen"]
    assert [r["naam"] for r in tabellen["leerling"]] == ["Noor <Jansen>"]
    assert {r["kind"] for r in tabellen["vastlegging"]} >= {"uitval"}
    assert tabellen["plaatsing"]
    assert tabellen["melding"]
    assert {e["leerling_id"] for e in tabellen["audit_event"]} == {lid}
    assert any(p["payload"] for p in tabellen["audit_payload"])
    assert "Sem Anders" not in response.text
    assert ander != lid
    with sessions() as session:
        laatste = session.scalars(select(t.AuditEvent).order_by(t.AuditEvent.id.desc())).first()
        assert (laatste.soort, laatste.leerling_id, laatste.actor_id) == (
            "avg_export",
            lid,
            staff.teamleider.id,
        )
        assert verify_audit(session) is None


def test_de_leesbare_inzage_is_html_met_alles_ontsnapt(client, sessions, clock, staff):
    lid = _uitgevallen(sessions, clock, staff)
    log_in(client, sessions, "teamleider")

    pagina = client.get(f"/leerlingen/{lid}/inzage")
    leerlingpagina = client.get(f"/leerlingen/{lid}").text

    assert pagina.status_code == 200
    assert "Noor &lt;Jansen&gt;" in pagina.text
    assert "<Jansen>" not in pagina.text
    assert "Ruzie met de chef" in pagina.text
    assert f'href="/leerlingen/{lid}/inzage.json"' in leerlingpagina


def test_een_onbekende_leerling_geeft_404(client, sessions, staff):
    log_in(client, sessions, "teamleider")

    assert client.get("/leerlingen/999/inzage.json").status_code == 404


def test_trajectory_avg_export_schrijft_json_en_html(
    database_url, sessions, clock, staff, tmp_path
):
    lid = _uitgevallen(sessions, clock, staff)
    uit, html = tmp_path / "inzage.json", tmp_path / "inzage.html"

    result = CliRunner().invoke(
        cli,
        ["avg", "export", "--leerling", str(lid), "--uitvoer", str(uit), "--html", str(html)],
        env={"TRAJECTORY_DATABASE_URL": database_url},
    )

    assert result.exit_code == 0, result.output
    assert json.loads(uit.read_text())["tabellen"]["leerling"][0]["id"] == lid
    assert "Noor &lt;Jansen&gt;" in html.read_text()
    with sessions() as session:
        soorten = session.scalars(
            select(t.AuditEvent.soort).where(t.AuditEvent.leerling_id == lid)
        ).all()
    assert soorten[-1] == "avg_export"
