"""Template filters of the documents: chapters and 节 numbered as the book prints them."""
from django import template

from yearbook import rules

register = template.Library()


@register.filter
def cn(number) -> str:
    """12 → 十二 (节 and 章 numbers as the book prints them)."""
    return rules.chinese_numeral(int(number))


@register.filter
def chapter_anchor(chapter) -> str:
    return rules.chapter_anchor(chapter.number)
