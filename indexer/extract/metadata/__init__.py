"""Rules that read a document's bibliographic fields from where real documents print them.

`indexer.extract.documents` finds the documents of a file and their titles; these modules read
the rest from the printed page, one kind of document per module:

- `dates`: dates as printed — 2025年10月20日, 2025-10-20, 二〇二三年六月, 中華民國110年9月30日 —
  converted to ISO (``2025-10-20``, ``2023-06``);
- `names`: bylines — person names (with padded two-character names, 本报记者 and ◎ marks, a
  student number or a class before the name) and the unit printed beside them;
- `official`: 公文, 函 and laws — letterhead, 发文字号 in every bracket form (〔〕[]【】(), 第…號),
  主旨, 发文机关 from the letterhead, the signature or the adopting body of a law, 成文日期;
- `covers`: thesis cover pages — the title under the 学位论文 label, 作者, 导师, 学位, 培养单位;
- `journals`: journal mastheads and running headers (刊名, 年, 卷, 期), printed page numbers and
  a paper's publication dates (收稿/网络首发);
- `news`: newspaper lines such as 《人民日报》（2025年10月20日 第 01 版） and reporters' credits.

Every rule reads what is printed; when a field is not found it stays empty: no year is taken
from a number in the body text and no title from the file name when one is printed.
"""
