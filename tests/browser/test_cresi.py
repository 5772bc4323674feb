import re

import pytest
from django.core import mail

from cresi.models import CatalogueRecord, Registration, Resource, TrainingSession

pytestmark = pytest.mark.browser

UPCOMING = "monter-un-projet-prochaine-session"


@pytest.mark.parametrize(
    "path",
    [
        "/cresi/",
        "/cresi/ressources/",
        "/cresi/ressources/?type=zzz&theme=nope",
        "/cresi/ressources/?type=guide&q=projet",
        "/cresi/ressources/guide-monter-un-projet-de-solidarite-internationale/",
        "/cresi/ressources/portail-de-l-action-exterieure-des-collectivites/",
        "/cresi/documentation/",
        "/cresi/documentation/?annee=abc",
        "/cresi/documentation/guide-de-la-cooperation-decentralisee/",
        "/cresi/formations/",
        "/cresi/formations/?annee=2010",
        f"/cresi/formations/{UPCOMING}/",
        f"/cresi/formations/{UPCOMING}/inscription/",
        "/cresi/formations/monter-un-projet-2010/inscription/",
        "/en/cresi/",
    ],
)
def test_cresi_page_loads_without_console_error_or_axe_violation(
    page, demo_site, assert_accessible, path
):
    response = page.goto(demo_site.url + path)
    assert response.status in {200, 404}
    assert page.console_errors == []
    assert_accessible(page)


def test_dead_cancellation_link_page_is_accessible(page, demo_site, assert_accessible):
    response = page.goto(demo_site.url + "/cresi/formations/annulation/lien-inconnu/")
    assert response.status == 404
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Ce lien d'annulation n'est plus valable"
    # The only console message is the browser noting the page's own 404 status.
    assert all("404" in message for message in page.console_errors)
    assert_accessible(page)


def test_full_session_page_is_accessible(page, fresh_demo_site, assert_accessible):
    session = TrainingSession.objects.get(slug=UPCOMING)
    TrainingSession.objects.filter(pk=session.pk).update(capacity=1)
    Registration.objects.create(
        session=session,
        name="Personne",
        email="p@example.org",
        organisation="Association",
        consent_at=session.created_at,
        confirm_before=session.created_at,
        confirmed_at=session.created_at,
        confirm_token_hash="1" * 64,
        cancel_token_hash="0" * 64,
    )
    page.goto(fresh_demo_site.url + f"/cresi/formations/{UPCOMING}/inscription/")
    assert page.get_by_role("heading", level=1).inner_text() == "Cette session est complète"
    assert_accessible(page)


def test_every_resource_and_record_is_reachable_from_its_list(page, demo_site):
    resources = list(Resource.objects.published())
    assert resources
    for resource in resources:
        word = max(resource.slug.split("-"), key=len)  # not a stop word such as « de »
        page.goto(demo_site.url + "/cresi/ressources/?q=" + word)
        page.get_by_role("link", name=resource.title, exact=True).click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == resource.title
    record = CatalogueRecord.objects.published().first()
    page.goto(demo_site.url + "/cresi/documentation/")
    page.get_by_role("link", name=record.title, exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == record.title
    assert page.console_errors == []


def test_download_from_the_resource_page(page, fresh_demo_site):
    slug = "guide-monter-un-projet-de-solidarite-internationale"
    page.goto(fresh_demo_site.url + f"/cresi/ressources/{slug}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Télécharger")).click()
    download = download_info.value
    assert download.suggested_filename == f"{slug}.pdf"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"
    assert Resource.objects.get(slug=slug).download_count == 1


def test_register_confirm_then_cancel_in_the_browser(page, fresh_demo_site, assert_accessible):
    page.goto(fresh_demo_site.url + "/cresi/")
    page.get_by_role("link", name="Le calendrier des formations").click()
    page.wait_for_load_state()
    page.locator(f'a[href="/cresi/formations/{UPCOMING}/inscription/"]').click()
    page.wait_for_load_state()

    page.get_by_label("Nom et prénom").fill("Awa Diallo")
    page.get_by_label("Adresse électronique").fill("pas-une-adresse")
    page.get_by_label("Association ou collectivité").fill("Essonne-Sahel")
    page.get_by_label("J'accepte que le CRESI").check()
    page.get_by_role("button", name="M'inscrire").click()
    page.wait_for_load_state()
    email = page.get_by_label("Adresse électronique")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Nom et prénom").input_value() == "Awa Diallo"
    assert not Registration.objects.exists()
    assert_accessible(page)

    email.fill("awa.diallo@example.org")
    page.get_by_label("J'accepte que le CRESI").check()
    page.get_by_role("button", name="M'inscrire").click()
    page.wait_for_load_state()
    heading = "Plus qu'une étape\xa0: confirmez votre inscription"
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert "Awa" not in page.content()
    assert Registration.objects.get().email == "awa.diallo@example.org"
    assert_accessible(page)

    confirm_path = re.search(
        r"https?://[^/\s]+(/cresi/formations/confirmation/\S+)", mail.outbox[-1].body
    )[1]
    page.goto(fresh_demo_site.url + confirm_path)
    assert "Awa Diallo" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer mon inscription").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Votre inscription est confirmée"
    assert Registration.objects.get().confirmed_at is not None
    assert_accessible(page)

    cancel_path = re.search(
        r"https?://[^/\s]+(/cresi/formations/annulation/\S+)", mail.outbox[-1].body
    )[1]
    page.goto(fresh_demo_site.url + cancel_path)
    assert_accessible(page)
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Votre inscription est annulée"
    assert not Registration.objects.exists()
    assert page.console_errors == []


def test_keyboard_reaches_the_registration_button(page, demo_site):
    page.goto(demo_site.url + f"/cresi/formations/{UPCOMING}/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "S'inscrire":
            break
    else:
        pytest.fail("the registration link is not reachable with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cresi/formations/{UPCOMING}/inscription/")
    assert page.get_by_label("Nom et prénom").is_visible()
