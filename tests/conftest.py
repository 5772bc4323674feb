import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Fast hashing, a private cache and media folder for every test (mail goes to locmem)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Local-memory caches outlive a test's database: start each test with an empty one.
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_user_in(django_user_model):
    """Makes a staff user belonging to the named group (created by the data migrations)."""

    def make(group_name, username=None):
        user = django_user_model.objects.create_user(
            username=username or f"staff-{group_name}", password="x", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make
