"""The licence pyproject.toml declares is the one the repository carries."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_de_licentie_in_pyproject_is_de_eupl_van_het_licentiebestand():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    tekst = (ROOT / "LICENSE").read_text(encoding="utf-8")

    assert project["license"] == "EUPL-1.2"
    assert project["license-files"] == ["LICENSE"]
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in tekst
    assert "Appendix" in tekst  # the compatible licences, the text's last part
