"""The uitstroom page and its CSV over HTTP (issue 8)."""

from __future__ import annotations

from datetime import date

from tests.integration.test_uitstroomrapport import contact, vertrekt
from tests.web import log_in


def test_de_uitstroompagina_toont_het_cohort_met_een_grafiek_en_de_csv_de_categorieen(
    client, sessions, clock, staff
):
    leerling = vertrekt(sessions, clock, staff, "A", date(2023, 7, 7), "bbl", "leren")
    contact(sessions, clock, staff, leerling, date(2024, 7, 10), True)
    log_in(client, sessions, "teamleider")

    pagina = client.get("/rapportage/uitstroom")
    assert pagina.status_code == 200
    assert "Cohort 2022-2023: 1 uitgestroomd, 1 geplaatst" in pagina.text
    assert "<svg" in pagina.text
    assert "<script" not in pagina.text

    csv = client.get("/rapportage/uitstroom.csv")
    assert csv.headers["content-type"].startswith("text/csv")
    regels = csv.text.lstrip("\ufeff").splitlines()
    assert regels[0].startswith("cohort;categorie;uitgestroomd;na_1_jaar_behouden")
    assert "2022-2023;Leren: ROC BBL;1;1;0;0;0;0;0;0;1" in regels  # 2 years: not yet
