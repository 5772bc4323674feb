from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.staff_groups import EDITORS, FINANCE
from subsidies.models import Subsidy
from tests.factories import ActionFactory, ZoneFactory
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


class TestWhatTheAdminRefusesAndShows:
    def test_a_late_nul_is_a_row_error_not_a_500(self, admin_client):
        rows = [scdl_row(referenceDecision=f"CP-{n}", objet="Puits " * 10) for n in range(80)]
        rows.append(scdl_row(referenceDecision="CP-late", objet="Puits\x00"))
        data = scdl_csv(rows)
        assert data.index(b"\x00") > 4096
        response = admin_client.post(IMPORT, {"file": upload(data), "publish": "on"})
        assert response.status_code == 200
        assert "<td>82</td><td>objet</td>" in response.text
        assert "U+0000" in response.text
        assert Subsidy.objects.count() == 0

    def test_a_huge_bad_file_shows_its_first_1000_errors_and_their_count(self, admin_client):
        rows = [scdl_row(referenceDecision=f"CP-{n}", montant="abc") for n in range(1500)]
        response = admin_client.post(IMPORT, {"file": upload(scdl_csv(rows)), "publish": "on"})
        assert response.status_code == 200
        assert "1500 erreurs, rien n'a été enregistré\xa0: voici les 1000 premières." in (
            response.text
        )
        assert len(response.context["report"].errors) == 1000

    def test_the_preview_shows_which_decision_and_fields_change(self, admin_client):
        SubsidyFactory(
            reference="CP-2010-03-22-001",
            beneficiary=BeneficiaryFactory(siret=scdl_row()["idBeneficiaire"], rna="W912004518"),
            object="Puits et latrines au Mali",
            amount=Decimal("80000"),
        )
        data = scdl_csv([scdl_row()])
        page = admin_client.post(IMPORT, {"file": upload(data), "publish": "on"}).text
        assert "Ce qui changerait" in page
        assert "CP-2010-03-22-001" in page and "Puits et latrines au Mali" in page
        assert "<td>Montant total (€)</td><td>80\xa0000\xa0€</td><td>85\xa0000\xa0€</td>" in page

    @pytest.mark.parametrize(
        ("field", "value"),
        [("object", "=1+1"), ("reference", "@SUM(A1)"), ("aid_scheme", "-2+3")],
    )
    def test_the_subsidy_form_refuses_a_spreadsheet_formula(self, admin_client, field, value):
        subsidy = SubsidyFactory()
        url = reverse("admin:subsidies_subsidy_change", args=[subsidy.pk])
        form = admin_client.get(url).context["adminform"].form
        data = {name: form[name].value() or "" for name in form.fields}
        data.update({field: value, "is_published": "on", "eu_notification": ""})
        data["payment_start"] = subsidy.payment_start.isoformat()
        data["convention_date"] = subsidy.convention_date.isoformat()
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert "formule de tableur" in response.text
        subsidy.refresh_from_db()
        assert getattr(subsidy, field) != value

    def test_the_beneficiary_form_refuses_a_spreadsheet_formula(self, admin_client):
        response = admin_client.post(
            reverse("admin:subsidies_beneficiary_add"),
            {"name": "=HYPERLINK(1)", "siret": "", "rna": "W912000001", "kind": "association"},
        )
        assert response.status_code == 200
        assert "formule de tableur" in response.text

    def test_a_new_decision_takes_its_beneficiary_s_identifiers(self, admin_client):
        beneficiary = BeneficiaryFactory()
        response = admin_client.post(
            reverse("admin:subsidies_subsidy_add"),
            {
                "reference": "CP-9",
                "convention_date": "2010-03-22",
                "beneficiary": beneficiary.pk,
                "object": "Puits",
                "amount": "1000",
                "share": "1",
                "nature": "cash",
                "payment_conditions": "single",
                "payment_start": "2010-03-22",
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        subsidy = Subsidy.objects.get(reference="CP-9")
        assert (subsidy.siret, subsidy.rna) == (beneficiary.siret, beneficiary.rna)
        beneficiary.siret = ""
        beneficiary.save()
        subsidy.refresh_from_db()
        assert subsidy.siret and subsidy.granted_amount == Decimal("1000")

    def test_deleting_an_action_with_decisions_is_refused_and_lists_them(self, admin_client):
        action = ActionFactory(contribution=Decimal("5000"))
        SubsidyFactory(action=action, zone=action.zone, reference="CP-77", amount=Decimal("10"))
        url = reverse("admin:cooperation_action_delete", args=[action.pk])
        page = admin_client.get(url).text
        assert "CP-77" in page
        response = admin_client.post(url, {"post": "yes"})
        assert response.status_code == 200
        assert Subsidy.objects.get(reference="CP-77").action == action
