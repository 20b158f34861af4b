"""The editors' admin: one module per kind of record; the shared pieces are in ``base``."""
from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from yearbook.models import Organization, Person

admin.site.site_header = "金川区年鉴 编辑后台"
admin.site.site_title = "年鉴编辑"
admin.site.index_title = "年鉴内容"


class EditorialAutocompleteView(AutocompleteJsonView):
    """Persons come with their latest posts (two 李晓燕 are two different lines); agencies with their kind."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Person):
            posts = [f"{a.organization.name}{a.title}" for a in
                     obj.appointments.select_related("organization").order_by("-edition__year", "order")[:2]]
            extra = "；".join(posts) or obj.note[:30]
            if extra:
                result["text"] = f"{obj}　{extra}"
        elif isinstance(obj, Organization) and obj.kind != Organization.Kind.OTHER:
            result["text"] = f"{obj}（{obj.get_kind_display()}）"
        return result


def _autocomplete_view(request):
    return EditorialAutocompleteView.as_view(admin_site=admin.site)(request)


admin.site.autocomplete_view = _autocomplete_view


from yearbook.admin import editions, honours, outline, people, review, rosters  # noqa: E402,F401  (registers the admins)
