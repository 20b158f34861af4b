from django.apps import AppConfig


def speak_chinese_in_boolean_icons():
    """The admin's yes/no icons carry alt="True"/"False" (hard-coded in Django): 是/否 for editors' screen
    readers. Django looks the function up where it is defined each time, so replacing it there is enough."""
    from django.contrib.admin.templatetags import admin_list
    from django.templatetags.static import static
    from django.utils.html import format_html

    def boolean_icon(value):
        icon = {True: "yes", False: "no", None: "unknown"}[value]
        label = {True: "是", False: "否", None: "未知"}[value]
        return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), label)

    admin_list._boolean_icon = boolean_icon


class YearbookConfig(AppConfig):
    name = "yearbook"
    verbose_name = "年鉴"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.urls import reverse

        from yearbook import export, links, loading, registry, synthetic
        from yearbook.models import Honour
        from yearbook.models.base import name_link_tables
        from yearbook.pagecache import install_watch
        from yearbook.search.engine import prepare_connection
        from yearbook.selectors.search_kinds import CORE_KINDS
        from yearbook.selectors import agencies, people

        name_link_tables()
        speak_chinese_in_boolean_icons()
        connection_created.connect(install_watch, dispatch_uid="yearbook.pagecache.install_watch")
        connection_created.connect(prepare_connection, dispatch_uid="yearbook.search.prepare_connection")
        for operation, steps in (("import", loading.CORE_STEPS), ("export", export.CORE_STEPS),
                                 ("synthetic", synthetic.CORE_STEPS)):
            for step in steps:
                registry.register_step(operation, step)
        for kind in CORE_KINDS:
            registry.register_search_kind(kind)
        registry.register_section_page(registry.SectionPage(
            "honours", lambda section, year: links.honours_url(year, Honour.kind_named(section.name)),
            category_page=True))
        registry.register_edition_tool(registry.EditionTool(
            "审核队列", 5,
            lambda edition: f"{reverse('admin:yearbook_reviewitem_changelist')}?edition__id__exact={edition.pk}"
                            "&status__exact=open",
            "yearbook.view_reviewitem"))
        registry.register_mention_list(registry.MentionList(
            key="entries", label="条目", unit="条", order=20,
            person_heading="提及此人的条目", agency_heading="提及此机构的条目",
            of_person=people.entries_of_person, of_agency=agencies.entries_of_agency,
            per_edition=agencies.agency_entry_links, edition_path="entry__section__edition",
            person_item="yearbook/includes/person_entry.html", agency_item="yearbook/includes/agency_entry.html",
            wide=True))
