"""`python -m bench mail` still runs (three uitval mails per shape; the figures are in
docs/BENCHMARKS.md). No timed assertion: every uitval mail arrived, within a bound shorter than
the outbox's 30 s poll, so only the wake-up at commit can have sent it; and the section was
written in its place."""

from __future__ import annotations

import os

from bench import mail


def test_elke_uitvalmail_komt_aan_en_de_sectie_wordt_geschreven(tmp_path):
    uit = tmp_path / "BENCHMARKS.md"
    uit.write_text(f"# Benchmarks\n\n{mail.KOP}\n\noud\n\n## Anders\n\nblijft\n", encoding="utf-8")
    databases = "sqlite,postgresql" if os.environ.get("TRAJECTORY_TEST_POSTGRES_URL") else "sqlite"

    mail.main(
        ["--databases", databases, "--stappen", "3", "--wacht", "20", "--pauze", "0"]
        + ["--naam", "mail_smoke", "--uit", str(uit)]
    )

    tekst = uit.read_text(encoding="utf-8")
    vormen = [("SQLite", "`serve`, scheduler in-process")]
    if "postgresql" in databases:
        vormen += [
            ("PostgreSQL", "`serve`, scheduler in-process"),
            ("PostgreSQL", "`serve` (no scheduler) + `trajectory scheduler`"),
        ]
    for database, vorm in vormen:
        assert f"| {database} | {vorm} | 3 | 3 | **0** |" in tekst  # 3 steps, 3 mails, 0 missing
    assert "oud" not in tekst
    assert "## Anders\n\nblijft" in tekst
