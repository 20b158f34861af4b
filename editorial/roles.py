"""The editorial workflow's part of the editors' roles (registered with yearbook.permissions in apps.py).

编辑 manage contributing units, assignments, manuscripts and 批注, and do 初审. 复审 is a group of its own (senior
editors, usually members of 编辑 too); 主编 do 终审 (and, being editors, may do 初审). Whoever did one stage of a
manuscript may not do another (editorial/workflow.py), so a section passes three people.
"""
from django.conf import settings
from django.db.models import Q

SECOND_REVIEWER_GROUP = "复审"
APP = "editorial"
REVIEW_STAGES = ("review_first", "review_second", "review_final")
REVIEW_LOG = ("add_review", "change_review", "delete_review")  # reviews are written by the workflow, never edited


def register() -> None:
    from yearbook import permissions

    app = Q(content_type__app_label=APP)
    permissions.register_role_part("editor", app & ~Q(codename__in=[*REVIEW_STAGES[1:], *REVIEW_LOG]))
    permissions.register_role_part("chief", app & Q(codename="review_final"))
    # 复审 reads everything, annotates and does 复审.
    permissions.register_role_part(
        "reviewer", (app & Q(codename__in=["review_second", "add_annotation", "change_annotation"]))
        | Q(content_type__app_label__in=(*settings.YEARBOOK_CONTENT_APPS, APP), codename__startswith="view_"),
        group=SECOND_REVIEWER_GROUP)
