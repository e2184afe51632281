"""Use cases: load, check, change, commit, tell — one transaction each (advance, recording,
import, rollover, timers, users, waiting list, retention). Routes, CLI and scheduler call these."""
