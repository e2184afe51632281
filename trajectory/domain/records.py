"""What can be recorded about a leerling, validated at the edge.

Each kind has a pydantic model; a bad value gives a 422 naming the field. The
validated data is stored as a `Record` (kind, datum, data) that guards read.
Some triggers carry a record as their payload (the reden of an uitval, the
studieadvies): it is stored in the same transaction as the state change.
"""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any, Literal

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from trajectory.domain.fouten import FieldError
from trajectory.domain.invoer import (
    MAX_ITEMS,
    MAX_TEKST,
    Datum,
    Geheel,
    Id,
    Invoer,
    Korte,
    Tekst,
    VrijeTekst,
)
from trajectory.domain.snapshot import DAGDELEN, SECTOREN, Snapshot
from trajectory.domain.stagezoeken import KANDIDAAT_STATUSSEN
from trajectory.domain.uitstroommonitor import CATEGORIEEN
from trajectory.guards.arbeidstijden import WEEKDAGEN
from trajectory.guards.groepsstage import BASISWERKNEMERSVAARDIGHEDEN
from trajectory.guards.nazorg import UITSTROOMPROFIELEN
from trajectory.guards.overeenkomst import CONTRACTSOORTEN, STAGE_OVEREENKOMST

VERZEKERING_HULP = (
    "De school (collectieve verzekering), het stagebedrijf, de ouders/verzorgers of een polis "
    "(verzekeraar en nummer)"
)

Uitslag = Literal["voldoende", "onvoldoende"]
if TYPE_CHECKING:  # a Literal built from the tuples at run time: a str to the type checker
    Sector = str
    Dagdeel = str
else:
    Sector = Literal[tuple(SECTOREN)]
    Dagdeel = Literal[tuple(DAGDELEN)]

BEOORDELING_SOORTEN = (
    "interne_stage",
    "snuffelstage",
    "mentor",
    "docentenadvies",
    "sociale_vaardigheden",
    "werkhouding",
    "stagebeoordeling",
    "tussentijds",
)
PLAATSING_GEBONDEN = ("stagebeoordeling", "tussentijds")
# beleidsplan 3.3: "beoordeeld op arbeidscompetenties op de volgende gebieden: persoonlijk,
# arbeid, sociaal, onderzoek en leren"
COMPETENTIEGEBIEDEN = ("persoonlijk", "arbeid", "sociaal", "onderzoek", "leren")
if TYPE_CHECKING:
    Competentiegebied = str
else:
    Competentiegebied = Literal[COMPETENTIEGEBIEDEN]


class RecordIn(Invoer):
    datum: Datum | None = Field(default=None, description="Standaard: vandaag")


class PlaatsingGebonden(RecordIn):
    plaatsing_id: Id | None = Field(
        default=None, description="Standaard: de lopende (of geplande) stage"
    )


class Beoordeling(PlaatsingGebonden):
    soort: Literal[BEOORDELING_SOORTEN]  # type: ignore[valid-type]
    uitslag: Uitslag
    criteria: dict[Korte, Uitslag] = Field(default_factory=dict, max_length=MAX_ITEMS)
    competenties: dict[Competentiegebied, Uitslag] = Field(
        default_factory=dict, description="De vijf competentiegebieden (beleidsplan 3.3)"
    )
    zelfbeoordeling: dict[Competentiegebied, Uitslag] = Field(
        default_factory=dict, description="Hoe de leerling zichzelf op die gebieden beoordeelt"
    )
    periode: Geheel | None = Field(default=None, ge=1, le=3)
    toelichting: str = Field(default="", max_length=MAX_TEKST)

    @model_validator(mode="after")
    def _periode_bij_tussentijds(self) -> Beoordeling:
        if self.soort == "tussentijds" and self.periode is None:
            raise ValueError("periode is verplicht bij een tussentijdse beoordeling")
        return self


class Basisvaardigheden(RecordIn):
    vaardigheden: dict[Literal[BASISWERKNEMERSVAARDIGHEDEN], Uitslag]  # type: ignore[valid-type]


class NoaTest(RecordIn):
    sectoren: list[Sector] = Field(min_length=2, max_length=2)

    @model_validator(mode="after")
    def _twee_verschillende(self) -> NoaTest:
        if len(set(self.sectoren)) != 2:
            raise ValueError("kies twee verschillende sectoren")
        return self


class Vragenlijst(RecordIn):
    """Beleidsplan 2.2: the leerling's 'interesses, hobby's, verwachtingen van de stage,
    eventuele belemmeringen en voorkeuren wat betreft stageplaatsing', then discussed."""

    besproken: bool
    interesses: VrijeTekst = ""
    hobbys: VrijeTekst = ""
    verwachtingen: VrijeTekst = ""
    belemmeringen: VrijeTekst = ""
    voorkeuren: VrijeTekst = Field(default="", description="Voorkeuren voor de stageplaats")


class Reflectiegesprek(PlaatsingGebonden):
    """Groepsstage (beleidsplan 2.2): 'na verloop van tijd reflectiegesprekken'; every 6 weeks."""

    besproken: Tekst
    klaar_voor_individueel: bool | None = Field(
        default=None, description="Lijkt de leerling klaar voor een individuele stage?"
    )


class StageAgenda(PlaatsingGebonden):
    """The weekly stage-agenda signed off in class by the stagebegeleider (beleidsplan 2.2)."""

    week_van: Datum = Field(description="Maandag van de week die is afgetekend")
    leerdoelen: VrijeTekst = ""
    aandachtspunten: VrijeTekst = ""
    reflectie_leerling: VrijeTekst = ""


class Kennismakingsgesprek(RecordIn):
    """With the company, the stagebegeleider present (beleidsplan 2.2: matching, end of lj 3)."""

    bedrijf: Korte
    stagebegeleider_mee: bool = True
    uitkomst: Literal["akkoord", "geen_akkoord", "nog_open"]
    toelichting: VrijeTekst = ""


if TYPE_CHECKING:
    KandidaatStatus = str
else:
    KandidaatStatus = Literal[tuple(KANDIDAAT_STATUSSEN)]


class Kandidaat(RecordIn):
    """A company contacted in the search for a placement, or a change of how that goes
    (domain/stagezoeken.py): each change is a new record, so the team sees the whole search."""

    stagebedrijf_id: Id = Field(description="Het stagebedrijf uit het register")
    status: KandidaatStatus = "benaderd"
    gesprek_op: Datum | None = Field(
        default=None,
        validate_default=True,
        description="Datum van het kennismakingsgesprek (gepland of gehouden)",
    )
    notitie: VrijeTekst = ""

    @field_validator("gesprek_op")
    @classmethod
    def _gesprek_met_datum(cls, gesprek_op: Any, info: ValidationInfo) -> Any:
        if info.data.get("status") == "kennismaking_gepland" and gesprek_op is None:
            raise ValueError("geef de datum van het kennismakingsgesprek")
        return gesprek_op


class Bedrijfsbezoek(RecordIn):
    """Leerjaar 2 (beleidsplan 2.1): a class visit to a company."""

    bedrijf: Korte
    sector: Sector | None = None
    notitie: VrijeTekst = ""


class Doelen(RecordIn):
    """Beleidsplan 3.3: 'persoonlijke doelen, in overleg met de leerling en stagebegeleiders
    opgesteld'; the interne stage has 'vooraf opgestelde leerdoelen' and reflection."""

    soort: Literal["persoonlijke_doelen", "leerdoelen"]
    doelen: Tekst = Field(description="Eén doel per regel")
    afgesproken_met_leerling: bool
    reflectie: VrijeTekst = ""


class Proeve(RecordIn):
    """Entree: the Proeve van Bekwaamheid at the placement, and who were present."""

    examinator: Korte
    praktijkbegeleider: Korte
    stagebegeleider: Korte
    toelichting: VrijeTekst = ""


class Eindgesprek(RecordIn):
    """Beleidsplan 5.1: 'een advies in een eindgesprek'; leerling, ouders and school agree
    the uitstroomprofiel."""

    profiel: Literal[UITSTROOMPROFIELEN]  # type: ignore[valid-type]
    akkoord_leerling: bool
    akkoord_ouders: bool
    akkoord_school: bool
    toelichting: VrijeTekst = ""


class Overleg(RecordIn):
    met: Literal["ouders_mentor_stagebegeleider", "ondersteuningsteam"]
    uitkomst: Literal["positief", "negatief"]
    toelichting: str = Field(default="", max_length=MAX_TEKST)


class StageOvereenkomst(PlaatsingGebonden):
    """The contract of a placement (WVO art. 35); for Entree an arbeidsovereenkomst (duaal
    traject) may stand in for it. Judged by `guards/overeenkomst.py` at `stage_starten`."""

    soort: Literal[tuple(CONTRACTSOORTEN)] = Field(  # type: ignore[valid-type]
        default=STAGE_OVEREENKOMST,
        description="stage_overeenkomst, of arbeidsovereenkomst (duaal traject, alleen Entree)",
    )
    leeractiviteiten: VrijeTekst = ""
    aanvangsdatum: Datum | None = None
    einddatum: Datum | None = None
    tijden: VrijeTekst = Field(
        default="", description="De werktijden van het rooster, bijv. 'di en do 9:00-15:00'"
    )
    begeleidingsregeling: VrijeTekst = ""
    beoordeling_door_bedrijf: VrijeTekst = ""
    inspectie_regeling: VrijeTekst = ""
    verzekering_ongevallen: VrijeTekst = Field(default="", description=VERZEKERING_HULP)
    verzekering_aansprakelijkheid: VrijeTekst = Field(default="", description=VERZEKERING_HULP)
    kosten_door: VrijeTekst = Field(default="", description=VERZEKERING_HULP)
    getekend_school: bool = False
    getekend_leerling: bool = False
    getekend_bedrijf: bool = False
    getekend_ouder: bool = False

    @model_validator(mode="after")
    def _einde_na_aanvang(self) -> StageOvereenkomst:
        if self.aanvangsdatum and self.einddatum and self.einddatum < self.aanvangsdatum:
            raise ValueError("einddatum ligt voor de aanvangsdatum")
        return self


class Uren(PlaatsingGebonden):
    """One day of the presentielijst."""

    uren: float = Field(gt=0, le=24)
    toelichting: str = Field(
        default="", max_length=1000, description="Verplicht als de dag buiten het rooster valt"
    )


Weekdag = Literal[WEEKDAGEN]  # type: ignore[valid-type]


class RoosterDag(Invoer):
    start: time
    eind: time
    pauzes: list[Geheel] = Field(
        default_factory=list, max_length=4, description="Minuten per pauze"
    )

    @model_validator(mode="after")
    def _eind_na_start(self) -> RoosterDag:
        if self.eind <= self.start:
            raise ValueError("eind ligt niet na start")
        duur = (self.eind.hour * 60 + self.eind.minute) - (self.start.hour * 60 + self.start.minute)
        if any(p <= 0 for p in self.pauzes) or sum(self.pauzes) >= duur:
            raise ValueError("de pauzes passen niet in de werktijd")
        return self


class Rooster(PlaatsingGebonden):
    """The weekly rooster of a placement; the newest one applies from its datum on."""

    dagen: dict[Weekdag, RoosterDag] = Field(min_length=1)
    motivatie: str | None = Field(
        default=None,
        max_length=MAX_TEKST,
        description="Alleen teamleider: vastleggen ondanks overtredingen van de arbeidstijden",
    )


class Bezoek(PlaatsingGebonden):
    notitie: str = Field(default="", max_length=MAX_TEKST)


class Praktijkopdracht(PlaatsingGebonden):
    periode: Geheel = Field(ge=1, le=3)
    nummer: Geheel = Field(ge=1, le=2)
    afgerond: bool


class Verlenging(RecordIn):
    """Beleidsplan 4.5: after an uitval in Entree the leerling may get a verlenging; the Entree
    opleidingsjaar then runs to the new examendatum and its hours keep counting."""

    examendatum: Datum = Field(description="De nieuwe datum van het praktijkexamen")
    toelichting: str = Field(default="", max_length=MAX_TEKST)


class Studieadvies(RecordIn):
    positief: bool
    toelichting: str = Field(default="", max_length=MAX_TEKST)


class Examenresultaat(RecordIn):
    geslaagd: bool


class Uitstroom(RecordIn):
    profiel: Literal[UITSTROOMPROFIELEN]  # type: ignore[valid-type]
    bestemming: Korte
    vertrekdatum: Datum
    categorie: Literal[tuple(CATEGORIEEN)] | None = Field(  # type: ignore[valid-type]
        default=None, description="De bestemming in de categorieën van de Uitstroommonitor"
    )


class NazorgContact(RecordIn):
    met_wie: Literal["ex_leerling", "werkgever", "ouders", "school"]
    hoe_gaat_het: Tekst
    actie: str = Field(default="", max_length=MAX_TEKST)
    bestemming_behouden: bool | None = Field(
        default=None, description="Heeft de ex-leerling de bestemming van bij vertrek nog?"
    )
    categorie: Literal[tuple(CATEGORIEEN)] | None = Field(  # type: ignore[valid-type]
        default=None, description="De bestemming nu, in de categorieën van de Uitstroommonitor"
    )


# the contact logbook (issue #16 part 4): with whom, and how
CONTACT_MET: dict[str, str] = {
    "bedrijf": "bedrijf / praktijkbegeleider",
    "ouders": "ouders / verzorgers",
    "mentor": "mentor",
    "ondersteuningsteam": "ondersteuningsteam",
    "leerling": "de leerling",
}
CONTACT_HOE: dict[str, str] = {
    "telefoon": "telefoon",
    "mail": "mail",
    "bezoek": "bezoek",
    "persoonlijk": "persoonlijk gesprek",
}
if TYPE_CHECKING:
    ContactMet = str
    ContactHoe = str
else:
    ContactMet = Literal[tuple(CONTACT_MET)]
    ContactHoe = Literal[tuple(CONTACT_HOE)]


class Contact(RecordIn):
    """A contact in the logbook, with an optional follow-up: on its date it becomes a
    reminder for whoever recorded it (docs/TIMERS.md)."""

    met: ContactMet
    hoe: ContactHoe
    notitie: Tekst
    opvolging: str = Field(default="", max_length=MAX_TEKST, description="Vervolgactie")
    opvolgen_op: Datum | None = Field(default=None, description="Wanneer de vervolgactie moet")

    @model_validator(mode="after")
    def _opvolging_met_datum(self) -> Contact:
        self.opvolging = self.opvolging.strip()
        if bool(self.opvolging) != (self.opvolgen_op is not None):
            raise ValueError("een vervolgactie heeft een datum nodig, en een datum een actie")
        if self.opvolgen_op and self.datum and self.opvolgen_op < self.datum:
            raise ValueError("de vervolgactie ligt voor het contact")
        return self


class AdviesZelfstandig(RecordIn):
    geplande_startdatum: Datum | None = None


class AdviesGroepsstage(RecordIn):
    reden: Literal["sociaal_emotioneel", "nt2"]
    dagdelen: list[Dagdeel] = Field(min_length=1, max_length=10)
    geplande_startdatum: Datum | None = Field(
        default=None, description="Standaard: vandaag (meestal na de zomervakantie)"
    )


# The coded reason of an uitval: what a mail and a report may say. The free text (`reden`) is
# seen only in the application, by those who may see the leerling.
UITVAL_CODES: dict[str, str] = {
    "gedrag": "gedrag of conflict op de werkvloer",
    "verzuim": "verzuim of niet meer verschenen",
    "overbelasting": "overbelasting of overprikkeling",
    "veiligheid": "veiligheidsregels niet nageleefd",
    "gezondheid": "ziekte of gezondheid",
    "thuissituatie": "thuissituatie",
    "verhuizing": "verhuizing",
    "bedrijf_stopt": "het bedrijf stopt de stageplaats",
    "overig": "overig",
}
if TYPE_CHECKING:
    UitvalCode = str
else:
    UitvalCode = Literal[tuple(UITVAL_CODES)]


class Uitval(PlaatsingGebonden):
    """The code goes into the mentor's mail; the reden (free text) stays in the application.
    Without a code (older API clients) it is "overig", and then the reden is required."""

    code: UitvalCode = "overig"
    reden: str = Field(default="", max_length=MAX_TEKST, validate_default=True)

    @field_validator("reden")
    @classmethod
    def _toelichting_bij_overig(cls, reden: str, info: ValidationInfo) -> str:
        reden = reden.strip()
        if info.data.get("code", "overig") == "overig" and not reden:
            raise PydanticCustomError("string_too_short", "geef bij 'overig' een toelichting")
        return reden


class Opvang(RecordIn):
    dagdelen: list[Dagdeel] = Field(min_length=1, max_length=10)


class PlanEvaluatie(RecordIn):
    vervolg: Literal["stage_zoeken", "uitstroom"]
    toelichting: str = Field(default="", max_length=MAX_TEKST)


class Sectorkeuze(RecordIn):
    sector: Sector


class Afsluitbesluit(RecordIn):
    reden: Tekst


RECORD_KINDS: dict[str, type[RecordIn]] = {
    "beoordeling": Beoordeling,
    "basisvaardigheden": Basisvaardigheden,
    "noa_test": NoaTest,
    "vragenlijst": Vragenlijst,
    "overleg": Overleg,
    "stage_overeenkomst": StageOvereenkomst,
    "uren": Uren,
    "rooster": Rooster,
    "bezoek": Bezoek,
    "praktijkopdracht": Praktijkopdracht,
    "studieadvies": Studieadvies,
    "verlenging": Verlenging,
    "examenresultaat": Examenresultaat,
    "uitstroom": Uitstroom,
    "nazorg_contact": NazorgContact,
    "afsluitbesluit": Afsluitbesluit,
    "contact": Contact,
    "reflectiegesprek": Reflectiegesprek,
    "stage_agenda": StageAgenda,
    "kennismakingsgesprek": Kennismakingsgesprek,
    "bedrijfsbezoek": Bedrijfsbezoek,
    "doelen": Doelen,
    "proeve": Proeve,
    "eindgesprek": Eindgesprek,
    "kandidaat": Kandidaat,
}
# the field of a kind whose value decides whether a role may record it (domain/access.py)
ROL_KEUZE: dict[str, str] = {"beoordeling": "soort", "contact": "met"}


def rol_keuze(kind: str, model: RecordIn) -> str | None:
    """The value `may_record` judges besides the kind (a beoordeling's soort, a contact's
    party)."""
    veld = ROL_KEUZE.get(kind)
    return getattr(model, veld, None) if veld else None


# trigger -> (record kind stored, payload model, constant data added)
TRIGGER_PAYLOADS: dict[str, tuple[str, type[RecordIn], dict[str, Any]]] = {
    "advies_zelfstandig": ("voorlopig_advies", AdviesZelfstandig, {"advies": "zelfstandig"}),
    "advies_groepsstage": ("voorlopig_advies", AdviesGroepsstage, {"advies": "groepsstage"}),
    "uitvallen": ("uitval", Uitval, {}),
    "opvang_groepsstage": ("opvang", Opvang, {}),
    "alternatief_starten": ("overleg", Overleg, {}),
    "alternatief_afronden": ("plan_evaluatie", PlanEvaluatie, {}),
    "sector_kiezen": ("sectorkeuze", Sectorkeuze, {}),
    "studieadvies": ("studieadvies", Studieadvies, {}),
    "examen_afronden": ("examenresultaat", Examenresultaat, {}),
    "uitstromen": ("uitstroom", Uitstroom, {}),
    "nazorg_contact": ("nazorg_contact", NazorgContact, {}),
    "nazorg_afsluiten": ("afsluitbesluit", Afsluitbesluit, {}),
}
PAYLOAD_REQUIRED = frozenset(
    {
        "advies_groepsstage",
        "uitvallen",
        "opvang_groepsstage",
        "alternatief_afronden",
        "sector_kiezen",
        "studieadvies",
        "examen_afronden",
        "uitstromen",
        "nazorg_contact",
    }
)


class PlaatsingIn(Invoer):
    """A placement being arranged (status `gepland` until `stage_starten`), at a company of the
    register: named by `stagebedrijf_id`, or by `bedrijf`, its name (a name not yet in the
    register registers the company, usecases/bedrijfkeuze.py)."""

    stagebedrijf_id: Id | None = Field(
        default=None, description="Het stagebedrijf uit het register"
    )
    bedrijf: Korte | None = Field(
        default=None, description="Of de naam van het stagebedrijf (nieuw: wordt geregistreerd)"
    )
    praktijkbegeleider_id: Id | None = Field(
        default=None, description="De praktijkbegeleider bij het stagebedrijf"
    )
    sector: Sector
    startdatum: Datum
    einddatum: Datum | None = None
    dagdelen: list[Dagdeel] = Field(default_factory=list, max_length=10)
    afstand_km: float | None = Field(default=None, ge=0, le=500)
    risicovol: bool = Field(
        default=False, description="Arbeid waaraan bijzondere eisen worden gesteld"
    )
    deskundig_toezicht: bool = False
    kassawerk: bool = False
    tillen_10kg: bool = Field(default=False, description="Tillen van 10 kg of meer")
    duwen_trekken_20kg: bool = Field(default=False, description="Duwen of trekken > 20 kg kracht")
    psa: bool = Field(default=False, description="Psychosociale arbeidsbelasting niet te voorkomen")
    zondag_door_aard: bool = Field(
        default=False, description="Zondagswerk staat in contract of cao en volgt uit het werk"
    )
    gedwongen_houding: bool = Field(
        default=False, description="Werk waarbij niet in gevarieerde houdingen kan worden gewerkt"
    )
    gewasbeschermingsmiddelen: bool = Field(
        default=False,
        description="Werk in of met een gewas binnen 14 dagen na gewasbeschermingsmiddelen "
        "of biociden",
    )
    toezichthouder: Korte | None = Field(
        default=None, description="Naam van de toezichthouder bij het bedrijf"
    )
    toezichthouder_18_plus: bool = Field(
        default=False, description="De toezichthouder is 18 jaar of ouder"
    )
    toezichthouder_direct_beschikbaar: bool = Field(
        default=False,
        description="De toezichthouder is in de nabijheid van de werkplek of direct oproepbaar",
    )
    dagbesteding: bool = Field(
        default=False,
        description="Dagbestedingsstage bij een dagbestedingsinstantie (met stage-ondersteuning)",
    )
    rooster: dict[Weekdag, RoosterDag] | None = Field(
        default=None, description="Het weekrooster, als het al bekend is"
    )

    @model_validator(mode="after")
    def _einde_na_start(self) -> PlaatsingIn:
        if self.einddatum and self.einddatum < self.startdatum:
            raise ValueError("einddatum ligt voor de startdatum")
        if self.stagebedrijf_id is None and self.bedrijf is None:
            raise ValueError("kies het stagebedrijf (of typ de naam van een nieuw bedrijf)")
        return self


def plaatsing_for(model: RecordIn, snapshot: Snapshot) -> int | None:
    """The placement a record belongs to: the one named (it must be this leerling's),
    else the running one, else the one being arranged."""
    if not isinstance(model, PlaatsingGebonden):
        return None
    if model.plaatsing_id is not None:
        if all(p.id != model.plaatsing_id for p in snapshot.plaatsingen):
            raise FieldError("plaatsing_id", "hoort niet bij een stage van deze leerling")
        return model.plaatsing_id
    if isinstance(model, StageOvereenkomst):  # a contract is drawn up before the start
        plaatsing = snapshot.geplande_plaatsing or snapshot.lopende_plaatsing
    else:
        plaatsing = snapshot.lopende_plaatsing or snapshot.geplande_plaatsing
    return plaatsing.id if plaatsing else None


def record_data(model: RecordIn) -> dict[str, Any]:
    """The JSON-ready data of a record, without the fields stored in their own columns."""
    return model.model_dump(mode="json", exclude={"datum", "plaatsing_id", "motivatie"})
