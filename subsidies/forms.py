from django import forms
from django.utils.translation import gettext_lazy as _

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
