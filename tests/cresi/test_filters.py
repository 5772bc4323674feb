import pytest

from cresi.filters import CatalogueRecordFilter, ResourceFilter, TrainingSessionFilter
from cresi.models import CatalogueRecord, Resource, TrainingSession

from .factories import (
    CatalogueRecordFactory,
    ResourceFactory,
    ThemeFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = [
    "y" * 201,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "%",
    "é" * 50,
]


def filtered(filterset_class, queryset, data):
    filterset = filterset_class(data, queryset=queryset)
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


class TestResourceFilter:
    def test_type(self):
        guide = ResourceFactory(resource_type="guide")
        ResourceFactory(resource_type="fiche")
        assert filtered(ResourceFilter, Resource.objects.all(), {"type": "guide"}) == [guide]

    def test_theme_by_slug(self):
        water = ThemeFactory(slug="eau")
        in_theme = ResourceFactory(themes=[water, ThemeFactory()])
        ResourceFactory(themes=[ThemeFactory()])
        assert filtered(ResourceFilter, Resource.objects.all(), {"theme": "eau"}) == [in_theme]

    def test_q(self):
        match = ResourceFactory(title="Évaluer son projet")
        ResourceFactory(title="Autre")
        assert filtered(ResourceFilter, Resource.objects.all(), {"q": " evaluer "}) == [match]
        assert len(filtered(ResourceFilter, Resource.objects.all(), {"q": "   "})) == 2

    @pytest.mark.parametrize(
        "data", [{"type": "zzz"}, {"theme": "inconnu"}, {"q": "y" * 201}, {"type": "guide'"}]
    )
    def test_bad_values_are_form_errors(self, data):
        filterset = ResourceFilter(data, queryset=Resource.objects.all())
        assert not filterset.is_valid()

    @pytest.mark.parametrize("value", HOSTILE)
    def test_hostile_values_never_500_and_are_escaped(self, client, value):
        ResourceFactory()
        for parameter in ["type", "theme", "q"]:
            response = client.get("/cresi/ressources/", {parameter: value})
            assert response.status_code == 200
            assert "<script>alert" not in response.text

    def test_bad_value_shows_the_field_error(self, client):
        response = client.get("/cresi/ressources/?type=zzz&theme=nope")
        assert response.status_code == 200
        assert response.text.count('class="field__error"') == 2
        assert 'aria-invalid="true"' in response.text


class TestCatalogueRecordFilter:
    def test_type_theme_year_and_q(self):
        water = ThemeFactory(slug="eau")
        book = CatalogueRecordFactory(kind="livre", year=2008, themes=[water], authors="Traoré")
        video = CatalogueRecordFactory(kind="video", year=2010)
        queryset = CatalogueRecord.objects.all()
        assert filtered(CatalogueRecordFilter, queryset, {"type": "video"}) == [video]
        assert filtered(CatalogueRecordFilter, queryset, {"theme": "eau"}) == [book]
        assert filtered(CatalogueRecordFilter, queryset, {"annee": "2008"}) == [book]
        assert filtered(CatalogueRecordFilter, queryset, {"q": "traore"}) == [book]

    @pytest.mark.parametrize(
        "data",
        [
            {"type": "livres"},
            {"theme": "x"},
            {"annee": "abc"},
            {"annee": "1e309"},
            {"annee": "-1"},
            {"annee": "99999999999999999999"},
            {"q": "y" * 201},
        ],
    )
    def test_bad_values(self, client, data):
        assert not CatalogueRecordFilter(data, queryset=CatalogueRecord.objects.all()).is_valid()
        response = client.get("/cresi/documentation/", data)
        assert response.status_code == 200
        assert 'class="field__error"' in response.text


class TestTrainingSessionFilter:
    def test_year(self):
        from datetime import date

        old = TrainingSessionFactory(
            start_date=date(2010, 3, 1), registration_deadline=date(2010, 2, 1)
        )
        TrainingSessionFactory()
        assert filtered(TrainingSessionFilter, TrainingSession.objects.all(), {"annee": 2010}) == [
            old
        ]

    def test_q(self):
        wanted = TrainingSessionFactory(title="Monter un projet de solidarité")
        TrainingSessionFactory(title="Rechercher des financements")
        sessions = TrainingSession.objects.all()
        assert filtered(TrainingSessionFilter, sessions, {"q": "projet"}) == [wanted]
        assert filtered(TrainingSessionFilter, sessions, {"q": "SOLIDARITE"}) == [wanted]

    def test_the_site_search_link_lands_on_the_matching_sessions(self, client):
        wanted = TrainingSessionFactory(title="Monter un projet de solidarité")
        TrainingSessionFactory(title="Rechercher des financements")
        response = client.get("/cresi/formations/", {"q": "projet"})
        assert response.context["upcoming_sessions"] == [wanted]
        assert "Rechercher des financements" not in response.text
        assert 'name="q" value="projet"' in response.text

    @pytest.mark.parametrize("value", ["abc", "1e309", "0", "3000", "2010.5", "\x00"])
    def test_bad_year(self, client, value):
        TrainingSessionFactory()
        response = client.get("/cresi/formations/", {"annee": value})
        assert response.status_code == 200
        assert 'class="field__error"' in response.text


@pytest.mark.parametrize(
    "url", ["/cresi/ressources/", "/cresi/documentation/", "/cresi/formations/"]
)
@pytest.mark.parametrize("page", ["999999", "abc", "-1", "0"])
def test_page_out_of_range_shows_a_page_and_says_so(client, url, page):
    response = client.get(url, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert f"La page «\xa0{page}\xa0» n’existe pas" in response.text
