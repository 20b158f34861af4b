"""重要文件辑存: the documents, each with its chapter outline and an anchor per article."""

from documents import selectors, structure
from yearbook import citation, structured
from yearbook.pagecache import cache_params
from yearbook.responses import render_cited
from yearbook.selectors.editions import edition_get


@cache_params("cite")
def index(request, year: int):
    edition = edition_get(year)
    docs = selectors.document_list(edition)
    return render_cited(request, "documents/index.html", {
        "edition": edition, "documents": docs,
        "cite": citation.cite(edition, where="附录 › 重要文件辑存", page=docs[0].page if docs else None,
                              title="重要文件辑存", url=request.build_absolute_uri(request.path))})


def outline(doc, articles=None) -> list:
    """Chapters with their 节 and articles, for the outline and the body: [(chapter, [(section, [articles])])].

    Articles outside any chapter come first under a None chapter. ``articles``: (article, its blocks, its
    citation) for each article, whose article is then given ``blocks`` and ``citation``.
    """
    if articles is not None:
        for a, blocks, cite in articles:
            a.blocks, a.citation = blocks, cite
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


@cache_params("article", "cite")
def detail(request, year: int, key: str):
    edition = edition_get(year)
    doc = selectors.document_get(edition, key)
    base = request.build_absolute_uri(request.path)
    cite = citation.cite(edition, where=f"附录 › 重要文件辑存 › {doc.title}", page=doc.page, title=doc.title, url=base)
    article = next((a for a in doc.articles.all() if a.label == request.GET.get("article")), None)
    if article is not None:   # ?article=第十一条&cite=ris: one article's citation
        cite = citation.cite(edition, where=f"附录 › 重要文件辑存 › {doc.title} › {article.label}", page=doc.page,
                             title=f"{doc.title} {article.label}", url=f"{base}#{article.label}")
    articles = [(a, structure.article_blocks(a), citation.cite(
        edition, page=doc.page, title=f"{doc.title} {a.label}", url=f"{base}#{a.label}")) for a in doc.articles.all()]
    return render_cited(request, "documents/detail.html", {
        "edition": edition, "doc": doc, "outline": outline(doc, articles), "parts": parts_tree(doc), "cite": cite,
        "ld": structured.legislation(doc, base)})
