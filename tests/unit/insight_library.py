"""The library the analysis tests share: the seeds and some files of the real corpus, indexed once."""

from __future__ import annotations

from pathlib import Path

SEEDS = ("000-journal-two-column.pdf", "001-journal-footnotes.pdf", "002-newspaper-page.pdf",
         "003-digest-compilation.pdf", "004-slide-deck.pdf")
REAL = ("zh_policy/红头公文格式样例_放假通知.pdf", "zh_policy/党委2017-010号_工会规定_摘页.pdf",
        "zh_policy/hzq2023_洪泽区政府信息公开工作年度报告.pdf", "zh_policy/hzq2024_洪泽区政府信息公开工作年度报告.pdf",
        "zh_policy/臺北市大安區健康服務中心_函.pdf", "zh_policy/新竹縣政府_函_實施計畫公文.PDF",
        "zh_paper/中文信息学报_多通道LSTM不平衡情绪分类.pdf", "zh_paper/数字拟人品_CNKI期刊首页.pdf",
        "zh_paper/中国土地2025_自然资源统一调查监测现状图建设的若干探索.pdf")


def build(root: Path, corpus: Path) -> Path:
    """Index the seeds and the `REAL` files (links to them in `root`/pdfs) into the library `root`/lib."""
    from indexer.library.library import Library

    pdfs = root / "pdfs"
    pdfs.mkdir(parents=True)
    for name in SEEDS:
        (pdfs / name).symlink_to(corpus / "seeds" / name)
    for name in REAL:
        (pdfs / Path(name).name).symlink_to(corpus / "real" / name)
    with Library.open(root / "lib", create=True) as library:
        library.add([pdfs], workers=2, ocr=False)
    return root / "lib"
