"""Links of the applications' e-mails (``core/tokens.py``): the database keeps a seed and the
digest of each token, never the token; the e-mail task makes it again from the seed.

Two links: the first e-mail's, which confirms the address, and the private link to the
application, sent once the address is confirmed (and again on request).
"""

from core.tokens import new_link_fields as _new_link_fields
from core.tokens import record_token, token_digest

CONFIRM = "calls.application.confirm"
ACCESS = "calls.application.access"
DIGEST_FIELDS = {CONFIRM: "confirm_token_hash", ACCESS: "access_token_hash"}


def digest(token):
    return token_digest(token)


def new_link_fields():
    return _new_link_fields(DIGEST_FIELDS)


def application_confirm_token(application):
    return record_token(application, CONFIRM, DIGEST_FIELDS[CONFIRM])


def application_access_token(application):
    return record_token(application, ACCESS, DIGEST_FIELDS[ACCESS])
