from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_SIZE = 20 * 1024 * 1024
UPLOAD_SALT = "subsidies.import"
UPLOAD_MAX_AGE = 60 * 60  # a preview may be confirmed within the hour


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
    """Step 2: confirms the previewed file, kept in storage under a signed, expiring name."""

    token = forms.CharField(widget=forms.HiddenInput)

    def clean_token(self):
        try:
            return signing.loads(
                self.cleaned_data["token"], salt=UPLOAD_SALT, max_age=UPLOAD_MAX_AGE
            )
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("Cet aperçu a expiré ou n'est pas valide : déposez le fichier de nouveau.")
            ) from error
