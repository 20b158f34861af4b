"""重要文件辑存: the documents, each with its chapter outline and an anchor per article."""
from django.shortcuts import render

from documents import selectors
from yearbook import citation
from yearbook.pagecache import cache_params
from yearbook.selectors.editions import edition_get


@cache_params()
def index(request, year: int):
    edition = edition_get(year)
    docs = selectors.document_list(edition)
    return render(request, "documents/index.html", {
        "edition": edition, "documents": docs,
        "cite": citation.cite(edition, where="附录 › 重要文件辑存", page=docs[0].page if docs else None,
                              url=request.build_absolute_uri())})


def outline(doc) -> list:
    """Chapters with their 节 and articles, for the outline and the body: [(chapter, [(section, [articles])])].

    Articles outside any chapter come first under a None chapter.
    """
    articles = list(doc.articles.all())
    out = []
    loose = [a for a in articles if a.chapter_id is None]
    if loose:
        out.append((None, [(None, loose)]))
    for chapter in doc.chapters.all():
        in_chapter = [a for a in articles if a.chapter_id == chapter.pk]
        groups = [(None, [a for a in in_chapter if a.section_id is None])]
        for sec in chapter.sections.all():
            groups.append((sec, [a for a in in_chapter if a.section_id == sec.pk]))
        out.append((chapter, [g for g in groups if g[0] is not None or g[1]]))
    return out


def parts_tree(doc) -> list:
    parts = list(doc.parts.all())
    return [(p, [c for c in parts if c.parent_id == p.pk]) for p in parts if p.parent_id is None]


@cache_params()
def detail(request, year: int, key: str):
    edition = edition_get(year)
    doc = selectors.document_get(edition, key)
    return render(request, "documents/detail.html", {
        "edition": edition, "doc": doc, "outline": outline(doc), "parts": parts_tree(doc),
        "cite": citation.cite(edition, where=f"附录 › 重要文件辑存 › {doc.title}", page=doc.page,
                              url=request.build_absolute_uri())})
