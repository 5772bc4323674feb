"""Links of the registrations' e-mails (``core/tokens.py``): the database keeps a seed and the
digest of each token, never the token; the e-mail task makes it again from the seed.

Two links: the first e-mail's, which confirms the address, and the second's, which cancels the
registration.
"""

from core.tokens import new_link_fields as _new_link_fields
from core.tokens import record_token, token_digest

CONFIRM = "cresi.registration.confirm"
CANCEL = "cresi.registration.cancel"
DIGEST_FIELDS = {CONFIRM: "confirm_token_hash", CANCEL: "cancel_token_hash"}


def cancel_token_hash(token):
    """The digest stored for ``token`` (of either link); the token is only ever in the email."""
    return token_digest(token)


def new_link_fields():
    """The fields of a new registration that its links need: written with it."""
    return _new_link_fields(DIGEST_FIELDS)


def registration_confirm_token(registration):
    return record_token(registration, CONFIRM, DIGEST_FIELDS[CONFIRM])


def registration_cancel_token(registration):
    return record_token(registration, CANCEL, DIGEST_FIELDS[CANCEL])
