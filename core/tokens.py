"""Tokens of the links sent by e-mail (confirm an address, cancel a registration).

A record gets a random *seed* when it is saved; a link's token is an HMAC of that seed and of
the link's purpose, keyed with ``SECRET_KEY``; the record keeps only the token's SHA-256 digest,
by which a link finds its record. Hence:

- the digest is written with the record, in the same transaction, before its e-mail is queued;
  the e-mail task, which receives only the record's id, makes the token again from the seed: the
  clear token is never stored, neither in the database nor in the queue's task arguments;
- a task tried again writes the same link (the one of an e-mail that did arrive keeps working);
- a copy of the database (or of the queue) is not enough to make a link: the secret key is
  needed too, and a digest cannot be turned back into its token.

Changing ``SECRET_KEY`` leaves the links already sent working (they are found by their digest);
an e-mail not yet sent then writes a token of the new key, whose digest its task stores in place
of the old one (:func:`record_token`).

A model using these links has a ``token_seed`` field and one digest field per purpose; its app
names them (``cresi/tokens.py``, ``europe/tokens.py``).
"""

import base64
import hashlib
import secrets

from django.utils.crypto import constant_time_compare, salted_hmac


def new_seed():
    """A record's random seed (64 hexadecimal characters)."""
    return secrets.token_hex(32)


def token_digest(token):
    """What the database keeps of ``token``."""
    return hashlib.sha256(token.encode()).hexdigest()


def make_token(seed, purpose):
    """The token of the link for ``purpose`` (``"cresi.registration.cancel"``) of the record
    whose seed is ``seed``: 43 URL-safe characters."""
    mac = salted_hmac(f"core.tokens.{purpose}", seed, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def digest_matches(token, digest):
    return constant_time_compare(token_digest(token), digest)


def unusable_digest():
    """The digest of a token nobody knows: a link that leads nowhere."""
    return token_digest(secrets.token_urlsafe(32))


def new_link_fields(digest_fields):
    """The fields of a new record that its links need, ``digest_fields`` being
    ``{purpose: name of the digest field}``: written with the record, before any e-mail."""
    seed = new_seed()
    fields = {"token_seed": seed}
    for purpose, field in digest_fields.items():
        fields[field] = token_digest(make_token(seed, purpose))
    return fields


def record_token(record, purpose, digest_field):
    """The token of ``record``'s link for ``purpose``, for the e-mail about to be written.

    Its digest was stored with the record; one made under an earlier ``SECRET_KEY`` is replaced,
    so that the link about to be sent works (the earlier one was never sent).
    """
    token = make_token(record.token_seed, purpose)
    if not digest_matches(token, getattr(record, digest_field)):
        setattr(record, digest_field, token_digest(token))
        type(record)._default_manager.filter(pk=record.pk).update(
            **{digest_field: getattr(record, digest_field)}
        )
    return token
