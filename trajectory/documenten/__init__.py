"""Documents the school prints or signs, rendered from Jinja2 HTML templates (an adapter: the
domain never imports it)."""
