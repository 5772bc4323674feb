from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
from .services import actor_merge, actor_request_approve, actor_request_reject


class ActorDomainInline(admin.TabularInline):
    model = ActorDomain
    extra = 0


class ActorGoalInline(admin.TabularInline):
    model = ActorGoal
    extra = 0


class LinkInline(admin.TabularInline):
    extra = 0
    # Typed by number: the other apps' lists belong to other groups.


class ActorBeneficiaryInline(LinkInline):
    model = ActorBeneficiary
    raw_id_fields = ["beneficiary"]


class ActorPartnerInline(LinkInline):
    model = ActorPartner
    raw_id_fields = ["partner"]


class ActorProjectPartnerInline(LinkInline):
    model = ActorProjectPartner
    raw_id_fields = ["project_partner"]


class ActorTrainingInline(LinkInline):
    model = ActorTraining
    raw_id_fields = ["session"]


@admin.action(description=_("Fusionner les deux acteurs sélectionnés"), permissions=["change"])
def merge_actors(modeladmin, request, queryset):
    """Two actors that are one: staff choose the one kept; every link of the other moves to it
    and the merge is logged."""
    actors = list(queryset.order_by("pk"))
    if len(actors) != 2:
        modeladmin.message_user(
            request, _("Sélectionnez exactement deux acteurs à fusionner."), messages.ERROR
        )
        return None
    kept_pk = request.POST.get("kept")
    if kept_pk in {str(actor.pk) for actor in actors}:
        kept = next(actor for actor in actors if str(actor.pk) == kept_pk)
        merged = next(actor for actor in actors if actor is not kept)
        try:
            actor_merge(kept=kept, merged=merged, user=request.user)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        modeladmin.message_user(
            request,
            _("« %(merged)s » est fusionné dans « %(kept)s ».")
            % {"merged": merged.name, "kept": kept.name},
            messages.SUCCESS,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Fusionner deux acteurs"),
        "actors": actors,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/actors/actor/merge.html", context)


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "location", "commune", "siren", "rna", "is_published"]
    list_filter = ["is_published", "location", "kind", "zones"]
    search_fields = ["name", "commune", "siren", "siret", "rna"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["zones"]
    actions = [merge_actors]
    inlines = [
        ActorDomainInline,
        ActorGoalInline,
        ActorBeneficiaryInline,
        ActorPartnerInline,
        ActorProjectPartnerInline,
        ActorTrainingInline,
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "is_published"]}),
        (_("Implantation"), {"fields": ["location", "commune", "country"]}),
        (_("Identifiants"), {"fields": ["siret", "siren", "rna"]}),
        (_("Présentation"), {"fields": ["presentation", "website", "zones"]}),
        (
            _("Coordonnées publiques"),
            {"fields": ["contact_consent_at", "contact_email", "contact_phone"]},
        ),
        (_("Version anglaise"), {"fields": ["presentation_en"], "classes": ["collapse"]}),
    ]


@admin.register(ActorMerge)
class ActorMergeAdmin(admin.ModelAdmin):
    """The log of merges: read only."""

    list_display = ["merged_name", "kept", "merged_by", "merged_at"]
    list_select_related = ["kept", "merged_by"]
    readonly_fields = [
        "kept",
        "merged_name",
        "merged_slug",
        "merged_siren",
        "merged_rna",
        "moved_links",
        "merged_by",
        "merged_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _decide(modeladmin, request, queryset, service):
    done = refused = 0
    for actor_request in queryset:
        try:
            service(actor_request=actor_request)
            done += 1
        except ValidationError as error:
            refused += 1
            modeladmin.message_user(
                request, f"{actor_request} : {' '.join(error.messages)}", messages.ERROR
            )
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(count)d demande traitée.", "%(count)d demandes traitées.", done)
            % {"count": done},
            messages.SUCCESS,
        )


@admin.action(description=_("Approuver et publier"), permissions=["change"])
def approve(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, actor_request_approve)


@admin.action(description=_("Refuser"), permissions=["change"])
def reject(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, actor_request_reject)


@admin.register(ActorRequest)
class ActorRequestAdmin(admin.ModelAdmin):
    """Requests come from the public form only, and show once their address is confirmed."""

    list_display = ["name", "request_kind", "actor", "commune", "status", "confirmed_at"]
    list_filter = ["status", "request_kind"]
    list_select_related = ["actor"]
    search_fields = ["name", "commune"]
    actions = [approve, reject]
    readonly_fields = [
        "request_kind",
        "actor",
        "name",
        "kind",
        "commune",
        "siret",
        "rna",
        "site_url",
        "presentation",
        "zones",
        "public_email",
        "public_phone",
        "publish_contact",
        "contact_name",
        "email",
        "message",
        "consented_at",
        "confirmed_at",
        "status",
        "decided_at",
    ]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).confirmed()

    def has_add_permission(self, request):
        return False
