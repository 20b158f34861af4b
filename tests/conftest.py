import pytest


@pytest.fixture(autouse=True)
def _plain_static_storage(request):
    """Tests render templates without running collectstatic first.

    Skipped when pytest runs without its Django plugin (the parser tests need no Django).
    """
    if not request.config.pluginmanager.hasplugin("django"):
        return
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
