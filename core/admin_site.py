"""The portal's admin site: Django's, with the sign-in throttled per user name.

django-axes locks an address (an IPv6 client's /64) after a few wrong passwords; an attacker
with many networks could still try one account from each. Sign-ins are therefore also counted
per user name (``ADMIN_LOGIN_USERNAME_RATE``), in the cache that keeps the rate limits: past
the limit the form answers 429 without checking the password. It slows the guessing down
without locking the account's owner out for long.
"""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.apps import AdminConfig
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import is_ratelimited

from core import registry


def username_key(group, request):
    return request.POST.get("username", "").strip().casefold()


class GenderedDescription:
    """An action's description that agrees with the model's gender in French: Django formats
    it with ``description % {"verbose_name": …, "verbose_name_plural": …}``."""

    def __init__(self, masculine, feminine):
        self.masculine, self.feminine = masculine, feminine

    def __mod__(self, names):
        feminine = any(
            registry.is_feminine(model)
            for model in apps.get_models()
            if str(model._meta.verbose_name_plural) == str(names["verbose_name_plural"])
        )
        return (self.feminine if feminine else self.masculine) % names

    def __str__(self):
        return str(self.masculine)


def delete_selected_records(modeladmin, request, queryset):
    return delete_selected(modeladmin, request, queryset)


delete_selected_records.allowed_permissions = ("delete",)
delete_selected_records.short_description = GenderedDescription(
    gettext_lazy("Supprimer les %(verbose_name_plural)s sélectionnés"),
    gettext_lazy("Supprimer les %(verbose_name_plural)s sélectionnées"),
)


class PortalAdminSite(admin.AdminSite):
    """The portal's admin: its name, its look (``templates/admin/base_site.html``), an index
    that shows each staff member what waits for them (``staff_dashboard`` of every app), a
    « Voir sur le site » that previews drafts."""

    site_header = settings.SITE_NAME
    site_title = gettext_lazy("Administration du portail")
    index_title = gettext_lazy("Tableau de bord")
    index_template = "admin/portal_index.html"
    # The index lists every app already; the side bar took a quarter of each list's width.
    enable_nav_sidebar = False

    def __init__(self, name="admin"):
        super().__init__(name)
        self._actions["delete_selected"] = delete_selected_records
        self._global_actions["delete_selected"] = delete_selected_records

    def index(self, request, extra_context=None):
        extra_context = {"dashboard": registry.staff_dashboard(request), **(extra_context or {})}
        return super().index(request, extra_context)

    def get_urls(self):
        from core.admin_preview import preview_or_redirect

        # Takes the place of Django's « view on site » redirect, whose name it keeps.
        preview = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(preview_or_redirect),
            name="view_on_site",
        )
        return [preview, *super().get_urls()]

    def login(self, request, extra_context=None):
        if request.method == "POST" and is_ratelimited(
            request,
            group="admin-login-username",
            key=username_key,
            rate=settings.ADMIN_LOGIN_USERNAME_RATE,
            method="POST",
            increment=True,
        ):
            message = _(
                "Trop de tentatives de connexion pour ce nom d'utilisateur. "
                "Merci de réessayer plus tard."
            )
            context = {"throttled_message": message}
            template = "registration/login_throttled.html"
            return TemplateResponse(request, template, context, status=429)
        return super().login(request, extra_context)


class PortalAdminConfig(AdminConfig):
    default_site = "core.admin_site.PortalAdminSite"
