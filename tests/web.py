"""Helpers for tests of the web pages: log a STAFF member in, read a page's CSRF token."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import STAFF
from trajectory.users import set_password

WACHTWOORD = "correct-paard-batterij-niet"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no form with a csrf_token"
    return match.group(1)


def log_in(client: TestClient, sessions: sessionmaker[Session], key: str) -> str:
    """Give the STAFF member a password, log in through the form; returns the CSRF token."""
    email = STAFF[key][0]
    set_password(sessions, email, WACHTWOORD)
    form = client.get("/login")
    response = client.post(
        "/login",
        data={"email": email, "wachtwoord": WACHTWOORD, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)
