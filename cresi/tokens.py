"""Links of the registrations' e-mails (``core/tokens.py``): the database keeps a seed and the
digest of each token, never the token; the e-mail task makes it again from the seed.

Two links: the first e-mail's, which confirms the address, and the second's, which cancels the
registration.
"""

from core.tokens import digest_matches, make_token, new_seed, token_digest

from .models import Registration

CONFIRM = "cresi.registration.confirm"
CANCEL = "cresi.registration.cancel"
DIGEST_FIELDS = {CONFIRM: "confirm_token_hash", CANCEL: "cancel_token_hash"}


def cancel_token_hash(token):
    """The digest stored for ``token``; the token itself is only ever in the email."""
    return token_digest(token)


def new_link_fields():
    """The fields of a new registration that its links need: written with it, before any
    e-mail is queued."""
    seed = new_seed()
    fields = {"token_seed": seed}
    for purpose, field in DIGEST_FIELDS.items():
        fields[field] = token_digest(make_token(seed, purpose))
    return fields


def _token(registration, purpose):
    """The token of the registration's link for ``purpose``.

    Its digest was stored with the registration; one made under an earlier ``SECRET_KEY`` is
    replaced, so that the link about to be sent works (the earlier one was never sent).
    """
    field = DIGEST_FIELDS[purpose]
    token = make_token(registration.token_seed, purpose)
    if not digest_matches(token, getattr(registration, field)):
        setattr(registration, field, token_digest(token))
        Registration.objects.filter(pk=registration.pk).update(
            **{field: getattr(registration, field)}
        )
    return token


def registration_confirm_token(registration):
    return _token(registration, CONFIRM)


def registration_cancel_token(registration):
    return _token(registration, CANCEL)
