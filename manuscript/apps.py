from django.apps import AppConfig


class ManuscriptConfig(AppConfig):
    name = "manuscript"
    verbose_name = "书稿"
    default_auto_field = "django.db.models.BigAutoField"
