"""Link chronicle events and entries to the persons and agencies they name.

Persons are every person the edition knows (``known_person_names``: roster members,
the compiling committee, individual honours recipients, contributors) and the
persons the text names with a title or an appointment verb before them
(``titled_person_names``: 市长杨建武, 提名陈海东为, 副庭长田广新获得); organisations are
the forms of ``organizations.surface_forms`` (canonical name, aliases, district
variants). All of them go into one trie-shaped regex, scanned once per record
over its text without spaces (the OCR pads names: 张恒 山); the title, the by-line
of a report and the paragraphs stay separated by line breaks, which count as
boundaries.

Rules (each named in the code):
* LONGEST_FIRST: candidates are found at every position (overlapping); longer ones
  win, so X区人民政府办公室 beats X区人民政府 and 王荣华 beats 王荣. A rejected
  candidate gives way to the shorter forms it starts with (区委办 → 区委).
* AMBIGUOUS_FORM: a form that stands for two targets (a person's name that is also
  an agency alias, or a form two agencies share) is not linked at all.
* NOT_MENTIONED: X区 itself is the subject of the whole book and is not linked.
* SHORT_NAME: a two-character person name (王荣, 李军) is a name only when both
  sides look like a name boundary: on the left, a non-Han character, the start, a
  title (书记, 区长 …) or a word that introduces a person (选举, 免去, 和 …); on the
  right, a non-Han character, the end, a word that follows a person (同志, 任,
  为, 主持 …) or the start of an agency's name (免去王荣区人大常委会…职务). So 马燕 is
  not found in 马燕琴 and 李军 not in 李军辉 or in prose.
* DISTRICT_WORD: a form starting with 区 (区委, 区政府) is not the district's agency
  when the character before makes a place word with 区 (社区委员会, 园区, 城区 …).
* WHOLE_WORD: a form is a whole name, not the start of a longer word: ending in 委
  followed by 员 or 会 it is 委员 / 委员会 (区委员会 is the town's committee, 农工党市委会
  is no 市委); a ministry's name followed by 门 is a sector (公安部门 is no 公安部), while a
  district agency's is the agency itself (区委组织部门 is 区委组织部).
One Mention per (record, kind, name); ``text`` keeps the form as matched.
"""
from __future__ import annotations

import re

from .organizations import build_organizations, jurisdiction, surface_forms
from .profile import Profile, default_profile, load_profile
from .records import Mention, OrganizationInfo, Yearbook
from .source import HAN

_HAN = re.compile(f"[{HAN}]")
_SPACES = re.compile(r"[^\S\n]+")  # spaces, not the paragraph breaks (a boundary)

# Words that end right before a person's name (titles and verbs of appointment).
NAME_LEFT_WORDS = (
    "书记", "主任", "区长", "县长", "市长", "省长", "镇长", "乡长", "部长", "局长", "主席", "委员", "常委",
    "校长", "院长", "庭长", "所长", "馆长", "队长", "站长", "检察长", "理事长", "秘书长", "组长", "专员",
    "辅导员", "审判员", "检察员", "干部", "代表", "同志", "成员", "候选人",
    "选举", "任命", "免去", "提名", "同意", "决定", "接受", "推荐", "邀请", "陪同", "会见", "看望",
    "慰问", "表彰", "授予", "和", "与", "及", "同", "由", "向", "对", "请", "经", "派", "让", "给",
)
# Words that start right after a person's name.
NAME_RIGHT_WORDS = (
    "同志", "为", "任", "等", "当选", "主持", "出席", "参加", "讲话", "带队", "一行", "率", "深入",
    "调研", "作", "代表", "在", "的", "被", "获", "荣获", "担任", "兼任", "不再", "辞去", "出任",
    "和", "与", "及", "同", "到", "赴", "对", "向", "指出", "强调", "要求", "表示", "介绍", "通过",
    "书记", "主任", "区长", "县长", "部长", "局长", "主席", "委员", "校长", "院长", "所长", "馆长", "副",
    "带头", "带领", "率领", "走访", "看望", "检查", "督导", "宣讲", "一同", "分别", "先后", "共同",
    "家庭", "获得", "作的",
)
# Titles and appointment verbs after which a surname starts a person's name, for
# ``titled_person_names`` (a subset of NAME_LEFT_WORDS: no conjunctions, no verbs that
# also take things).
TITLE_WORDS = (
    "书记", "主任", "区长", "县长", "市长", "省长", "镇长", "乡长", "部长", "局长", "主席", "委员", "常委",
    "校长", "院长", "庭长", "所长", "馆长", "队长", "站长", "检察长", "理事长", "秘书长", "负责人",
    "选举", "任命", "免去", "提名",
)
# Common Chinese surnames (single-character), most frequent first, for names found by a title
# before them; a two-character name (more easily a word: 信箱, 包片) needs one of the first 100.
_SURNAMES_BY_FREQUENCY = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强"
    "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓"
    "修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植"
    "衡富尧闭由代"
)
SURNAMES = frozenset(_SURNAMES_BY_FREQUENCY)
COMMON_SURNAMES = frozenset(_SURNAMES_BY_FREQUENCY[:100])
# Characters that never end a personal name but do end agency words (区, 局, 委 …).
NOT_IN_NAME = frozenset("区县市省委局办部处科院镇街村社会党厅团组队站所中心")
# Characters that make a place word with a following 区 (社区, 城区, 园区, 县区 …).
# Not 务: 服务区 is rare and 服从服务区委决策 is common.
DISTRICT_WORD_BEFORE = frozenset("社城地辖园景小片新矿牧山库学校厂营街灾疫风护范发验能业住宅活游县")


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words``, longest alternative first at each branch."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


class MentionMatcher:
    """Finds persons and organisations in a text (see the module rules)."""

    def __init__(self, persons: list[str], orgs: list[OrganizationInfo], profile: Profile | None = None):
        profile = profile or default_profile()
        j = jurisdiction(profile)
        not_mentioned = {j.name}  # NOT_MENTIONED: the district itself
        self.short = j.short      # 区: DISTRICT_WORD
        self.kinds = {org.name: org.kind for org in orgs}
        targets: dict[str, set[tuple[str, str]]] = {}
        for name in persons:
            if len(name) >= 2:
                targets.setdefault(name, set()).add(("person", name))
        for org in orgs:
            if org.name in not_mentioned:
                continue
            for form in surface_forms(org, profile):
                if len(form) >= 2:
                    targets.setdefault(form, set()).add(("organization", org.name))
        # AMBIGUOUS_FORM
        self.target = {form: next(iter(t)) for form, t in targets.items() if len(t) == 1}
        self.ambiguous = sorted(form for form, t in targets.items() if len(t) > 1)
        forms = sorted(self.target, key=len, reverse=True)
        self.pattern = re.compile("(?=(" + _trie_regex(forms) + "))") if forms else None
        # the shorter forms each form starts with, longest first (for LONGEST_FIRST fallback)
        self.prefixes = {f: [f[:n] for n in range(len(f) - 1, 1, -1) if f[:n] in self.target]
                         for f in forms}

    def accepts(self, text: str, start: int, form: str, person_ends: set[int] = frozenset(),
                org_starts: set[int] = frozenset()) -> bool:
        end = start + len(form)
        kind, _ = self.target[form]
        if kind == "person":
            return len(form) > 2 or (self._left_boundary(text, start)
                                     and (self._right_boundary(text, end) or end in org_starts))
        if (form.startswith(self.short) and start > 0 and text[start - 1] in DISTRICT_WORD_BEFORE
                and start not in person_ends):
            return False  # DISTRICT_WORD (but <name ending in 山>|区委党校: 山 ends a name, not 山区)
        if form.endswith("委") and text.startswith(("员", "会"), end):
            return False  # WHOLE_WORD: 委员, 委员会
        if form.endswith("部") and text.startswith("门", end) and self.kinds.get(self.target[form][1]) == "higher":
            return False  # WHOLE_WORD: 公安部门 is a sector, not the ministry (区委组织部门 is 区委组织部)
        return True

    @staticmethod
    def _left_boundary(text: str, start: int) -> bool:
        if start == 0 or not _HAN.match(text[start - 1]):
            return True
        return text.endswith(NAME_LEFT_WORDS, 0, start)

    @staticmethod
    def _right_boundary(text: str, end: int) -> bool:
        if end >= len(text) or not _HAN.match(text[end]):
            return True
        return text.startswith(NAME_RIGHT_WORDS, end)

    def find(self, text: str) -> list[tuple[int, str]]:
        """(start, form) of the accepted, non-overlapping matches, in text order."""
        if not self.pattern:
            return []
        found = [(m.start(), m.group(1)) for m in self.pattern.finditer(text)]
        # a short name may end where an agency's name starts (免去徐峰|区人大常委会…职务)
        org_starts = {start for start, form in found if self.target[form][0] == "organization"}
        person_ends = {start + len(form) for start, form in found
                       if self.target[form][0] == "person" and self.accepts(text, start, form, org_starts=org_starts)}
        candidates = []
        for start, longest in found:
            for form in (longest, *self.prefixes[longest]):
                if self.accepts(text, start, form, person_ends, org_starts):
                    candidates.append((start, form))
                    break
        # LONGEST_FIRST: longer candidates claim their span first
        taken = [False] * (len(text) + 1)
        chosen = []
        for start, form in sorted(candidates, key=lambda c: (-len(c[1]), c[0])):
            span = range(start, start + len(form))
            if not any(taken[i] for i in span):
                for i in span:
                    taken[i] = True
                chosen.append((start, form))
        return sorted(chosen)


def roster_person_names(book: Yearbook) -> list[str]:
    """The distinct roster member names of the edition, in book order."""
    names = (re.sub(r"\s+", "", m.name) for r in book.rosters for m in r.members)
    return list(dict.fromkeys(n for n in names if n))


def known_person_names(book: Yearbook) -> list[str]:
    """Every person the edition knows, each once: roster members, the compiling committee and
    editorial office, individual honours recipients (a name printed as two unreadable halves,
    张有|京杰, is not one) and the contributors of the sections."""
    names = roster_person_names(book)
    names += [m.name for m in book.edition.board]
    names += [h.recipient for h in book.honours if h.kind == "individual" and "|" not in h.recipient]
    names += [s.contributor for s in book.sections if s.contributor]
    return list(dict.fromkeys(re.sub(r"\s+", "", n) for n in names if n and _NAME.fullmatch(re.sub(r"\s+", "", n))))


_NAME = re.compile(f"[{HAN}]{{2,4}}")
_TITLED = re.compile("(?:" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + f")([{HAN}]{{2,3}})")


# After a name found by its title, the words that close it (a narrow NAME_RIGHT_WORDS).
TITLED_RIGHT_WORDS = ("同志", "为", "任", "等", "作", "深入", "主持", "出席", "讲话", "带队", "一行", "率",
                      "获", "荣获", "当选", "担任", "兼任", "调研", "指出", "强调", "家庭")


def titled_person_names(texts: list[str], orgs: MentionMatcher) -> list[str]:
    """Persons the text names with a title or an appointment verb right before them (市长杨建武深入,
    提名陈海东为, 免去徐峰区人大…, 副庭长田广新获得), or right after an agency and before 家庭
    (…社区代桂芬家庭). A name starts with a common surname and ends before a word that follows a
    person, punctuation, or an agency (徐峰|区人大常委会); three characters are tried before two,
    and a two-character name needs one of the commonest surnames. ``orgs`` finds agency forms."""
    found: dict[str, None] = {}
    for text in texts:
        titled = {m.start(1) for m in _TITLED.finditer(text)}
        if not titled and "家庭" not in text:
            continue  # no candidate: spare the agency scan
        org_spans = orgs.find(text)
        org_starts = {start for start, _ in org_spans}
        after_org = {start + len(form) for start, form in org_spans} - titled
        for start in sorted(titled | after_org):
            for length in (3, 2):
                name, end = text[start:start + length], start + length
                if len(name) < length or name[0] not in (SURNAMES if length == 3 else COMMON_SURNAMES) \
                        or not _NAME.fullmatch(name) or set(name[1:]) & NOT_IN_NAME:
                    continue
                if start in after_org:
                    closed = length == 3 and text.startswith("家庭", end)
                else:
                    closed = (end >= len(text) or not _HAN.match(text[end]) or end in org_starts
                              or text.startswith(TITLED_RIGHT_WORDS if length == 2 else NAME_RIGHT_WORDS, end))
                if closed:
                    found.setdefault(name)
                    break
    return list(found)


def _records(book: Yearbook):
    """(record, section_order, record_order, source_line, text) of every event and entry; a
    report's by-line (date, occasion, speaker) is read with its title."""
    for event in book.chronicle:
        yield "event", 0, event.order, event.source_line, event.text
    for section in book.sections:
        for entry in section.entries:
            head = f"{entry.title}\n{entry.byline}" if entry.byline else entry.title
            yield "entry", section.order, entry.order, entry.source_line, f"{head}\n{entry.text}"


def edition_matcher(book: Yearbook, orgs: list[OrganizationInfo], profile: Profile) -> MentionMatcher:
    """The matcher of an edition: its known persons, the persons its text names with a title,
    and its organisations."""
    known = known_person_names(book)
    texts = [_SPACES.sub("", text) for *_, text in _records(book)]
    titled = titled_person_names(texts, MentionMatcher([], orgs, profile))
    return MentionMatcher(list(dict.fromkeys(known + titled)), orgs, profile)


def find_mentions(book: Yearbook, matcher: MentionMatcher | None = None,
                  profile: Profile | None = None) -> list[Mention]:
    """One Mention per (record, kind, name) for every chronicle event and entry."""
    if matcher is None:
        profile = profile or (load_profile(book.profile) if book.profile else default_profile())
        orgs = book.organizations or build_organizations(book, profile)
        matcher = edition_matcher(book, orgs, profile)
    mentions: list[Mention] = []
    for record, section_order, order, line, text in _records(book):
        seen = set()
        for _start, form in matcher.find(_SPACES.sub("", text)):
            kind, name = matcher.target[form]
            if (kind, name) in seen:
                continue
            seen.add((kind, name))
            mentions.append(Mention(kind=kind, name=name, record=record, record_line=line, text=form,
                                    section_order=section_order, record_order=order))
    return mentions
