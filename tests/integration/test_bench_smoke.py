"""The benchmarks still run (the smoke size; the figures themselves are in docs/BENCHMARKS.md).

No timed assertion: only that every benchmark ran on each database and wrote its row.
"""

from __future__ import annotations

import os

from bench import __main__ as bench


def test_elke_benchmark_draait_op_sqlite_en_schrijft_zijn_regel(tmp_path):
    uit = tmp_path / "BENCHMARKS.md"
    uit.write_text("# Benchmarks\n\n## Results\n\noud\n\n## Anders\n\nblijft\n", encoding="utf-8")
    databases = "sqlite,postgresql" if os.environ.get("TRAJECTORY_TEST_POSTGRES_URL") else "sqlite"

    bench.main(["--klein", "--databases", databases, "--uit", str(uit)])

    tekst = uit.read_text(encoding="utf-8")
    for database in databases.split(","):
        naam = bench.NAMEN[database]
        for benchmark in (
            "1. API transition throughput",
            "3. scale: dashboard /",
            "3. scale: filtered list /overzicht",
            "3. scale: leerling page",
            "3. scale: matching page /stage-zoeken",
            "3. scale: register list /bedrijven",
            "3. scale: reminder tick",
            "4. diagram",
        ):
            assert f"| {benchmark} | {naam} |" in tekst
    assert "| 2. engine overhead (in-process) | — |" in tekst
    assert "oud" not in tekst
    assert "## Anders\n\nblijft" in tekst
