import html
import re
from datetime import date
from decimal import Decimal

import pytest

from europe.choices import PartnerRole, ProjectStatus
from europe.models import SupportRequest
from tests.factories import ZoneFactory

from .factories import EUProjectFactory, ProjectPartnerFactory, SupportRequestFactory, ThemeFactory

pytestmark = pytest.mark.django_db


class TestEuropeHome:
    def test_says_what_the_mission_does_and_lists_published_projects(self, client):
        EUProjectFactory(name="Climate")
        EUProjectFactory(name="Projet en brouillon", is_published=False)
        response = client.get("/europe/")
        assert response.status_code == 200
        page = response.text
        assert "mission Europe" in page
        assert "Climate" in page and "Cinessonne" in page  # the seed's examples, in the intro
        assert "Projet en brouillon" not in page
        assert 'href="/europe/accompagnement/"' in page

    def test_total_of_eu_funds_obtained_counts_running_and_closed_projects(self, client):
        EUProjectFactory(status=ProjectStatus.RUNNING, eu_contribution=Decimal("240000"))
        EUProjectFactory(status=ProjectStatus.CLOSED, eu_contribution=Decimal("1200000"))
        EUProjectFactory(status=ProjectStatus.SUBMITTED, eu_contribution=Decimal("50000"))
        EUProjectFactory(
            status=ProjectStatus.CLOSED, eu_contribution=Decimal("7000"), is_published=False
        )
        response = client.get("/europe/")
        assert response.context["overall"]["eu_obtained"] == Decimal("1440000")
        assert "1\xa0440\xa0000\xa0€" in response.text
        # The page says which statuses count as obtained.
        assert "«\xa0En cours\xa0» ou «\xa0Terminé\xa0»" in response.text

    def test_lists_the_latest_projects_first_and_undated_ones_last(self, client):
        EUProjectFactory(name="Idée sans date", start_date=None, end_date=None)
        EUProjectFactory(name="Climate", start_date=date(2009, 1, 1))
        EUProjectFactory(name="Cinessonne", start_date=date(2011, 1, 1))
        response = client.get("/europe/")
        names = [project.name for project in response.context["projects"]]
        assert names == ["Cinessonne", "Climate", "Idée sans date"]

    def test_filters_narrow_the_list_and_its_summary(self, client):
        climate = ThemeFactory(slug="climat", name="Climat")
        EUProjectFactory(name="Climate", themes=[climate], eu_contribution=Decimal("700"))
        EUProjectFactory(name="Cinessonne", eu_contribution=Decimal("300"))
        response = client.get("/europe/?theme=climat")
        assert [p.name for p in response.context["projects"]] == ["Climate"]
        assert response.context["totals"]["eu_obtained"] == Decimal("700")
        # The overall figure does not follow the filter.
        assert response.context["overall"]["eu_obtained"] == Decimal("1000")

    @pytest.mark.parametrize(
        "query",
        ["programme=astrologie", "statut=perdu", "theme=inconnu", "q=" + "x" * 500],
    )
    def test_bad_filter_value_shows_the_form_error(self, client, query):
        EUProjectFactory()
        response = client.get(f"/europe/?{query}")
        assert response.status_code == 200
        assert 'class="field__error"' in response.text
        assert 'aria-invalid="true"' in response.text

    @pytest.mark.parametrize(
        "query", ["programme[]=life", "statut=%00", "theme=%3Cscript%3E", "page=abc"]
    )
    def test_hostile_values_never_give_a_server_error(self, client, query):
        EUProjectFactory()
        response = client.get(f"/europe/?{query}")
        assert response.status_code in {200, 404}
        assert "<script>" not in response.text

    def test_pagination_keeps_the_filters(self, client):
        EUProjectFactory.create_batch(14, programme="life")
        response = client.get("/europe/?programme=life&statut=running")
        assert response.context["page_obj"].paginator.num_pages == 2
        assert "?programme=life&amp;statut=running&amp;page=2" in response.text

    def test_empty_states(self, client):
        assert "Aucun projet européen n" in client.get("/europe/").text
        EUProjectFactory(programme="life")
        assert "Aucun projet ne correspond" in client.get("/europe/?programme=interreg").text

    def test_query_count_does_not_grow_with_rows(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        theme = ThemeFactory()
        EUProjectFactory(themes=[theme])
        with django_assert_max_num_queries(8) as few:
            assert client.get("/europe/").status_code == 200
        for _ in range(10):
            project = EUProjectFactory(themes=[theme], zone=ZoneFactory())
            ProjectPartnerFactory(project=project, role=PartnerRole.LEAD)
            ProjectPartnerFactory(project=project)
        with django_assert_num_queries(len(few)):
            assert client.get("/europe/").status_code == 200

    def test_english_version_shows_english_content(self, client):
        EUProjectFactory(name="Jeunes en Europe", name_en="Young people in Europe")
        response = client.get("/en/europe/")
        assert response.status_code == 200
        assert "Young people in Europe" in response.text


class TestProjectDetail:
    def test_shows_budget_split_as_bar_and_numbers(self, client):
        project = EUProjectFactory(
            slug="climate",
            name="Climate",
            total_budget=Decimal("1600000"),
            eu_contribution=Decimal("1200000"),
            department_share=Decimal("160000"),
        )
        response = client.get("/europe/projets/climate/")
        assert response.status_code == 200
        page = response.text
        for text in [
            "1\xa0600\xa0000\xa0€",
            "1\xa0200\xa0000\xa0€",
            "160\xa0000\xa0€",
            "240\xa0000\xa0€",
        ]:
            assert text in page
        assert "75\xa0%" in page
        assert '<rect class="budget-bar__eu" x="0" y="0" width="75.0" height="10"/>' in page
        assert 'class="budget-bar__department" x="75.0" y="0" width="10.0"' in page
        assert 'class="budget-bar__other" x="85.0" y="0" width="15.0"' in page
        assert project.co_financing_rate == Decimal("75.0")

    def test_a_project_without_budget_has_no_bar(self, client):
        EUProjectFactory(
            slug="idee", total_budget=Decimal("0"), eu_contribution=0, department_share=0
        )
        page = client.get("/europe/projets/idee/").text
        assert "budget-bar__eu" not in page
        assert "pas encore arrêté" in page

    def test_no_inline_style_or_script(self, client):
        EUProjectFactory(slug="climate")
        page = client.get("/europe/projets/climate/").text
        assert "style=" not in page
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)

    def test_shows_partners_their_countries_and_the_lead(self, client):
        project = EUProjectFactory(slug="climate")
        ProjectPartnerFactory(
            project=project, name="Département de l'Essonne", country="FR", role=PartnerRole.LEAD
        )
        ProjectPartnerFactory(project=project, name="Provincia di Bologna", country="IT")
        page = client.get("/europe/projets/climate/").text
        assert "Provincia di Bologna" in page and "Italie" in page and "France" in page
        assert "Chef de file" in page

    def test_links_its_zone_and_themes(self, client):
        zone = ZoneFactory(slug="europe", name="Europe")
        theme = ThemeFactory(slug="climat", name="Climat")
        EUProjectFactory(slug="climate", zone=zone, themes=[theme])
        page = client.get("/europe/projets/climate/").text
        assert 'href="/cooperation/europe/"' in page
        assert 'href="/europe/?theme=climat"' in page

    def test_a_draft_zone_is_not_linked(self, client):
        EUProjectFactory(slug="climate", zone=ZoneFactory(slug="brouillon", is_published=False))
        response = client.get("/europe/projets/climate/")
        assert response.status_code == 200
        assert 'href="/cooperation/brouillon/"' not in response.text

    def test_counts_its_views(self, client, settings):
        settings.PAGE_CACHE_SECONDS = 0  # the number shown, rendered each time
        project = EUProjectFactory(slug="climate")
        client.get("/europe/projets/climate/")
        response = client.get("/europe/projets/climate/")
        assert "2\xa0vues" in response.text or "2 vues" in response.text
        project.refresh_from_db()
        assert project.view_count == 2

    def test_is_in_the_sitemap_in_both_languages(self, client):
        from europe.sitemaps import EUProjectSitemap

        EUProjectFactory(slug="climate")
        EUProjectFactory(slug="brouillon", is_published=False)
        assert [p.slug for p in EUProjectSitemap().items()] == ["climate"]

    def test_draft_project_is_404(self, client):
        EUProjectFactory(slug="brouillon", is_published=False)
        assert client.get("/europe/projets/brouillon/").status_code == 404

    def test_unknown_project_is_404(self, client):
        assert client.get("/europe/projets/nulle-part/").status_code == 404

    def test_query_count_does_not_grow_with_partners(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        project = EUProjectFactory(slug="climate", themes=[ThemeFactory()])
        ProjectPartnerFactory(project=project)
        # Two more than before: the project's results (tests/results) and its photos
        # ({% photos_for %}).
        with django_assert_max_num_queries(10) as few:
            assert client.get("/europe/projets/climate/").status_code == 200
        ProjectPartnerFactory.create_batch(8, project=project)
        project.themes.add(*ThemeFactory.create_batch(3))
        with django_assert_num_queries(len(few)):
            assert client.get("/europe/projets/climate/").status_code == 200


class TestEUContributionWording:
    """The EU amount of a project in preparation or submitted is requested, not obtained."""

    @pytest.mark.parametrize(
        ("status", "language", "expected", "not_expected"),
        [
            (
                "submitted",
                "",
                "Contribution européenne demandée\xa0:",
                "Contribution européenne obtenue\xa0:",
            ),
            (
                "preparation",
                "",
                "Contribution européenne demandée\xa0:",
                "Contribution européenne obtenue\xa0:",
            ),
            (
                "running",
                "",
                "Contribution européenne obtenue\xa0:",
                "Contribution européenne demandée\xa0:",
            ),
            (
                "closed",
                "",
                "Contribution européenne obtenue\xa0:",
                "Contribution européenne demandée\xa0:",
            ),
            ("submitted", "/en", "EU contribution requested:", "EU contribution obtained:"),
            ("running", "/en", "EU contribution obtained:", "EU contribution requested:"),
        ],
    )
    def test_project_cards(self, client, status, language, expected, not_expected):
        zone = ZoneFactory(slug="europe")
        EUProjectFactory(status=status, eu_contribution=Decimal("200000"), zone=zone)
        for url in [f"{language}/europe/", f"{language}/cooperation/europe/"]:
            page = client.get(url).text
            assert expected in page, url
            assert not_expected not in page, url
            assert "Union européenne\xa0:" not in page and "European Union:" not in page

    @pytest.mark.parametrize(
        ("status", "language", "expected", "not_expected"),
        [
            (
                "submitted",
                "",
                [
                    "Taux de cofinancement européen demandé\xa0:",
                    "Union européenne (contribution demandée)",
                    "est demandée, pas encore obtenue",
                ],
                "Taux de cofinancement européen\xa0:",
            ),
            (
                "running",
                "",
                ["Taux de cofinancement européen\xa0:", "> Union européenne</th>"],
                "demandé",
            ),
            (
                "submitted",
                "/en",
                ["Requested EU co-financing rate:", "European Union (contribution requested)"],
                ">EU co-financing rate:",
            ),
            ("running", "/en", [">EU co-financing rate:", "> European Union</th>"], "requested"),
        ],
    )
    def test_project_page(self, client, status, language, expected, not_expected):
        EUProjectFactory(slug="climate", status=status)
        page = client.get(f"{language}/europe/projets/climate/").text
        for text in expected:
            assert text in page
        assert not_expected not in page


def open_graph(page):
    """The page's Open Graph properties, unescaped."""
    return {
        name: html.unescape(content)
        for name, content in re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', page)
    }


class TestOpenGraph:
    """What a link to these pages shows once shared: their own title and description."""

    def test_project_page_shares_the_project(self, client):
        EUProjectFactory(
            slug="ecole",
            name="L'Europe à l'école",
            name_en="Europe at school",
            summary="Des classes de l'Essonne & d'Europe.",
        )
        tags = open_graph(client.get("/europe/projets/ecole/").text)
        assert tags["title"] == "L'Europe à l'école"
        assert tags["description"] == "Des classes de l'Essonne & d'Europe."
        assert tags["type"] == "article"
        assert tags["url"].endswith("/europe/projets/ecole/")
        assert open_graph(client.get("/en/europe/projets/ecole/").text)["title"] == (
            "Europe at school"
        )

    @pytest.mark.parametrize(
        ("language", "title", "description"),
        [
            ("", "La mission Europe", "La mission Europe du Département de l'Essonne sollicite"),
            ("/en", "Mission Europe", "Mission Europe of the Département de l'Essonne seeks"),
        ],
    )
    def test_europe_page_shares_the_mission(self, client, language, title, description):
        tags = open_graph(client.get(f"{language}/europe/").text)
        assert tags["title"] == title
        assert tags["description"].startswith(description)
        assert tags["type"] == "website"


class TestNoPersonalDataOnPublicPages:
    @pytest.mark.parametrize(
        "url",
        [
            "/europe/",
            "/europe/projets/climate/",
            "/europe/accompagnement/",
            "/europe/accompagnement/merci/",
            "/",
            "/plan-du-site/",
        ],
    )
    def test_public_pages_never_show_a_requester(self, client, url):
        EUProjectFactory(slug="climate")
        SupportRequestFactory(
            structure_name="Association Secrète",
            contact_name="Dominique Confidentiel",
            email="dominique@secret.example",
            phone="01 02 03 04 05",
            project_idea="Idée confidentielle",
        )
        page = client.get(url).text
        for secret in [
            "Secrète",
            "Confidentiel",
            "secret.example",
            "01 02 03 04 05",
            "confidentielle",
        ]:
            assert secret not in page


def test_main_navigation_links_to_europe(client):
    page = client.get("/").text
    assert 'href="/europe/"' in page
    assert 'aria-current="true">Mission Europe<' in client.get("/europe/").text


VALID_FORM = {
    "structure_name": "Les Amis de Kita",
    "structure_kind": "association",
    "siret": "552 100 554 00013",
    "rna": "w912001234",
    "contact_name": "Camille Martin",
    "email": "camille@example.org",
    "phone": "01 60 91 91 91",
    "project_idea": "Un échange de jeunes entre l'Essonne et une ville européenne.",
    "programme": "erasmus_plus",
    "progress": "partners",
    "consent": "on",
    "website": "",
}
FORM_URL = "/europe/accompagnement/"


class TestSupportRequestForm:
    def test_form_page(self, client):
        response = client.get(FORM_URL)
        assert response.status_code == 200
        page = response.text
        assert 'name="csrfmiddlewaretoken"' in page
        assert 'href="/donnees-personnelles/"' in page
        assert 'class="visually-hidden-field" aria-hidden="true"' in page
        assert 'tabindex="-1"' in page
        assert "Je ne sais pas encore" in page
        assert "style=" not in page

    def test_each_visitor_gets_a_fresh_csrf_token_even_with_the_page_cache(self, settings):
        from django.test import Client

        settings.PAGE_CACHE_SECONDS = 300
        for _ in range(2):
            response = Client(enforce_csrf_checks=True).get(FORM_URL)
            assert settings.CSRF_COOKIE_NAME in response.cookies
            assert "no-store" in response["Cache-Control"]

    def test_valid_request_is_stored_then_confirmed_through_the_emailed_link(
        self, client, settings, django_capture_on_commit_callbacks, mailoutbox
    ):
        settings.EUROPE_MISSION_EMAIL = "europe@essonne.example"
        settings.SITE_URL = "http://testserver"
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(FORM_URL, VALID_FORM)
        assert response.status_code == 302
        assert response["Location"] == "/europe/accompagnement/merci/"
        stored = SupportRequest.objects.get()
        assert stored.siret == "55210055400013"
        assert stored.rna == "W912001234"
        assert stored.status == "new" and stored.consented_at is not None
        assert stored.confirmed_at is None
        [check] = mailoutbox  # the mission hears of nothing yet
        assert check.to == ["camille@example.org"]
        assert VALID_FORM["structure_name"] not in check.body
        done = client.get(response["Location"])
        assert done.status_code == 200
        assert "confirmez votre demande" in done.text
        assert "camille@example.org" not in done.text

        path = re.search(
            r"http://testserver(/europe/accompagnement/confirmation/\S+/)", check.body
        )[1]
        ask = client.get(path)  # a mail scanner following the link confirms nothing
        assert ask.status_code == 200
        assert "Confirmer et transmettre ma demande" in ask.text
        for typed in ["Les Amis de Kita", "Camille Martin", "camille@example.org"]:
            assert typed in html.unescape(ask.text)
        assert SupportRequest.objects.get().confirmed_at is None
        with django_capture_on_commit_callbacks(execute=True):
            confirmed = client.post(path)
        assert "Votre demande est transmise à la mission Europe" in confirmed.text
        assert "Les Amis de Kita" in html.unescape(confirmed.text)
        assert SupportRequest.objects.get().confirmed_at is not None
        assert [message.to for message in mailoutbox] == [
            ["camille@example.org"],
            ["camille@example.org"],
            ["europe@essonne.example"],
        ]
        again = client.get(path)  # later, the link shows what was typed no more
        assert "Cette demande est déjà transmise" in again.text
        assert "Kita" not in again.text
        assert client.post(path).status_code == 200
        assert len(mailoutbox) == 3

    def test_an_expired_or_unknown_confirmation_link(self, client):
        from django.utils import timezone

        from europe.tokens import support_request_confirm_token

        expired = SupportRequestFactory(pending=True, confirm_before=timezone.now())
        path = f"/europe/accompagnement/confirmation/{support_request_confirm_token(expired)}/"
        assert client.get(path).status_code == 410
        response = client.post(path)
        assert response.status_code == 410
        assert "Ce lien de confirmation a expiré" in response.text
        assert SupportRequest.objects.get().confirmed_at is None
        unknown = client.get("/europe/accompagnement/confirmation/inconnu/")
        assert unknown.status_code == 404
        assert client.post("/europe/accompagnement/confirmation/inconnu/").status_code == 404

    def test_the_confirmation_page_is_never_cached_and_leaks_no_referrer(self, client):
        from europe.tokens import confirm_token_hash

        SupportRequestFactory(pending=True, confirm_token_hash=confirm_token_hash("jeton"))
        page = client.get("/europe/accompagnement/confirmation/jeton/")
        assert page.status_code == 200
        assert "private" in page["Cache-Control"]
        assert page["Referrer-Policy"] == "same-origin"

    def test_the_confirmation_pages_keep_french_typography(
        self, client, settings, django_capture_on_commit_callbacks, mailoutbox
    ):
        from django.utils import timezone

        from europe.tokens import support_request_confirm_token
        from tests.portal.public_pages import visible_text
        from tests.portal.test_typography import typography_faults

        settings.SITE_URL = "http://testserver"
        with django_capture_on_commit_callbacks(execute=True):
            done = client.post(FORM_URL, VALID_FORM)
        path = re.search(r"http://testserver(/europe/\S+/)", mailoutbox[0].body)[1]
        pages = [client.get(done["Location"]), client.get(path)]
        with django_capture_on_commit_callbacks(execute=True):
            pages.append(client.post(path))
        pages.append(client.get(path))
        expired = SupportRequestFactory(pending=True, confirm_before=timezone.now())
        token = support_request_confirm_token(expired)
        pages.append(client.get(f"/europe/accompagnement/confirmation/{token}/"))
        pages.append(client.get("/europe/accompagnement/confirmation/inconnu/"))
        assert [page.status_code for page in pages] == [200, 200, 200, 200, 410, 404]
        texts = [visible_text(page.content.decode()) for page in pages]
        texts += [message.subject + "\n" + message.body for message in mailoutbox[:2]]
        for text in texts:
            assert not typography_faults(text), text

    def test_english_form_stores_the_language(self, client):
        response = client.post("/en" + FORM_URL, VALID_FORM)
        assert response.status_code == 302
        assert response["Location"] == "/en/europe/accompagnement/merci/"
        assert SupportRequest.objects.get().language == "en"

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("structure_name", "", "obligatoire"),
            ("structure_kind", "club", "Sélectionnez un choix valide"),
            ("siret", "552 100 554 00014", "SIRET"),
            ("siret", "12345", "14 chiffres"),
            ("siret", "9" * 30, "caractères"),
            ("rna", "W12", "W suivi de 9 chiffres"),
            ("contact_name", "", "obligatoire"),
            ("email", "pas-une-adresse", "courriel valide"),
            ("phone", "appelez-moi", "téléphone"),
            ("phone", "((((((", "de 10 à 20 caractères"),
            ("phone", "01 60", "téléphone"),
            ("project_idea", "", "obligatoire"),
            ("project_idea", "x" * 5001, "5000"),
            ("programme", "astrologie", "Sélectionnez un choix valide"),
            ("progress", "", "obligatoire"),
            ("consent", "", "accord"),
            ("structure_name", "A\x00B", "caractère nul"),
        ],
    )
    def test_invalid_field_shows_its_error_keeps_the_rest_and_stores_nothing(
        self, client, mailoutbox, field, value, message
    ):
        data = {**VALID_FORM, field: value}
        if field == "consent":
            del data["consent"]
        response = client.post(FORM_URL, data)
        assert response.status_code == 200
        form = response.context["form"]
        assert list(form.errors) == [field]
        assert message.lower() in " ".join(form.errors[field]).lower()
        page = response.text
        assert 'class="error-summary"' in page
        assert f'id="id_{field}_error"' in page
        assert page.count('aria-invalid="true"') == 1
        # What was typed in the other fields is still there.
        for other in ("structure_name", "contact_name", "email", "phone"):
            if other != field:
                assert f'value="{VALID_FORM[other]}"' in page
        if field != "project_idea":
            assert "Un échange de jeunes entre l&#x27;Essonne" in page
        assert not SupportRequest.objects.exists()
        assert mailoutbox == []

    def test_optional_fields_may_stay_empty(self, client):
        data = {**VALID_FORM, "siret": "", "rna": "", "phone": "", "programme": ""}
        assert client.post(FORM_URL, data).status_code == 302
        stored = SupportRequest.objects.get()
        assert (stored.siret, stored.rna, stored.phone, stored.programme) == ("", "", "", "")

    def test_typed_html_is_escaped_when_shown_again(self, client):
        data = {**VALID_FORM, "structure_name": "<script>alert(1)</script>", "email": "x"}
        page = client.post(FORM_URL, data).text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_honeypot_filled_is_refused(self, client, mailoutbox):
        response = client.post(FORM_URL, {**VALID_FORM, "website": "http://spam.example"})
        assert response.status_code == 200
        assert "pas pu être accepté" in response.text
        assert not SupportRequest.objects.exists()
        assert mailoutbox == []

    def test_rate_limit_per_client_address(self, client, settings):
        settings.FORM_RATE_LIMIT = "2/m"
        assert client.post(FORM_URL, VALID_FORM).status_code == 302
        assert client.post(FORM_URL, {**VALID_FORM, "email": ""}).status_code == 200
        response = client.post(FORM_URL, VALID_FORM)
        assert response.status_code == 429
        assert "Trop d" in response.text
        assert SupportRequest.objects.count() == 1
        # Another address is not held back.
        other = client.post(FORM_URL, VALID_FORM, REMOTE_ADDR="192.0.2.7")
        assert other.status_code == 302

    def test_a_fourth_request_from_one_address_in_a_day_is_refused(
        self, client, settings, mailoutbox, django_capture_on_commit_callbacks
    ):
        settings.FORM_RATE_LIMIT = "100/m"
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(3):
                assert client.post(FORM_URL, VALID_FORM).status_code == 302
            response = client.post(FORM_URL, {**VALID_FORM, "email": "CAMILLE@example.org"})
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["email"]
        assert "Nous avons déjà reçu 3\xa0demandes de cette adresse" in response.text
        assert 'id="id_email_error"' in response.text
        assert SupportRequest.objects.count() == 3
        assert len(mailoutbox) == 3

    def test_csrf_token_is_required(self, mailoutbox):
        from django.test import Client

        response = Client(enforce_csrf_checks=True).post(FORM_URL, VALID_FORM)
        assert response.status_code == 403
        assert not SupportRequest.objects.exists()
