"""The `trajectory` command: serve, scheduler, demo, machine, audit verify, users; the
school-year commands (migrate, uitstroom, rollover) live in cli_schooljaren."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.clock import SystemClock
from trajectory.entrypoints import foutlog
from trajectory.entrypoints.cli_bedrijven import bedrijven_app
from trajectory.entrypoints.cli_schooljaren import migrate, rollover, uitstroom
from trajectory.entrypoints.database import configured_sessions
from trajectory.store.db import database_url
from trajectory.usecases.apitokens import MAX_DAGEN, STANDAARD_DAGEN

if TYPE_CHECKING:
    from fastapi import FastAPI

    from trajectory.domain.auditketen import Finding

app = typer.Typer(
    help="Stagetraject: het stagetraject van een praktijkschool.",
    no_args_is_help=True,
    add_completion=False,
)
audit_app = typer.Typer(help="De audittrail.", no_args_is_help=True)
users_app = typer.Typer(help="Accounts van medewerkers.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(users_app, name="users")
avg_app = typer.Typer(help="Privacy (AVG): inzage en bewaartermijnen.", no_args_is_help=True)
app.add_typer(avg_app, name="avg")
sleutel_app = typer.Typer(
    help="De serversleutel: versleutelt de tweestapsgeheimen, buiten de database bewaard.",
    no_args_is_help=True,
)
app.add_typer(sleutel_app, name="sleutel")


MAX_WORKERS = 32


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=MAX_WORKERS, help="Aantal werkprocessen (uvicorn)")
    ] = 1,
    proxy_headers: Annotated[
        bool,
        typer.Option(
            "--proxy-headers/--no-proxy-headers",
            help="Het adres van de client uit X-Forwarded-For van een vertrouwde proxy",
        ),
    ] = True,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            help="De proxy's IP-adressen (komma's) waarvan X-Forwarded-For geloofd wordt; "
            "standaard FORWARDED_ALLOW_IPS of 127.0.0.1"
        ),
    ] = None,
) -> None:
    """Start de webservice (standaard alleen op deze computer: 127.0.0.1).

    Met --workers N draaien N processen, elk met een eigen databaseverbinding; de scheduler
    draait in elk, maar alleen de houder van de lease voert de taken uit (één per installatie).
    """
    import uvicorn

    from trajectory.domain.geheimen import SleutelFout, uit_omgeving
    from trajectory.store.db import make_engine, upgrade

    typer.echo(f"Stagetraject op http://{host}:{port}/docs (database: {_safe_url()})")
    _log_to_console()
    try:
        sleutels = uit_omgeving()  # the server key checked once, before any worker starts
    except SleutelFout as exc:
        typer.echo(f"Stagetraject start niet: {exc}", err=True)
        raise typer.Exit(2) from exc
    engine = make_engine(database_url())
    try:
        upgrade(engine, sleutels)  # once, not raced by N workers on a fresh database
    finally:
        engine.dispose()
    # uvicorn's own access log prints query strings; ours (service.app) leaves them out
    uvicorn.run(
        f"{__name__}:web_per_worker",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        forwarded_allow_ips=forwarded_allow_ips,
        log_level="info",
        access_log=False,
    )


def web_per_worker() -> FastAPI:
    """uvicorn's factory: called in every worker process, so each builds its own app, engine
    and connection pool (and its own scheduler, which runs jobs only while it holds the lease)."""
    from service.app import create_app

    _log_to_console()  # a worker is a fresh (spawned) process
    return create_app()


def _log_to_console() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    foutlog.installeer()  # uvicorn's and APScheduler's tracebacks without the exceptions' text
    # transitions logs every state entry and exit, APScheduler's executor every run of every job
    # (the mail job: twice a minute) at INFO: noise for an operator. Our jobs log what they did.
    for lawaai in ("transitions", "apscheduler.executors"):
        logging.getLogger(lawaai).setLevel(logging.WARNING)


@app.command()
def scheduler() -> None:
    """Draai alleen de scheduler (herinneringen, e-mail, nazorg afsluiten), blokkerend.

    Voor een installatie met meerdere webinstanties: die draaien dan met TRAJECTORY_SCHEDULER=0.
    Er mogen er meer draaien (ook op SQLite): alleen de houder van de lease voert de taken uit;
    stopt die, dan neemt een andere het binnen anderhalve minuut over.
    """
    from trajectory.entrypoints.scheduler import start_scheduler
    from trajectory.notifications.mail import SmtpSettings

    _log_to_console()
    typer.echo(f"Scheduler gestart (database: {_safe_url()}); stoppen met Ctrl-C.")
    try:
        with configured_sessions() as sessions:
            smtp = SmtpSettings.from_environ()
            start_scheduler(sessions, smtp, SystemClock(), blocking=True)
    except KeyboardInterrupt:
        typer.echo("Scheduler gestopt.")


@app.command()
def demo(leerlingen: int = typer.Option(150, min=1, max=5000), seed: int = 2024) -> None:
    """Vul een lege database met een realistische demoschool (via de engine zelf)."""
    from trajectory.demo import DEMO_TEAMLEIDER, DatabaseNotEmpty, build_demo_school
    from trajectory.domain.geheimen import SleutelFout, uit_omgeving
    from trajectory.domain.totp import provisioning_uri
    from trajectory.usecases.users import enrol_totp

    try:
        sleutels = uit_omgeving()  # on a fresh machine: made once, outside the database
        with configured_sessions() as sessions:
            summary = build_demo_school(sessions, leerlingen=leerlingen, seed=seed)
            secret = enrol_totp(sessions, DEMO_TEAMLEIDER, sleutels)
    except DatabaseNotEmpty as exc:
        typer.echo(str(exc))
        return
    except SleutelFout as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    typer.echo(summary)
    typer.echo(
        f"\nDe teamleider ({DEMO_TEAMLEIDER}) logt altijd in met een code uit een "
        "authenticator-app. Voeg deze sleutel toe in de app (of open de URI):\n"
        f"  sleutel: {secret}\n  {provisioning_uri(secret, DEMO_TEAMLEIDER)}\n"
        "Zonder app geeft dit de code van nu:\n"
        f"  .venv/bin/python -c \"import pyotp; print(pyotp.TOTP('{secret}').now())\""
    )


@app.command()
def machine(as_json: bool = typer.Option(False, "--json", help="Als JSON")) -> None:
    """Toon de toestandsmachine: toestanden en overgangen met hun guards."""
    from trajectory.machines.export import machine_as_dict

    data = machine_as_dict()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for t in data["transitions"]:
        guards = ", ".join(t["guards"]) or "—"
        typer.echo(f"{t['trigger']:24} {t['source']:>22} → {t['dest']:<22} [{guards}]")


DIAGRAM_MAP = Path("diagrams")


@app.command()
def diagram(
    uitvoer: Annotated[
        Path, typer.Option(help="Map voor trajectory.{dot,mmd,svg,png}")
    ] = DIAGRAM_MAP,
) -> None:
    """Teken het hele traject uit de machine zelf: .dot, .mmd en .svg, en .png met Graphviz."""
    from diagrams.render import dot_available, trajectory_image, trajectory_text
    from diagrams.views import traject_svg

    uitvoer.mkdir(parents=True, exist_ok=True)
    (uitvoer / "trajectory.dot").write_text(trajectory_text("graphviz") + "\n", encoding="utf-8")
    (uitvoer / "trajectory.mmd").write_text(trajectory_text("mermaid") + "\n", encoding="utf-8")
    (uitvoer / "trajectory.svg").write_text(traject_svg() + "\n", encoding="utf-8")
    geschreven = ["trajectory.dot", "trajectory.mmd", "trajectory.svg"]
    if dot_available():
        (uitvoer / "trajectory.png").write_bytes(trajectory_image("png"))
        geschreven.append("trajectory.png")
    else:
        typer.echo(
            "Graphviz ('dot') ontbreekt: geen PNG geschreven "
            "(installeer het Debian-pakket graphviz voor de PNG)."
        )
    typer.echo(f"Geschreven in {uitvoer}: " + ", ".join(geschreven))


SLEUTEL_BESTAND = typer.Option(
    None,
    "--sleutel-bestand",
    help="Bestand met de ankersleutel (anders TRAJECTORY_ANKER_SLEUTEL); buiten de database",
)


@audit_app.command("verify")
def audit_verify(
    anker: str | None = typer.Option(
        None,
        help="Een ondertekend ankerbestand (trajectory audit anker) of een eerder genoteerde "
        "hash die er nog in moet zitten (vangt weggehaalde en herberekende events)",
    ),
    sleutel_bestand: Path | None = SLEUTEL_BESTAND,
) -> None:
    """Controleer elke hash-keten; exit 0 als ze kloppen, 1 met het eerste foute event."""
    from trajectory.domain import anker as ankers
    from trajectory.store.repository import audit_head, keten_koppen, verify_audit
    from trajectory.usecases.auditanker import verify_tegen_anker

    try:
        with configured_sessions() as sessions, sessions() as session:
            if anker is not None and anker.endswith(".json"):
                ondertekend = ankers.lees(Path(anker))
                finding = verify_tegen_anker(session, ondertekend, ankers.sleutel(sleutel_bestand))
            else:
                finding = verify_audit(session, anker=anker)
            aantal, laatste = audit_head(session)
            ketens = len(keten_koppen(session))
    except ankers.AnkerFout as exc:
        typer.echo(f"Audittrail NIET gecontroleerd: {exc}", err=True)
        raise typer.Exit(2) from exc
    if finding is None:
        typer.echo(f"Audittrail intact: {aantal} events in {ketens} ketens; laatste hash {laatste}")
        typer.echo("Bewaar een ondertekend anker buiten de database: trajectory audit anker.")
        return
    waar = f"event {finding.event_id}" if finding.event_id is not None else "einde van de keten"
    typer.echo(f"Audittrail NIET intact: {waar}: {finding.reden}{_plaats(finding)}", err=True)
    raise typer.Exit(1)


def _plaats(finding: Finding) -> str:
    """Which chain, and where in it, for `audit verify`'s message."""
    if finding.keten is None:
        return ""
    if finding.volgnummer is None:
        return f" [keten {finding.keten}]"
    return f" [keten {finding.keten}, volgnummer {finding.volgnummer}]"


@audit_app.command("anker")
def audit_anker(
    uitvoer: Annotated[Path, typer.Option(help="Het ankerbestand (JSON), naast de back-ups")],
    sleutel_bestand: Path | None = SLEUTEL_BESTAND,
) -> None:
    """Onderteken de Merkle-wortel over de koppen van alle ketens met de ankersleutel."""
    from trajectory.domain import anker as ankers
    from trajectory.usecases.auditanker import huidig_anker

    try:
        sleutel = ankers.sleutel(sleutel_bestand)
    except ankers.AnkerFout as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    with configured_sessions() as sessions, sessions() as session:
        ondertekend = huidig_anker(session, sleutel, SystemClock())
    uitvoer.write_text(ankers.als_json(ondertekend), encoding="utf-8")
    typer.echo(
        f"Anker geschreven naar {uitvoer}: {ondertekend.aantal} events in "
        f"{len(ondertekend.ketens)} ketens, wortel {ondertekend.wortel}"
    )


@avg_app.command("export")
def avg_export(
    uitvoer: Annotated[Path, typer.Option(help="Het JSON-bestand")],
    leerling: Annotated[int | None, typer.Option(help="Het id van de leerling")] = None,
    praktijkbegeleider: Annotated[
        int | None, typer.Option(help="Of: het id van een praktijkbegeleider")
    ] = None,
    html: Annotated[Path | None, typer.Option(help="Ook een leesbare HTML-pagina")] = None,
) -> None:
    """Alle gegevens van één leerling of praktijkbegeleider voor een inzageverzoek;
    vastgelegd in de audittrail."""
    from trajectory.domain.access import SYSTEEM
    from trajectory.usecases import inzage
    from trajectory.usecases.fouten import PraktijkbegeleiderNotFound

    if (leerling is None) == (praktijkbegeleider is None):
        typer.echo("Geef --leerling of --praktijkbegeleider (één van beide).", err=True)
        raise typer.Exit(2)
    try:
        with configured_sessions() as sessions, sessions.begin() as session:
            if leerling is not None:
                export = inzage.exporteer(session, leerling, SYSTEEM, SystemClock())
            else:
                assert praktijkbegeleider is not None
                export = inzage.exporteer_praktijkbegeleider(
                    session, praktijkbegeleider, SYSTEEM, SystemClock()
                )
    except inzage.LeerlingOnbekend as exc:
        typer.echo(f"Er is geen leerling met id {leerling}.", err=True)
        raise typer.Exit(2) from exc
    except PraktijkbegeleiderNotFound as exc:
        typer.echo(f"Er is geen praktijkbegeleider met id {praktijkbegeleider}.", err=True)
        raise typer.Exit(2) from exc
    uitvoer.write_text(json.dumps(export, ensure_ascii=False, indent=2), encoding="utf-8")
    if html is not None:
        from service.pages.avg import als_html

        html.write_text(als_html(export), encoding="utf-8")
    aantal = sum(len(rijen) for rijen in export["tabellen"].values())
    typer.echo(
        f"Inzage geschreven naar {uitvoer}: {aantal} rijen uit {len(export['tabellen'])} tabellen."
    )


@avg_app.command("bewaartermijn")
def avg_bewaartermijn(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Alleen tonen, niets wissen")] = False,
) -> None:
    """Wis persoonsgegevens waarvan de bewaartermijn voorbij is (standaard: 2 jaar na nazorg).

    De audittrail blijft controleerbaar: alleen de payloads verdwijnen, hun hashes blijven."""
    from trajectory.usecases.bewaartermijn import Bewaartermijnen, bewaartermijn

    with configured_sessions() as sessions:
        uitslag = bewaartermijn(
            sessions, SystemClock(), Bewaartermijnen.from_environ(), dry_run=dry_run
        )
    werkwoord = "zou wissen" if dry_run else "gewist"
    ids = ", ".join(str(i) for i in uitslag.leerlingen) or "geen"
    pbs = ", ".join(str(i) for i in uitslag.praktijkbegeleiders) or "geen"
    typer.echo(
        f"Leerlingen {werkwoord}: {ids}. Praktijkbegeleiders {werkwoord}: {pbs}. "
        f"Meldingen {werkwoord}: {uitslag.meldingen}."
    )


@users_app.command("add")
def users_add(
    email: str = typer.Option(...),
    naam: str = typer.Option(...),
    rol: str = typer.Option(
        ..., help="stagebegeleider, stage_ondersteuningsbegeleider, mentor of teamleider"
    ),
    klas: str | None = typer.Option(None, help="Voor een mentor: de klas"),
    wachtwoord: str = typer.Option(
        ...,
        prompt="Wachtwoord (minstens 12 tekens)",
        hide_input=True,
        confirmation_prompt=True,
        envvar="TRAJECTORY_NIEUW_WACHTWOORD",
        help="Gevraagd als u het weglaat; nooit op de opdrachtregel zetten",
    ),
) -> None:
    """Maak een account aan (de eerste teamleider komt hiervandaan)."""
    from trajectory.usecases.users import UserError, add_user

    try:
        with configured_sessions() as sessions:
            user_id = add_user(
                sessions,
                email=email,
                naam=naam,
                rol=rol,
                klas=klas,
                clock=SystemClock(),
                wachtwoord=wachtwoord,
            )
    except UserError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"Account {user_id} aangemaakt ({rol}).")


@users_app.command("wachtwoord")
def users_password(
    email: str = typer.Option(...),
    wachtwoord: str = typer.Option(
        ...,
        prompt="Nieuw wachtwoord (minstens 12 tekens)",
        hide_input=True,
        confirmation_prompt=True,
        envvar="TRAJECTORY_NIEUW_WACHTWOORD",
    ),
) -> None:
    """Zet een nieuw wachtwoord; de sessies van het account worden beëindigd."""
    from trajectory.usecases.users import UserError, set_password

    try:
        with configured_sessions() as sessions:
            set_password(sessions, email, wachtwoord)
    except UserError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    typer.echo("Wachtwoord gewijzigd; bestaande sessies zijn beëindigd.")


@users_app.command("api-token")
def users_api_token(
    email: str = typer.Option(...),
    naam: str = typer.Option("api", help="Waarvoor het token is"),
    dagen: int = typer.Option(
        STANDAARD_DAGEN, min=1, max=MAX_DAGEN, help="Hoeveel dagen het token geldt"
    ),
) -> None:
    """Maak een API-token (Authorization: Bearer …); het wordt maar één keer getoond."""
    from trajectory.usecases import apitokens
    from trajectory.usecases.users import UserError

    try:
        with configured_sessions() as sessions:
            nieuw = apitokens.maak(
                sessions, _account_id(sessions, email), naam, SystemClock(), dagen
            )
    except UserError as exc:
        typer.echo(exc.bericht, err=True)
        raise typer.Exit(2) from exc
    typer.echo(nieuw.token)
    typer.echo(f"Token {nieuw.id}; geldig tot {nieuw.verloopt:%Y-%m-%d %H:%M} UTC.", err=True)


@users_app.command("api-tokens")
def users_api_tokens(email: str = typer.Option(...)) -> None:
    """Toon de API-tokens van een account (nooit de tokens zelf)."""
    from trajectory.usecases import apitokens
    from trajectory.usecases.users import UserError

    try:
        with configured_sessions() as sessions:
            gebruiker_id = _account_id(sessions, email, alleen_actief=False)
            with sessions() as session:
                tokens = apitokens.lijst(session, gebruiker_id, SystemClock().now())
    except UserError as exc:
        typer.echo(exc.bericht, err=True)
        raise typer.Exit(2) from exc
    for token in tokens:
        status = "geldig" if token.geldig else "verlopen"
        typer.echo(
            f"{token.id:5} {token.naam:30} aangemaakt {token.aangemaakt:%Y-%m-%d}  "
            f"tot {token.verloopt:%Y-%m-%d %H:%M} UTC  {status}"
        )


@users_app.command("api-token-intrekken")
def users_api_token_intrekken(
    email: str = typer.Option(...), token: int = typer.Option(..., "--id", help="Het token-id")
) -> None:
    """Trek een API-token in; het werkt meteen niet meer."""
    from trajectory.usecases import apitokens
    from trajectory.usecases.users import UserError

    try:
        with configured_sessions() as sessions:
            gebruiker_id = _account_id(sessions, email, alleen_actief=False)
            with sessions.begin() as session:
                gelukt = apitokens.intrekken(session, gebruiker_id, token, door="cli")
    except UserError as exc:
        typer.echo(exc.bericht, err=True)
        raise typer.Exit(2) from exc
    if not gelukt:
        typer.echo(f"Dit account heeft geen API-token {token}.", err=True)
        raise typer.Exit(2)
    typer.echo(f"API-token {token} is ingetrokken.")


def _account_id(sessions: sessionmaker[Session], email: str, alleen_actief: bool = True) -> int:
    from sqlalchemy import select

    from trajectory.store.tables import Gebruiker
    from trajectory.usecases.users import UserError

    with sessions() as session:
        gebruiker = session.scalar(
            select(Gebruiker).where(Gebruiker.email == email.strip().lower())
        )
    if gebruiker is None or (alleen_actief and not gebruiker.actief):
        raise UserError(f"Er is geen {'actief ' if alleen_actief else ''}account voor {email}.")
    return gebruiker.id


@users_app.command("totp-reset")
def users_totp_reset(email: str = typer.Option(...)) -> None:
    """Wis de tweestapsverificatie (een kwijtgeraakte telefoon); de sessies worden beëindigd.

    Bij de volgende keer inloggen stelt de gebruiker een nieuwe authenticator-app in."""
    from trajectory.usecases.users import UserError, reset_totp_by_email

    try:
        with configured_sessions() as sessions:
            gebruiker_id = reset_totp_by_email(sessions, email)
    except UserError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    logging.getLogger("stagetraject.gebruikersbeheer").info(
        "account %s: tweestapsverificatie gewist (cli)", gebruiker_id
    )
    typer.echo(
        "Tweestapsverificatie gewist; bij de volgende keer inloggen stelt men een nieuwe in."
    )


@users_app.command("agenda-token")
def users_agenda_token(email: str = typer.Option(...)) -> None:
    """Maak een nieuw geheim adres voor de agenda-feed; het oude werkt daarna niet meer."""
    from trajectory.usecases.users import UserError, new_agenda_token

    try:
        with configured_sessions() as sessions:
            token = new_agenda_token(sessions, email)
    except UserError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    typer.echo(token)
    typer.echo(
        f"Abonneer je agenda op: <adres van de service>/agenda/{token}.ics "
        "(houd dit adres geheim; het vorige werkt niet meer).",
        err=True,
    )


@users_app.command("list")
def users_list() -> None:
    """Toon de accounts."""
    from sqlalchemy import select

    from trajectory.store.tables import Gebruiker

    with configured_sessions() as sessions, sessions() as session:
        for g in session.scalars(select(Gebruiker).order_by(Gebruiker.id)):
            status = "" if g.actief else " (geblokkeerd)"
            typer.echo(f"{g.id:4} {g.email:32} {g.rol:32} {g.klas or ''}{status}")


@sleutel_app.command("nieuw")
def sleutel_nieuw() -> None:
    """Toon een nieuwe, willekeurige serversleutel (43 tekens); er wordt niets opgeslagen."""
    from trajectory.domain.geheimen import nieuwe_sleutel

    typer.echo(nieuwe_sleutel())


@sleutel_app.command("roteer")
def sleutel_roteer() -> None:
    """Versleutel elk tweestapsgeheim opnieuw met de eerste sleutel uit de configuratie.

    Zet eerst de nieuwe sleutel vóór de oude (TRAJECTORY_SERVERSLEUTEL="nieuw oud", of twee
    regels in het sleutelbestand) en herstart; daarna dit; daarna de oude weghalen en herstarten.
    """
    from trajectory.domain.geheimen import SleutelFout, uit_omgeving
    from trajectory.usecases.sleutelrotatie import roteer

    try:
        sleutels = uit_omgeving()
        with configured_sessions() as sessions:
            uitslag = roteer(sessions, sleutels)
    except SleutelFout as exc:
        typer.echo(f"Niet geroteerd: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(
        f"{uitslag.accounts} tweestapsgeheim(en) en {uitslag.sessies} lopende instelling(en) "
        f"opnieuw versleuteld met de eerste sleutel uit {sleutels.herkomst}. Haal de oude "
        "sleutel nu weg en herstart."
    )


def _safe_url() -> str:
    url = database_url()
    return url.split("@")[-1] if "@" in url else url


# the school-year commands, listed after the others in --help
app.add_typer(bedrijven_app, name="bedrijven")
app.command("migrate")(migrate)
app.command("rollover")(rollover)
app.command("uitstroom")(uitstroom)

if __name__ == "__main__":
    sys.exit(app())
