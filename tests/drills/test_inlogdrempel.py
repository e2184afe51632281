"""The login throttles under parallel requests, through the real server on PostgreSQL.

Thirty clients wait at a barrier, then each sends one wrong attempt at the same moment. Each
401 is an attempt that was checked (argon2 for a password, the code for TOTP); the rest must be
429 without a check (a wrong current password on /account answers 422 where a login answers
401). Limits: 5 per account, 20 per IP, 5 TOTP codes and 5 password changes per account.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx2
from pyotp import TOTP

from service.auth import pogingen
from tests.conftest import SLEUTELS, STAFF
from tests.drills.conftest import Server, op_postgresql
from tests.web import WACHTWOORD, csrf_of
from trajectory.usecases.users import enrol_totp, set_password

CLIENTS = 30
SB = STAFF["stagebegeleider"][0]
TL = STAFF["teamleider"][0]


def _client(server: Server) -> httpx2.Client:
    return httpx2.Client(base_url=f"http://127.0.0.1:{server.poort}", timeout=60)


def _inloggen(client: httpx2.Client, email: str, wachtwoord: str) -> int:
    form = client.get("/login")
    data = {"email": email, "wachtwoord": wachtwoord, "csrf_token": csrf_of(form.text)}
    return client.post("/login", data=data).status_code


def _tegelijk(
    voorbereid: Callable[[httpx2.Client], Callable[[], int]], server: Server
) -> list[int]:
    """Each client prepares (its own cookies, its own form), then all fire at once."""
    start = threading.Barrier(CLIENTS)

    def een(_: int) -> int:
        with _client(server) as client:
            poging = voorbereid(client)
            start.wait(timeout=120)
            return poging()

    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(een, range(CLIENTS)))


def _geteld(statussen: list[int], limiet: int) -> int:
    assert set(statussen) <= {401, 429}, statussen
    geprobeerd = statussen.count(401)
    print(f"gecontroleerd: {geprobeerd} van {CLIENTS} (limiet {limiet})")
    return geprobeerd


@op_postgresql
def test_van_dertig_foute_wachtwoorden_tegelijk_worden_er_hoogstens_vijf_gecontroleerd(
    server, sessions
):
    set_password(sessions, SB, WACHTWOORD)

    def voorbereid(client: httpx2.Client) -> Callable[[], int]:
        form = client.get("/login")
        data = {"email": SB, "wachtwoord": "niet-het-goede", "csrf_token": csrf_of(form.text)}
        return lambda: client.post("/login", data=data).status_code

    statussen = _tegelijk(voorbereid, server)

    assert _geteld(statussen, pogingen.ACCOUNT.maximum) <= pogingen.ACCOUNT.maximum


@op_postgresql
def test_van_dertig_adressen_tegelijk_vanaf_een_ip_worden_er_hoogstens_twintig_gecontroleerd(
    server, sessions, staff
):
    adressen = iter(f"onbekend{i}@school.test" for i in range(CLIENTS))
    slot = threading.Lock()

    def voorbereid(client: httpx2.Client) -> Callable[[], int]:
        with slot:
            email = next(adressen)
        form = client.get("/login")
        data = {"email": email, "wachtwoord": "niet-het-goede", "csrf_token": csrf_of(form.text)}
        return lambda: client.post("/login", data=data).status_code

    statussen = _tegelijk(voorbereid, server)

    assert _geteld(statussen, pogingen.IP.maximum) <= pogingen.IP.maximum


@op_postgresql
def test_van_dertig_foute_codes_tegelijk_worden_er_hoogstens_vijf_gecontroleerd(server, sessions):
    set_password(sessions, TL, WACHTWOORD)
    secret = enrol_totp(sessions, TL, SLEUTELS)
    nu = datetime.now(UTC)
    geldig = {TOTP(secret).at(nu + timedelta(seconds=s)) for s in range(-120, 121, 10)}
    fout = next(c for c in ("000000", "111111", "222222") if c not in geldig)

    def voorbereid(client: httpx2.Client) -> Callable[[], int]:
        assert _inloggen(client, TL, WACHTWOORD) == 303  # a half session of its own
        page = client.get("/login/code")
        data = {"code": fout, "csrf_token": csrf_of(page.text)}
        return lambda: client.post("/login/code", data=data).status_code

    statussen = _tegelijk(voorbereid, server)

    assert _geteld(statussen, pogingen.TOTP.maximum) <= pogingen.TOTP.maximum


@op_postgresql
def test_van_dertig_foute_huidige_wachtwoorden_tegelijk_worden_er_hoogstens_vijf_gecontroleerd(
    server, sessions
):
    set_password(sessions, SB, WACHTWOORD)
    secret = enrol_totp(sessions, SB, SLEUTELS)
    with _client(server) as client:
        assert _inloggen(client, SB, WACHTWOORD) == 303
        page = client.get("/login/code")
        code = {"code": TOTP(secret).now(), "csrf_token": csrf_of(page.text)}
        assert client.post("/login/code", data=code).status_code == 303
        cookies = dict(client.cookies)

    def voorbereid(client: httpx2.Client) -> Callable[[], int]:
        client.cookies.update(cookies)
        data = {
            "csrf_token": csrf_of(client.get("/account").text),
            "huidig": "niet-het-goede",
            "nieuw": "een-nieuw-lang-wachtwoord",
            "herhaal": "een-nieuw-lang-wachtwoord",
        }
        return lambda: client.post("/account/wachtwoord", data=data).status_code

    statussen = [401 if s == 422 else s for s in _tegelijk(voorbereid, server)]

    assert _geteld(statussen, pogingen.WACHTWOORD.maximum) <= pogingen.WACHTWOORD.maximum
