from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cooperation.models import Zone
from core.forms import HoneypotFormMixin
from core.i18n import translated_value
from core.validators import normalize_identifier

from .choices import RequestKind
from .models import Actor, ActorRequest

SINGLE_LINE_FIELDS = ("name", "commune", "contact_name", "public_phone")


class LocalizedZonesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return translated_value(obj, "name")


def identifier_field(name, max_length, help_text, **widget_attrs):
    model_field = ActorRequest._meta.get_field(name)
    return forms.CharField(
        label=capfirst(model_field.verbose_name),
        help_text=help_text,
        required=False,
        max_length=max_length,
        widget=forms.TextInput(attrs={"autocomplete": "off", **widget_attrs}),
    )


class ActorRequestForm(HoneypotFormMixin, forms.ModelForm):
    """Ask to be listed, or to correct an entry. It only validates: the service stores it."""

    actor = forms.ModelChoiceField(
        label=_("Fiche à corriger"),
        queryset=Actor.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("Aucune : nouvelle inscription"),
        help_text=_("Pour une correction seulement."),
    )
    siret = identifier_field(
        "siret",
        max_length=20,
        help_text=_("Les 14 chiffres de l'établissement, espaces permis."),
        inputmode="numeric",
    )
    rna = identifier_field(
        "rna", max_length=14, help_text=_("Pour une association déclarée : W suivi de 9 chiffres.")
    )
    zones = LocalizedZonesField(
        label=_("Zones partenaires où vous agissez"),
        queryset=Zone.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que le Département traite ces données pour instruire la demande et me "
            "répondre."
        ),
        required=True,
        error_messages={"required": _("Votre accord est nécessaire pour traiter la demande.")},
    )

    class Meta:
        model = ActorRequest
        fields = [
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
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "public_phone": forms.TextInput(attrs={"type": "tel"}),
            "presentation": forms.Textarea(attrs={"rows": 6}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "public_email": _(
                "Publiée sur votre fiche seulement si vous cochez l'accord ci-dessous."
            ),
            "email": _("Pour confirmer la demande et vous répondre ; jamais publiée."),
            "message": _("Ce qu'il faut corriger, ou ce que l'équipe doit savoir."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.published()
        self.fields["zones"].queryset = Zone.objects.published().order_by("name")
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>',
            reverse("privacy"),
            _("Comment le Département protège vos données personnelles"),
        )

    def _clean_identifier(self, name):
        value = normalize_identifier(self.cleaned_data.get(name, ""))
        if value:
            for validator in ActorRequest._meta.get_field(name).validators:
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
        kind = cleaned_data.get("request_kind")
        if kind == RequestKind.CORRECTION and not cleaned_data.get("actor"):
            self.add_error("actor", _("Choisissez la fiche à corriger."))
        if kind == RequestKind.LISTING and cleaned_data.get("actor"):
            self.add_error("actor", _("Une nouvelle inscription ne corrige aucune fiche."))
        if (cleaned_data.get("public_email") or cleaned_data.get("public_phone")) and not (
            cleaned_data.get("publish_contact")
        ):
            self.add_error(
                "publish_contact",
                _("Cochez cet accord pour que ces coordonnées soient publiées, ou effacez-les."),
            )
        return cleaned_data

    def service_arguments(self):
        names = [*self.Meta.fields, "consent"]
        return {name: self.cleaned_data[name] for name in names}
