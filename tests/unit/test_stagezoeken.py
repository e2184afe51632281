"""The pure parts of finding a company: the distance, the fit, and the kandidaat list."""

from __future__ import annotations

from datetime import date

import pytest

from trajectory.domain.snapshot import Record, Snapshot
from trajectory.domain.stagezoeken import (
    OMRIJFACTOR,
    afstand,
    hemelsbreed_km,
    kandidaat_fout,
    kandidaten,
    passing,
    sectoren_van,
)

UTRECHT_DOM = (52.0908, 5.1222)
AMSTERDAM_DAM = (52.3731, 4.8926)


def test_hemelsbreed_utrecht_amsterdam_is_ongeveer_35_km():
    assert hemelsbreed_km(UTRECHT_DOM, AMSTERDAM_DAM) == pytest.approx(34.8, abs=0.5)


def test_hemelsbreed_is_nul_op_dezelfde_plek_en_symmetrisch():
    assert hemelsbreed_km(UTRECHT_DOM, UTRECHT_DOM) == 0
    assert hemelsbreed_km(UTRECHT_DOM, AMSTERDAM_DAM) == hemelsbreed_km(AMSTERDAM_DAM, UTRECHT_DOM)


def test_met_beide_coordinaten_is_de_afstand_hemelsbreed_maal_de_omrijfactor():
    uit = afstand(UTRECHT_DOM, AMSTERDAM_DAM, getypt_km=3.0)

    assert uit.bron == "berekend"
    assert uit.km == round(hemelsbreed_km(UTRECHT_DOM, AMSTERDAM_DAM) * OMRIJFACTOR, 1)
    assert uit.tekst.startswith("ongeveer ")
    assert "," in uit.tekst


def test_zonder_coordinaten_de_getypte_fietsafstand_anders_onbekend():
    assert afstand((None, None), AMSTERDAM_DAM, getypt_km=4.5).tekst == "4,5 km (eerder ingevuld)"
    assert afstand(UTRECHT_DOM, (52.0, None)).tekst == "onbekend"


def _punten(**kw) -> int:
    standaard = {
        "in_gekozen_sector": False,
        "in_noa_sector": False,
        "afstand_km": None,
        "limiet_km": 15.0,
        "opgeleid": False,
    }
    return passing(**(standaard | kw))[0]


def test_de_gekozen_sector_weegt_zwaarder_dan_een_noa_sector():
    gekozen = _punten(in_gekozen_sector=True, in_noa_sector=True)
    noa = _punten(in_noa_sector=True)
    assert gekozen > noa > _punten()


def test_dichterbij_past_beter_en_buiten_de_fietsafstand_telt_tegen():
    assert _punten(afstand_km=1) > _punten(afstand_km=14) > _punten() > _punten(afstand_km=16)


def test_een_opgeleide_praktijkbegeleider_telt_mee():
    assert _punten(opgeleid=True) > _punten()


def _snapshot(*records: Record, definitief: str | None = None) -> Snapshot:
    return Snapshot(
        id=1, geboortedatum=date(2009, 1, 1), leerjaar="3", state="stage_zoeken",
        definitieve_sector=definitief, records=records,
    )  # fmt: skip


def test_de_sectoren_van_de_leerling_de_gekozen_eerst_zonder_dubbele():
    noa = Record("noa_test", date(2024, 2, 1), {"sectoren": ["03", "08"]})
    assert sectoren_van(_snapshot(noa, definitief="08")) == ("08", "03")
    assert sectoren_van(_snapshot()) == ()


def _kandidaat(bid: int, status: str, dag: int, rid: int) -> Record:
    return Record(
        "kandidaat", date(2025, 3, dag), {"stagebedrijf_id": bid, "status": status}, None, rid
    )


def test_de_stand_van_een_kandidaat_is_zijn_nieuwste_vastlegging_open_eerst():
    records = [
        _kandidaat(7, "benaderd", 1, 1),
        _kandidaat(9, "benaderd", 2, 2),
        _kandidaat(7, "afgewezen", 3, 3),
        _kandidaat(9, "kennismaking_gehouden", 4, 4),
    ]
    lijst = kandidaten((r.id, r.datum, r.data, None) for r in records)

    assert [(k.stagebedrijf_id, k.nu.status) for k in lijst] == [
        (9, "kennismaking_gehouden"),
        (7, "afgewezen"),
    ]
    assert len(lijst[1].stappen) == 2


def test_na_een_afsluiting_begint_een_nieuw_contact_weer_bij_benaderd():
    s = _snapshot(_kandidaat(7, "afgewezen", 3, 3))
    assert kandidaat_fout(s, {"stagebedrijf_id": 7, "status": "benaderd"}) is None
    assert (
        kandidaat_fout(s, {"stagebedrijf_id": 7, "status": "kennismaking_gepland"})[0] == "status"
    )
    assert kandidaat_fout(_snapshot(), {"stagebedrijf_id": 7, "status": "afgewezen"}) is None
