import re

import pytest
from django.core import mail

from europe.models import EUProject, SupportRequest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/europe/",
        "/europe/?programme=astrologie",
        "/europe/projets/climate/",
        "/europe/accompagnement/",
        "/en/europe/",
    ],
)
def test_europe_page_loads_without_console_error_or_axe_violation(
    page, demo_site, assert_accessible, path
):
    assert page.goto(demo_site.url + path).status == 200
    assert page.console_errors == []
    assert_accessible(page)


def test_from_the_list_to_every_project(page, demo_site):
    projects = list(EUProject.objects.published())
    assert projects
    for project in projects:
        page.goto(demo_site.url + "/europe/")
        page.get_by_role("link", name=project.name, exact=True).click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text().startswith(project.name)
        assert page.get_by_role("img", name="Répartition du budget total").count() == 1
    assert page.console_errors == []


def test_support_request_is_sent_from_the_browser(page, fresh_demo_site, assert_accessible):
    page.goto(fresh_demo_site.url + "/europe/accompagnement/")
    page.get_by_label("Nom de la structure").fill("Les Amis de Kita")
    page.get_by_label("Type de structure").select_option("association")
    page.get_by_label("Numéro RNA").fill("W912001234")
    page.get_by_label("Nom et prénom du contact").fill("Camille Martin")
    page.get_by_label("Adresse électronique").fill("pas-une-adresse")
    page.get_by_label("Votre idée de projet").fill(
        "Un échange de jeunes avec une ville européenne."
    )
    page.get_by_label("Où en est le projet").select_option("idea")
    page.get_by_label("J'accepte que la mission Europe").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_load_state()

    # The error is shown next to the field, with what was typed kept, and nothing stored.
    email = page.get_by_label("Adresse électronique")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Nom de la structure").input_value() == "Les Amis de Kita"
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert not SupportRequest.objects.exists()
    assert_accessible(page)

    email.fill("camille@example.org")
    page.get_by_label("J'accepte que la mission Europe").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_url("**/europe/accompagnement/merci/")
    heading = "Plus qu'une étape\xa0: confirmez votre demande"
    assert page.get_by_role("heading", level=1).inner_text() == heading
    stored = SupportRequest.objects.get()
    assert (stored.structure_name, stored.rna) == ("Les Amis de Kita", "W912001234")
    assert stored.confirmed_at is None
    assert page.console_errors == []
    assert_accessible(page)

    confirm_path = re.search(
        r"https?://[^/\s]+(/europe/accompagnement/confirmation/\S+)", mail.outbox[-1].body
    )[1]
    page.goto(fresh_demo_site.url + confirm_path)
    assert "Les Amis de Kita" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer et transmettre ma demande").click()
    page.wait_for_load_state()
    heading = "Votre demande est transmise à la mission Europe"
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert SupportRequest.objects.get().confirmed_at is not None
    assert page.console_errors == []
    assert_accessible(page)
