import pytest

pytestmark = pytest.mark.browser

ADMIN_PAGES = [
    "/admin/",
    "/admin/cooperation/zone/",
    "/admin/cooperation/zone/{zone}/change/",
    "/admin/cooperation/action/add/",
    "/admin/subsidies/subsidy/",
    "/admin/subsidies/subsidy/{subsidy}/change/",
    "/admin/subsidies/subsidy/{subsidy}/history/",
    "/admin/cresi/resource/add/",
    "/admin/cresi/registration/",
    "/admin/europe/euproject/{project}/change/",
    "/admin/europe/supportrequest/",
    "/admin/portal/legalpage/",
    "/admin/actors/actor/",
    "/admin/actors/actor/add/",
]


def test_staff_pages_run_under_the_content_security_policy(page, fresh_demo_site, admin_user):
    from cooperation.models import Zone
    from europe.models import EUProject
    from subsidies.models import Subsidy

    ids = {
        "zone": Zone.objects.first().pk,
        "subsidy": Subsidy.objects.first().pk,
        "project": EUProject.objects.first().pk,
    }
    problems = []
    page.on(
        "console",
        lambda message: (
            message.type in ("error", "warning") and problems.append((page.url, message.text))
        ),
    )
    page.goto(fresh_demo_site.url + "/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("admin")
    page.get_by_label("Mot de passe").fill("password")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")
    for path in ADMIN_PAGES:
        response = page.goto(fresh_demo_site.url + path.format(**ids))
        assert response.status == 200, path
    assert problems == []
