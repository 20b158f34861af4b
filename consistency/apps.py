from django.apps import AppConfig


class ConsistencyConfig(AppConfig):
    name = "consistency"
    verbose_name = "编校一致性"
    default_auto_field = "django.db.models.BigAutoField"
