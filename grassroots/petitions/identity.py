"""A hidden petitioner's identity (Law Art 9(2): disclosing the identity of an informant is prohibited).

Sealed with the purpose key "petitions.identity" (core.sealing: AES-GCM with a key derived from
FIELD_ENCRYPTION_KEY, outside the database), bound to the case's token, so a database reader or a backup
cannot read it and a sealed identity moved to another case no longer opens. `filer_key` is a keyed hash of
the account, so "my petitions" finds the resident's own cases without a readable link.
Only `reveal` shows it to a person (the board's head, audited by actions.reveal_identity); `notify_user_id`
reads the account id only to send the petitioner their own notices (no person sees it)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from grassroots.core import sealing

from .models import Petition

PURPOSE = "petitions.identity"
FILER_PURPOSE = "petitions.filer"


@dataclass(frozen=True)
class Identity:
    name: str
    phone: str
    address: str
    user_id: int | None


def filer_key(user_id: int) -> str:
    return sealing.keyed_hash(FILER_PURPOSE, str(user_id))


def seal(petition: Petition, identity: Identity) -> str:
    data = {"name": identity.name, "phone": identity.phone, "address": identity.address, "user": identity.user_id}
    return sealing.seal(PURPOSE, json.dumps(data).encode(), context=f"petition:{petition.token}")


def unseal(petition: Petition) -> Identity:
    data = json.loads(sealing.unseal(PURPOSE, petition.sealed_identity, context=f"petition:{petition.token}"))
    return Identity(data["name"], data["phone"], data["address"], data["user"])


def notify_user_id(petition: Petition) -> int | None:
    """The petitioner's account, to send them their own notices."""
    if petition.identity_hidden:
        return unseal(petition).user_id if petition.sealed_identity else None
    return petition.filed_by_id
