"""The portal's settings, plus an app that exists only in the tests (``tests/example_app``):
it proves that an app registers itself without a line in the kernel."""

from essonne_intl.settings import *  # noqa: F403
from essonne_intl.settings import INSTALLED_APPS

# Before the site, as every domain app.
INSTALLED_APPS = [*INSTALLED_APPS[:-1], "tests.example_app", INSTALLED_APPS[-1]]
