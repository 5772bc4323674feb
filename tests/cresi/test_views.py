import html
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from core.content_version import content_version
from core.humanize import file_size
from cresi.documents import pdf_document
from cresi.models import Registration, Resource
from tests import samples

from .factories import (
    CatalogueRecordFactory,
    RegistrationFactory,
    ResourceFactory,
    ThemeFactory,
    TrainingSessionFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def registration_data(**overrides):
    return {
        "name": "Awa Diallo",
        "email": "awa.diallo@example.org",
        "organisation": "Essonne-Sahel",
        "phone": "",
        "consent": "on",
        "website": "",
        **overrides,
    }


class TestCresiHome:
    def test_counts_come_from_the_records(self, client):
        ResourceFactory.create_batch(3)
        ResourceFactory(is_published=False)
        CatalogueRecordFactory.create_batch(2)
        TrainingSessionFactory.create_batch(4)
        response = client.get("/cresi/")
        assert response.status_code == 200
        context = response.context
        assert (context["resource_count"], context["record_count"]) == (3, 2)
        assert context["upcoming_count"] == 4
        assert "Le centre de ressources de la solidarité internationale" in response.text
        assert 'aria-current="true">CRESI<' in response.text

    def test_training_days_of_the_last_full_year(self, client):
        from datetime import date
        from decimal import Decimal

        for days in ["2", "1.5"]:
            TrainingSessionFactory(
                start_date=date(2010, 3, 1),
                end_date=date(2010, 3, 2),
                registration_deadline=date(2010, 2, 1),
                duration_days=Decimal(days),
            )
        response = client.get("/cresi/")
        assert response.context["figure_year"] == 2010
        assert "3,5" in response.text and "jours de formation en 2010" in response.text

    def test_query_count_does_not_grow(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        ResourceFactory(themes=[ThemeFactory()])
        TrainingSessionFactory()
        with django_assert_max_num_queries(8) as few:
            assert client.get("/cresi/").status_code == 200
        for _ in range(6):
            ResourceFactory(themes=[ThemeFactory(), ThemeFactory()])
            RegistrationFactory(session=TrainingSessionFactory())
        with django_assert_num_queries(len(few)):
            assert client.get("/cresi/").status_code == 200


class TestResourceList:
    def test_lists_published_resources(self, client):
        ResourceFactory(title="Guide du montage")
        ResourceFactory(title="Brouillon secret", is_published=False)
        response = client.get("/cresi/ressources/")
        assert response.status_code == 200
        assert "Guide du montage" in response.text
        assert "Brouillon secret" not in response.text
        assert "1 outil" in response.text

    def test_query_count_does_not_grow_with_rows(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        ResourceFactory(themes=[ThemeFactory()])
        with django_assert_max_num_queries(5) as few:
            assert client.get("/cresi/ressources/").status_code == 200
        for _ in range(15):
            ResourceFactory(themes=[ThemeFactory(), ThemeFactory()])
        with django_assert_num_queries(len(few)):
            assert client.get("/cresi/ressources/").status_code == 200

    def test_pagination_keeps_the_filters(self, client):
        ResourceFactory.create_batch(22, resource_type="fiche")
        response = client.get("/cresi/ressources/?type=fiche&q=ressource")
        assert response.context["page_obj"].paginator.num_pages == 2
        assert "?type=fiche&amp;q=ressource&amp;page=2" in response.text

    def test_empty_states(self, client):
        assert "Aucun outil n'est encore publié" in client.get("/cresi/ressources/").text
        ResourceFactory(resource_type="guide")
        response = client.get("/cresi/ressources/?type=fiche")
        assert "Aucun outil ne correspond" in response.text


class TestResourceDetail:
    def test_shows_size_format_and_download_link(self, client):
        document = pdf_document("Guide", ["Un long guide. " * 200])  # over 1 Ko
        resource = ResourceFactory(
            slug="guide",
            title="Guide",
            partner_zone="Mali",
            file=ContentFile(document, name="guide.pdf"),
        )
        size = resource.file.size
        response = client.get("/cresi/ressources/guide/")
        assert response.status_code == 200
        page = response.text
        assert "PDF" in page
        assert f"(PDF, {file_size(size)})" in page
        assert "\xa0Ko" in file_size(size) and "Kio" not in page
        assert 'href="/cresi/ressources/guide/telecharger/"' in page
        assert "Mali" in page

    def test_draft_and_unknown_are_404(self, client):
        ResourceFactory(slug="brouillon", is_published=False)
        assert client.get("/cresi/ressources/brouillon/").status_code == 404
        assert client.get("/cresi/ressources/brouillon/telecharger/").status_code == 404
        assert client.get("/cresi/ressources/nulle-part/").status_code == 404

    def test_english_title_under_en(self, client):
        ResourceFactory(slug="guide", title="Guide", title_en="Handbook")
        assert "Handbook" in client.get("/en/cresi/ressources/guide/").text


class TestDownload:
    def test_headers_name_type_and_counter(self, client):
        resource = ResourceFactory(
            slug="convention-type", file=ContentFile(samples.odt(), name="x.pdf")
        )
        response = client.get("/cresi/ressources/convention-type/telecharger/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
        assert response["Content-Disposition"] == 'attachment; filename="convention-type.odt"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content) == samples.odt()
        client.get("/cresi/ressources/convention-type/telecharger/")
        resource.refresh_from_db()
        assert resource.download_count == 2

    @pytest.mark.parametrize(
        ("name", "make", "content_type"),
        [
            ("outil.bin", samples.pdf, "application/pdf"),
            ("budget.csv", samples.csv, "text/csv; charset=utf-8"),
            ("budget.dat", samples.csv, "text/plain; charset=utf-8"),
            ("image.svg", samples.png, "image/png"),
            ("ancien.pdf", samples.word_97, "application/msword"),
        ],
    )
    def test_content_type_is_the_real_one(self, client, name, make, content_type):
        ResourceFactory(slug="outil", file=ContentFile(make(), name=name))
        response = client.get("/cresi/ressources/outil/telecharger/")
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment;")

    def test_external_link_redirects_and_counts(self, client):
        resource = ResourceFactory(slug="lien", file="", external_url="https://example.org/g")
        response = client.get("/cresi/ressources/lien/telecharger/")
        assert response.status_code == 302
        assert response["Location"] == "https://example.org/g"
        resource.refresh_from_db()
        assert resource.download_count == 1

    def test_missing_file_is_404_and_not_counted(self, client):
        resource = ResourceFactory(slug="perdu")
        resource.file.storage.delete(resource.file.name)
        assert client.get("/cresi/ressources/perdu/telecharger/").status_code == 404
        resource.refresh_from_db()
        assert resource.download_count == 0

    def test_a_repeated_download_costs_no_query(self, client, settings, django_assert_num_queries):
        ResourceFactory(slug="guide")
        content_version()
        client.get("/cresi/ressources/guide/telecharger/")
        settings.COUNTER_FLUSH_SECONDS = 3600  # as in production: counted now, written later
        with django_assert_num_queries(0):
            response = client.get("/cresi/ressources/guide/telecharger/")
        assert response.status_code == 200

    def test_unpublishing_or_replacing_stops_the_old_download_at_once(self, client):
        resource = ResourceFactory(slug="guide", file=ContentFile(samples.pdf(), name="a.pdf"))
        assert client.get("/cresi/ressources/guide/telecharger/").status_code == 200
        resource.file = ContentFile(samples.odt(), name="b.odt")
        resource.save()
        response = client.get("/cresi/ressources/guide/telecharger/")
        assert b"".join(response.streaming_content) == samples.odt()
        resource.is_published = False
        resource.save()
        assert client.get("/cresi/ressources/guide/telecharger/").status_code == 404

    def test_head_does_not_count(self, client):
        resource = ResourceFactory(slug="guide")
        assert client.head("/cresi/ressources/guide/telecharger/").status_code == 200
        resource.refresh_from_db()
        assert resource.download_count == 0

    def test_cover_is_served_inline_as_an_image(self, client):
        ResourceFactory(slug="guide", cover=ContentFile(samples.png(), name="c.svg"))
        detail = client.get("/cresi/ressources/guide/")
        assert 'src="/cresi/ressources/guide/couverture/"' in detail.text
        response = client.get("/cresi/ressources/guide/couverture/")
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("inline")
        ResourceFactory(slug="sans-couverture")
        assert client.get("/cresi/ressources/sans-couverture/couverture/").status_code == 404


class TestCatalogue:
    def test_list_and_detail(self, client):
        CatalogueRecordFactory(
            slug="guide-eau",
            title="L’eau au Sahel",
            shelf_mark="CRESI-GUI-7",
            consultation="pret",
            consultation_notes="Trois semaines.",
            places="Mali, Niger",
        )
        CatalogueRecordFactory(title="Notice en brouillon", is_published=False)
        response = client.get("/cresi/documentation/")
        assert "L’eau au Sahel" in response.text
        assert "Notice en brouillon" not in response.text
        detail = client.get("/cresi/documentation/guide-eau/")
        for text in ["CRESI-GUI-7", "Prêt", "Trois semaines.", "Mali, Niger"]:
            assert text in detail.text

    def test_draft_is_404(self, client):
        CatalogueRecordFactory(slug="brouillon", is_published=False)
        assert client.get("/cresi/documentation/brouillon/").status_code == 404

    def test_query_count_does_not_grow_with_rows(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        CatalogueRecordFactory(themes=[ThemeFactory()])
        with django_assert_max_num_queries(5) as few:
            assert client.get("/cresi/documentation/").status_code == 200
        for _ in range(12):
            CatalogueRecordFactory(themes=[ThemeFactory()])
        with django_assert_num_queries(len(few)):
            assert client.get("/cresi/documentation/").status_code == 200


class TestTrainingList:
    def test_coming_first_then_past_with_places_left(self, client):
        past = TrainingSessionFactory(
            title="Session passée",
            start_date=in_days(-30),
            registration_deadline=in_days(-40),
        )
        later = TrainingSessionFactory(title="Session plus tard", start_date=in_days(60))
        soon = TrainingSessionFactory(title="Session bientôt", capacity=3)
        RegistrationFactory(session=soon)
        response = client.get("/cresi/formations/")
        assert response.context["upcoming_sessions"] == [soon, later]
        assert response.context["past_sessions"] == [past]
        page = response.text
        assert page.index("Session bientôt") < page.index("Session plus tard")
        assert page.index("Session plus tard") < page.index("Session passée")
        assert "2 places restantes sur 3" in page
        assert "Sessions passées" in page

    def test_full_and_closed_sessions_say_so(self, client):
        full = TrainingSessionFactory(capacity=1)
        RegistrationFactory(session=full)
        TrainingSessionFactory(start_date=in_days(3), registration_deadline=in_days(-1))
        page = client.get("/cresi/formations/").text
        assert "Complet" in page
        assert "Inscriptions closes" in page

    def test_year_filter_with_total_days(self, client):
        from datetime import date
        from decimal import Decimal

        TrainingSessionFactory(
            start_date=date(2010, 5, 3),
            end_date=date(2010, 5, 4),
            registration_deadline=date(2010, 4, 1),
            duration_days=Decimal("1.5"),
        )
        TrainingSessionFactory(title="Cette année")
        response = client.get("/cresi/formations/?annee=2010")
        assert len(response.context["sessions"]) == 1
        assert "1,5 jours de formation en 2010" in response.text

    def test_query_count_does_not_grow_with_sessions(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        RegistrationFactory(session=TrainingSessionFactory())
        with django_assert_max_num_queries(3) as few:
            assert client.get("/cresi/formations/").status_code == 200
        for _ in range(10):
            RegistrationFactory.create_batch(2, session=TrainingSessionFactory())
        with django_assert_num_queries(len(few)):
            assert client.get("/cresi/formations/").status_code == 200

    def test_detail_and_draft(self, client):
        TrainingSessionFactory(slug="monter", title="Monter un projet")
        TrainingSessionFactory(slug="brouillon", is_published=False)
        assert "Monter un projet" in client.get("/cresi/formations/monter/").text
        assert client.get("/cresi/formations/brouillon/").status_code == 404
        assert client.get("/cresi/formations/brouillon/inscription/").status_code == 404


@pytest.fixture
def site_is_testserver(settings):
    """Emailed links start with ``SITE_URL``: here, the test client's server."""
    settings.SITE_URL = "http://testserver"


def emailed_path(kind, message=None):
    """The path of the ``kind`` link (« confirmation », « annulation ») of the last email."""
    body = (message or mail.outbox[-1]).body
    return re.search(rf"http://testserver(/cresi/formations/{kind}/[\w-]+/)", body)[1]


def register_and_confirm(client, django_capture_on_commit_callbacks, **data):
    """Registers through the form, then confirms through the emailed link."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/cresi/formations/monter/inscription/", registration_data(**data))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(emailed_path("confirmation"))


class TestRegistration:
    def test_form_page_links_the_privacy_notice_and_has_csrf_and_honeypot(self, client):
        TrainingSessionFactory(slug="monter")
        response = client.get("/cresi/formations/monter/inscription/")
        assert response.status_code == 200
        page = response.text
        assert 'href="/donnees-personnelles/"' in page
        assert "csrfmiddlewaretoken" in page
        assert 'name="website"' in page and 'aria-hidden="true"' in page
        assert 'style="' not in page and "<script>" not in page and " onclick=" not in page

    def test_registers_then_mails_a_link_that_confirms_the_address(
        self, client, django_capture_on_commit_callbacks, site_is_testserver
    ):
        session = TrainingSessionFactory(slug="monter", title="Monter un projet", capacity=2)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/cresi/formations/monter/inscription/", registration_data())
        assert response.status_code == 302
        assert response["Location"] == "/cresi/formations/monter/inscription/merci/"
        registration = Registration.objects.get()
        assert (registration.session, registration.name) == (session, "Awa Diallo")
        assert registration.confirmed_at is None
        [message] = mail.outbox
        assert message.to == ["awa.diallo@example.org"]
        assert "Monter un projet" in message.subject
        assert "Awa" not in message.body
        path = emailed_path("confirmation")
        assert registration.confirm_token_hash not in message.body
        done = client.get(response["Location"])
        assert "confirmez votre inscription" in done.text
        assert "ne réserve aucune place" in done.text
        assert "Awa" not in done.text and "awa.diallo" not in done.text
        # Until it is confirmed, the request holds no place.
        assert "2 places restantes sur 2" in client.get("/cresi/formations/monter/").text

        ask = client.get(path)  # a mail scanner following the link confirms nothing
        assert ask.status_code == 200
        for typed in ["Awa Diallo", "awa.diallo@example.org", "Essonne-Sahel"]:
            assert typed in ask.text  # shown to whoever holds the link: the address's owner
        assert "Confirmer mon inscription" in ask.text
        assert Registration.objects.get().confirmed_at is None

        with django_capture_on_commit_callbacks(execute=True):
            confirmed = client.post(path)
        assert "Votre inscription est confirmée" in confirmed.text
        assert "Awa Diallo" in confirmed.text and "Essonne-Sahel" in confirmed.text
        assert Registration.objects.get().confirmed_at is not None
        recap = mail.outbox[-1]
        assert recap.body.startswith("Bonjour Awa Diallo,")
        assert emailed_path("annulation", recap)
        assert "1 place restante sur 2" in client.get("/cresi/formations/monter/").text
        again = client.get(path)  # later, the link shows what was typed no more
        assert "Cette inscription est déjà confirmée" in again.text
        assert "Awa" not in again.text and "Essonne-Sahel" not in again.text

    def test_the_session_page_says_when_requests_wait_for_their_confirmation(self, client):
        session = TrainingSessionFactory(slug="monter", capacity=5)
        RegistrationFactory(session=session)
        RegistrationFactory.create_batch(2, session=session, pending=True)
        RegistrationFactory(
            session=session, pending=True, confirm_before=timezone.now() - timedelta(minutes=1)
        )
        page = html.unescape(client.get("/cresi/formations/monter/").text)
        assert "4 places restantes sur 5" in page
        assert "2 demandes d'inscription attendent la confirmation" in page
        form = html.unescape(client.get("/cresi/formations/monter/inscription/").text)
        assert "2 demandes d'inscription attendent" in form
        RegistrationFactory.create_batch(4, session=session)
        full = html.unescape(client.get("/cresi/formations/monter/").text)
        assert "Cette session est complète" in full
        assert "attendent la confirmation" not in full

    def test_the_session_filled_up_before_the_confirmation(
        self, client, django_capture_on_commit_callbacks, site_is_testserver
    ):
        TrainingSessionFactory(slug="monter", capacity=1)
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/cresi/formations/monter/inscription/", registration_data())
        late = emailed_path("confirmation")
        register_and_confirm(client, django_capture_on_commit_callbacks, email="b@example.org")
        refused = client.post(late)
        assert refused.status_code == 200
        assert "La session s'est remplie" in html.unescape(refused.text)
        assert list(Registration.objects.values_list("email", flat=True)) == ["b@example.org"]
        assert client.get(late).status_code == 404

    def test_an_expired_confirmation_link(self, client):
        from cresi.tokens import registration_confirm_token

        registration = RegistrationFactory(
            session=TrainingSessionFactory(slug="monter"),
            pending=True,
            confirm_before=timezone.now() - timedelta(minutes=1),
        )
        path = f"/cresi/formations/confirmation/{registration_confirm_token(registration)}/"
        assert client.get(path).status_code == 410
        response = client.post(path)
        assert response.status_code == 410
        assert "Ce lien de confirmation a expiré" in response.text
        assert Registration.objects.get().confirmed_at is None

    def test_unknown_confirmation_link_is_404(self, client):
        assert client.get("/cresi/formations/confirmation/inconnu/").status_code == 404
        assert client.post("/cresi/formations/confirmation/" + "x" * 300 + "/").status_code == 404

    def test_emailed_links_start_with_site_url_whatever_host_the_request_named(
        self, client, settings, django_capture_on_commit_callbacks
    ):
        settings.SITE_URL = "https://international.essonne.fr"
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "autre-site.example"]
        TrainingSessionFactory(slug="monter")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/cresi/formations/monter/inscription/",
                registration_data(),
                headers={"host": "autre-site.example"},
            )
        assert response.status_code == 302
        body = mail.outbox[0].body
        assert "autre-site.example" not in body
        assert "https://international.essonne.fr/cresi/formations/monter/\n" in body
        confirm = re.search(
            r"https://international\.essonne\.fr(/cresi/formations/confirmation/\S+)", body
        )
        with django_capture_on_commit_callbacks(execute=True):
            client.post(confirm[1], headers={"host": "autre-site.example"})
        body = mail.outbox[1].body
        assert "autre-site.example" not in body
        assert re.search(
            r"https://international\.essonne\.fr/cresi/formations/annulation/\S+", body
        )

    def test_cancellation_asks_first_then_frees_the_place(
        self, client, django_capture_on_commit_callbacks, site_is_testserver
    ):
        session = TrainingSessionFactory(slug="monter", capacity=1)
        register_and_confirm(client, django_capture_on_commit_callbacks)
        path = emailed_path("annulation")
        assert "complète" in client.get("/cresi/formations/monter/inscription/").text
        confirm = client.get(path)  # a mail scanner following the link changes nothing
        assert confirm.status_code == 200
        assert "Oui, annuler mon inscription" in confirm.text
        assert Registration.objects.count() == 1
        done = client.post(path)
        assert "Votre inscription est annulée" in done.text
        assert not Registration.objects.exists()
        assert client.get(path).status_code == 404
        form = client.get("/cresi/formations/monter/inscription/")
        assert 'name="email"' in form.text
        assert session.registrations.count() == 0

    def test_cannot_cancel_once_the_session_started(self, client):
        from cresi.services import cancel_token_hash

        session = TrainingSessionFactory(start_date=in_days(0), registration_deadline=in_days(-2))
        RegistrationFactory(session=session, cancel_token_hash=cancel_token_hash("jeton"))
        response = client.post("/cresi/formations/annulation/jeton/")
        assert "a déjà commencé" in response.text
        assert Registration.objects.count() == 1

    def test_form_confirm_and_cancel_pages_are_never_cached_and_leak_no_referrer(self, client):
        from cresi.services import cancel_token_hash

        session = TrainingSessionFactory(slug="monter")
        RegistrationFactory(
            session=session,
            pending=True,
            confirm_token_hash=cancel_token_hash("confirmer"),
            cancel_token_hash=cancel_token_hash("jeton"),
        )
        form = client.get("/cresi/formations/monter/inscription/")
        assert "no-cache" in form["Cache-Control"] and "private" in form["Cache-Control"]
        for path in [
            "/cresi/formations/annulation/jeton/",
            "/cresi/formations/confirmation/confirmer/",
        ]:
            page = client.get(path)
            assert page.status_code == 200
            assert "private" in page["Cache-Control"]
            assert page["Referrer-Policy"] == "same-origin"

    def test_unknown_token_is_404(self, client):
        assert client.get("/cresi/formations/annulation/" + "x" * 300 + "/").status_code == 404
        assert client.post("/cresi/formations/annulation/inconnu/").status_code == 404

    def test_full_session_shows_the_complet_page(self, client):
        session = TrainingSessionFactory(slug="monter", capacity=2)
        RegistrationFactory.create_batch(2, session=session)
        response = client.get("/cresi/formations/monter/inscription/")
        assert response.status_code == 200
        assert "Cette session est complète" in response.text
        assert 'name="email"' not in response.text
        post = client.post("/cresi/formations/monter/inscription/", registration_data())
        assert "Cette session est complète" in post.text
        assert Registration.objects.count() == 2

    def test_after_the_deadline_the_closed_page(self, client):
        TrainingSessionFactory(
            slug="monter", start_date=in_days(5), registration_deadline=in_days(-1)
        )
        response = client.get("/cresi/formations/monter/inscription/")
        assert "Les inscriptions sont closes" in response.text
        post = client.post("/cresi/formations/monter/inscription/", registration_data())
        assert "Les inscriptions sont closes" in post.text
        assert not Registration.objects.exists()

    def test_deadline_day_itself_is_still_open(self, client):
        TrainingSessionFactory(
            slug="monter", start_date=in_days(5), registration_deadline=in_days(0)
        )
        response = client.post("/cresi/formations/monter/inscription/", registration_data())
        assert response.status_code == 302

    def test_same_email_twice_in_another_case_is_refused(
        self, client, django_capture_on_commit_callbacks, site_is_testserver
    ):
        TrainingSessionFactory(slug="monter")
        client.post("/cresi/formations/monter/inscription/", registration_data())
        again = client.post(
            "/cresi/formations/monter/inscription/",
            registration_data(email="AWA.Diallo@Example.ORG", name="Autre"),
        )
        assert again.status_code == 200
        assert "attend déjà sa confirmation" in again.text
        assert Registration.objects.count() == 1
        Registration.objects.update(confirmed_at=timezone.now())
        confirmed = client.post(
            "/cresi/formations/monter/inscription/",
            registration_data(email="AWA.Diallo@Example.ORG", name="Autre"),
        )
        assert "déjà inscrite" in confirmed.text
        assert Registration.objects.count() == 1

    def test_honeypot_refuses_robots(self, client):
        TrainingSessionFactory(slug="monter")
        response = client.post(
            "/cresi/formations/monter/inscription/",
            registration_data(website="http://spam.example"),
        )
        assert response.status_code == 200
        assert not Registration.objects.exists()

    def test_rate_limit_per_client_address(self, client, settings):
        settings.FORM_RATE_LIMIT = "2/m"
        TrainingSessionFactory(slug="monter")
        url = "/cresi/formations/monter/inscription/"
        for number in range(2):
            client.post(url, registration_data(email=f"p{number}@example.org"))
        blocked = client.post(url, registration_data(email="p3@example.org"))
        assert blocked.status_code == 429
        assert "Trop d'envois" in html.unescape(blocked.text)
        assert Registration.objects.count() == 2
        other = Client(REMOTE_ADDR="192.0.2.7")
        assert other.post(url, registration_data(email="p4@example.org")).status_code == 302

    def test_csrf_is_required(self):
        TrainingSessionFactory(slug="monter")
        client = Client(enforce_csrf_checks=True)
        response = client.post("/cresi/formations/monter/inscription/", registration_data())
        assert response.status_code == 403
        assert not Registration.objects.exists()

    @pytest.mark.parametrize(
        "overrides",
        [
            {"consent": ""},
            {"email": "pas-une-adresse"},
            {"name": ""},
            {"name": "x" * 500},
            {"organisation": ""},
            {"phone": "<script>"},
            {"email": "a@example.org\x00"},
        ],
    )
    def test_bad_input_shows_errors(self, client, overrides):
        TrainingSessionFactory(slug="monter")
        response = client.post(
            "/cresi/formations/monter/inscription/", registration_data(**overrides)
        )
        assert response.status_code == 200
        assert "Le formulaire contient" in response.text
        assert not Registration.objects.exists()


def test_no_public_page_shows_a_registrant_personal_data(
    client, django_capture_on_commit_callbacks, site_is_testserver
):
    """Registrants' names, emails, organisations and phones never reach a public page."""
    session = TrainingSessionFactory(slug="monter", capacity=3)
    register_and_confirm(
        client,
        django_capture_on_commit_callbacks,
        name="Zéphyrine Quillard",
        email="zephyrine.quillard@example.org",
        organisation="Association Quillard-Sahel",
        phone="+33 6 12 34 56 78",
    )
    RegistrationFactory(session=session, name="Barnabé Vuillaume", email="bv@example.net")
    ResourceFactory(slug="guide")
    CatalogueRecordFactory(slug="notice")
    cancel_path = emailed_path("annulation")
    urls = [
        "/",
        "/cresi/",
        "/cresi/ressources/",
        "/cresi/ressources/guide/",
        "/cresi/documentation/",
        "/cresi/documentation/notice/",
        "/cresi/formations/",
        "/cresi/formations/monter/",
        "/cresi/formations/monter/inscription/",
        "/cresi/formations/monter/inscription/merci/",
        cancel_path,
        "/en/cresi/formations/",
        "/plan-du-site/",
        "/sitemap.xml",
        "/recherche/?q=formation",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code in {200, 404}, url
        text = response.content.decode()
        for secret in [
            "Zéphyrine",
            "Quillard",
            "zephyrine.quillard",
            "12 34 56 78",
            "Vuillaume",
            "bv@example.net",
        ]:
            assert secret not in text, (url, secret)


def test_every_cresi_page_in_english(client):
    ResourceFactory(slug="guide")
    CatalogueRecordFactory(slug="notice")
    TrainingSessionFactory(slug="monter")
    for path in [
        "/en/cresi/",
        "/en/cresi/ressources/",
        "/en/cresi/ressources/guide/",
        "/en/cresi/documentation/",
        "/en/cresi/documentation/notice/",
        "/en/cresi/formations/",
        "/en/cresi/formations/monter/",
        "/en/cresi/formations/monter/inscription/",
        "/en/cresi/formations/monter/inscription/merci/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.text


def test_no_inline_script_or_style_on_cresi_pages(client):
    ResourceFactory(slug="guide", cover=ContentFile(samples.png(), name="c.png"))
    CatalogueRecordFactory(slug="notice")
    TrainingSessionFactory(slug="monter")
    for path in [
        "/cresi/",
        "/cresi/ressources/",
        "/cresi/ressources/guide/",
        "/cresi/documentation/notice/",
        "/cresi/formations/",
        "/cresi/formations/monter/inscription/",
    ]:
        page = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), path
        assert not re.search(r'\sstyle="', page), path
        assert not re.search(r"\son[a-z]+=", page), path


def test_past_session_page_says_it_took_place(client):
    TrainingSessionFactory(
        slug="passee",
        start_date=timezone.localdate() - timedelta(days=3),
        registration_deadline=timezone.localdate() - timedelta(days=10),
    )
    assert "Cette session a eu lieu" in client.get("/cresi/formations/passee/").text


def test_resource_count_on_home_ignores_drafts(client):
    ResourceFactory(is_published=False)
    assert client.get("/cresi/").context["resource_count"] == 0
    assert Resource.objects.count() == 1


def test_sitemap_lists_published_cresi_pages_only(client):
    ResourceFactory(slug="guide-public")
    ResourceFactory(slug="guide-brouillon", is_published=False)
    CatalogueRecordFactory(slug="notice-publique")
    TrainingSessionFactory(slug="formation-publique")
    TrainingSessionFactory(slug="formation-brouillon", is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    for path in [
        "/cresi/",
        "/cresi/ressources/guide-public/",
        "/en/cresi/ressources/guide-public/",
        "/cresi/documentation/notice-publique/",
        "/cresi/formations/formation-publique/",
    ]:
        assert f"testserver{path}<" in xml, path
    assert "brouillon" not in xml


def test_site_map_links_the_cresi_pages(client):
    page = client.get("/plan-du-site/").text
    for path in ["/cresi/", "/cresi/ressources/", "/cresi/documentation/", "/cresi/formations/"]:
        assert f'href="{path}"' in page


def test_cresi_home_presents_coming_sessions_as_open(client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.cresi.factories import TrainingSessionFactory

    today = timezone.localdate()
    TrainingSessionFactory(
        title="Monter un projet",
        start_date=today + timedelta(days=30),
        end_date=today + timedelta(days=30),
        registration_deadline=today + timedelta(days=20),
    )
    page = client.get("/cresi/").text
    assert "Monter un projet" in page
    assert "Session terminée" not in page


def test_session_pages_write_dates_the_french_way(client):
    TrainingSessionFactory(
        slug="monter",
        start_date=date(2010, 2, 1),
        end_date=date(2010, 2, 2),
        registration_deadline=date(2010, 1, 1),
        duration_days=Decimal("2"),
    )
    page = client.get("/cresi/formations/monter/").text
    assert "Du 1er au 2 février 2010" in page
    assert "jusqu'au 1er janvier 2010 inclus" in page
    assert "février 2010 au" not in page
    closed = client.get("/cresi/formations/monter/inscription/").text
    assert "ouvertes jusqu'au 1er janvier 2010 inclus" in closed


def test_the_confirmation_pages_and_emails_keep_french_typography(
    client, django_capture_on_commit_callbacks, site_is_testserver
):
    from cresi.tokens import registration_confirm_token
    from tests.portal.public_pages import visible_text
    from tests.portal.test_typography import typography_faults

    TrainingSessionFactory(slug="monter", title="Monter un projet", capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/cresi/formations/monter/inscription/", registration_data())
        late = client.post(
            "/cresi/formations/monter/inscription/", registration_data(email="b@example.org")
        )
    assert late.status_code == 302
    first, second = (emailed_path("confirmation", message) for message in mail.outbox)
    pages = [client.get(done["Location"]), client.get(first)]
    with django_capture_on_commit_callbacks(execute=True):
        pages.append(client.post(first))
    pages.append(client.get(first))  # already confirmed
    pages.append(client.post(second))  # the session filled up meanwhile
    expired = RegistrationFactory(
        session=TrainingSessionFactory(slug="passee"),
        pending=True,
        confirm_before=timezone.now() - timedelta(minutes=1),
    )
    pages.append(
        client.get(f"/cresi/formations/confirmation/{registration_confirm_token(expired)}/")
    )
    pages.append(client.get("/cresi/formations/confirmation/inconnu/"))
    assert [page.status_code for page in pages] == [200, 200, 200, 200, 200, 410, 404]
    texts = [visible_text(page.content.decode()) for page in pages]
    texts += [message.subject + "\n" + message.body for message in mail.outbox]
    for text in texts:
        assert not typography_faults(text), text
