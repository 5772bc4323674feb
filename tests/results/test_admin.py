"""A result, its indicators and their values are entered on one admin page (nested inlines);
documents are uploads checked by their content."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.staff_groups import EDITORS
from cresi.documents import pdf_document
from results.models import ActionDocument, Indicator, IndicatorValue, Result
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

ADD_RESULT = "/admin/results/result/add/"


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def result_form(action, *, values):
    data = {
        "action": str(action.pk),
        "title": "Accès à l'eau potable",
        "position": "0",
        "is_published": "on",
        "description": "",
        "title_en": "",
        **management("indicators", 1),
        "indicators-0-title": "Puits construits",
        "indicators-0-measure": "unit",
        "indicators-0-unit": "puits",
        "indicators-0-ascending": "on",
        "indicators-0-baseline_value": "0",
        "indicators-0-baseline_year": "2010",
        "indicators-0-target_value": "15",
        "indicators-0-target_year": "2013",
        "indicators-0-position": "0",
        **management("indicators-0-values", len(values)),
        **management("indicators-empty-values", 0),
    }
    for index, (start, end, value, comment) in enumerate(values):
        data.update(
            {
                f"indicators-0-values-{index}-period_start": start,
                f"indicators-0-values-{index}-period_end": end,
                f"indicators-0-values-{index}-value": value,
                f"indicators-0-values-{index}-comment": comment,
            }
        )
    return data


@pytest.fixture
def editor(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    return client


def test_a_result_its_indicator_and_its_values_are_saved_from_one_page(editor):
    action = ActionFactory()
    assert editor.get(ADD_RESULT).status_code == 200
    response = editor.post(
        ADD_RESULT,
        result_form(
            action,
            values=[
                ("2011-01-01", "2011-12-31", "6", ""),
                ("2012-01-01", "2012-12-31", "11", "Saison des pluies"),
            ],
        ),
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    result = Result.objects.get()
    assert result.action == action
    indicator = Indicator.objects.get(result=result)
    assert (indicator.baseline_value, indicator.target_value) == (Decimal("0"), Decimal("15"))
    assert list(indicator.values.values_list("period_end", "value", "comment")) == [
        (date(2011, 12, 31), Decimal("6"), ""),
        (date(2012, 12, 31), Decimal("11"), "Saison des pluies"),
    ]


def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(editor):
    response = editor.post(
        ADD_RESULT,
        result_form(ActionFactory(), values=[("2012-12-31", "2012-01-01", "11", "")]),
    )
    assert response.status_code == 200
    assert "La période finit avant de commencer." in response.text
    assert (Result.objects.count(), Indicator.objects.count(), IndicatorValue.objects.count()) == (
        0,
        0,
        0,
    )


def test_a_result_of_no_action_nor_project_is_refused(editor):
    data = result_form(ActionFactory(), values=[])
    data["action"] = ""
    response = editor.post(ADD_RESULT, data)
    assert response.status_code == 200
    assert "soit d&#x27;une action de coopération, soit d&#x27;un projet européen" in response.text
    assert not Result.objects.exists()


def document_form(action, upload):
    return {
        "action": str(action.pk),
        "kind": "evaluation",
        "title": "Évaluation finale",
        "title_en": "",
        "document_date": "2014-02-10",
        "file": upload,
        "resource": "",
        "is_published": "on",
    }


def test_an_uploaded_document_is_checked_by_its_content(editor):
    action = ActionFactory()
    disguised = SimpleUploadedFile(
        "evaluation.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    response = editor.post("/admin/results/actiondocument/add/", document_form(action, disguised))
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert not ActionDocument.objects.exists()

    real = SimpleUploadedFile("evaluation.pdf", pdf_document("Évaluation"), "application/pdf")
    response = editor.post("/admin/results/actiondocument/add/", document_form(action, real))
    assert response.status_code == 302
    document = ActionDocument.objects.get()
    assert document.file.name.startswith("results/documents/")
    assert document.file.read().startswith(b"%PDF-")


def test_an_editor_links_a_document_to_a_cresi_resource(editor):
    from tests.cresi.factories import ResourceFactory

    action = ActionFactory()
    resource = ResourceFactory(title="Guide : évaluer son projet")
    form = editor.get("/admin/results/actiondocument/add/").text
    assert f'<option value="{resource.pk}">Guide : évaluer son projet</option>' in form
    data = {**document_form(action, ""), "resource": str(resource.pk)}
    del data["file"]
    assert editor.post("/admin/results/actiondocument/add/", data).status_code == 302
    assert ActionDocument.objects.get().resource == resource
