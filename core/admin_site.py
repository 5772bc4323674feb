"""The portal's admin site: Django's, with the sign-in throttled per user name.

django-axes locks an address (an IPv6 client's /64) after a few wrong passwords; an attacker
with many networks could still try one account from each. Sign-ins are therefore also counted
per user name (``ADMIN_LOGIN_USERNAME_RATE``), in the cache that keeps the rate limits: past
the limit the form answers 429 without checking the password. It slows the guessing down
without locking the account's owner out for long.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited


def username_key(group, request):
    return request.POST.get("username", "").strip().casefold()


class PortalAdminSite(admin.AdminSite):
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
