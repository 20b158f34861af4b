"""The review queue (审核队列): an editor resolves what the import could not read with certainty.

Three ways to resolve an item:

* accept the reading (采纳): what the import loaded, or the reader's guess, is right;
* write a correction (写入校正): a row ``printed → corrected`` anchored by content is appended to the source
  profile's corrections, and the next import of the text applies it (chief editors only: the profile is the
  repository's data and changes what every later import reads);
* discard (忽略): nothing to do (a notice that turned out to be fine).

Each decision is recorded on the item (who, when, why) and in its history; an item that comes back on a
re-import keeps its decision (yearbook.loading.load_review_items).
"""
from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from yearbook.actions.base import EditorialError, acting_user, save
from yearbook.models import ReviewItem
from yearbook.parsing.errors import ParseError, ReviewLog
from yearbook.parsing.profile import append_correction, available_profiles, load_profile
from yearbook.parsing.source import anchor_lines, find_corrections, load_corrections, read_source

WRITE_CORRECTION_PERMISSION = "yearbook.write_profile_correction"
RESOLVE_PERMISSION = "yearbook.change_reviewitem"


def can_resolve(user) -> bool:
    return bool(user and user.is_active and user.has_perm(RESOLVE_PERMISSION))


def can_write_correction(user) -> bool:
    return bool(user and user.is_active and user.has_perm(WRITE_CORRECTION_PERMISSION))


def _resolve(item: ReviewItem, status: str, *, user, note: str, reason: str) -> ReviewItem:
    if not can_resolve(user):
        raise EditorialError("您没有处理审核项的权限。")
    item.status = status
    item.resolution_note = (note or "").strip()
    item.resolved_by = acting_user(user)
    item.resolved_at = timezone.now()
    return save(item, user, reason)


def accept(item: ReviewItem, *, user, note: str = "") -> ReviewItem:
    """The reading the import loaded (or its guess) is right."""
    return _resolve(item, ReviewItem.Status.ACCEPTED, user=user, note=note, reason="采纳推测")


def discard(item: ReviewItem, *, user, note: str = "") -> ReviewItem:
    """Nothing to do about it."""
    return _resolve(item, ReviewItem.Status.DISCARDED, user=user, note=note, reason="忽略")


def reopen(item: ReviewItem, *, user) -> ReviewItem:
    """Undo a decision: the item is open again."""
    if not can_resolve(user):
        raise EditorialError("您没有处理审核项的权限。")
    item.status = ReviewItem.Status.OPEN
    item.resolved_by = item.resolved_at = None
    return save(item, user, "重新打开")


# -- corrections written to the profile --------------------------------------------------------------

def source_path(item: ReviewItem) -> Path:
    path = Path(item.source_file)
    return path if path.is_absolute() else Path(settings.BASE_DIR) / path


def source_lines(item: ReviewItem) -> list[str]:
    """The printed lines of the text the item was found in (as it is now on disk)."""
    try:
        return read_source(source_path(item))
    except ParseError:
        raise EditorialError(f"找不到或读不了源文本「{item.source_file}」，无法核对校正。"
                             "请在导入该文本的机器上处理，或重新导入后再试。") from None


def profile_of(item: ReviewItem):
    name = item.edition.source_profile
    if not name or name not in available_profiles():
        raise EditorialError(f"{item.edition.year} 卷没有记下导入时所用的源文本配置（或配置已不存在），"
                             "无法写入校正。请先重新导入本卷。")
    return load_profile(name)


def correction_initial(item: ReviewItem) -> dict:
    """What the correction form starts with: the printed line as context, and the printed text as it stands on
    that line (the parser reports it without the OCR's spaces: 李文龙(2021年5月仟) for 李文龙(2021 年 5 月仟))."""
    lines = item.context.split("\n")
    line = lines[1] if len(lines) == 3 else ""
    compact = "".join(item.printed.split())
    found = re.search(r"\s*".join(map(re.escape, compact)), line) if compact and "\n" not in item.printed else None
    return {"context": line, "printed": found.group(0) if found else ""}


def check_correction(raw: list[str], printed: str, context: str, existing: list) -> int:
    """The one line the correction applies to; EditorialError when it would match nowhere, or twice, or
    repeat a correction the profile already has."""
    if not printed:
        raise EditorialError("请填写要校正的原文。")
    if context and printed not in context:
        raise EditorialError(f"上下文「{context}」中没有要校正的原文「{printed}」：上下文应包含原文，并照原样抄写"
                             "（含空格）。")
    anchor = context or printed
    lines = anchor_lines(raw, printed, context)
    if not lines:
        raise EditorialError(f"「{anchor}」在源文本中找不到：请照原文抄写（含空格和标点）。")
    if len(lines) > 1:
        raise EditorialError(f"「{anchor}」在源文本中出现了 {len(lines)} 处（第 {'、'.join(map(str, lines))} 行），"
                             "无法确定改哪一处：请在上下文中多写几个字，使它只出现一次。")
    line = lines[0]
    for c in existing:
        if c.line == line and (c.printed in printed or printed in c.printed):
            raise EditorialError(f"第 {line} 行已有一条校正「{c.printed}」→「{c.corrected}」（{c.reason}），"
                                 "与这条重叠。")
    return line


def write_correction(item: ReviewItem, *, user, printed: str, corrected: str, reason: str,
                     context: str = "") -> Path:
    """Append the correction to the profile the edition was imported with; it applies on the next import."""
    if not can_write_correction(user):
        raise EditorialError("只有主编可以把校正写入源文本配置。")
    printed, context, reason = printed or "", (context or "").strip(), (reason or "").strip()
    if not reason:
        raise EditorialError("请填写校正理由（原印是什么、应读作什么、依据何在）。")
    profile = profile_of(item)
    raw = source_lines(item)
    existing = find_corrections(str(source_path(item)), raw, load_corrections(profile.correction_files()),
                                ReviewLog(str(source_path(item))))
    line = check_correction(raw, printed, context, existing)
    path = append_correction(profile, {"line": line, "printed": printed, "corrected": corrected,
                                       "reason": reason, "context": context})
    _resolve(item, ReviewItem.Status.CORRECTED, user=user,
             note=f"第 {line} 行「{printed}」→「{corrected or '（删去）'}」：{reason}", reason="写入校正")
    return path
