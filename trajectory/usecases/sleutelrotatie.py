"""Key rotation: every stored TOTP secret re-encrypted with the current server key.

Run (`trajectory sleutel roteer`) while the configuration holds the new key first and the old
one after it (domain/geheimen.py), so logins keep working throughout: before the run the old
key still opens the secrets, after it the new one does. All or nothing: when a secret opens
with none of the keys, nothing changes and the error names the accounts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from trajectory.domain.geheimen import SleutelFout, Sleutels
from trajectory.store import tables as t


@dataclass(frozen=True)
class Rotatie:
    accounts: int
    sessies: int  # logins halfway through enrolling an authenticator app


def roteer(sessions: sessionmaker[Session], sleutels: Sleutels) -> Rotatie:
    with sessions.begin() as session:
        onleesbaar: list[int] = []
        accounts = session.scalars(
            select(t.Gebruiker).where(t.Gebruiker.totp_versleuteld.is_not(None))
        ).all()
        for gebruiker in accounts:
            try:
                gebruiker.totp_versleuteld = sleutels.herversleutel(
                    gebruiker.totp_versleuteld or ""
                )
            except SleutelFout:
                onleesbaar.append(gebruiker.id)
        halve = session.scalars(
            select(t.Sessie).where(t.Sessie.totp_nieuw_versleuteld.is_not(None))
        ).all()
        for sessie in halve:
            try:
                sessie.totp_nieuw_versleuteld = sleutels.herversleutel(
                    sessie.totp_nieuw_versleuteld or ""
                )
            except SleutelFout:
                onleesbaar.append(sessie.gebruiker_id)
        if onleesbaar:
            ids = ", ".join(str(i) for i in sorted(set(onleesbaar)))
            raise SleutelFout(
                f"de tweestapsgeheimen van account(s) {ids} passen bij geen van de sleutels uit "
                f"{sleutels.herkomst}: zet de oude sleutel achter de nieuwe, of wis hun "
                "tweestapsverificatie (trajectory users totp-reset). Er is niets gewijzigd."
            )
        return Rotatie(accounts=len(accounts), sessies=len(halve))
