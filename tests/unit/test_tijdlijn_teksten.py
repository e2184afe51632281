from service.pages.tijdlijn import samenvatting
from trajectory.domain.records import UITVAL_CODES
from trajectory.domain.snapshot import SECTOREN


def test_een_sector_en_een_uitvalcode_staan_er_met_hun_naam_niet_als_code():
    code = next(iter(UITVAL_CODES))

    regels = dict(samenvatting({"sector": "06", "sectoren": ["01", "04"], "code": code}))

    assert regels["Sector"] == SECTOREN["06"]
    assert regels["Twee voorlopige sectoren"] == f"{SECTOREN['01']}, {SECTOREN['04']}"
    assert UITVAL_CODES[code] in regels.values()
