"""The portal's settings, plus an app that exists only in the tests (``tests/example_app``):
it proves that an app registers itself without a line in the kernel."""

from essonne_intl.settings import *  # noqa: F403
from essonne_intl.settings import INSTALLED_APPS

# Before the site, as every domain app.
INSTALLED_APPS = [*INSTALLED_APPS[:-1], "tests.example_app", INSTALLED_APPS[-1]]

# Tasks run at once, after the commit, in the test's own process: the e-mail tests read
# mail.outbox. The tests of the queue itself (tests/core/test_mail.py, the delivery tests) switch
# to the database queue and run its worker (fixtures in tests/conftest.py).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
