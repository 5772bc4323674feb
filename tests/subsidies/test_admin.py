from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.staff_groups import EDITORS, FINANCE
from subsidies.models import Subsidy
from tests.factories import ZoneFactory
from tests.subsidies.factories import (
    BeneficiaryFactory,
    BudgetLineFactory,
    SubsidyFactory,
    scdl_csv,
    scdl_row,
)

pytestmark = pytest.mark.django_db

MODELS = ["budgetline", "beneficiary", "subsidy"]
IMPORT = "/admin/subsidies/subsidy/import/"


@pytest.fixture
def records():
    line = BudgetLineFactory()
    subsidy = SubsidyFactory(zone=ZoneFactory())
    return {"budgetline": line, "beneficiary": subsidy.beneficiary, "subsidy": subsidy}


def upload(content, name="decisions.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.mark.parametrize("model", MODELS)
def test_finance_staff_manage_subsidies_and_see_their_history(
    client, staff_user_in, records, model
):
    client.force_login(staff_user_in(FINANCE))
    record = records[model]
    assert client.get(reverse(f"admin:subsidies_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:subsidies_{model}_add")).status_code == 200
    assert (
        client.get(reverse(f"admin:subsidies_{model}_change", args=[record.pk])).status_code == 200
    )
    history = client.get(reverse(f"admin:subsidies_{model}_history", args=[record.pk]))
    assert history.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_editors_may_not_see_nor_edit_subsidies(client, staff_user_in, records, model):
    client.force_login(staff_user_in(EDITORS))
    record = records[model]
    assert client.get(reverse(f"admin:subsidies_{model}_changelist")).status_code == 403
    assert client.get(reverse(f"admin:subsidies_{model}_add")).status_code == 403
    assert client.get(reverse(f"admin:subsidies_{model}_change", args=[record.pk])).status_code in {
        302,
        403,
    }
    assert (
        client.get(reverse(f"admin:subsidies_{model}_history", args=[record.pk])).status_code == 403
    )


def test_editors_may_not_import(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    assert client.get(IMPORT).status_code == 403
    response = client.post(IMPORT, {"file": upload(scdl_csv([scdl_row()])), "publish": "on"})
    assert response.status_code == 403
    assert Subsidy.objects.count() == 0


def test_zone_picker_answers_for_finance_staff(client, staff_user_in):
    ZoneFactory(name="Mali")
    client.force_login(staff_user_in(FINANCE))
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "Mali", "app_label": "subsidies", "model_name": "subsidy", "field_name": "zone"},
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["text"] == "Mali"


def test_history_shows_who_changed_what(client, staff_user_in):
    user = staff_user_in(FINANCE, username="comptable")
    client.force_login(user)
    subsidy = SubsidyFactory(amount=Decimal("1000"))
    data = {
        "reference": subsidy.reference,
        "convention_date": "2010-03-22",
        "beneficiary": subsidy.beneficiary.pk,
        "object": subsidy.object,
        "is_published": "on",
        "amount": "1500",
        "share": "1",
        "nature": "cash",
        "payment_conditions": "single",
        "payment_start": "2010-03-22",
        "payment_end": "",
        "zone": "",
        "action": "",
        "domain": "",
        "rae_id": "",
        "aid_scheme": "",
    }
    response = client.post(reverse("admin:subsidies_subsidy_change", args=[subsidy.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record = subsidy.history.first()
    assert record.history_user == user
    page = client.get(reverse("admin:subsidies_subsidy_history", args=[subsidy.pk])).text
    assert "comptable" in page
    assert "1000,00" in page and "1500,00" in page


def test_budget_line_form_refuses_a_part_larger_than_its_line(admin_client):
    BudgetLineFactory(year=2010, amount=Decimal("880000"))
    response = admin_client.post(
        reverse("admin:subsidies_budgetline_add"),
        {"year": "2010", "line": "subsidies", "amount": "900000", "note": ""},
    )
    assert response.status_code == 200
    assert "dépasse" in response.text


def test_changelist_offers_the_import_to_finance_staff(client, staff_user_in):
    client.force_login(staff_user_in(FINANCE))
    page = client.get(reverse("admin:subsidies_subsidy_changelist")).text
    assert f'href="{IMPORT}"' in page


class TestImportInTheAdmin:
    def test_upload_preview_then_confirm(self, client, staff_user_in):
        user = staff_user_in(FINANCE)
        client.force_login(user)
        assert client.get(IMPORT).status_code == 200
        data = scdl_csv([scdl_row(), scdl_row(referenceDecision="CP-2")])
        preview = client.post(IMPORT, {"file": upload(data), "publish": "on"})
        assert preview.status_code == 200
        assert "Aperçu de l'import" in preview.text
        assert "2 décisions nouvelles" in preview.text
        assert Subsidy.objects.count() == 0  # nothing written before confirmation
        token = preview.context["confirm_form"].initial["token"]
        done = client.post(IMPORT, {"token": token})
        assert done.status_code == 302
        assert done.url == reverse("admin:subsidies_subsidy_changelist")
        assert Subsidy.objects.count() == 2
        assert Subsidy.objects.filter(is_published=True).count() == 2
        assert Subsidy.history.first().history_user == user
        # The kept file is gone: the same preview cannot be confirmed twice.
        again = client.post(IMPORT, {"token": token}, follow=True)
        assert "expiré" in again.text
        assert Subsidy.objects.count() == 2

    def test_unpublished_import(self, admin_client):
        preview = admin_client.post(IMPORT, {"file": upload(scdl_csv([scdl_row()]))})
        admin_client.post(IMPORT, {"token": preview.context["confirm_form"].initial["token"]})
        assert not Subsidy.objects.get().is_published

    def test_refused_file_lists_every_error_and_offers_no_confirmation(self, admin_client):
        data = scdl_csv([scdl_row(montant="abc"), scdl_row(referenceDecision="2", nature="x")])
        response = admin_client.post(IMPORT, {"file": upload(data), "publish": "on"})
        assert response.status_code == 200
        page = response.text
        assert "Fichier refusé" in page
        assert "2 erreurs, rien n'a été enregistré" in page
        assert "<td>2</td><td>montant</td>" in page
        assert "<td>3</td><td>nature</td>" in page
        assert "confirm_form" not in response.context or not response.context["confirm_form"]
        assert Subsidy.objects.count() == 0

    def test_sample_file_gives_a_clear_report(self, admin_client, settings):
        from pathlib import Path

        path = Path(__file__).parent / "samples" / "aude_2024_rejected_rows.csv"
        response = admin_client.post(IMPORT, {"file": upload(path.read_bytes(), path.name)})
        assert response.status_code == 200
        assert "Fichier refusé" in response.text
        assert "3805449320029.0" in response.text

    def test_tampered_or_foreign_token_is_refused(self, client, staff_user_in, admin_client):
        preview = admin_client.post(IMPORT, {"file": upload(scdl_csv([scdl_row()]))})
        token = preview.context["confirm_form"].initial["token"]
        client.force_login(staff_user_in(FINANCE))
        response = client.post(IMPORT, {"token": token}, follow=True)
        assert "expiré" in response.text
        response = admin_client.post(IMPORT, {"token": token + "x"}, follow=True)
        assert "expiré" in response.text
        assert Subsidy.objects.count() == 0

    def test_not_a_file_upload(self, admin_client):
        response = admin_client.post(IMPORT, {})
        assert response.status_code == 200
        assert response.context["form"].errors

    def test_autocomplete_of_beneficiaries(self, admin_client):
        BeneficiaryFactory(name="Eau Vive")
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {
                "term": "eau",
                "app_label": "subsidies",
                "model_name": "subsidy",
                "field_name": "beneficiary",
            },
        )
        assert response.json()["results"][0]["text"] == "Eau Vive"
