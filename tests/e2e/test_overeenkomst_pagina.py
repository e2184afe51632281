"""The stage-overeenkomst over HTTP (issue #18): the stagebegeleider's page signs in person
and takes a scan (11 MB and a renamed .exe: 422 with a Dutch message, nothing stored), the
signed PDF downloads; a parent signs through the personal link, audited as "ouder (link)"."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from service.extern.deps import COOKIE
from tests.e2e.test_leerling_pagina import post, tekst
from tests.integration.builders import audit_events
from tests.integration.test_overeenkomst_ondertekenen import _klaar_zonder_handtekeningen
from tests.web import csrf_of, log_in
from trajectory.store import tables as t
from trajectory.usecases import links
from trajectory.usecases import overeenkomst as ok

pytestmark = pytest.mark.pdf  # draws the contract PDF (WeasyPrint, Pango)


def _pad(lid: int, pid: int) -> str:
    return f"/leerlingen/{lid}/stageplaatsen/{pid}/overeenkomst"


def _sha(html: str) -> str:
    match = re.search(r'name="sha256" value="([0-9a-f]{64})"', html)
    assert match, "no version hash on the page"
    return match.group(1)


def _handtekeningen(sessions) -> list[tuple[str, str]]:
    with sessions() as session:
        rijen = session.scalars(
            select(t.OvereenkomstHandtekening).order_by(t.OvereenkomstHandtekening.id)
        )
        return [(h.partij, h.wijze) for h in rijen]


def test_de_stagebegeleider_laat_de_leerling_op_het_scherm_tekenen(client, sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    log_in(client, sessions, "stagebegeleider")
    pagina = client.get(_pad(lid, pid))
    assert pagina.status_code == 200
    assert "Nog te ondertekenen door: de school (stagebegeleider), de leerling" in tekst(
        pagina.text
    )

    zonder_naam = post(
        client, _pad(lid, pid) + "/ondertekenen", csrf_of(pagina.text),
        partij="leerling", naam="Sem", akkoord="ja", sha256=_sha(pagina.text),
    )  # fmt: skip
    getekend = post(
        client, _pad(lid, pid) + "/ondertekenen", csrf_of(pagina.text),
        partij="leerling", naam="Sem de Vries", akkoord="ja", sha256=_sha(pagina.text),
    )  # fmt: skip

    assert zonder_naam.status_code == 422
    assert "Naam: typ de volledige naam" in zonder_naam.text
    assert getekend.status_code == 303
    assert _handtekeningen(sessions) == [("leerling", "scherm")]
    na = client.get(getekend.headers["location"])
    assert "Sem de Vries" in na.text
    (document,) = re.findall(r"versie\.pdf\?id=(\d+)", na.text)
    pdf = client.get(_pad(lid, pid) + f"/versie.pdf?id={document}")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert ok.document.sha256(pdf.content) == _sha(pagina.text)


def test_een_scan_van_11_mb_of_een_hernoemde_exe_wordt_met_422_geweigerd(
    client, sessions, clock, staff
):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    csrf = log_in(client, sessions, "stagebegeleider")

    def upload(naam: str, inhoud: bytes, mime: str):
        return client.post(
            _pad(lid, pid) + "/scan",
            data={"csrf_token": csrf, "partij": "ouder"},
            files={"bestand": (naam, inhoud, mime)},
            follow_redirects=False,
        )

    te_groot = upload("contract.pdf", b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024), "application/pdf")
    exe = upload("contract.pdf", b"MZ\x90\x00" + b"\0" * 4096, "application/pdf")
    goed = upload("contract.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 4096, "image/jpeg")

    assert te_groot.status_code == 422
    assert "groter dan 10 MB" in te_groot.text
    assert exe.status_code == 422
    assert "upload een PDF, PNG of JPEG" in exe.text
    assert goed.status_code == 303
    assert _handtekeningen(sessions) == [("ouder", "papier")]
    (scan_id,) = re.findall(r"scan\?id=(\d+)", client.get(_pad(lid, pid)).text)
    terug = client.get(_pad(lid, pid) + f"/scan?id={scan_id}")
    assert terug.headers["content-type"] == "image/jpeg"


def test_een_mentor_ziet_de_overeenkomst_zonder_formulieren_en_laat_niet_tekenen(
    client, sessions, clock, staff
):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)  # klas 3A
    csrf = log_in(client, sessions, "mentor")
    pagina = client.get(_pad(lid, pid))
    sha = ok.stand(sessions, lid, pid, staff.stagebegeleider).sha256
    geweigerd = post(
        client, _pad(lid, pid) + "/ondertekenen", csrf,
        partij="school", naam="Karin Jansen", akkoord="ja", sha256=sha,
    )  # fmt: skip
    assert pagina.status_code == 200
    assert "<form" not in pagina.text.split("<main", 1)[1].split("</main>")[0]
    assert geweigerd.status_code == 403
    assert "niet laten ondertekenen" in geweigerd.text
    assert _handtekeningen(sessions) == []


def test_een_ouder_tekent_via_de_link_en_de_audit_noemt_ouder_link(client, sessions, clock, staff):
    lid, pid = _klaar_zonder_handtekeningen(sessions, clock, staff)
    nieuw = links.maak_link(
        sessions, pid, "ouder", "ondertekenen", actor=staff.stagebegeleider, clock=clock,
        naam="Petra de Vries",
    )  # fmt: skip
    client.cookies.clear()
    assert client.get(f"/l/{nieuw.token}", follow_redirects=False).status_code == 303
    thuis = client.get("/extern")
    assert "/extern/ondertekenen" in thuis.text
    pagina = client.get("/extern/ondertekenen")
    assert pagina.status_code == 200
    assert "de Vries" not in pagina.text.replace("Petra de Vries", "")  # no leerling surname
    pdf = client.get("/extern/ondertekenen/stage-overeenkomst.pdf")
    assert ok.document.sha256(pdf.content) == _sha(pagina.text)

    zonder_akkoord = post(
        client, "/extern/ondertekenen", csrf_of(pagina.text),
        naam="Petra de Vries", sha256=_sha(pagina.text),
    )  # fmt: skip
    getekend = post(
        client, "/extern/ondertekenen", csrf_of(pagina.text),
        naam="Petra de Vries", akkoord="ja", sha256=_sha(pagina.text),
    )  # fmt: skip

    assert zonder_akkoord.status_code == 422
    assert "Akkoord:" in zonder_akkoord.text
    assert getekend.status_code == 303
    assert "U hebt deze versie al ondertekend" in client.get("/extern/ondertekenen").text
    assert _handtekeningen(sessions) == [("ouder", "link")]
    ((event, payload),) = audit_events(sessions, lid, soort="overeenkomst")
    assert (event.actor_id, event.actor_rol) == (None, "ouder_link")
    assert payload["door"] == "ouder Petra de Vries (link)"
    assert payload["link_id"] == nieuw.link_id
    assert payload["sha256"] == _sha(pagina.text)
    assert COOKIE in client.cookies


def test_het_contractformulier_noemt_een_vakje_een_verklaring_van_een_papieren_handtekening(
    client, sessions, clock, staff
):
    lid, _ = _klaar_zonder_handtekeningen(sessions, clock, staff)
    log_in(client, sessions, "stagebegeleider")

    pagina = tekst(client.get(f"/leerlingen/{lid}").text)

    assert "Ik verklaar: de school heeft op papier getekend" in pagina
    assert "Ik verklaar: een ouder/verzorger heeft op papier getekend" in pagina
