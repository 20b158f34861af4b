"""Shared model pieces: provenance of every record, date precision, edit versions and history."""
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from yearbook import names

ORDER_FIELD = "order"


class Precision(models.TextChoices):
    DAY = "day", "日"
    MONTH = "month", "月"
    YEAR = "year", "年"


def set_labels(model, **labels):
    """Give fields their Chinese labels (verbose names) for the admin and the site, in one place per model.

    Used for relation fields, whose definitions stay short; the labels are part of the migrations as usual.
    """
    for name, label in labels.items():
        field = model._meta.get_field(name)
        field.verbose_name = field._verbose_name = label  # _verbose_name: what migrations see


def track_history(**options) -> HistoricalRecords:
    """The change history of a content model (who, when, what; revertible in the admin).

    The historical tables live in the ``edit_history`` app, apart from the edition's own data.
    """
    return HistoricalRecords(app="edit_history", **options)


class Versioned(models.Model):
    """An edit counter for optimistic locking: every full save increments it.

    The admin sends the version it showed with the form and refuses the save when the stored version has
    moved on meanwhile (another editor saved first), so nobody silently overwrites anybody.
    """

    version = models.PositiveIntegerField("版本", default=0, editable=False)
    # Messages for the model's unique fields and constraints, by their fields: ("category", "name") →
    # "本类目中已有名为“{name}”的分目。" (formatted with the record's values). Others get a generic one.
    UNIQUE_MESSAGES: dict[tuple[str, ...], str] = {}

    # Fields that are keys in URLs: URL_SEGMENTS are one path segment (no "/"), URL_PATHS may span several.
    URL_SEGMENTS: tuple[str, ...] = ()
    URL_PATHS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def normalise_text(self, fields=None) -> None:
        """No control characters in any text, keys a URL can carry (see yearbook.names): done on validation
        (so the unique checks see the stored value) and on every save, whoever saves."""
        model = type(self)
        for f in self._meta.concrete_fields:
            if not isinstance(f, (models.CharField, models.TextField)) or f.choices:
                continue
            if fields is not None and f.name not in fields and f.attname not in fields:
                continue
            value = getattr(self, f.attname)
            if not isinstance(value, str) or not value:
                continue
            if f.name in model.URL_SEGMENTS:
                clean = names.clean_segment(value)
            elif f.name in model.URL_PATHS:
                clean = names.clean_path_key(value)
            elif isinstance(f, models.TextField):
                clean = names.clean_text(value)
            else:
                clean = names.clean_chars(value)
            if clean != value:
                setattr(self, f.attname, clean)

    def clean_fields(self, exclude=None):
        self.normalise_text()
        super().clean_fields(exclude=exclude)

    def unique_error_message(self, model_class, unique_check):
        """An editor's message for a unique clash, in Chinese and naming the value, instead of Django's
        "X with this A and B already exists"."""
        check = tuple(unique_check)
        opts = model_class._meta
        values = {name: getattr(self, name, "") for name in check}
        template = getattr(model_class, "UNIQUE_MESSAGES", {}).get(check)
        if template:
            message = template.format(**values)
        else:
            *scope, last = check
            label = opts.get_field(last).verbose_name
            where = "、".join(str(opts.get_field(f).verbose_name) for f in scope)
            message = (f"同一{where}中已有{label}为“{values[last]}”的{opts.verbose_name}。" if scope
                       else f"已有{label}为“{values[last]}”的{opts.verbose_name}。")
        if check == (ORDER_FIELD,) or check[-1] == ORDER_FIELD:
            message += "顺序可留空，自动排在最后。"
        return ValidationError(message, code="unique")

    def save(self, *args, **kwargs):
        self.normalise_text(kwargs.get("update_fields"))
        if kwargs.get("update_fields") is None:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)


class Provenance(Versioned):
    """Where a record came from in the printed book, and whether its text was corrected."""

    source_line = models.PositiveIntegerField("源文本行", null=True, blank=True)
    source_line_end = models.PositiveIntegerField("源文本止行", null=True, blank=True)
    page = models.PositiveIntegerField("页码", null=True, blank=True)
    corrected = models.BooleanField("经校正", default=False)
    printed_text = models.TextField("原印文本", blank=True, help_text="校正前的印刷文本")
    needs_review = models.BooleanField("待审核", default=False)
    review_note = models.TextField("审核说明", blank=True)

    class Meta:
        abstract = True


def edition_path(model) -> str | None:
    """The ORM path from a record of ``model`` to its edition: "edition" for a model with an ``edition``
    field, what the model declares as ``EDITION_PATH`` ("section__edition"), "" for Edition itself, or None
    for records shared by every edition (persons, agencies)."""
    declared = getattr(model, "EDITION_PATH", None)
    if declared is not None:
        return declared or ""
    try:
        model._meta.get_field("edition")
    except FieldDoesNotExist:
        return None
    return "edition"


def edition_of(obj):
    """The edition a record belongs to, or None for shared records (persons, agencies)."""
    if obj is None:
        return None
    path = edition_path(type(obj))
    if path is None:
        return None
    target = obj
    for attr in filter(None, path.split("__")):
        target = getattr(target, attr, None)
        if target is None:
            return None
    return target


def name_link_tables() -> None:
    """The many-to-many link tables of the content ("Event_persons object (1)", "Event-person关系" in a delete
    confirmation) named in the editors' words: 大事记提及的人物：李晓燕."""
    for model in content_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            label = f"{model._meta.verbose_name}{field.verbose_name}"
            through._meta.verbose_name = through._meta.verbose_name_plural = label
            target = field.m2m_reverse_field_name()
            through.__str__ = lambda self, target=target: str(getattr(self, target))


def content_models() -> list:
    """The models of the yearbook's content: those of settings.YEARBOOK_CONTENT_APPS (the core and the apps
    whose records make up an edition), the many-to-many link tables included."""
    found = []
    for label in settings.YEARBOOK_CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            found.append(model)
            found += [f.remote_field.through for f in model._meta.local_many_to_many]
    return list(dict.fromkeys(found))
