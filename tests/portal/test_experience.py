"""Issue 17, on the server side: phones and French typography, content slips, search counts,
breadcrumbs, forgiving pagination, French content marked on the English site."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from cresi.models import TrainingSession
from europe.choices import ProjectStatus
from europe.models import EUProject
from portal.site_search import all_sections, site_search
from subsidies.models import Subsidy
from tests.factories import ActionFactory, ZoneFactory
from tests.portal.public_pages import page_url
from tests.subsidies.factories import SubsidyFactory

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    "/cooperation/",
    "/cooperation/actions/",
    "/cooperation/urgences/",
    "/subventions/",
    "/chiffres-cles/",
    "/cresi/",
    "/cresi/ressources/",
    "/cresi/documentation/",
    "/cresi/formations/",
    "/europe/",
    "/recherche/?q=mali",
    "/plan-du-site/",
    "/mentions-legales/",
]


@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_pages_have_a_breadcrumb_from_home(client, demo, path):
    page = client.get(path).text
    breadcrumb = re.search(r'<nav class="breadcrumb"[^>]*>(.*?)</nav>', page, re.DOTALL)
    assert breadcrumb, path
    assert f'href="{reverse("home")}"' in breadcrumb[1]
    assert 'aria-current="page"' in breadcrumb[1]


@pytest.mark.parametrize(
    "path", ["/cooperation/actions/", "/subventions/", "/europe/", "/cresi/ressources/"]
)
def test_a_page_past_the_end_shows_the_last_page_with_a_note(client, demo, path):
    response = client.get(path, {"page": "999"})
    assert response.status_code == 200
    page = response.context["page_obj"]
    assert page.number == page.paginator.num_pages
    assert "La page «\xa0999\xa0» n’existe pas\xa0: voici la page" in response.text
    assert "n’existe pas" not in client.get(path).text


def test_the_page_note_is_in_english_on_the_english_site(client, demo):
    response = client.get("/en/subventions/", {"page": "999"})
    assert response.status_code == 200
    assert "Page “999” does not exist: here is page" in response.text


class TestSearchCounts:
    def test_counts_every_match_beyond_the_hits_shown(self, client):
        zone = ZoneFactory(name="Puits")
        for index in range(11):
            ActionFactory(title=f"Puits numéro {index}", zone=zone)
        response = client.get("/recherche/", {"q": "puits"})
        groups = {group.key: group for group in response.context["results"]}
        expected = {
            section.key: section.queryset().search("puits").count() for section in all_sections()
        }
        assert groups["actions"].count == expected["actions"] == 11
        assert len(groups["actions"].hits) < groups["actions"].count
        total = sum(count for count in expected.values())
        assert response.context["result_count"] == total
        assert f"{total} résultats pour «\xa0puits\xa0»" in response.text
        assert "(11 résultats)" in response.text

    def test_one_result_is_singular(self, client):
        ZoneFactory(name="Tombouctou")
        response = client.get("/recherche/", {"q": "tombouctou"})
        assert "1 résultat pour «\xa0tombouctou\xa0»" in response.text


class TestFrenchContentOnTheEnglishSite:
    def test_subsidy_objects_and_beneficiaries(self, client):
        SubsidyFactory(object="Forage de puits à Kayes")
        english = client.get("/en/subventions/").text
        assert '<span lang="fr">Forage de puits à Kayes</span>' in english
        french = client.get("/subventions/").text
        assert "Forage de puits à Kayes" in french
        assert '<span lang="fr">' not in french

    @pytest.mark.parametrize(
        "kind, text",
        [
            ("project-detail", "Réseau Énergie-Cités"),
            ("record-detail", None),
            ("session-detail", "Associations et collectivités de l'Essonne"),
            ("zone-detail", None),
        ],
    )
    def test_demo_pages(self, client, demo, kind, text):
        page = client.get(page_url(kind, "en")).text
        marked = re.findall(r'<span lang="fr">([^<]*)</span>', page)
        assert marked, kind
        if text:
            assert any(text.replace("'", "&#x27;") in value or text in value for value in marked)
        assert '<span lang="fr">' not in client.get(page_url(kind)).text

    def test_search_hits_in_french_are_marked(self, client, demo):
        page = client.get("/en/recherche/", {"q": "assainissement"}).text
        assert re.search(r'<a href="[^"]+" lang="fr">', page)
        french = client.get("/recherche/?q=assainissement").text
        assert not re.search(r'<a href="[^"]+" lang="fr">', french)

    def test_search_results_know_the_language_of_each_hit(self, demo):
        from django.utils import translation

        with translation.override("en"):
            hits = [hit for group in site_search("climate") for hit in group.hits]
        climate = next(hit for hit in hits if "Climate" in hit.title)
        assert climate.summary_language == "en"  # the demo gives it an English summary


class TestContentSlips:
    def test_a_session_programme_says_as_many_days_as_it_lasts(self, demo):
        words = {Decimal("1"): "Une journée", Decimal("2"): "Deux journées"}
        for session in TrainingSession.objects.all():
            if session.duration_days in words:
                assert session.body.startswith(words[session.duration_days]), session
            if session.duration_days != 1:
                assert not session.body.startswith("Une journée d’"), session
                assert not session.body.startswith("Une journée d'"), session

    def test_europe_counts_presented_projects_only(self, client, demo):
        published = EUProject.objects.published()
        presented = published.exclude(status=ProjectStatus.PREPARATION).count()
        assert published.filter(status=ProjectStatus.PREPARATION).exists()
        overall = client.get("/europe/").context["overall"]
        assert overall["count"] == presented < published.count()

    def test_no_placeholder_partner_names(self, demo):
        for project in EUProject.objects.all():
            for partner in project.partners.all():
                assert "partenaire" not in partner.name.lower(), partner

    def test_rates_have_no_useless_decimal_and_dates_say_1er(self, client, demo):
        page = client.get(page_url("project-detail")).text
        assert not re.search(r"\d,0\xa0%", page)
        assert "75\xa0%" in page
        assert "du 1er janvier 2009" in page


class TestLegalNotice:
    def test_names_the_director_of_publication_from_the_setting(self, client, settings):
        settings.PUBLICATION_DIRECTOR = "Camille Martin, présidente du conseil départemental"
        page = client.get("/mentions-legales/").text
        assert "Directeur de la publication" in page
        assert "Camille Martin, présidente du conseil départemental" in page
        english = client.get("/en/mentions-legales/").text
        assert "Director of publication" in english
        assert '<span lang="fr">Camille Martin' in english

    def test_without_the_setting_it_says_who_it_is(self, client, settings):
        settings.PUBLICATION_DIRECTOR = ""
        page = client.get("/mentions-legales/").text
        assert "Le président ou la présidente du conseil départemental" in page
        assert page.count("Directeur de la publication") == 1

    def test_deploy_check_warns_when_unset(self, settings):
        from portal.checks import publication_director_check

        settings.PUBLICATION_DIRECTOR = ""
        assert [message.id for message in publication_director_check(None)] == ["portal.W001"]
        settings.PUBLICATION_DIRECTOR = "Camille Martin"
        assert publication_director_check(None) == []


class TestErrorSummary:
    def test_is_focusable_and_not_an_alert(self, client):
        response = client.post(reverse("europe:support-request"), {"email": "pas-une-adresse"})
        page = response.text
        assert 'class="error-summary" tabindex="-1"' in page
        assert "data-error-summary" in page
        assert 'aria-labelledby="error-summary-title"' in page
        assert 'role="alert"' not in page

    def test_a_fresh_form_has_no_summary(self, client):
        page = client.get(reverse("europe:support-request")).text
        assert "data-error-summary" not in page


def test_wide_tables_scroll_in_a_labelled_box_with_a_hint(client, demo):
    for path in ["/subventions/", "/chiffres-cles/", page_url("project-detail")]:
        page = client.get(path).text
        boxes = re.findall(r'<div class="table-scroll"([^>]*)>', page)
        assert boxes, path
        for attributes in boxes:
            assert 'role="region"' in attributes and 'tabindex="0"' in attributes
            label = re.search(r'aria-labelledby="([^"]+)"', attributes)[1]
            assert f'id="{label}"' in page
        assert page.count('class="table-scroll__hint"') == len(boxes)


def test_subsidy_amount_in_a_table_is_still_grouped(client):
    SubsidyFactory(amount=Decimal("880000"))
    assert Subsidy.objects.count() == 1
    assert "880\xa0000\xa0€" in client.get("/subventions/").text
