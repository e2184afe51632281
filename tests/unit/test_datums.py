"""Whole years later or earlier, as the nazorg, the uitstroom monitor and retention count them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from trajectory.domain.datums import jaren_later


def test_twee_jaar_na_een_gewone_datum_is_dezelfde_dag():
    assert jaren_later(date(2025, 6, 30), 2) == date(2027, 6, 30)


def test_29_februari_wordt_28_februari_in_een_jaar_zonder_schrikkeldag():
    assert jaren_later(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert jaren_later(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_terug_in_de_tijd_houdt_het_tijdstip():
    moment = datetime(2028, 2, 29, 3, 0, tzinfo=UTC)

    assert jaren_later(moment, -5) == datetime(2023, 2, 28, 3, 0, tzinfo=UTC)
