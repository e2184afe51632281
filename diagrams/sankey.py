"""Step two of the cohort picture: the flow between phases as an SVG flow diagram (Sankey-like).

Left the phase the leerlingen left, right the phase they went to, a band per pair whose width
is the number of leerlingen. Bipartite, so flows back (uitval, a fifth year) draw as plainly as
flows forward. Drawn in Python; presentation attributes only, as in diagrams/svg.py.
"""

from __future__ import annotations

from html import escape

from diagrams.stroom import Stroom
from diagrams.svg import LETTERTYPE, PALET

BREEDTE = 1000
LINKS_X = 250  # the left bars
RECHTS_X = 732  # the right bars
BALK = 18
BOVEN = 96
HOOGTE_STROOM = 520  # room for the bands
TUSSEN = 30  # between two phases in a column
MIN_SLEUF = 22  # a band's slot is at least one label high, so every count stays legible
MAX_EENHEID = 16.0  # pixels per leerling at most (a small klas)
LETTER = {"kop": 22, "uitleg": 16, "fase": 17, "getal": 16, "nu": 16}
UITLEG = "Breedte = aantal leerlingen dat van fase wisselde: links vanwaar, rechts waarheen."
LEEG = "Geen wissels tussen fasen in deze periode."
DONKER, GRIJS = "#1d2533", "#3b4656"

Paar = tuple[str, str]


def _t(
    x: float, y: float, tekst: str, soort: str, anker: str = "start", kleur: str = DONKER
) -> str:
    gewicht = "700" if soort in ("kop", "fase", "getal") else "400"
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{LETTER[soort]}" font-weight="{gewicht}" '
        f'text-anchor="{anker}" fill="{kleur}">{escape(tekst)}</text>'
    )


def _stapel(volgorde: list[Paar], sleuf: dict[Paar, float], fase_van: int) -> dict[Paar, float]:
    """The top of each pair's slot in a column: the phases in order (`fase_van` picks the
    side), a gap between phases."""
    y, boven, vorige = float(BOVEN), {}, None
    for paar in volgorde:
        if vorige is not None and paar[fase_van] != vorige:
            y += TUSSEN
        boven[paar] = y
        y += sleuf[paar]
        vorige = paar[fase_van]
    return boven


def _band(v: str, n: str, aantal: int, y0: float, y1: float, b: float, kleur: str) -> str:
    x0, x1 = LINKS_X + BALK, RECHTS_X
    xm = (x0 + x1) / 2
    return (
        f'<path class="band" data-van="{escape(v)}" data-naar="{escape(n)}" '
        f'data-aantal="{aantal}" d="M{x0},{y0:.1f} C{xm},{y0:.1f} {xm},{y1:.1f} {x1},{y1:.1f} '
        f'L{x1},{y1 + b:.1f} C{xm},{y1 + b:.1f} {xm},{y0 + b:.1f} {x0},{y0 + b:.1f} Z" '
        f'fill="{kleur}" fill-opacity="0.45" stroke="{kleur}" stroke-width="1"/>'
    )


def svg(stroom: Stroom) -> str:
    kleur = {fase: PALET[i % len(PALET)] for i, fase in enumerate(stroom.fasen)}
    orde = {fase: i for i, fase in enumerate(stroom.fasen)}
    aantal: dict[Paar, int] = {(v, n): a for v, n, a in stroom.wissels}
    totaal = sum(aantal.values())
    links = sorted(aantal, key=lambda p: (orde[p[0]], orde[p[1]]))
    rechts = sorted(aantal, key=lambda p: (orde[p[1]], orde[p[0]]))
    fasen = max(len({p[0] for p in links}), len({p[1] for p in links}), 1)
    eenheid = min(MAX_EENHEID, (HOOGTE_STROOM - TUSSEN * fasen) / totaal) if totaal else 0.0
    breedte = {p: max(1.5, a * eenheid) for p, a in aantal.items()}
    sleuf = {p: max(float(MIN_SLEUF), b) for p, b in breedte.items()}
    boven_l, boven_r = _stapel(links, sleuf, 0), _stapel(rechts, sleuf, 1)
    delen, labels = [], []
    for paar in links:
        b, s = breedte[paar], sleuf[paar]
        y0, y1 = boven_l[paar] + (s - b) / 2, boven_r[paar] + (s - b) / 2
        delen.append(_band(*paar, aantal[paar], y0, y1, b, kleur[paar[0]]))
        labels.append(
            _t(LINKS_X + BALK + 8, y0 + b / 2 + 6, f"{aantal[paar]} → {paar[1]}", "getal")
        )
    onder = float(BOVEN + 40)
    for x, boven, kant, anker in ((LINKS_X, boven_l, 0, "end"), (RECHTS_X, boven_r, 1, "start")):
        for fase in dict.fromkeys(p[kant] for p in boven):
            paren = [p for p in boven if p[kant] == fase]
            top = min(boven[p] for p in paren)
            hoogte = sum(sleuf[p] for p in paren)
            onder = max(onder, top + hoogte)
            delen.append(
                f'<rect x="{x}" y="{top:.1f}" width="{BALK}" height="{hoogte:.1f}" '
                f'fill="{kleur[fase]}"/>'
            )
            label_x = x - 10 if kant == 0 else x + BALK + 10
            tekst = f"{fase} ({sum(aantal[p] for p in paren)})"
            labels.append(_t(label_x, top + hoogte / 2 + 6, tekst, "fase", anker))
    if not aantal:
        labels.append(_t(BREEDTE / 2, BOVEN + 20, LEEG, "fase", "middle"))
    nu = " · ".join(f"{f} {n}" for f, n in stroom.nu)
    hoogte_svg = onder + 70
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stroomplaat" '
        f'viewBox="0 0 {BREEDTE} {hoogte_svg:.0f}" width="{BREEDTE}" height="{hoogte_svg:.0f}" '
        f'role="img" font-family="{LETTERTYPE}"><title>{escape(stroom.titel)}</title>'
        f"<desc>Links de fase die leerlingen verlieten, rechts waar ze heen gingen; de breedte "
        f"van een band is het aantal leerlingen ({totaal} wissels).</desc>"
        f'<rect width="{BREEDTE}" height="{hoogte_svg:.0f}" fill="#ffffff"/>'
        + _t(16, 34, stroom.titel, "kop")
        + _t(16, 62, UITLEG, "uitleg", kleur=GRIJS)
        + "".join(delen)
        + "".join(labels)
        + _t(16, onder + 44, f"Nu per fase: {nu}", "nu", kleur=GRIJS)
        + "</svg>"
    )
