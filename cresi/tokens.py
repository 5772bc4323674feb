"""Cancellation links of registrations: a random token, of which the database keeps a digest only.

A copy of the database (or of the task queue) cannot cancel anyone's registration.
"""

import hashlib
import secrets

from .models import Registration


def cancel_token_hash(token):
    """The digest stored for ``token``; the token itself is only ever in the email."""
    return hashlib.sha256(token.encode()).hexdigest()


def unusable_cancel_token_hash():
    """The digest of a token nobody knows: a registration's until its email is written."""
    return cancel_token_hash(secrets.token_urlsafe(32))


def registration_issue_cancel_token(*, registration_id):
    """A new cancellation token for the registration, whose digest replaces the previous one.

    Returns ``None`` when the registration no longer exists (cancelled or purged).
    """
    token = secrets.token_urlsafe(32)
    updated = Registration.objects.filter(pk=registration_id).update(
        cancel_token_hash=cancel_token_hash(token)
    )
    return token if updated else None
