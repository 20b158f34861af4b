from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "重要文件"

    def ready(self):
        """What the documents contribute to the yearbook as a whole (see yearbook.registry)."""
        from django.contrib.sitemaps import Sitemap

        from documents import export, loading, search, synthetic
        from documents.models import Document
        from yearbook import registry
        from yearbook.links import reverse
        from yearbook.models import Edition

        registry.register_section_page(registry.SectionPage(
            "documents", lambda section, year: reverse("documents:index", kwargs={"year": year})))
        registry.register_search_kind(search.DOCUMENTS)
        registry.register_step("import", registry.Step("documents", 70, loading.load_documents))
        registry.register_step("export", registry.Step("documents", 70, export.export_documents))
        registry.register_step("synthetic", registry.Step("documents", 70, synthetic.clone_documents))

        class DocumentsSitemap(Sitemap):
            def items(self):
                published = Edition.objects.filter(status=Edition.Status.PUBLISHED)
                return (list(published.order_by("-year"))
                        + list(Document.objects.filter(edition__in=published).select_related("edition")
                               .order_by("-edition__year", "order")))

            def location(self, item):
                if isinstance(item, Edition):
                    return reverse("documents:index", kwargs={"year": item.year})
                return item.get_absolute_url()

        registry.register_sitemap("documents", DocumentsSitemap)
