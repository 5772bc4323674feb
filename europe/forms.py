from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotFormMixin
from core.validators import normalize_identifier

from .models import SupportRequest

SINGLE_LINE_FIELDS = ("structure_name", "contact_name", "phone")


def identifier_field(name, max_length, help_text, **widget_attrs):
    """A SIRET or RNA field that lets people type spaces; ``clean_<name>`` normalises it."""
    model_field = SupportRequest._meta.get_field(name)
    return forms.CharField(
        label=capfirst(model_field.verbose_name),
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.TextInput(attrs={"autocomplete": "off", **widget_attrs}),
    )


class SupportRequestForm(HoneypotFormMixin, forms.ModelForm):
    """The public support request form. It only validates: the service stores the request."""

    siret = identifier_field(
        "siret",
        max_length=20,
        help_text=_("Les 14 chiffres de l'établissement, espaces permis."),
        inputmode="numeric",
    )
    rna = identifier_field(
        "rna",
        max_length=14,
        help_text=_("Pour une association déclarée : W suivi de 9 chiffres."),
    )
    consent = forms.BooleanField(
        label=_("J'accepte que la mission Europe traite ces données pour répondre à ma demande."),
        required=True,
        error_messages={
            "required": _("Votre accord est nécessaire pour que nous puissions vous répondre.")
        },
    )

    class Meta:
        model = SupportRequest
        fields = [
            "structure_name",
            "structure_kind",
            "siret",
            "rna",
            "contact_name",
            "email",
            "phone",
            "project_idea",
            "programme",
            "progress",
        ]
        widgets = {
            "structure_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "project_idea": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programme = self.fields["programme"]
        programme.choices = [("", _("Je ne sais pas encore")), *programme.choices[1:]]
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>',
            reverse("privacy"),
            _("Comment le Département protège vos données personnelles"),
        )

    def _clean_identifier(self, name):
        value = normalize_identifier(self.cleaned_data.get(name, ""))
        if value:
            for validator in SupportRequest._meta.get_field(name).validators:
                validator(value)
        return value

    def clean_siret(self):
        return self._clean_identifier("siret")

    def clean_rna(self):
        return self._clean_identifier("rna")

    def clean(self):
        cleaned_data = super().clean()
        for name in SINGLE_LINE_FIELDS:
            if cleaned_data.get(name):
                cleaned_data[name] = " ".join(cleaned_data[name].split())
        return cleaned_data

    def service_arguments(self):
        """The cleaned values, as ``support_request_create`` takes them."""
        return {name: self.cleaned_data[name] for name in [*self.Meta.fields, "consent"]}
