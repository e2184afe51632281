"""Security headers on every response, error pages without tracebacks, CSRF on forms."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.conftest import as_user
from tests.web import log_in

TEMPLATES = Path(__file__).parents[2] / "service" / "templates"
VAST = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


def assert_security_headers(response):
    for name, value in VAST.items():
        assert response.headers[name] == value, name
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "camera=()" in response.headers["permissions-policy"]


@pytest.mark.parametrize(
    ("adres", "wie"),
    [
        ("/login", None),
        ("/", "stagebegeleider"),
        ("/api/leerlingen", "stagebegeleider"),
        ("/static/app.css", None),
        ("/bestaat-niet", None),
        ("/api/bestaat-niet", None),
    ],
)
def test_elk_antwoord_heeft_de_beveiligingskoppen(client, sessions, adres, wie):
    if wie:
        log_in(client, sessions, wie)

    response = client.get(adres, follow_redirects=False)

    assert_security_headers(response)
    assert "strict-transport-security" not in response.headers  # plain http


def test_paginas_en_de_api_met_leerlinggegevens_worden_niet_bewaard_statische_bestanden_wel(client):
    api = client.get("/api/leerlingen", headers=as_user("mentor"))

    assert api.headers["cache-control"] == "no-store"
    assert client.get("/login").headers["cache-control"] == "no-store"
    assert "cache-control" not in client.get("/static/app.css").headers


def test_de_api_documentatie_werkt_met_een_eigen_beleid(client):
    response = client.get("/docs")

    beleid = response.headers["content-security-policy"]
    assert response.status_code == 200
    assert "script-src 'self';" in beleid  # no CDN, no inline script
    assert "https://" not in beleid
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in beleid


def test_de_api_documentatie_haalt_alles_uit_de_app_zelf_zonder_cdn(client):
    pagina = client.get("/docs").text
    bronnen = re.findall(r'(?:src|href)="([^"]+)"', pagina)

    assert len(bronnen) == 3
    assert all(bron.startswith("/") for bron in bronnen), bronnen
    for bron in bronnen:
        assert client.get(bron).status_code == 200, bron
    assert "SwaggerUIBundle" in client.get("/docs/bestanden/swagger-ui-bundle.js").text
    assert client.get("/docs/bestanden/index.html").status_code == 404  # only what the page needs
    assert client.get("/redoc").status_code == 404  # ReDoc exists only on a CDN: not offered


def test_hsts_alleen_achter_tls(database_url, clock, staff):
    app = create_app(Settings(database_url=database_url, clock=clock, scheduler=False))
    with TestClient(app, base_url="https://testserver") as https:
        assert "max-age=" in https.get("/login").headers["strict-transport-security"]
    app.state.engine.dispose()
    achter_proxy = Settings(
        database_url=database_url, clock=clock, scheduler=False, secure_cookies=True
    )
    app = create_app(achter_proxy)
    with TestClient(app) as http:
        assert "strict-transport-security" in http.get("/login").headers
    app.state.engine.dispose()


def test_geen_sjabloon_heeft_een_inline_script_of_event_handler():
    for sjabloon in TEMPLATES.rglob("*.html"):
        tekst = sjabloon.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", tekst), sjabloon
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", tekst), sjabloon
        assert "style=" not in tekst, sjabloon


@pytest.fixture
def kapotte_app(database_url, clock, staff):
    """The real app with one extra route that fails the way a bug would."""
    app = create_app(Settings(database_url=database_url, clock=clock, scheduler=False))

    @app.get("/kapot")
    def kapot() -> None:
        raise RuntimeError("geheime-details-uit-de-database")

    @app.get("/api/kapot")
    def api_kapot() -> None:
        raise RuntimeError("geheime-details-uit-de-database")

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.engine.dispose()


def test_een_onverwachte_fout_geeft_een_nederlandse_pagina_met_een_foutcode(kapotte_app, caplog):
    with caplog.at_level(logging.ERROR, logger="stagetraject.fouten"):
        response = kapotte_app.get("/kapot")

    assert response.status_code == 500
    assert "Er ging iets mis" in response.text
    code = re.search(r'class="referentie">([0-9A-F]{4}-[0-9A-F]{4})<', response.text).group(1)
    assert "geheime-details" not in response.text
    assert "Traceback" not in response.text
    assert_security_headers(response)
    assert response.headers["cache-control"] == "no-store"
    record = next(r for r in caplog.records if code in r.getMessage())
    assert record.exc_info[0] is RuntimeError


def test_een_onverwachte_fout_in_de_api_geeft_json_met_een_foutcode(kapotte_app):
    response = kapotte_app.get("/api/kapot")

    assert response.status_code == 500
    body = response.json()
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", body["referentie"])
    assert "geheime-details" not in response.text


def test_een_onbekende_pagina_is_een_nederlandse_404_pagina_en_in_de_api_json(client):
    pagina = client.get("/bestaat-niet")
    api = client.get("/api/bestaat-niet")

    assert pagina.status_code == api.status_code == 404
    assert "text/html" in pagina.headers["content-type"]
    assert "Niet gevonden" in pagina.text
    assert api.json() == {"detail": "Not Found"}


def test_een_formulier_met_een_fout_csrf_token_is_een_403_pagina_en_verandert_niets(
    client, sessions
):
    log_in(client, sessions, "stagebegeleider")

    response = client.post("/uitloggen", data={"csrf_token": "verkeerd"}, follow_redirects=False)

    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.text
    assert "text/html" in response.headers["content-type"]
    assert client.get("/", follow_redirects=False).status_code == 200
