"""Every route of the dashboard, overviews, audit and import needs a login: generated from the
app's routes, so a new route in these modules without the check fails here."""

from __future__ import annotations

import importlib
import re

import pytest

MODULES = {
    "service.pages.vandaag",
    "service.pages.overzicht",
    "service.pages.diagrammen",
    "service.pages.audit",
    "service.pages.importeren",
}


def routes():
    return sorted(
        (method, route.path)
        for module in MODULES
        for route in importlib.import_module(module).router.routes
        for method in route.methods
        if method != "HEAD"
    )


ROUTES = routes()


def test_de_lijst_van_routes_is_compleet():
    assert ("GET", "/") in ROUTES
    assert ("GET", "/audit/export.csv") in ROUTES
    assert ("POST", "/import/bevestigen") in ROUTES
    assert len(ROUTES) == 14


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_zonder_inloggen_geeft_geen_enkele_pagina_iets_prijs(client, method, path):
    url = re.sub(r"\{[^}]+\}", "1", path)

    response = client.request(method, url, follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
