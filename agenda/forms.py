from django import forms
from django.utils.translation import gettext_lazy as _


class AgendaFilterForm(forms.Form):
    """The agenda's ``type`` filter; its choices are the kinds of the events gathered."""

    type = forms.ChoiceField(label=_("Type d'événement"), required=False)

    def __init__(self, data, *, events):
        super().__init__(data)
        kinds = {event.kind: event.kind_label for event in events}
        self.fields["type"].choices = [("", _("Tous les événements")), *sorted(kinds.items())]

    def filter(self, events):
        """The events of the chosen kind; all of them when the form is empty or invalid."""
        kind = self.cleaned_data.get("type") if self.is_valid() else ""
        return [event for event in events if event.kind == kind] if kind else events
