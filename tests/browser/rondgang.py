"""The walk past every page that the phone test and the accessibility test share: the pages
per role, the two widths, logging in as a demo user (with the authenticator app enrolled on the
first login) and the leerling with the longest history the role sees."""

from __future__ import annotations

from pyotp import TOTP
from sqlalchemy import func, select

from trajectory.demo import DEMO_TEAMLEIDER, DEMO_WACHTWOORD
from trajectory.store import tables as t

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture skips, or fails in CI, with the reason
    expect = None

TELEFOON = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
BEGELEIDER = "stagebegeleider1@demo.stagetraject.nl"
PAGINAS = {  # name -> path; {leerling} is the leerling with the longest history the role sees
    "vandaag": "/",
    "leerlingen": "/overzicht",
    "groepsstage": "/overzicht/groepsstage",
    "entree": "/overzicht/entree",
    "cohort": "/overzicht/cohort",
    "traject": "/overzicht/traject",
    "teamoverleg": "/teamoverleg",
    "uitstroom": "/rapportage/uitstroom",
    "meldingen": "/meldingen",
    "account": "/account",
    "importeren": "/import",
    "bedrijven_importeren": "/bedrijven/importeren",
    "leerling": "/leerlingen/{leerling}",
    "stage zoeken": "/leerlingen/{leerling}/stage-zoeken",
    # the company register (#17); company 1 is the first the demo's placements registered
    "bedrijven": "/bedrijven",
    "nieuw bedrijf": "/bedrijven/nieuw",
    "bedrijf": "/bedrijven/1",
    "bedrijf wijzigen": "/bedrijven/1/wijzigen",
}
ALLEEN_TEAMLEIDER = {
    "audit": "/audit",
    "rollover": "/schooljaar/rollover",
    "gebruikers": "/gebruikers",
    "inzage": "/leerlingen/{leerling}/inzage",
}
ROLLEN = {  # role -> (e-mail, its pages), for pytest.mark.parametrize
    "stagebegeleider": (BEGELEIDER, PAGINAS),
    "teamleider": (DEMO_TEAMLEIDER, PAGINAS | ALLEEN_TEAMLEIDER),
}


def log_in(browser, server, clock, email, **context_opties):
    context = browser.new_context(
        base_url=server, viewport=TELEFOON, locale="nl-NL", **context_opties
    )
    tab = context.new_page()
    tab.goto("/login")
    tab.get_by_label("E-mailadres").fill(email)
    tab.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    tab.get_by_role("button", name="Inloggen").click()
    # outside demo mode everyone enrols an authenticator app on the first login
    expect(tab.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    sleutel = tab.locator("code.sleutel").inner_text()
    tab.get_by_label("Code").fill(TOTP(sleutel).at(clock.now()))
    tab.get_by_role("button", name="Instellen en inloggen").click()
    expect(tab.get_by_role("heading", name="Vandaag")).to_be_visible()
    return context, tab


def langste_geschiedenis(sessions, email: str) -> int:
    """The leerling with the most audit events, among the role's own leerlingen (all of them
    for the teamleider)."""
    with sessions() as session:
        query = (
            select(t.AuditEvent.leerling_id)
            .join(t.Leerling, t.Leerling.id == t.AuditEvent.leerling_id)
            .group_by(t.AuditEvent.leerling_id)
            .order_by(func.count().desc(), t.AuditEvent.leerling_id)
            .limit(1)
        )
        if email != DEMO_TEAMLEIDER:
            begeleider = select(t.Gebruiker.id).where(t.Gebruiker.email == email)
            query = query.where(t.Leerling.stagebegeleider_id == begeleider.scalar_subquery())
        return session.scalar(query)
