"""Pieces shared by the public forms (training registration, support requests)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited


class HoneypotFormMixin(forms.Form):
    """Adds a field people never see nor fill; a robot that fills it gets a validation error.

    The field is hidden by CSS (``.visually-hidden-field``) and from assistive technologies
    (``aria-hidden`` wrapper in ``includes/form_fields.html``), with ``tabindex=-1`` and
    ``autocomplete=off`` so browsers do not fill it.
    """

    website = forms.CharField(
        label=_("Ne pas remplir ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    honeypot_field_name = "website"

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Votre envoi n'a pas pu être accepté."))
        return ""


class RateLimitedFormMixin:
    """Limits a form view's POSTs per client address (``FORM_RATE_LIMIT``, e.g. ``5/m``).

    Over the limit the form is shown again with an explanation and HTTP status 429; nothing is
    stored. Counts live in the default cache, so every app server shares them when the cache is
    shared (Redis in production).
    """

    rate_limit_group = None

    def post(self, request, *args, **kwargs):
        if is_ratelimited(
            request,
            group=self.rate_limit_group or type(self).__qualname__,
            key="ip",
            rate=settings.FORM_RATE_LIMIT,
            method="POST",
            increment=True,
        ):
            return self.rate_limited(request)
        return super().post(request, *args, **kwargs)

    def rate_limited(self, request):
        form = self.get_form()
        form.add_error(
            None, _("Trop d'envois depuis votre connexion. Merci de réessayer dans une minute.")
        )
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 429
        return response
