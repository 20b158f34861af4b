from django.apps import AppConfig


class ChronicleConfig(AppConfig):
    name = "chronicle"
    verbose_name = "大事记"

    def ready(self):
        """What the chronicle contributes to the yearbook as a whole (see yearbook.registry)."""
        from django.contrib.sitemaps import Sitemap

        from chronicle import actions, export, loading, search, selectors, synthetic
        from yearbook import registry, signals
        from yearbook.links import reverse
        from yearbook.models import Edition

        registry.register_section_page(registry.SectionPage(
            "chronicle", lambda section, year: reverse("chronicle:index", kwargs={"year": year}),
            category_page=True))
        registry.register_search_kind(search.EVENTS)
        registry.register_mention_list(registry.MentionList(
            key="events", label="大事记", unit="件", order=10, person_heading="大事记", agency_heading="大事记",
            of_person=selectors.events_of_person, of_agency=selectors.events_of_agency,
            per_edition=selectors.agency_event_links, edition_path="event__edition",
            person_item="chronicle/includes/person_event.html", agency_item="chronicle/includes/agency_event.html"))
        registry.register_step("import", registry.Step("chronicle", 30, loading.load_events))
        registry.register_step("export", registry.Step("chronicle", 30, export.export_events))
        registry.register_step("synthetic", registry.Step("chronicle", 30, synthetic.clone_events))

        class ChronicleSitemap(Sitemap):
            def items(self):
                return list(Edition.objects.filter(status=Edition.Status.PUBLISHED).order_by("-year"))

            def location(self, item):
                return reverse("chronicle:index", kwargs={"year": item.year})

        registry.register_sitemap("chronicle", ChronicleSitemap)
        signals.publication_warnings.connect(actions.publication_warnings, dispatch_uid="chronicle.publication_warnings")
