"""The snapshot's record lookups, which every guard reads: what "the latest" and "of this
placement" mean must not change when the lookups are made cheaper (docs/BENCHMARKS.md)."""

from __future__ import annotations

import inspect
from dataclasses import MISSING, FrozenInstanceError, fields, replace
from datetime import date

import pytest

from tests.builders import a_leerling
from trajectory.domain.snapshot import Record, Snapshot, records_uit

MAART, APRIL = date(2025, 3, 3), date(2025, 4, 7)


@pytest.mark.parametrize(
    ("vastgelegd", "laatste_verslag"),
    [
        # of two on the same day the one recorded last
        (((MAART, "eerste"), (MAART, "tweede")), "tweede"),
        # a later date goes before the order of recording
        (((APRIL, "april"), (MAART, "maart, later vastgelegd")), "april"),
    ],
)
def test_de_laatste_is_de_nieuwste_datum_en_daarbinnen_de_laatst_vastgelegde(
    vastgelegd, laatste_verslag
):
    bouwer = a_leerling()
    for datum, verslag in vastgelegd:
        bouwer = bouwer.with_record("overleg", datum=datum, met="ouders", verslag=verslag)
    laatste = bouwer.build().laatste("overleg")
    assert laatste is not None
    assert laatste.data["verslag"] == laatste_verslag


def test_zonder_vastlegging_van_die_soort_is_er_geen_laatste():
    leerling = a_leerling().with_record("overleg", met="ouders").build()
    assert leerling.laatste("uitval") is None
    assert leerling.laatste("overleg", met="ondersteuningsteam") is None


def test_de_laatste_beoordeling_van_een_stage_kijkt_alleen_naar_die_stage_en_die_soort():
    leerling = (
        a_leerling()
        .with_beoordeling("stagebeoordeling", "voldoende", plaatsing_id=1, datum=MAART)
        .with_beoordeling("stagebeoordeling", "onvoldoende", plaatsing_id=2, datum=APRIL)
        .with_beoordeling("tussenevaluatie", "onvoldoende", plaatsing_id=1, datum=APRIL)
        .build()
    )
    eerste = leerling.laatste_beoordeling("stagebeoordeling", plaatsing_id=1)
    assert eerste is not None
    assert (eerste.data["uitslag"], eerste.plaatsing_id) == ("voldoende", 1)


def test_vastleggingen_zoeken_op_stage_en_op_meer_gegevens_tegelijk():
    leerling = (
        a_leerling()
        .with_record("praktijkopdracht", plaatsing_id=1, periode=1, titel="a")
        .with_record("praktijkopdracht", plaatsing_id=1, periode=2, titel="b")
        .with_record("praktijkopdracht", plaatsing_id=2, periode=1, titel="c")
        .with_record("praktijkopdracht", plaatsing_id=1, periode=1, titel="d")
        .build()
    )
    titels = [r.data["titel"] for r in leerling.records_van("praktijkopdracht", plaatsing_id=1)]
    assert titels == ["a", "b", "d"]
    gevonden = leerling.records_van("praktijkopdracht", plaatsing_id=1, periode=1, titel="d")
    assert [r.data["titel"] for r in gevonden] == ["d"]
    assert [r.data["titel"] for r in leerling.records_van("praktijkopdracht", periode=1)] == [
        "a",
        "c",
        "d",
    ]


def test_vastleggingen_uit_databaserijen_zijn_gewone_records():
    rijen = [("overleg", MAART, {"met": "ouders"}, None, 7), ("uren", APRIL, {}, 3, 8)]
    records = records_uit(iter(rijen))
    assert records == (
        Record("overleg", MAART, {"met": "ouders"}, None, 7),
        Record("uren", APRIL, {}, 3, 8),
    )
    assert all(type(r) is Record for r in records)
    assert records[1].plaatsing_id == 3


def test_de_laatste_per_stage_is_per_stage_wat_laatste_zegt():
    leerling = (
        a_leerling()
        .with_beoordeling("stagebeoordeling", "onvoldoende", plaatsing_id=1, datum=APRIL)
        .with_beoordeling("stagebeoordeling", "voldoende", plaatsing_id=2, datum=MAART)
        .with_beoordeling("stagebeoordeling", "voldoende", plaatsing_id=1, datum=MAART)
        .with_beoordeling("stagebeoordeling", "onvoldoende", plaatsing_id=2, datum=MAART)
        .with_beoordeling("tussenevaluatie", "voldoende", plaatsing_id=1, datum=APRIL)
        .build()
    )
    per_stage = leerling.laatste_per_plaatsing("beoordeling", soort="stagebeoordeling")
    assert {p: r.data["uitslag"] for p, r in per_stage.items()} == {
        1: "onvoldoende",
        2: "onvoldoende",
    }
    for plaatsing_id, record in per_stage.items():
        assert record == leerling.laatste_beoordeling("stagebeoordeling", plaatsing_id=plaatsing_id)


def test_de_snapshot_neemt_zijn_velden_aan_in_hun_volgorde_en_met_hun_standaardwaarden():
    """Snapshot.__init__ is written out (speed): it must say what the fields say."""
    velden = [f for f in fields(Snapshot) if f.init]
    parameters = list(inspect.signature(Snapshot).parameters.values())
    assert [p.name for p in parameters] == [f.name for f in velden]
    for veld, parameter in zip(velden, parameters, strict=True):
        if veld.default is not MISSING:
            assert parameter.default == veld.default, veld.name
        elif veld.default_factory is not MISSING:  # None stands for a fresh default
            assert parameter.default is None, veld.name
            assert getattr(a_leerling().build(), veld.name) == veld.default_factory(), veld.name
        else:
            assert parameter.default is inspect.Parameter.empty, veld.name


def test_een_snapshot_blijft_onveranderlijk_en_een_kopie_onthoudt_niets_van_het_origineel():
    leerling = a_leerling().with_record("overleg", met="ouders").build()
    with pytest.raises(FrozenInstanceError):
        leerling.state = "afgesloten"  # type: ignore[misc]
    assert leerling.laatste("uitval") is None  # remembered: no uitval records
    kopie = leerling.with_records(Record("uitval", MAART, {"code": "gedrag"}))
    assert kopie.laatste("uitval") is not None
    assert replace(leerling, state="afgesloten").records == leerling.records
    assert leerling == replace(leerling)
