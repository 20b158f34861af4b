"""One counter that changes whenever any content changes: the key of the page cache."""
from django.db import models


class ContentVersion(models.Model):
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "内容版本"

    def __str__(self):
        return str(self.version)
