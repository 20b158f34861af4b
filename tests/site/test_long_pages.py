"""Pages about agencies and persons stay short however many editions are loaded: the agency page shows
one edition (with a selector of the others), the person page the latest appointments and mentions
(with their totals and a link to all of them)."""
import datetime as dt
import re

import pytest

from chronicle.models import Event
from yearbook.models import Appointment, Edition, Entry, Organization, Person, Roster
from yearbook.selectors import agencies as agency_selectors
from yearbook.selectors import people as selectors

from .builders import grow
from .test_pages import text_of

pytestmark = pytest.mark.django_db


def section_html(html: str, anchor: str) -> str:
    return re.search(rf'<section aria-labelledby="{anchor}">.*?</section>', html, flags=re.S).group(0)


@pytest.fixture
def older_edition(site):
    """A published 2020 edition in which 区统计局 has another roster (旧局长) and one mention."""
    e = Edition.objects.create(year=2020, covers_year=2019, title="金川区年鉴 2020",
                               status=Edition.Status.PUBLISHED)
    old = Person.objects.create(name="旧局长", key="旧局长")
    r = Roster.objects.create(edition=e, organization=site.stats_bureau, heading="区统计局领导班子", order=1)
    Appointment.objects.create(roster=r, edition=e, organization=site.stats_bureau, person=old, title="局长",
                               order=1, start=dt.date(2019, 5, 1))
    ev = Event.objects.create(edition=e, order=1, date=dt.date(2019, 6, 1), text="区统计局召开二〇一九年统计工作会议。")
    ev.organizations.add(site.stats_bureau)
    return e


def test_agency_page_shows_the_latest_edition_with_a_roster_by_default(site, older_edition, page):
    html = page("/agencies/区统计局/")
    text = text_of(html)
    assert "正在查看 2021卷" in text
    assert "<title>冯得辉 党组书记、局长：全年在任</title>" in html          # the 2021 roster
    shown = text_of(html.replace(section_html(html, "succession"), ""))
    assert "旧局长" not in shown and "二〇一九年统计工作会议" not in text    # nothing of 2020 but its link…
    assert 'href="?year=2020"' in html and ">2020卷</a>" in html
    # …and the succession of its offices over every edition
    assert "局长 旧局长 2019年5月任 · 2020卷 冯得辉 2021卷" in text_of(section_html(html, "succession"))
    assert "全省统计工作先进集体" in text                                   # 2021 honours
    assert "统计法治建设" in text                                           # its 2021 section's entries


def test_agency_page_year_picks_another_edition(site, older_edition, page):
    html = page("/agencies/区统计局/", year="2020")
    text = text_of(html)
    assert "正在查看 2020卷" in text and 'href="?year=2021"' in html
    assert "<title>旧局长 局长：2019年5月任</title>" in html                 # the 2020 roster and timeline
    shown = text_of(html.replace(section_html(html, "succession"), ""))
    assert "冯得辉" not in shown and "潘冰" not in shown
    assert "二〇一九年统计工作会议" in text                                   # the 2020 mention
    assert "全省统计工作先进集体" not in text and "统计法治建设" not in text   # not the 2021 records
    # the totals count every edition: the 2021 events plus the 2020 one
    events = Event.objects.filter(organizations=site.stats_bureau, edition__status="published").count()
    assert f"大事记 {events}件" in text and f"（各卷共{events}件）" in text
    assert "引用：《金川区年鉴 2020》" in text


@pytest.mark.parametrize("year", ["2022", "1999", "abc"])
def test_agency_page_unknown_draft_or_bad_year_is_not_found(site, older_edition, page, year):
    page("/agencies/区统计局/", status=404, year=year)


def test_agency_page_edition_list_only_names_editions_that_record_the_agency(site, page):
    Edition.objects.create(year=2019, covers_year=2018, title="金川区年鉴 2019", status=Edition.Status.PUBLISHED)
    html = page("/agencies/区统计局/")
    assert ">2021卷<" in html and "2019卷" not in html
    listed = agency_selectors.agency_page(site.stats_bureau)
    assert [e.year for e in listed.editions] == [2021] and listed.edition.year == 2021


def test_person_page_shows_a_short_career_whole_but_only_the_latest_mentions(site, page):
    grow(site, 25)      # 25 more events, entries and appointments of 张恒山
    n_events = site.zhang.events.count()
    n_entries = site.zhang.entries.count()
    assert n_events > selectors.MENTIONS_SHOWN and n_entries > selectors.MENTIONS_SHOWN
    html = page("/people/张恒山/")
    text = text_of(html)
    assert "兼职0" in text and "兼职24" in text                           # every appointment stays
    events = section_html(html, "events")
    assert events.count("<li>") == selectors.MENTIONS_SHOWN
    assert f"最近20件，共{n_events}件" in text_of(events)
    assert "提名张恒山为区人民政府区长候选人" in events                    # the first events (order) are shown
    assert "融媒体中心活动24" not in events                                # the last one is not
    assert 'href="/people/%E5%BC%A0%E6%81%92%E5%B1%B1/?all=events#events"' in events
    assert f"查看全部 {n_events} 件大事记" in text_of(events)
    entries = section_html(html, "entries")
    assert entries.count("<li>") == selectors.MENTIONS_SHOWN
    assert f"最近20条，共{n_entries}条" in text_of(entries) and "?all=entries" in entries


def test_person_page_all_mentions_are_paginated(site, page, monkeypatch):
    grow(site, 25)
    n_events = site.zhang.events.count()
    monkeypatch.setattr(selectors, "MENTIONS_PER_PAGE", 10)
    first = section_html(page("/people/张恒山/", all="events"), "events")
    assert first.count("<li>") == 10 and f"第 1 / {-(-n_events // 10)} 页" in text_of(first)
    assert f"{n_events}件" in text_of(first) and "只看最近20件" in text_of(first)
    last = section_html(page("/people/张恒山/", all="events", page="99"), "events")   # past the end: the last
    assert "融媒体中心活动24" in last and last.count("<li>") == n_events - 10 * ((n_events - 1) // 10)
    html = page("/people/张恒山/", all="events")
    assert section_html(html, "entries").count("<li>") == selectors.MENTIONS_SHOWN   # the other list stays short
    page("/people/张恒山/", all="nonsense")                                          # ignored


def test_person_page_long_career_shows_the_latest_appointments_with_a_link_to_all(site, page, monkeypatch):
    grow(site, selectors.APPOINTMENTS_SHOWN + 5)
    total = Appointment.objects.filter(person=site.zhang).count()
    assert total > selectors.APPOINTMENTS_SHOWN
    html = page("/people/张恒山/")
    posts = section_html(html, "posts")
    assert posts.count("<tr>") - 1 == selectors.APPOINTMENTS_SHOWN      # the rows, less the header
    assert f"最近{selectors.APPOINTMENTS_SHOWN}项，共{total}项" in text_of(posts)
    assert f"查看全部 {total} 项任职" in text_of(posts) and "?all=appointments#posts" in posts
    monkeypatch.setattr(selectors, "MENTIONS_PER_PAGE", 10)
    pages = [section_html(page("/people/张恒山/", all="appointments", page=str(n)), "posts")
             for n in range(1, -(-total // 10) + 1)]
    assert f"第 1 / {len(pages)} 页" in text_of(pages[0]) and f"{total}项" in text_of(pages[0])
    titles = [t for p in pages for t in re.findall(r"<td>(兼职\d+|[^<]*)</td>", p) if t.startswith("兼职")]
    assert sorted(titles) == sorted(a.title for a in Appointment.objects.filter(person=site.zhang)
                                    if a.title.startswith("兼职"))      # every appointment, once


def test_person_page_without_more_mentions_shows_no_link(site, page):
    html = page("/people/张恒山/")
    assert "?all=events" not in html and "?all=entries" not in html and "?all=appointments" not in html
    assert Entry.objects.filter(persons=site.zhang).count() <= selectors.MENTIONS_SHOWN


def test_person_page_current_post_and_citation_stay_the_latest_on_any_page_of_all_appointments(site, page,
                                                                                               monkeypatch):
    grow(site, selectors.APPOINTMENTS_SHOWN + 5)
    monkeypatch.setattr(selectors, "MENTIONS_PER_PAGE", 10)
    latest = selectors.person_appointments(site.zhang).first()
    expected = f"职务 {latest.organization.name} {latest.title}"
    assert expected in text_of(page("/people/张恒山/"))
    last_page = text_of(page("/people/张恒山/", all="appointments", page="99"))
    assert "第 4 / 4 页" in last_page and expected in last_page
    citation = last_page.split("引用：")[1].split("http")[0]
    assert latest.roster.heading in citation and "名录" not in citation


def test_person_and_agency_pages_list_an_entry_that_names_several_people_once(site, page):
    """The mention lists are joined through the mentions tables: an entry naming three persons and two agencies
    is still one line on each of their pages."""
    others = [Person.objects.create(name=f"同条{i}", key=f"同条{i}") for i in range(2)]
    entry = Entry.objects.filter(persons=site.zhang).first()
    entry.persons.add(*others)
    entry.organizations.add(site.stats_bureau, *Organization.objects.exclude(pk=site.stats_bureau.pk)[:1])
    for path, key in (("/people/张恒山/", "entries"), ("/people/同条0/", "entries"), ("/agencies/区统计局/", "entries")):
        html = page(path)
        links = re.findall(r'<li><a href="([^"]+)"', section_html(html, key))
        assert links and len(links) == len(set(links)), path
        assert entry.title in text_of(section_html(html, key)), path
