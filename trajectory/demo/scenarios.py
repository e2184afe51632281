"""The demo's life stories as a table: where each leerling ends up and the phases on the way.

`begin` is the school year (its August) in which the story starts: leerjaar 1 for the
brugklassers, leerjaar 2 (interne stage) for everyone else. The stories are told as seen from
late May of school year 2024-2025 (school.VERHAALJAAR), so a story that began in 2021 is then
in its fifth year, and one from 2018 has left school; the demo moves every story by whole
school years to today's (__init__.py), and no story's step may lie after today.
Every story after the brugklas is registered in leerjaar 2; the leerjaren after it follow
from the triggers (voorlopig advies → 3, sector_kiezen → 4, vijfde_leerjaar, entree_starten).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from trajectory.demo.fasen import (
    Fase,
    advies_groepsstage,
    advies_zelfstandig,
    adviesdossier,
    entree_starten,
    groepsstage,
    individuele_stage,
    interne_stage,
    kantinedienst_zonder_beoordeling,
    noa_test,
    sector_kiezen,
    snuffelstage,
    stage_zonder_handtekening,
    verdieping,
    vijfde_leerjaar,
    volgend_schooljaar,
)
from trajectory.demo.vervolg import (
    afsluiten_door_teamleider,
    afsluiten_na_twee_jaar,
    alternatief_programma,
    entree,
    nazorg,
    nieuwe_stage_zoeken,
    opvang_groepsstage,
    uitstromen,
    uitvallen,
)
from trajectory.domain.snapshot import DAGDELEN
from trajectory.guards.groepsstage import OPVANG_DAGDELEN_LJ45
from trajectory.machines import STATES


@dataclass(frozen=True)
class Scenario:
    naam: str
    eindstaat: str
    leerjaar: str  # at registration: 1 (brugklas) or 2
    klasjaar: str  # the leerjaar of the klas the leerling is (or was last) in
    begin: int
    fasen: tuple[Fase, ...]
    profiel: str = "zelfstandig"
    groepsstage: tuple[str, ...] = ()  # dagdelen on which it needs a free groepsstage place
    gewicht: int = 1


LJ2 = (interne_stage, noa_test, snuffelstage, adviesdossier)
ZELFSTANDIG = (*LJ2, advies_zelfstandig, volgend_schooljaar)
LJ3 = (individuele_stage(1), individuele_stage(2), sector_kiezen, volgend_schooljaar)
TOT_LJ4 = (*ZELFSTANDIG, *LJ3)
TOT_LJ5 = (*TOT_LJ4, verdieping(), vijfde_leerjaar, volgend_schooljaar)
TOT_ENTREE = (*TOT_LJ4, verdieping(), entree_starten, volgend_schooljaar)


def _groepsstage_jaar(reden: str, *, door: bool) -> tuple[Fase, ...]:
    return (*LJ2, advies_groepsstage(reden), volgend_schooljaar, groepsstage(door=door))


S = Scenario
SCENARIOS: tuple[Scenario, ...] = (
    S("brugklas", "interne_stage", "1", "1", 2024, (), gewicht=3),
    S("kantinedienst_zonder_beoordeling", "interne_stage", "2", "2", 2024,
      (kantinedienst_zonder_beoordeling,)),
    S("snuffelstage_gepland", "snuffelstage", "2", "2", 2024, (interne_stage, noa_test)),
    S("advies_zelfstandig_in_beeld", "stage_advies", "2", "2", 2024, LJ2, gewicht=2),
    S("groepsstage_in_beeld", "stage_advies", "2", "2", 2024, LJ2, profiel="groepsstage"),
    S("groepsstage_sociaal_emotioneel", "groepsstage", "2", "3", 2023,
      _groepsstage_jaar("sociaal_emotioneel", door=False), "groepsstage", DAGDELEN, gewicht=2),
    S("opvang_na_uitval", "groepsstage", "2", "4", 2022,
      (*TOT_LJ4, verdieping(perioden=1, afronden=False, tot=(1, 17)), uitvallen(1, 20),
       opvang_groepsstage(2, 3)), groepsstage=OPVANG_DAGDELEN_LJ45),
    S("groepsstage_nt2", "groepsstage", "2", "3", 2023,
      _groepsstage_jaar("nt2", door=False), "groepsstage", DAGDELEN),
    S("sector_gekozen", "stage_zoeken", "2", "3", 2023, TOT_LJ4[:-1], gewicht=2),
    S("van_groepsstage_naar_eigen_stage", "stage_zoeken", "2", "3", 2023,
      _groepsstage_jaar("sociaal_emotioneel", door=True), "groepsstage", DAGDELEN),
    S("stage_ii_zonder_handtekening", "stage_zoeken", "2", "3", 2023,
      (*ZELFSTANDIG, individuele_stage(1), stage_zonder_handtekening)),
    S("naar_entree", "stage_zoeken", "2", "5", 2021, (*TOT_LJ5, verdieping(), entree_starten)),
    S("na_uitval_nieuwe_stage", "stage_zoeken", "2", "3", 2023,
      (*ZELFSTANDIG, individuele_stage(1), individuele_stage(2, afronden=False, tot=(3, 21)),
       uitvallen(3, 24), nieuwe_stage_zoeken(4, 7))),
    S("vijfde_leerjaar_gekozen", "stage_zoeken", "2", "4", 2022,
      (*TOT_LJ4, verdieping(), vijfde_leerjaar)),
    S("tweede_stage", "individuele_stage", "2", "3", 2023,
      (*ZELFSTANDIG, individuele_stage(1), individuele_stage(2, afronden=False)), gewicht=4),
    S("eerste_stage", "individuele_stage", "2", "3", 2023,
      (*ZELFSTANDIG, individuele_stage(1, afronden=False)), gewicht=2),  # current in the autumn
    S("stage_verder_weg", "individuele_stage", "2", "3", 2023,
      (*ZELFSTANDIG, individuele_stage(1), individuele_stage(2, afronden=False, ver=True))),
    S("advies_met_twijfel", "individuele_stage", "2", "3", 2023,
      (*ZELFSTANDIG, individuele_stage(1), individuele_stage(2, afronden=False)), "twijfel"),
    S("verdieping_lj4", "verdieping", "2", "4", 2022,
      (*TOT_LJ4, verdieping(perioden=2, afronden=False)), gewicht=3),
    S("verdieping_lj5", "verdieping", "2", "5", 2021,
      (*TOT_LJ5, verdieping(perioden=2, afronden=False)), gewicht=2),
    S("verdieping_laatste_periode_af", "verdieping", "2", "4", 2022,
      (*TOT_LJ4, verdieping(perioden=3, afronden=False))),
    S("entree_op_schema", "entree", "2", "entree", 2021, (*TOT_ENTREE, entree()), gewicht=2),
    S("entree_achter_op_schema", "entree", "2", "entree", 2021,
      (*TOT_ENTREE, entree(achter=True))),
    S("examen_aangemeld", "praktijkexamen", "2", "entree", 2021,
      (*TOT_ENTREE, entree("aangemeld"))),
    S("uitval_individuele_stage", "uitgevallen", "2", "3", 2023,
      (*ZELFSTANDIG, individuele_stage(1), individuele_stage(2, afronden=False, tot=(5, 9)),
       uitvallen(5, 12))),
    S("uitval_eerste_stage", "uitgevallen", "2", "3", 2023,  # current from mid-November
      (*ZELFSTANDIG, individuele_stage(1, afronden=False, tot=(11, 8)), uitvallen(11, 12))),
    S("uitval_verdieping", "uitgevallen", "2", "4", 2022,
      (*TOT_LJ4, verdieping(perioden=2, afronden=False, tot=(4, 25)), uitvallen(4, 28))),
    S("uitval_entree", "uitgevallen", "2", "entree", 2021,
      (*TOT_ENTREE, entree("uitval"), uitvallen(4, 14))),
    S("alternatief_programma", "alternatief_programma", "2", "4", 2022,
      (*TOT_LJ4, verdieping(perioden=1, afronden=False, tot=(1, 10)), uitvallen(1, 13),
       alternatief_programma((2, 3)))),
    S("klaar_na_vijfde", "uitstroom", "2", "5", 2021, (*TOT_LJ5, verdieping()), gewicht=2),
    S("entree_negatief_advies", "uitstroom", "2", "entree", 2021,
      (*TOT_ENTREE, entree("negatief"))),
    S("alternatief_naar_uitstroom", "uitstroom", "2", "4", 2022,
      (*TOT_LJ4, verdieping(perioden=1, afronden=False, tot=(11, 29)), uitvallen(12, 2),
       alternatief_programma((1, 13), vervolg="uitstroom"))),
    S("nazorg_arbeid", "nazorg", "2", "5", 2019,
      (*TOT_LJ5, verdieping(), uitstromen("arbeid"), nazorg()), gewicht=2),
    S("nazorg_entree_geslaagd", "nazorg", "2", "entree", 2019,
      (*TOT_ENTREE, entree("geslaagd"), uitstromen("leren"), nazorg())),
    S("nazorg_dagbesteding", "nazorg", "2", "4", 2020,
      (*TOT_LJ4, verdieping(), uitstromen("dagbesteding"), nazorg())),
    S("afgesloten_na_twee_jaar", "afgesloten", "2", "5", 2018,
      (*TOT_LJ5, verdieping(), uitstromen("beschutte_arbeid"), nazorg(), afsluiten_na_twee_jaar),
      gewicht=2),
    S("afgesloten_door_teamleider", "afgesloten", "2", "entree", 2019,
      (*TOT_ENTREE, entree("herkansing"), uitstromen("leren"), nazorg((1, 17)),
       afsluiten_door_teamleider)),
)  # fmt: skip
VERVANGER = next(s for s in SCENARIOS if s.naam == "tweede_stage")  # when the groepsstage is full

AANDEEL: dict[str, int] = {  # per 100 leerlingen
    "interne_stage": 10,
    "snuffelstage": 5,
    "stage_advies": 8,
    "groepsstage": 6,
    "stage_zoeken": 9,
    "individuele_stage": 12,
    "verdieping": 15,
    "entree": 6,
    "praktijkexamen": 3,
    "uitgevallen": 4,
    "alternatief_programma": 2,
    "uitstroom": 5,
    "nazorg": 10,
    "afgesloten": 5,
}


def aantallen(leerlingen: int) -> dict[str, int]:
    """Leerlingen per state by AANDEEL (largest remainder), every state at least once."""
    minimum = 1 if leerlingen >= len(STATES) else 0
    basis = {s: max(minimum, leerlingen * AANDEEL[s] // 100) for s in STATES}
    rest = sorted(STATES, key=lambda s: -(leerlingen * AANDEEL[s] % 100))
    while sum(basis.values()) < leerlingen:
        for state in rest:
            if sum(basis.values()) < leerlingen:
                basis[state] += 1
    while sum(basis.values()) > leerlingen:
        grootste = max(basis, key=basis.__getitem__)
        basis[grootste] -= 1
    return basis


def plan(leerlingen: int, rng: random.Random) -> list[Scenario]:
    """The scenarios to build, varied within each state by weight, in shuffled order."""
    gekozen: list[Scenario] = []
    for state, aantal in aantallen(leerlingen).items():
        varianten = [s for s in SCENARIOS if s.eindstaat == state for _ in range(s.gewicht)]
        varianten.sort(key=lambda s: -s.gewicht)
        uniek = list(dict.fromkeys(varianten))  # each variant once first, then by weight
        volgorde = uniek + varianten
        gekozen.extend(volgorde[i % len(volgorde)] for i in range(aantal))
    rng.shuffle(gekozen)
    return gekozen
