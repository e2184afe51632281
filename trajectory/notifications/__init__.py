"""What to tell whom when a leerling moves on; queued in the transition's own transaction."""
