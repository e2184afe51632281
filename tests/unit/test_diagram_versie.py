"""Diagrams name the trajectory version they draw (issue 8)."""

from diagrams.render import trajectory_text
from diagrams.views import pad


def test_het_trajectdiagram_noemt_de_versie_die_het_tekent():
    assert "Stagetraject 2024-2025" in trajectory_text("mermaid", "2024-2025")
    assert "Stagetraject 2025-2026" in trajectory_text("mermaid", "2025-2026")


def test_het_pad_van_een_leerling_noemt_de_versie_van_die_leerling():
    tekst = pad("mermaid", 7, [], "interne_stage", {}, "2025-2026")
    assert "Pad van leerling 7 (Stagetraject 2025-2026)" in tekst
