import html
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from calls.choices import ApplicationStatus
from calls.models import Application, Attachment
from calls.tokens import application_access_token
from cresi.documents import pdf_document
from tests.subsidies.factories import SubsidyFactory

from .factories import (
    BUDGET,
    ApplicationFactory,
    CallFactory,
    complete_application,
    complete_values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_is_testserver(settings):
    settings.SITE_URL = "http://testserver"


def emailed_path(kind, message=None):
    body = (message or mail.outbox[-1]).body
    return re.search(rf"http://testserver(/appels-a-projets/{kind}/[\w-]+/)", body)[1]


def text(response):
    return html.unescape(response.content.decode())


def pdf(name="statuts.pdf"):
    return SimpleUploadedFile(name, pdf_document("Statuts"), content_type="application/pdf")


def form_data(call, budget=BUDGET, files=True, **overrides):
    """What the application form posts, every field filled and valid, the required files
    attached."""
    values = complete_values(call, **overrides)
    data = {
        name: ("" if value is None else value.pk if hasattr(value, "pk") else value)
        for name, value in values.items()
    }
    for prefix, side in (("depenses", "expense"), ("ressources", "resource")):
        rows = budget[side]
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = 0
        for index, (label, amount) in enumerate(rows):
            data[f"{prefix}-{index}-label"] = label
            data[f"{prefix}-{index}-amount"] = str(amount)
    if files:
        for kind in call.attachment_kinds.filter(required=True):
            data[f"piece_{kind.pk}"] = pdf()
    return data


def edit_url(application):
    return reverse("calls:application-edit", args=[application_access_token(application)])


class TestPublicPages:
    def test_list_shows_open_calls_first_with_days_left_then_past_ones(
        self, client, django_assert_max_num_queries
    ):
        now = timezone.now()
        CallFactory(
            title="Appel clos",
            opens_at=now - timedelta(days=90),
            closes_at=now - timedelta(days=60),
        )
        CallFactory(title="Appel ouvert", closes_at=now + timedelta(days=10))
        CallFactory(title="Brouillon", is_published=False)
        with django_assert_max_num_queries(8):
            response = client.get("/appels-a-projets/")
        page = text(response)
        assert page.index("Appel ouvert") < page.index("Appel clos")
        assert "10 jours restants" in page
        assert "Brouillon" not in page
        for number in range(5):
            CallFactory(
                opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=60 + number)
            )
        with django_assert_max_num_queries(8):
            client.get("/appels-a-projets/")

    def test_detail_gives_every_fact_of_the_call(self, client):
        call = CallFactory(title="Eau et éducation", max_amount=Decimal("20000"))
        page = text(client.get(call.get_absolute_url()))
        assert "Eau et éducation" in page
        assert "Associations et collectivités locales de l'Essonne" in page
        assert "20\u00a0000\u00a0€, et au plus 50\u00a0% du budget du projet" in page
        assert "100\u00a0000\u00a0€" in page
        assert "(heure de Paris)" in page
        assert "Statuts" in page and "Lettre du partenaire (facultatif)" in page
        assert call.zones.first().name in page
        assert call.get_apply_url() in page

    def test_an_unpublished_call_is_404(self, client):
        call = CallFactory(is_published=False)
        assert client.get(call.get_absolute_url()).status_code == 404

    def test_funded_projects_are_the_published_decisions_with_their_figures(self, client):
        call = CallFactory()
        published = SubsidyFactory(amount=Decimal("12345.67"), is_published=True)
        draft = SubsidyFactory(amount=Decimal("999"), is_published=False, object="Pas encore")
        for subsidy in (published, draft):
            application = complete_application(call)
            Application.objects.filter(pk=application.pk).update(subsidy=subsidy)
        page = text(client.get(call.get_absolute_url()))
        assert "Projets financés" in page
        published.refresh_from_db()
        assert "12\u00a0345,67\u00a0€" in page
        assert published.beneficiary.name in page and published.object in page
        assert "Pas encore" not in page


class TestApplying:
    def test_the_whole_path_from_the_address_to_the_receipt(
        self, client, django_capture_on_commit_callbacks, site_is_testserver
    ):
        call = CallFactory()
        start = client.get(call.get_apply_url())
        assert 'name="website"' in start.text and "csrfmiddlewaretoken" in start.text
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                call.get_apply_url(), {"email": "asso@example.org", "consent": "on", "website": ""}
            )
        assert response.status_code == 302
        [check] = mail.outbox
        assert check.to == ["asso@example.org"]
        confirm = emailed_path("confirmation")
        assert (
            client.get(confirm).status_code == 200
        )  # asks; a scanner following it confirms nothing
        assert Application.objects.get().email_confirmed_at is None
        with django_capture_on_commit_callbacks(execute=True):
            client.post(confirm)
        edit = emailed_path("dossier")
        assert "lien privé" in mail.outbox[-1].body

        # A draft is saved with what there is, and the link resumes it.
        response = client.post(edit, {**form_data(call, files=False), "save": "1"})
        assert response.status_code == 200
        assert "Brouillon enregistré" in text(response)
        application = Application.objects.get()
        assert application.status == ApplicationStatus.DRAFT
        assert application.title == "Puits à Kayes"
        assert "Puits à Kayes" in text(client.get(edit))

        # Submitting checks everything, locks, numbers and acknowledges.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(edit, {**form_data(call), "submit": "1"})
        assert response.status_code == 302
        application.refresh_from_db()
        year = timezone.localdate().year
        assert application.status == ApplicationStatus.SUBMITTED
        assert application.reference == f"AAP-{year}-001"
        assert application.attachments.count() == 2
        receipt = mail.outbox[-1]
        assert f"AAP-{year}-001" in receipt.subject
        for typed in ("Puits", "Eau Vive", "Awa", "Kayes", "15"):
            assert typed not in receipt.body, typed
        page = text(client.get(edit))
        assert f"Dossier AAP-{year}-001" in page and "Déposé" in page
        # Locked: a later post changes nothing.
        assert client.post(edit, {**form_data(call, title="Autre"), "save": "1"}).status_code == 409
        application.refresh_from_db()
        assert application.title == "Puits à Kayes"

    def test_the_link_is_sent_again_to_the_same_address(
        self, client, django_capture_on_commit_callbacks, site_is_testserver
    ):
        application = ApplicationFactory(email="asso@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                application.call.get_apply_url(),
                {"email": "ASSO@example.org", "consent": "on"},
            )
        assert Application.objects.count() == 1
        assert emailed_path("dossier") == edit_url(application)

    def test_every_error_is_listed_beside_its_field_and_nothing_is_kept(self, client):
        call = CallFactory()
        application = ApplicationFactory(call=call)
        unbalanced = {**BUDGET, "resource": [("Département", Decimal("15000"))]}
        data = form_data(
            call,
            budget=unbalanced,
            files=False,
            amount_requested=Decimal("25000"),
            title="",
        )
        response = client.post(edit_url(application), {**data, "submit": "1"})
        assert response.status_code == 200
        page = text(response)
        assert "Le dossier contient des erreurs" in page
        assert "n'est pas équilibré" in page
        assert "maximum de l'appel" in page
        assert "Cette pièce est obligatoire." in page
        assert 'id="id_title_error"' in response.text
        application.refresh_from_db()
        assert application.status == ApplicationStatus.DRAFT
        assert application.title == "" and not application.budget_items.exists()

    def test_a_postcode_outside_essonne(self, client):
        application = ApplicationFactory()
        data = form_data(application.call, postcode="75011")
        response = client.post(edit_url(application), {**data, "submit": "1"})
        assert "commune de l'Essonne" in text(response)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.DRAFT and application.postcode == ""

    def test_a_bad_siret(self, client):
        application = ApplicationFactory()
        data = form_data(application.call, siret="43321908600018")
        response = client.post(edit_url(application), {**data, "submit": "1"})
        assert "SIRET n'est pas valide" in text(response)

    def test_an_attachment_that_is_not_what_it_says(self, client):
        application = ApplicationFactory()
        data = form_data(application.call)
        name = next(key for key in data if key.startswith("piece_"))
        data[name] = SimpleUploadedFile(
            "statuts.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
        )
        response = client.post(edit_url(application), {**data, "submit": "1"})
        assert response.status_code == 200
        assert f'class="field__error" id="id_{name}_error"' in response.text
        application.refresh_from_db()
        assert application.status == ApplicationStatus.DRAFT
        assert not Attachment.objects.exists()

    def test_attachments_are_stored_privately_under_their_real_kind(self, client, settings):
        application = ApplicationFactory()
        data = form_data(application.call)
        client.post(edit_url(application), {**data, "save": "1"})
        attachment = application.attachments.first()
        assert re.fullmatch(r"calls/pieces/[0-9a-f]{32}\.pdf", attachment.file.name)
        assert client.get(settings.MEDIA_URL + attachment.file.name).status_code == 404

    def test_no_submission_after_the_closing_time_even_from_a_form_opened_before(
        self, client, monkeypatch
    ):
        call = CallFactory(closes_at=timezone.now() + timedelta(hours=1))
        application = ApplicationFactory(call=call)
        url = edit_url(application)
        assert "Déposer le dossier" in text(client.get(url))
        data = form_data(call)
        later = timezone.now() + timedelta(hours=1, seconds=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        response = client.post(url, {**data, "submit": "1"})
        assert response.status_code == 403
        assert "Appel clos" in text(response)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.DRAFT and application.title == ""

    def test_a_closed_call_takes_no_new_application(self, client):
        now = timezone.now()
        call = CallFactory(opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1))
        response = client.post(call.get_apply_url(), {"email": "a@example.org", "consent": "on"})
        assert "Appel clos" in text(response)
        assert not Application.objects.exists()

    def test_submitting_twice_gives_one_reference(self, client):
        application = ApplicationFactory()
        data = form_data(application.call)
        assert client.post(edit_url(application), {**data, "submit": "1"}).status_code == 302
        again = client.post(edit_url(application), {**form_data(application.call), "submit": "1"})
        assert again.status_code == 409
        assert Application.objects.exclude(reference=None).count() == 1

    def test_references_follow_each_other_within_a_year(self, client):
        year = timezone.localdate().year
        first, second = complete_application(), complete_application()
        from calls import services

        services.application_submit(application=first)
        services.application_submit(application=second)
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.reference, second.reference) == (f"AAP-{year}-001", f"AAP-{year}-002")

    def test_unknown_or_unconfirmed_links_are_404(self, client):
        application = ApplicationFactory(email_confirmed_at=None)
        assert client.get(edit_url(application)).status_code == 404
        assert client.get("/appels-a-projets/dossier/inconnu/").status_code == 404
        assert client.get("/appels-a-projets/confirmation/inconnu/").status_code == 404

    def test_honeypot_refuses_robots(self, client):
        call = CallFactory()
        client.post(
            call.get_apply_url(),
            {"email": "a@example.org", "consent": "on", "website": "http://spam.example"},
        )
        assert not Application.objects.exists()

    def test_rate_limit_per_client_address(self, client, settings):
        settings.FORM_RATE_LIMIT = "2/m"
        call = CallFactory()
        for number in range(2):
            client.post(call.get_apply_url(), {"email": f"a{number}@example.org", "consent": "on"})
        blocked = client.post(call.get_apply_url(), {"email": "c@example.org", "consent": "on"})
        assert blocked.status_code == 429
        assert Application.objects.count() == 2
        other = Client(REMOTE_ADDR="192.0.2.7")
        assert (
            other.post(
                call.get_apply_url(), {"email": "d@example.org", "consent": "on"}
            ).status_code
            == 302
        )

    def test_csrf_is_required(self):
        call = CallFactory()
        client = Client(enforce_csrf_checks=True)
        response = client.post(call.get_apply_url(), {"email": "a@example.org", "consent": "on"})
        assert response.status_code == 403
        assert not Application.objects.exists()

    def test_english(self, client):
        call = CallFactory(title="Appel", title_en="Call")
        page = text(client.get("/en" + call.get_absolute_url()))
        assert "Call" in page and "Who may apply" in page


def test_the_call_page_costs_the_same_queries_whatever_the_number_of_funded_projects(
    client, django_assert_max_num_queries
):
    call = CallFactory()

    def fund(count):
        for _index in range(count):
            application = complete_application(call)
            subsidy = SubsidyFactory(is_published=True)
            Application.objects.filter(pk=application.pk).update(subsidy=subsidy)

    fund(1)
    with django_assert_max_num_queries(10) as first:
        client.get(call.get_absolute_url())
    fund(6)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(call.get_absolute_url()).content.decode()
    assert "7 projets financés" in page


def test_the_privacy_notice_says_what_an_application_collects_and_who_sees_it(client):
    page = html.unescape(client.get("/donnees-personnelles/").content.decode())
    assert "Candidature à un appel à projets" in page
    assert "les seuls agents chargés des appels à projets" in page
    assert "douze mois après la fin du projet" in page
    english = html.unescape(client.get("/en/donnees-personnelles/").content.decode())
    assert "Application to a call for projects" in english
