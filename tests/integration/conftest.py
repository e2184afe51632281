"""A real SMTP server (aiosmtpd) on loopback for the mail tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller


class Postbus:
    """An SMTP handler that keeps what it receives."""

    def __init__(self) -> None:
        self.berichten: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.berichten.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def poort() -> int:
    return _vrije_poort()


@pytest.fixture
def postbus(poort) -> Iterator[Postbus]:
    handler = Postbus()
    controller = Controller(handler, hostname="127.0.0.1", port=poort)
    controller.start()
    yield handler
    controller.stop()
