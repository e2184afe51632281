"""Uitstroom and bestendigheid per cohort of leavers, in the Uitstroommonitor's categories.

Pure: it counts plain `Vertrekker` values (the store builds them). The rules, so a count can be
checked by hand:
- cohort: the school year of the leaving date (1 August to 31 July);
- bestemming at leaving: the `categorie` of the uitstroom record; older records without one
  count by their profiel where that is unambiguous (arbeid, beschutte arbeid, dagbesteding),
  else as `onbekend`;
- geplaatst: a bestemming other than `geen` and `onbekend` (norm 90 % of the leavers);
- after one and two years: the newest nazorg contact that says whether the bestemming still
  holds (`bestemming_behouden`), dated from half a year before to three months after the
  anniversary of leaving. Not yet due when the anniversary is after today; due but no such
  contact is `onbekend`. The share still in place (norm 75 %) is behouden / geplaatst-and-due:
  an unknown outcome is not counted as held.

An erased leerling (retention, `usecases/bewaartermijn.py`) is no longer counted from its rows:
before its data goes, its contribution is kept as an anonymous `Bijdrage` (cohort, category and
the two outcomes on that day), and the report adds those counts (`rapport(..., bijdragen)`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from trajectory.domain.datums import jaren_later
from trajectory.domain.schooljaar import schooljaarnaam

CATEGORIEEN: dict[str, str] = {
    "arbeid": "Arbeid",
    "beschutte_arbeid": "Beschutte arbeid",
    "dagbesteding": "Dagbesteding",
    "bol": "Leren: ROC BOL",
    "bbl": "Leren: ROC BBL",
    "entree": "Leren: Entree",
    "geen": "Geen bestemming",
}
RAPPORT_CATEGORIEEN: dict[str, str] = {**CATEGORIEEN, "onbekend": "Onbekend"}
NIET_GEPLAATST = ("geen", "onbekend")
NORM_GEPLAATST = 0.90
NORM_BEHOUDEN = 0.75
JAREN = (1, 2)
VENSTER_VOOR = timedelta(days=183)
VENSTER_NA = timedelta(days=92)


@dataclass(frozen=True)
class Contact:
    datum: date
    behouden: bool


@dataclass(frozen=True)
class Vertrekker:
    leerling_id: int
    vertrekdatum: date
    categorie: str
    contacten: tuple[Contact, ...] = ()


def cohort_van(vertrek: date) -> str:
    return schooljaarnaam(vertrek)


def categorie_bij_vertrek(categorie: str | None, profiel: str | None) -> str:
    if categorie in CATEGORIEEN:
        return categorie
    return profiel if profiel in ("arbeid", "beschutte_arbeid", "dagbesteding") else "onbekend"


def uitkomst(v: Vertrekker, jaren: int, op: date) -> str:
    """`behouden`, `niet_behouden`, `onbekend` or `nog_niet` (the anniversary lies ahead)."""
    dag = jaren_later(v.vertrekdatum, jaren)
    if dag > op:
        return "nog_niet"
    binnen = [c for c in v.contacten if dag - VENSTER_VOOR <= c.datum <= dag + VENSTER_NA]
    if not binnen:
        return "onbekend"
    return "behouden" if max(binnen, key=lambda c: c.datum).behouden else "niet_behouden"


@dataclass
class Telling:
    uitgestroomd: int = 0
    behouden: tuple[int, int] = (0, 0)  # after one, two years
    niet_behouden: tuple[int, int] = (0, 0)
    onbekend: tuple[int, int] = (0, 0)
    nog_niet: tuple[int, int] = (0, 0)

    def tel(self, uitkomsten: tuple[str, str], aantal: int = 1) -> None:
        self.uitgestroomd += aantal
        for veld in ("behouden", "niet_behouden", "onbekend", "nog_niet"):
            oud = getattr(self, veld)
            setattr(
                self,
                veld,
                tuple(o + aantal * (u == veld) for o, u in zip(oud, uitkomsten, strict=True)),
            )


@dataclass(frozen=True)
class Cohort:
    naam: str
    per_categorie: dict[str, Telling]

    @property
    def uitgestroomd(self) -> int:
        return sum(t.uitgestroomd for t in self.per_categorie.values())

    @property
    def geplaatst(self) -> int:
        return sum(t.uitgestroomd for c, t in self.per_categorie.items() if c not in NIET_GEPLAATST)

    @property
    def aandeel_geplaatst(self) -> float | None:
        return self.geplaatst / self.uitgestroomd if self.uitgestroomd else None

    def gemeten(self, jaar: int) -> int:
        """Placed leavers whose check after `jaar` years is due."""
        return sum(
            t.uitgestroomd - t.nog_niet[jaar - 1]
            for c, t in self.per_categorie.items()
            if c not in NIET_GEPLAATST
        )

    def behouden(self, jaar: int) -> int:
        return sum(
            t.behouden[jaar - 1] for c, t in self.per_categorie.items() if c not in NIET_GEPLAATST
        )

    def aandeel_behouden(self, jaar: int) -> float | None:
        gemeten = self.gemeten(jaar)
        return self.behouden(jaar) / gemeten if gemeten else None


@dataclass(frozen=True)
class Bijdrage:
    """What one or more erased leavers add to the report: nothing that says who they were."""

    cohort: str
    categorie: str
    na_1_jaar: str  # an outcome of `uitkomst`, as it stood on the day of erasure
    na_2_jaar: str
    aantal: int = 1


def bijdrage(v: Vertrekker, op: date) -> Bijdrage:
    """A leaver's contribution, kept when its data is erased on `op`. Erasure comes years after
    nazorg closed (at the default term both anniversaries have passed), and a closed trajectory
    gets no new nazorg contacts: the outcomes no longer change."""
    return Bijdrage(cohort_van(v.vertrekdatum), v.categorie, uitkomst(v, 1, op), uitkomst(v, 2, op))


def rapport(
    vertrekkers: Iterable[Vertrekker], op: date, bijdragen: Iterable[Bijdrage] = ()
) -> list[Cohort]:
    """Cohorts, newest first, each with every category (zeros included, as the monitor asks)."""
    cohorten: dict[str, dict[str, Telling]] = {}

    def tellingen(cohort: str) -> dict[str, Telling]:
        return cohorten.setdefault(cohort, {c: Telling() for c in RAPPORT_CATEGORIEEN})

    for v in vertrekkers:
        tellingen(cohort_van(v.vertrekdatum))[v.categorie].tel(
            (uitkomst(v, 1, op), uitkomst(v, 2, op))
        )
    for b in bijdragen:
        tellingen(b.cohort)[b.categorie].tel((b.na_1_jaar, b.na_2_jaar), b.aantal)
    return [Cohort(naam, cohorten[naam]) for naam in sorted(cohorten, reverse=True)]


CSV_KOP = (
    "cohort",
    "categorie",
    "uitgestroomd",
    "na_1_jaar_behouden",
    "na_1_jaar_niet_behouden",
    "na_1_jaar_onbekend",
    "na_1_jaar_nog_niet_te_meten",
    "na_2_jaar_behouden",
    "na_2_jaar_niet_behouden",
    "na_2_jaar_onbekend",
    "na_2_jaar_nog_niet_te_meten",
)


def csv_rijen(cohorten: Iterable[Cohort]) -> list[tuple[str | int, ...]]:
    rijen: list[tuple[str | int, ...]] = [CSV_KOP]
    for cohort in cohorten:
        for categorie, t in cohort.per_categorie.items():
            rijen.append(
                (
                    cohort.naam,
                    RAPPORT_CATEGORIEEN[categorie],
                    t.uitgestroomd,
                    *(
                        getattr(t, veld)[i]
                        for i in (0, 1)
                        for veld in ("behouden", "niet_behouden", "onbekend", "nog_niet")
                    ),
                )
            )
    return rijen
