"""The deployment example (issue #20): compose.yaml and the Dockerfile, checked without a Docker
daemon (this machine has none): the compose file parses with the services a school needs, one
scheduler, web instances without one; every `trajectory` command and option they run exists;
the image runs as a non-root user with Graphviz and Pango inside."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from trajectory.entrypoints.cli import app as cli

WORTEL = Path(__file__).resolve().parents[2]
APT_PAKKETTEN = {"graphviz", "libpango-1.0-0", "libpangoft2-1.0-0"}


def _compose() -> dict:
    return yaml.safe_load((WORTEL / "compose.yaml").read_text(encoding="utf-8"))


def _dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments) per instruction, continuation lines joined."""
    tekst = (WORTEL / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    regels = [r.strip() for r in tekst.splitlines() if r.strip() and not r.startswith("#")]
    return [(r.split(None, 1)[0].upper(), r.split(None, 1)[1]) for r in regels]


def _bestaat(argumenten: list[str]) -> None:
    """`trajectory <command> --help` succeeds and names every option the arguments use."""
    assert argumenten[0] == "trajectory"
    commando = argumenten[1]
    uitvoer = CliRunner().invoke(cli, [commando, "--help"], terminal_width=200)
    assert uitvoer.exit_code == 0, uitvoer.output
    for optie in (a for a in argumenten[2:] if a.startswith("--")):
        assert optie in uitvoer.output, f"trajectory {commando} kent {optie} niet"


def test_compose_heeft_database_twee_webinstanties_een_scheduler_en_een_smtp_relay():
    diensten = _compose()["services"]
    assert set(diensten) == {"db", "web1", "web2", "scheduler", "mailpit"}
    assert diensten["db"]["image"].startswith("postgres:")
    web = [diensten["web1"], diensten["web2"]]
    for dienst in web:
        assert dienst["command"][:2] == ["trajectory", "serve"]
        assert dienst["environment"]["TRAJECTORY_SCHEDULER"] == "0"
        assert dienst["environment"]["TRAJECTORY_DATABASE_URL"].startswith("postgresql://")
        assert dienst["environment"]["TRAJECTORY_SMTP_HOST"] == "mailpit"
        assert "FORWARDED_ALLOW_IPS" in dienst["environment"]
    schedulers = [d for d in diensten.values() if d.get("command") == ["trajectory", "scheduler"]]
    assert len(schedulers) == 1
    assert "TRAJECTORY_SCHEDULER" not in schedulers[0]["environment"]
    # the first web instance migrates; the others wait until it answers
    assert diensten["web2"]["depends_on"]["web1"]["condition"] == "service_healthy"
    assert diensten["scheduler"]["depends_on"]["web1"]["condition"] == "service_healthy"


def test_de_commandos_in_compose_en_dockerfile_bestaan():
    diensten = _compose()["services"]
    for naam in ("web1", "web2", "scheduler"):
        _bestaat(diensten[naam]["command"])
    (cmd,) = [args for instructie, args in _dockerfile() if instructie == "CMD"]
    _bestaat(yaml.safe_load(cmd))  # exec form: a JSON (so YAML) list


def test_het_image_draait_niet_als_root_en_heeft_graphviz_en_pango():
    instructies = _dockerfile()
    assert instructies[0][0] == "FROM"
    assert "bookworm" in instructies[0][1]  # Debian, for its graphviz package
    installaties = " ".join(a for i, a in instructies if i == "RUN" and "apt-get install" in a)
    assert APT_PAKKETTEN <= set(shlex.split(installaties))
    gebruikers = [a for i, a in instructies if i == "USER"]
    assert gebruikers
    assert gebruikers[-1] not in ("root", "0")
    volgorde = [i for i, _ in instructies]
    assert volgorde.index("USER") < volgorde.index("CMD")
    kopieen = [a.split()[0] for i, a in instructies if i == "COPY"]
    for bron in kopieen:
        assert (WORTEL / bron).exists(), f"COPY {bron}: bestaat niet"


def test_de_debianpakketten_van_het_image_bestaan():
    """As far as this machine allows: its own Debian knows the packages the image installs."""
    if shutil.which("apt-cache") is None:
        pytest.skip("geen apt-cache op deze machine")
    for pakket in sorted(APT_PAKKETTEN):
        uitvoer = subprocess.run(
            ["apt-cache", "show", pakket], capture_output=True, text=True, check=False
        )
        if uitvoer.returncode != 0 and not re.search(r"Package:", uitvoer.stdout):
            pytest.skip(f"apt-cache kent {pakket} niet (geen pakketlijsten op deze machine)")
        assert f"Package: {pakket}" in uitvoer.stdout


@pytest.mark.parametrize("aantal", ["0", "33", "twee"])
def test_serve_weigert_een_onmogelijk_aantal_workers(aantal):
    uitvoer = CliRunner().invoke(cli, ["serve", "--workers", aantal])
    assert uitvoer.exit_code == 2
    assert "--workers" in uitvoer.output
