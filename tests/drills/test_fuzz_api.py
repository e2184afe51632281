"""Fuzzing the JSON API with schemathesis, logged in as each role (bearer tokens): no 5xx
except a documented 503 (a diagram as a picture where Graphviz is missing), and every response
matches the OpenAPI schema (status codes, bodies, content types).

The schema is the app's own OpenAPI document; each generated request goes to the test's app
(TestClient) as every role in turn, on SQLite and PostgreSQL (an id beyond an INTEGER column,
a NUL in a text: each database fails differently). Bounded for CI at 25 examples per operation;
TRAJECTORY_FUZZ_VOORBEELDEN sets more for a longer run (docs/BEVEILIGING.md).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.app import create_app
from service.settings import Settings
from tests.conftest import as_user
from tests.integration.builders import nieuwe_leerling

ROLLEN = ("teamleider", "stagebegeleider", "ondersteuner", "mentor")
VOORBEELDEN = int(os.environ.get("TRAJECTORY_FUZZ_VOORBEELDEN", "25"))
CHECKS = [status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_dict(
    create_app(Settings(database_url="sqlite://", scheduler=False)).openapi()
)


@pytest.fixture
def met_leerling(client, sessions, clock, staff):
    nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    return client


@schema.parametrize()
@settings(
    max_examples=VOORBEELDEN,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    phases=[Phase.generate],  # not the schema's many explicit examples: bounded for CI
)
def test_de_api_geeft_geen_5xx_en_houdt_zich_aan_het_schema(case, met_leerling):
    for rol in ROLLEN:  # every generated request, as each role in turn
        kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=as_user(rol))
        kwargs.pop("cookies", None)  # the API authenticates by bearer token only
        if isinstance(kwargs.get("data"), bytes | str):
            kwargs["content"] = kwargs.pop("data")
        response = met_leerling.request(**kwargs)

        assert response.status_code < 500 or _gedocumenteerd_503(case, response.status_code), (
            rol,
            response.text,
        )
        case.validate_response(response, checks=CHECKS)


def _gedocumenteerd_503(case, status: int) -> bool:
    """A 503 that the operation names in its own responses is an answer, not a failure."""
    return status == 503 and "503" in case.operation.definition.raw.get("responses", {})
