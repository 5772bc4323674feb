"""Links of the registrations' e-mails (``core/tokens.py``): the database keeps a seed and the
digest of each token, never the token; the e-mail task makes it again from the seed.
"""

from core.tokens import digest_matches, make_token, new_seed, token_digest

from .models import Registration

CANCEL = "cresi.registration.cancel"


def cancel_token_hash(token):
    """The digest stored for ``token``; the token itself is only ever in the email."""
    return token_digest(token)


def new_link_fields():
    """The fields of a new registration that its links need: written with it, before any
    e-mail is queued."""
    seed = new_seed()
    return {"token_seed": seed, "cancel_token_hash": token_digest(make_token(seed, CANCEL))}


def registration_cancel_token(registration):
    """The token of the registration's cancellation link.

    Its digest was stored with the registration; one made under an earlier ``SECRET_KEY`` is
    replaced, so that the link about to be sent works (the earlier one was never sent).
    """
    token = make_token(registration.token_seed, CANCEL)
    if not digest_matches(token, registration.cancel_token_hash):
        registration.cancel_token_hash = token_digest(token)
        Registration.objects.filter(pk=registration.pk).update(
            cancel_token_hash=registration.cancel_token_hash
        )
    return token
