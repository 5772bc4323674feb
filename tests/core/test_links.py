import pytest

from core.links import absolute_url


@pytest.mark.parametrize("site_url", ["https://international.essonne.fr", "https://x.fr/"])
def test_absolute_url_starts_with_site_url(settings, site_url):
    settings.SITE_URL = site_url
    assert absolute_url("/cresi/") == f"{site_url.rstrip('/')}/cresi/"
