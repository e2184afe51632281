"""The stage-agenda on a phone (issue #18): a praktijkbegeleider opens their personal link on a
390 px screen, fills in this week with the hours and a tussentijdse beoordeling, and the
stagebegeleider sees both on the placement's agenda. No page scrolls sideways; the link pages'
screenshots are kept in docs/screenshots/ (`smal-extern-…`)."""

from __future__ import annotations

from sqlalchemy import select

from tests.browser.rondgang import BEGELEIDER, TELEFOON, expect, log_in
from tests.browser.test_telefoon import BREEDTE, UITSTEKERS, _bewaar
from tests.browser.test_toegankelijkheid import Axe, _bevindingen
from trajectory.domain.access import Actor
from trajectory.domain.stageagenda import maandag
from trajectory.store import tables as t
from trajectory.usecases import links


def _stage_met_praktijkbegeleider(sessions) -> tuple[int, int, Actor]:
    """A running placement of the demo's first stagebegeleider whose praktijkbegeleider is in
    the register: (leerling, plaatsing, that stagebegeleider)."""
    with sessions() as session:
        begeleider = session.scalars(
            select(t.Gebruiker).where(t.Gebruiker.email == BEGELEIDER)
        ).one()
        lid, pid = session.execute(
            select(t.Plaatsing.leerling_id, t.Plaatsing.id)
            .join(t.Leerling, t.Leerling.id == t.Plaatsing.leerling_id)
            .where(
                t.Plaatsing.status == "lopend",
                t.HUIDIGE_PLAATSING,
                t.Plaatsing.praktijkbegeleider_id.is_not(None),
                t.Leerling.stagebegeleider_id == begeleider.id,
            )
            .order_by(t.Plaatsing.id)
            .limit(1)
        ).one()
        return lid, pid, Actor(begeleider.id, begeleider.rol, begeleider.naam)


def _past(tab, naam: str, database_url: str, te_breed: dict) -> None:
    """No sideways scroll and no axe-core violation on this page; its screenshot kept."""
    breed, zichtbaar = tab.evaluate(BREEDTE)
    if breed > zichtbaar:
        te_breed[naam] = (breed, tab.evaluate(UITSTEKERS, zichtbaar))
    if Axe is not None:
        assert _bevindingen(Axe().run(tab).response) == {}, naam
    _bewaar(tab, f"smal-extern-{naam}.png", database_url)


def test_een_praktijkbegeleider_vult_op_de_telefoon_een_week_en_een_beoordeling_in(
    browser, server, demoschool, clock, database_url
):
    lid, pid, begeleider = _stage_met_praktijkbegeleider(demoschool)
    nieuw = links.maak_link(
        demoschool, pid, "praktijkbegeleider", "agenda", actor=begeleider, clock=clock
    )
    week = maandag(clock.now().date())
    te_breed: dict = {}
    context = browser.new_context(base_url=server, viewport=TELEFOON, locale="nl-NL")
    tab = context.new_page()

    tab.goto(f"/l/{nieuw.token}")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Stage van")
    _past(tab, "home", database_url, te_breed)
    tab.get_by_role("link", name="Stage-agenda: de weken invullen").click()
    _past(tab, "agenda", database_url, te_breed)
    tab.locator(f'a[href="/extern/agenda/week?week={week.isoformat()}"]').click()
    tab.locator(f"#uren_{week.isoformat()}").fill("6,5")
    tab.get_by_label("Hoe ging het met de leerdoelen?").fill("Vult zelf de schappen aan.")
    tab.get_by_role("group", name="Arbeid").get_by_label("Voldoende", exact=True).check()
    _past(tab, "week", database_url, te_breed)
    tab.get_by_role("button", name="Opslaan en uren goedkeuren").click()
    expect(tab.get_by_role("status")).to_contain_text("de uren zijn goedgekeurd")

    tab.get_by_role("link", name="Beoordeling van de stage invullen").click()
    tab.get_by_label("Tussentijdse beoordeling", exact=True).check()
    tab.get_by_label("Periode (alleen bij een tussentijdse beoordeling)").select_option("1")
    tab.get_by_role("group", name="Sociaal").get_by_label("Voldoende", exact=True).check()
    tab.get_by_role("group", name="Uitslag: hoe ging de stage als geheel?").get_by_label(
        "Voldoende", exact=True
    ).check()
    tab.get_by_label("Toelichting", exact=True).fill(
        "Werkt zelfstandig en is vriendelijk tegen klanten."
    )
    _past(tab, "beoordeling", database_url, te_breed)
    tab.get_by_role("button", name="Beoordeling opslaan").click()
    expect(tab.get_by_role("status")).to_contain_text("de beoordeling is opgeslagen")
    context.close()

    context, tab = log_in(browser, server, clock, BEGELEIDER)
    tab.goto(f"/leerlingen/{lid}/stageplaatsen/{pid}/agenda")
    expect(tab.get_by_text("Vult zelf de schappen aan.")).to_be_visible()
    expect(tab.get_by_text("Werkt zelfstandig en is vriendelijk tegen klanten.")).to_be_visible()
    _past(tab, "stagebegeleider", database_url, te_breed)
    context.close()
    assert te_breed == {}, f"breder dan {TELEFOON['width']} px: {te_breed}"
