"""The school-year commands of `trajectory`: migrate, rollover, uitstroom (registered in cli.py)."""

from __future__ import annotations

import typer

from trajectory.beleid import beleid_voor
from trajectory.clock import SystemClock
from trajectory.machines.versies import MIGRATIES, MigratieFout


def migrate(
    naam: str = typer.Option(
        max(MIGRATIES), "--migratie", help=f"Welke migratie ({', '.join(MIGRATIES)})"
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Alleen laten zien, niets wijzigen"),
) -> None:
    """Zet alle leerlingen van een trajectversie over naar de volgende (alles of niets)."""
    from trajectory.cli import _sessions
    from trajectory.migreren import migreer

    migratie = MIGRATIES.get(naam)
    if migratie is None:
        typer.echo(f"Onbekende migratie '{naam}'. Bekend: {', '.join(MIGRATIES)}.")
        raise typer.Exit(2)
    typer.echo(f"Migratie {migratie.naam}: versie {migratie.van.versie} → {migratie.naar.versie}")
    if migratie.toelichting:
        typer.echo(f"  {migratie.toelichting}")
    oud, nieuw = beleid_voor(migratie.van.versie), beleid_voor(migratie.naar.versie)
    for parameter in migratie.beleid_wijzigingen():
        typer.echo(
            f"  regel {parameter}: {getattr(oud, parameter):g} → {getattr(nieuw, parameter):g}"
        )
    try:
        with _sessions() as sessions:
            veranderingen = migreer(sessions, migratie, clock=SystemClock(), proef=dry_run)
    except MigratieFout as exc:
        typer.echo(f"Niets gewijzigd: {exc}")
        raise typer.Exit(1) from exc
    for v in veranderingen:
        toestand = v.van if v.van == v.naar else f"{v.van} → {v.naar}"
        typer.echo(f"  leerling {v.leerling_id} ({v.klas or 'geen klas'}): {toestand}")
    werkwoord = "zou overgezet worden" if dry_run else "overgezet"
    typer.echo(f"{len(veranderingen)} leerling(en) {werkwoord}.")
