"""A sample digest built from the seed corpus, for tests, screenshots and trying the exporters.

The passages, titles and authors are quoted from the seed documents (shared/corpus/seeds:
a compilation from 中国科学技术发展战略研究院, two journal papers and a newspaper page); the
notes, commentary and cover are made up for the sample.

    python -m userdata.digest.export.sample OUT_FOLDER     # writes sample.docx/.pdf/.html/.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from userdata.digest.document import Commentary, Cover, DigestDocument, NoteBlock, Quotation, Section

REFERENCES = (
    "薛美慧, 丁明磊, 尹西明. 以国家战略科技力量体系化创新发展新质生产力[J]. 中国科技论坛, 2025(5).",
    "卢阳旭, 何光喜. 进一步推动高水平科技开放合作的内涵、挑战与建议[J]. 人民论坛·学术前沿, 2025(7).",
    "刘如. 打通科技成果转化“最后一公里”[N]. 科技日报, 2025-07-14.",
    "王旭, 刘锐, 何俊琦. 科技情报支撑山西省科技安全治理对策研究[J]. 情报工程, 2026, 12(1).",
    "周宁南, 翟一鸣, 李艳. 新安全格局下的科技安全：重要意义、现实挑战与对策思考[J]. 国家安全研究.",
    "郭海成. 筑牢科技安全屏障 赋能高质量发展[N]. 晋中日报, 2026-04-13(3).",
)

_Q1 = ("国家战略科技力量是国家创新体系的重要组成部分，承担知识生产载体、创新执行载体、创新来源载体、"
       "创新过程载体、创新人才培育载体等重要角色，推动国家科技创新形成“专业－产业”耦合范式，"
       "在催生新质生产力的同时重塑与之相适应的生产关系。")
_Q2 = ("国际环境越复杂，我们越要敞开胸怀、打开大门，统筹开放和安全，在开放合作中实现自立自强。")
_Q3 = ("笔者在调研中发现，其转化的“最后一公里”（即最后一个环节：发展新产业的活动）依然存在梗阻，"
       "科技创新对新质生产力发展还未起到充分的支撑作用。")
_Q4 = ("科技安全是国家安全的重要内容,科技情报工作连接创新前沿与安全底线,科技安全离不开科技情报的支撑。利用科技"
       "文本挖掘与可视化软件ItgInsight,结合文献计量法,分析了科技安全研究的主题热点与演化路径,围绕科"
       "技人才、设施设备、科技活动、科技成果和成果应用5个主要方面分析了山西省科技安全治理现状,并结合实际因地制"
       "宜分析了山西省重点领域科技安全风险,提出科技情报支撑山西省科技安全治理对策建议,变“被动应对”为“主动防"
       "控”,为山西省科技创新提供科技安全保障,助力山西省高质量发展。")
_Q5 = ("中国科技安全面临科技创新机制不够顺畅等“内生性”短板，美西方封锁围堵等“外源性”压力，"
       "以及科技创新意外性、治理滞后性等挑战。")
_Q6 = ("围绕全市重点产业链和关系国计民生的关键领域,实施关键核心技术攻关专项行动,建立“卡脖子”技术清单,"
       "整合高校、企业创新资源,集中力量突破一批关键共性技术和核心零部件技术,保障产业链供应链自主可控。")
_Q7 = ("健全科技安全风险监测、评估、预警和处置机制,实现风险动态排查、精准防控。"
       "强化科技保密制度落实,加强对核心技术、科研数据、涉密项目的全流程管控,严防技术泄密和数据安全风险。")

_T1 = "以国家战略科技力量体系化创新发展新质生产力"
_T2 = "进一步推动高水平科技开放合作的内涵、挑战与建议"
_T3 = "打通科技成果转化“最后一公里”"
_T4 = "科技情报支撑山西省科技安全治理对策研究"
_T5 = "新安全格局下的科技安全：重要意义、现实挑战与对策思考"
_T6 = "筑牢科技安全屏障 赋能高质量发展"


def sample_document() -> DigestDocument:
    """The sample digest: 2 sections with 3 subsections, 7 quotations, 6 notes, 2 commentaries."""
    return DigestDocument(
        cover=Cover(title="科技自立自强与科技安全政策专题摘编", issue="2026年第3期（总第27期）",
                    compiler="政策研究室", organisation="省科技发展战略研究中心", date="2026-04-20",
                    mark="内部"),
        sections=(
            Section("强化国家战略科技力量", 1, (
                Commentary("本期围绕科技自立自强与科技安全两条主线，摘编近期期刊和报纸文章中的代表性观点，"
                           "并附研究人员解读，供领导参阅。"),
            )),
            Section("体系化能力与开放合作", 2, (
                Quotation(_Q1, 1, 1, _T1, notes=(
                    NoteBlock("“专业－产业”耦合范式可作为评估国家实验室、新型研发机构的分析框架。",
                              "<p>“专业－产业”耦合范式可作为<b>评估国家实验室、新型研发机构</b>的分析框架。</p>",
                              "支持", "张研", ("新质生产力", "战略科技力量"), "2026-04-15"),
                )),
                Quotation(_Q2, 2, 2, _T2, notes=(
                    NoteBlock("开放与安全并重的提法，与出口管制形势下的国际合作布局直接相关。\n建议跟踪后续配套文件。",
                              "<p>开放与安全并重的提法，与出口管制形势下的国际合作布局<i>直接相关</i>。</p>"
                              "<p>建议跟踪后续配套文件。</p>",
                              "关注", "李策", ("开放合作",), "2026-04-16"),
                )),
            )),
            Section("成果转化的梗阻", 2, (
                Quotation(_Q3, 3, 1, _T3, notes=(
                    NoteBlock("文中列举的梗阻主要有：政策衔接不够；科研导向与产业需求脱节。",
                              "<p><b>文中列举的梗阻主要有：</b></p><ul><li>政策衔接协调不够、落实机制不健全</li>"
                              "<li>高校、科研院所的科研导向与产业需求<u>存在脱节</u></li></ul>",
                              "待核实", "王析", ("成果转化",), "2026-04-16"),
                )),
            )),
            Section("防范化解科技安全风险", 1, (
                Quotation(_Q4, 4, 1, _T4, is_abstract=True, notes=(
                    NoteBlock("五个方面的划分可直接用于我省科技安全自查清单。", "", "支持", "张研",
                              ("科技安全", "科技情报"), "2026-04-17"),
                )),
                Quotation(_Q5, 5, 1, _T5, mark="内部", notes=(
                    NoteBlock("“内生性”与“外源性”两类压力的提法值得在年度报告中采用。", "", "支持", "李策",
                              ("科技安全",), "2026-04-18"),
                    NoteBlock("“治理滞后性”缺少具体指标，引用时需补充数据。", "", "风险", "王析", (), "2026-04-18"),
                )),
                Quotation(_Q6, 6, 1, _T6),
                Quotation(_Q7, 6, 1, _T6),
                Commentary("以上观点表明，科技安全工作正由事后应对转向事前防控，建议将风险监测纳入年度工作要点。",
                           "<p>以上观点表明，科技安全工作正由<b>事后应对</b>转向<b>事前防控</b>，"
                           "建议将风险监测纳入年度工作要点。</p>"),
            )),
        ),
        references=REFERENCES,
    )


def main(argv: list[str] | None = None) -> int:
    """Write the sample digest in every format into the folder given on the command line."""
    from userdata.digest.export import FORMATS, write

    folder = Path((argv if argv is not None else sys.argv[1:] or ["."])[0])
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in FORMATS:
        write(sample_document(), fmt, folder / f"sample.{fmt}")
        print(folder / f"sample.{fmt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
