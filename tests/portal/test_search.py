import pytest

from cooperation.models import Action, Zone
from core.fulltext import highlight, normalise_query, strip_accents
from tests.factories import ActionFactory, EmergencyAidFactory, ZoneFactory

pytestmark = pytest.mark.django_db


def test_strip_accents_and_normalise_query():
    assert strip_accents("Haïti, Coopération, Guyane") == "Haiti, Cooperation, Guyane"
    assert normalise_query("  mali \x00 \t écoles \n") == "mali écoles"
    assert len(normalise_query("x" * 1000)) == 200


def test_highlight_marks_matching_words_and_escapes_the_rest():
    text = "<b>Coopérations</b> avec Haïti & le Mali"
    marked = highlight(text, "haiti cooperation")
    assert marked == (
        "&lt;b&gt;<mark>Coopérations</mark>&lt;/b&gt; avec <mark>Haïti</mark> &amp; le Mali"
    )


def test_highlight_of_empty_text_or_query():
    assert highlight("", "mali") == ""
    assert highlight("<i>Mali</i>", "   ") == "&lt;i&gt;Mali&lt;/i&gt;"


class TestQuerysetSearch:
    def test_accents_are_ignored_both_ways(self):
        haiti = ZoneFactory(name="Haïti")
        ZoneFactory(name="Mali")
        assert list(Zone.objects.search("haiti")) == [haiti]
        assert list(Zone.objects.search("HAÏTI")) == [haiti]

    def test_every_word_must_match(self):
        both = ActionFactory(title="Écoles et puits")
        ActionFactory(title="Écoles")
        assert list(Action.objects.search("écoles puits")) == [both]

    def test_words_are_found_whole_not_inside_other_words(self):
        water = ActionFactory(title="Réseaux d'eau potable")
        ActionFactory(title="Plateaux et bureaux")
        assert list(Action.objects.search("eau")) == [water]
        assert list(Action.objects.search("reseau")) == [water]  # « réseaux »: one word

    @pytest.mark.parametrize(
        "hostile", ["' OR 1=1 --", "zz & | ! ( :*", '"unbalanced', "<script>", "%_%", "x\x00y"]
    )
    def test_hostile_queries_are_just_text(self, hostile):
        ActionFactory(title="Puits")
        assert list(Action.objects.search(hostile)) == []

    @pytest.mark.parametrize("blank", ["   ", "\x00", "\t\n"])
    def test_blank_query_filters_nothing(self, blank):
        ActionFactory.create_batch(2)
        assert Action.objects.search(blank).count() == 2


class TestSearchPage:
    def test_groups_results_by_kind_with_highlights(self, client):
        haiti = ZoneFactory(name="Haïti", slug="haiti", summary="Aide d'urgence à Haïti.")
        ActionFactory(title="Reconstruction d'écoles en Haïti", zone=haiti)
        EmergencyAidFactory(title="Séisme en Haïti", zone=haiti)
        ActionFactory(title="Écoles au Mali")
        response = client.get("/recherche/", {"q": "haiti"})
        assert response.status_code == 200
        page = response.text
        assert [group.key for group in response.context["results"]] == [
            "zones",
            "actions",
            "urgences",
        ]
        assert "<mark>Haïti</mark>" in page
        assert "Écoles au Mali" not in page

    def test_drafts_are_not_found(self, client):
        ActionFactory(title="Projet secret", is_published=False)
        ActionFactory(title="Projet secret bis", zone=ZoneFactory(is_published=False))
        response = client.get("/recherche/", {"q": "secret"})
        assert response.context["results"] == []
        assert "Aucun résultat" in response.text

    def test_empty_query_shows_the_form_without_searching(
        self, client, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(1):
            response = client.get("/recherche/", {"q": "  "})
        assert response.status_code == 200
        assert response.context["results"] == []

    def test_overlong_query_is_a_form_error(self, client):
        response = client.get("/recherche/", {"q": "mali " * 100})
        assert response.status_code == 200
        assert 'class="field__error"' in response.text

    def test_query_is_escaped_in_the_page(self, client):
        page = client.get("/recherche/", {"q": "<script>alert(1)</script>"}).text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_english_titles_under_en(self, client):
        ActionFactory(title="Puits", title_en="Water wells")
        page = client.get("/en/recherche/", {"q": "wells"}).text
        assert "Water <mark>wells</mark>" in page

    def test_one_query_per_kind_whatever_the_matches(self, client, django_assert_num_queries):
        from portal.site_search import all_sections

        for index in range(15):
            ActionFactory(title=f"Puits numéro {index}", zone=ZoneFactory(name=f"Puits {index}"))
        from core.content_version import content_version

        content_version()  # read once a second per process, not per page
        # One more for the subsidies: the beneficiaries and zones holding the words.
        with django_assert_num_queries(len(all_sections()) + 1):
            response = client.get("/recherche/", {"q": "puits"})
        assert [group.has_more for group in response.context["results"]] == [True, True]

    def test_header_has_a_search_box(self, client):
        page = client.get("/").text
        assert 'role="search"' in page and 'action="/recherche/"' in page


def test_search_covers_every_kind_of_published_record(client, demo):
    found = {
        query: {group.key for group in client.get("/recherche/", {"q": query}).context["results"]}
        for query in ["haiti", "climate", "cinessonne", "financements", "assainissement", "mali"]
    }
    assert {"zones", "urgences"} <= found["haiti"]
    assert "projets-europeens" in found["climate"] and "projets-europeens" in found["cinessonne"]
    assert "ressources" in found["financements"]
    assert {"ressources", "documentation"} <= found["assainissement"]
    assert "actions" in found["mali"]


def test_search_vectors_follow_edits_but_not_view_counts():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("search vectors are kept by PostgreSQL triggers")
    zone = ZoneFactory(name="Mali")
    zone.name = "Guyane"
    zone.save()
    assert list(Zone.objects.search("guyane")) == [zone]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cooperation_zone SET search_vector = NULL WHERE id = %s", [zone.pk])
        zone.record_view()  # the trigger would recompute the vector if it fired
        cursor.execute("SELECT search_vector FROM cooperation_zone WHERE id = %s", [zone.pk])
        assert cursor.fetchone() == (None,)


@pytest.mark.parametrize("query", [":", "' ; --", "« »", "?!"])
def test_a_query_without_words_shows_the_search_form_calmly(client, query):
    ZoneFactory(name="Mali")
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert response.context["results"] == []


def test_ranking_what_was_not_searched_keeps_the_order():
    ZoneFactory(name="Mali")
    assert list(Zone.objects.search(":").ranked())


def test_search_results_are_kept_until_the_next_change(client, settings, django_assert_num_queries):
    from core.content_version import content_version

    settings.PAGE_CACHE_SECONDS = 0
    zone = ZoneFactory(name="Mali")
    content_version()
    client.get("/recherche/", {"q": "mali"})
    with django_assert_num_queries(0):
        client.get("/recherche/", {"q": "mali"})
    zone.name = "Guyane"
    zone.save()
    [group] = client.get("/recherche/", {"q": "mali"}).context["results"]
    assert group.hits[0].title == "Guyane"
