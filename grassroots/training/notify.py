"""The old name of the task that tells delegates they are invited, kept for jobs queued under it.

The task lives with its action: `training.actions.invitations.tell_delegates`.
"""

from __future__ import annotations

from .actions.invitations import tell_delegates as send_invitations

__all__ = ["send_invitations"]
