"""Unexpected errors in the log without the data they carry: this is data about minors.

An exception's message can hold what the user typed (a name in a UnicodeError, SQL parameters in
SQLAlchemy's StatementError, PostgreSQL's `DETAIL: Key (naam)=(…)`). The log gets a traceback of
the same frames (file, line, function, source line: code, not values) whose exceptions say only
their type: `Verzwegen` stands in for each exception of the chain.
"""

from __future__ import annotations

import logging
from types import TracebackType

# the loggers of libraries that log an exception they caught, with its text
BIBLIOTHEEKLOGGERS = ("uvicorn.error", "apscheduler.executors.default", "apscheduler.scheduler")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class Verzwegen(Exception):
    """An exception's type and traceback, its message left out."""

    def __init__(self, origineel: BaseException) -> None:
        soort = type(origineel)
        super().__init__(f"{soort.__module__}.{soort.__qualname__} (tekst weggelaten)")


def verzwegen(exc: BaseException) -> Verzwegen:
    """The exception and its causes (`from` and during-handling), each as a `Verzwegen` with
    the original frames."""
    if isinstance(exc, Verzwegen):
        return exc
    kopie = Verzwegen(exc).with_traceback(exc.__traceback__)
    gezien = {id(exc)}
    schakel, bron = kopie, exc
    while (volgende := bron.__cause__ or bron.__context__) is not None:
        if id(volgende) in gezien:
            break
        gezien.add(id(volgende))
        nieuw = Verzwegen(volgende).with_traceback(volgende.__traceback__)
        if bron.__cause__ is not None:
            schakel.__cause__ = nieuw
        else:
            schakel.__context__ = nieuw
        schakel.__suppress_context__ = bron.__suppress_context__
        schakel, bron = nieuw, volgende
    return kopie


def exc_info(exc: BaseException) -> ExcInfo:
    """For `logger.error(..., exc_info=exc_info(exc))`: the type stays, the text goes."""
    return (type(exc), verzwegen(exc), exc.__traceback__)


class ZonderGegevens(logging.Filter):
    """Rewrites a record that carries an exception: its traceback without the messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_info = exc_info(record.exc_info[1])
            record.exc_text = None
        return True


def installeer() -> None:
    """On the library loggers that log an exception's text; idempotent."""
    for naam in BIBLIOTHEEKLOGGERS:
        logger = logging.getLogger(naam)
        if not any(isinstance(f, ZonderGegevens) for f in logger.filters):
            logger.addFilter(ZonderGegevens())
