from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = "统计资料"

    def ready(self):
        """What the statistics contribute to the yearbook as a whole (see yearbook.registry)."""
        from stats import actions, export, loading, search, selectors, synthetic
        from yearbook import registry, signals
        from yearbook.links import reverse

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
        signals.publication_warnings.connect(actions.publication_warnings, dispatch_uid="stats.publication_warnings")
