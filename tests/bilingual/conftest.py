"""The editor API tests' storyboard (a signed-in worker, the standard template)."""

from tests.web.test_editor_api import story  # noqa: F401 - a fixture, used by name
