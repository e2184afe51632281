"""Migration 0013 carries a database of 0012 over: API tokens get an end, TOTP secrets are
encrypted (#14, findings 8 and 9)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import text

from tests.conftest import SLEUTELS
from tests.integration.migraties import naar as _naar
from trajectory.domain.totp import new_secret


def _oud_account_met_token(engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO gebruiker (id, email, naam, rol, actief, aangemaakt, "
                "meldingen_voorkeur) VALUES (1, 'oud@school.test', 'Oud', 'teamleider', "
                ":ja, :t, 'direct')"
            ),
            {"ja": True, "t": datetime(2024, 1, 1, tzinfo=UTC)},
        )
        conn.execute(
            text(
                "INSERT INTO api_token (token_hash, gebruiker_id, naam, aangemaakt) "
                "VALUES ('h', 1, 'oud', :t)"
            ),
            {"t": datetime(2024, 1, 1, tzinfo=UTC)},
        )


def test_een_token_van_voor_0013_geldt_nog_90_dagen_vanaf_de_upgrade(engine):
    _naar(engine, "0012", command.downgrade)
    _oud_account_met_token(engine)

    voor = datetime.now(UTC)
    _naar(engine, "head", command.upgrade)

    with engine.connect() as conn:
        verloopt = conn.execute(text("SELECT verloopt FROM api_token")).scalar_one()
    verloopt = verloopt if isinstance(verloopt, datetime) else datetime.fromisoformat(verloopt)
    verloopt = verloopt if verloopt.tzinfo else verloopt.replace(tzinfo=UTC)
    assert voor + timedelta(days=90) <= verloopt <= datetime.now(UTC) + timedelta(days=90)


def _oud_geheim_en_half_ingesteld(engine) -> tuple[str, str]:
    """An account with a plain TOTP secret (0012) and a login halfway through enrolling."""
    geheim, nieuw = new_secret(), new_secret()
    t = datetime(2025, 1, 1, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(text("UPDATE gebruiker SET totp_secret = :g WHERE id = 1"), {"g": geheim})
        conn.execute(
            text(
                "INSERT INTO sessie (token_hash, gebruiker_id, csrf, aangemaakt, laatst_actief, "
                "volledig, totp_nieuw) VALUES ('s', 1, 'c', :t, :t, :nee, :n)"
            ),
            {"t": t, "nee": False, "n": nieuw},
        )
    return geheim, nieuw


def _kolom(engine, sql: str) -> str:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def test_0013_versleutelt_de_bestaande_tweestapsgeheimen(engine):
    _naar(engine, "0012", command.downgrade)
    _oud_account_met_token(engine)
    geheim, nieuw = _oud_geheim_en_half_ingesteld(engine)

    _naar(engine, "head", command.upgrade)

    opgeslagen = _kolom(engine, "SELECT totp_versleuteld FROM gebruiker WHERE id = 1")
    in_afwachting = _kolom(engine, "SELECT totp_nieuw_versleuteld FROM sessie")
    assert geheim not in opgeslagen
    assert nieuw not in in_afwachting
    assert SLEUTELS.ontsleutel(opgeslagen) == geheim
    assert SLEUTELS.ontsleutel(in_afwachting) == nieuw

    _naar(engine, "0012", command.downgrade)  # and back: plain again, for the old version

    assert _kolom(engine, "SELECT totp_secret FROM gebruiker WHERE id = 1") == geheim
    assert _kolom(engine, "SELECT totp_nieuw FROM sessie") == nieuw
    _naar(engine, "head", command.upgrade)
