"""The wrk benchmark reads what its Lua script prints (no server, no timing: bench/wrk.py)."""

from __future__ import annotations

import pytest

from bench import wrk

UITVOER = """Running 8s test @ http://127.0.0.1:40211
  4 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    30.12ms   10.01ms 120.00ms   80.00%
  1012 requests in 8.01s, 301.12KB read
  Non-2xx or 3xx responses: 3
Requests/sec:    126.34
Transfer/sec:     37.59KB
""" + (
    "stagetraject 2xx=1009 niet2xx=3 statussen=409:2,500:1 socketfouten=0 duur_us=8010000 "
    "p50_us=28500 p99_us=91250\n"
)


def test_alleen_de_2xx_antwoorden_tellen_als_gedaan():
    fase = wrk.lees(UITVOER)

    assert fase.goed == 1009
    assert fase.per_seconde == pytest.approx(1009 / 8.01)
    assert fase.niet_2xx == 3
    assert fase.statussen == {409: 2, 500: 1}


def test_de_latentie_komt_uit_de_percentielen_van_het_script():
    fase = wrk.lees(UITVOER)

    assert (fase.p50_ms, fase.p99_ms) == (28.5, 91.25)
    assert fase.socketfouten == 0


def test_een_fase_zonder_andere_antwoorden_heeft_een_lege_lijst_statussen():
    regel = (
        "stagetraject 2xx=5 niet2xx=0 statussen= socketfouten=1 duur_us=2000000 p50_us=1 p99_us=2"
    )

    fase = wrk.lees(regel)

    assert (fase.statussen, fase.socketfouten, fase.per_seconde) == ({}, 1, 2.5)


def test_zonder_de_regel_van_het_script_is_er_geen_uitslag():
    with pytest.raises(RuntimeError, match="geen uitslag"):
        wrk.lees("Requests/sec:    126.34\n")


def test_het_script_neemt_de_stap_met_de_versie_uit_het_laatste_antwoord():
    script = wrk.SCRIPT.read_text(encoding="utf-8")

    for deel in ('"version":(%d+)', "function response(", "function done(", "Bearer "):
        assert deel in script
