from django.apps import AppConfig


class YearbookConfig(AppConfig):
    name = "yearbook"
    verbose_name = "年鉴"

    def ready(self):
        from django.db.backends.signals import connection_created

        from yearbook.pagecache import install_watch

        connection_created.connect(install_watch, dispatch_uid="yearbook.pagecache.install_watch")
