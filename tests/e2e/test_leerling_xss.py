"""Every text field of every form on the leerling page, sent with a script, comes back as text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from service.pages.aangeboden_formulieren import FORMULIEREN, vastlegging
from service.pages.velden import alle_velden
from tests.integration.builders import (
    MOTIVATIE,
    als_entree_leerling,
    breng_naar,
    nieuwe_leerling,
    versie,
    zet_stap,
)
from tests.web import log_in
from trajectory.usecases import engine, vastleggen

SCRIPT = "<script>alert(1)</script>"
PER_RIJ = re.compile(r"/(vastgelegd|stageplaatsen)/")  # a row's own forms (corrections, #16)
ALS_TEKST = "&lt;script&gt;alert(1)&lt;/script&gt;"


class Formulieren(HTMLParser):
    """The page's forms: action and fields (tag, type, name, first real option)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a["action"], "fields": []})
        elif tag in ("input", "textarea") and self.forms:
            self.forms[-1]["fields"].append(
                {
                    "tag": tag,
                    "type": a.get("type", "text"),
                    "name": a["name"],
                    "value": a.get("value") or "",
                }
            )
        elif tag == "select" and self.forms:
            self._select = {"tag": "select", "type": "select", "name": a["name"], "value": ""}
            self.forms[-1]["fields"].append(self._select)
        elif tag == "option" and self._select is not None and not self._select["value"]:
            self._select["value"] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def formulieren(html: str) -> list[dict]:
    parser = Formulieren()
    parser.feed(html)
    return [f for f in parser.forms if f["action"] != "/uitloggen"]


def met_script(form: dict) -> dict[str, str]:
    data = {}
    for veld in form["fields"]:
        if veld["tag"] == "textarea" or veld["type"] == "text":
            data[veld["name"]] = SCRIPT
        elif veld["type"] in ("hidden", "select"):
            data[veld["name"]] = veld["value"]
    return data


def tekstvelden(form: dict) -> int:
    return sum(1 for v in form["fields"] if v["tag"] == "textarea" or v["type"] == "text")


def _op_stage(sessions, clock, staff, leerling_id):
    breng_naar(sessions, clock, staff.teamleider, leerling_id, "stage_zoeken")
    plaatsing = {"bedrijf": "Tuincentrum", "sector": "04", "startdatum": "2025-03-03"}
    vastleggen.add_plaatsing(sessions, leerling_id, plaatsing, actor=staff.teamleider, clock=clock)
    result = engine.advance(
        sessions,
        leerling_id,
        "stage_starten",
        actor=staff.teamleider,
        version=versie(sessions, leerling_id),
        clock=clock,
        motivatie=MOTIVATIE,
    )
    assert isinstance(result, engine.Overgegaan)


def _uitgevallen(sessions, clock, staff, leerling_id):
    breng_naar(sessions, clock, staff.teamleider, leerling_id, "groepsstage")
    zet_stap(sessions, clock, staff.teamleider, leerling_id, "uitvallen", reden="weg")


TOESTANDEN = {
    "interne_stage": lambda *args: None,
    "stage_advies": lambda s, c, staff, i: breng_naar(s, c, staff.teamleider, i, "stage_advies"),
    "groepsstage": lambda s, c, staff, i: breng_naar(s, c, staff.teamleider, i, "groepsstage"),
    "individuele_stage": _op_stage,
    "uitgevallen": _uitgevallen,
}


def _stage_zoeken(sessions, clock, staff, leerling_id):
    breng_naar(sessions, clock, staff.teamleider, leerling_id, "stage_zoeken")
    plaatsing = {"bedrijf": "Tuincentrum", "sector": "04", "startdatum": "2025-03-03"}
    vastleggen.add_plaatsing(sessions, leerling_id, plaatsing, actor=staff.teamleider, clock=clock)


def _uitgevallen_in_entree(sessions, clock, staff, leerling_id):
    """Where the verlenging of the Entree year is offered (issue 15)."""
    _uitgevallen(sessions, clock, staff, leerling_id)
    als_entree_leerling(sessions, leerling_id)


TOESTANDEN["stage_zoeken"] = _stage_zoeken
TOESTANDEN["uitgevallen_in_entree"] = _uitgevallen_in_entree


def _doorzetten(sessions, clock, staff, leerling_id, *stappen):
    for trigger, payload in stappen:
        result = engine.advance(
            sessions,
            leerling_id,
            trigger,
            actor=staff.teamleider,
            version=versie(sessions, leerling_id),
            clock=clock,
            payload=payload,
            motivatie=MOTIVATIE,
        )
        assert isinstance(result, engine.Overgegaan), result


def _uitstroom(sessions, clock, staff, leerling_id):
    _uitgevallen(sessions, clock, staff, leerling_id)
    _doorzetten(
        sessions, clock, staff, leerling_id,
        ("alternatief_starten", {"met": "ondersteuningsteam", "uitkomst": "positief"}),
        ("alternatief_afronden", {"vervolg": "uitstroom"}),
    )  # fmt: skip


def _praktijkexamen(sessions, clock, staff, leerling_id):
    _uitstroom(sessions, clock, staff, leerling_id)
    _doorzetten(sessions, clock, staff, leerling_id, ("entree_starten", None))
    plaatsing = {"bedrijf": "Hotel", "sector": "03", "startdatum": "2025-03-03"}
    vastleggen.add_plaatsing(sessions, leerling_id, plaatsing, actor=staff.teamleider, clock=clock)
    _doorzetten(
        sessions, clock, staff, leerling_id, ("stage_starten", None), ("examen_aanmelden", None)
    )


TOESTANDEN["uitstroom"] = _uitstroom  # the eindgesprek
TOESTANDEN["praktijkexamen"] = _praktijkexamen  # the Proeve van Bekwaamheid
TOESTANDEN["verdieping"] = _op_stage  # leerjaar 4 (below): stage_starten leads to verdieping


def _met_tekst(kind: str) -> bool:
    soorten = {v.soort for v in alle_velden(vastlegging(kind, 1).velden)}
    return bool(soorten & {"tekst", "tekstvak", "getal", "getallen"})


def test_elk_tekstveld_van_elk_formulier_komt_terug_als_tekst(client, sessions, clock, staff):
    """The teamleider sees every form (and every "toch doorzetten"); each is sent once, for a
    fresh leerling in the state where the page shows it, with a script in every text field."""
    log_in(client, sessions, "teamleider")
    gedaan = set()
    for toestand, naar in TOESTANDEN.items():

        def leerling(naar=naar, toestand=toestand) -> int:
            leerling_id = nieuwe_leerling(
                sessions,
                clock,
                staff.teamleider,
                leerjaar="4" if toestand == "verdieping" else "3",
                klas="3A",
            )
            naar(sessions, clock, staff, leerling_id)
            return leerling_id

        voorbeeld = leerling()
        acties = [
            f["action"].replace(f"/{voorbeeld}/", "/{id}/")
            for f in formulieren(client.get(f"/leerlingen/{voorbeeld}").text)
            if tekstvelden(f) and not PER_RIJ.search(f["action"])  # those: test_correcties_pagina
        ]
        for actie in acties:
            leerling_id = leerling()
            pagina = client.get(f"/leerlingen/{leerling_id}").text
            (form,) = (
                f for f in formulieren(pagina) if f["action"] == actie.format(id=leerling_id)
            )
            response = client.post(form["action"], data=met_script(form), follow_redirects=False)
            if response.status_code == 303:
                response = client.get(response.headers["location"])

            assert SCRIPT not in response.text, (toestand, actie)
            assert ALS_TEKST in response.text, (toestand, actie)
            gedaan.add(actie.rsplit("/", 1)[1])

    assert {kind for kind in FORMULIEREN if _met_tekst(kind)} <= gedaan
    assert {"uitvallen", "interne_stage_afronden", "advies_groepsstage", "gegevens"} <= gedaan
    assert {"reflectiegesprek", "stage_agenda", "doelen", "proeve", "eindgesprek"} <= gedaan
