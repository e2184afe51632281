"""The engine under random use, on SQLite and PostgreSQL (hypothesis stateful testing).

Random triggers (from every trigger of the machine, with random-ish payloads, sometimes
with a stale version, sometimes a teamleider override with a motivation), random
records and placements, on one or two leerlingen, while the clock moves on. After every
step: the state is one of the machine's states; an accepted change wrote exactly one
audit event of soort "overgang"; a refusal or a version conflict changed nothing; and
the audit chain verifies. The routes of issue #15 are in it: the groepsstage's stagecontract
(a stage-overeenkomst recorded without a placement), dagbestedingsstages, the new record kinds,
and a nazorg contact that finds a problem (one melding to the stagebegeleider, no more).

Hypothesis does not mix with function-scoped fixtures, so every example makes its own
database: a copy of the migrated SQLite template, or the PostgreSQL test database
truncated (both session-scoped fixtures of tests/conftest.py, which also skip
PostgreSQL when it is not configured and fail in CI when it is missing).
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from pydantic import ValidationError
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import wipe_postgres
from tests.integration.builders import erkend_bedrijf
from trajectory.domain.clock import FixedClock, today
from trajectory.domain.records import BEOORDELING_SOORTEN, COMPETENTIEGEBIEDEN, FieldError
from trajectory.domain.snapshot import DAGDELEN, SECTOREN
from trajectory.guards.groepsstage import BASISWERKNEMERSVAARDIGHEDEN
from trajectory.machines import STATES, TRIGGERS, transitions_from
from trajectory.store import tables as t
from trajectory.store.db import make_engine, make_sessionmaker
from trajectory.store.repository import verify_audit
from trajectory.usecases import engine, vastleggen
from trajectory.usecases.geweigerd import Geweigerd
from trajectory.usecases.users import actor_for_email, add_user

SETTINGS = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
START = datetime(2023, 9, 4, 9, 0, tzinfo=UTC)  # the first Monday of leerjaar 2
MOTIVATIE = "Speciaal geval, besproken in het stageteam"

# a refusal the caller must see; each of these must leave the database untouched
EXPECTED_ERRORS = (
    engine.VersionConflict,
    engine.PayloadError,
    engine.NotPermitted,
    FieldError,
    ValidationError,
)

# --- random-ish input ----------------------------------------------------------------

sectoren = st.sampled_from(sorted(SECTOREN))
dagdelen = st.lists(st.sampled_from(DAGDELEN), min_size=1, max_size=4, unique=True)
datums = st.dates(date(2023, 1, 1), date(2031, 12, 31))
uitslagen = st.sampled_from(["voldoende", "voldoende", "voldoende", "onvoldoende"])
teksten = st.sampled_from(["Gaat goed", "Te laat gekomen", "Werkt hard", "Ziek thuis"])

PAYLOADS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "advies_zelfstandig": st.fixed_dictionaries({"geplande_startdatum": datums.map(str)}),
    "advies_groepsstage": st.fixed_dictionaries(
        {"reden": st.sampled_from(["sociaal_emotioneel", "nt2"]), "dagdelen": dagdelen},
        optional={"geplande_startdatum": datums.map(str)},
    ),
    "uitvallen": st.fixed_dictionaries({"reden": teksten}),
    "opvang_groepsstage": st.fixed_dictionaries({"dagdelen": dagdelen}),
    "alternatief_starten": st.fixed_dictionaries(
        {
            "met": st.sampled_from(["ondersteuningsteam", "ouders_mentor_stagebegeleider"]),
            "uitkomst": st.sampled_from(["positief", "negatief"]),
        }
    ),
    "alternatief_afronden": st.fixed_dictionaries(
        {"vervolg": st.sampled_from(["stage_zoeken", "uitstroom"])}
    ),
    "sector_kiezen": st.fixed_dictionaries({"sector": sectoren}),
    "studieadvies": st.fixed_dictionaries({"positief": st.booleans()}),
    "examen_afronden": st.fixed_dictionaries({"geslaagd": st.booleans()}),
    "uitstromen": st.fixed_dictionaries(
        {
            "profiel": st.sampled_from(["dagbesteding", "beschutte_arbeid", "arbeid", "leren"]),
            "bestemming": st.sampled_from(["ROC Entree", "Dagcentrum De Boei", "Albert Heijn"]),
            "vertrekdatum": datums.map(str),
        }
    ),
    "nazorg_contact": st.fixed_dictionaries(
        {
            "met_wie": st.sampled_from(["ex_leerling", "werkgever", "ouders", "school"]),
            "hoe_gaat_het": teksten,
        },
        optional={"bestemming_behouden": st.sampled_from([True, False, None])},
    ),
    "nazorg_afsluiten": st.fixed_dictionaries({"reden": teksten}),
}
ONZIN = st.just({"onbekend_veld": 1})
# stage days: legal from 14, legal from 16 only (9 hours), and never for 14/15 (until 20:00)
WERKDAGEN = st.sampled_from(
    [
        {"start": "09:00", "eind": "14:00", "pauzes": [30]},
        {"start": "08:30", "eind": "15:30", "pauzes": [30]},
        {"start": "08:00", "eind": "17:30", "pauzes": [15, 15]},
        {"start": "13:00", "eind": "20:00", "pauzes": [30]},
    ]
)
roosters = st.dictionaries(
    st.sampled_from(["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zondag"]),
    WERKDAGEN,
    min_size=1,
    max_size=3,
)


def payloads_for(trigger: str) -> st.SearchStrategy[dict[str, Any] | None]:
    """Mostly a valid payload where the trigger takes one; sometimes none or nonsense."""
    valid = PAYLOADS.get(trigger)
    if valid is None:
        return st.one_of(st.none(), st.none(), st.none(), ONZIN)
    return st.one_of(valid, valid, valid, st.none(), ONZIN)


def overeenkomsten() -> st.SearchStrategy[dict[str, Any]]:
    compleet = {
        "leeractiviteiten": "Meewerken",
        "aanvangsdatum": "2023-09-01",
        "einddatum": "2031-07-01",
        "tijden": "9-15",
        "begeleidingsregeling": "Om de 3 weken",
        "beoordeling_door_bedrijf": "Formulier",
        "inspectie_regeling": "Na afspraak",
        "verzekering_ongevallen": "School",
        "verzekering_aansprakelijkheid": "Bedrijf",
        "kosten_door": "School",
        "getekend_school": True,
        "getekend_leerling": True,
        "getekend_bedrijf": True,
        "getekend_ouder": True,
    }
    # duaal traject (Entree): an arbeidsovereenkomst; tijden that do not fit a rooster, and
    # insurance that names nobody
    anders = st.fixed_dictionaries(
        {},
        optional={
            "soort": st.sampled_from(["stage_overeenkomst", "arbeidsovereenkomst"]),
            "tijden": st.sampled_from(["9-15", "di en do 9:00-14:00", "8:00-17:30", "in overleg"]),
            "verzekering_ongevallen": st.sampled_from(["School", "ja", "polis 1234 bij Aegon"]),
            "aanvangsdatum": datums.map(str),
        },
    )
    return st.one_of(
        st.just(compleet),
        st.sets(st.sampled_from(sorted(compleet))).map(
            lambda weg: {k: v for k, v in compleet.items() if k not in weg}
        ),
        anders.map(lambda a: {**compleet, **a}),
    )


def beoordelingen() -> st.SearchStrategy[dict[str, Any]]:
    def bouw(soort: str, uitslag: str, periode: int) -> dict[str, Any]:
        data: dict[str, Any] = {"soort": soort, "uitslag": uitslag}
        if soort == "snuffelstage":
            data["criteria"] = dict.fromkeys(
                ("beroepsvaardigheden", "instructies_volgen", "werkhouding"), uitslag
            )
        if soort == "tussentijds":
            data["periode"] = periode
        if soort in ("stagebeoordeling", "tussentijds"):  # the five areas, and the leerling's
            data["competenties"] = dict.fromkeys(COMPETENTIEGEBIEDEN, uitslag)
            data["zelfbeoordeling"] = dict.fromkeys(COMPETENTIEGEBIEDEN, "voldoende")
        return data

    return st.builds(bouw, st.sampled_from(BEOORDELING_SOORTEN), uitslagen, st.integers(1, 3))


RECORDS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "beoordeling": beoordelingen(),
    "basisvaardigheden": st.fixed_dictionaries(
        {
            "vaardigheden": st.fixed_dictionaries(
                dict.fromkeys(BASISWERKNEMERSVAARDIGHEDEN, uitslagen)
            )
        }
    ),
    "noa_test": st.lists(sectoren, min_size=2, max_size=2, unique=True).map(
        lambda s: {"sectoren": s}
    ),
    "vragenlijst": st.fixed_dictionaries(
        {"besproken": st.booleans()},
        optional={"interesses": teksten, "belemmeringen": teksten, "voorkeuren": teksten},
    ),
    "overleg": PAYLOADS["alternatief_starten"],
    "stage_overeenkomst": overeenkomsten(),
    "uren": st.fixed_dictionaries(
        {"uren": st.sampled_from([4.0, 7.0, 7.5, 24.0])},
        optional={"toelichting": st.just("Langer gebleven, afgesproken")},
    ),
    "rooster": st.fixed_dictionaries(
        {"dagen": roosters}, optional={"motivatie": st.just(MOTIVATIE)}
    ),
    "bezoek": st.fixed_dictionaries({"notitie": teksten}),
    "praktijkopdracht": st.fixed_dictionaries(
        {"periode": st.integers(1, 3), "nummer": st.integers(1, 2), "afgerond": st.booleans()}
    ),
    "studieadvies": PAYLOADS["studieadvies"],
    "verlenging": st.fixed_dictionaries(
        {"examendatum": datums.map(str)}, optional={"toelichting": teksten}
    ),
    "examenresultaat": PAYLOADS["examen_afronden"],
    "uitstroom": PAYLOADS["uitstromen"],
    "nazorg_contact": PAYLOADS["nazorg_contact"],
    "afsluitbesluit": PAYLOADS["nazorg_afsluiten"],
    "reflectiegesprek": st.fixed_dictionaries(
        {"besproken": teksten}, optional={"klaar_voor_individueel": st.booleans()}
    ),
    "stage_agenda": st.fixed_dictionaries(
        {"week_van": datums.map(str)}, optional={"reflectie_leerling": teksten}
    ),
    "kennismakingsgesprek": st.fixed_dictionaries(
        {
            "bedrijf": st.sampled_from(["Bakkerij Bol", "Tuincentrum"]),
            "uitkomst": st.sampled_from(["akkoord", "geen_akkoord", "nog_open"]),
        }
    ),
    "bedrijfsbezoek": st.fixed_dictionaries(
        {"bedrijf": st.sampled_from(["Bakkerij Bol", "Tuincentrum"])}, optional={"sector": sectoren}
    ),
    "doelen": st.fixed_dictionaries(
        {
            "soort": st.sampled_from(["persoonlijke_doelen", "leerdoelen"]),
            "doelen": teksten,
            "afgesproken_met_leerling": st.booleans(),
        }
    ),
    "proeve": st.fixed_dictionaries(
        {"examinator": teksten, "praktijkbegeleider": teksten, "stagebegeleider": teksten}
    ),
    "eindgesprek": st.fixed_dictionaries(
        {
            "profiel": st.sampled_from(["dagbesteding", "beschutte_arbeid", "arbeid", "leren"]),
            "akkoord_leerling": st.booleans(),
            "akkoord_ouders": st.booleans(),
            "akkoord_school": st.booleans(),
        }
    ),
}


def nazorgprobleem(kind: str, gegevens: Any) -> bool:
    """Whether this record (or step payload) is a nazorg contact that found a problem."""
    return (
        kind == "nazorg_contact"
        and isinstance(gegevens, dict)
        and gegevens.get("bestemming_behouden") is False
    )


# --- what the database says about one leerling --------------------------------------


@dataclass(frozen=True)
class Stand:
    state: str
    version: int
    records: int
    plaatsingen: int
    audit: Counter[str]
    nazorgproblemen: int = 0  # the stagebegeleider's melding `nazorg_probleem`


def stand_van(session: Session, leerling_id: int) -> Stand:
    leerling = session.get(t.Leerling, leerling_id)
    assert leerling is not None

    def count(table: Any) -> int:
        query = select(func.count()).select_from(table).where(table.leerling_id == leerling_id)
        return session.scalar(query) or 0

    soorten = session.execute(
        select(t.AuditEvent.soort, func.count())
        .where(t.AuditEvent.leerling_id == leerling_id)
        .group_by(t.AuditEvent.soort)
    )
    return Stand(
        state=leerling.state,
        version=leerling.version,
        records=count(t.Vastlegging),
        plaatsingen=count(t.Plaatsing),
        audit=Counter({soort: aantal for soort, aantal in soorten}),
        nazorgproblemen=session.scalar(
            select(func.count())
            .select_from(t.Melding)
            .where(t.Melding.leerling_id == leerling_id, t.Melding.soort == "nazorg_probleem")
        )
        or 0,
    )


# --- the machine ------------------------------------------------------------------------

Database = Callable[[], tuple[Engine, Callable[[], None]]]


class Trajecten(RuleBasedStateMachine):
    make_database: Database  # set by each test

    def __init__(self) -> None:
        super().__init__()
        self.engine, self._cleanup = type(self).make_database()
        self.sessions: sessionmaker[Session] = make_sessionmaker(self.engine)
        self.clock = FixedClock(START)
        for email, rol, klas in (
            ("tl@school.test", "teamleider", None),
            ("sb@school.test", "stagebegeleider", None),
            ("mentor@school.test", "mentor", "2A"),
        ):
            add_user(self.sessions, email=email, naam=rol, rol=rol, klas=klas, clock=self.clock)
        with self.sessions() as session:
            self.teamleider = actor_for_email(session, "tl@school.test")
            self.begeleider = actor_for_email(session, "sb@school.test")
            self.mentor = actor_for_email(session, "mentor@school.test")
        self.leerlingen: list[int] = []
        self.erkende_sectoren: set[str] = set()  # an SBB-erkend company registered per sector

    def teardown(self) -> None:
        self._cleanup()

    def stand(self) -> dict[int, Stand]:
        with self.sessions() as session:
            return {lid: stand_van(session, lid) for lid in self.leerlingen}

    def advance(self, lid: int, trigger: str, **kwargs: Any) -> Any:
        """The engine's answer, or the expected error it raised (which must change nothing)."""
        try:
            return engine.advance(self.sessions, lid, trigger, clock=self.clock, **kwargs)
        except EXPECTED_ERRORS as error:
            return error

    def actor(self, wie: str) -> Any:
        return {"teamleider": self.teamleider, "mentor": self.mentor}.get(wie, self.begeleider)

    @initialize(
        geboren=st.lists(st.dates(date(2008, 1, 1), date(2011, 8, 31)), min_size=1, max_size=2),
        leerjaren=st.lists(st.sampled_from(["2", "2", "entree"]), min_size=2, max_size=2),
        ondersteuning=st.booleans(),
    )
    def leerlingen_aanmelden(
        self, geboren: list[date], leerjaren: list[str], ondersteuning: bool
    ) -> None:
        """Mostly leerjaar 2; sometimes entered as Entree (issue 15: who must still reach
        Entree only through `entree_starten`)."""
        for n, geboortedatum in enumerate(geboren):
            nieuw = vastleggen.NieuweLeerling(
                naam=f"Leerling {n}",
                geboortedatum=geboortedatum,
                leerjaar=leerjaren[n],
                klas="2A",
                stagebegeleider_id=self.begeleider.id,
                stage_ondersteuning=ondersteuning and n == 0,
            )
            self.leerlingen.append(
                vastleggen.create_leerling(
                    self.sessions, nieuw, actor=self.teamleider, clock=self.clock
                )
            )

    @rule(dagen=st.integers(1, 120))
    def tijd_verstrijkt(self, dagen: int) -> None:
        self.clock.advance(days=dagen)

    @rule(
        data=st.data(),
        wie=st.sampled_from(["stagebegeleider"] * 3 + ["override"] * 3 + ["teamleider", "mentor"]),
        versie_afwijking=st.sampled_from([0, 0, 0, 0, 0, -1, 1]),
    )
    def trigger_vuren(self, data: st.DataObject, wie: str, versie_afwijking: int) -> None:
        lid = data.draw(st.sampled_from(self.leerlingen), label="leerling")
        voor = self.stand()
        hier = sorted({o.trigger for o in transitions_from(voor[lid].state)})
        kandidaten = st.sampled_from(TRIGGERS)
        if hier:
            kandidaten = st.one_of(kandidaten, *[st.sampled_from(hier)] * 4)
        trigger = data.draw(kandidaten, label="trigger")
        payload = data.draw(payloads_for(trigger), label="payload")
        result = self.advance(
            lid,
            trigger,
            actor=self.actor("teamleider" if wie == "override" else wie),
            version=voor[lid].version + versie_afwijking,
            payload=payload,
            motivatie=MOTIVATIE if wie == "override" else None,
        )
        if isinstance(result, Exception):
            assert self.stand() == voor, f"{type(result).__name__} changed the database"
            stale_ok = (engine.VersionConflict, engine.NotPermitted)  # role checks come first
            assert not versie_afwijking or isinstance(result, stale_ok)
            return
        assert versie_afwijking == 0, "a stale version was accepted"
        na = self.stand()
        assert {k: v for k, v in na.items() if k != lid} == {
            k: v for k, v in voor.items() if k != lid
        }, "another leerling changed"
        if isinstance(result, engine.Geweigerd):
            assert result.failing
            assert (na[lid].state, na[lid].version, na[lid].records, na[lid].plaatsingen) == (
                voor[lid].state,
                voor[lid].version,
                voor[lid].records,
                voor[lid].plaatsingen,
            )
            assert na[lid].audit == voor[lid].audit + Counter(weigering=1)
            return
        assert isinstance(result, engine.Overgegaan)
        assert na[lid].state == result.state
        assert na[lid].version == voor[lid].version + 1 == result.version
        assert na[lid].audit == voor[lid].audit + Counter(overgang=1)
        assert result.override == (wie == "override" and not all(v.ok for v in result.verdicts))
        probleem = nazorgprobleem(trigger, payload)
        assert na[lid].nazorgproblemen == voor[lid].nazorgproblemen + probleem

    @rule(data=st.data(), stappen=st.integers(1, 4))
    def teamleider_zet_door(self, data: st.DataObject, stappen: int) -> None:
        """Speciale gevallen: the teamleider forces a few steps (reaches the deeper states)."""
        lid = data.draw(st.sampled_from(self.leerlingen), label="leerling")
        for _ in range(stappen):
            voor = self.stand()
            hier = sorted({o.trigger for o in transitions_from(voor[lid].state)})
            if not hier:
                return
            trigger = data.draw(st.sampled_from(hier), label="trigger")
            payload = data.draw(PAYLOADS.get(trigger, st.none()), label="payload")
            result = self.advance(
                lid,
                trigger,
                actor=self.teamleider,
                version=voor[lid].version,
                payload=payload,
                motivatie=MOTIVATIE,
            )
            assert isinstance(result, engine.Overgegaan), result
            na = self.stand()
            assert na[lid].state == result.state
            assert na[lid].version == voor[lid].version + 1
            assert na[lid].audit == voor[lid].audit + Counter(overgang=1)

    @rule(data=st.data(), kind=st.sampled_from(sorted(RECORDS)), verleden=st.integers(0, 3))
    def vastleggen(self, data: st.DataObject, kind: str, verleden: int) -> None:
        lid = data.draw(st.sampled_from(self.leerlingen), label="leerling")
        gegevens = dict(data.draw(RECORDS[kind], label="gegevens"))
        if verleden:
            gegevens["datum"] = str(today(self.clock) - timedelta(days=verleden))
        wie = data.draw(st.sampled_from(["stagebegeleider", "teamleider", "mentor"]), label="wie")
        voor = self.stand()
        try:
            result = vastleggen.add_record(
                self.sessions, lid, kind, gegevens, actor=self.actor(wie), clock=self.clock
            )
        except EXPECTED_ERRORS:
            assert self.stand() == voor
            return
        if isinstance(result, Geweigerd):  # refused, and the refusal is audited
            na = self.stand()
            assert (na[lid].state, na[lid].version, na[lid].records) == (
                voor[lid].state,
                voor[lid].version,
                voor[lid].records,
            )
            assert na[lid].audit == voor[lid].audit + Counter(weigering=1)
            return
        na = self.stand()
        assert (na[lid].state, na[lid].version) == (voor[lid].state, voor[lid].version)
        assert na[lid].records == voor[lid].records + 1
        erbij = na[lid].audit - voor[lid].audit
        # a contract's ticked boxes (or a same-day rooster taking them over) are paper
        # signatures, each its own `overeenkomst` event (issue #18)
        papier = erbij["overeenkomst"] if kind in ("stage_overeenkomst", "rooster") else 0
        assert erbij == Counter(vastlegging=1) + Counter(overeenkomst=papier)
        probleem = nazorgprobleem(kind, gegevens)
        assert na[lid].nazorgproblemen == voor[lid].nazorgproblemen + probleem

    @rule(
        data=st.data(),
        sector=sectoren,
        over_dagen=st.integers(0, 30),
        dagdelen=dagdelen,
        erkend=st.booleans(),
        afstand=st.sampled_from([2.0, 8.5, 14.9, 25.0]),
        risicovol=st.sampled_from([False, False, False, True]),
        rooster=st.one_of(st.none(), roosters),
        werk=st.fixed_dictionaries(
            {},
            optional={
                "gedwongen_houding": st.booleans(),
                "gewasbeschermingsmiddelen": st.booleans(),
                "deskundig_toezicht": st.booleans(),
                "toezichthouder": st.sampled_from(["Jan Bakker", "Fatma Kaya"]),
                "toezichthouder_18_plus": st.booleans(),
                "toezichthouder_direct_beschikbaar": st.booleans(),
            },
        ),
        dagbesteding=st.sampled_from([False, False, False, True]),
    )
    def stageplaats_vastleggen(
        self,
        data: st.DataObject,
        sector: str,
        over_dagen: int,
        dagdelen: list[str],
        erkend: bool,
        afstand: float,
        risicovol: bool,
        rooster: dict[str, Any] | None,
        werk: dict[str, Any],
        dagbesteding: bool,
    ) -> None:
        lid = data.draw(st.sampled_from(self.leerlingen), label="leerling")
        if erkend and sector not in self.erkende_sectoren:
            self.erkende_sectoren.add(sector)
            erkend_bedrijf(
                self.sessions, self.clock, self.teamleider, f"Erkend {sector}", sectoren=(sector,)
            )
        voor = self.stand()
        vastleggen.add_plaatsing(
            self.sessions,
            lid,
            {
                "bedrijf": f"Erkend {sector}" if erkend else f"Bedrijf {sector}",
                "sector": sector,
                "startdatum": str(today(self.clock) + timedelta(days=over_dagen)),
                "dagdelen": dagdelen,
                "afstand_km": afstand,
                "risicovol": risicovol,
                "rooster": rooster,
                **werk,
                "dagbesteding": dagbesteding,
            },
            actor=self.begeleider,
            clock=self.clock,
        )
        na = self.stand()
        assert (na[lid].state, na[lid].version) == (voor[lid].state, voor[lid].version)
        assert na[lid].plaatsingen == voor[lid].plaatsingen + 1

    @invariant()
    def de_toestand_bestaat_en_de_versie_telt_de_overgangen(self) -> None:
        for stand in self.stand().values():
            assert stand.state in STATES
            assert stand.version == 1 + stand.audit["overgang"]

    @invariant()
    def de_audittrail_klopt(self) -> None:
        with self.sessions() as session:
            assert verify_audit(session) is None


def run_on(make_database: Database) -> None:
    machine = type(
        "TrajectenOpDezeDatabase", (Trajecten,), {"make_database": staticmethod(make_database)}
    )
    run_state_machine_as_test(machine, settings=SETTINGS)


def test_willekeurige_stappen_houden_de_machine_consistent_op_sqlite(sqlite_template: Path) -> None:
    def fresh_copy() -> tuple[Engine, Callable[[], None]]:
        folder = Path(tempfile.mkdtemp(prefix="stateful-"))
        shutil.copy(sqlite_template, folder / "stagetraject.db")
        database = make_engine(f"sqlite:///{folder / 'stagetraject.db'}")

        def cleanup() -> None:
            database.dispose()
            shutil.rmtree(folder, ignore_errors=True)

        return database, cleanup

    run_on(fresh_copy)


@pytest.mark.postgres
def test_willekeurige_stappen_houden_de_machine_consistent_op_postgresql(
    postgres_engine: Engine,
) -> None:
    def truncated() -> tuple[Engine, Callable[[], None]]:
        wipe_postgres(postgres_engine)
        return postgres_engine, lambda: None

    run_on(truncated)
