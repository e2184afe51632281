"""One open write transaction, offered to the use cases as if it were their sessionmaker.

Every use case is one unit of work: `with sessions.begin() as s:` checks, writes and audits,
then commits. A caller that takes many steps for one subject and wants them all or none (the
demo school: one leerling's whole history) hands the use cases this instead: each `begin()`
and each read joins the one transaction, nothing commits until the caller does, and the steps
still go through the same code, guards and audit. A use case that raises leaves the
transaction unusable: the caller rolls it back whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from sqlalchemy.orm import Session, sessionmaker


class EenTransactie:
    """`begin()` and `()` both yield the one session, and neither commits nor closes it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @contextmanager
    def begin(self) -> Iterator[Session]:
        yield self.session

    @contextmanager
    def __call__(self) -> Iterator[Session]:
        yield self.session

    def als_sessionmaker(self) -> sessionmaker[Session]:
        """The use cases name the type they normally get; this offers the two calls they use."""
        return cast("sessionmaker[Session]", self)
