"""Reading the administration's CSV export: separators, BOM, date forms, per-row errors."""

from __future__ import annotations

from datetime import date

import pytest

from service.csv_export import veilige_cel
from trajectory.usecases.importeren import MAX_RIJEN, ImportFout, decodeer, lees, met_database

OP = date(2025, 3, 3)
KOP = "naam;geboortedatum;klas;leerjaar;mentor"


def test_puntkomma_en_komma_en_een_bom_worden_allemaal_gelezen():
    puntkomma = decodeer(f"\ufeff{KOP}\nSem de Vries;02-04-2010;3A;3;Mees Mentor\n".encode())
    komma = decodeer(
        b'naam,geboortedatum,klas,leerjaar,mentor\r\n"Vries, Sem de",2010-04-02,3A,3,\r\n'
    )

    for tekst, naam in ((puntkomma, "Sem de Vries"), (komma, "Vries, Sem de")):
        (rij,) = lees(tekst, op=OP).rijen
        assert rij.fouten == ()
        assert rij.leerling.naam == naam
        assert rij.leerling.geboortedatum == date(2010, 4, 2)
        assert rij.leerling.klas == "3A"


def test_de_kolommen_mogen_in_elke_volgorde_staan_en_entree_mag_met_hoofdletter():
    tekst = "Leerjaar;Naam;Geboortedatum;Klas\nEntree;Ali Yilmaz;15-09-2007;E1\n"

    (rij,) = lees(tekst, op=OP).rijen

    assert rij.leerling.leerjaar == "entree"
    assert rij.leerling.naam == "Ali Yilmaz"


def test_elke_foute_regel_zegt_in_het_nederlands_wat_er_mis_is():
    tekst = "\n".join(
        [
            KOP,
            ";02-04-2010;3A;3;",
            "Piet;31-02-2010;3A;3;",
            "Kees;02-04-2030;3A;3;",
            "Lies;02-04-2010;3A;7;",
            "Joke;02-04-1960;3A;3;",
            "Teun;02-04-2010;3A",
        ]
    )

    rijen = lees(tekst, op=OP).rijen

    fouten = {r.regel: " ".join(r.fouten) for r in rijen}
    assert fouten[2] == "de naam ontbreekt"
    assert fouten[3] == "geboortedatum '31-02-2010' is geen datum (dd-mm-jjjj of jjjj-mm-dd)"
    assert fouten[4] == "de geboortedatum 02-04-2030 ligt in de toekomst"
    assert fouten[5] == "leerjaar '7' bestaat niet (1 t/m 5 of Entree)"
    assert "is de leerling 64 jaar; klopt de datum?" in fouten[6]
    assert "de rij heeft 3 kolommen, de kopregel 5" in fouten[7]
    assert all(r.leerling is None for r in rijen)


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("", "Het bestand is leeg."),
        ("voornaam;achternaam\nSem;Vries\n", "niet gevonden: naam, geboortedatum, leerjaar"),
        (KOP + "\n\n", "Het bestand bevat geen leerlingen."),
    ],
)
def test_een_onbruikbaar_bestand_krijgt_een_melding_over_het_hele_bestand(tekst, melding):
    voorbeeld = lees(tekst, op=OP)

    assert melding in " ".join(voorbeeld.fouten)
    assert not voorbeeld.in_orde


def test_een_bestand_dat_geen_utf8_is_wordt_geweigerd_met_uitleg():
    with pytest.raises(ImportFout, match="geen UTF-8"):
        decodeer("naam;geboortedatum\nJoël;01-01-2010\n".encode("cp1252"))


def test_dubbelen_in_het_bestand_en_in_de_database_zijn_fouten_een_onbekende_mentor_niet():
    tekst = "\n".join(
        [
            KOP,
            "Sem de Vries;02-04-2010;3A;3;Mees Mentor",
            "Sem de Vries;2010-04-02;3A;3;Mees Mentor",
            "Anna Bakker;01-01-2011;3A;3;Onbekende Juf",
            "Bestaat Al;01-01-2011;3B;3;",
        ]
    )

    voorbeeld = met_database(
        lees(tekst, op=OP),
        bestaand={("Bestaat Al", date(2011, 1, 1))},
        mentoren={"3A": {"mees mentor", "mentor@school.test"}},
    )

    eerste, tweede, derde, vierde = voorbeeld.rijen
    assert eerste.fouten == ()
    assert tweede.fouten == ("deze leerling staat al eerder in het bestand (regel 2)",)
    assert derde.fouten == ()
    assert derde.opmerkingen == ("'Onbekende Juf' is in Stagetraject geen mentor van klas 3A",)
    assert vierde.fouten == ("deze leerling (naam en geboortedatum) staat al in Stagetraject",)
    assert not voorbeeld.in_orde


@pytest.mark.parametrize("begin", ["=", "+", "-", "@", "\t", "\r"])
def test_een_cel_die_een_formule_kan_zijn_krijgt_een_aanhalingsteken(begin):
    assert veilige_cel(f"{begin}SUM(A1:A9)") == f"'{begin}SUM(A1:A9)"


def test_een_gewone_cel_blijft_zoals_hij_is():
    assert veilige_cel("Sem de Vries") == "Sem de Vries"
    assert veilige_cel(None) == ""
    assert veilige_cel(12) == "12"


def test_een_te_groot_bestand_moet_gesplitst_worden():
    tekst = "\n".join([KOP] + [f"Leerling {i};02-04-2010;3A;3;" for i in range(MAX_RIJEN + 1)])

    assert lees(tekst, op=OP).fouten == (f"Meer dan {MAX_RIJEN} leerlingen: splits het bestand.",)


def test_een_nul_teken_in_een_cel_maakt_die_rij_fout_en_wordt_niet_opgeslagen():
    tekst = f"{KOP}\nSem\x00 de Vries;02-04-2010;3A;3;\nNoor Jansen;02-04-2010;3\x00A;3;\n"

    sem, noor = lees(tekst, op=OP).rijen

    assert sem.leerling is None
    assert noor.leerling is None
    assert any(f.startswith("kolom naam: deze tekst bevat een ongeldig teken") for f in sem.fouten)
    assert any(f.startswith("kolom klas:") for f in noor.fouten)
