"""The manuscript has no table of its own: a proxy of the edition gives it a page in the admin."""
from yearbook.models import Edition


class ManuscriptEdition(Edition):
    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "书稿导出"
        default_permissions = ("view",)
