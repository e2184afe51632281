"""One error hierarchy: every failure has a kind, every kind one HTTP status."""

from __future__ import annotations

from typing import get_args

from service.foutsoorten import STATUS
from trajectory.usecases import importeren, inzage, rollover, users, wachtlijst  # noqa: F401
from trajectory.usecases.fouten import (
    Fout,
    GroepsstageVol,
    LeerlingNotFound,
    Soort,
    UnknownTrigger,
    VersionConflict,
)


def _alle(cls: type[Fout]) -> set[type[Fout]]:
    return {cls}.union(*(_alle(sub) for sub in cls.__subclasses__()))


def test_elke_soort_fout_heeft_precies_een_http_status():
    assert set(STATUS) == set(get_args(Soort))


def test_elke_fout_van_de_hierarchie_heeft_een_soort_en_een_nederlands_bericht():
    for cls in _alle(Fout) - {Fout}:
        assert cls.soort in STATUS, cls
        assert cls.bericht.endswith("."), cls


def test_een_leerling_die_niet_bestaat_en_een_die_je_niet_mag_zien_zijn_hetzelfde_antwoord():
    assert LeerlingNotFound(1).bericht == LeerlingNotFound(999999).bericht
    assert str(LeerlingNotFound(42)) == "42"  # the id for the log, never for the user


def test_het_bericht_is_voor_de_gebruiker_de_tekst_van_de_fout_voor_het_logboek():
    assert UnknownTrigger("vliegen").bericht == "Onbekende stap."
    assert "vliegen" in str(UnknownTrigger("vliegen"))
    assert VersionConflict(3).bericht.startswith("Iemand anders heeft deze leerling")
    assert "ma ochtend" in GroepsstageVol("ma_ochtend").bericht
