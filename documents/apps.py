from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "重要文件"

    def ready(self):
        """What the documents contribute to the yearbook as a whole (see yearbook.registry)."""
        from documents import export, loading, search, synthetic
        from yearbook import registry
        from yearbook.links import reverse

        registry.register_section_page(registry.SectionPage(
            "documents", lambda section, year: reverse("documents:index", kwargs={"year": year})))
        registry.register_search_kind(search.DOCUMENTS)
        registry.register_step("import", registry.Step("documents", 70, loading.load_documents))
        registry.register_step("export", registry.Step("documents", 70, export.export_documents))
        registry.register_step("synthetic", registry.Step("documents", 70, synthetic.clone_documents))
