"""Spreadsheets in and out (django-import-export): the shared base, and the core's appointments and honours.
The apps' formats (events, table rows) live with them and build on EditorialResource.

Columns carry the book's own words (卷次, 日期, 精度 …), so a contributing unit's sheet needs little more than
renaming its headers. Every row is checked with the same rules as the admin forms; an error names the
column and says what to write instead. The admin shows the errors in a preview and writes nothing unless
every row is right (``rollback_on_validation_errors``); ``id`` lets an exported sheet be edited and
re-imported as updates.
"""
from __future__ import annotations

import difflib

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Max
from import_export import fields, resources
from import_export.resources import Diff

from yearbook import names, permissions, validation
from yearbook.actions import ordering
from yearbook.actions.persons import unique_person_key
from yearbook.loading import agency_name
from yearbook.models import Appointment, Edition, Honour, Organization, OrganizationAlias, Person, Precision, Roster, edition_of

PRECISIONS = {"日": Precision.DAY, "day": Precision.DAY, "月": Precision.MONTH, "month": Precision.MONTH,
              "年": Precision.YEAR, "year": Precision.YEAR}
PRECISION_NAMES = {Precision.DAY: "日", Precision.MONTH: "月", Precision.YEAR: "年"}
YES = {"是", "y", "yes", "true", "1", "√", "✓", "x"}
SEPARATORS = ["、", "，", ",", "；", ";", "\n"]


def text(row, column) -> str:
    """A cell as text, stripped, without control characters; a formula our export neutralised ('=…) comes
    back as it was written (the apostrophe is only there to keep a spreadsheet from running it)."""
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = names.clean_text(str(value)).strip()
    if value.startswith("'") and value[1:2] and value[1] in "=+-@":
        value = value[1:]
    return value


def split_names(value: str) -> list[str]:
    for sep in SEPARATORS[1:]:
        value = value.replace(sep, SEPARATORS[0])
    return [v.strip() for v in value.split(SEPARATORS[0]) if v.strip()]


def date_cell(value, precision):
    return validation.date_text(value, precision)


class RowErrors(dict):
    def add(self, column, message):
        self.setdefault(column, []).append(message)

    def raise_if_any(self):
        if self:
            raise ValidationError({k: v for k, v in self.items()})


class ReadableDiff(Diff):
    """The preview's cells as they would be exported (dates with their precision, 先进个人 …); a new row shows
    no id, since the preview assigns none for good."""

    def __init__(self, resource, instance, new):
        self.left = self.values(resource, instance)
        self.right = []
        self.new = new

    @staticmethod
    def values(resource, instance):
        if instance is None:
            return ["" for _ in resource.get_import_fields()]
        return [resource.export_field(f, instance) for f in resource.get_import_fields()]

    def compare_with(self, resource, instance):
        self.right = self.values(resource, instance)
        if self.new:
            columns = [f.column_name for f in resource.get_import_fields()]
            self.right = ["" if c == "id" else v for c, v in zip(columns, self.right)]


class EditorialResource(resources.ModelResource):
    """Shared by the four resources: the edition column, dates with precision, persons and agencies.

    A preview (``dry_run``) checks every row and writes nothing, outside any transaction; the hooks that
    write (new persons and agencies, links, cells) look at ``self.dry_run``. Persons and agencies the sheet
    names that do not exist yet are collected with the closest existing names (``new_names_report``)."""

    edition_column = "卷次"

    def __init__(self, user=None, **kwargs):
        super().__init__()
        self.user = user
        self.dry_run = False
        self.taken_orders: dict = {}
        self._editions: dict = {}
        self.new_names: dict[str, dict[str, list[int]]] = {"人物": {}, "机构": {}}
        self._known_names: dict[str, list[str]] = {}
        self._seen_rows: dict = {}
        self.row_number = 0

    def import_data(self, dataset, dry_run=False, **kwargs):
        self.dry_run = dry_run
        if dry_run:   # a preview: nothing is written, so nothing needs a transaction (nor SQLite's write lock)
            for key in ("use_transactions", "rollback_on_validation_errors", "collect_failed_rows"):
                kwargs.pop(key, None)
            raise_errors = kwargs.pop("raise_errors", False)
            return self.import_data_inner(dataset, True, raise_errors, False, False, **kwargs)
        return super().import_data(dataset, dry_run=False, **kwargs)

    def before_import_row(self, row, **kwargs):
        self.row_number = kwargs.get("row_number", self.row_number + 1)

    # -- new names and repeated rows ---------------------------------------------------------------
    def note_new(self, kind: str, name: str) -> None:
        self.new_names[kind].setdefault(name, []).append(self.row_number + 1)   # + 1: the header row

    def known_names(self, kind: str) -> list[str]:
        if kind not in self._known_names:
            if kind == "人物":
                found = Person.objects.values_list("name", flat=True)
            else:
                found = [*Organization.objects.values_list("name", flat=True),
                         *OrganizationAlias.objects.values_list("name", flat=True)]
            self._known_names[kind] = sorted(set(found))
        return self._known_names[kind]

    def new_names_report(self) -> list[tuple[str, list[tuple[str, list[int], list[str]]]]]:
        """[(人物, [(name, rows, closest existing names)]), (机构, …)] for the preview."""
        report = []
        for kind, found in self.new_names.items():
            if found:
                report.append((kind, [(name, sorted(set(rows)),
                                       difflib.get_close_matches(name, self.known_names(kind), n=3, cutoff=0.5))
                                      for name, rows in sorted(found.items())]))
        return report

    def repeated(self, key, errors, column, existing=None, what="记录") -> bool:
        """A row that is already in the database (``existing``) or earlier in this file: reported, not
        imported twice."""
        if existing is not None:
            errors.add(column, f"与已有的{what}重复（id {existing.pk}）：这一行可能已经导入过。要修改已有的{what}，"
                               f"请先“导出”，在导出的表格中修改（保留 id 列）后再导入；确需再加一条，请先核对。")
            return True
        first = self._seen_rows.get(key)
        if first is not None and first != self.row_number:
            errors.add(column, f"与本表第 {first + 1} 行重复。")
            return True
        self._seen_rows[key] = self.row_number
        return False

    # -- lookups ---------------------------------------------------------
    def edition(self, row, errors):
        raw = text(row, self.edition_column)
        if not raw:
            errors.add(self.edition_column, "请填写卷次（年鉴的年份，如 2022）。")
            return None
        try:
            year = int(raw.rstrip("卷年"))
        except ValueError:
            errors.add(self.edition_column, f"卷次“{raw}”应是年份数字，如 2022。")
            return None
        if year not in self._editions:
            self._editions[year] = Edition.objects.filter(year=year).first()
        edition = self._editions[year]
        if edition is None:
            errors.add(self.edition_column, f"没有 {year} 卷。请先在“年鉴卷”中开始编纂 {year} 卷。")
        elif edition.is_published:
            errors.add(self.edition_column, permissions.frozen_message(edition))
        return edition

    def date(self, row, column, precision_column, errors, *, required=False):
        raw = row.get(column)
        try:
            parsed = validation.parse_date(raw)
        except ValueError as exc:
            errors.add(column, str(exc))
            return None, Precision.DAY
        if parsed is None:
            if required:
                errors.add(column, "请填写日期，如 2021-03-05、2021-03 或 2021。")
            return None, Precision.DAY
        date, typed = parsed
        chosen = text(row, precision_column) if precision_column else ""
        if not chosen:
            return date, typed
        precision = PRECISIONS.get(chosen.lower())
        if precision is None:
            errors.add(precision_column, f"精度“{chosen}”应为 日、月 或 年。")
            return date, typed
        if message := validation.check_precision(date, precision, column):
            errors.add(precision_column, message)
        elif ["day", "month", "year"].index(typed) > ["day", "month", "year"].index(precision):
            errors.add(precision_column, f"{column}只写到了{PRECISION_NAMES[typed]}，精度却是“{chosen}”。")
        return date, precision

    def person(self, row, name_column, key_column, errors, *, create=True):
        key = names.clean_path_key(text(row, key_column)) if key_column else ""
        name = "".join(text(row, name_column).split())
        if key:
            person = Person.objects.filter(key=key).first()
            if person is None:
                errors.add(key_column, f"没有稳定键为“{key}”的人物。")
            elif name and person.name != name:
                errors.add(key_column, f"稳定键“{key}”是 {person.name}，与姓名“{name}”不符。")
            return person
        if not name:
            return None
        namesakes = list(Person.objects.filter(name=name)[:5])
        if len(namesakes) > 1:
            keys = "、".join(p.key for p in namesakes)
            errors.add(key_column or name_column,
                       f"有 {len(namesakes)} 位同名人物“{name}”（稳定键 {keys}），请在“人物稳定键”列写明是哪一位。")
            return None
        if namesakes:
            return namesakes[0]
        if not create:
            return None
        self.note_new("人物", name)
        return Person(name=name, key=unique_person_key(name))

    def person_named(self, name, column, errors):
        """A person named by key or by name in a list cell (相关人物), or a new one."""
        person = Person.objects.filter(key=name).first()
        if person is not None:
            return person
        namesakes = list(Person.objects.filter(name=name)[:5])
        if len(namesakes) > 1:
            errors.add(column, f"有 {len(namesakes)} 位同名人物“{name}”，请改写稳定键"
                               f"（{'、'.join(p.key for p in namesakes)}）。")
            return None
        if namesakes:
            return namesakes[0]
        self.note_new("人物", name)
        return Person(name=name, key=unique_person_key(name))

    def organization(self, name):
        name = agency_name(name)
        if not name:
            return None
        org = Organization.objects.filter(name=name).first()
        if org is None:
            alias = OrganizationAlias.objects.filter(name=name).select_related("organization").first()
            if alias is not None:
                org = alias.organization
            else:
                self.note_new("机构", name)
                org = Organization(name=name)
        return org

    def next_order(self, instance, given):
        name, siblings = ordering.order_scope(instance)
        scope = (type(instance), *[getattr(instance, f"{s}_id", getattr(instance, s, None))
                                   for s in type(instance).ORDER_SCOPE[1]])
        taken = self.taken_orders.setdefault(scope, set())
        if given:
            taken.add(given)
            return given
        if siblings is not None:
            ordering.lock_scope(instance)   # another editor's import or add waits for this one's numbers
        last = siblings.aggregate(m=Max(name))["m"] if siblings is not None else 0
        order = max([last or 0, *taken]) + 1
        taken.add(order)
        return order

    # -- django-import-export hooks --------------------------------------
    def get_diff_class(self):
        return ReadableDiff

    def import_instance(self, instance, row, **kwargs):
        errors = RowErrors()
        self.fill(instance, row, errors, new=instance.pk is None)
        errors.raise_if_any()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        # The model's own limits (lengths, choices), reported under the spreadsheet's column names.
        columns = {f.attribute: f.column_name for f in self.fields.values() if f.attribute}
        exclude = [f.name for f in instance._meta.get_fields() if f.is_relation] + ["order", "version"]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            def column(k):
                return k if k == NON_FIELD_ERRORS else columns.get(k, instance._meta.get_field(k).verbose_name)
            raise ValidationError({column(k): v for k, v in exc.message_dict.items()}) from None

    def save_m2m(self, instance, row, **kwargs):
        pass

    def get_instance(self, instance_loader, row):
        raw = text(row, "id")
        if not raw:
            return None
        try:
            pk = int(float(raw))
        except ValueError:
            raise ValidationError({"id": f"id“{raw}”应为数字（导出的表格中原有的编号；新增的行留空）。"}) from None
        instance = self._meta.model._default_manager.filter(pk=pk).first()
        if instance is None:
            raise ValidationError({"id": f"没有 id 为 {pk} 的记录。新增的行请把 id 留空。"})
        edition = edition_of(instance)
        if edition is not None and edition.is_published:
            raise ValidationError({"id": permissions.frozen_message(edition)})
        return instance

    def stamp(self, obj):
        """Record the importing editor and the reason in the history of ``obj``."""
        if self.user is not None and getattr(self.user, "is_authenticated", False):
            obj._history_user = self.user
        obj._change_reason = "表格导入"
        return obj

    def save_new(self, obj):
        if obj is not None and obj.pk is None and not self.dry_run:
            self.stamp(obj).save()
        return obj

    def before_save_instance(self, instance, row, **kwargs):
        self.stamp(instance)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        return "" if value is None else value


# ---------------------------------------------------------------------------
# 任职
# ---------------------------------------------------------------------------

class AppointmentResource(EditorialResource):
    id = fields.Field(attribute="id", column_name="id")
    edition_year = fields.Field(attribute="edition__year", column_name="卷次", readonly=True)
    organization = fields.Field(attribute="organization__name", column_name="机构", readonly=True)
    roster = fields.Field(attribute="roster__heading", column_name="名录", readonly=True)
    person = fields.Field(attribute="person__name", column_name="姓名", readonly=True)
    person_key = fields.Field(attribute="person__key", column_name="人物稳定键", readonly=True)
    title = fields.Field(attribute="title", column_name="职务", readonly=True)
    start = fields.Field(column_name="任职起", readonly=True)
    start_precision = fields.Field(column_name="任职起精度", readonly=True)
    end = fields.Field(column_name="任职止", readonly=True)
    end_precision = fields.Field(column_name="任职止精度", readonly=True)
    note = fields.Field(attribute="note", column_name="注", readonly=True)
    party = fields.Field(attribute="party", column_name="党派", readonly=True)
    ethnicity = fields.Field(attribute="ethnicity", column_name="民族", readonly=True)
    seconded = fields.Field(column_name="挂职", readonly=True)
    carried_over = fields.Field(column_name="上卷延续", readonly=True)
    confirmed = fields.Field(column_name="已确认仍在任", readonly=True)
    order = fields.Field(attribute="order", column_name="顺序", readonly=True)

    class Meta:
        model = Appointment
        fields = ("id", "edition_year", "organization", "roster", "person", "person_key", "title", "start",
                  "start_precision", "end", "end_precision", "note", "party", "ethnicity", "seconded",
                  "carried_over", "confirmed", "order")

    def dehydrate_start(self, obj):
        return date_cell(obj.start, obj.start_precision)

    def dehydrate_end(self, obj):
        return date_cell(obj.end, obj.end_precision)

    def dehydrate_start_precision(self, obj):
        return PRECISION_NAMES.get(obj.start_precision, "") if obj.start else ""

    def dehydrate_end_precision(self, obj):
        return PRECISION_NAMES.get(obj.end_precision, "") if obj.end else ""

    def dehydrate_seconded(self, obj):
        return "是" if obj.seconded else ""

    def dehydrate_carried_over(self, obj):
        return "是" if obj.carried_over else ""

    def dehydrate_confirmed(self, obj):
        return "是" if obj.confirmed else ""

    def fill(self, a, row, errors, new):
        from yearbook.loading import normalize_title

        edition = self.edition(row, errors)
        org_name = text(row, "机构")
        org = self.organization(org_name) if org_name else (a.organization if not new else None)
        if org is None:
            errors.add("机构", "请填写机构名称。")
        person = self.person(row, "姓名", "人物稳定键", errors)
        if person is None and "姓名" not in errors and "人物稳定键" not in errors:
            errors.add("姓名", "请填写姓名。")
        title = text(row, "职务")
        if not title:
            errors.add("职务", "请填写职务。")
        start, start_p = self.date(row, "任职起", "任职起精度", errors)
        end, end_p = self.date(row, "任职止", "任职止精度", errors)
        changed = {n for n, old, v in (("start", a.start, start), ("end", a.end, end)) if new or old != v}
        columns = {"start": "任职起", "end": "任职止", "start_precision": "任职起精度", "end_precision": "任职止精度"}
        for name, message in validation.check_tenure(edition, start, start_p, end, end_p, new=new,
                                                     changed=changed).items():
            errors.add(columns[name], message)
        order = text(row, "顺序")
        if order and not order.isdigit():
            errors.add("顺序", f"顺序“{order}”应为正整数，或留空（排在最后）。")
        if errors:
            return
        heading = text(row, "名录")
        roster = None
        if org.pk is not None:
            rosters = Roster.objects.filter(edition=edition, organization=org)
            roster = (rosters.filter(heading=heading).first() if heading else None) or rosters.first()
        if roster is not None and person.pk is not None:
            dup = Appointment.objects.filter(roster=roster, person=person,
                                             title_normalized=normalize_title(title)).exclude(pk=a.pk).first()
            if dup is not None:
                errors.add("姓名", f"“{person.name}”已在“{roster}”中任“{dup.title}”，同一人同一职务只列一次。")
                return
        key = (org_name, person.key, normalize_title(title))
        if key in self._seen_in_file():
            errors.add("姓名", f"“{person.name}”任“{title}”在本表中出现了两次（第 {self._seen[key]} 行）。")
            return
        self._seen[key] = len(self._seen) + 1
        self._pending = (org, person, roster, heading)
        a.edition = edition
        a.title, a.title_normalized = title, normalize_title(title)
        a.start, a.start_precision, a.end, a.end_precision = start, start_p, end, end_p
        a.note, a.party, a.ethnicity = text(row, "注"), text(row, "党派"), text(row, "民族")
        a.seconded = text(row, "挂职").lower() in YES
        if text(row, "已确认仍在任"):
            a.confirmed = text(row, "已确认仍在任").lower() in YES
        a._given_order = int(order) if order else None

    def _seen_in_file(self):
        if not hasattr(self, "_seen"):
            self._seen = {}
        return self._seen

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        org, person, roster, heading = self._pending
        org = self.save_new(org)
        person = self.save_new(person)
        if roster is None:
            roster = Roster(edition=instance.edition, organization=org,
                            heading=heading or f"{org.name}领导班子成员")
            if not self.dry_run:
                ordering.fill_order(roster)
                self.stamp(roster).save()
        instance.organization, instance.person, instance.roster = org, person, roster
        if (instance.pk is None or instance._given_order) and roster.pk is not None:
            instance.order = self.next_order(instance, instance._given_order)


# ---------------------------------------------------------------------------
# 表彰奖励
# ---------------------------------------------------------------------------

KINDS = {"先进集体": Honour.Kind.COLLECTIVE, "集体": Honour.Kind.COLLECTIVE, "collective": Honour.Kind.COLLECTIVE,
         "先进个人": Honour.Kind.INDIVIDUAL, "个人": Honour.Kind.INDIVIDUAL, "individual": Honour.Kind.INDIVIDUAL}
GENDERS = {"男": "M", "女": "F", "m": "M", "f": "F", "": ""}
GENDER_NAMES = {"M": "男", "F": "女"}


class HonourResource(EditorialResource):
    id = fields.Field(attribute="id", column_name="id")
    edition_year = fields.Field(attribute="edition__year", column_name="卷次", readonly=True)
    kind = fields.Field(column_name="类别", readonly=True)
    recipient = fields.Field(attribute="recipient", column_name="获奖单位或个人", readonly=True)
    person_key = fields.Field(attribute="person__key", column_name="人物稳定键", readonly=True)
    gender = fields.Field(column_name="性别", readonly=True)
    work_unit = fields.Field(attribute="work_unit", column_name="工作单位", readonly=True)
    award = fields.Field(attribute="award", column_name="奖项", readonly=True)
    date = fields.Field(column_name="授奖时间", readonly=True)
    date_precision = fields.Field(column_name="授奖时间精度", readonly=True)
    awarded_by = fields.Field(column_name="授奖单位", readonly=True)
    order = fields.Field(attribute="order", column_name="顺序", readonly=True)

    class Meta:
        model = Honour
        fields = ("id", "edition_year", "kind", "recipient", "person_key", "gender", "work_unit", "award",
                  "date", "date_precision", "awarded_by", "order")

    def dehydrate_gender(self, obj):
        return GENDER_NAMES.get(obj.gender, "")

    def dehydrate_kind(self, obj):
        return obj.get_kind_display() if obj.kind else ""

    def dehydrate_date(self, obj):
        return date_cell(obj.date, obj.date_precision)

    def dehydrate_date_precision(self, obj):
        return PRECISION_NAMES.get(obj.date_precision, "") if obj.date else ""

    def dehydrate_awarded_by(self, obj):
        return "、".join(obj.awarded_by_names or [])

    def fill(self, h, row, errors, new):
        edition = self.edition(row, errors)
        kind_text = text(row, "类别")
        kind = KINDS.get(kind_text.lower())
        if kind is None:
            errors.add("类别", f"类别“{kind_text}”应为“先进集体”或“先进个人”。" if kind_text else
                       "请填写类别：先进集体 或 先进个人。")
        recipient = "".join(text(row, "获奖单位或个人").split()) if kind == Honour.Kind.INDIVIDUAL \
            else text(row, "获奖单位或个人")
        if not recipient:
            errors.add("获奖单位或个人", "请填写获奖单位或个人。")
        award = text(row, "奖项")
        if not award:
            errors.add("奖项", "请填写奖项（荣誉称号）。")
        gender = text(row, "性别")
        if gender.lower() not in GENDERS:
            errors.add("性别", f"性别“{gender}”应为“男”或“女”，或留空。")
        date, precision = self.date(row, "授奖时间", "授奖时间精度", errors)
        changed = set() if new or h.date == date else {"date"}
        problems = validation.check_honour(edition, date, precision, new=new, changed=changed)
        for name, message in problems.items():
            errors.add({"date": "授奖时间", "date_precision": "授奖时间精度"}[name], message)
        order = text(row, "顺序")
        if order and not order.isdigit():
            errors.add("顺序", f"顺序“{order}”应为正整数，或留空（排在最后）。")
        person = None
        if kind == Honour.Kind.INDIVIDUAL and recipient:
            person = self.person({"n": recipient, "k": text(row, "人物稳定键")}, "n", "k", errors)
            if "k" in errors:
                errors["人物稳定键"] = errors.pop("k")
        if not errors and new:
            same = Honour.objects.filter(edition=edition, kind=kind, recipient=recipient, award=award).first()
            self.repeated((edition.pk, kind, recipient, award), errors, "获奖单位或个人", same, "表彰")
        if errors:
            return
        h.edition, h.kind, h.recipient, h.award = edition, kind, recipient, award
        h.gender = GENDERS[gender.lower()]
        h.work_unit = text(row, "工作单位")
        h.date, h.date_precision = date, precision
        h.awarded_by_names = split_names(text(row, "授奖单位"))
        for body in h.awarded_by_names:
            self.organization(body)   # a new awarding body is listed in the preview
        self._pending = (person, kind, recipient)
        h._given_order = int(order) if order else None

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        person, kind, recipient = self._pending
        if kind == Honour.Kind.INDIVIDUAL:
            if person is not None and person.pk is None and instance.gender:
                person.gender = instance.gender
            instance.person, instance.organization = self.save_new(person), None
        else:
            instance.person, instance.organization = None, self.save_new(self.organization(recipient))
        unit = instance.work_unit
        instance.work_unit_org = self.save_new(self.organization(unit)) if unit else None
        if instance.pk is None or instance._given_order:
            instance.order = self.next_order(instance, instance._given_order)

    def after_save_instance(self, instance, row, **kwargs):
        if self.dry_run:
            return
        bodies = dict.fromkeys(instance.awarded_by_names)
        instance.awarded_by.set([self.save_new(self.organization(n)) for n in bodies])
