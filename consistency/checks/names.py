"""Persons: near-identical names that may be one person, titles in the text that disagree with the
roster, and names in the text that match no person."""
from __future__ import annotations

import re
from collections import defaultdict

from .data import Edition, Problem, Ref

# Characters OCR takes for one another in names (干/王, 牛/生 …): general OCR knowledge, not one book's.
CONFUSABLE = ["干王", "牛生", "白自", "于干", "己已巳", "未末", "日曰", "士土", "人入", "刀力", "天夭", "仟任",
              "燕艳", "晓小", "丽俪", "玲铃", "红虹", "峰锋", "荣蓉", "静婧"]
# The commonest surnames (first character of a name read from prose).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜"
    "冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝银湛贠富蔺")
# Words that end a title in prose: 区长张恒山, 局长潘存生, 主任田世伦.
_TITLE_END = re.compile(r"(?:书记|副书记|区长|市长|县长|主任|主席|局长|部长|院长|校长|所长|馆长|队长|站长|社长|"
                        r"委员|常委|理事长|秘书长|组长|专员|检察长|庭长|镇长|主任委员|政委)$")
_PRE_TITLE = re.compile(r"([\u4e00-\u9fff、()]{2,24})$")
_TITLE_BEFORE_NAME = re.compile(
    r"(?:书记|区长|市长|主任|主席|局长|部长|院长|校长|所长|馆长|队长|站长|理事长|秘书长|检察长|庭长|镇长|政委)"
    r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?=作|在|主持|出席|讲话|同志|等|和|与|及|,|、|。|;|:|\))")
# Words that follow a title in prose but are not names (局长包片, 书记带队).
NOT_NAMES = {"包片", "包抓", "带队", "牵头", "挂帅", "亲自", "包村", "包联", "主持", "任组长", "担任"}
# Leading words of a title that only say where (金川区…, 区委…): the roster prints the same title bare.
_PLACE_PREFIX = re.compile(r"^(?:中共)?(?:金昌市)?(?:金川区|区)?(?:委|人民政府|政府|人大常委会|政协)?")


def _variants(name: str) -> set[str]:
    out = set()
    for i, ch in enumerate(name):
        for group in CONFUSABLE:
            if ch in group:
                for other in group:
                    if other != ch:
                        out.add(name[:i] + other + name[i + 1:])
    return out


def check_similar_names(edition: Edition) -> list[Problem]:
    """Two persons whose names sound the same (李晓燕 / 李晓艳) or differ by a character OCR confuses
    (王爱军 / 干爱军): perhaps one person read two ways."""
    persons = [p for p in edition.persons if len(p.name) >= 2]
    by_name: dict[str, list] = defaultdict(list)
    by_sound: dict[str, list] = defaultdict(list)
    for p in persons:
        by_name[p.name].append(p)
        if p.pinyin:
            by_sound[(p.pinyin.replace(" ", ""), len(p.name))].append(p)
    pairs: dict[tuple[str, str], str] = {}
    for group in by_sound.values():
        names = sorted({p.name for p in group})
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                pairs[(a, b)] = "读音相同"
    for name in by_name:
        for other in _variants(name):
            if other in by_name:
                key = tuple(sorted((name, other)))
                pairs.setdefault(key, "字形相近")
    problems = []
    for (a, b), why in sorted(pairs.items()):
        refs = [p.ref for p in by_name[a] + by_name[b]]
        problems.append(Problem("similar_names", f"{a}|{b}", f"“{a}”与“{b}”{why}，可能是同一人（识别或印刷有误）。",
                                refs, {"names": [a, b], "why": why}))
    return problems


def _core_title(title: str) -> list[str]:
    """区委副书记、区长 → [副书记, 区长]: each post of a title, without the place words in front."""
    parts = re.split(r"[、,，]", title)
    out = []
    for p in parts:
        p = re.sub(r"\(.*?\)", "", p).strip()
        core = _PLACE_PREFIX.sub("", p) or p
        if core:
            out.append(core)
    return out


def title_agrees(text_title: str, roster_titles: list[str]) -> bool:
    """Does any post of the title in the text appear among the roster's posts of that person?
    代区长 agrees with 区长; 副书记 with 区委副书记; 局长 with 党组书记、局长."""
    roster_posts = [c for t in roster_titles for c in _core_title(t)] + roster_titles
    for post in _core_title(text_title):
        bare = post.removeprefix("代").removeprefix("原")
        if any(bare in r or r.endswith(bare) or bare.endswith(r) for r in roster_posts if r):
            return True
    return False


def check_titles(edition: Edition) -> list[Problem]:
    """A roster person named in the text with a title the rosters do not give them."""
    titles: dict[str, list[str]] = defaultdict(list)
    refs: dict[str, list[Ref]] = defaultdict(list)
    for a in edition.appointments:
        if len(a.name) >= 2 and a.title:
            titles[a.name].append(a.title)
            refs[a.name].append(a.ref)
    # One name held by two roster persons (李晓燕, 李晓燕-2): the text cannot tell which, so no finding.
    keys: dict[str, set[str]] = defaultdict(set)
    for a in edition.appointments:
        keys[a.name].add(a.person_key)
    names = sorted((n for n in titles if len(keys[n]) == 1), key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in names))
    found: dict[tuple[str, str], list[Ref]] = defaultdict(list)
    for t in edition.texts:
        for m in pattern.finditer(t.text):
            before = _PRE_TITLE.search(t.text[max(0, m.start() - 24):m.start()])
            if not before or not _TITLE_END.search(before.group(1)):
                continue
            # The title phrase: from the last clause break; 市委副书记、市长杨建武 names a city post.
            title = re.split(r"[,，。;；:：\"《》]", before.group(1))[-1]
            title = re.sub(r"^.*?(?:由|任|为|是|经|和|与|及|向|对|听取|同意|选举|任命)(?=[\u4e00-\u9fff]{2})", "", title)
            if title.startswith(("市", "省", "中共金昌市", "金昌市")) or len(title) < 2:
                continue
            if title_agrees(title, titles[m.group()]):
                continue
            found[(m.group(), title)].append(t.ref)
    problems = []
    for (name, title), where in sorted(found.items()):
        roster = "；".join(dict.fromkeys(titles[name]))
        places = "、".join(dict.fromkeys(f"{r.label}（第{r.line}行）" if r.line else r.label for r in where))
        problems.append(Problem("title", f"{name}|{title}",
                                f"正文称{name}为“{title}”，领导班子名录中为“{roster}”：{places}。",
                                list(dict.fromkeys(where)) + refs[name][:3],
                                {"name": name, "text_title": title, "roster_titles": list(dict.fromkeys(titles[name]))}))
    return problems


def check_unknown_names(edition: Edition, known_names: set[str] | None = None) -> list[Problem]:
    """Names the text gives after a title (局长潘存生) that match no person of the database."""
    known = set(known_names or ()) | {p.name for p in edition.persons} | set(edition.contributors)
    found: dict[str, list[Ref]] = defaultdict(list)
    for t in edition.texts:
        for m in _TITLE_BEFORE_NAME.finditer(t.text):
            name = m.group("name")
            if name[0] not in SURNAMES or name in known or name in NOT_NAMES:
                continue
            if any(k.startswith(name) or name.startswith(k) for k in known if len(k) >= 2 and k[0] == name[0]
                   and abs(len(k) - len(name)) == 1):
                continue   # 张恒 of 张恒山 cut short by the pattern, or the reverse
            found[name].append(t.ref)
    problems = []
    for name, where in sorted(found.items()):
        places = "、".join(dict.fromkeys(f"{r.label}（第{r.line}行）" if r.line else r.label for r in where))
        problems.append(Problem("unknown_name", name, f"正文中的人名“{name}”没有对应的人物记录：{places}。",
                                list(dict.fromkeys(where)), {"name": name}))
    return problems
