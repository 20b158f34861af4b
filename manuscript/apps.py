from django.apps import AppConfig


class ManuscriptConfig(AppConfig):
    name = "manuscript"
    verbose_name = "书稿"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.urls import reverse

        from yearbook import registry

        registry.register_edition_tool(registry.EditionTool(
            "书稿文档", 20, lambda edition: reverse("admin:manuscript_docx", args=[edition.pk])))
        registry.register_edition_tool(registry.EditionTool(
            "付印清样", 21, lambda edition: reverse("admin:manuscript_pdf", args=[edition.pk])))
