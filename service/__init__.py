"""The web service: FastAPI routes, Jinja2 pages and static files, translating HTTP into the
use cases of trajectory/ and rendering their answers (JSON for /api, Dutch HTML for the rest)."""
