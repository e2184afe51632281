"""The words of the demo: visit notes, reasons, nazorg contacts and the stage-overeenkomst."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from trajectory.demo.school import VOORNAMEN, Bedrijf

BEZOEKNOTITIES = (
    "Gaat goed; praktijkbegeleider tevreden over inzet en houding.",
    "Stagemap bijgewerkt en afgetekend. Werktempo neemt toe.",
    "Vindt het druk in de ochtend; afgesproken om vragen te stellen als het te veel wordt.",
    "Was twee keer te laat; afspraak gemaakt over vroeger vertrekken. Ouders geïnformeerd.",
    "Praktijkbegeleider geeft meer verantwoordelijkheid: werkt nu zelfstandig aan kleine klussen.",
    "Gesprek over omgaan met collega's; leerling neemt feedback goed aan.",
    "Leerdoelen besproken en bijgesteld; volgende keer werkhouding beoordelen.",
)
REFLECTIES = (
    "Reflectiegesprek: gaat steeds beter met samenwerken in de groep.",
    "Reflectiegesprek: op tijd komen lukt nu elke week; vragen stellen blijft lastig.",
    "Reflectiegesprek: durft meer; werkt rustig door als het druk is.",
    "Reflectiegesprek: taal gaat vooruit (NT2), instructies worden beter begrepen.",
)
UITVALREDENEN = (  # (code, toelichting): trajectory.domain.records.UITVAL_CODES
    ("gedrag", "Na herhaalde conflicten met een collega door het bedrijf naar huis gestuurd."),
    (
        "thuissituatie",
        "Kwam na de vakantie niet meer opdagen; ouders geven aan dat het thuis niet goed gaat.",
    ),
    (
        "overbelasting",
        "Raakte overprikkeld in de drukte en is op eigen verzoek met de stage gestopt.",
    ),
    ("bedrijf_stopt", "Het bedrijf is gesloten wegens een reorganisatie; de stageplaats vervalt."),
    (
        "veiligheid",
        "Hield zich herhaaldelijk niet aan de veiligheidsregels; het bedrijf stopt de stage.",
    ),
)
AFSLUITREDENEN = (
    "Ex-leerling is met het gezin naar het buitenland verhuisd; contact is niet meer mogelijk.",
    "Ex-leerling en ouders willen geen nazorg meer; werk en woonsituatie zijn stabiel.",
)
# (met wie, hoe het gaat, actie, bestemming behouden)
NAZORG: tuple[tuple[str, str, str, bool], ...] = (
    ("ex_leerling", "Gaat goed, heeft het naar zijn zin op het werk.", "", True),
    ("werkgever", "Werkgever is tevreden; contract wordt verlengd.", "", True),
    (
        "ouders",
        "Ouders maken zich zorgen over het dagritme.",
        "Gesprek met jobcoach geregeld.",
        True,
    ),
    ("school", "Opleiding loopt; aanwezigheid is goed.", "", True),
    (
        "ex_leerling",
        "Zit thuis sinds het contract afliep.",
        "Doorverwezen naar het Werkplein.",
        False,
    ),
)


def contract(
    rng: random.Random,
    bedrijf: Bedrijf,
    start: date,
    eind: date,
    tijden: str,
    ondersteuning: bool,
    minderjarig: bool,
) -> dict[str, Any]:
    """A complete stage-overeenkomst (WVO art. 35), signed by everyone who must sign."""
    praktijkbegeleider = rng.choice(VOORNAMEN)
    bezoek = "2" if ondersteuning else "3"
    return {
        "leeractiviteiten": bedrijf.werk,
        "aanvangsdatum": start,
        "einddatum": eind,
        "tijden": tijden,
        "begeleidingsregeling": (
            f"Praktijkbegeleider {praktijkbegeleider} begeleidt dagelijks op de werkvloer; "
            f"de stagebegeleider van school bezoekt elke {bezoek} weken en tekent de stagemap."
        ),
        "beoordeling_door_bedrijf": (
            "De praktijkbegeleider vult per periode het beoordelingsformulier in en "
            "tekent de stage-agenda wekelijks af."
        ),
        "inspectie_regeling": (
            "Het bedrijf geeft de Inspectie van het Onderwijs en de Nederlandse "
            "Arbeidsinspectie toegang tot de werkplek."
        ),
        "verzekering_ongevallen": "School (collectieve ongevallenverzekering)",
        "verzekering_aansprakelijkheid": "School (WA-verzekering leerlingen)",
        "kosten_door": "School; geen kosten voor leerling, ouders of bedrijf",
        "getekend_school": True,
        "getekend_leerling": True,
        "getekend_bedrijf": True,
        "getekend_ouder": minderjarig,
    }


def groepsstage_contract(start: date, eind: date, tijden: str, minderjarig: bool) -> dict[str, Any]:
    """The stagecontract drawn up at the start of the groepsstage (beleidsplan 2.2)."""
    return {
        "leeractiviteiten": "Ondersteunende werkzaamheden op wisselende locaties, in een groep",
        "aanvangsdatum": start,
        "einddatum": eind,
        "tijden": tijden,
        "begeleidingsregeling": "De stagebegeleider van school begeleidt de groep op de locatie.",
        "beoordeling_door_bedrijf": (
            "De locatie geeft haar observaties door; de stagebegeleider beoordeelt de tien "
            "basiswerknemersvaardigheden."
        ),
        "inspectie_regeling": "De locatie geeft de inspectie toegang tot de werkplek.",
        "verzekering_ongevallen": "School (collectieve ongevallenverzekering)",
        "verzekering_aansprakelijkheid": "School (WA-verzekering leerlingen)",
        "kosten_door": "School; geen kosten voor leerling, ouders of locatie",
        "getekend_school": True,
        "getekend_leerling": True,
        "getekend_bedrijf": True,
        "getekend_ouder": minderjarig,
    }
