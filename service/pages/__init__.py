"""The staff web UI: one route module per area, templates in `service/templates/<area>/`."""
