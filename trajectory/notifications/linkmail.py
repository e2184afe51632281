"""The e-mail with a personal link (issue #18): Dutch plain text (the HTML part is made from
it at delivery, `render.als_html`). The text holds `{link}` where the URL goes: the token is
put in only when the mail is sent (`mail.LINK_PLEK`), so the outbox row never holds it."""

from __future__ import annotations

from datetime import datetime

from trajectory.domain.clock import SCHOOL_TZ
from trajectory.domain.links import DOELEN
from trajectory.notifications.render import _env


def link_bericht(
    *, naam: str, voornaam: str, bedrijf: str, doel: str, tot: datetime
) -> tuple[str, str]:
    """(onderwerp, tekst) of a link's mail."""
    tekst = (
        _env()
        .get_template("link.txt")
        .render(
            aanhef=naam or "heer/mevrouw",
            school="De school",
            voornaam=voornaam,
            bedrijf=bedrijf,
            doel=DOELEN[doel].lower(),
            tot=tot.astimezone(SCHOOL_TZ).strftime("%d-%m-%Y"),
        )
    )
    return f"Uw persoonlijke link voor de stage van {voornaam}", tekst
