"""`trajectory migrate`, `rollover` and `uitstroom` on a real database (issue 8)."""

from __future__ import annotations

from typer.testing import CliRunner

from tests.integration.builders import nieuwe_leerling
from tests.integration.test_rollover import _leerjaren
from tests.integration.test_trajectversies import _versies
from trajectory.entrypoints.cli import app as cli


def test_migrate_dry_run_somt_per_leerling_op_en_wijzigt_niets(
    database_url, sessions, clock, staff
):
    leerling = nieuwe_leerling(sessions, clock, staff.teamleider, klas="2A")
    env = {"TRAJECTORY_DATABASE_URL": database_url}
    proef = CliRunner().invoke(cli, ["migrate", "--dry-run"], env=env)
    assert proef.exit_code == 0, proef.output
    assert f"leerling {leerling} (2A): interne_stage" in proef.output
    assert "regel max_fietsafstand_km: 15 → 20" in proef.output
    assert _versies(sessions)[leerling][1] == "2024-2025"

    echt = CliRunner().invoke(cli, ["migrate"], env=env)
    assert echt.exit_code == 0, echt.output
    assert _versies(sessions)[leerling][1] == "2025-2026"


def test_rollover_en_uitstroom_op_de_opdrachtregel(database_url, sessions, clock, staff):
    leerling = nieuwe_leerling(sessions, clock, staff.teamleider, leerjaar="3", klas="3A")
    env = {"TRAJECTORY_DATABASE_URL": database_url}
    args = ["rollover", "--schooljaar", "2025-2026", "--klas", f"{leerling}=4C"]
    proef = CliRunner().invoke(cli, [*args, "--dry-run"], env=env)
    assert f"leerling {leerling}: leerjaar 3 → 4, klas 3A → 4C" in proef.output
    assert _leerjaren(sessions)[leerling] == ("3", "3A")
    assert CliRunner().invoke(cli, args, env=env).exit_code == 0
    assert _leerjaren(sessions)[leerling] == ("4", "4C")

    rapport = CliRunner().invoke(cli, ["uitstroom", "--csv"], env=env)
    assert rapport.exit_code == 0, rapport.output
    assert rapport.output.startswith("cohort;categorie;uitgestroomd")
