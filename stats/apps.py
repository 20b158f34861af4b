from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = "统计资料"

    def ready(self):
        """What the statistics contribute to the yearbook as a whole (see yearbook.registry)."""
        from django.contrib.sitemaps import Sitemap

        from stats import actions, export, loading, search, selectors, synthetic
        from stats.models import StatTable
        from yearbook import registry, signals
        from yearbook.links import reverse
        from yearbook.models import Edition

        registry.register_section_page(registry.SectionPage(
            "tables", lambda section, year: reverse("stats:index", kwargs={"year": year})))
        registry.register_search_kind(search.TABLES)
        registry.register_section_block(registry.SectionBlock(
            "tables", 10, selectors.section_tables, "stats/includes/section_tables.html",
            lambda tables: f"{len(tables)}张统计表"))
        registry.register_step("import", registry.Step("tables and bulletin", 60, loading.load_statistics))
        registry.register_step("export", registry.Step("statistics", 60, export.export_statistics))
        registry.register_step("synthetic", registry.Step("statistics", 60, synthetic.clone_statistics))
        signals.edition_started.connect(actions.carry_table_outlines, dispatch_uid="stats.carry_table_outlines")

        class StatsSitemap(Sitemap):
            def items(self):
                published = Edition.objects.filter(status=Edition.Status.PUBLISHED)
                return (list(published.order_by("-year"))
                        + list(StatTable.objects.filter(edition__in=published).select_related("edition")
                               .order_by("-edition__year", "order")))

            def location(self, item):
                if isinstance(item, Edition):
                    return reverse("stats:index", kwargs={"year": item.year})
                return item.get_absolute_url()

        registry.register_sitemap("stats", StatsSitemap)
        signals.publication_warnings.connect(actions.publication_warnings, dispatch_uid="stats.publication_warnings")
