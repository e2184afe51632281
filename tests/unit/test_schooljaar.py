"""The school calendar: school days, vacations, and the dates the timers count from."""

from __future__ import annotations

from datetime import date

import pytest

from trajectory.domain.schooljaar import ENV, huidige_kalender, kalender_uit, laad_kalender

KALENDER = laad_kalender()  # the shipped one: 2024-2028, regio midden


def test_het_meegeleverde_bestand_kent_drie_schooljaren():
    assert [j.naam for j in KALENDER.jaren] == ["2024-2025", "2025-2026", "2026-2027", "2027-2028"]


@pytest.mark.parametrize(
    ("dag", "vakantie"),
    [
        (date(2024, 10, 21), "Herfstvakantie"),
        (date(2025, 1, 2), "Kerstvakantie"),
        (date(2025, 2, 24), "Voorjaarsvakantie"),
        (date(2025, 4, 29), "Meivakantie"),
        (date(2025, 5, 29), "Hemelvaart"),
        (date(2025, 8, 12), "Zomervakantie"),
        (date(2025, 3, 3), None),
    ],
)
def test_een_dag_valt_in_de_vakantie_of_niet(dag, vakantie):
    assert KALENDER.vakantie(dag) == vakantie


def test_een_weekend_is_geen_schooldag_en_een_gewone_maandag_wel():
    assert not KALENDER.is_schooldag(date(2025, 3, 8))
    assert KALENDER.is_schooldag(date(2025, 3, 10))


def test_een_datum_in_de_vakantie_schuift_naar_de_eerste_schooldag_erna():
    assert KALENDER.eerste_schooldag_vanaf(date(2024, 12, 23)) == date(2025, 1, 6)
    assert KALENDER.eerste_schooldag_vanaf(date(2025, 7, 25)) == date(2025, 9, 1)
    assert KALENDER.eerste_schooldag_vanaf(date(2025, 3, 4)) == date(2025, 3, 4)


def test_halverwege_het_schooljaar_is_de_eerste_schooldag_van_februari():
    assert KALENDER.halverwege(date(2024, 9, 10)) == date(2025, 2, 3)  # 1 Feb is a Saturday
    assert KALENDER.halverwege(date(2025, 9, 10)) == date(2026, 2, 2)


def test_1_december_en_1_mei_horen_bij_het_schooljaar_van_de_datum():
    assert KALENDER.in_dit_schooljaar(date(2025, 3, 3), 12) == date(2024, 12, 2)
    assert KALENDER.in_dit_schooljaar(date(2025, 10, 1), 12) == date(2025, 12, 1)
    # 1 May 2026 falls in the meivakantie: the first school day after it
    assert KALENDER.in_dit_schooljaar(date(2025, 10, 1), 5) == date(2026, 5, 6)


def test_in_de_zomer_hoort_een_datum_bij_het_volgende_schooljaar():
    assert KALENDER.schooljaar(date(2025, 8, 1)).naam == "2025-2026"
    assert KALENDER.einde(date(2025, 8, 1)) == date(2026, 7, 17)


def test_buiten_de_ingestelde_jaren_geldt_een_geschat_schooljaar_zonder_vakanties():
    jaar = KALENDER.schooljaar(date(2030, 3, 1))
    assert (jaar.start, jaar.einde) == (date(2029, 8, 20), date(2030, 7, 15))
    assert KALENDER.is_schooldag(date(2030, 3, 1))


def test_de_periode_einden_vanaf_een_startdatum():
    assert KALENDER.periode_einden_vanaf(date(2025, 9, 1))[:3] == (
        date(2025, 11, 21),
        date(2026, 3, 13),
        date(2026, 7, 3),
    )


def test_overlappende_schooljaren_worden_geweigerd():
    data = {
        "schooljaar": [
            {"naam": "a", "start": date(2024, 8, 26), "einde": date(2025, 7, 18)},
            {"naam": "b", "start": date(2025, 7, 1), "einde": date(2026, 7, 17)},
        ]
    }
    with pytest.raises(ValueError, match="begint voor"):
        kalender_uit(data)


def test_een_eigen_kalender_komt_uit_het_bestand_van_de_omgevingsvariabele(tmp_path, monkeypatch):
    pad = tmp_path / "schooljaar.toml"
    pad.write_text(
        '[[schooljaar]]\nnaam = "2025-2026"\nstart = 2025-08-25\neinde = 2026-07-10\n'
        'vakanties = [{ naam = "Studiedag", van = 2025-09-15, tot = 2025-09-15 }]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(ENV, str(pad))
    huidige_kalender.cache_clear()
    try:
        kalender = huidige_kalender()
        assert kalender.vakantie(date(2025, 9, 15)) == "Studiedag"
    finally:
        monkeypatch.delenv(ENV)
        huidige_kalender.cache_clear()
