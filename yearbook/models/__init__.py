from .base import Precision, Provenance, Versioned, content_models, edition_of, edition_path, set_labels, track_history
from .cache import ContentVersion
from .edition import Category, Correction, Edition, EditorialBoardMember, Entry, HonoraryTitle, KeyFigure, Section
from .honours import Honour
from .people import Appointment, Organization, OrganizationAlias, Person, Roster
from .review import ReviewItem

__all__ = [
    "ContentVersion",
    "Precision", "Provenance", "Versioned", "content_models", "edition_of", "edition_path", "set_labels",
    "track_history", "Edition", "EditorialBoardMember",
    "HonoraryTitle", "KeyFigure", "Category",
    "Section", "Entry", "Correction", "Honour", "Organization", "OrganizationAlias", "Person", "Roster",
    "Appointment", "ReviewItem",
]

set_labels(EditorialBoardMember, edition="卷次", person="人物", source_line="源文本行")
set_labels(HonoraryTitle, edition="卷次", source_line="源文本行")
set_labels(KeyFigure, edition="卷次", source_line="源文本行")
set_labels(Category, edition="卷次")
set_labels(Section, edition="卷次", category="类目", contributor_line="供稿行", organization="机构")
set_labels(Entry, section="分目", persons="提及的人物", organizations="提及的机构")
set_labels(Correction, edition="卷次")
set_labels(ReviewItem, edition="卷次")
set_labels(Honour, edition="卷次", organization="获奖单位（机构）", person="获奖人物", work_unit_org="工作单位（机构）",
           date_precision="授奖时间精度", awarded_by="授奖单位（机构）")
set_labels(Organization, parent="上级机构")
set_labels(OrganizationAlias, organization="机构")
set_labels(Roster, edition="卷次", organization="机构", section="分目")
set_labels(Appointment, roster="名录", edition="卷次", organization="机构", person="人物", start_precision="任职起精度",
           end_precision="任职止精度")
