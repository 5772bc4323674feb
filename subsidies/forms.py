from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.forms import DevelopmentTagsFormMixin

from .models import Subsidy

MAX_UPLOAD_SIZE = 20 * 1024 * 1024


class SubsidyImportForm(forms.Form):
    """Step 1 of the admin import: the file, checked and previewed before anything is written."""

    file = forms.FileField(
        label=_("Fichier CSV au format SCDL « subventions »"),
        help_text=_(
            "Séparateur virgule ou point-virgule, encodage UTF-8 ou Windows-1252, 20 Mo au plus."
        ),
    )
    publish = forms.BooleanField(
        label=_("Publier les nouvelles décisions"),
        required=False,
        initial=True,
        help_text=_("Les décisions déjà connues gardent leur état de publication."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(_("Fichier trop volumineux (20 Mo au plus)."))
        return upload


class SubsidyImportConfirmForm(forms.Form):
    """Step 2: confirms the previewed file, named by the token ``subsidy_import_stage`` gave
    (``subsidy_import_confirm`` checks it)."""

    token = forms.CharField(widget=forms.HiddenInput)


class SubsidyAdminForm(DevelopmentTagsFormMixin, forms.ModelForm):
    """A decision in the admin: the SIRET and RNA number it is published with are its
    beneficiary's when left empty, or when the beneficiary changes and they were not touched;
    correcting a beneficiary later leaves them as they were."""

    class Meta:
        model = Subsidy
        fields = [
            "reference",
            "convention_date",
            "beneficiary",
            "siret",
            "rna",
            "object",
            "is_published",
            "amount",
            "share",
            "nature",
            "payment_conditions",
            "payment_conditions_text",
            "payment_start",
            "payment_end",
            "zone",
            "action",
            "domain",
            "eu_notification",
            "rae_id",
            "aid_scheme",
            "sdg_goals",
            "sdg_targets",
            "dac_purpose",
        ]

    def clean(self):
        cleaned = super().clean()
        beneficiary = cleaned.get("beneficiary")
        identifiers = ("siret", "rna")
        if beneficiary is None or any(name in self.errors for name in identifiers):
            return cleaned
        untouched = not any(name in self.changed_data for name in identifiers)
        empty = not any(cleaned.get(name) for name in identifiers)
        if empty or ("beneficiary" in self.changed_data and untouched):
            for name in identifiers:
                cleaned[name] = getattr(beneficiary, name)
        return cleaned


class OdaDeclarationForm(forms.Form):
    """The year of the APD declaration (admin)."""

    annee = forms.IntegerField(label=_("Année"), min_value=1950, max_value=2100)
