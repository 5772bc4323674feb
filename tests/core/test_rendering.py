"""``core.rendering``: choice labels and URLs as Django gives them, at a fraction of the cost."""

import pytest
from django.apps import apps
from django.db.models import Model
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from core.rendering import choice_label, fast_reverse
from tests.factories import ZoneFactory


def models_with_choices():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_choice_label_is_django_s_own(language):
    checked = 0
    with translation.override(language):
        for model, field in models_with_choices():
            for value, _label in field.flatchoices:
                instance = model(**{field.attname: value})
                expected = Model._get_FIELD_display(instance, field)
                assert choice_label(field, value) == expected, (model, field.name, value)
                assert getattr(instance, f"get_{field.name}_display")() == expected
                checked += 1
    assert checked > 20  # the portal's models do have choices


def test_a_value_outside_the_choices_is_shown_as_it_is():
    zone = ZoneFactory.build(kind="inconnu")
    assert zone.get_kind_display() == "inconnu"
    zone.kind = ["unhashable"]
    assert zone.get_kind_display() == ["unhashable"]


def test_labels_follow_the_active_language():
    zone = ZoneFactory.build(kind="europe")
    assert zone.get_kind_display() == "Partenariat européen"
    with translation.override("en"):
        assert zone.get_kind_display() == "European partnership"


@pytest.mark.parametrize(
    "view, slug",
    [
        ("cooperation:zone-detail", "mali"),
        ("cooperation:action-detail", "puits-de-kayes-2"),
        ("cresi:resource-download", "guide_2024"),
        ("europe:project-detail", "climate"),
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_urls_are_those_reverse_gives(view, slug, language):
    with translation.override(language):
        assert fast_reverse(view, "slug", slug) == reverse(view, kwargs={"slug": slug})


@pytest.mark.parametrize("slug", ["été", "a b", "a/b", ""])
def test_what_the_slug_converter_refuses_is_refused_as_reverse_does(slug):
    with pytest.raises(NoReverseMatch):
        reverse("cooperation:zone-detail", kwargs={"slug": slug})
    with pytest.raises(NoReverseMatch):
        fast_reverse("cooperation:zone-detail", "slug", slug)


def test_a_changed_script_prefix_is_followed():
    before = fast_reverse("cooperation:zone-detail", "slug", "mali")
    with override_settings(FORCE_SCRIPT_NAME="/portail/"):
        set_script_prefix("/portail/")
        try:
            assert fast_reverse("cooperation:zone-detail", "slug", "mali") == (
                "/portail/cooperation/mali/"
            )
        finally:
            set_script_prefix("/")
    assert fast_reverse("cooperation:zone-detail", "slug", "mali") == before
