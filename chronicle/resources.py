"""大事记 as a spreadsheet (django-import-export): 卷次, 日期, 精度, 结束日期, 内容, 相关人物, 相关机构.

New and re-dated events take their place in date order once every row is in (chronicle.actions.place_events):
one renumbering per import, however many rows, where placing each row moved every later event."""
from __future__ import annotations

from collections import defaultdict

from import_export import fields

from chronicle.actions import pending_order, place_events
from chronicle.models import Event
from yearbook import validation
from yearbook.resources import PRECISION_NAMES, EditorialResource, date_cell, split_names, text


class EventResource(EditorialResource):
    id = fields.Field(attribute="id", column_name="id")
    edition_year = fields.Field(attribute="edition__year", column_name="卷次", readonly=True)
    date = fields.Field(column_name="日期", readonly=True)
    precision = fields.Field(column_name="精度", readonly=True)
    date_end = fields.Field(column_name="结束日期", readonly=True)
    text = fields.Field(attribute="text", column_name="内容", readonly=True)
    persons = fields.Field(column_name="相关人物", readonly=True)
    organizations = fields.Field(column_name="相关机构", readonly=True)

    class Meta:
        model = Event
        fields = ("id", "edition_year", "date", "precision", "date_end", "text", "persons", "organizations")
        skip_unchanged = False

    def __init__(self, user=None, **kwargs):
        super().__init__(user, **kwargs)
        self._placing: dict[int, list[int]] = defaultdict(list)   # edition → events to place, in file order

    def dehydrate_date(self, obj):
        return date_cell(obj.date, obj.precision)

    def dehydrate_precision(self, obj):
        return PRECISION_NAMES.get(obj.precision, "")

    def dehydrate_date_end(self, obj):
        return obj.date_end.isoformat() if obj.date_end else ""

    def dehydrate_persons(self, obj):
        if not obj.pk or hasattr(obj, "_preview_persons"):
            return "、".join(p.key for p in getattr(obj, "_preview_persons", []))
        return "、".join(p.key for p in obj.persons.all())

    def dehydrate_organizations(self, obj):
        if not obj.pk or hasattr(obj, "_preview_orgs"):
            return "、".join(o.name for o in getattr(obj, "_preview_orgs", []))
        return "、".join(o.name for o in obj.organizations.all())

    def fill(self, event, row, errors, new):
        edition = self.edition(row, errors)
        date, precision = self.date(row, "日期", "精度", errors, required=True)
        date_end, _ = self.date(row, "结束日期", None, errors)
        content = text(row, "内容")
        changed = set() if new or date is None or event.date == date else {"date"}
        for name, message in validation.check_event(edition, date, date_end, precision, content, new=new,
                                                    changed=changed).items():
            errors.add({"date": "日期", "date_end": "结束日期", "precision": "精度", "text": "内容"}[name], message)
        if not new and edition is not None and event.edition_id != edition.pk:
            errors.add("卷次", "已有的事件不能改到另一卷；请删除 id 作为新事件导入。")
        if not errors and edition is not None:
            same = (Event.objects.filter(edition=edition, date=date, text=content).exclude(pk=event.pk).first()
                    if new else None)
            self.repeated((edition.pk, date, content), errors, "内容", same, "事件")
        self._persons = [p for p in (self.person_named(n, "相关人物", errors)
                                     for n in split_names(text(row, "相关人物"))) if p is not None]
        self._orgs = [self.organization(n) for n in split_names(text(row, "相关机构"))]
        if errors or edition is None:
            return
        event.edition = edition
        event.date, event.precision, event.date_end, event.text = date, precision, date_end, content
        event._placing = new or bool(changed)
        if self.dry_run:
            event._preview_persons, event._preview_orgs = self._persons, self._orgs

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if getattr(instance, "_placing", False) and not self.dry_run:
            pending_order(instance, len(self._placing[instance.edition_id]) + 1)

    def after_save_instance(self, instance, row, **kwargs):
        if self.dry_run:
            return
        if getattr(instance, "_placing", False):
            self._placing[instance.edition_id].append(instance.pk)
        if text(row, "相关人物") or not instance.persons.exists():
            instance.persons.set([self.save_new(p) for p in self._persons])
        if text(row, "相关机构") or not instance.organizations.exists():
            instance.organizations.set([self.save_new(o) for o in self._orgs])

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if self.dry_run or result.has_errors() or result.has_validation_errors():
            return
        for edition_id, placed in self._placing.items():
            place_events(edition_id, placed)
