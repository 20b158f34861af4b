"""What a page says about itself to search engines and link previews: schema.org JSON-LD and Open Graph.

Book for an edition, Chapter for an entry (part of its Book), Person, GovernmentOrganization, Dataset for a
statistical table, Legislation for a document. Plain dicts, rendered by the ``ld_json`` tag.
"""
from __future__ import annotations

SITE_NAME = "金川区年鉴"


def book(edition, url: str) -> dict:
    data = {"@context": "https://schema.org", "@type": "Book", "name": edition.title, "url": url,
            "inLanguage": "zh-CN", "bookFormat": "https://schema.org/EBook",
            "temporalCoverage": str(edition.covers_year)}
    if edition.compiler:
        data["author"] = {"@type": "GovernmentOrganization", "name": edition.compiler}
    if edition.publisher:
        data["publisher"] = {"@type": "Organization", "name": edition.publisher}
    if edition.isbn:
        data["isbn"] = edition.isbn
    return data


def chapter(entry, edition, url: str, book_url: str) -> dict:
    section = entry.section
    data = {"@context": "https://schema.org", "@type": "Chapter", "name": entry.title, "url": url,
            "inLanguage": "zh-CN", "isPartOf": {**book(edition, book_url), "@context": None},
            "about": f"{section.category.name} › {section.name}"}
    data["isPartOf"].pop("@context")
    page = entry.page or section.page
    if page:
        data["pageStart"] = str(page)
    return data


def person(p, url: str, post=None) -> dict:
    data = {"@context": "https://schema.org", "@type": "Person", "name": p.name, "url": url}
    if p.gender:
        data["gender"] = "https://schema.org/Female" if p.gender == "F" else "https://schema.org/Male"
    if post is not None:
        data["jobTitle"] = post.title
        data["worksFor"] = {"@type": "GovernmentOrganization", "name": post.organization.name}
    return data


def organization(org, url: str, aliases=()) -> dict:
    data = {"@context": "https://schema.org", "@type": "GovernmentOrganization", "name": org.name, "url": url}
    if aliases:
        data["alternateName"] = list(aliases)
    if org.parent_id:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": org.parent.name}
    return data


def dataset(table, edition, url: str, title: str) -> dict:
    return {"@context": "https://schema.org", "@type": "Dataset", "name": title, "url": url,
            "inLanguage": "zh-CN", "temporalCoverage": str(edition.covers_year),
            "isPartOf": {"@type": "Book", "name": edition.title},
            "distribution": [{"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": f"{url}?format=csv"},
                             {"@type": "DataDownload", "encodingFormat":
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              "contentUrl": f"{url}?format=xlsx"}],
            **({"variableMeasured": table.unit} if table.unit else {})}


def legislation(doc, url: str) -> dict:
    data = {"@context": "https://schema.org", "@type": "Legislation", "name": doc.title, "url": url,
            "inLanguage": "zh-CN"}
    if doc.number:
        data["legislationIdentifier"] = doc.number
    if doc.date:
        data["legislationDate"] = doc.date.isoformat()
    if doc.issuing_body:
        data["legislationPassedBy"] = {"@type": "GovernmentOrganization", "name": doc.issuing_body}
    return data
