"""The web service: FastAPI adapters onto trajectory/ (no business rule lives here)."""
