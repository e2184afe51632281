"""Write a laid-out picture (diagrams/indeling.py) as SVG text.

Only presentation attributes, no `<style>` and no script: the same text works as a file, as an
`<img>`, and inline in a page under the Content-Security-Policy (style-src 'self'). Every box
carries `data-toestand` and every arrow `data-pijl`, so a page or a test can find them.
"""

from __future__ import annotations

from html import escape

from diagrams.indeling import LETTER, GeplaatstePijl, GeplaatstVak, Tekening, Tekst

LETTERTYPE = "Segoe UI, Helvetica, Arial, sans-serif"
VAK = {  # fill, line, line width
    "gewoon": ("#ffffff", "#5f6b7a", 1.5),
    "bezocht": ("#dbe8f7", "#1f5fa8", 2),
    "huidig": ("#fde2df", "#b3261e", 4),
    "doel": ("#ffffff", "#5f6b7a", 1.5),
}
TEKSTKLEUR = {
    "gewoon": "#1d2533",
    "genomen": "#174a85",
    "mogelijk": "#1b5e20",
    "geblokkeerd": "#4f5663",
    "geweigerd": "#8c1d18",
    "doorgezet": "#7a4300",
}
PIJL = {  # colour, width, dashes
    "genomen": ("#1f5fa8", 3.0, ""),
    "mogelijk": ("#2e7d32", 2.5, ""),
    "geblokkeerd": ("#7d8594", 2.0, "6,4"),
    "geweigerd": ("#b3261e", 2.0, "6,4"),
    "doorgezet": ("#b36200", 3.0, ""),
}
# the arrows of the whole trajectory: each its own colour, also on its step's marker
PALET = ("#1f5fa8", "#2e7d32", "#8e24aa", "#c15c00", "#00838f", "#6d4c41", "#ad1457", "#455a64")
GEWICHT = {"kop": "700", "fase": "700", "titel": "700", "stap": "600", "voorwaarde": "400"}


def _tekst(t: Tekst, kleur: str | None = None) -> str:
    vul = kleur or TEKSTKLEUR.get(t.stijl, TEKSTKLEUR["gewoon"])
    return (
        f'<text x="{t.x:.1f}" y="{t.y:.1f}" font-size="{LETTER[t.soort]}" '
        f'font-weight="{GEWICHT[t.soort]}" fill="{vul}">{escape(t.tekst)}</text>'
    )


def _vak(v: GeplaatstVak) -> str:
    vul, lijn, dikte = VAK[v.vak.stijl]
    k = v.kader
    teksten = "".join(_tekst(t, "#1d2533" if t.soort == "titel" else None) for t in v.teksten)
    return (
        f'<g class="toestand {v.vak.stijl}" data-toestand="{escape(v.vak.state)}">'
        f'<rect x="{k.x:.1f}" y="{k.y:.1f}" width="{k.breedte:.1f}" height="{k.hoogte:.1f}" '
        f'rx="6" fill="{vul}" stroke="{lijn}" stroke-width="{dikte}"/>{teksten}</g>'
    )


def _kleur(p: GeplaatstePijl, i: int) -> tuple[str, float, str]:
    return PIJL.get(p.stijl, (PALET[i % len(PALET)], 2.0, ""))


def _pijl(p: GeplaatstePijl, i: int) -> str:
    kleur, dikte, streep = _kleur(p, i)
    punten = " ".join(f"{x:.1f},{y:.1f}" for x, y in p.punten)
    x, y = p.punten[-1]
    (bx, by), (sx, sy) = p.punten[0], p.punten[1]
    strepen = f' stroke-dasharray="{streep}"' if streep else ""
    return (
        f'<g class="pijl {p.stijl}" data-pijl="{escape("__".join(p.sleutel))}">'
        f'<circle cx="{bx:.1f}" cy="{by:.1f}" r="4.5" fill="{kleur}"/>'
        f'<polyline points="{punten}" fill="none" stroke="{kleur}" stroke-width="{dikte}"'
        f'{strepen} stroke-linejoin="round"/>'
        f'<polygon points="{x:.1f},{y:.1f} {x + 11:.1f},{y - 6:.1f} {x + 11:.1f},{y + 6:.1f}" '
        f'fill="{kleur}"/></g>'
        if (sx, sy) != (x, y)
        else ""
    )


def svg(tekening: Tekening, beschrijving: str = "") -> str:
    """The picture as one SVG document (also fit to put inline in a page)."""
    b, h = tekening.breedte, tekening.hoogte
    banden = "".join(
        f'<g class="fase"><rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.breedte:.1f}" '
        f'height="{r.hoogte:.1f}" rx="10" fill="#f1f4f8" stroke="#b7c0cc"/>'
        f"{_tekst(band.kop, '#3b4656')}</g>"
        for band in tekening.banden
        for r in [band.kader]
    )
    vakken = "".join(_vak(v) for v in tekening.vakken)
    pijlen = "".join(_pijl(p, i) for i, p in enumerate(tekening.pijlen))
    titel = escape(tekening.titel.tekst)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="toestandsplaat" viewBox="0 0 {b:.0f} '
        f'{h:.0f}" width="{b:.0f}" height="{h:.0f}" role="img" font-family="{LETTERTYPE}">'
        f"<title>{titel}</title>"
        + (f"<desc>{escape(beschrijving)}</desc>" if beschrijving else "")
        + f'<rect width="{b:.0f}" height="{h:.0f}" fill="#ffffff"/>'
        + _tekst(tekening.titel)
        + banden
        + pijlen
        + vakken
        + "</svg>"
    )
