"""The school-year commands of `trajectory`: migrate, rollover, uitstroom (registered in cli.py,
which imports this module; this module does not import cli)."""

from __future__ import annotations

from typing import Annotated

import typer

from trajectory.domain.beleid import beleid_voor
from trajectory.domain.clock import SystemClock
from trajectory.entrypoints.database import configured_sessions
from trajectory.machines.versies import MIGRATIES, MigratieFout


def migrate(
    naam: str = typer.Option(
        max(MIGRATIES), "--migratie", help=f"Welke migratie ({', '.join(MIGRATIES)})"
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Alleen laten zien, niets wijzigen"),
) -> None:
    """Zet alle leerlingen van een trajectversie over naar de volgende (alles of niets)."""
    from trajectory.usecases.migreren import migreer

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
        with configured_sessions() as sessions:
            veranderingen = migreer(sessions, migratie, clock=SystemClock(), proef=dry_run)
    except MigratieFout as exc:
        typer.echo(f"Niets gewijzigd: {exc}")
        raise typer.Exit(1) from exc
    for v in veranderingen:
        toestand = v.van if v.van == v.naar else f"{v.van} → {v.naar}"
        typer.echo(f"  leerling {v.leerling_id} ({v.klas or 'geen klas'}): {toestand}")
    werkwoord = "zou(den) overgezet worden" if dry_run else "overgezet"
    typer.echo(f"{len(veranderingen)} leerling(en) {werkwoord}.")


def uitstroom(
    als_csv: bool = typer.Option(False, "--csv", help="Als CSV (voor de Uitstroommonitor)"),
) -> None:
    """Uitstroom en bestendigheid per cohort, tegen de normen van 90 % en 75 %."""
    import sys

    from trajectory.domain.access import SYSTEEM
    from trajectory.domain.clock import today
    from trajectory.domain.uitstroommonitor import RAPPORT_CATEGORIEEN, csv_rijen
    from trajectory.usecases.overzichten import uitstroomrapport

    with configured_sessions() as sessions, sessions() as session:
        cohorten = uitstroomrapport(session, SYSTEEM, today(SystemClock()))
    if als_csv:
        import csv

        csv.writer(sys.stdout, delimiter=";", lineterminator="\n").writerows(csv_rijen(cohorten))
        return
    for c in cohorten:
        typer.echo(f"Cohort {c.naam}: {c.uitgestroomd} uitgestroomd, {c.geplaatst} geplaatst")
        for categorie, t in c.per_categorie.items():
            if t.uitgestroomd:
                typer.echo(
                    f"  {RAPPORT_CATEGORIEEN[categorie]:<18} {t.uitgestroomd:>3}   "
                    f"1 jaar: {t.behouden[0]} behouden, {t.niet_behouden[0]} niet, "
                    f"{t.onbekend[0]} onbekend, {t.nog_niet[0]} nog niet; "
                    f"2 jaar: {t.behouden[1]} behouden, {t.niet_behouden[1]} niet, "
                    f"{t.onbekend[1]} onbekend, {t.nog_niet[1]} nog niet"
                )
        typer.echo(
            f"  geplaatst {_procent(c.aandeel_geplaatst)} (norm 90 %); nog op bestemming na "
            f"1 jaar {_procent(c.aandeel_behouden(1))} ({c.behouden(1)}/{c.gemeten(1)}), "
            f"na 2 jaar {_procent(c.aandeel_behouden(2))} ({c.behouden(2)}/{c.gemeten(2)}) "
            "(norm 75 %)"
        )


def _procent(aandeel: float | None) -> str:
    return "nog niet te meten" if aandeel is None else f"{aandeel:.0%}".replace("%", " %")


def rollover(
    schooljaar: str = typer.Option(
        ..., "--schooljaar", help="Het nieuwe schooljaar, bijv. 2025-2026"
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Alleen laten zien, niets wijzigen"),
    doubleren: Annotated[
        list[int] | None, typer.Option("--doubleren", help="Leerling-id die doubleert")
    ] = None,
    entree: Annotated[
        list[int] | None, typer.Option("--entree", help="Leerling-id die naar Entree gaat")
    ] = None,
    klas: Annotated[
        list[str] | None, typer.Option("--klas", help="Andere klas dan afgeleid: ID=KLAS")
    ] = None,
) -> None:
    """Zet het nieuwe schooljaar in gang: leerjaar en klas door (alles of niets)."""
    from trajectory.domain.access import SYSTEEM
    from trajectory.usecases import rollover as r

    uitzonderingen = {i: "doubleren" for i in doubleren or ()} | {i: "entree" for i in entree or ()}
    try:
        klassen = {int(k.split("=", 1)[0]): k.split("=", 1)[1].strip() for k in klas or ()}
    except (ValueError, IndexError):
        typer.echo("Schrijf --klas als ID=KLAS, bijv. --klas 12=4B.")
        raise typer.Exit(2) from None
    try:
        with configured_sessions() as sessions:
            stappen = r.rollover(
                sessions, schooljaar, actor=SYSTEEM, clock=SystemClock(),
                uitzonderingen=uitzonderingen, klassen=klassen, proef=dry_run,
            )  # fmt: skip
    except r.RolloverFout as exc:
        typer.echo(f"Niets gewijzigd: {exc}")
        raise typer.Exit(1) from exc
    for s in stappen:
        typer.echo(
            f"  leerling {s.leerling_id}: leerjaar {s.leerjaar_van} → {s.leerjaar_naar}, "
            f"klas {s.klas_van or '–'} → {s.klas_naar or '–'} ({s.reden})"
        )
    aantal = sum(s.verandert for s in stappen)
    typer.echo(f"{aantal} leerling(en) {'zouden doorstromen' if dry_run else 'doorgestroomd'}.")
