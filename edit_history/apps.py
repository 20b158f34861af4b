from django.apps import AppConfig


class EditHistoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "edit_history"
    verbose_name = "修改历史"
