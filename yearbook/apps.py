from django.apps import AppConfig


class YearbookConfig(AppConfig):
    name = "yearbook"
    verbose_name = "年鉴"

    def ready(self):
        from django.db.backends.signals import connection_created

        from yearbook.pagecache import install_watch

        connection_created.connect(install_watch, dispatch_uid="yearbook.pagecache.install_watch")
        connection_created.connect(register_sqlite_functions, dispatch_uid="yearbook.register_sqlite_functions")


def register_sqlite_functions(sender, connection, **kwargs):
    """yearbook_grams(a, b) for the triggers of SQLite's search index (migration 0006)."""
    if connection.vendor == "sqlite":
        from yearbook.grams import text_grams

        connection.connection.create_function("yearbook_grams", 2, text_grams, deterministic=True)
