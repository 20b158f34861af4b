"""The book's outline: 22 categories and their sections in book order.

The body has no category headings (GUIDE §1.1), so membership comes from this
list, built from the table of contents and 编辑说明 item 四. Each section is found
by its heading *as printed* (OCR damage included), searched in book order, which
is what tells the three ``重要会议`` sections apart.
"""
from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = [
    "特载", "大事记", "区情概览", "中国共产党金川区委员会", "金川区人民代表大会",
    "金川区人民政府", "政协金川区委员会", "金川区纪委监委", "人民团体", "法治",
    "城乡建设", "农业", "工业商业", "经济管理", "财政税收", "教育科技", "卫生医疗",
    "文化旅游", "社会生活", "乡镇街道", "先进模范", "附录",
]


@dataclass(frozen=True)
class OutlineSection:
    category: str
    name: str            # canonical section name
    heading: str | None  # the heading line as printed (compared without spaces); None = headingless
    kind: str = "sections"  # how its body is parsed: sections / report / chronicle / overview / honours / appendix
    starts_with: str | None = None  # for headingless sections: the first line starts with this


def _s(category, names, kind="sections"):
    out = []
    for n in names:
        name, heading = (n if isinstance(n, tuple) else (n, n))
        out.append(OutlineSection(category, name, heading, kind))
    return out


OUTLINE: list[OutlineSection] = [
    OutlineSection("特载", "中共金川区委工作报告", None, "report",
                   "立足新阶段 贯彻新理念 融入新格局"),
    OutlineSection("特载", "金川区人大常委会工作报告", None, "report", "金昌市金川区人大常委会工作报告"),
    OutlineSection("特载", "金川区人民政府工作报告", None, "report", "2020 年金昌市金川区人民政府工作报告"),
    OutlineSection("特载", "政协金川区委员会常务委员会工作报告", None, "report",
                   "中国人民政治协商会议 金昌市金川区第八届委员会常务委员会工作报告"),
    OutlineSection("特载", "脱贫攻坚", "脱贫攻坚"),
    OutlineSection("大事记", "2020年大事记", "2020 年大事记", "chronicle"),
    OutlineSection("区情概览", "区情概览", None, "overview", "【地理环境】"),
    *_s("中国共产党金川区委员会", ["重要会议", "区委办公室工作", "组织工作", "宣传工作", "统战工作",
                              "机构编制", "机关党建", "区委党校(区行政学校)", "政策研究", "信访工作"]),
    *_s("金川区人民代表大会", ["重要会议", "常委会会议", "常委会工作"]),
    *_s("金川区人民政府", ["政府工作", "办公室工作", "信息化建设", "机关事务管理"]),
    *_s("政协金川区委员会", ["政协工作"]),
    *_s("金川区纪委监委", ["重要会议", "纪检监察", "巡察工作"]),
    *_s("人民团体", ["工会", ("共青团", "共吉团"), "妇联", "残联", "工商业联合会"]),
    *_s("法治", ["政法委工作", "公安", "检察", "法院", "司法行政"]),
    *_s("城乡建设", ["房地产管理", "建筑管理", "城市绿化", "景区管理", "城市管理与执法", "环境卫生",
                  "环境保护", "公路交通", "市政工程"]),
    *_s("农业", ["农业农村", "林业和草原管理", "水利"]),
    *_s("工业商业", ["工业经济", "商业", "供销合作"]),
    *_s("经济管理", ["经济发展与改革", "统计", "审计", "招商", "市场监督管理", "市场管理服务",
                  ("自然资源管理", "白然资源管理"), "应急管理"]),
    *_s("财政税收", ["财政", "税务", "金融服务"]),
    *_s("教育科技", ["教育", "科技"]),
    *_s("卫生医疗", ["卫生医疗"]),
    *_s("文化旅游", ["文体旅游", "档案工作"]),
    *_s("社会生活", ["民政", "人力资源和社会保障", "医疗保障"]),
    *_s("乡镇街道", ["宁远堡镇", "双湾镇", "滨河路街道", "北京路街道", "金川路街道", "新华路街道",
                  "广州路街道", "桂林路街道"]),
    *_s("先进模范", ["先进集体", "先进个人"], "honours"),
    *_s("附录", ["重要统计资料", "重要文件辑存"], "appendix"),
]
