"""Correcting and voiding from the leerling page (#16 part 2): a small "corrigeren" and
"ongeldig maken" per row, the old version struck through with its reason, the timeline."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from tests.e2e import test_leerling_xss as xss
from tests.e2e.test_leerling_pagina import post, tekst
from tests.integration.builders import leg_vast, nieuwe_leerling, zet_stap
from tests.integration.test_correcties import _dag, _entree, _intake_regel, _stand
from tests.web import log_in
from trajectory.store import tables as t
from trajectory.usecases import vastleggen

REDEN = "Verkeerd ingevuld bij het vastleggen."
PLAATSING = {"bedrijf": "Bakkerij Koster", "sector": "03", "startdatum": "2025-03-17"}


def _leerling(sessions, clock, staff) -> tuple[int, int, int]:
    lid = nieuwe_leerling(
        sessions, clock, staff.teamleider, klas="3A", stagebegeleider_id=staff.stagebegeleider.id
    )
    record = leg_vast(sessions, clock, staff.stagebegeleider, lid, "vragenlijst", besproken=True)
    plaatsing = vastleggen.add_plaatsing(
        sessions, lid, PLAATSING, actor=staff.stagebegeleider, clock=clock
    )
    return lid, record, plaatsing


def test_de_begeleider_corrigeert_een_vastlegging_en_ziet_de_oude_doorgestreept(
    client, sessions, clock, staff
):
    lid, record, _ = _leerling(sessions, clock, staff)
    csrf = log_in(client, sessions, "stagebegeleider")
    pagina = client.get(f"/leerlingen/{lid}").text
    adres = f"/leerlingen/{lid}/vastgelegd/vragenlijst/{record}"
    assert f'href="{adres}/corrigeren"' in pagina
    assert f'action="{adres}/ongeldig"' in pagina

    formulier = client.get(f"{adres}/corrigeren")
    assert formulier.status_code == 200
    assert re.search(r'<option value="ja" selected>', formulier.text)  # the current value

    kort = post(client, f"{adres}/corrigeren", csrf, besproken="nee", reden="fout")
    assert kort.status_code == 422
    assert "minstens 10 tekens" in tekst(kort.text)

    antwoord = post(client, f"{adres}/corrigeren", csrf, besproken="nee", reden=REDEN)
    assert antwoord.status_code == 303
    pagina = client.get(antwoord.headers["location"]).text
    assert "De correctie is opgeslagen" in tekst(pagina)
    assert f"{REDEN}" in tekst(pagina)
    assert re.search(r'<tr class="vervallen">', pagina)
    assert f"Vervallen op 03-03-2025 10:00: {REDEN}" in tekst(pagina)
    assert "Gecorrigeerd: oriëntatie-vragenlijst" in tekst(pagina)

    nog_eens = post(client, f"{adres}/corrigeren", csrf, besproken="ja", reden=REDEN)
    assert nog_eens.status_code == 409  # the old version was corrected already


def test_de_mentor_ziet_geen_corrigeerknop_en_mag_niet_corrigeren(client, sessions, clock, staff):
    lid, record, plaatsing = _leerling(sessions, clock, staff)
    csrf = log_in(client, sessions, "mentor")
    assert "/corrigeren" not in client.get(f"/leerlingen/{lid}").text
    adres = f"/leerlingen/{lid}/vastgelegd/vragenlijst/{record}"
    assert client.get(f"{adres}/corrigeren").status_code == 403
    assert post(client, f"{adres}/ongeldig", csrf, reden=REDEN).status_code == 403


def test_een_stageplaats_ongeldig_maken_en_corrigeren_via_de_pagina(client, sessions, clock, staff):
    lid, _, plaatsing = _leerling(sessions, clock, staff)
    csrf = log_in(client, sessions, "stagebegeleider")
    adres = f"/leerlingen/{lid}/stageplaatsen/{plaatsing}"

    formulier = client.get(f"{adres}/corrigeren").text
    assert 'value="Bakkerij Koster"' in formulier
    antwoord = post(
        client, f"{adres}/corrigeren", csrf,
        bedrijf="Bakkerij Koster en Zn", sector="03", startdatum="2025-03-17", reden=REDEN,
    )  # fmt: skip
    assert antwoord.status_code == 303, tekst(antwoord.text)
    with sessions() as session:
        nieuw = session.scalar(select(t.Plaatsing).where(t.Plaatsing.vervangt_id == plaatsing))
    assert (nieuw.bedrijf, nieuw.vervallen) == ("Bakkerij Koster en Zn", None)

    leeg = post(client, f"/leerlingen/{lid}/stageplaatsen/{nieuw.id}/ongeldig", csrf, reden="")
    assert leeg.status_code == 422
    assert "Niet ongeldig gemaakt" in tekst(leeg.text)
    weg = post(client, f"/leerlingen/{lid}/stageplaatsen/{nieuw.id}/ongeldig", csrf, reden=REDEN)
    assert weg.status_code == 303
    pagina = tekst(client.get(weg.headers["location"]).text)
    assert "Het gegeven is ongeldig gemaakt" in pagina
    assert f"Vervallen op 03-03-2025 10:00: {REDEN}" in pagina  # the placement's row
    assert pagina.count(REDEN) >= 2  # both versions struck through, each with its reason


def test_elk_tekstveld_van_de_correctieformulieren_komt_terug_als_tekst(
    client, sessions, clock, staff
):
    """The reason of a correction and every text field of the correction forms, sent with a
    script, is shown as text (on the leerling page and in the form that comes back)."""
    lid, record, plaatsing = _leerling(sessions, clock, staff)
    csrf = log_in(client, sessions, "teamleider")
    adres = f"/leerlingen/{lid}/stageplaatsen/{plaatsing}/corrigeren"
    formulieren = [f for f in xss.formulieren(client.get(adres).text) if f["action"] == adres]
    data = xss.met_script(formulieren[0])
    antwoord = client.post(adres, data={**data, "sector": "03", "startdatum": "2025-03-17"})
    assert xss.SCRIPT not in antwoord.text
    assert xss.ALS_TEKST in antwoord.text  # the leerling page, after the redirect

    adres = f"/leerlingen/{lid}/vastgelegd/vragenlijst/{record}"
    kort = post(client, f"{adres}/corrigeren", csrf, besproken="ja", reden="<b>k</b>")
    assert kort.status_code == 422
    assert "<b>k</b>" not in kort.text
    assert "&lt;b&gt;k&lt;/b&gt;" in kort.text
    pagina = client.get(f"/leerlingen/{lid}").text
    rijen = [f for f in xss.formulieren(pagina) if xss.PER_RIJ.search(f["action"])]
    ongeldig = [f for f in rijen if f["action"].endswith("/ongeldig")]
    assert len(ongeldig) == 2, "the current placement and record each have an ongeldig-form"
    # the placement's other forms (its links, #18) first: voided, the placement takes none
    for form in sorted(rijen, key=lambda f: f in ongeldig):
        antwoord = client.post(form["action"], data=xss.met_script(form))
        # after the redirect; a link's form refuses the script as an e-mail address
        assert antwoord.status_code == (200 if form in ongeldig else 422)
        assert xss.SCRIPT not in antwoord.text
        assert xss.ALS_TEKST in antwoord.text


def test_de_teamleider_neemt_een_leerling_over_met_het_formulier(client, sessions, clock, staff):
    csrf = log_in(client, sessions, "teamleider")
    pagina = client.get("/intake")
    assert pagina.status_code == 200
    assert "Stan Begeleider" in pagina.text  # the stagebegeleider chosen by name

    te_weinig = post(
        client, "/intake", csrf, naam="Ada Entree", geboortedatum="2007-05-01",
        leerjaar="entree", state="entree",
    )  # fmt: skip
    assert te_weinig.status_code == 422
    assert "In de fase entree is de startdatum van de stage nodig" in tekst(te_weinig.text)

    antwoord = post(
        client, "/intake", csrf, naam="Ada Entree", geboortedatum="2007-05-01",
        leerjaar="entree", state="entree", bedrijf="Bakkerij Koster", sector="03",
        startdatum="2024-09-02", uren="412,5", stagebegeleider_id=str(staff.stagebegeleider.id),
    )  # fmt: skip
    assert antwoord.status_code == 303, tekst(antwoord.text)
    leerling = tekst(client.get(antwoord.headers["location"]).text)
    assert "De leerling is overgenomen uit de administratie" in leerling
    assert "Overgenomen uit de administratie, in Entree" in leerling
    assert "412,5 uur geregistreerd" in leerling or "412.5 uur geregistreerd" in leerling


def test_de_csv_intake_via_de_pagina_toont_eerst_het_voorbeeld(client, sessions, clock, staff):
    csrf = log_in(client, sessions, "teamleider")
    csv = (
        b"naam;geboortedatum;leerjaar;fase;klas\n"
        b"Bo <b>Vet</b>;2008-02-03;3;uitgevallen;3A\n"
        b"Cas;2008-02-03;3;verdieping;3A\n"
    )
    fout = client.post(
        "/intake/import", data={"csrf_token": csrf}, files={"bestand": ("a.csv", csv, "text/csv")}
    )
    assert fout.status_code == 422
    assert "in de fase verdieping is het leerjaar 4, 5, niet 3" in tekst(fout.text)
    assert "<b>Vet</b>" not in fout.text  # a name from the file is text

    goed = csv.rsplit(b"\n", 2)[0] + b"\n"
    voorbeeld = client.post(
        "/intake/import", data={"csrf_token": csrf}, files={"bestand": ("a.csv", goed, "text/csv")}
    )
    assert voorbeeld.status_code == 200
    inhoud = re.search(r'name="inhoud" value="([^"]+)"', voorbeeld.text).group(1)
    klaar = post(client, "/intake/import/bevestigen", csrf, inhoud=inhoud)
    assert klaar.status_code == 200
    assert "1 leerling is overgenomen uit de administratie" in tekst(klaar.text)


def test_elk_tekstveld_van_het_intakeformulier_komt_terug_als_tekst(client, sessions, staff):
    log_in(client, sessions, "teamleider")
    (form,) = [f for f in xss.formulieren(client.get("/intake").text) if f["action"] == "/intake"]
    assert xss.tekstvelden(form) >= 3
    antwoord = client.post("/intake", data=xss.met_script(form))
    assert antwoord.status_code == 422
    assert xss.SCRIPT not in antwoord.text
    assert xss.ALS_TEKST in antwoord.text


def test_de_pagina_waarschuwt_als_een_correctie_een_gezette_stap_ongeldig_maakt(
    client, sessions, clock, staff
):
    clock.set(date(2025, 5, 12))
    lid = _entree(sessions, clock, staff, 645, studieadvies_positief=True)
    voldoende = {"soort": "tussentijds", "uitslag": "voldoende", "periode": 2}
    vastleggen.add_record(
        sessions, lid, "beoordeling", voldoende, actor=staff.stagebegeleider, clock=clock
    )
    regel = _dag(sessions, clock, staff, lid, "2025-05-08", 8)
    zet_stap(sessions, clock, staff.stagebegeleider, lid, "examen_aanmelden")
    csrf = log_in(client, sessions, "stagebegeleider")

    antwoord = post(
        client, f"/leerlingen/{lid}/vastgelegd/uren/{regel}/corrigeren", csrf,
        datum="2025-05-08", uren="4", reden=REDEN,
    )  # fmt: skip

    assert antwoord.status_code == 303
    pagina = client.get(antwoord.headers["location"]).text
    waarschuwing = tekst(re.search(r'id="ongeldige-stappen">(.*?)</div>', pagina, re.S).group(1))
    assert "Aanmelden praktijkexamen (12-05-2025)" in waarschuwing
    assert "649" in waarschuwing
    assert "Praktijkexamen (Entree)" in tekst(pagina)  # the state did not move


def test_de_overgenomen_entree_uren_worden_op_de_pagina_gecorrigeerd(
    client, sessions, clock, staff
):
    lid = _entree(sessions, clock, staff, 100)
    regel = _intake_regel(sessions, lid)
    csrf = log_in(client, sessions, "stagebegeleider")
    adres = f"/leerlingen/{lid}/vastgelegd/uren/{regel}"
    assert f'href="{adres}/corrigeren"' in client.get(f"/leerlingen/{lid}").text

    antwoord = post(
        client, f"{adres}/corrigeren", csrf,
        datum="2024-09-02", uren="180", toelichting="Telling van de administratie.",
        reden="De administratie telde 180 uur.",
    )  # fmt: skip

    assert antwoord.status_code == 303, tekst(antwoord.text)
    assert _intake_regel(sessions, lid) != regel
    assert _stand(sessions, clock, lid).totaal == 180
