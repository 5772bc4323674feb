"""The e-mails of the task queue, as staff follow them: what was sent, what waits for another
attempt, what failed for good (``core/mail.py``).

Each staff member sees the e-mails of the apps whose ``email_tasks_permission`` they hold (the
« CRESI » group those about registrations, « Europe » those about support requests), and may
queue again one that failed for good. ``django_tasks_db``'s own page, which shows every task to
whoever may see one, is taken off the admin.
"""

import django_tasks_db.admin  # noqa: F401 (registers its page, taken off below)
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from .models import EmailTask
from .services import email_tasks_send_again

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class EmailTaskStateFilter(admin.SimpleListFilter):
    title = _("état")
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return [
            ("attente", _("en attente d'envoi")),
            ("envoye", _("envoyé")),
            ("nouvel-essai", _("échec, nouvel essai prévu")),
            ("echec", _("échec définitif")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "attente":
                return queryset.waiting()
            case "envoye":
                return queryset.sent()
            case "nouvel-essai":
                return queryset.retried()
            case "echec":
                return queryset.failed_for_good()
        return queryset


@admin.register(EmailTask)
class EmailTaskAdmin(admin.ModelAdmin):
    """Read only: the worker writes these rows; the one action queues a failed e-mail again."""

    list_display = ["enqueued_at", "label", "state", "attempt", "next_attempt", "error"]
    list_filter = [EmailTaskStateFilter]
    date_hierarchy = "enqueued_at"
    actions = ["send_again"]
    fields = [
        "label",
        "state",
        "attempt",
        "arguments",
        "enqueued_at",
        "next_attempt",
        "started_at",
        "finished_at",
        "formatted_traceback",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("message"))
    def label(self, task):
        return task.label

    @admin.display(description=_("état"))
    def state(self, task):
        return task.state

    @admin.display(description=_("essai n°"))
    def attempt(self, task):
        return task.attempt

    @admin.display(description=_("arguments (numéros des enregistrements)"))
    def arguments(self, task):
        return ", ".join(str(value) for value in task.args_kwargs.get("args", []))

    @admin.display(description=_("pas avant"), ordering="run_after")
    def next_attempt(self, task):
        return task.run_after if task.is_deferred else self.get_empty_value_display()

    @admin.display(description=_("erreur"))
    def error(self, task):
        return task.error or self.get_empty_value_display()

    @admin.display(description=_("détail de l'erreur"))
    def formatted_traceback(self, task):
        if not task.traceback:
            return self.get_empty_value_display()
        return format_html("<pre>{}</pre>", task.traceback)

    @admin.action(description=_("Réessayer l'envoi (échecs définitifs)"), permissions=["view"])
    def send_again(self, request, queryset):
        count = email_tasks_send_again(tasks=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d envoi remis dans la file d'attente.",
                "%(count)d envois remis dans la file d'attente.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


# Technical records (django-axes's sign-in attempts and lockouts) are for superusers only,
# whatever permissions a group was given: they are no one's daily work.
TECHNICAL_APPS = frozenset({"axes"})


class SuperuserOnlyMixin:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args, **kwargs):
        return self.has_module_permission(request) and super().has_add_permission(
            request, *args, **kwargs
        )

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request) and super().has_delete_permission(request, obj)


for _model, _model_admin in list(admin.site._registry.items()):
    if _model._meta.app_label in TECHNICAL_APPS:
        admin.site.unregister(_model)
        admin.site.register(
            _model, type(type(_model_admin).__name__, (SuperuserOnlyMixin, type(_model_admin)), {})
        )
