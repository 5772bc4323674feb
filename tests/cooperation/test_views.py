from decimal import Decimal

import pytest

from cooperation.views import ZONE_LATEST_ACTIONS
from core.templatetags.formatting import euros
from tests.factories import ActionFactory, EmergencyAidFactory, PartnerFactory, ZoneFactory

pytestmark = pytest.mark.django_db


class TestZoneList:
    def test_lists_published_zones_only(self, client):
        ZoneFactory(name="Mali")
        ZoneFactory(name="Zone en brouillon", is_published=False)
        response = client.get("/cooperation/")
        assert response.status_code == 200
        assert "Mali" in response.text
        assert "Zone en brouillon" not in response.text

    def test_query_count_does_not_grow_with_zones(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        ZoneFactory.create_batch(2)
        with django_assert_max_num_queries(2) as few:
            assert client.get("/cooperation/").status_code == 200
        for zone in ZoneFactory.create_batch(10):
            ActionFactory(zone=zone)
        with django_assert_num_queries(len(few)):
            assert client.get("/cooperation/").status_code == 200


class TestZoneDetail:
    def test_shows_partners_actions_aids_and_totals(self, client):
        zone = ZoneFactory(name="Mali", slug="mali", body="Une collaboration ancienne.")
        PartnerFactory(zone=zone, name="Cercle de Kita")
        ActionFactory(zone=zone, title="Puits", budget=None, contribution=Decimal("40000"))
        ActionFactory(zone=zone, title="Écoles", budget=None, contribution=Decimal("30000"))
        ActionFactory(zone=zone, title="Action brouillon", is_published=False)
        EmergencyAidFactory(zone=zone, title="Aide après les crues", amount=Decimal("5000"))
        response = client.get("/cooperation/mali/")
        assert response.status_code == 200
        page = response.text
        for text in [
            "Une collaboration ancienne.",
            "Cercle de Kita",
            "Puits",
            "Écoles",
            "Aide après les crues",
            "70\xa0000\xa0€",
            "5\xa0000\xa0€",
        ]:
            assert text in page
        assert "Action brouillon" not in page
        assert response.context["action_totals"]["contribution"] == Decimal("70000")

    def test_unknown_slug_is_404(self, client):
        assert client.get("/cooperation/nulle-part/").status_code == 404

    def test_draft_zone_is_404(self, client):
        ZoneFactory(slug="brouillon", is_published=False)
        assert client.get("/cooperation/brouillon/").status_code == 404

    def test_query_count_does_not_grow_with_actions(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        from core.content_version import content_version

        zone = ZoneFactory(slug="mali")
        for _ in range(3):
            ActionFactory(zone=zone, partners=[PartnerFactory(zone=zone)])
        content_version()  # the page cache reads it once a second per process, not per page
        # and 1 for the page's photos ({% photos_for %})
        with django_assert_max_num_queries(13) as few:
            assert client.get("/cooperation/mali/").status_code == 200
        for _ in range(27):
            ActionFactory(zone=zone, partners=[PartnerFactory(zone=zone)])
            EmergencyAidFactory(zone=zone)
        content_version()
        with django_assert_num_queries(len(few)):
            assert client.get("/cooperation/mali/").status_code == 200

    def test_shows_only_the_latest_actions_and_links_to_all_of_them(self, client):
        zone = ZoneFactory(name="Mali", slug="mali")
        for year in range(2000, 2000 + ZONE_LATEST_ACTIONS + 5):
            ActionFactory(zone=zone, title=f"Action de {year}", start_year=year, end_year=None)
        ActionFactory(
            zone=zone, title="Action brouillon", start_year=2030, end_year=None, is_published=False
        )
        response = client.get("/cooperation/mali/")
        page = response.text
        assert page.count('class="card"') == ZONE_LATEST_ACTIONS
        newest = 2000 + ZONE_LATEST_ACTIONS + 4
        assert f"Action de {newest}" in page
        assert f"Action de {newest - ZONE_LATEST_ACTIONS + 1}" in page
        assert f"Action de {newest - ZONE_LATEST_ACTIONS}" not in page
        assert "Action brouillon" not in page
        link = (
            '<a href="/cooperation/actions/?zone=mali">'
            f"Voir les {ZONE_LATEST_ACTIONS + 5} actions de la zone Mali</a>"
        )
        assert link in page

    def test_the_link_leads_to_the_zone_actions(self, client):
        mali = ZoneFactory(slug="mali")
        ActionFactory.create_batch(ZONE_LATEST_ACTIONS + 1, zone=mali)
        ActionFactory(title="Ailleurs")
        response = client.get("/cooperation/actions/?zone=mali")
        assert response.context["totals"]["count"] == ZONE_LATEST_ACTIONS + 1
        assert "Ailleurs" not in response.text

    @pytest.mark.parametrize("count", [1, ZONE_LATEST_ACTIONS])
    def test_no_link_when_every_action_is_shown(self, client, count):
        zone = ZoneFactory(slug="mali")
        ActionFactory.create_batch(count, zone=zone)
        ActionFactory(zone=zone, is_published=False)
        page = client.get("/cooperation/mali/").text
        assert page.count('class="card"') == count
        assert "/cooperation/actions/?zone=mali" not in page

    def test_figures_total_every_action_of_the_zone(self, client):
        zone = ZoneFactory(slug="mali")
        count = ZONE_LATEST_ACTIONS + 5
        ActionFactory.create_batch(count, zone=zone, budget=None, contribution=Decimal("1000"))
        response = client.get("/cooperation/mali/")
        assert response.context["action_totals"]["count"] == count
        assert response.context["action_totals"]["contribution"] == Decimal(1000 * count)
        assert euros(Decimal(1000 * count)) in response.text

    def test_english_link(self, client):
        zone = ZoneFactory(name="Haïti", name_en="Haiti", slug="haiti")
        ActionFactory.create_batch(ZONE_LATEST_ACTIONS + 2, zone=zone)
        page = client.get("/en/cooperation/haiti/").text
        expected = f"See all {ZONE_LATEST_ACTIONS + 2} actions in Haiti</a>"
        assert 'href="/en/cooperation/actions/?zone=haiti"' in page
        assert expected in page


class TestActionList:
    def test_lists_published_actions_with_totals(self, client):
        ActionFactory(title="Puits", contribution=Decimal("1500.50"))
        ActionFactory(title="Écoles", contribution=Decimal("1000"))
        ActionFactory(title="Brouillon", is_published=False)
        response = client.get("/cooperation/actions/")
        assert response.status_code == 200
        assert "Puits" in response.text and "Écoles" in response.text
        assert "Brouillon" not in response.text
        assert "2\xa0500,50\xa0€" in response.text

    def test_filters_and_totals_follow_the_filter(self, client):
        mali = ZoneFactory(slug="mali")
        ActionFactory(zone=mali, title="Puits au Mali", contribution=Decimal("700"))
        ActionFactory(title="Ailleurs", contribution=Decimal("300"))
        response = client.get("/cooperation/actions/?zone=mali")
        assert "Puits au Mali" in response.text
        assert "Ailleurs" not in response.text
        assert response.context["totals"]["contribution"] == Decimal("700")

    @pytest.mark.parametrize(
        "query",
        ["annee=abc", "zone=nope", "domaine=zzz", "annee=-1", "annee=1e309", "q=" + "y" * 500],
    )
    def test_bad_filter_value_shows_the_form_error(self, client, query):
        ActionFactory(title="Puits")
        response = client.get(f"/cooperation/actions/?{query}")
        assert response.status_code == 200
        assert 'class="field__error"' in response.text
        assert 'aria-invalid="true"' in response.text

    def test_pagination_keeps_the_filters(self, client):
        zone = ZoneFactory(slug="mali")
        ActionFactory.create_batch(25, zone=zone, domain="culture")
        response = client.get("/cooperation/actions/?zone=mali&domaine=culture")
        assert response.context["page_obj"].paginator.num_pages == 2
        assert "?zone=mali&amp;domaine=culture&amp;page=2" in response.text
        second = client.get("/cooperation/actions/?zone=mali&domaine=culture&page=2")
        assert len(second.context["actions"]) == 5

    def test_page_out_of_range_shows_the_last_page_and_says_so(self, client):
        ActionFactory()
        response = client.get("/cooperation/actions/?page=999999")
        assert response.status_code == 200
        assert response.context["page_obj"].number == 1
        assert "n’existe pas\xa0: voici la page 1 sur 1." in response.text
        assert client.get("/cooperation/actions/?page=abc").status_code == 200

    def test_empty_result_says_no_match(self, client):
        ActionFactory(title="Puits")
        response = client.get("/cooperation/actions/?q=introuvable")
        assert "Aucune action ne correspond" in response.text

    def test_query_count_does_not_grow_with_rows(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        ActionFactory.create_batch(2)
        # The zone and SDG goal choices, the totals, the count, the page of actions.
        with django_assert_max_num_queries(6) as few:
            assert client.get("/cooperation/actions/").status_code == 200
        ActionFactory.create_batch(30)
        with django_assert_num_queries(len(few)):
            assert client.get("/cooperation/actions/").status_code == 200


class TestActionDetail:
    def test_shows_the_action_and_its_partners(self, client):
        zone = ZoneFactory(name="Mali")
        action = ActionFactory(
            zone=zone,
            title="Puits",
            budget=Decimal("90000"),
            contribution=Decimal("40000"),
            partners=[PartnerFactory(zone=zone, name="Cercle de Kita")],
        )
        response = client.get(action.get_absolute_url())
        assert response.status_code == 200
        for text in ["Puits", "Mali", "Cercle de Kita", "90\xa0000\xa0€", "40\xa0000\xa0€"]:
            assert text in response.text

    def test_draft_action_is_404(self, client):
        action = ActionFactory(is_published=False)
        assert client.get(action.get_absolute_url()).status_code == 404


class TestEmergencyAidList:
    def test_lists_published_aids_with_total(self, client):
        EmergencyAidFactory(title="Séisme en Haïti", amount=Decimal("100000"))
        EmergencyAidFactory(title="Tsunami en Thaïlande", amount=Decimal("50000"), year=2004)
        EmergencyAidFactory(title="Brouillon", is_published=False)
        response = client.get("/cooperation/urgences/")
        assert response.status_code == 200
        assert "Séisme en Haïti" in response.text and "Tsunami en Thaïlande" in response.text
        assert "Brouillon" not in response.text
        assert "150\xa0000\xa0€" in response.text

    def test_query_count_does_not_grow_with_rows(
        self, client, django_assert_max_num_queries, django_assert_num_queries
    ):
        EmergencyAidFactory(zone=ZoneFactory())
        # and 1 for the page's photos ({% photos_for %})
        with django_assert_max_num_queries(4) as few:
            assert client.get("/cooperation/urgences/").status_code == 200
        for _ in range(6):
            EmergencyAidFactory(zone=ZoneFactory())
        with django_assert_num_queries(len(few)):
            assert client.get("/cooperation/urgences/").status_code == 200


def test_zone_page_lists_its_eu_projects(client):
    from tests.europe.factories import EUProjectFactory

    zone = ZoneFactory(slug="europe", name="Europe")
    EUProjectFactory(name="Climate", zone=zone)
    EUProjectFactory(name="Projet en brouillon", zone=zone, is_published=False)
    EUProjectFactory(name="Ailleurs")
    page = client.get("/cooperation/europe/").text
    assert "Climate" in page
    assert "Projet en brouillon" not in page and "Ailleurs" not in page


def test_site_map_lists_every_section(client):
    page = client.get("/plan-du-site/").text
    for url in ["/subventions/", "/chiffres-cles/", "/cresi/", "/europe/", "/recherche/"]:
        assert f'href="{url}"' in page
