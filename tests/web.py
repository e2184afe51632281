"""Helpers for tests of the web pages: log a STAFF member in, read a page's CSRF token."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from httpx2 import Response
from pyotp import TOTP
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import STAFF
from trajectory.domain.totp import VENSTER
from trajectory.store import tables as t
from trajectory.usecases.users import hash_password

WACHTWOORD = "correct-paard-batterij-niet"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_VOLGENDE = re.compile(r'name="volgende" value="([^"]*)"')
_SLEUTEL = re.compile(r'class="sleutel">([A-Z2-7]+)<')


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no form with a csrf_token"
    return match.group(1)


def secret_of(html: str) -> str:
    match = _SLEUTEL.search(html)
    assert match, "the page shows no TOTP secret to enrol"
    return match.group(1)


def log_in(client: TestClient, sessions: sessionmaker[Session], key: str) -> str:
    """Give the STAFF member a password, log in through the form (and the TOTP step when the
    account needs it, enrolling if needed); returns the CSRF token."""
    email = STAFF[key][0]
    give_password(sessions, email)
    form = client.get("/login")
    response = client.post(
        "/login",
        data={"email": email, "wachtwoord": WACHTWOORD, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    if response.headers["location"].startswith("/login/code"):
        response = enter_code(client, sessions, email, response.headers["location"])
        assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)


def give_password(sessions: sessionmaker[Session], email: str) -> None:
    """The test password, written straight into the account: `set_password` would also end
    the account's API token, which the tests keep using next to the login."""
    with sessions.begin() as session:
        gebruiker = session.scalar(select(t.Gebruiker).where(t.Gebruiker.email == email))
        gebruiker.wachtwoord_hash = hash_password(WACHTWOORD)


def enter_code(
    client: TestClient, sessions: sessionmaker[Session], email: str, adres: str = "/login/code"
) -> Response:
    """On the code page: type the first code of the window the account has not used yet."""
    page = client.get(adres)
    with sessions() as session:
        gebruiker = session.scalar(select(t.Gebruiker).where(t.Gebruiker.email == email))
        versleuteld, laatste = gebruiker.totp_versleuteld, gebruiker.totp_laatste_stap
        secret = client.app.state.sleutels.ontsleutel(versleuteld) if versleuteld else None
    if 'class="sleutel"' in page.text:
        secret, laatste = secret_of(page.text), None
    return client.post(
        "/login/code",
        data={
            "code": unused_code(client, secret, laatste),
            "csrf_token": csrf_of(page.text),
            "volgende": _VOLGENDE.search(page.text).group(1),
        },
        follow_redirects=False,
    )


def unused_code(client: TestClient, secret: str, laatste: int | None) -> str:
    totp = TOTP(secret)
    huidige = totp.timecode(client.app.state.clock.now())
    for stap in range(huidige - VENSTER, huidige + VENSTER + 1):
        if laatste is None or stap > laatste:
            return totp.generate_otp(stap)
    raise AssertionError("every code of this moment was used: advance the clock 30 seconds")
