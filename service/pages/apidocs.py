"""The JSON API's documentation page (Swagger UI), served by the app itself.

Swagger UI's files come from the `swagger-ui-bundle-v2` package, not a CDN, so the page also
works on a school network that cannot reach one; its starter is a static script, so the page
keeps the strict script policy (only Swagger UI's inline styles are allowed). It holds no
leerling data: the API behind it asks for a login like every other route.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from starlette.responses import FileResponse, HTMLResponse, Response
from swagger_ui_bundle import swagger_ui_path

router = APIRouter(include_in_schema=False)

BESTANDEN = "/docs/bestanden"
BESTANDEN_MAP = Path(str(swagger_ui_path))
NODIG = {"swagger-ui.css": "text/css", "swagger-ui-bundle.js": "text/javascript"}  # no more
PAGINA = f"""<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Stagetraject – API</title>
  <link rel="stylesheet" href="{BESTANDEN}/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{BESTANDEN}/swagger-ui-bundle.js"></script>
  <script src="/static/api-docs.js"></script>
</body>
</html>
"""


@router.get("/docs")
def api_documentatie() -> Response:
    return HTMLResponse(PAGINA)


@router.get(BESTANDEN + "/{bestand}")
def swagger_bestand(bestand: str) -> Response:
    if bestand not in NODIG:
        raise HTTPException(404)
    return FileResponse(BESTANDEN_MAP / bestand, media_type=NODIG[bestand])
