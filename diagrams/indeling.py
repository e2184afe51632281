"""The layout of a state picture, computed in Python: no Graphviz needed, legible on a projector.

Phases are bands from top to bottom (the clusters), each state a box in its band with its steps
written inside it as text ("Stage starten → Individuele stage", then its conditions). The
arrows run from a step's line to the state it leads to through lanes on the right, so no arrow
crosses a box and no label sits on a line. Plain data out (rectangles, text lines, polylines);
`diagrams/svg.py` writes it as SVG.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# sizes in SVG user units, which are CSS pixels when the picture is shown at its own width
LETTER = {"kop": 22, "fase": 17, "titel": 18, "stap": 16, "voorwaarde": 15}
REGEL = {"kop": 34, "fase": 26, "titel": 28, "stap": 21, "voorwaarde": 19}
TEKENBREEDTE = 0.52  # a wide average letter width of our sans-serif (600 weight), per size unit
MARGE = 12
BAND_BINNEN = 12  # between a band's edge and its boxes
VAK_X = MARGE + BAND_BINNEN
VAK_BREEDTE = 640
VAK_BINNEN = 12
COMPACT_BINNEN = 4
TUSSEN_VAKKEN = 8
TUSSEN_BANDEN = 14
LUS = 12  # a step back into its own state: a small loop just right of the box
BAAN_START = 32  # the first lane, right of the boxes
BAAN_AFSTAND = 15


@dataclass(frozen=True)
class Stapregel:
    """A step written in its source box. `sleutel` (trigger, van, naar) draws an arrow to
    `naar` when that state is in the picture; None for text only (a refused step)."""

    kop: str
    toelichting: str = ""
    stijl: str = "gewoon"  # gewoon | genomen | mogelijk | geblokkeerd | geweigerd
    sleutel: tuple[str, str, str] | None = None


@dataclass(frozen=True)
class Vak:
    state: str
    titel: str
    stijl: str = "gewoon"  # gewoon | bezocht | huidig | doel
    stappen: tuple[Stapregel, ...] = ()


@dataclass(frozen=True)
class Schets:
    """What to draw: a title, and the phases in order with the boxes to show in each."""

    titel: str
    fasen: tuple[tuple[str, tuple[Vak, ...]], ...]


@dataclass(frozen=True)
class Tekst:
    x: float
    y: float  # the baseline
    tekst: str
    soort: str  # a key of LETTER
    stijl: str = "gewoon"


@dataclass(frozen=True)
class Rechthoek:
    x: float
    y: float
    breedte: float
    hoogte: float


@dataclass
class GeplaatstVak:
    vak: Vak
    kader: Rechthoek
    teksten: list[Tekst] = field(default_factory=list)
    titel_y: float = 0.0  # where arrows into this state end
    stap_y: list[float] = field(default_factory=list)  # where each step's arrow starts


@dataclass(frozen=True)
class GeplaatstePijl:
    sleutel: tuple[str, str, str]
    punten: tuple[tuple[float, float], ...]
    stijl: str


@dataclass(frozen=True)
class Band:
    fase: str
    kader: Rechthoek
    kop: Tekst


@dataclass(frozen=True)
class Tekening:
    breedte: float
    hoogte: float
    titel: Tekst
    banden: tuple[Band, ...]
    vakken: tuple[GeplaatstVak, ...]
    pijlen: tuple[GeplaatstePijl, ...]


def afbreken(tekst: str, soort: str, breedte: float) -> list[str]:
    """The text in lines that fit `breedte` at the size of `soort` (an estimate that errs
    on the wide side, so a line never runs out of its box)."""
    per_regel = max(8, int(breedte / (LETTER[soort] * TEKENBREEDTE)))
    regels: list[str] = []
    huidig = ""
    for woord in tekst.split(" "):
        if huidig and len(huidig) + 1 + len(woord) > per_regel:
            regels.append(huidig)
            huidig = woord
        else:
            huidig = f"{huidig} {woord}" if huidig else woord
    return [*regels, huidig] if huidig else regels


def _plaats_vak(vak: Vak, y: float) -> GeplaatstVak:
    x = VAK_X + VAK_BINNEN
    binnen = VAK_BREEDTE - 2 * VAK_BINNEN
    rand = COMPACT_BINNEN if vak.stijl == "bezocht" else VAK_BINNEN  # a path's past: compact
    geplaatst = GeplaatstVak(vak, Rechthoek(VAK_X, y, VAK_BREEDTE, 0))
    y += rand
    for regel in afbreken(vak.titel, "titel", binnen):
        y += REGEL["titel"]
        geplaatst.teksten.append(Tekst(x, y - 8, regel, "titel", vak.stijl))
    geplaatst.titel_y = y - REGEL["titel"] / 2 - 2
    for stap in vak.stappen:
        y += 4
        eerste = True
        for regel in afbreken(stap.kop, "stap", binnen):
            y += REGEL["stap"]
            if eerste:
                geplaatst.stap_y.append(y - REGEL["stap"] / 2 + 1)
                eerste = False
            geplaatst.teksten.append(Tekst(x, y - 5, regel, "stap", stap.stijl))
        for regel in afbreken(stap.toelichting, "voorwaarde", binnen - 16):
            y += REGEL["voorwaarde"]
            geplaatst.teksten.append(Tekst(x + 16, y - 5, regel, "voorwaarde", stap.stijl))
    y += rand
    geplaatst.kader = Rechthoek(VAK_X, geplaatst.kader.y, VAK_BREEDTE, y - geplaatst.kader.y)
    return geplaatst


def _banen(spannen: list[tuple[float, float]]) -> list[int]:
    """A lane per arrow: the shortest spans nearest the boxes, lanes shared where the spans
    do not overlap (so the picture stays narrow)."""
    volgorde = sorted(range(len(spannen)), key=lambda i: (spannen[i][1] - spannen[i][0], i))
    bezet: list[list[tuple[float, float]]] = []
    baan = [0] * len(spannen)
    for i in volgorde:
        laag, hoog = spannen[i]
        for nummer, lijst in enumerate(bezet):
            if all(hoog + 6 < a or laag - 6 > b for a, b in lijst):
                lijst.append((laag, hoog))
                baan[i] = nummer
                break
        else:
            bezet.append([(laag, hoog)])
            baan[i] = len(bezet) - 1
    return baan


def indeel(schets: Schets) -> Tekening:
    """Place the bands, boxes and arrows of a sketch."""
    titel = Tekst(MARGE, MARGE + REGEL["kop"] - 8, schets.titel, "kop")
    y: float = MARGE + REGEL["kop"] + 6
    banden: list[Band] = []
    vakken: list[GeplaatstVak] = []
    for fase, fase_vakken in schets.fasen:
        boven = y
        kop = Tekst(VAK_X, y + REGEL["fase"] - 6, fase, "fase")
        y += REGEL["fase"] + 4
        for vak in fase_vakken:
            geplaatst = _plaats_vak(vak, y)
            vakken.append(geplaatst)
            y += geplaatst.kader.hoogte + TUSSEN_VAKKEN
        y += BAND_BINNEN - TUSSEN_VAKKEN
        banden.append(
            Band(fase, Rechthoek(MARGE, boven, VAK_BREEDTE + 2 * BAND_BINNEN, y - boven), kop)
        )
        y += TUSSEN_BANDEN
    pijlen = _pijlen(vakken)
    rechts = max((x for p in pijlen for x, _ in p.punten), default=VAK_X + VAK_BREEDTE)
    breedte = max(rechts + MARGE, MARGE * 2 + VAK_BREEDTE + 2 * BAND_BINNEN)
    breedte = max(breedte, MARGE + len(schets.titel) * LETTER["kop"] * TEKENBREEDTE + MARGE)
    return Tekening(breedte, y - TUSSEN_BANDEN + MARGE, titel, tuple(banden), tuple(vakken), pijlen)


def _pijlen(vakken: list[GeplaatstVak]) -> tuple[GeplaatstePijl, ...]:
    doel = {v.vak.state: v for v in vakken}
    rechts = VAK_X + VAK_BREEDTE
    lussen: list[GeplaatstePijl] = []
    lang: list[tuple[tuple[str, str, str], float, float, str]] = []
    for vak in vakken:
        for stap, y in zip(vak.vak.stappen, vak.stap_y, strict=True):
            if stap.sleutel is None or stap.sleutel[2] not in doel:
                continue
            naar_y = doel[stap.sleutel[2]].titel_y
            if stap.sleutel[2] == vak.vak.state:
                punten = ((rechts, y), (rechts + LUS, y), (rechts + LUS, naar_y), (rechts, naar_y))
                lussen.append(GeplaatstePijl(stap.sleutel, punten, stap.stijl))
            else:
                lang.append((stap.sleutel, y, naar_y, stap.stijl))
    banen = _banen([(min(a, b), max(a, b)) for _, a, b, _ in lang])
    lange = tuple(
        GeplaatstePijl(
            sleutel,
            ((rechts, van), (x, van), (x, naar), (rechts, naar)),
            stijl,
        )
        for (sleutel, van, naar, stijl), baan in zip(lang, banen, strict=True)
        for x in [rechts + BAAN_START + baan * BAAN_AFSTAND]
    )
    return (*lussen, *lange)
