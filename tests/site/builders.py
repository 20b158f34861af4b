"""Realistic records for the site tests, shaped like the 2021 edition (names and figures from the book)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from chronicle.models import Event
from documents.models import Article, Chapter, DocSection, Document, Part
from stats.models import Bulletin, BulletinChapter, StatTable, TableCell, TableColumn, TableRow
from yearbook.models import (Appointment, Category, Edition, Entry, HonoraryTitle, Honour, KeyFigure,
                             Organization, OrganizationAlias, Person, Roster, Section)
from yearbook.parsing.profile import load_profile

D = dt.date


def org(name, kind, *aliases, parent=None):
    o = Organization.objects.create(name=name, kind=kind, parent=parent)
    for a in aliases:
        OrganizationAlias.objects.create(organization=o, name=a)
    return o


def table(edition, section, key, title, order, columns, rows, *, unit="", label_header="指标", chapter=None,
          number=None):
    """columns: [path, …]; rows: [(label, parent_label or None, group, unit, [cell texts])]."""
    t = StatTable.objects.create(edition=edition, section=section, key=key, number=number or "", title=title,
                                 unit=unit, label_header=label_header, order=order, chapter=chapter,
                                 source_line=4550 + order, source_line_end=4567 + order, page=190 + order)
    cols = [TableColumn.objects.create(table=t, order=i, label=path[-1], path=path)
            for i, path in enumerate(columns, 1)]
    by_label = {}
    for i, (label, parent, group, row_unit, cells) in enumerate(rows, 1):
        r = TableRow.objects.create(table=t, order=i, label=label, parent=by_label.get(parent),
                                    group=group or "", unit=row_unit, source_line=4555 + i)
        by_label[label] = r
        for col, text in zip(cols, cells):
            if text == "":
                continue
            try:
                value = Decimal(text.replace(" ", ""))
            except ArithmeticError:
                value = None
            TableCell.objects.create(row=r, column=col, value=value, text=text)
    return t


def build_site() -> SimpleNamespace:
    ns = SimpleNamespace()
    e = ns.edition = Edition.objects.create(
        year=2021, covers_year=2020, title="金川区年鉴 2021", compiler="金川区地方志编纂中心",
        sponsor="金川区人民政府", publisher="甘肃文化出版社", published="2022年1月第1版",
        editors_in_charge="刘燕", status=Edition.Status.PUBLISHED,
        editorial_notes=["《金川区年鉴2021》是由金川区人民政府主办的地方综合年鉴。"])
    ns.draft = Edition.objects.create(year=2022, covers_year=2021, title="金川区年鉴 2022",
                                      status=Edition.Status.DRAFT)

    for i, name in enumerate(["中国最大的镍钴生产基地和铂族贵金属提炼中心", "全国文明城市", "国家卫生城市"], 1):
        HonoraryTitle.objects.create(edition=e, name=name, order=i)
    KeyFigure.objects.create(edition=e, indicator="地区生产总值", value=Decimal("271.41"), unit="亿元",
                             change_pct=Decimal("9.2"), order=1, text="全区实现地区生产总值271.41亿元")
    KeyFigure.objects.create(edition=e, indicator="三次产业结构比", value_text="2.62:75.09:22.29", order=2)
    KeyFigure.objects.create(edition=e, indicator="社会消费品零售总额", value=Decimal("67.68"), unit="亿元",
                             change_pct=Decimal("-3.1"), order=3)
    KeyFigure.objects.create(edition=e, indicator="粮食种植面积", value=Decimal("20.63"), unit="万亩",
                             change_value=Decimal("2.3"), change_unit="万亩", order=4)

    # -- agencies ----------------------------------------------------------------
    ns.gov = org("金川区人民政府", "government", "区政府", "区人民政府")
    ns.party = org("中共金川区委", "party", "区委", "中国共产党金川区委员会")
    ns.stats_bureau = org("区统计局", "bureau", "金川区统计局", parent=ns.gov)
    ns.media = org("金川区融媒体中心", "bureau", "融媒体中心", "区融媒体中心")
    ns.school = org("区委党校", "party", "区委党校(区行政学校)", parent=ns.party)
    ns.town = org("双湾镇", "town", "金川区双湾镇")
    ns.provincial_stats = org("甘肃省统计局", "higher")
    ns.ministry = org("司法部", "higher")
    ns.city = org("金昌市人民政府", "higher")
    ns.court_office = org("金川区广州路司法所", "judicial")
    ns.draft_only_org = org("草稿局", "bureau")

    # -- persons -----------------------------------------------------------------
    ns.zhang = Person.objects.create(name="张恒山", key="张恒山", gender="M")
    ns.zhou = Person.objects.create(name="周益民", key="周益民")
    ns.li = Person.objects.create(name="李晓燕", key="李晓燕", gender="F")
    ns.li2 = Person.objects.create(name="李晓燕", key="李晓燕-2", gender="F")
    ns.pan = Person.objects.create(name="潘冰", key="潘冰", gender="F")
    ns.feng = Person.objects.create(name="冯得辉", key="冯得辉")
    ns.zhao = Person.objects.create(name="赵东岩", key="赵东岩", gender="M")
    ns.shan = Person.objects.create(name="单文华", key="单文华")
    ns.draft_only = Person.objects.create(name="王草稿", key="王草稿")

    # -- categories and sections ---------------------------------------------------
    cats = {name: Category.objects.create(edition=e, name=name, order=i)
            for i, name in enumerate(load_profile("jinchuan-2021").categories(), 1)}
    ns.categories = cats
    order = iter(range(1, 100))

    def section(cat, name, **kw):
        return Section.objects.create(edition=e, category=cats[cat], name=name, order=next(order),
                                      source_line=kw.pop("line", 1000), page=kw.pop("page", None), **kw)

    ns.report = section("特载", "金川区人民政府工作报告", line=749, page=17)
    Entry.objects.create(
        section=ns.report, title="2020年金昌市金川区人民政府工作报告", order=1, kind="report",
        byline="——2021年1月27日在金川区第八届人民代表大会第五次会议上 金川区区长 张恒山",
        subheadings=["2020年工作回顾"], body="各位代表:\n2020年工作回顾\n过去一年,全区地区生产总值增长9.2%。",
        source_line=749, source_line_end=1021, page=17)
    ns.chronicle_section = section("大事记", "2020年大事记", line=1167, page=38, kind="chronicle")
    ns.meetings = section("中国共产党金川区委员会", "重要会议", line=1506, page=50, organization=ns.party)
    ns.gov_section = section("金川区人民政府", "政府工作", line=2040, page=70, contributor="于容莹",
                             organization=ns.gov)
    ns.stats_section = section("经济管理", "统计", line=3104, page=128, contributor="王江龙",
                               organization=ns.stats_bureau)
    ns.audit = section("经济管理", "审计", line=3138, page=130)
    ns.culture = section("文化旅游", "文体旅游", line=3557, page=152)
    ns.medical = section("社会生活", "医疗保障", line=3765, page=163)
    ns.town_section = section("乡镇街道", "双湾镇", line=3899, page=168, organization=ns.town)
    ns.collective = section("先进模范", "先进集体", line=4356, page=184, kind="honours")
    ns.individual = section("先进模范", "先进个人", line=4435, page=187, kind="honours")
    ns.appendix_stats = section("附录", "重要统计资料", line=4538, page=190, kind="tables")
    ns.appendix_docs = section("附录", "重要文件辑存", line=4740, page=195, kind="documents")

    ns.gov_entry = Entry.objects.create(
        section=ns.gov_section, title="政务服务", order=1, source_line=2042, page=70,
        body="区长张恒山主持召开区政府常务会议,研究政务服务改革。\n全年办理政务服务事项12万件。")
    ns.gov_entry.persons.add(ns.zhang)
    ns.gov_entry.organizations.add(ns.gov)
    ns.party_building = Entry.objects.create(section=ns.gov_section, title="党建工作", order=2, source_line=2050,
                                             body="加强机关党建。")
    ns.party_building2 = Entry.objects.create(section=ns.gov_section, title="党建工作", ordinal=2, order=3,
                                              source_line=2056, body="开展主题党日活动。")
    ns.stats_entry = Entry.objects.create(
        section=ns.stats_section, title="统计法治建设", order=1, source_line=3108, page=128,
        body="结合\"双随机一公开\"检查,配合市统计局累计开展统计执法5次。", corrected=True,
        printed_text="结合\"双随机一公开\"检查,配合市统汁局累计开展统计执法5次。")
    ns.stats_entry.organizations.add(ns.stats_bureau)
    Entry.objects.create(section=ns.stats_section, title="第七次全国人口普查", order=2, source_line=3114,
                         body="全区划分成53个普查区、1060个普查小区。")
    Entry.objects.create(section=ns.audit, title="审计监督", order=1, source_line=3140, body="完成审计项目18个。")
    ns.media_entry = Entry.objects.create(
        section=ns.culture, title="媒体融合", order=1, source_line=3560,
        body="金川区融媒体中心全年发布新闻稿件3200余条。")
    ns.media_entry.organizations.add(ns.media)
    Entry.objects.create(section=ns.town_section, title="综述", order=1, source_line=3901,
                         body="双湾镇辖15个行政村。")

    # -- rosters --------------------------------------------------------------------
    def roster(o, sec, heading, order_, members):
        r = Roster.objects.create(edition=e, organization=o, section=sec, heading=heading, order=order_,
                                  source_line=sec.source_line + 30, source_line_end=sec.source_line + 40)
        for i, (person, title, start, end, note) in enumerate(members, 1):
            Appointment.objects.create(roster=r, edition=e, organization=o, person=person, title=title,
                                       title_normalized=title, start=start, end=end, note=note, order=i,
                                       source_line=sec.source_line + 30 + i)
        return r

    ns.party_roster = roster(ns.party, ns.meetings, "中共金川区委领导班子成员", 1, [
        (ns.zhang, "区委副书记、区长", D(2020, 1, 1), None, "2020年1月任")])
    ns.gov_roster = roster(ns.gov, ns.gov_section, "金川区人民政府领导班子成员", 2, [
        (ns.zhang, "区长", D(2020, 1, 1), None, "2020年1月任"),
        (ns.zhou, "区长", None, D(2020, 1, 1), "任至2020年1月"),
        (ns.shan, "副区长", D(2020, 5, 1), D(2020, 8, 1), "2020年5月-2020年8月")])
    ns.stats_roster = roster(ns.stats_bureau, ns.stats_section, "区统计局领导班子成员", 3, [
        (ns.feng, "党组书记、局长", None, None, ""),
        (ns.li, "党组成员、副局长", None, D(2020, 12, 1), "女,任至2020年12月"),
        (ns.pan, "党组成员、副局长", D(2020, 12, 1), None, "女,2020年12月任")])
    ns.town_roster = roster(ns.town, ns.town_section, "双湾镇领导班子成员", 4, [
        (ns.li2, "副镇长", D(2020, 4, 1), None, "女,政法委员 2020年4月任")])

    # -- chronicle --------------------------------------------------------------------
    def event(order_, date, text, *, precision="day", marker="date", date_end=None, persons=(), orgs=(),
              **kw):
        ev = Event.objects.create(edition=e, order=order_, date=date, date_end=date_end, precision=precision,
                                  marker=marker, text=text, source_line=1169 + 2 * order_, page=38, **kw)
        ev.persons.add(*persons)
        ev.organizations.add(*orgs)
        return ev

    ns.ev_zhang = event(1, D(2020, 1, 8), "经区委常委会会议讨论决定,张恒山任区政府党组成员、书记。",
                        persons=[ns.zhang], orgs=[ns.party, ns.gov])
    ns.ev_delta = event(2, D(2020, 1, 8), "接中共金昌市委文件,提名张恒山为区人民政府区长候选人。", marker="delta",
                        persons=[ns.zhang])
    ns.ev_range = event(3, D(2020, 1, 10), "中国共产党金昌市金川区第七届委员会第十一次全体会议召开。",
                        date_end=D(2020, 1, 11))
    ns.ev_month = event(4, D(2020, 4, 1), "金川区\"包帮责任制\"正式实施。", precision="month", marker="month")
    ns.ev_media = event(5, D(2020, 6, 15), "金川区融媒体中心挂牌成立。", orgs=[ns.media])
    ns.ev_corrected = event(6, D(2020, 7, 20), "李生虎主持召开区委常委会会议。", corrected=True,
                            printed_text="李牛虎主持召开区委常委会会议。")
    ns.ev_stats = event(7, D(2020, 11, 1), "第七次全国人口普查入户登记开始,区统计局组织普查员入户。",
                        orgs=[ns.stats_bureau])

    # -- honours ------------------------------------------------------------------------
    def honour(kind, order_, recipient, award, date, bodies, *, gender="", work_unit="", organization=None,
               person=None, work_unit_org=None, **kw):
        h = Honour.objects.create(
            edition=e, kind=kind, order=order_, recipient=recipient, award=award, date=date,
            awarded_by_names=[b.name for b in bodies], gender=gender, work_unit=work_unit,
            organization=organization, person=person, work_unit_org=work_unit_org, source_line=4362 + order_,
            page=184, **kw)
        h.awarded_by.add(*bodies)
        return h

    ns.h_court = honour("collective", 1, "金川区广州路司法所", "\"大排查、早调解、护稳定、迎国庆\"专项活动表现突出集体",
                        D(2020, 1, 1), [ns.ministry], organization=ns.court_office)
    ns.h_stats = honour("collective", 2, "区统计局", "全省统计工作先进集体", D(2020, 9, 1), [ns.provincial_stats],
                        organization=ns.stats_bureau)
    ns.h_city = honour("collective", 3, "双湾镇", "金昌市双拥工作先进单位", D(2020, 12, 1), [ns.city],
                       organization=ns.town)
    ns.h_zhao = honour("individual", 1, "赵东岩", "从事统计工作三十年以上荣誉", D(2020, 7, 1), [ns.provincial_stats],
                       gender="M", work_unit="金川区统计局", person=ns.zhao, work_unit_org=ns.stats_bureau)
    ns.h_li = honour("individual", 2, "李晓燕", "全国统计系统先进工作者", D(2020, 12, 1), [ns.ministry],
                     gender="F", work_unit="区统计局", person=ns.li, work_unit_org=ns.stats_bureau,
                     needs_review=True, review_note="姓名印刷不清")

    # -- statistics -----------------------------------------------------------------------
    Bulletin.objects.create(edition=e, title="2020年金昌市金川区国民经济和社会发展统计公报",
                            author="金昌市金川区统计局", issued=D(2021, 8, 1), intro="2020年,面对复杂严峻的形势……",
                            notes=["本公报中部分数据为初步统计数。"])
    BulletinChapter.objects.create(edition=e, number=1, title="一、综合", text="全区实现地区生产总值271.41亿元。",
                                   tables=["表1"], source_line=4546, page=190)
    BulletinChapter.objects.create(edition=e, number=5, title="五、国内贸易和对外经济",
                                   text="全年社会消费品零售总额67.68亿元。", tables=["表5"], source_line=4650)
    ns.table1 = table(e, ns.appendix_stats, "表1", "2020年全区生产总值分行业情况", 1,
                      [["2020年", "绝对数"], ["2020年", "比上年增长"]], [
                          ("生产总值", None, "", "", ["271.41", "9. 2"]),
                          ("农林牧渔业", None, "", "", ["8. 20", "8.8"]),
                          ("工业", None, "", "", ["183. 97", "11.6"]),
                          ("建筑业", None, "", "", ["79.24", "3. 3"])],
                      unit="亿元、%", chapter=1, number="表1")
    ns.table5 = table(e, ns.appendix_stats, "表5", "2020年全区国内贸易情况", 5,
                      [["2020年", "绝对数"], ["2020年", "比上年增长(%)"]], [
                          ("社会消费品零售额", None, "", "万元", ["676772.5", "-3. 1"]),
                          ("按经营地分", None, "", "", []),
                          ("城镇", "按经营地分", "按经营地分", "万元", ["576874.6", "-2. 7"]),
                          ("城区", "城镇", "城镇", "万元", ["446359.4", "-2.8"]),
                          ("乡村", "按经营地分", "按经营地分", "万元", ["99897. 9", "-5. 5"])],
                      chapter=5, number="表5")
    ns.relief = table(e, ns.medical, "2020年金川区医疗救助资金统计表", "2020年金川区医疗救助资金统计表", 12,
                      [["人次"], ["金额(万元)"]], [
                          ("一站式结算", None, "医疗救助", "", ["1826", "176. 49"]),
                          ("普通城乡居民", None, "医疗救助", "", ["1445", "396. 98"]),
                          ("定额资助", None, "资助参保", "", ["6717", "131. 65"])],
                      label_header="项目")

    # -- documents ---------------------------------------------------------------------------
    ns.doc = Document.objects.create(
        edition=e, key="金区政发〔2020〕46号", number="金区政发〔2020〕46号", title="金川区市容和环境卫生管理办法",
        date=D(2020, 5, 27), kind="办法", issuing_body="金川区人民政府", issuing_org=ns.gov, order=1,
        source_line=4742, page=195)
    ch1 = Chapter.objects.create(document=ns.doc, number=1, title="总则")
    ch2 = Chapter.objects.create(document=ns.doc, number=2, title="市容管理")
    sec = DocSection.objects.create(chapter=ch2, number=1, title="建(构)筑物管理")
    labels = ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条", "第八条", "第九条", "第十条"]
    for i, label in enumerate(labels, 1):
        Article.objects.create(document=ns.doc, number=i, label=label, chapter=ch1 if i <= 5 else ch2,
                               section=sec if i > 5 else None,
                               text="为进一步加强市容和环境卫生管理,制定本办法。" if i == 1 else f"{label}的条文,涉及城市管理。")
    ns.doc_parts = Document.objects.create(
        edition=e, key="金区政发〔2020〕39号", number="金区政发〔2020〕39号", title="金川区城区街路巷及地名区域命名方案",
        kind="方案", issuing_body="金川区人民政府", order=2, complete=False, source_line=5600)
    p1 = Part.objects.create(document=ns.doc_parts, order=1, number=1, label="一、", title="总体要求",
                             text="以习近平新时代中国特色社会主义思想为指导。")
    Part.objects.create(document=ns.doc_parts, order=2, number=2, label="二、", title="基本原则", text="",
                        items=["(一)政策性原则。", "(二)科学性原则。"])
    Part.objects.create(document=ns.doc_parts, order=3, number=1, label="(一)", title="主干道命名", parent=p1,
                        text="新华路以北的道路。")

    # -- a draft edition's records are not public -----------------------------------------------
    draft_cat = Category.objects.create(edition=ns.draft, name="经济管理", order=1)
    draft_sec = Section.objects.create(edition=ns.draft, category=draft_cat, name="统计", order=1)
    Entry.objects.create(section=draft_sec, title="草稿条目", order=1, body="草稿局的未发布内容。")
    draft_roster = Roster.objects.create(edition=ns.draft, organization=ns.draft_only_org, heading="草稿局领导班子",
                                         order=1)
    Appointment.objects.create(roster=draft_roster, edition=ns.draft, organization=ns.draft_only_org,
                               person=ns.draft_only, title="局长", order=1)
    return ns


def grow(ns, n: int = 20) -> None:
    """More of everything, to show that the number of queries per page does not grow with the data."""
    e = ns.edition
    start = Person.objects.filter(name__startswith="测试").count()   # grow() may be called more than once
    for i in range(start, start + n):
        p = Person.objects.create(name=f"测试{i}", key=f"测试{i}")
        r = Roster.objects.create(edition=e, organization=ns.stats_bureau, section=ns.stats_section,
                                  heading=f"区统计局名录{i}", order=1000 + i)
        Appointment.objects.create(roster=r, edition=e, organization=ns.stats_bureau, person=p, title="科员",
                                   order=1, start=D(2020, 3, 1))
        Appointment.objects.create(roster=r, edition=e, organization=ns.gov, person=ns.zhang, title=f"兼职{i}",
                                   order=2)
        entry = Entry.objects.create(section=ns.stats_section, title=f"统计条目{i}", order=1000 + i,
                                     body=f"张恒山与区统计局第{i}项工作。")
        entry.persons.add(ns.zhang, p)
        entry.organizations.add(ns.stats_bureau, ns.media)
        ev = Event.objects.create(edition=e, order=1000 + i, date=D(2020, 1 + i % 12, 1 + i % 28),
                                  text=f"张恒山出席融媒体中心活动{i}。")
        ev.persons.add(ns.zhang, p)
        ev.organizations.add(ns.media, ns.stats_bureau)
        h = Honour.objects.create(edition=e, kind="individual", order=1000 + i, recipient=p.name, person=p,
                                  award=f"统计先进{i}", date=D(2020, 1 + i % 12, 1), awarded_by_names=["甘肃省统计局"],
                                  work_unit_org=ns.stats_bureau, gender="F" if i % 2 else "M")
        h.awarded_by.add(ns.provincial_stats)
        OrganizationAlias.objects.create(organization=ns.stats_bureau, name=f"统计局别名{i}")
        table(e, ns.stats_section, f"测试表{i}", f"测试表{i}", 1000 + i, [["甲", "乙"], ["甲", "丙"]],
              [(f"行{j}", None, "", "", ["1", "2"]) for j in range(3)])
        Article.objects.create(document=ns.doc, number=100 + i, label=f"附条{i}", text="城市管理附条。")
