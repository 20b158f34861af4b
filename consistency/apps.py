from django.apps import AppConfig


class ConsistencyConfig(AppConfig):
    name = "consistency"
    verbose_name = "编校一致性"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.urls import reverse

        from yearbook import registry

        registry.register_edition_tool(registry.EditionTool(
            "一致性检查", 10,
            lambda edition: f"{reverse('admin:consistency_finding_changelist')}?edition__id__exact={edition.pk}&open=yes",
            "consistency.view_finding"))
