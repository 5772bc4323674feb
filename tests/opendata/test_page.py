import html

import pytest

from core.humanize import file_size
from tests.actors.factories import ActorFactory
from tests.cresi.factories import TrainingSessionFactory
from tests.europe.factories import EUProjectFactory
from tests.factories import ActionFactory, EmergencyAidFactory, ZoneFactory
from tests.subsidies.factories import SubsidyFactory

pytestmark = pytest.mark.django_db

URL = "/donnees/"


def served_bytes(client, url):
    response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        return len(b"".join(response.streaming_content))
    return len(response.content)


@pytest.fixture
def records():
    SubsidyFactory.create_batch(3)
    SubsidyFactory(is_published=False)
    ActionFactory.create_batch(2, zone=ZoneFactory(is_oda_eligible=True))
    ActionFactory(is_published=False)
    ActionFactory(zone=ZoneFactory(is_oda_eligible=False))  # in the CSV, not in IATI
    EmergencyAidFactory()
    EUProjectFactory()
    TrainingSessionFactory.create_batch(2)
    ActorFactory.create_batch(2)
    ActorFactory(is_published=False)  # not listed before staff approve it


def test_lists_every_dataset_with_format_schema_licence_update_and_size(client, records):
    response = client.get(URL)
    assert response.status_code == 200
    datasets = {dataset.key: (dataset, facts) for dataset, facts in response.context["datasets"]}
    assert list(datasets) == [
        "subventions-csv",
        "subventions-json",
        "actions-csv",
        "projets-europeens-csv",
        "acteurs-csv",
        "formations-ics",
        "iati",
    ]
    page = html.unescape(response.text)
    for dataset, facts in datasets.values():
        assert str(dataset.title) in page and dataset.format in page
        assert f'href="{dataset.url}"' in page
        # The size is that of the file the link serves.
        assert facts["size"] == served_bytes(client, dataset.url)
        assert file_size(facts["size"]) in page
        assert facts["last_update"] is not None
    assert "SCDL" in page and "version 2.1.1" in page
    assert "IATI" in page and "version 2.03" in page
    assert page.count("Licence Ouverte 2.0") >= len(datasets)
    assert "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" in page
    counts = {key: facts["records"] for key, (_dataset, facts) in datasets.items()}
    assert counts == {
        "subventions-csv": 3,
        "subventions-json": 3,
        "actions-csv": 3,
        "projets-europeens-csv": 1,
        "acteurs-csv": 2,
        "formations-ics": 2,
        "iati": 3,  # two actions and one emergency aid
    }


def test_last_update_is_that_of_the_latest_published_record(client, records):
    latest = ActionFactory(title="La plus récente")
    ActionFactory(is_published=False)  # a draft changes nothing public
    datasets = {d.key: facts for d, facts in client.get(URL).context["datasets"]}
    assert datasets["actions-csv"]["last_update"] == latest.updated_at


def test_links_the_api_and_its_documentation(client):
    page = client.get(URL).text
    assert 'href="/api/docs/"' in page
    assert 'href="/api/"' in page


def test_is_cached_and_its_queries_do_not_grow_with_the_records(
    client, records, django_assert_max_num_queries, django_assert_num_queries
):
    with django_assert_max_num_queries(50) as few:
        assert client.get(URL).status_code == 200
    queries = len(few)
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200
    SubsidyFactory.create_batch(10)
    ActionFactory.create_batch(10)
    with django_assert_max_num_queries(queries):
        assert client.get(URL).status_code == 200


def test_in_english(client, records):
    response = client.get("/en" + URL)
    assert response.status_code == 200
    assert "<h1>Open data</h1>" in response.text
    assert "Licence Ouverte 2.0" in response.text
