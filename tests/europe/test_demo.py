from io import StringIO

import pytest
from django.core.management import call_command

from europe.models import EUProject, ProjectPartner, Theme

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (EUProject, ProjectPartner, Theme)
    }


def test_demo_holds_the_projects_the_seed_names(demo):
    assert "europe:" in demo.output
    published = EUProject.objects.published()
    assert {"Climate", "Cinessonne"} <= set(published.values_list("name", flat=True))
    assert published.count() >= 4
    assert published.filter(zone__slug="europe").exists()
    assert (
        published.obtained().exists()
        and published.exclude(status__in=["running", "closed"]).exists()
    )
    for project in published:
        project.full_clean()


def test_demo_pages_answer(client, demo):
    assert client.get("/europe/").status_code == 200
    projects = list(EUProject.objects.published())
    assert projects
    for project in projects:
        assert client.get(project.get_absolute_url()).status_code == 200


def test_loading_twice_changes_nothing(demo):
    first = snapshot()
    projects = list(EUProject.objects.values())
    call_command("load_demo", stdout=StringIO())
    assert snapshot() == first
    assert [
        {k: v for k, v in p.items() if k != "updated_at"} for p in EUProject.objects.values()
    ] == [{k: v for k, v in p.items() if k != "updated_at"} for p in projects]
