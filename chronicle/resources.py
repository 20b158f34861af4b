"""大事记 as a spreadsheet (django-import-export): 卷次, 日期, 精度, 结束日期, 内容, 相关人物, 相关机构."""
from __future__ import annotations

from import_export import fields

from chronicle.actions import place_event
from chronicle.models import Event
from yearbook import validation
from yearbook.actions.persons import unique_person_key
from yearbook.models import Person
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

    def dehydrate_date(self, obj):
        return date_cell(obj.date, obj.precision)

    def dehydrate_precision(self, obj):
        return PRECISION_NAMES.get(obj.precision, "")

    def dehydrate_date_end(self, obj):
        return obj.date_end.isoformat() if obj.date_end else ""

    def dehydrate_persons(self, obj):
        return "、".join(p.key for p in obj.persons.all()) if obj.pk else ""

    def dehydrate_organizations(self, obj):
        return "、".join(o.name for o in obj.organizations.all()) if obj.pk else ""

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
        self._persons, self._orgs = [], []
        for name in split_names(text(row, "相关人物")):
            person = Person.objects.filter(key=name).first()
            if person is None:
                namesakes = list(Person.objects.filter(name=name)[:5])
                if len(namesakes) > 1:
                    errors.add("相关人物", f"有 {len(namesakes)} 位同名人物“{name}”，请改写稳定键"
                                          f"（{'、'.join(p.key for p in namesakes)}）。")
                    continue
                person = namesakes[0] if namesakes else Person(name=name,
                                                               key=unique_person_key(name))
            self._persons.append(person)
        for name in split_names(text(row, "相关机构")):
            self._orgs.append(self.organization(name))
        if errors or edition is None:
            return
        event.edition = edition
        event.date, event.precision, event.date_end, event.text = date, precision, date_end, content
        if new or changed:
            place_event(event)

    def after_save_instance(self, instance, row, **kwargs):
        if text(row, "相关人物") or not instance.persons.exists():
            instance.persons.set([self.save_new(p) for p in self._persons])
        if text(row, "相关机构") or not instance.organizations.exists():
            instance.organizations.set([self.save_new(o) for o in self._orgs])
