"""School-policy warnings about a placement's hours: shown to staff, never blocking.

WVO art. 32 (beleidsplan 5.1): stage hours per school week at most 80 % of that week's
education hours while the partial leerplicht lasts; and the usual hours per leerjaar
(DOMAIN.md). Roosters are weekly patterns, so a week's share is the pattern's share. The other
WVO limit, "gedurende de cursusduur gemiddeld ten hoogste 50%", is judged over the school years
the leerling has had (leerjaar 1 up to the current one, this one to its end): every placement's
hours (the presentielijst, else its rooster over its school weeks, and a running or planned
placement's rooster to its end) against the education hours of those years (the calendar's
school weeks times `onderwijsuren_per_week`). Entree is mbo (its own 650 hours), not judged.
"""

from __future__ import annotations

from datetime import date, timedelta

from trajectory.domain.bedrijfsregels import erkend_op
from trajectory.domain.schooljaar import Kalender, laatste_dag
from trajectory.domain.snapshot import GELOPEN, Plaatsing, Snapshot
from trajectory.domain.tijdsduur import uren_tekst
from trajectory.domain.uren import schoolweken
from trajectory.guards.arbeidstijden import Werkdag, geldend_rooster, rooster_uit, te_beoordelen

# WVO art. 32: the share of a school week's education hours a stage may take (partial leerplicht)
MAX_AANDEEL_STAGE = 0.8
# WVO art. 32 lid 2: over the course, on average, at most this share of the education hours
MAX_AANDEEL_CURSUS = 0.5


def einde_partiele_leerplicht(s: Snapshot) -> date:
    """End of the school year in which the leerling turns 17 (Leerplichtwet, partiële
    leerplicht: one school year after the full leerplicht, which ends in the year of 16)."""
    return laatste_dag(s.wordt(17))


def _aanwezig(dag: Werkdag) -> float:
    """Hours at the company including pauses, as the beleidsplan counts a stage day."""
    return dag.uren + sum(dag.pauzes) / 60


def verwachte_soort(s: Snapshot, plaatsing: Plaatsing) -> str:
    """The kind of stage a placement is, or, still planned, will be at `stage_starten` (lj 3:
    individuele stage, lj 4 and 5: verdieping, Entree)."""
    if plaatsing.soort != "gepland":
        return plaatsing.soort
    return {"4": "verdieping", "5": "verdieping", "entree": "entree"}.get(
        s.leerjaar, "individuele_stage"
    )


def _soort(s: Snapshot, plaatsing: Plaatsing) -> str:
    if plaatsing.status == "lopend":
        return plaatsing.soort
    return verwachte_soort(s, plaatsing._replace(soort="gepland"))  # judged as if planned


def _getal(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _langste(dagen: dict[int, Werkdag]) -> tuple[float, str]:
    """The longest day as the usual hours count it (at the company, pauses included), and in
    words that give its working time first, the figure a refusal of the rooster names."""
    dag = max(dagen.values(), key=_aanwezig, default=None)
    if dag is None:
        return 0.0, "geen"
    if not dag.pauzes:
        return dag.uren, uren_tekst(dag.uren)
    return _aanwezig(dag), f"{uren_tekst(dag.uren)} werk ({uren_tekst(_aanwezig(dag))} met pauze)"


def _gebruikelijk(s: Snapshot, plaatsing: Plaatsing, dagen: dict[int, Werkdag]) -> list[str]:
    soort, aantal = _soort(s, plaatsing), len(dagen)
    langste, langste_tekst = _langste(dagen)
    per_week = sum(d.uren for d in dagen.values())
    if soort == "individuele_stage":
        eerder = sum(
            1 for p in s.plaatsingen if p.soort == "individuele_stage" and p.status == "afgerond"
        )
        uren = 5 if eerder == 0 else 6
        stage = "stage I" if eerder == 0 else "stage II"
        if aantal > 2 or langste > uren:
            return [
                f"Gebruikelijk in leerjaar 3 ({stage}): 2 dagen van {uren} uur; "
                f"dit rooster heeft {aantal} dagen, de langste {langste_tekst}."
            ]
    elif soort == "verdieping" and (aantal > 3 or langste > 7):
        return [
            f"Gebruikelijk in leerjaar 4 en 5: 3 dagen van 6 à 7 uur; dit rooster heeft "
            f"{aantal} dagen, de langste {langste_tekst}."
        ]
    elif soort == "entree":
        meldingen = []
        if aantal > 3:
            meldingen.append(f"Gebruikelijk in Entree: 3 stagedagen; dit rooster heeft {aantal}.")
        if per_week < s.beleid.entree_uren_per_week:
            meldingen.append(
                f"Entree vraagt minstens {_getal(s.beleid.entree_uren_per_week)} uur per week; "
                f"dit rooster heeft {uren_tekst(per_week)}: "
                f"de {_getal(s.beleid.entree_uren_examen)} uur komen in gevaar."
            )
        return meldingen
    return []


def stage_uren_tot_einde(s: Snapshot, op: date, kalender: Kalender) -> float:
    """Every placement's stage hours: registered ones, else the rooster over the placement's
    school weeks; a running or planned placement adds its rooster up to its end."""
    totaal = 0.0
    for p in s.plaatsingen:
        if p.status not in (*GELOPEN, "gepland"):
            continue
        rooster = geldend_rooster(s, p)
        dagen = rooster_uit(rooster.data.get("dagen") or {}) if rooster else {}
        per_week = sum(d.uren for d in dagen.values())
        einde = (p.einddatum or kalender.einde(op)) + timedelta(days=1)
        geregistreerd = s.records_van("uren", plaatsing_id=p.id)
        vanaf = p.startdatum
        if geregistreerd:
            totaal += sum(float(r.data.get("uren", 0)) for r in geregistreerd)
            vanaf = max(max(r.datum for r in geregistreerd) + timedelta(days=1), op)
        if p.status in ("lopend", "gepland") or not geregistreerd:
            totaal += per_week * schoolweken(kalender, vanaf, einde)
    return totaal


def cursus_boven_de_helft(s: Snapshot, op: date, kalender: Kalender) -> str | None:
    """WVO art. 32 lid 2, over the school years the leerling has had (this one to its end)."""
    if not s.leerjaar.isdigit():
        return None  # Entree: mbo, the 650 hours of its own opleiding
    jaren = int(s.leerjaar)
    jaar = kalender.schooljaar(op)
    onderwijs = (
        jaren
        * s.beleid.onderwijsuren_per_week
        * schoolweken(kalender, jaar.start, jaar.einde + timedelta(days=1))
    )
    stage = stage_uren_tot_einde(s, op, kalender)
    if onderwijs <= 0 or stage <= MAX_AANDEEL_CURSUS * onderwijs:
        return None
    return (
        f"Over de {jaren} schooljaren van de leerling komt de stage op {uren_tekst(stage)}, "
        f"{_getal(100 * stage / onderwijs)}% van de {uren_tekst(onderwijs)} onderwijs; "
        "gemiddeld over de "
        f"cursusduur mag dat hoogstens {MAX_AANDEEL_CURSUS:.0%} zijn (WVO art. 32)."
    )


def zonder_erkenning(s: Snapshot, plaatsing: Plaatsing) -> str | None:
    """A PrO stage (not Entree, which the guard `erkend_leerbedrijf` refuses) at a company of
    the register without an SBB erkenning for its sector on its start date: allowed, warned
    before it starts (issue #17). A dagbestedingsinstantie is no leerbedrijf: not warned."""
    if (
        plaatsing.status != "gepland"
        or _soort(s, plaatsing) == "entree"
        or plaatsing.dagbesteding
        or plaatsing.stagebedrijf_id is None
        or erkend_op(
            plaatsing.erkenning_geldig_tot,
            plaatsing.erkenning_sectoren,
            plaatsing.sector,
            plaatsing.startdatum,
        )
    ):
        return None
    return (
        f"{plaatsing.bedrijf} heeft op de startdatum ({plaatsing.startdatum:%d-%m-%Y}) geen "
        "geldige SBB-erkenning voor de sector van deze stage; een PrO-stage mag daar, maar "
        "kijk of de begeleiding op de werkplek goed geregeld is."
    )


def waarschuwingen(s: Snapshot, op: date, kalender: Kalender | None = None) -> list[str]:
    """The warnings of the placement whose rooster is judged; the 50 % over the course only
    with a `kalender` (its school weeks give the education hours). A PrO stage at a company
    without erkenning is warned about whether or not its rooster is known."""
    plaatsing = te_beoordelen(s)
    if plaatsing is None or plaatsing.soort == "groepsstage":
        return []
    erkenning = zonder_erkenning(s, plaatsing)
    rooster = geldend_rooster(s, plaatsing)
    if rooster is None:
        return [erkenning] if erkenning else []
    dagen = rooster_uit(rooster.data.get("dagen") or {})
    per_week = sum(d.uren for d in dagen.values())
    onderwijs = s.beleid.onderwijsuren_per_week
    meldingen = []
    if op <= einde_partiele_leerplicht(s) and per_week > MAX_AANDEEL_STAGE * onderwijs:
        meldingen.append(
            f"{uren_tekst(per_week)} stage per week is meer dan "
            f"{MAX_AANDEEL_STAGE:.0%} van de "
            f"{_getal(onderwijs)} onderwijsuren; zolang de partiële leerplicht loopt mag dat niet."
        )
    cursus = cursus_boven_de_helft(s, op, kalender) if kalender is not None else None
    return (
        meldingen
        + ([cursus] if cursus else [])
        + _gebruikelijk(s, plaatsing, dagen)
        + ([erkenning] if erkenning else [])
    )
