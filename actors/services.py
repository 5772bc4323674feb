"""Writes of the directory: merging actors, and the requests to be listed or to correct an entry
(filed, confirmed by e-mail, moderated, purged)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.mail import enqueue_on_commit

from .choices import Location, RequestKind, RequestStatus
from .models import (
    Actor,
    ActorBeneficiary,
    ActorDomain,
    ActorGoal,
    ActorMerge,
    ActorPartner,
    ActorProjectPartner,
    ActorRequest,
    ActorTraining,
)
from .tasks import send_actor_request_address_check, send_actor_request_confirmation
from .tokens import confirm_token_hash, new_link_fields

MAX_REQUESTS_PER_EMAIL_PER_DAY = 3

# What an actor may be merged from: the fields filled from the merged actor when the kept one
# has none.
FILLED_FROM_MERGED = ("rna", "website", "presentation", "presentation_en", "commune")


class ConfirmationExpired(Exception):
    """The request's link has expired (or the request is gone): nothing is confirmed."""


@transaction.atomic
def actor_merge(*, kept, merged, user=None):
    """Folds ``merged`` into ``kept``: every link (beneficiaries, partners, EU project partners,
    trainings, zones, domains, goals) moves to ``kept``, the identifiers and texts ``kept`` lacks
    are taken from ``merged``, ``merged`` is deleted and the merge is logged (``ActorMerge`` and
    the admin's history). Its former address then leads to ``kept``.

    A beneficiary that ``merged`` matched by its SIREN or RNA number stays behind ``kept``: the
    identifier is taken over, or the beneficiary is linked explicitly.
    """
    if kept.pk == merged.pk:
        raise ValidationError(_("Un acteur ne peut être fusionné avec lui-même."))
    kept = Actor.objects.select_for_update().get(pk=kept.pk)
    merged = Actor.objects.select_for_update().get(pk=merged.pk)
    # Beneficiaries found by identifiers only: linked explicitly, unless kept takes the
    # identifier over below.
    matched = list(merged.beneficiaries().filter(actor_link__isnull=True))
    moved = {
        "beneficiaries": ActorBeneficiary.objects.filter(actor=merged).update(actor=kept),
        "partners": ActorPartner.objects.filter(actor=merged).update(actor=kept),
        "project_partners": ActorProjectPartner.objects.filter(actor=merged).update(actor=kept),
    }
    trainings = ActorTraining.objects.filter(actor=merged).exclude(
        session__in=ActorTraining.objects.filter(actor=kept).values("session")
    )
    moved["trainings"] = trainings.update(actor=kept)
    domains = ActorDomain.objects.filter(actor=merged).exclude(
        domain__in=ActorDomain.objects.filter(actor=kept).values("domain")
    )
    moved["domains"] = domains.update(actor=kept)
    goals = ActorGoal.objects.filter(actor=merged).exclude(
        goal__in=ActorGoal.objects.filter(actor=kept).values("goal")
    )
    moved["goals"] = goals.update(actor=kept)
    kept.zones.add(*merged.zones.all())
    moved["requests"] = merged.requests.update(actor=kept)

    log = ActorMerge(
        kept=kept,
        merged_name=merged.name,
        merged_slug=merged.slug,
        merged_siren=merged.siren,
        merged_rna=merged.rna,
        merged_by=user,
    )
    ActorMerge.objects.filter(kept=merged).update(kept=kept)
    taken = {}
    if not kept.siren and merged.siren:  # the SIRET goes with its SIREN
        taken.update(siret=merged.siret, siren=merged.siren)
    for name in FILLED_FROM_MERGED:
        if not getattr(kept, name) and getattr(merged, name):
            taken[name] = getattr(merged, name)
    if kept.contact_consent_at is None and merged.contact_consent_at is not None:
        taken.update(
            contact_email=merged.contact_email,
            contact_phone=merged.contact_phone,
            contact_consent_at=merged.contact_consent_at,
        )
    merged.delete()  # frees its identifiers before kept takes them
    for name, value in taken.items():
        setattr(kept, name, value)
    if taken:
        kept.full_clean()
        kept.save()
    behind_kept = set(kept.beneficiaries())
    ActorBeneficiary.objects.bulk_create(
        [ActorBeneficiary(actor=kept, beneficiary=b) for b in matched if b not in behind_kept]
    )
    moved["beneficiaries"] += len(matched)
    log.moved_links = moved
    log.save()
    if user is not None:
        LogEntry.objects.log_actions(
            user.pk,
            [kept],
            CHANGE,
            change_message=gettext("Fusion de « %(merged)s » (%(slug)s) dans cette fiche.")
            % {"merged": merged.name, "slug": log.merged_slug},
            single_object=True,
        )
    return log


def _wait_for_other_requests_from(email):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                [f"actors.actorrequest.email:{email.lower()}"],
            )


def _check_daily_limit(email, now):
    recent = ActorRequest.objects.from_email(email).created_since(now - timedelta(days=1))
    if recent.count() >= MAX_REQUESTS_PER_EMAIL_PER_DAY:
        raise ValidationError(
            {
                "email": ValidationError(
                    ngettext(
                        "Nous avons déjà reçu %(count)d demande de cette adresse électronique "
                        "en 24 heures ; merci de réessayer demain.",
                        "Nous avons déjà reçu %(count)d demandes de cette adresse électronique "
                        "en 24 heures ; merci de réessayer demain.",
                        MAX_REQUESTS_PER_EMAIL_PER_DAY,
                    ),
                    params={"count": MAX_REQUESTS_PER_EMAIL_PER_DAY},
                    code="too_many_requests",
                )
            }
        )


@transaction.atomic
def actor_request_create(
    *,
    request_kind,
    name,
    kind,
    commune,
    presentation,
    contact_name,
    email,
    consent,
    actor=None,
    siret="",
    rna="",
    site_url="",
    zones=(),
    public_email="",
    public_phone="",
    publish_contact=False,
    message="",
    language="fr",
    now=None,
):
    """Stores a request from the public form, unconfirmed, and queues the e-mail that asks the
    owner of the address to confirm it. Staff see it only once confirmed; nothing of it is
    public before they approve it."""
    if not consent:
        raise ValidationError(_("Le consentement est nécessaire pour traiter la demande."))
    now = now or timezone.now()
    _wait_for_other_requests_from(email)
    _check_daily_limit(email, now)
    actor_request = ActorRequest(
        request_kind=request_kind,
        actor=actor if request_kind == RequestKind.CORRECTION else None,
        name=name,
        kind=kind,
        commune=commune,
        siret=siret,
        rna=rna,
        site_url=site_url,
        presentation=presentation,
        public_email=public_email if publish_contact else "",
        public_phone=public_phone if publish_contact else "",
        publish_contact=publish_contact,
        contact_name=contact_name,
        email=email,
        message=message,
        language=language,
        consented_at=now,
        confirm_before=now + timedelta(hours=settings.CONFIRMATION_LINK_HOURS),
        **new_link_fields(),
    )
    actor_request.full_clean()
    actor_request.save()
    actor_request.zones.set(zones)
    enqueue_on_commit(send_actor_request_address_check, actor_request.pk)
    return actor_request


def actor_request_for_confirm_token(token):
    if not token or len(token) > 100:
        return None
    return ActorRequest.objects.filter(confirm_token_hash=confirm_token_hash(token)).first()


@transaction.atomic
def actor_request_confirm(*, actor_request, now=None):
    """Confirms the request's address: staff then see it. Confirming again changes nothing."""
    now = now or timezone.now()
    actor_request = ActorRequest.objects.select_for_update().filter(pk=actor_request.pk).first()
    if actor_request is None:
        raise ConfirmationExpired
    if actor_request.confirmed_at is not None:
        return actor_request
    if actor_request.confirm_before <= now:
        raise ConfirmationExpired
    actor_request.confirmed_at = now
    actor_request.save(update_fields=["confirmed_at", "updated_at"])
    enqueue_on_commit(send_actor_request_confirmation, actor_request.pk)
    return actor_request


def _unique_slug(name):
    base = slugify(name)[:180] or "acteur"
    slug, number = base, 1
    while Actor.objects.filter(slug=slug).exists() or slug in {"export", "demande"}:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def actor_request_approve(*, actor_request, now=None):
    """Publishes what a confirmed request asks: a new actor of the directory, or its entry
    corrected with the values the request gives (its empty fields change nothing)."""
    now = now or timezone.now()
    actor_request = ActorRequest.objects.select_for_update().get(pk=actor_request.pk)
    if actor_request.confirmed_at is None or actor_request.status != RequestStatus.PENDING:
        raise ValidationError(_("Seule une demande confirmée et à modérer peut être approuvée."))
    if actor_request.request_kind == RequestKind.CORRECTION:
        actor = actor_request.actor
    else:
        actor = Actor(slug=_unique_slug(actor_request.name), location=Location.ESSONNE)
    values = {
        "name": actor_request.name,
        "kind": actor_request.kind,
        "commune": actor_request.commune,
        "siret": actor_request.siret,
        "rna": actor_request.rna,
        "website": actor_request.site_url,
        "presentation": actor_request.presentation,
    }
    for name, value in values.items():
        if value:
            setattr(actor, name, value)
    if actor_request.siret:
        actor.siren = actor_request.siret[:9]
    if actor_request.publish_contact:
        actor.contact_email = actor_request.public_email
        actor.contact_phone = actor_request.public_phone
        actor.contact_consent_at = actor_request.consented_at
    actor.is_published = True
    actor.full_clean()
    actor.save()
    actor.zones.add(*actor_request.zones.all())
    actor_request.status = RequestStatus.APPROVED
    actor_request.decided_at = now
    actor_request.actor = actor
    actor_request.save(update_fields=["status", "decided_at", "actor", "updated_at"])
    return actor


@transaction.atomic
def actor_request_reject(*, actor_request, now=None):
    if actor_request.status != RequestStatus.PENDING:
        raise ValidationError(_("Cette demande a déjà été traitée."))
    actor_request.status = RequestStatus.REJECTED
    actor_request.decided_at = now or timezone.now()
    actor_request.save(update_fields=["status", "decided_at", "updated_at"])
    return actor_request


@transaction.atomic
def actor_requests_purge_unconfirmed(*, now=None, dry_run=False):
    due = ActorRequest.objects.unconfirmed_past_their_link(now or timezone.now())
    count = due.count()
    if not dry_run:
        due.delete()
    return count


@transaction.atomic
def actor_requests_purge_decided(*, now=None, dry_run=False):
    """Deletes the requests decided more than ``PERSONAL_DATA_RETENTION_DAYS`` ago."""
    moment = (now or timezone.now()) - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    due = ActorRequest.objects.decided_before(moment)
    count = due.count()
    if not dry_run:
        due.delete()
    return count
