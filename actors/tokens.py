"""The link that confirms the address of a request to the directory (``core/tokens.py``): the
database keeps a seed and the digest of the token, never the token."""

from core.tokens import new_link_fields as _new_link_fields
from core.tokens import record_token, token_digest

CONFIRM = "actors.actorrequest.confirm"
DIGEST_FIELDS = {CONFIRM: "confirm_token_hash"}


def confirm_token_hash(token):
    return token_digest(token)


def new_link_fields():
    return _new_link_fields(DIGEST_FIELDS)


def actor_request_confirm_token(actor_request):
    return record_token(actor_request, CONFIRM, DIGEST_FIELDS[CONFIRM])
