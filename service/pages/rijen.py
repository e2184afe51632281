"""The rows of the leerling page's "Vastgelegd" table as HTML, a row's "corrigeren" and
"ongeldig maken", and when and why a replaced or voided row stopped counting (#16).

Functions, not template code: the page shows hundreds of records, and in Jinja a row cost
about 15 µs (its macro call and form alone 7 µs), most of the page's render; here it is a few.
Every text is escaped; the template around them (leerling/_vastgelegd.html) keeps the table.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from markupsafe import Markup

from service.pages.tijdlijn import gegevenslijst, html

if TYPE_CHECKING:
    from service.pages.leerlingpagina_laden import VastgelegdRij


def vastgelegd_rij(
    r: VastgelegdRij, leerling_id: int, csrf_token: str, min_reden: int, max_reden: int
) -> Markup:
    """One record: its date, what it is and its data; struck through when replaced or voided
    (when and why below), else the row actions when the role may correct it."""
    datum = f"{r.datum.day:02d}-{r.datum.month:02d}-{r.datum.year}"
    gegevens = str(gegevenslijst(r.gegevens))
    if r.vervallen:
        begin = f'<tr class="vervallen"><td><del>{datum}</del></td>'
        inhoud = f"<del>{gegevens}</del>{vervallen(r.vervallen, r.reden)}"
    else:
        begin, inhoud = f"<tr><td>{datum}</td>", gegevens
    acties = ""
    if r.corrigeerbaar:
        basis = f"/leerlingen/{leerling_id:d}/vastgelegd/{r.kind}/{r.id:d}"
        acties = str(rij_acties(basis, csrf_token, min_reden, max_reden))
    return Markup(  # noqa: S704 -- every text escaped: gegevenslijst and rij_acties escape theirs
        f"{begin}<td>{html(r.soort)}</td>\n        <td>{inhoud}</td>\n"
        f"        <td>{acties}</td></tr>"
    )


def vervallen(sinds: datetime | None, reden: str | None) -> Markup:
    """When and why a replaced or voided row (a record or a placement) stopped counting;
    nothing for a current one (`sinds` None)."""
    if not sinds:
        return Markup("")
    moment = sinds.strftime("%d-%m-%Y %H:%M")
    return Markup(  # noqa: S704 -- the reason escaped
        f'<p class="zacht">Vervallen op {moment}: {html(reden)}</p>'
    )


def rij_acties(basis: str, csrf_token: str, min_reden: int, max_reden: int) -> Markup:
    """The link to the correction form and the small form that voids the row at `basis`."""
    pad = html(basis)
    veld = html("reden-" + basis.replace("/", "-"))
    return Markup(  # noqa: S704 -- every text escaped above
        f'\n<a href="{pad}/corrigeren" class="rij-actie">corrigeren</a>\n'
        '<details class="invullen rij-actie"><summary>ongeldig maken</summary>\n'
        f'  <form method="post" action="{pad}/ongeldig" class="formulier">\n'
        f'    <input type="hidden" name="csrf_token" value="{html(csrf_token)}">\n'
        f'    <label for="{veld}">Reden (verplicht, minstens {min_reden:d} tekens)</label>\n'
        f'    <textarea id="{veld}" name="reden" rows="2" maxlength="{max_reden:d}" '
        "required></textarea>\n"
        '    <button type="submit">Ongeldig maken</button>\n'
        "  </form>\n"
        "</details>\n"
    )
