"""The link that confirms a support request's address (``core/tokens.py``): the database keeps a
seed and the digest of the token, never the token; the e-mail task makes it again from the seed.
"""

from core.tokens import new_link_fields as _new_link_fields
from core.tokens import record_token, token_digest

CONFIRM = "europe.supportrequest.confirm"
DIGEST_FIELDS = {CONFIRM: "confirm_token_hash"}


def confirm_token_hash(token):
    return token_digest(token)


def new_link_fields():
    """The fields of a new support request that its link needs: written with it."""
    return _new_link_fields(DIGEST_FIELDS)


def support_request_confirm_token(support_request):
    return record_token(support_request, CONFIRM, DIGEST_FIELDS[CONFIRM])
