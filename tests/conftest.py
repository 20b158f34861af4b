import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(request):
    """Tests render templates without running collectstatic first.

    Skipped when pytest runs without its Django plugin (the parser tests need no Django).
    """
    if not request.config.pluginmanager.hasplugin("django"):
        return
    from django.core.cache import cache

    cache.clear()  # each test's database starts from the same content version: no page may leak across
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
