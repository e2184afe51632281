"""Persistence: tables, queries and migrations. It takes and returns rows; the decisions
(who may see what, what to tell whom, which policy applies) are the use cases'."""
