"""The error answers every JSON route may give, declared in the OpenAPI document so a client
(and the schemathesis fuzz in tests/drills) knows them: `{"detail": ...}` in Dutch."""

from __future__ import annotations

from typing import Any

FOUTEN: dict[int | str, dict[str, Any]] = {
    400: {"description": "De invoer is geen leesbare JSON"},
    401: {"description": "Niet ingelogd: geen of een ongeldig token"},
    403: {"description": "Deze rol mag dit niet"},
    404: {"description": "Niet gevonden (of niet zichtbaar voor deze gebruiker)"},
    409: {"description": "Geweigerd (falende guards) of versieconflict"},
    422: {"description": "De invoer klopt niet"},
}
