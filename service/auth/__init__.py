"""Who is asking: login sessions (cookie + CSRF token) and per-user API tokens."""
