"""Groepsstage: who goes there, the 5 places per dagdeel, and the way out (beleidsplan 3)."""

from __future__ import annotations

from datetime import date

from trajectory.domain.snapshot import DAGDELEN, Snapshot
from trajectory.guards.verdict import guard

REDENEN_GROEPSSTAGE = ("sociaal_emotioneel", "nt2")

BASISWERKNEMERSVAARDIGHEDEN = (
    "op_tijd_komen",
    "omgaan_met_werkdruk",
    "volhouden_inzet_tonen",
    "samenwerken",
    "omgaan_met_collegas",
    "omgaan_met_autoriteit",
    "nakomen_van_afspraken",
    "voor_jezelf_opkomen",
    "stellen_van_vragen",
    "klantencontact",
)
OPVANG_DAGDELEN_LJ45 = ("do_ochtend", "do_middag", "vr_ochtend", "vr_middag")
# the guards that read `Snapshot.groepsstage_bezetting`: only for a state with a step guarded by
# one of these does loading a leerling count the occupancy (a test keeps this list complete)
PLAATS_VRIJ = "groepsstage_plaats_vrij"
LEZEN_BEZETTING = frozenset({PLAATS_VRIJ})


def gekozen_dagdelen(s: Snapshot) -> tuple[str, ...]:
    """The dagdelen asked for in this step (advies or opvang), newest record first."""
    kind = "opvang" if s.state == "uitgevallen" else "voorlopig_advies"
    record = s.laatste(kind)
    return tuple(record.data.get("dagdelen") or ()) if record else ()


def dagdeel_label(dagdeel: str) -> str:
    return dagdeel.replace("_", "-")


@guard
def reden_groepsstage_geldig(s: Snapshot, op: date) -> str | None:
    advies = s.laatste("voorlopig_advies", advies="groepsstage")
    reden = advies.data.get("reden") if advies else None
    if reden not in REDENEN_GROEPSSTAGE:
        return (
            "Groepsstage is bedoeld voor leerlingen die sociaal-emotioneel nog niet klaar zijn "
            "voor een reguliere stage, of voor NT2-leerlingen; leg een van die redenen vast."
        )
    return None


@guard
def groepsstage_plaats_vrij(s: Snapshot, op: date) -> str | None:
    """Beleidsplan 3: 'maar een beperkt aantal plaatsen per dagdeel beschikbaar (5 per dagdeel)'."""
    dagdelen = gekozen_dagdelen(s)
    if not dagdelen:
        return "Er zijn geen dagdelen voor de groepsstage gekozen."
    onbekend = [d for d in dagdelen if d not in DAGDELEN]
    if onbekend:
        return "Onbekend dagdeel: " + ", ".join(onbekend) + "."
    maximum = s.beleid.groepsstage_plaatsen_per_dagdeel
    vol = [d for d in dagdelen if s.groepsstage_bezetting.get(d, 0) >= maximum]
    if vol:
        return (
            "De groepsstage is vol op "
            + ", ".join(dagdeel_label(d) for d in vol)
            + f" (maximaal {maximum} leerlingen per dagdeel)."
        )
    return None


@guard
def opvang_op_juiste_dagdelen(s: Snapshot, op: date) -> str | None:
    """Opvang na uitval: lj 3 op de stagedagen, lj 4/5 op donderdag en vrijdag."""
    dagdelen = gekozen_dagdelen(s)
    if not dagdelen:
        return "Er zijn geen dagdelen voor de opvang in de groepsstage gekozen."
    if s.leerjaar == "3":
        vorige = next((p for p in reversed(s.plaatsingen) if p.status == "afgebroken"), None)
        toegestaan = vorige.dagdelen if vorige else ()
        uitleg = "de stagedagen van de afgebroken stage"
    elif s.leerjaar in ("4", "5"):
        toegestaan, uitleg = OPVANG_DAGDELEN_LJ45, "donderdag en vrijdag"
    else:
        return f"Opvang in de groepsstage is er voor leerjaar 3, 4 en 5, niet voor {s.leerjaar}."
    fout = [d for d in dagdelen if d not in toegestaan]
    if fout:
        return (
            "Opvang kan alleen op "
            + uitleg
            + "; niet op "
            + ", ".join(dagdeel_label(d) for d in fout)
            + "."
        )
    return None


@guard
def basisvaardigheden_voldoende(s: Snapshot, op: date) -> str | None:
    record = s.laatste("basisvaardigheden")
    if record is None:
        return "De tien basiswerknemersvaardigheden zijn nog niet beoordeeld."
    scores = record.data.get("vaardigheden") or {}
    niet = [v for v in BASISWERKNEMERSVAARDIGHEDEN if scores.get(v) != "voldoende"]
    if niet:
        return "Nog niet voldoende: " + ", ".join(v.replace("_", " ") for v in niet) + "."
    return None


@guard
def overleg_ouders_positief(s: Snapshot, op: date) -> str | None:
    overleg = s.laatste("overleg", met="ouders_mentor_stagebegeleider")
    if overleg is None:
        return "Het overleg met ouders, mentor en stagebegeleider is nog niet vastgelegd."
    if overleg.data.get("uitkomst") != "positief":
        return "Het overleg met ouders, mentor en stagebegeleider was niet positief."
    return None
