import re

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cooperation.choices import Domain
from core.forms import HoneypotFormMixin
from core.validators import normalize_identifier
from subsidies.validators import validate_rna, validate_siret

from .models import (
    CENT,
    Application,
    is_essonne_postcode,
    max_attachment_size,
    retention_days,
    validate_attachment,
)

PHONE_PATTERN = re.compile(r"^\+?[0-9 .()\-]{6,25}$")


class StartForm(HoneypotFormMixin, forms.Form):
    """The first step: an address to send the confirmation link, then the private link, to."""

    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        help_text=_(
            "Un lien pour confirmer cette adresse y est envoyé, puis le lien privé de votre "
            "dossier. Déjà un dossier ? Le même lien vous est envoyé à nouveau."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Votre accord est nécessaire pour que nous puissions traiter le dossier.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "J'accepte que le Département utilise ces données pour instruire le dossier ; "
            "elles sont supprimées %(days)s jours après la fin du projet ou le refus."
        ) % {"days": retention_days()}
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>',
            reverse("privacy"),
            _("Comment le Département protège vos données personnelles"),
        )


class ApplicationForm(forms.ModelForm):
    """The application's own fields. Every field may stay empty in a draft; what submitting
    needs is checked by ``Application.submission_errors``."""

    class Meta:
        model = Application
        fields = [
            "organisation",
            "siret",
            "rna",
            "address",
            "postcode",
            "city",
            "contact_name",
            "contact_phone",
            "title",
            "zone",
            "partner",
            "domain",
            "summary",
            "objectives",
            "expected_results",
            "indicators",
            "start_date",
            "end_date",
            "amount_requested",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "expected_results": forms.Textarea(attrs={"rows": 4}),
            "indicators": forms.Textarea(attrs={"rows": 4}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postcode": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }
        help_texts = {
            "siret": _("14 chiffres ; ou, pour une association sans SIRET, son numéro RNA."),
            "rna": _("W suivi de 9 chiffres."),
            "postcode": _("Une commune de l'Essonne : 91…"),
            "indicators": _("Comment mesurer les résultats : un indicateur par ligne."),
            "amount_requested": _("En euros."),
        }

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        zones = call.zones.published().order_by("name")
        if zones.exists():
            self.fields["zone"].queryset = zones
        else:
            self.fields["zone"].queryset = self.fields["zone"].queryset.published()
        if call.domains:
            self.fields["domain"].choices = [("", "---------")] + [
                (code, Domain(code).label) for code in call.domains if code in Domain.values
            ]

    def clean_siret(self):
        siret = normalize_identifier(self.cleaned_data.get("siret", ""))
        if siret:
            validate_siret(siret)
        return siret

    def clean_rna(self):
        rna = normalize_identifier(self.cleaned_data.get("rna", ""))
        if rna:
            validate_rna(rna)
        return rna

    def clean_postcode(self):
        postcode = self.cleaned_data.get("postcode", "").strip()
        if postcode and not is_essonne_postcode(postcode):
            raise forms.ValidationError(
                _("Le code postal doit être celui d'une commune de l'Essonne (91…).")
            )
        return postcode

    def clean_contact_phone(self):
        phone = " ".join(self.cleaned_data.get("contact_phone", "").split())
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(
                _("Un numéro de téléphone ne contient que des chiffres, espaces, points et « + ».")
            )
        return phone

    def _post_clean(self):
        # The model's own checks run in the service, on the whole draft.
        pass

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class BudgetRowForm(forms.Form):
    label = forms.CharField(label=_("Poste"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("Montant (€)"), max_digits=12, decimal_places=2, min_value=CENT, required=False
    )

    def clean(self):
        data = super().clean()
        label, amount = data.get("label", "").strip(), data.get("amount")
        if label and amount is None and not self.errors:
            self.add_error("amount", _("Indiquez le montant de ce poste."))
        if amount is not None and not label:
            self.add_error("label", _("Indiquez le poste de ce montant."))
        return data


BudgetRowFormSet = forms.formset_factory(BudgetRowForm, extra=0, max_num=30, absolute_max=30)
BLANK_ROWS = 3


def budget_formset(prefix, items, data=None):
    initial = [{"label": item.label, "amount": item.amount} for item in items]
    initial += [{}] * BLANK_ROWS
    if data is not None:
        return BudgetRowFormSet(data, prefix=prefix)
    return BudgetRowFormSet(initial=initial, prefix=prefix)


def budget_rows(formset):
    return [
        (form.cleaned_data["label"].strip(), form.cleaned_data["amount"])
        for form in formset
        if form.cleaned_data.get("label") and form.cleaned_data.get("amount") is not None
    ]


class AttachmentsForm(forms.Form):
    """One file field per document the call asks for; a file sent replaces the former one."""

    def __init__(self, *args, call, sent=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = {}
        for kind in call.attachment_kinds.all():
            name = f"piece_{kind.pk}"
            self.kinds[name] = kind
            help_text = _("PDF, OpenDocument, Word, Excel, image ; %(size)s Mo au plus.") % {
                "size": max_attachment_size() // (1024 * 1024)
            }
            if kind.pk in sent:
                help_text = _("Déjà envoyée ; un nouveau fichier la remplace.") + " " + help_text
            self.fields[name] = forms.FileField(
                label=kind.label + ("" if kind.required else f" ({_('facultatif')})"),
                required=False,
                validators=[validate_attachment],
                help_text=help_text,
            )

    def uploads(self):
        return {self.kinds[name]: upload for name, upload in self.cleaned_data.items() if upload}
