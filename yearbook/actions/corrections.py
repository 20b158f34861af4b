"""Corrections: a record's text corrected, the printed text kept beside it, and who, what, why recorded."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from yearbook.actions.base import EditorialError, acting_user, save
from yearbook.models import Correction, edition_of

NOT_CORRECTABLE = {"printed_text", "review_note", "name_pinyin", "name_initials", "key", "source_file",
                   "source_sha256", "printed_cells", "label_printed", "number_printed", "name_printed"}


def correctable_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and f.editable and not f.choices
            and f.name not in NOT_CORRECTABLE]


@transaction.atomic
def add_correction(record, *, field_name: str, printed: str, corrected: str, reason: str,
                   user=None) -> Correction:
    """Correct ``printed`` to ``corrected`` in one field of a record, keeping the printed text beside it.

    The record is marked ``corrected``; its ``printed_text`` keeps the text as printed (set now if the record
    had not been corrected before); a Correction row records what, where, why and who.
    """
    fields = {f.name: f for f in correctable_fields(type(record))}
    if field_name not in fields:
        raise EditorialError(f"“{field_name}”不是可校正的文字字段。")
    printed, corrected, reason = printed.strip(), corrected.strip(), reason.strip()
    if not printed:
        raise EditorialError("请填写要校正的原文。")
    if printed == corrected:
        raise EditorialError("校正后的文字与原文相同。")
    if not reason:
        raise EditorialError("请填写校正理由（如“OCR 把‘生’误作‘牛’，见第 1554 行”）。")
    text = getattr(record, field_name) or ""
    count = text.count(printed)
    label = fields[field_name].verbose_name
    if count == 0:
        raise EditorialError(f"{label}中没有“{printed}”。")
    if count > 1:
        raise EditorialError(f"“{printed}”在{label}中出现 {count} 次，请多写几个前后的字，以确定要改哪一处。")
    edition = edition_of(record)
    if edition is None:
        raise EditorialError("这类记录不属于某一卷，请直接修改。")
    if hasattr(record, "printed_text"):
        if not record.corrected or not record.printed_text:
            record.printed_text = record.printed_text or text
        record.corrected = True
    setattr(record, field_name, text.replace(printed, corrected, 1))
    save(record, user, f"校正：{printed} → {corrected}（{reason}）")
    correction = Correction(
        edition=edition, source_line=getattr(record, "source_line", None) or 0, printed=printed,
        corrected=corrected, reason=reason, content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk, field_name=field_name, created_by=acting_user(user), created_at=timezone.now())
    save(correction, user, "添加校正")
    return correction


def corrections_of(record):
    """The corrections editors made to this record in the admin."""
    kind = ContentType.objects.get_for_model(record)
    return Correction.objects.filter(content_type=kind, object_id=record.pk)


def corrections_for(record):
    """Every correction of this record: the source's OCR fixes on its lines, and the editors' ones."""
    mine = corrections_of(record)
    edition = edition_of(record)
    first = getattr(record, "source_line", None)
    if edition is None or not first:
        return mine
    last = getattr(record, "source_line_end", None) or first
    on_lines = Correction.objects.filter(edition=edition, content_type__isnull=True, source_line__gte=first,
                                         source_line__lte=last)
    return (mine | on_lines).order_by("source_line", "id")
