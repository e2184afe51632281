"""`trajectory bedrijven`: the register of stagebedrijven from the command line."""

from __future__ import annotations

import typer

from trajectory.entrypoints.database import configured_sessions
from trajectory.store.db import database_url, make_engine

bedrijven_app = typer.Typer(help="Het register van stagebedrijven.", no_args_is_help=True)


@bedrijven_app.command("omzetten")
def omzetten(
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Alleen laten zien welke bedrijven het worden; niets wijzigen"
    ),
) -> None:
    """Maak van de getypte bedrijfsnamen van de stages bedrijven in het register (migratie
    0020): namen die alleen in hoofdletters of spaties verschillen worden één bedrijf."""
    from trajectory.usecases.bedrijfsomzetting import omzetting, zet_om

    if dry_run:
        engine = make_engine(database_url())
        try:
            samen = omzetting(engine)
        finally:
            engine.dispose()
    else:
        with configured_sessions() as sessions:
            samen = zet_om(sessions)
    for s in samen:
        typer.echo(f"{s.naam}: {s.plaatsingen} stage(s)")
        for spelling, aantal in s.spellingen:
            if spelling != s.naam:
                typer.echo(f"  ook geschreven als '{spelling}' ({aantal})")
    werkwoord = "zou(den) worden" if dry_run else "in het register"
    typer.echo(f"{len(samen)} bedrijf/bedrijven {werkwoord}.")
