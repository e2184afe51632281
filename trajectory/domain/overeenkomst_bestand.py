"""What a scanned paper contract may be (issue #18): PDF, PNG or JPEG, at most 10 MB, the
type read from the content's first bytes (a renamed .exe is not a PDF), not from its name."""

from __future__ import annotations

MAX_BYTES = 10 * 1024 * 1024
# magic bytes → MIME type: three formats need no library
HANDTEKENS: dict[bytes, str] = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def soort_van(inhoud: bytes) -> str | None:
    """The MIME type of an allowed scan, or None."""
    return next((mime for kop, mime in HANDTEKENS.items() if inhoud.startswith(kop)), None)
