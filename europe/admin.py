from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .choices import PartnerRole, RequestStatus
from .models import (
    NOT_ASSIGNABLE,
    EUProject,
    ProjectPartner,
    SupportRequest,
    Theme,
    assignable_staff,
)
from .services import (
    ALLOWED_TRANSITIONS,
    support_request_can_move,
    support_request_change_status,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


class ProjectPartnerFormSet(BaseInlineFormSet):
    def clean(self):
        """One lead partner at most: the database says so too, but only after the forms."""
        super().clean()
        leads = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == PartnerRole.LEAD
        ]
        if len(leads) > 1:
            raise ValidationError(_("Un projet n'a qu'un chef de file."))


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    formset = ProjectPartnerFormSet
    extra = 0
    fields = ["name", "country", "role"]


@admin.register(EUProject)
class EUProjectAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "acronym",
        "programme",
        "status",
        "start_date",
        "eu_contribution",
        "co_financing_rate_display",
        "view_count",
        "is_published",
    ]
    list_editable = ["is_published"]
    list_filter = ["is_published", "status", "programme", "fund", "themes"]
    list_select_related = ["zone"]
    search_fields = ["name", "acronym", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["themes"]
    inlines = [ProjectPartnerInline]
    date_hierarchy = "start_date"
    readonly_fields = ["co_financing_rate_display"]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "status", "is_published"]}),
        (_("Programme"), {"fields": ["programme", "fund", "start_date", "end_date"]}),
        (
            _("Budget"),
            {
                "fields": [
                    "total_budget",
                    "eu_contribution",
                    "department_share",
                    "co_financing_rate_display",
                ]
            },
        ),
        (_("Présentation"), {"fields": ["summary", "text", "themes", "zone", "website"]}),
        (_("Version anglaise"), {"fields": ["name_en", "summary_en"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("taux de cofinancement européen"))
    def co_financing_rate_display(self, obj):
        rate = obj.co_financing_rate if obj.pk else None
        return "—" if rate is None else f"{floatformat(rate, -1)}\xa0%"


def _move(modeladmin, request, queryset, status):
    moved = refused = 0
    for support_request in queryset:
        if support_request.status == status:
            continue
        if support_request_can_move(support_request=support_request, status=status):
            support_request_change_status(support_request=support_request, status=status)
            moved += 1
        else:
            refused += 1
    label = RequestStatus(status).label
    if moved:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d demande passée à « %(status)s ».",
                "%(count)d demandes passées à « %(status)s ».",
                moved,
            )
            % {"count": moved, "status": label},
            messages.SUCCESS,
        )
    if refused:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d demande ne peut pas passer à « %(status)s » depuis son état actuel.",
                "%(count)d demandes ne peuvent pas passer à « %(status)s » depuis leur état "
                "actuel.",
                refused,
            )
            % {"count": refused, "status": label},
            messages.WARNING,
        )


@admin.action(description=_("Passer à « en cours d'examen »"), permissions=["change"])
def mark_in_progress(modeladmin, request, queryset):
    _move(modeladmin, request, queryset, RequestStatus.IN_PROGRESS)


@admin.action(description=_("Passer à « accompagnée »"), permissions=["change"])
def mark_supported(modeladmin, request, queryset):
    _move(modeladmin, request, queryset, RequestStatus.SUPPORTED)


@admin.action(description=_("Passer à « clôturée »"), permissions=["change"])
def mark_closed(modeladmin, request, queryset):
    _move(modeladmin, request, queryset, RequestStatus.CLOSED)


@admin.action(description=_("M'attribuer le suivi"), permissions=["change"])
def assign_to_me(modeladmin, request, queryset):
    if not get_user_model().objects.filter(assignable_staff(), pk=request.user.pk).exists():
        modeladmin.message_user(request, NOT_ASSIGNABLE, messages.ERROR)
        return
    count = queryset.update(assigned_to=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d demande vous est attribuée.",
            "%(count)d demandes vous sont attribuées.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):
    """Requests come from the public form only (with the requester's consent): no add view.
    A request shows once its address is confirmed: before, it is anyone's, with anyone's
    address."""

    list_display = [
        "structure_name",
        "structure_kind",
        "programme",
        "progress",
        "status",
        "assigned_to",
        "created_at",
        "closed_at",
    ]
    list_filter = [
        "status",
        "structure_kind",
        "programme",
        "progress",
        # Whoever follows or followed a request, even if no longer in the « Europe » group.
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["assigned_to"]
    search_fields = ["structure_name", "contact_name", "email", "siret", "rna"]
    date_hierarchy = "created_at"
    actions = [mark_in_progress, mark_supported, mark_closed, assign_to_me]
    readonly_fields = ["created_at", "consented_at", "confirmed_at", "language", "closed_at"]
    fieldsets = [
        (_("Suivi"), {"fields": ["status", "assigned_to", "internal_notes", "closed_at"]}),
        (
            _("Structure"),
            {"fields": ["structure_name", "structure_kind", "siret", "rna"]},
        ),
        (_("Contact"), {"fields": ["contact_name", "email", "phone"]}),
        (_("Projet"), {"fields": ["project_idea", "programme", "progress"]}),
        (
            _("Réception"),
            {"fields": ["created_at", "consented_at", "confirmed_at", "language"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).confirmed()

    def has_add_permission(self, request):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            form.base_fields["status"].validators = [
                *form.base_fields["status"].validators,
                TransitionValidator(obj),
            ]
        return form

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            status = obj.status
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            support_request_change_status(support_request=obj, status=status)
        else:
            super().save_model(request, obj, form, change)


class TransitionValidator:
    """Refuses, in the change form, a status the request cannot move to from where it is."""

    def __init__(self, support_request):
        self.current = support_request.status

    def __call__(self, value):
        if value != self.current and value not in ALLOWED_TRANSITIONS[self.current]:
            raise ValidationError(
                _("Une demande « %(current)s » ne peut pas passer à « %(target)s »."),
                params={
                    "current": RequestStatus(self.current).label,
                    "target": RequestStatus(value).label,
                },
            )
