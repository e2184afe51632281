"""Two-factor login with TOTP (RFC 6238, an authenticator app): secrets, codes, QR codes.

A code is accepted in its own 30-second step and one step either side (valid_window 1, for a
phone's clock that runs a little off), and only for a step after the last one accepted for that
account, so an overheard code cannot be used a second time.
"""

from __future__ import annotations

import io
from datetime import datetime

import pyotp
import segno
from pyotp.utils import strings_equal

UITGEVER = "Stagetraject"
VENSTER = 1  # steps before and after the current one


def new_secret() -> str:
    return pyotp.random_base32()


def accepted_step(secret: str, code: str, now: datetime, laatste_stap: int | None) -> int | None:
    """The time step this code belongs to, or None when it is wrong, too old or used before."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    huidige = totp.timecode(now)
    for stap in range(huidige - VENSTER, huidige + VENSTER + 1):
        if laatste_stap is not None and stap <= laatste_stap:
            continue
        if strings_equal(code, totp.generate_otp(stap)):
            return stap
    return None


def code_at(secret: str, moment: datetime) -> str:
    return pyotp.TOTP(secret).at(moment)


def provisioning_uri(secret: str, email: str) -> str:
    """The `otpauth://` URI an authenticator app reads (from the QR code or typed in)."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=UITGEVER)


def qr_svg(uri: str) -> bytes:
    """The URI as a QR code in SVG, served from our own origin (no JavaScript, no CDN)."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, border=2, title="QR-code")
    return buffer.getvalue()
