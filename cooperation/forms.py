from django.core.exceptions import ValidationError

from .models import check_sdg_targets


class DevelopmentTagsFormMixin:
    """For a model form of a record carrying ``DevelopmentTags``: each SDG target chosen must
    belong to a goal chosen (a rule over two many-to-many fields, so checked by the form)."""

    def clean(self):
        cleaned_data = super().clean()
        goals = cleaned_data.get("sdg_goals")
        targets = cleaned_data.get("sdg_targets")
        if goals is not None and targets is not None:
            try:
                check_sdg_targets(goals, targets)
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data
