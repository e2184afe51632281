"""A Merkle root over the audit chains' heads, as Certificate Transparency computes it (RFC 6962
section 2.1): leaves and inner nodes hashed with a different first byte, so a leaf can never pass
for a node, and the tree split at the largest power of two below its size.

One signed root then vouches for every chain's (key, count, head) at once: the daily anchor signs
32 bytes however many leerlingen there are, and changing any one leaf changes the root.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from trajectory.domain.auditketen import canonical

Blad = tuple[str, int, str]  # (chain key, number of events, hash of the newest)


def _blad_hash(blad: Blad) -> bytes:
    return hashlib.sha256(b"\x00" + canonical(list(blad))).digest()


def _knoop(links: bytes, rechts: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + links + rechts).digest()


def _wortel(hashes: Sequence[bytes]) -> bytes:
    if len(hashes) == 1:
        return hashes[0]
    splits = 1 << ((len(hashes) - 1).bit_length() - 1)  # largest power of two below the size
    return _knoop(_wortel(hashes[:splits]), _wortel(hashes[splits:]))


def wortel(bladeren: Sequence[Blad]) -> str:
    """The root of the leaves in chain-key order (the order they are given in does not count)."""
    if not bladeren:
        return hashlib.sha256(b"").hexdigest()
    return _wortel([_blad_hash(b) for b in sorted(bladeren)]).hex()
