from django.apps import AppConfig


class EditorialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = "编纂流程"

    def ready(self):
        from django.urls import reverse

        from yearbook import registry, signals

        from . import receivers, roles

        roles.register()
        signals.publication_blockers.connect(receivers.unreviewed_sections, dispatch_uid="editorial.blockers")
        signals.edition_started.connect(receivers.carry_over_assignments, dispatch_uid="editorial.carry_over")
        registry.register_edition_tool(registry.EditionTool(
            "编纂进度", 5, lambda edition: reverse("admin:editorial_board", args=[edition.year]),
            "editorial.view_assignment"))
