"""The matching query's math on SQLite: where the build has no math functions, Python's stand
in (store/db.py `wiskunde`) and give the same answers as SQLite's own."""

import math
import sqlite3

import pytest

from trajectory.store.db import WISKUNDE, wiskunde


@pytest.mark.parametrize("naam", sorted(WISKUNDE))
@pytest.mark.parametrize("x", [0.0, 0.25, 0.5, 1.0])
def test_de_vervangers_rekenen_als_sqlite_zelf(naam, x):
    eigen = sqlite3.connect(":memory:")
    vervangen = sqlite3.connect(":memory:")
    wiskunde(vervangen, altijd=True)
    try:
        verwacht = eigen.execute(f"SELECT {naam}(?)", (x,)).fetchone()[0]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no math functions to compare with")
    assert vervangen.execute(f"SELECT {naam}(?)", (x,)).fetchone()[0] == pytest.approx(verwacht)


def test_buiten_het_domein_en_null_geven_null():
    verbinding = sqlite3.connect(":memory:")
    wiskunde(verbinding, altijd=True)
    assert verbinding.execute("SELECT sqrt(-1), asin(2), sin(NULL)").fetchone() == (None,) * 3
    assert verbinding.execute("SELECT sqrt(4)").fetchone()[0] == math.sqrt(4)
