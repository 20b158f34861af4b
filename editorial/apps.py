from django.apps import AppConfig


class EditorialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = "编纂流程"

    def ready(self):
        from yearbook import signals

        from . import receivers

        signals.publication_blockers.connect(receivers.unreviewed_sections, dispatch_uid="editorial.blockers")
        signals.edition_started.connect(receivers.carry_over_assignments, dispatch_uid="editorial.carry_over")
