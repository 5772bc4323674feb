import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from core.staff_groups import EDITORS, EUROPE
from europe.admin import TransitionValidator, mark_closed
from europe.choices import RequestStatus
from europe.models import EUProject, SupportRequest
from europe.services import support_request_change_status

from .factories import EUProjectFactory, ProjectPartnerFactory, SupportRequestFactory, ThemeFactory

pytestmark = pytest.mark.django_db

PROJECT_MODELS = ["euproject", "theme"]


@pytest.fixture
def records():
    project = EUProjectFactory(name="Climate", themes=[ThemeFactory()])
    ProjectPartnerFactory(project=project)
    return {
        "euproject": project,
        "theme": project.themes.get(),
        "supportrequest": SupportRequestFactory(structure_name="Les Amis de Kita"),
    }


def url(model, view, obj=None):
    args = [obj.pk] if obj is not None else []
    return reverse(f"admin:europe_{model}_{view}", args=args)


SUPPORT_REQUEST_FIELDS = [
    "structure_name",
    "structure_kind",
    "contact_name",
    "email",
    "project_idea",
    "progress",
]


def change_form_data(request, **changes):
    """What the support request's change form posts: its fields as they are, with ``changes``."""
    return {**{name: getattr(request, name) for name in SUPPORT_REQUEST_FIELDS}, **changes}


@pytest.fixture
def no_group_staff(django_user_model):
    return django_user_model.objects.create_user(username="staff", password="x", is_staff=True)


class TestPermissionsPerGroup:
    @pytest.mark.parametrize("model", PROJECT_MODELS)
    def test_superuser_sees_everything(self, admin_client, records, model):
        assert admin_client.get(url(model, "changelist")).status_code == 200
        assert admin_client.get(url(model, "add")).status_code == 200
        assert admin_client.get(url(model, "change", records[model])).status_code == 200

    @pytest.mark.parametrize("group", [EDITORS, EUROPE])
    @pytest.mark.parametrize("model", PROJECT_MODELS)
    def test_editors_and_europe_edit_projects(self, client, staff_user_in, records, group, model):
        client.force_login(staff_user_in(group))
        assert client.get(url(model, "changelist")).status_code == 200
        assert client.get(url(model, "add")).status_code == 200
        assert client.get(url(model, "change", records[model])).status_code == 200

    def test_europe_group_handles_requests(self, client, staff_user_in, records):
        client.force_login(staff_user_in(EUROPE))
        changelist = client.get(url("supportrequest", "changelist"))
        assert changelist.status_code == 200
        assert "Les Amis de Kita" in changelist.text
        change = client.get(url("supportrequest", "change", records["supportrequest"]))
        assert change.status_code == 200

    def test_editors_never_see_requests(self, client, staff_user_in, records):
        client.force_login(staff_user_in(EDITORS))
        assert client.get(url("supportrequest", "changelist")).status_code == 403
        change = url("supportrequest", "change", records["supportrequest"])
        assert client.get(change).status_code == 403
        assert client.post(change, {"status": "closed"}).status_code == 403
        assert "Demandes d" not in client.get(reverse("admin:index")).text

    @pytest.mark.parametrize("model", [*PROJECT_MODELS, "supportrequest"])
    def test_staff_without_group_sees_nothing(self, client, no_group_staff, records, model):
        client.force_login(no_group_staff)
        assert client.get(url(model, "changelist")).status_code == 403
        assert client.get(url(model, "change", records[model])).status_code == 403

    def test_nobody_adds_a_request_in_the_admin(self, admin_client):
        assert admin_client.get(url("supportrequest", "add")).status_code == 403


class TestProjectAdmin:
    def test_changelist_shows_the_derived_rate(self, admin_client):
        EUProjectFactory(total_budget=1000, eu_contribution=750, department_share=0)
        assert "75\xa0%" in admin_client.get(url("euproject", "changelist")).text

    def test_rules_are_checked_in_the_form(self, admin_client):
        response = admin_client.post(
            url("euproject", "add"),
            {
                "name": "Trop financé",
                "slug": "trop-finance",
                "status": "running",
                "programme": "life",
                "fund": "direct",
                "total_budget": "100",
                "eu_contribution": "150",
                "department_share": "0",
                "summary": "Résumé",
                "partners-TOTAL_FORMS": "0",
                "partners-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 200
        assert "dépasse le budget total" in response.text
        assert not EUProject.objects.exists()

    def test_europe_staff_create_a_project_with_partners(self, client, staff_user_in):
        client.force_login(staff_user_in(EUROPE))
        response = client.post(
            url("euproject", "add"),
            {
                "name": "Rivières vivantes",
                "slug": "rivieres-vivantes",
                "status": "preparation",
                "programme": "life",
                "fund": "direct",
                "total_budget": "2000000",
                "eu_contribution": "1200000",
                "department_share": "300000",
                "summary": "Restaurer les rivières.",
                "partners-TOTAL_FORMS": "2",
                "partners-INITIAL_FORMS": "0",
                "partners-0-name": "Département de l'Essonne",
                "partners-0-country": "FR",
                "partners-0-role": "lead",
                "partners-1-name": "Agence de l'eau partenaire",
                "partners-1-country": "BE",
                "partners-1-role": "partner",
            },
        )
        assert response.status_code == 302, response.text
        project = EUProject.objects.get()
        assert project.co_financing_rate == 60
        assert project.lead_partner.name == "Département de l'Essonne"

    def test_two_lead_partners_are_refused(self, admin_client):
        data = {
            "name": "Deux chefs",
            "slug": "deux-chefs",
            "status": "preparation",
            "programme": "life",
            "fund": "direct",
            "total_budget": "100",
            "eu_contribution": "0",
            "department_share": "0",
            "summary": "Résumé",
            "partners-TOTAL_FORMS": "2",
            "partners-INITIAL_FORMS": "0",
        }
        for index, name in enumerate(["Premier", "Second"]):
            data |= {
                f"partners-{index}-name": name,
                f"partners-{index}-country": "FR",
                f"partners-{index}-role": "lead",
            }
        response = admin_client.post(url("euproject", "add"), data)
        assert response.status_code == 200
        assert (
            "qu\u2019un chef de file" in response.text or "qu&#x27;un chef de file" in response.text
        )
        assert not EUProject.objects.exists()


class TestSupportRequestAdmin:
    def test_staff_see_a_request_once_its_address_is_confirmed(self, client, staff_user_in):
        confirmed = SupportRequestFactory(structure_name="Les Amis de Kita")
        pending = SupportRequestFactory(structure_name="Inconnue", pending=True)
        client.force_login(staff_user_in(EUROPE))
        response = client.get(url("supportrequest", "changelist"))
        assert list(response.context["cl"].queryset) == [confirmed]
        assert "Inconnue" not in response.text
        assert client.get(url("supportrequest", "change", pending)).status_code == 302

    def test_change_form_moves_the_status_and_records_the_closing(self, client, staff_user_in):
        user = staff_user_in(EUROPE)
        client.force_login(user)
        request = SupportRequestFactory(status=RequestStatus.SUPPORTED)
        data = change_form_data(
            request,
            status="closed",
            assigned_to=user.pk,
            internal_notes="Dossier déposé, accompagnement terminé.",
        )
        response = client.post(url("supportrequest", "change", request), data)
        assert response.status_code == 302
        request.refresh_from_db()
        assert request.status == "closed" and request.closed_at is not None
        assert request.assigned_to == user
        assert request.internal_notes.startswith("Dossier déposé")

    def test_change_form_refuses_a_move_out_of_order(self, admin_client):
        request = SupportRequestFactory(status=RequestStatus.NEW)
        data = change_form_data(request, status="supported")
        response = admin_client.post(url("supportrequest", "change", request), data)
        assert response.status_code == 200
        assert "ne peut pas passer" in response.text
        request.refresh_from_db()
        assert request.status == "new"

    def test_assignee_is_chosen_among_those_who_see_requests(
        self, admin_client, django_user_model, staff_user_in
    ):
        europe_member = staff_user_in(EUROPE, username="charge-europe")
        staff_user_in(EDITORS, username="editeur")
        django_user_model.objects.create_user(username="staff-sans-groupe", is_staff=True)
        django_user_model.objects.create_user(username="visiteur", password="x")
        former = staff_user_in(EUROPE, username="ancien")
        former.is_active = False
        former.save()
        not_staff = django_user_model.objects.create_user(username="europe-non-staff")
        not_staff.groups.add(europe_member.groups.get())
        superuser_in_europe = django_user_model.objects.create_superuser(
            username="super-europe", password="x"
        )
        superuser_in_europe.groups.add(europe_member.groups.get())
        request = SupportRequestFactory()
        form = admin_client.get(url("supportrequest", "change", request)).context["adminform"].form
        names = [user.username for user in form.fields["assigned_to"].queryset]
        assert sorted(names) == ["admin", "charge-europe", "super-europe"]

    def test_change_form_refuses_an_assignee_who_cannot_see_requests(self, client, staff_user_in):
        client.force_login(staff_user_in(EUROPE))
        editor = staff_user_in(EDITORS)
        request = SupportRequestFactory()
        data = change_form_data(request, status="new", assigned_to=editor.pk)
        response = client.post(url("supportrequest", "change", request), data)
        assert response.status_code == 200
        assert "assigned_to" in response.context["adminform"].form.errors
        request.refresh_from_db()
        assert request.assigned_to is None

    def test_assign_to_me_is_refused_to_who_cannot_see_requests(self, client, django_user_model):
        # Permissions given one by one, outside the « Europe » group.
        user = django_user_model.objects.create_user(username="stagiaire", is_staff=True)
        user.user_permissions.add(
            *Permission.objects.filter(
                codename__in=["view_supportrequest", "change_supportrequest"]
            )
        )
        client.force_login(user)
        request = SupportRequestFactory()
        response = client.post(
            url("supportrequest", "changelist"),
            {"action": "assign_to_me", "_selected_action": [request.pk]},
            follow=True,
        )
        assert "ne peut être suivie que par un membre actif du groupe" in response.text
        request.refresh_from_db()
        assert request.assigned_to is None

    def test_changelist_filters_by_who_follows_requests(self, admin_client, staff_user_in):
        follower = staff_user_in(EUROPE, username="charge-europe")
        staff_user_in(EUROPE, username="collegue")
        SupportRequestFactory(assigned_to=follower)
        page = admin_client.get(url("supportrequest", "changelist")).text
        assert f"?assigned_to__id__exact={follower.pk}" in page
        assert "collegue" not in page

    def test_actions_move_requests_and_report_refusals(self, admin_client):
        new = SupportRequestFactory(status=RequestStatus.NEW)
        closed = SupportRequestFactory(status=RequestStatus.CLOSED, closed_at=timezone.now())
        response = admin_client.post(
            url("supportrequest", "changelist"),
            {"action": "mark_in_progress", "_selected_action": [new.pk, closed.pk]},
            follow=True,
        )
        new.refresh_from_db()
        closed.refresh_from_db()
        assert new.status == "in_progress"
        assert closed.status == "in_progress" and closed.closed_at is None
        response = admin_client.post(
            url("supportrequest", "changelist"),
            {"action": "mark_supported", "_selected_action": [new.pk]},
            follow=True,
        )
        new.refresh_from_db()
        assert new.status == "supported"
        response = admin_client.post(
            url("supportrequest", "changelist"),
            {"action": "mark_closed", "_selected_action": [new.pk]},
            follow=True,
        )
        new.refresh_from_db()
        assert new.status == "closed" and new.closed_at is not None
        other = SupportRequestFactory(status=RequestStatus.NEW)
        response = admin_client.post(
            url("supportrequest", "changelist"),
            {"action": "mark_supported", "_selected_action": [other.pk]},
            follow=True,
        )
        other.refresh_from_db()
        assert other.status == "new"
        assert "ne peut pas passer" in response.text

    def test_assign_to_me(self, client, staff_user_in):
        user = staff_user_in(EUROPE)
        client.force_login(user)
        request = SupportRequestFactory()
        client.post(
            url("supportrequest", "changelist"),
            {"action": "assign_to_me", "_selected_action": [request.pk]},
        )
        request.refresh_from_db()
        assert request.assigned_to == user

    def test_changelist_filters_by_status(self, admin_client):
        SupportRequestFactory(structure_name="Nouvelle asso", status=RequestStatus.NEW)
        SupportRequestFactory(structure_name="Asso suivie", status=RequestStatus.IN_PROGRESS)
        page = admin_client.get(url("supportrequest", "changelist") + "?status__exact=new").text
        assert "Nouvelle asso" in page and "Asso suivie" not in page


def closed_request():
    return SupportRequestFactory(
        structure_name="Asso close", status=RequestStatus.CLOSED, closed_at=timezone.now()
    )


FRENCH_LABELS = {
    "new": "Nouvelle",
    "in_progress": "En cours d'examen",
    "supported": "Accompagnée",
    "closed": "Clôturée",
}
ENGLISH_LABELS = {
    "new": "New",
    "in_progress": "Under review",
    "supported": "Supported",
    "closed": "Closed",
}


class TestStatusWording:
    """Status labels read right in French (not Django's « Fermer » for "Close") and English.

    The admin has no language prefix, so it is French (``prefix_default_language=False``); the
    English wording is checked on the same labels and messages with English active.
    """

    def test_french_changelist_filter_column_and_actions(self, admin_client):
        closed_request()
        page = admin_client.get(url("supportrequest", "changelist")).text
        for value, label in FRENCH_LABELS.items():
            assert f'<a href="?status__exact={value}">{escape(label)}</a>' in page
        assert '<td class="field-status">Clôturée</td>' in page
        assert "Passer à «\xa0clôturée\xa0»" in page
        assert "Fermer" not in page

    def test_french_change_form(self, admin_client):
        page = admin_client.get(url("supportrequest", "change", closed_request())).text
        assert "Clôturée le" in page
        assert '<option value="closed" selected>Clôturée</option>' in page

    def test_french_refused_move_names_both_statuses(self, admin_client):
        request = closed_request()
        data = change_form_data(request, status="new")
        response = admin_client.post(url("supportrequest", "change", request), data)
        assert response.status_code == 200
        assert "Une demande «\xa0Clôturée\xa0» ne peut pas passer à «\xa0Nouvelle\xa0»." in (
            response.text
        )

    def test_french_action_message(self, admin_client):
        request = SupportRequestFactory(status=RequestStatus.SUPPORTED)
        response = admin_client.post(
            url("supportrequest", "changelist"),
            {"action": "mark_closed", "_selected_action": [request.pk]},
            follow=True,
        )
        assert "1 demande passée à «\xa0Clôturée\xa0»." in response.text

    @pytest.mark.parametrize("language", ["fr", "en"])
    def test_labels(self, language):
        labels = FRENCH_LABELS if language == "fr" else ENGLISH_LABELS
        with translation.override(language):
            assert {status.value: str(status.label) for status in RequestStatus} == labels
            closed_at = SupportRequest._meta.get_field("closed_at").verbose_name
            assert str(closed_at) == {"fr": "clôturée le", "en": "closed on"}[language]
            assert (
                str(mark_closed.short_description)
                == {
                    "fr": "Passer à «\xa0clôturée\xa0»",
                    "en": "Move to “closed”",
                }[language]
            )

    @pytest.mark.parametrize(
        ("language", "message"),
        [
            ("fr", "Une demande «\xa0Clôturée\xa0» ne peut pas passer à «\xa0Nouvelle\xa0»."),
            ("en", "A request that is “Closed” cannot move to “New”."),
        ],
    )
    def test_refused_move_message(self, language, message):
        request = closed_request()
        with translation.override(language):
            with pytest.raises(ValidationError) as error:
                support_request_change_status(support_request=request, status="new")
            assert error.value.messages == [message]
            with pytest.raises(ValidationError) as error:
                TransitionValidator(request)("new")
            assert error.value.messages == [message]
