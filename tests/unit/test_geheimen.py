"""The server key (#14, finding 9): where it comes from, what it encrypts, how it rotates."""

from __future__ import annotations

import hashlib
import stat

import pytest

from trajectory.domain.geheimen import (
    BESTAND_VARIABELE,
    SLEUTEL_VARIABELE,
    SleutelFout,
    Sleutels,
    uit_omgeving,
)
from trajectory.domain.totp import new_secret

OUD = "de-oude-sleutel-van-de-school-0123456789"
NIEUW = "de-nieuwe-sleutel-van-de-school-9876543210"


def sleutels(*waarden: str) -> Sleutels:
    return Sleutels(waarden, herkomst="test")


def test_een_versleuteld_geheim_bevat_het_geheim_niet_en_komt_terug():
    geheim = new_secret()
    opgeslagen = sleutels(OUD).versleutel(geheim)

    assert geheim not in opgeslagen
    assert sleutels(OUD).ontsleutel(opgeslagen) == geheim


def test_een_andere_sleutel_geeft_een_duidelijke_fout_zonder_geheim_of_sleutel():
    geheim = new_secret()
    opgeslagen = sleutels(OUD).versleutel(geheim)

    with pytest.raises(SleutelFout) as fout:
        sleutels(NIEUW).ontsleutel(opgeslagen)

    assert "past bij geen van de sleutels uit test" in str(fout.value)
    assert geheim not in str(fout.value)
    assert NIEUW not in str(fout.value)
    assert fout.value.__cause__ is None
    assert fout.value.__suppress_context__


def test_roteren_versleutelt_met_de_nieuwe_sleutel_terwijl_de_oude_nog_leest():
    geheim = new_secret()
    onder_oud = sleutels(OUD).versleutel(geheim)
    tijdens = sleutels(NIEUW, OUD)

    assert tijdens.ontsleutel(onder_oud) == geheim
    geroteerd = tijdens.herversleutel(onder_oud)

    assert sleutels(NIEUW).ontsleutel(geroteerd) == geheim
    with pytest.raises(SleutelFout):
        sleutels(OUD).ontsleutel(geroteerd)


def test_het_merk_van_een_adres_hangt_af_van_de_sleutel_en_is_geen_gewone_hash():
    adres = "sb@school.test"

    assert sleutels(OUD).merk(adres) == sleutels(OUD).merk(adres)
    assert sleutels(OUD).merk(adres) != sleutels(NIEUW).merk(adres)
    assert sleutels(NIEUW, OUD).merk(adres) == sleutels(NIEUW).merk(adres)  # the first keys it
    assert sleutels(OUD).merk(adres) != hashlib.sha256(adres.encode()).hexdigest()


def test_een_te_korte_sleutel_wordt_geweigerd_en_genoemd_waar_hij_vandaan_komt():
    with pytest.raises(SleutelFout, match=f"in {SLEUTEL_VARIABELE}: elke sleutel heeft minstens"):
        uit_omgeving({SLEUTEL_VARIABELE: "te-kort"})


def test_de_variabele_gaat_voor_het_bestand_en_kan_een_oude_sleutel_meegeven(tmp_path):
    bestand = tmp_path / "sleutel"
    bestand.write_text(f"{NIEUW}\n{OUD}\n")

    assert uit_omgeving({SLEUTEL_VARIABELE: f"{OUD} {NIEUW}"}).sleutels == (OUD, NIEUW)
    assert uit_omgeving({BESTAND_VARIABELE: str(bestand)}).sleutels == (NIEUW, OUD)
    with pytest.raises(SleutelFout, match="niet te lezen"):
        uit_omgeving({BESTAND_VARIABELE: str(tmp_path / "weg")})


def test_op_een_nieuwe_machine_komt_de_sleutel_eenmaal_in_een_eigen_bestand(tmp_path, caplog):
    omgeving = {"XDG_CONFIG_HOME": str(tmp_path / "config")}

    eerste = uit_omgeving(omgeving)
    tweede = uit_omgeving(omgeving)

    bestand = tmp_path / "config" / "stagetraject" / "serversleutel"
    assert eerste.herkomst == str(bestand)
    assert eerste.sleutels == tweede.sleutels
    assert len(eerste.sleutels[0]) >= 32
    assert stat.S_IMODE(bestand.stat().st_mode) == 0o600
    assert stat.S_IMODE(bestand.parent.stat().st_mode) == 0o700
    assert [r.getMessage() for r in caplog.records if "serversleutel" in r.getMessage()] == [
        f"geen serversleutel ingesteld: een nieuwe staat in {bestand}; bewaar hem buiten de "
        "database en haar back-ups (docs/BEHEER.md)"
    ]
    assert eerste.sleutels[0] not in caplog.text


def test_kan_de_sleutel_nergens_worden_gemaakt_dan_zegt_de_fout_wat_te_zetten(tmp_path):
    bezet = tmp_path / "een-bestand"
    bezet.write_text("geen map")

    with pytest.raises(SleutelFout, match=f"zet {SLEUTEL_VARIABELE} of {BESTAND_VARIABELE}"):
        uit_omgeving({"XDG_CONFIG_HOME": str(bezet)})
