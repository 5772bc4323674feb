"""Actions, emergency aid and decisions carry SDG goals (and targets) and a DAC purpose code,
found with ``?odd=`` and ``?secteur=``; each zone says whether its spending is development aid."""

import re

import pytest
from django.urls import reverse

from cooperation.models import Action, DacPurpose, EmergencyAid, SdgGoal, SdgTarget
from core.staff_groups import EDITORS, FINANCE
from tests.factories import ActionFactory, EmergencyAidFactory, ZoneFactory
from tests.subsidies.factories import SubsidyFactory

pytestmark = pytest.mark.django_db


def tagged(record, goals=(), purpose=None, targets=()):
    record.sdg_goals.set(goals)
    record.sdg_targets.set(targets)
    if purpose:
        record.dac_purpose_id = purpose
        record.save()
    return record


@pytest.fixture
def actions(codelists):
    water = tagged(ActionFactory(title="Puits à Kayes"), [6], "14030")
    schools = tagged(ActionFactory(title="Écoles de Kita"), [4, 6], "11220")
    untagged = ActionFactory(title="Échanges culturels")
    return water, schools, untagged


def listed(response, titles):
    return {title for title in titles if title in response.text}


TITLES = ("Puits à Kayes", "Écoles de Kita", "Échanges culturels")


class TestActionFilters:
    def test_by_sdg_goal(self, client, actions):
        assert listed(client.get("/cooperation/actions/?odd=6"), TITLES) == {
            "Puits à Kayes",
            "Écoles de Kita",
        }
        assert listed(client.get("/cooperation/actions/?odd=4"), TITLES) == {"Écoles de Kita"}

    def test_by_dac_purpose_code(self, client, actions):
        response = client.get("/cooperation/actions/?secteur=14030")
        assert listed(response, TITLES) == {"Puits à Kayes"}
        assert response.context["totals"]["count"] == 1

    def test_both_and_the_other_filters_together(self, client, actions):
        response = client.get("/cooperation/actions/?odd=6&secteur=11220&annee=2011")
        assert listed(response, TITLES) == {"Écoles de Kita"}

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("odd=18", "odd"),
            ("odd=six", "odd"),
            ("secteur=1403", "secteur"),
            ("secteur=99999", "secteur"),
        ],
    )
    def test_a_bad_value_is_a_form_error_beside_its_field(self, client, actions, query, field):
        response = client.get(f"/cooperation/actions/?{query}")
        assert response.status_code == 200
        assert f'id="id_{field}_error"' in response.text
        assert listed(response, TITLES) == set()

    def test_a_withdrawn_purpose_still_finds_the_records_that_carry_it(self, client, actions):
        DacPurpose.objects.filter(code="14030").update(is_active=False)
        assert listed(client.get("/cooperation/actions/?secteur=14030"), TITLES) == {
            "Puits à Kayes"
        }

    def test_query_count_stays_flat(
        self, client, codelists, django_assert_max_num_queries, django_assert_num_queries
    ):
        tagged(ActionFactory(), [6], "14030")
        # The zone and goal choices, the goal and the code checked, totals, count, page.
        with django_assert_max_num_queries(8) as few:
            assert client.get("/cooperation/actions/?odd=6&secteur=14030").status_code == 200
        for _ in range(25):
            tagged(ActionFactory(), [6, 4], "14030")
        with django_assert_num_queries(len(few)):
            assert client.get("/cooperation/actions/?odd=6&secteur=14030").status_code == 200


class TestSubsidyFilters:
    @pytest.fixture
    def decisions(self, codelists):
        water = tagged(SubsidyFactory(object="Forage"), [6], "14030")
        water.refresh_from_db()  # its granted amount, computed by the database
        tagged(SubsidyFactory(object="Cantine"), [2, 4], "11220")
        SubsidyFactory(object="Festival")
        return water

    def test_by_sdg_goal_and_purpose_with_the_totals_of_the_selection(self, client, decisions):
        response = client.get("/subventions/?odd=6")
        assert listed(response, ("Forage", "Cantine", "Festival")) == {"Forage"}
        assert response.context["totals"] == {"count": 1, "amount": decisions.granted_amount}
        response = client.get("/subventions/?secteur=11220")
        assert listed(response, ("Forage", "Cantine", "Festival")) == {"Cantine"}
        assert response.context["totals"]["count"] == 1

    def test_the_exports_keep_the_filters(self, client, decisions):
        export = client.get("/subventions/export.csv?odd=6")
        text = b"".join(export.streaming_content).decode()
        assert "Forage" in text and "Cantine" not in text

    @pytest.mark.parametrize("query", ["odd=0", "secteur=abcde"])
    def test_a_bad_value_is_a_form_error(self, client, decisions, query):
        response = client.get(f"/subventions/?{query}")
        assert response.status_code == 200
        assert 'class="field__error"' in response.text
        assert response.context["totals"]["count"] == 0


class TestTargets:
    def test_the_admin_refuses_a_target_outside_the_goals_chosen(
        self, client, staff_user_in, codelists
    ):
        client.force_login(staff_user_in(EDITORS))
        action = ActionFactory(title="Puits")
        form = {
            "title": "Puits",
            "slug": action.slug,
            "zone": action.zone_id,
            "domain": "environment",
            "status": "completed",
            "start_year": "2010",
            "end_year": "2012",
            "budget": "10000",
            "contribution": "4000",
            "summary": "Résumé",
            "sdg_goals": ["6"],
            "sdg_targets": ["6.1", "4.1"],
            "dac_purpose": "14030",
        }
        url = reverse("admin:cooperation_action_change", args=[action.pk])
        response = client.post(url, form)
        assert response.status_code == 200
        assert "Ces cibles ne relèvent d&#x27;aucun objectif choisi : 4.1" in response.text
        assert not action.sdg_goals.exists()
        form["sdg_targets"] = ["6.1"]
        assert client.post(url, form).status_code == 302
        action = Action.objects.get(pk=action.pk)
        assert list(action.sdg_targets.values_list("code", flat=True)) == ["6.1"]
        assert action.dac_purpose_id == "14030"

    def test_finance_tags_a_decision_and_finds_purposes_by_typing(
        self, client, staff_user_in, codelists
    ):
        client.force_login(staff_user_in(FINANCE))
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "term": "14030",
                "app_label": "subsidies",
                "model_name": "subsidy",
                "field_name": "dac_purpose",
            },
        )
        assert response.status_code == 200
        assert [row["id"] for row in response.json()["results"]] == ["14030"]

    def test_the_code_lists_cannot_be_edited_in_the_admin(self, admin_client, codelists):
        goal = reverse("admin:cooperation_sdggoal_change", args=[6])
        assert admin_client.get(goal).status_code == 200
        admin_client.post(goal, {"name": "Modifié"})
        assert SdgGoal.objects.get(number=6).name.startswith("Objectif 6.")
        assert admin_client.get(reverse("admin:cooperation_dacpurpose_add")).status_code == 403


def test_the_action_page_names_its_goals_targets_and_purpose_with_links(client, codelists):
    action = tagged(
        ActionFactory(slug="puits"), [6], "14030", targets=[SdgTarget.objects.get(code="6.1")]
    )
    page = client.get(action.get_absolute_url()).text
    assert re.search(r'href="/cooperation/actions/\?odd=6">Objectif 6\.', page)
    assert '<abbr title="6.1 ' in page
    assert 'href="/cooperation/actions/?secteur=14030">14030 Approvisionnement' in page
    english = client.get("/en" + action.get_absolute_url()).text
    assert "Goal 6. Ensure availability" in english
    assert "14030 Basic drinking water supply and basic sanitation" in english


class TestDevelopmentAid:
    def test_emergency_aid_counts_by_its_zone_or_by_itself_without_one(self):
        mali = ZoneFactory(is_oda_eligible=True)
        guyane = ZoneFactory(is_oda_eligible=False)
        counted = {
            EmergencyAidFactory(zone=mali, is_oda_eligible=False).pk,  # the zone decides
            EmergencyAidFactory(zone=None, is_oda_eligible=True).pk,
        }
        EmergencyAidFactory(zone=guyane, is_oda_eligible=True)  # the zone decides
        EmergencyAidFactory(zone=None, is_oda_eligible=False)
        assert set(EmergencyAid.objects.oda_eligible().values_list("pk", flat=True)) == counted
        assert {aid.pk for aid in EmergencyAid.objects.all() if aid.counts_as_oda} == counted

    def test_the_demo_zones_say_it(self, demo):
        from cooperation.models import Zone

        assert dict(Zone.objects.values_list("slug", "is_oda_eligible")) == {
            "mali": True,
            "haiti": True,
            "wuhan-hubei": True,
            "guyane": False,
            "europe": False,
        }


def test_the_zone_page_says_whether_its_spending_is_development_aid(client):
    ZoneFactory(slug="mali", is_oda_eligible=True)
    ZoneFactory(slug="guyane", is_oda_eligible=False)
    mali = client.get("/cooperation/mali/").text
    assert "dans cette zone comptent comme aide publique au développement (APD)." in mali
    guyane = client.get("/cooperation/guyane/").text
    assert "dans cette zone ne comptent pas comme aide publique au développement" in guyane
    english = client.get("/en/cooperation/mali/").text
    assert "counts as official development assistance (ODA)" in english
