import csv
import io
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from actors.choices import ActorKind, Location, RequestStatus
from actors.models import Actor, ActorDomain, ActorGoal, ActorRequest
from tests.factories import ZoneFactory
from tests.portal.public_pages import visible_text

from .factories import ActorFactory

pytestmark = pytest.mark.django_db

FORM_URL = "/acteurs/demande/"


def options(page, name):
    """``{value: label}`` of the select ``name`` of the page."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL)[1]
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select))


class TestDirectory:
    def test_lists_essonne_actors_and_partners_abroad_apart(self, client):
        ActorFactory(name="Association d'Étampes", commune="Étampes")
        ActorFactory(
            name="Cercle de Kayes", location=Location.ABROAD, commune="Kayes", country="ML"
        )
        ActorFactory(name="Brouillon", is_published=False)
        text = visible_text(client.get("/acteurs/").text)
        essonne, abroad = text.split("Les structures partenaires à l'étranger")
        assert "Association d'Étampes" in essonne and "Cercle de Kayes" not in essonne
        assert "Cercle de Kayes" in abroad and "Mali" in abroad
        assert "Brouillon" not in text

    def test_filters_say_how_many_actors_each_option_shows(self, client):
        mali, haiti = ZoneFactory(name="Mali", slug="mali"), ZoneFactory(name="Haïti")
        for index in range(3):
            actor = ActorFactory(zones=[mali], commune="Massy")
            ActorDomain.objects.create(actor=actor, domain="education")
            if index == 0:
                ActorGoal.objects.create(actor=actor, goal=4)
        ActorFactory(zones=[haiti], commune="Grigny", kind=ActorKind.LOCAL_AUTHORITY)
        ActorFactory(zones=[mali], is_published=False)
        page = client.get("/acteurs/").text
        assert options(page, "zone")["mali"] == "Mali (3)"
        assert options(page, "zone")[haiti.slug] == "Haïti (1)"
        assert options(page, "commune") == {
            "": "Toutes les communes",
            "Grigny": "Grigny (1)",
            "Massy": "Massy (3)",
        }
        assert options(page, "domaine")["education"] == "Éducation (3)"
        assert options(page, "odd")["4"] == "4. Éducation de qualité (1)"
        assert options(page, "type")["local_authority"] == "Collectivité territoriale (1)"
        # Each count follows the other filters, not its own.
        filtered = client.get("/acteurs/", {"commune": "Grigny"}).text
        assert options(filtered, "zone")["mali"] == "Mali (0)"
        assert options(filtered, "zone")[haiti.slug] == "Haïti (1)"
        assert options(filtered, "commune")["Massy"] == "Massy (3)"

    @pytest.mark.parametrize(
        ("query", "shown"),
        [
            ({"zone": "mali"}, {"A"}),
            ({"domaine": "culture"}, {"B"}),
            ({"odd": "6"}, {"A"}),
            ({"type": "school"}, {"B"}),
            ({"commune": "Massy"}, {"A"}),
            ({"q": "puits"}, {"A"}),
        ],
    )
    def test_each_filter(self, client, query, shown):
        mali = ZoneFactory(slug="mali")
        a = ActorFactory(name="A", commune="Massy", zones=[mali], presentation="Des puits.")
        ActorGoal.objects.create(actor=a, goal=6)
        b = ActorFactory(name="B", kind=ActorKind.SCHOOL, commune="Grigny")
        ActorDomain.objects.create(actor=b, domain="culture")
        response = client.get("/acteurs/", query)
        assert {actor.name for actor in response.context["actors"]} == shown

    @pytest.mark.parametrize(
        "query", [{"zone": "atlantide"}, {"odd": "18"}, {"type": "x"}, {"commune": "Paris"}]
    )
    def test_a_bad_filter_value_is_a_form_error_not_a_crash(self, client, query):
        ActorFactory()
        response = client.get("/acteurs/", query)
        assert response.status_code == 200
        assert "Sélectionnez un choix valide" in response.text
        assert "Corrigez le filtre pour voir les acteurs." in response.text
        assert list(response.context["actors"]) == []

    def test_csv_export_has_no_personal_data_and_follows_the_filters(self, client):
        mali = ZoneFactory(slug="mali")
        actor = ActorFactory(
            name="Avec contact",
            zones=[mali],
            siren="123456782",
            contact_email="contact@asso.example",
            contact_phone="01 60 91 91 91",
            contact_consent_at=timezone.now(),
        )
        ActorFactory(name="Ailleurs")
        response = client.get("/acteurs/export.csv", {"zone": "mali"})
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert [row["nom"] for row in rows] == ["Avec contact"]
        assert rows[0]["siren"] == "123456782" and rows[0]["zones"] == "mali"
        # Built from SITE_URL, never from the request's host (which the client chooses).
        assert rows[0]["adresse_fiche"] == settings.SITE_URL + actor.get_absolute_url()
        assert "contact@asso.example" not in response.content.decode()
        assert "01 60" not in response.content.decode()
        assert client.get("/acteurs/export.csv", {"zone": "atlantide"}).status_code == 400

    def test_search_and_sitemap_find_actors(self, client):
        actor = ActorFactory(name="Tisserands de Ségou", commune="Massy")
        found = visible_text(client.get("/recherche/", {"q": "tisserands"}).text)
        assert "Acteurs du réseau (1 résultat) Tisserands de Ségou" in found
        assert actor.get_absolute_url() in client.get("/sitemap.xml").text

    def test_english_directory(self, client):
        ActorFactory(name="Tisserands de Ségou")
        text = visible_text(client.get("/en/acteurs/").text)
        assert "Tisserands de Ségou" in text
        assert "Les acteurs de l'Essonne" not in text


VALID_FORM = {
    "request_kind": "listing",
    "actor": "",
    "name": "Les Amis de Dioïla",
    "kind": "association",
    "commune": "Draveil",
    "siret": "",
    "rna": "w913 000 111",
    "site_url": "https://dioila.example/",
    "presentation": "Jumelage et échanges scolaires avec Dioïla.",
    "public_email": "",
    "public_phone": "",
    "contact_name": "Sam Durand",
    "email": "sam@example.org",
    "message": "",
    "consent": "on",
    "website": "",
}


class TestRequestForm:
    def test_request_then_confirmation_by_the_emailed_link_then_moderation(
        self, client, django_capture_on_commit_callbacks, mailoutbox
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(FORM_URL, VALID_FORM)
        assert response.status_code == 302
        stored = ActorRequest.objects.get()
        assert stored.rna == "W913000111" and stored.confirmed_at is None
        [check] = mailoutbox
        assert check.to == ["sam@example.org"] and "Dioïla" not in check.body
        path = re.search(r"http://[^/]+(/acteurs/demande/confirmation/\S+/)", check.body)[1]
        assert client.get(path).status_code == 200  # a mail scanner confirms nothing
        assert ActorRequest.objects.get().confirmed_at is None
        with django_capture_on_commit_callbacks(execute=True):
            confirmed = client.post(path)
        assert "Votre demande est transmise" in confirmed.text
        assert ActorRequest.objects.get().confirmed_at is not None
        assert len(mailoutbox) == 2
        # Still nothing public until staff approve it.
        assert "Dioïla" not in client.get("/acteurs/").text
        assert not Actor.objects.exists()
        assert ActorRequest.objects.get().status == RequestStatus.PENDING

    def test_a_correction_names_an_actor(self, client):
        actor = ActorFactory()
        page = client.get(FORM_URL, {"acteur": actor.slug}).text
        assert f'<option value="{actor.slug}" selected>' in page
        response = client.post(FORM_URL, {**VALID_FORM, "request_kind": "correction"})
        assert "Choisissez la fiche à corriger." in response.text
        assert not ActorRequest.objects.exists()

    @pytest.mark.parametrize(
        ("values", "field", "message"),
        [
            ({"siret": "12345678900000"}, "siret", "n'est pas valide"),
            ({"rna": "X12"}, "rna", "W suivi de 9 chiffres"),
            ({"name": ""}, "name", "Ce champ est obligatoire."),
            ({"consent": ""}, "consent", "Votre accord est nécessaire"),
            ({"public_email": "a@b.example"}, "publish_contact", "Cochez cet accord"),
            ({"public_phone": "abc", "publish_contact": "on"}, "public_phone", "téléphone"),
            ({"email": "pas-une-adresse"}, "email", "adresse de courriel valide"),
        ],
    )
    def test_bad_input_is_shown_beside_its_field_and_nothing_is_stored(
        self, client, values, field, message
    ):
        response = client.post(FORM_URL, {**VALID_FORM, **values})
        assert response.status_code == 200
        error = re.search(rf'id="id_{field}_error">([^<]*)<', response.text)
        assert error and message in error[1].replace("&#x27;", "'")
        assert "error-summary" in response.text
        assert not ActorRequest.objects.exists()

    def test_honeypot_filled_is_refused(self, client, mailoutbox):
        response = client.post(FORM_URL, {**VALID_FORM, "website": "http://spam.example"})
        assert response.status_code == 200
        assert "Votre envoi n'a pas pu être accepté." in response.text.replace("&#x27;", "'")
        assert not ActorRequest.objects.exists() and not mailoutbox

    def test_posts_are_rate_limited(self, client, settings):
        settings.FORM_RATE_LIMIT = "2/m"
        for index in range(2):
            client.post(FORM_URL, {**VALID_FORM, "email": f"sam{index}@example.org"})
        response = client.post(FORM_URL, {**VALID_FORM, "email": "sam9@example.org"})
        assert response.status_code == 429
        assert ActorRequest.objects.count() == 2

    def test_the_form_needs_its_csrf_token(self):
        response = Client(enforce_csrf_checks=True).post(FORM_URL, VALID_FORM)
        assert response.status_code == 403
        assert not ActorRequest.objects.exists()
        page = Client(enforce_csrf_checks=True).get(FORM_URL)
        assert "csrfmiddlewaretoken" in page.text
        assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]

    def test_an_unknown_or_expired_link(self, client):
        from actors.tokens import actor_request_confirm_token

        from .factories import ActorRequestFactory

        expired = ActorRequestFactory(pending=True, confirm_before=timezone.now())
        path = f"/acteurs/demande/confirmation/{actor_request_confirm_token(expired)}/"
        assert client.post(path).status_code == 410
        assert ActorRequest.objects.get().confirmed_at is None
        assert client.get("/acteurs/demande/confirmation/inconnu/").status_code == 404
