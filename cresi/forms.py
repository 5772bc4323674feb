import re

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotFormMixin

from .models import retention_period_label

PHONE_PATTERN = re.compile(r"^\+?[0-9 .()\-]{6,25}$")


def _one_line(value):
    return " ".join(value.split())


class RegistrationForm(HoneypotFormMixin, forms.Form):
    """The public registration form. It only validates: ``registration_create`` registers."""

    name = forms.CharField(
        label=_("Nom et prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        help_text=_("Le lien qui confirme l'inscription, puis celui qui l'annule, y sont envoyés."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Association ou collectivité"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    phone = forms.CharField(
        label=_("Téléphone"),
        max_length=30,
        required=False,
        help_text=_("Pour vous prévenir en cas de changement de dernière minute."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Votre accord est nécessaire pour que nous puissions vous inscrire.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "J'accepte que le CRESI utilise ces données pour organiser la formation ; "
            "elles sont supprimées %(period)s après la session."
        ) % {"period": retention_period_label()}
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>',
            reverse("privacy"),
            _("Comment le Département protège vos données personnelles"),
        )

    def clean_name(self):
        return _one_line(self.cleaned_data["name"])

    def clean_organisation(self):
        return _one_line(self.cleaned_data["organisation"])

    def clean_phone(self):
        phone = _one_line(self.cleaned_data.get("phone", ""))
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(
                _("Un numéro de téléphone ne contient que des chiffres, espaces, points et « + ».")
            )
        return phone

    def service_arguments(self):
        """The cleaned values, as ``registration_create`` takes them."""
        return {
            name: self.cleaned_data[name] for name in ("name", "email", "organisation", "phone")
        }
