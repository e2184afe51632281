"""The benchmarks still run (a tiny size; the figures themselves are in docs/BENCHMARKS.md)."""

from __future__ import annotations

from bench import diagrammen


def test_de_diagrambenchmark_draait_en_schrijft_zijn_tabel(tmp_path):
    uit = tmp_path / "BENCHMARKS.md"
    uit.write_text(
        "# Benchmarks\n\n## Diagrammen\n\noud\n\n## Anders\n\nblijft\n", encoding="utf-8"
    )

    diagrammen.main(["--leerlingen", "16", "--rondes", "1", "--uit", str(uit)])

    tekst = uit.read_text(encoding="utf-8")
    assert "| pagina |" in tekst
    assert "| pad.mmd |" in tekst
    assert "oud" not in tekst
    assert "## Anders\n\nblijft" in tekst
