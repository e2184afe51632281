"""One rule, one place: a policy number or date is written once, where it lives.

The school year's start lives in the calendar (`trajectory/domain/schooljaar.py`), every policy
number in `Beleid` (`trajectory/domain/snapshot.py`, resolved per trajectory version by
`trajectory/domain/beleid.py`). These tests read the source as Python (comments and docstrings
do not count) and fail where such a number or date is written again. The migrations are frozen
history and are not read; the demo school's story dates and counts are not policy, so the
checks of dates and bare numbers skip it (its comparisons are still read).
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

from trajectory.domain.beleid import beleid_voor
from trajectory.domain.records import PlanEvaluatie
from trajectory.domain.snapshot import Beleid
from trajectory.guards.arbeidstijden import MINIMUM_LEEFTIJD
from trajectory.machines import STATES, VERVOLG_NA_ALTERNATIEF
from trajectory.machines.versies import DEFINITIES

ROOT = Path(__file__).resolve().parents[2]
KALENDER = "trajectory/domain/schooljaar.py"
BELEID = "trajectory/domain/snapshot.py"
MAANDEN = ("month", "maand")
# yearly dates that are not school policy: a birthday or anniversary on 29 February
SCHRIKKELDAGEN = {("trajectory/domain/snapshot.py", 3, 1), ("trajectory/usecases/timers.py", 2, 28)}
# a comparison with the number of a Beleid field, on a value whose code mentions one of its
# words, or a call of a function so named with that number, is the field's rule written again
KENMERKEN: dict[str, tuple[str, ...]] = {
    "minimum_leeftijd_stage": ("leeftijd",),
    "groepsstage_plaatsen_per_dagdeel": ("bezet", "plaatsen"),
    "max_fietsafstand_km": ("afstand",),
    "onderwijsuren_per_week": ("onderwijs",),
    "entree_uren_per_week": ("per_week",),
    "entree_uren_examen": ("uren",),
    "perioden_verdieping": ("perioden",),
    "praktijkopdrachten_per_periode": ("opdracht",),
    "nazorg_jaren": ("jaren", "jaar_na"),
}


def _bronnen(*, met_demo: bool = True) -> Iterator[tuple[str, ast.AST]]:
    for map in ("trajectory", "service"):
        for pad in sorted((ROOT / map).rglob("*.py")):
            naam = pad.relative_to(ROOT).as_posix()
            if "/migrations/" in naam or (not met_demo and naam.startswith("trajectory/demo/")):
                continue
            yield naam, ast.parse(pad.read_text(encoding="utf-8"), filename=naam)


def _getal(node: ast.AST) -> float | None:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)
    return None


def _getallen(node: ast.AST) -> list[float]:
    """The number itself, or the numbers of a literal tuple, list or set."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [g for e in node.elts if (g := _getal(e)) is not None]
    g = _getal(node)
    return [] if g is None else [g]


def _noemt_maand(node: ast.AST) -> bool:
    return any(
        (isinstance(n, ast.Attribute) and n.attr in MAANDEN)
        or (isinstance(n, ast.Name) and n.id in MAANDEN)
        for n in ast.walk(node)
    )


def _functienaam(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _vergelijkingen(tree: ast.AST) -> Iterator[tuple[ast.Compare, list[ast.expr]]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            yield node, [node.left, *node.comparators]


def _schooljaargrenzen(naam: str, tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple) and [_getal(e) for e in node.elts] == [8, 1]:
            yield f"{naam}:{node.lineno} (8, 1)"
        if (
            isinstance(node, ast.Call)
            and len(node.args) >= 3
            and [_getal(a) for a in node.args[1:3]] == [8, 1]
        ):
            yield f"{naam}:{node.lineno} {ast.unparse(node)}"
    for node, delen in _vergelijkingen(tree):
        if any(8 in _getallen(d) for d in delen) and any(_noemt_maand(d) for d in delen):
            yield f"{naam}:{node.lineno} {ast.unparse(node)}"


def test_het_begin_van_het_schooljaar_staat_alleen_in_de_kalender():
    gevonden = [g for naam, tree in _bronnen() for g in _schooljaargrenzen(naam, tree)]
    assert len(gevonden) == 1, gevonden
    assert gevonden[0].startswith(f"{KALENDER}:"), gevonden


def test_een_datum_die_elk_jaar_terugkomt_vraagt_de_kalender_of_het_beleid():
    """E.g. `date(jaar, 12, 1)` or `op.month >= 5` in a guard: the month belongs in `Beleid`
    (or, for the school year itself, in the calendar)."""
    gevonden = []
    for naam, tree in _bronnen(met_demo=False):
        if naam == KALENDER:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            functie = _functienaam(node)
            vast = [_getal(a) for a in node.args[1:3]]
            jaarlijks = (
                functie in ("date", "datetime")
                and len(node.args) >= 3
                and _getal(node.args[0]) is None
                and None not in vast
                and (naam, *vast) not in SCHRIKKELDAGEN
            )
            kalender = functie.startswith("in_") and any(
                _getal(a) is not None for a in node.args[1:]
            )
            if jaarlijks or kalender:
                gevonden.append(f"{naam}:{node.lineno} {ast.unparse(node)}")
        for node, delen in _vergelijkingen(tree):
            if any(_getallen(d) for d in delen) and any(_noemt_maand(d) for d in delen):
                gevonden.append(f"{naam}:{node.lineno} {ast.unparse(node)}")
    assert gevonden == []


def test_de_uren_voor_het_examen_en_per_week_staan_eenmaal_in_het_beleid():
    for veld in ("entree_uren_examen", "entree_uren_per_week"):
        waarde = getattr(Beleid(), veld)
        gevonden = [
            f"{naam}:{node.lineno}"
            for naam, tree in _bronnen(met_demo=False)
            for node in ast.walk(tree)
            if _getal(node) == waarde
        ]
        assert len(gevonden) == 1, (veld, gevonden)
        assert gevonden[0].startswith(f"{BELEID}:"), (veld, gevonden)


def _vergelijkingen_en_aanroepen(tree: ast.AST) -> Iterator[tuple[ast.AST, set[float], str]]:
    """Comparisons: the numbers and the code of the other operands; calls: the numbers among
    the arguments and the function's name."""
    for node, delen in _vergelijkingen(tree):
        getallen = {g for d in delen for g in _getallen(d)}
        yield node, getallen, " ".join(ast.unparse(d) for d in delen if not _getallen(d))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            argumenten = [*node.args, *(k.value for k in node.keywords)]
            yield node, {g for a in argumenten for g in _getallen(a)}, _functienaam(node)


def test_geen_regel_gebruikt_een_beleidsgetal_buiten_het_beleid():
    """`leeftijd < 14`, `bezetting < 5`, `jaren_later(vertrek, 2)`: read `s.beleid` instead."""
    standaard = Beleid()
    gevonden = []
    for naam, tree in _bronnen():
        if naam == BELEID:
            continue
        for node, getallen, tekst in _vergelijkingen_en_aanroepen(tree):
            for veld, woorden in KENMERKEN.items():
                if float(getattr(standaard, veld)) in getallen and any(w in tekst for w in woorden):
                    gevonden.append(f"{naam}:{node.lineno} {ast.unparse(node)} ({veld})")
    assert gevonden == []


def _met_naam(tree: ast.AST, naam: str = "") -> Iterator[tuple[str, ast.AST]]:
    """Every node with the name of the function or assignment it is written in."""
    for kind in ast.iter_child_nodes(tree):
        if isinstance(kind, ast.FunctionDef | ast.ClassDef):
            eigen = kind.name
        elif isinstance(kind, ast.Assign | ast.AnnAssign):
            doelen = kind.targets if isinstance(kind, ast.Assign) else [kind.target]
            eigen = " ".join(ast.unparse(d) for d in doelen)
        else:
            eigen = naam
        yield eigen, kind
        yield from _met_naam(kind, eigen)


def test_het_bezoekinterval_staat_alleen_in_het_beleid():
    weken = {Beleid().bezoek_interval_weken, Beleid().bezoek_interval_weken_ondersteuning}
    dagen = {7 * w for w in weken}
    gevonden = [
        f"{naam}:{node.lineno} {ast.unparse(node)}"
        for naam, tree in _bronnen(met_demo=False)
        for waar, node in _met_naam(tree)
        if isinstance(node, ast.Call) and "bezoek" in (waar + ast.unparse(node)).lower()
        for k in node.keywords
        for getal in map(_getal, ast.walk(k.value))
        if (k.arg == "weeks" and getal in weken) or (k.arg in ("days", "dagen") and getal in dagen)
    ]
    assert gevonden == []


def test_elk_beleidsgetal_heeft_een_standaard_in_het_beleid():
    """The table above speaks of real fields (a renamed field must not silence it)."""
    velden = {f.name for f in dataclasses.fields(Beleid)}
    assert set(KENMERKEN) <= velden


def _is_literal_type(node: ast.AST) -> bool:
    return isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("Literal")


def test_een_groep_toestanden_staat_alleen_naast_de_machine():
    """A tuple of states written out elsewhere drifts from PHASES: name the group in
    `machines/definition.py` (a pydantic `Literal` must spell its values: tested below)."""
    gevonden = []
    for naam, tree in _bronnen():
        if naam == "trajectory/machines/definition.py":
            continue
        in_literal = {id(e) for n in ast.walk(tree) if _is_literal_type(n) for e in ast.walk(n)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Tuple | ast.List | ast.Set)
                and id(node) not in in_literal
                and len(node.elts) >= 2
                and all(isinstance(e, ast.Constant) and e.value in STATES for e in node.elts)
            ):
                gevonden.append(f"{naam}:{node.lineno} {ast.unparse(node)}")
    assert gevonden == []


def test_de_keuzes_na_een_alternatief_programma_zijn_die_van_de_machine():
    keuzes = PlanEvaluatie.model_fields["vervolg"].annotation
    assert get_args(keuzes) == VERVOLG_NA_ALTERNATIEF


def test_geen_trajectversie_laat_een_leerling_jonger_dan_de_wet_op_stage():
    for versie in DEFINITIES:
        assert beleid_voor(versie).minimum_leeftijd_stage >= MINIMUM_LEEFTIJD
