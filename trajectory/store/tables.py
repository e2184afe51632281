"""The database tables (SQLAlchemy 2, typed ORM). Migrations: `trajectory/store/migrations`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeAlias, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Row,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, list[Any]: JSON}


Rij: TypeAlias = Row[*tuple[Any, ...]]  # a result row of columns the query names


def tabel(model: type[Base]) -> Table:
    """The Core table of a mapped class, for plain INSERTs on the hot path (no ORM flush)."""
    return cast(Table, model.__table__)


class Gebruiker(Base):
    __tablename__ = "gebruiker"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(40))
    klas: Mapped[str | None] = mapped_column(String(20))
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    wachtwoord_hash: Mapped[str | None] = mapped_column(String(200))
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # TOTP (authenticator app): the base32 secret encrypted with the server key (Fernet,
    # domain/geheimen.py; migration 0013), and the last accepted 30-second time step, so a code
    # is never accepted twice
    totp_versleuteld: Mapped[str | None] = mapped_column(String(200))
    totp_laatste_stap: Mapped[int | None] = mapped_column(BigInteger)
    # "direct": every notification as it comes; "dagelijks": one digest a morning (uitval
    # always comes at once)
    meldingen_voorkeur: Mapped[str] = mapped_column(
        String(10), default="direct", server_default="direct"
    )
    # sha256 of the secret in the URL of the user's calendar feed; the token itself is not kept
    agenda_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)


class Sessie(Base):
    """A login session. Only a hash of the cookie's token is stored, so a copy of the database
    does not hold usable sessions; the CSRF token of the session's forms lives with it."""

    __tablename__ = "sessie"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    laatst_actief: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # False while the password is checked but the TOTP code not yet: such a session reaches
    # only the code (or enrolment) page
    volledig: Mapped[bool] = mapped_column(Boolean, default=True)
    # a TOTP secret being enrolled, until the user confirms it with a code; encrypted as above
    totp_nieuw_versleuteld: Mapped[str | None] = mapped_column(String(200))


class MisluktePoging(Base):
    """A failed login or TOTP code, counted per key (an HMAC with the server key of an account's
    e-mail, a client IP, or a user's TOTP) over a sliding window, in the database so every
    process sees it."""

    __tablename__ = "mislukte_poging"
    id: Mapped[int] = mapped_column(primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(80))
    tijd: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_mislukte_poging_sleutel_tijd", "sleutel", "tijd"),)


class ApiToken(Base):
    """A per-user token for the JSON API (`Authorization: Bearer …`); stored as a hash. It
    works until `verloopt` (migration 0013); an ended token's row is removed."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    gebruiker_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    naam: Mapped[str] = mapped_column(String(100))
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    verloopt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ingetrokken: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Leerling(Base):
    __tablename__ = "leerling"
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    geboortedatum: Mapped[date] = mapped_column(Date)
    leerjaar: Mapped[str] = mapped_column(String(10), index=True)
    klas: Mapped[str | None] = mapped_column(String(20), index=True)
    state: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    trajectory_version: Mapped[str] = mapped_column(String(20))
    stagebegeleider_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    stage_ondersteuning: Mapped[bool] = mapped_column(Boolean, default=False)
    definitieve_sector: Mapped[str | None] = mapped_column(String(2))
    vertrekdatum: Mapped[date | None] = mapped_column(Date)
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # when the retention run erased the personal data (trajectory.usecases.bewaartermijn)
    gewist: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # since when the leerling stands in its state (set by move_state when the state changes;
    # the same moment as that audit event): the dashboard's "uitgevallen sinds", migration 0012
    fase_sinds: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the day stage-ondersteuning was last switched on or off (the visit interval changes from
    # then on); NULL: as it was registered, migration 0016
    ondersteuning_sinds: Mapped[date | None] = mapped_column(Date)
    # Nederlands als tweede taal (a reason for the groepsstage), migration 0016
    nt2: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # home location (WGS84, optional): the matching's distance to a company, migration 0022
    breedtegraad: Mapped[float | None] = mapped_column(Float)
    lengtegraad: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (  # the overview and the dashboard sort by name
        Index("ix_leerling_naam", "naam", "id"),
        Index("ix_leerling_state_naam", "state", "naam", "id"),
        Index("ix_leerling_state_fase_sinds", "state", "fase_sinds", "id"),  # migration 0012
        # a begeleider's own list (and the overview filtered on one), by state, by name
        Index("ix_leerling_begeleider_state_naam", "stagebegeleider_id", "state", "naam", "id"),
    )


class Verzorger(Base):
    """An ouder/verzorger of a leerling (name, relation, e-mail, phone): who signs a contract
    with a minor. Changed only through `usecases/gegevens.py`, each change audited with the old
    and the new value; a removed contact keeps its row, `vervallen` set. Migration 0016."""

    __tablename__ = "verzorger"
    id: Mapped[int] = mapped_column(primary_key=True)
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"))
    naam: Mapped[str] = mapped_column(String(200))
    relatie: Mapped[str] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    telefoon: Mapped[str | None] = mapped_column(String(40))
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    vervallen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_verzorger_leerling", "leerling_id"),)


class Stagebedrijf(Base):
    """A company in the register (issue #17, migration 0020). The row is the company's current
    state: an edit is a compare-and-set on `version` with an audit event holding every old and
    new value (usecases/bedrijven.py); its placements are its history."""

    __tablename__ = "stagebedrijf"
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    # domain.bedrijven.naam_sleutel(naam): one company per name, whatever its case or spacing
    naam_sleutel: Mapped[str] = mapped_column(String(200), unique=True)
    kvk: Mapped[str] = mapped_column(String(8), default="")
    adres: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    plaats: Mapped[str] = mapped_column(String(200), default="")
    sectoren: Mapped[list[str]] = mapped_column(default=list)
    telefoon: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    notities: Mapped[str] = mapped_column(Text, default="")
    erkenning_nummer: Mapped[str] = mapped_column(String(200), default="")
    erkenning_sectoren: Mapped[list[str]] = mapped_column(default=list)
    erkenning_geldig_tot: Mapped[date | None] = mapped_column(Date)
    erkenning_gecontroleerd_op: Mapped[date | None] = mapped_column(Date)
    erkenning_gecontroleerd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    samenwerkingsovereenkomst: Mapped[date | None] = mapped_column(Date)
    capaciteit: Mapped[int | None] = mapped_column(Integer)  # places at a time; None: no limit
    # its current running placements, kept by triggers on `plaatsing` (migration 0030): what
    # `store.bedrijven.lopende_plaatsingen_bij` counts, for lists over the whole register
    bezet: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    breedtegraad: Mapped[float | None] = mapped_column(Float)
    lengtegraad: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="actief", index=True)
    status_reden: Mapped[str] = mapped_column(Text, default="")
    status_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    status_sinds: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Praktijkbegeleider(Base):
    """The company's supervisor of a placement (issue #17, migration 0020). Personal data:
    covered by the AVG export and the retention run."""

    __tablename__ = "praktijkbegeleider"
    id: Mapped[int] = mapped_column(primary_key=True)
    stagebedrijf_id: Mapped[int] = mapped_column(ForeignKey("stagebedrijf.id"), index=True)
    naam: Mapped[str] = mapped_column(String(200))
    functie: Mapped[str] = mapped_column(String(200), default="")
    telefoon: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    opgeleid: Mapped[bool] = mapped_column(Boolean, default=False)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Plaatsing(Base):
    __tablename__ = "plaatsing"
    id: Mapped[int] = mapped_column(primary_key=True)
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"), index=True)
    soort: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    # the company's name when the placement was made (a placement is history); the company
    # itself is `stagebedrijf_id` (migration 0020 made a company of every free-text name)
    bedrijf: Mapped[str] = mapped_column(String(200))
    # (plain integers like `vervangt_id`: SQLite cannot add a reference to an existing table;
    # usecases/bedrijfkeuze.py names only rows that exist)
    stagebedrijf_id: Mapped[int | None] = mapped_column(Integer, index=True)
    praktijkbegeleider_id: Mapped[int | None] = mapped_column(Integer)
    sector: Mapped[str | None] = mapped_column(String(2))
    startdatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)
    dagdelen: Mapped[list[str]] = mapped_column(default=list)
    erkend_leerbedrijf: Mapped[bool] = mapped_column(Boolean, default=False)
    afstand_km: Mapped[float | None] = mapped_column(Float)
    risicovol: Mapped[bool] = mapped_column(Boolean, default=False)
    deskundig_toezicht: Mapped[bool] = mapped_column(Boolean, default=False)
    kassawerk: Mapped[bool] = mapped_column(Boolean, default=False)
    tillen_10kg: Mapped[bool] = mapped_column(Boolean, default=False)
    duwen_trekken_20kg: Mapped[bool] = mapped_column(Boolean, default=False)
    psa: Mapped[bool] = mapped_column(Boolean, default=False)
    zondag_door_aard: Mapped[bool] = mapped_column(Boolean, default=False)
    # a dagbestedingsstage at a dagbestedingsinstantie (beleidsplan 3.4), migration 0015
    dagbesteding: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    perioden_afgerond: Mapped[int] = mapped_column(Integer, default=0)
    # "geen arbeid van lichte aard" and the toezichthouder (beleidsplan 5.2), migration 0014
    gedwongen_houding: Mapped[bool] = mapped_column(Boolean, default=False)
    gewasbeschermingsmiddelen: Mapped[bool] = mapped_column(Boolean, default=False)
    toezichthouder: Mapped[str | None] = mapped_column(String(200))
    toezichthouder_18_plus: Mapped[bool] = mapped_column(Boolean, default=False)
    toezichthouder_direct_beschikbaar: Mapped[bool] = mapped_column(Boolean, default=False)
    # the date the next stagebezoek counts from: the last `bezoek` recorded for this placement,
    # else its start (kept by repository.bezoek_vanaf_bijwerken), migration 0012
    bezoek_vanaf: Mapped[date | None] = mapped_column(Date)
    # corrections (migration 0017): a correction is a new row naming the row it replaces
    # (`vervangt_id`); the replaced or voided row is marked once, never changed otherwise
    # (`vervallen`: when, by whom, why). Readers of the current state take `vervallen IS NULL`
    # (repository.HUIDIG_*).
    vervangt_id: Mapped[int | None] = mapped_column(Integer, index=True)
    vervallen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    vervallen_door_id: Mapped[int | None] = mapped_column(Integer)
    vervallen_reden: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_plaatsing_soort_status", "soort", "status"),
        # the dashboard walks the running placements in the order their visit or end is due
        Index("ix_plaatsing_status_bezoek_vanaf", "status", "bezoek_vanaf", "id"),  # migration 0012
        Index("ix_plaatsing_status_einddatum", "status", "einddatum", "id"),  # migration 0012
        # the places taken at a company (matching, capacity), read from the index alone
        # (migration 0022)
        Index(
            "ix_plaatsing_bedrijf_status", "stagebedrijf_id", "status", "vervallen", "leerling_id"
        ),
    )


AGENDADEEL_HUIDIG = "kind IN ('agenda_week', 'agenda_reflectie') AND vervallen IS NULL"


class Vastlegging(Base):
    """A record about a leerling (beoordeling, overleg, uren, ...): see domain/records.py."""

    __tablename__ = "vastlegging"
    id: Mapped[int] = mapped_column(primary_key=True)
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"))
    kind: Mapped[str] = mapped_column(String(40))
    datum: Mapped[date] = mapped_column(Date)
    plaatsing_id: Mapped[int | None] = mapped_column(ForeignKey("plaatsing.id"))
    data: Mapped[dict[str, Any]] = mapped_column()
    door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # corrections (migration 0017): a correction is a new row naming the row it replaces
    # (`vervangt_id`); the replaced or voided row is marked once, never changed otherwise
    # (`vervallen`: when, by whom, why). Readers of the current state take `vervallen IS NULL`
    # (repository.HUIDIG_*).
    vervangt_id: Mapped[int | None] = mapped_column(Integer, index=True)
    vervallen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    vervallen_door_id: Mapped[int | None] = mapped_column(Integer)
    vervallen_reden: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_vastlegging_leerling_kind", "leerling_id", "kind"),
        Index("ix_vastlegging_plaatsing_kind", "plaatsing_id", "kind"),  # migration 0011
        # the presentielijst has one current line per day per placement (migration 0017: a
        # corrected line and its successor share the day)
        Index(
            "uq_uren_per_dag",
            "plaatsing_id",
            "datum",
            unique=True,
            sqlite_where=text("kind = 'uren' AND vervallen IS NULL"),
            postgresql_where=text("kind = 'uren' AND vervallen IS NULL"),
        ),
        # one current version of each stage-agenda part per week (migration 0024)
        Index(
            "uq_agendadeel_per_week",
            "plaatsing_id",
            "kind",
            "datum",
            unique=True,
            sqlite_where=text(AGENDADEEL_HUIDIG),
            postgresql_where=text(AGENDADEEL_HUIDIG),
        ),
    )


# The current version of a record or placement (migration 0017): every reader of the present
# (the snapshot, the dashboard, the overviews, the reports) takes these; the history (the
# leerling page's list, the inzage) reads every row.
HUIDIG_RECORD = Vastlegging.vervallen.is_(None)
HUIDIGE_PLAATSING = Plaatsing.vervallen.is_(None)


class GroepsstagePlek(Base):
    """A numbered place on a groepsstage dagdeel, held by a running groepsstage placement.

    The primary key (dagdeel, plek) makes the capacity race-free: two coordinators taking the
    last place at the same moment both try to insert the same row, and only one can.
    """

    __tablename__ = "groepsstage_plek"
    dagdeel: Mapped[str] = mapped_column(String(12), primary_key=True)
    plek: Mapped[int] = mapped_column(Integer, primary_key=True)
    plaatsing_id: Mapped[int] = mapped_column(ForeignKey("plaatsing.id"), index=True)


class GroepsstageWachtrij(Base):
    """A leerling waiting for a place on a full groepsstage dagdeel, first come first served.

    status: `wacht` → `aangeboden` (a freed place is held until `vasthouden_tot`) → `geplaatst`,
    or `vervallen` when the hold ran out; the next in line is offered the place then.
    """

    __tablename__ = "groepsstage_wachtlijst"
    id: Mapped[int] = mapped_column(primary_key=True)
    dagdeel: Mapped[str] = mapped_column(String(12))
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"))
    status: Mapped[str] = mapped_column(String(12))
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    aangeboden: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    vasthouden_tot: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("dagdeel", "leerling_id", name="uq_wachtlijst_dagdeel_leerling"),
        Index("ix_wachtlijst_dagdeel_status", "dagdeel", "status"),
    )


class AuditEvent(Base):
    """Append-only and hash-chained; the database refuses UPDATE and DELETE on it."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    tijd: Mapped[str] = mapped_column(String(32), index=True)  # ISO-8601 UTC, exactly as hashed
    leerling_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_rol: Mapped[str] = mapped_column(String(40))
    soort: Mapped[str] = mapped_column(String(20))  # overgang | weigering | vastlegging | ...
    trigger: Mapped[str | None] = mapped_column(String(40))
    van: Mapped[str | None] = mapped_column(String(40))
    naar: Mapped[str | None] = mapped_column(String(40))
    guards: Mapped[list[Any]] = mapped_column(default=list)  # every guard's verdict
    override: Mapped[bool] = mapped_column(Boolean, default=False)
    payload_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditPayload(Base):
    """The personal part of an event (payload, motivation): erasable, chained only by hash."""

    __tablename__ = "audit_payload"
    event_id: Mapped[int] = mapped_column(ForeignKey("audit_event.id"), primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column()


class AuditKeten(Base):
    """The head of each audit chain (domain/auditketen.py, migration 0028): a leerling's, the
    school's, and the frozen one of before 0028 (whose `laatste_id` is where it ends).

    An append takes its chain's row FOR UPDATE, so only appends to one chain wait for each
    other; the database lets a head only move one event forward (triggers in migration 0028).
    """

    __tablename__ = "audit_keten"
    keten: Mapped[str] = mapped_column(String(40), primary_key=True)
    aantal: Mapped[int] = mapped_column(Integer)
    kop: Mapped[str] = mapped_column(String(64))
    laatste_id: Mapped[int] = mapped_column(Integer)


class Melding(Base):
    """A notification: the in-app inbox and the e-mail outbox in one row.

    Committed in the transaction of the transition that caused it; delivered afterwards.
    `(leerling_id, soort, ontvanger_id, verschuldigd)` is its unique key, so planning the same
    notification twice gives one row; the Message-ID is derived from that key.
    """

    __tablename__ = "melding"
    id: Mapped[int] = mapped_column(primary_key=True)
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"))
    # an account; or NULL with `ontvanger_email` (a personal link's mail to someone without
    # an account, issue #18, migration 0023): such a row is mail only, in nobody's inbox
    ontvanger_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    ontvanger_email: Mapped[str | None] = mapped_column(String(254))
    # the link's token, encrypted with the server key (domain/geheimen.py) until the mail is
    # sent, then removed: the text holds `{link}` where the URL goes (migration 0023)
    geheim_versleuteld: Mapped[str | None] = mapped_column(String(300))
    soort: Mapped[str] = mapped_column(String(40))
    verschuldigd: Mapped[str] = mapped_column(String(32))  # the due moment or causing event
    onderwerp: Mapped[str] = mapped_column(String(200))
    tekst: Mapped[str] = mapped_column(Text)
    direct: Mapped[bool] = mapped_column(Boolean, default=False)
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    gelezen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verzonden: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pogingen: Mapped[int] = mapped_column(Integer, default=0)
    volgende_poging: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint(
            "leerling_id", "soort", "ontvanger_id", "verschuldigd", name="uq_melding_sleutel"
        ),
        Index("ix_melding_inbox", "ontvanger_id", "gelezen"),
        Index("ix_melding_outbox", "verzonden"),
    )

    @property
    def message_id(self) -> str:
        """From the unique key; `:` is not allowed in a Message-ID (RFC 5322 dot-atom), and
        a mail header parser cuts the id off there, so it becomes `-`."""
        sleutel = self.verschuldigd.replace(":", "-")
        return (
            f"<melding.{self.leerling_id}.{self.soort}.{self.ontvanger_id}.{sleutel}@stagetraject>"
        )


class Herinnering(Base):
    """A planned reminder (trajectory.domain.herinneringen): durable, so none is lost to a restart.

    Re-planned in the transaction of every transition or record that changes it; claimed when
    due by the scheduler job of any instance (`FOR UPDATE SKIP LOCKED` on PostgreSQL), which
    writes the notifications and marks it `gevuurd` in one transaction. `overbodig`: it was due,
    but what it warns about no longer held (the Entree pace was on track).
    """

    __tablename__ = "herinnering"
    id: Mapped[int] = mapped_column(primary_key=True)
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"))
    soort: Mapped[str] = mapped_column(String(40))
    verschuldigd: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="gepland")  # | gevuurd | overbodig
    # | afgehandeld (an owned reminder whose follow-ups were marked done after it fired)
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    geclaimd: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    gevuurd: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the one account an owned reminder is for (a logbook follow-up: who recorded it); NULL for
    # the timers addressed by role (migration 0019)
    eigenaar_id: Mapped[int | None] = mapped_column(
        ForeignKey("gebruiker.id", name="fk_herinnering_eigenaar")
    )

    __table_args__ = (
        # one reminder per leerling, kind and due date; an owned one per owner
        Index(
            "uq_herinnering_sleutel",
            "leerling_id",
            "soort",
            "verschuldigd",
            unique=True,
            sqlite_where=text("eigenaar_id IS NULL"),
            postgresql_where=text("eigenaar_id IS NULL"),
        ),
        Index(
            "uq_herinnering_eigenaar",
            "leerling_id",
            "soort",
            "verschuldigd",
            "eigenaar_id",
            unique=True,
            sqlite_where=text("eigenaar_id IS NOT NULL"),
            postgresql_where=text("eigenaar_id IS NOT NULL"),
        ),
        Index("ix_herinnering_due", "status", "verschuldigd"),
    )


class UitstroomTelling(Base):
    """Erased leavers, counted for the uitstroom report (trajectory.domain.uitstroommonitor
    `Bijdrage`): per cohort, category and the two outcomes, how many. No leerling id, no date:
    nothing that says who. Added to in the erasure's own transaction (usecases/bewaartermijn.py),
    migration 0018."""

    __tablename__ = "uitstroom_telling"
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort: Mapped[str] = mapped_column(String(9))  # the school year of leaving, '2024-2025'
    categorie: Mapped[str] = mapped_column(String(20))
    na_1_jaar: Mapped[str] = mapped_column(String(20))
    na_2_jaar: Mapped[str] = mapped_column(String(20))
    aantal: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint(
            "cohort", "categorie", "na_1_jaar", "na_2_jaar", name="uq_uitstroom_telling_sleutel"
        ),
    )


class Link(Base):
    """A personal link (issue #18, domain/links.py): one party's way in to one placement for
    one purpose. Only the SHA-256 of its token is kept. A link is never changed: revoking or
    replacing it is a `LinkIntrekking` row (migration 0023)."""

    __tablename__ = "link"
    id: Mapped[int] = mapped_column(primary_key=True)
    plaatsing_id: Mapped[int] = mapped_column(ForeignKey("plaatsing.id"))
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"), index=True)
    partij: Mapped[str] = mapped_column(String(20))
    doel: Mapped[str] = mapped_column(String(20))
    naam: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    praktijkbegeleider_id: Mapped[int | None] = mapped_column(Integer)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    aangemaakt_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    verloopt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_link_plaatsing_partij_doel", "plaatsing_id", "partij", "doel"),)


class LinkIntrekking(Base):
    """The end of a link before its time: `ingetrokken` by staff, or `vervangen` by a new link
    for the same (placement, party, purpose). At most one per link (migration 0023)."""

    __tablename__ = "link_intrekking"
    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("link.id"), unique=True)
    tijd: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    reden: Mapped[str] = mapped_column(String(20))  # ingetrokken | vervangen
    vervangen_door_id: Mapped[int | None] = mapped_column(Integer)


class LinkSessie(Base):
    """A browser that opened a link: the cookie holds a random token, this row its SHA-256 and
    the CSRF token of the link's forms. It lives as long as its link does (migration 0023)."""

    __tablename__ = "link_sessie"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("link.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    aangemaakt: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OvereenkomstDocument(Base):
    """A version of a placement's stage-overeenkomst as the PDF that was signed (issue #18,
    migration 0025): kept so an old signed version stays downloadable. A version is the
    contract record and the rooster record it was made from."""

    __tablename__ = "overeenkomst_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"))
    plaatsing_id: Mapped[int] = mapped_column(Integer)
    contract_id: Mapped[int] = mapped_column(Integer)
    rooster_id: Mapped[int | None] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    gemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_overeenkomst_document_plaatsing", "plaatsing_id", "contract_id"),)


class OvereenkomstScan(Base):
    """A scanned paper contract (PDF, PNG or JPEG, at most 10 MB) in the database, so backups
    hold it; the stagebegeleider declares the party it covers (a `papier` signature)."""

    __tablename__ = "overeenkomst_scan"
    id: Mapped[int] = mapped_column(primary_key=True)
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"))
    plaatsing_id: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(40))
    inhoud: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    grootte: Mapped[int] = mapped_column(Integer)
    door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    geupload_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_overeenkomst_scan_leerling", "leerling_id"),)


class OvereenkomstHandtekening(Base):
    """A signature of a contract version (issue #18, migration 0025): who (`naam`, `partij`,
    through which link or account), when, how (`wijze`: scherm, link, papier, overgenomen) and
    the SHA-256 of the exact PDF signed (none for `papier`/`overgenomen`). Never changed."""

    __tablename__ = "overeenkomst_handtekening"
    id: Mapped[int] = mapped_column(primary_key=True)
    leerling_id: Mapped[int] = mapped_column(ForeignKey("leerling.id"))
    plaatsing_id: Mapped[int] = mapped_column(Integer)
    contract_id: Mapped[int] = mapped_column(Integer)
    rooster_id: Mapped[int | None] = mapped_column(Integer)
    partij: Mapped[str] = mapped_column(String(20))
    naam: Mapped[str] = mapped_column(String(200))
    wijze: Mapped[str] = mapped_column(String(20))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    document_id: Mapped[int | None] = mapped_column(Integer)
    scan_id: Mapped[int | None] = mapped_column(Integer)
    link_id: Mapped[int | None] = mapped_column(Integer)
    door_id: Mapped[int | None] = mapped_column(Integer)
    getekend_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_overeenkomst_handtekening_leerling", "leerling_id"),)


class SchedulerLease(Base):
    """Who runs the scheduler's jobs for this deployment (issue #20): one row per lease, held by
    one process until `verloopt`; its holder renews it, and when the holder dies the lease
    lapses and another contender takes it (trajectory/store/lease.py, migration 0027).
    Operational state like a claim, not history: renewed in place, never audited."""

    __tablename__ = "scheduler_lease"
    naam: Mapped[str] = mapped_column(String(40), primary_key=True)
    houder: Mapped[str] = mapped_column(String(100))
    sinds: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    verloopt: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ImportTaak(Base):
    """A running or finished CSV import and how far it is (issue #20): in the database so every
    worker and instance can answer its progress page. Kept by the SHA-256 of the key in its URL,
    bound to the user and the login session (SHA-256 of its CSRF token) that started it;
    progress is written in place while it runs, and a task is deleted an hour after it began
    (service/importtaken.py, migration 0027)."""

    __tablename__ = "import_taak"
    sleutel_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    gebruiker_id: Mapped[int | None] = mapped_column(Integer)
    sessie_hash: Mapped[str] = mapped_column(String(64))
    totaal: Mapped[int] = mapped_column(Integer, default=0)
    gedaan: Mapped[int] = mapped_column(Integer, default=0)
    klaar: Mapped[bool] = mapped_column(Boolean, default=False)
    ids: Mapped[list[Any]] = mapped_column(default=list)
    fouten: Mapped[list[str]] = mapped_column(default=list)
    begonnen: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    bijgewerkt: Mapped[datetime] = mapped_column(DateTime(timezone=True))
