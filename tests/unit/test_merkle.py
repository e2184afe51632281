"""The Merkle root over the audit chains' heads (domain/merkle.py) and the anchor that signs it."""

from __future__ import annotations

import hashlib

import pytest

from trajectory.domain import anker, merkle
from trajectory.domain.auditketen import canonical

BLADEREN = [("leerling-1", 5, "a" * 64), ("leerling-2", 2, "b" * 64), ("school", 1, "c" * 64)]
SLEUTEL = b"een-sleutel-van-zestien-tekens-of-meer"


def test_de_wortel_van_een_blad_is_zijn_bladhash_en_van_drie_die_van_rfc_6962():
    def blad(b):
        return hashlib.sha256(b"\x00" + canonical(list(b))).digest()

    def knoop(links, rechts):
        return hashlib.sha256(b"\x01" + links + rechts).digest()

    a, b, c = (blad(x) for x in BLADEREN)
    assert merkle.wortel(BLADEREN[:1]) == a.hex()
    assert merkle.wortel(BLADEREN) == knoop(knoop(a, b), c).hex()  # split at 2, not in the middle


def test_de_volgorde_van_de_bladeren_telt_niet_maar_elke_kop_wel():
    assert merkle.wortel(list(reversed(BLADEREN))) == merkle.wortel(BLADEREN)
    for i in range(len(BLADEREN)):
        keten, aantal, kop = BLADEREN[i]
        for ander in ((keten, aantal + 1, kop), (keten, aantal, "d" * 64)):
            gewijzigd = [*BLADEREN[:i], ander, *BLADEREN[i + 1 :]]
            assert merkle.wortel(gewijzigd) != merkle.wortel(BLADEREN)


def test_een_blad_is_geen_knoop():
    """Two leaves' node hash offered as one leaf's hash gives another root (the 0x00/0x01 bytes)."""
    assert merkle.wortel(BLADEREN[:2]) != merkle.wortel(BLADEREN[:1])


def test_een_ondertekend_anker_houdt_zijn_ketens_en_het_totaal():
    ondertekend = anker.onderteken(BLADEREN, "2026-12-03T08:00:00.000000Z", SLEUTEL)

    anker.controleer(ondertekend, SLEUTEL)
    assert ondertekend.aantal == 8
    assert ondertekend.wortel == merkle.wortel(BLADEREN)
    with pytest.raises(anker.AnkerFout, match="handtekening"):
        anker.controleer(ondertekend, b"een-heel-andere-sleutel-dan-dat")
