<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AccessLabel</name>
    <message>
        <location filename="../../librarian/views.py" line="278"/>
        <source>只读 · 由 {signer} 签发 · {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="281"/>
        <source>只读</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="286"/>
        <source>此文献库由文献包安装，是只读的：可以检索、阅读和记笔记（笔记保存在您自己的用户数据中），不能添加文件或重新索引。请安装新的文献包来更新它。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="290"/>
        <source>文献包：{file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="291"/>
        <source>签发者：{signer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="292"/>
        <source>文献包日期：{date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="293"/>
        <source>安装时间：{date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="294"/>
        <source>{documents} 篇文档 · {passages} 段</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalysisActions</name>
    <message>
        <location filename="../../analysis/actions.py" line="50"/>
        <source>分析整个文献库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/actions.py" line="54"/>
        <source>分析检索结果…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnalysisWindow</name>
    <message>
        <location filename="../../analysis/window.py" line="68"/>
        <source>分析 — 翰林</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="85"/>
        <location filename="../../analysis/window.py" line="269"/>
        <source>整个文献库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="86"/>
        <location filename="../../analysis/window.py" line="252"/>
        <source>当前检索结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="88"/>
        <source>重新分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="92"/>
        <source>导出图表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="93"/>
        <source>把当前页的图表存为 PNG 或 SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="95"/>
        <source>导出表格…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="96"/>
        <source>把当前页的表格存为 CSV，或把全部表格存为 XLSX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="98"/>
        <source>插入摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="99"/>
        <source>把当前页的图表作为带题注的插图加入当前摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="102"/>
        <source>范围：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="111"/>
        <source>概况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="111"/>
        <source>作者与机构</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="111"/>
        <source>政策时间线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="112"/>
        <source>关键词网络</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="112"/>
        <source>突现词</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="139"/>
        <source>各年份文献数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="140"/>
        <source>各类型文献数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="141"/>
        <source>来源/期刊（前10）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="142"/>
        <source>发文机关（前10）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="151"/>
        <source>年份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="151"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="151"/>
        <source>来源/期刊</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="151"/>
        <location filename="../../analysis/window.py" line="179"/>
        <source>发文机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="153"/>
        <location filename="../../analysis/window.py" line="165"/>
        <location filename="../../analysis/window.py" line="166"/>
        <location filename="../../analysis/window.py" line="212"/>
        <source>文献数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="154"/>
        <source>文献的年份、类型、来源与发文机关分布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="157"/>
        <source>核心作者（前10）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="158"/>
        <source>研究机构（前10）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="165"/>
        <location filename="../../analysis/window.py" line="166"/>
        <source>作者</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="165"/>
        <location filename="../../analysis/window.py" line="166"/>
        <source>机构</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="171"/>
        <source>核心作者与研究机构</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="179"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="179"/>
        <source>发文字号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="179"/>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="181"/>
        <source>双击打开文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="192"/>
        <source>滚轮缩放，拖动平移，点击词语或作者检索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="195"/>
        <source>适应窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="203"/>
        <source>关键词共现</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="204"/>
        <source>作者合作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="212"/>
        <location filename="../../analysis/window.py" line="226"/>
        <source>词</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="212"/>
        <source>聚类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="212"/>
        <source>共现词（次数）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="214"/>
        <source>双击检索这个词</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="226"/>
        <source>起始年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="226"/>
        <source>结束年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="226"/>
        <source>强度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="241"/>
        <source>没有打开的文献库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="253"/>
        <source>检索结果：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="258"/>
        <source>正在分析…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="262"/>
        <source>分析未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="270"/>
        <source>%1：%2 篇文献（%3 毫秒）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="272"/>
        <source>未知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="280"/>
        <source>政策时间线（发文机关 × 日期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="284"/>
        <source>突现词（Kleinberg 突发检测）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="307"/>
        <source>作者合作网络（%1 位作者，%2 个聚类）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="310"/>
        <source>关键词共现网络（%1 个词，%2 个聚类）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="333"/>
        <source>导出图表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="334"/>
        <source>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="349"/>
        <source>导出表格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/window.py" line="350"/>
        <source>Excel 工作簿，全部表格 (*.xlsx);;CSV，当前页的表格 (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../digest/audit_view.py" line="73"/>
        <source>摘编导出记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/audit_view.py" line="84"/>
        <source>每次导出自动记录（用户、时间、摘编、格式、文件及其 SHA-256），记录不能修改或删除。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../digest/audit_view.py" line="42"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/audit_view.py" line="42"/>
        <source>用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/audit_view.py" line="42"/>
        <source>摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/audit_view.py" line="42"/>
        <source>格式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/audit_view.py" line="42"/>
        <source>密级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/audit_view.py" line="43"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/audit_view.py" line="43"/>
        <source>大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/audit_view.py" line="43"/>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BurstsView</name>
    <message>
        <location filename="../../analysis/bursts_view.py" line="53"/>
        <source>没有突现词（需要多个年份的文献）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/bursts_view.py" line="61"/>
        <source>词</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/bursts_view.py" line="61"/>
        <source>强度&#x3000;起止</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoverForm</name>
    <message>
        <location filename="../../digest/cover_form.py" line="38"/>
        <source>摘编标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="38"/>
        <source>如 2025年第8期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="38"/>
        <source>编者姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="39"/>
        <source>编印单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="39"/>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="59"/>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="61"/>
        <source>期号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="63"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="65"/>
        <source>编者</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="67"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="69"/>
        <source>密级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="106"/>
        <source>（无密级）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="123"/>
        <source>引用了“{mark}”文献：导出前须标为“{mark}”或更高</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/cover_form.py" line="124"/>
        <source>标为“{mark}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DamagedDatabasePage</name>
    <message>
        <location filename="../../notes/damaged.py" line="29"/>
        <source>笔记数据库已损坏，笔记和摘编暂不可用。损坏的文件保持原样，未作任何改动。

文件：%1
备份：%2

“恢复…”会把损坏的文件改名保存在原处，再从最近的完好备份恢复。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/damaged.py" line="35"/>
        <source>恢复…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DigestActions</name>
    <message>
        <location filename="../../digest/actions.py" line="103"/>
        <source>摘编(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="104"/>
        <source>将选中文字加入摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="106"/>
        <source>将当前检索结果加入摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="107"/>
        <source>将当前笔记加入摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="109"/>
        <source>摘编视图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="110"/>
        <source>导出摘编…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="111"/>
        <source>导出记录…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="114"/>
        <source>撤销摘编操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="115"/>
        <source>重做摘编操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="123"/>
        <source>设置当前文档的密级…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="164"/>
        <source>用户数据库无法打开，不能编辑摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="171"/>
        <source>请先在原文或文本中选中要加入摘编的文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="186"/>
        <source>请先在检索结果中选中一条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="205"/>
        <source>请先在笔记页选中一条笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="222"/>
        <source>已把图表加入摘编“{digest}”的“{section}”：{caption}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="235"/>
        <source>已加入摘编“{digest}”的“{section}”：《{title}》</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="249"/>
        <location filename="../../digest/actions.py" line="282"/>
        <source>加入摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="250"/>
        <source>加入摘编（整段）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="251"/>
        <source>加入摘编（摘要）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="257"/>
        <source>设置密级…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="291"/>
        <source>请先在阅读区打开一篇文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="298"/>
        <source>此文献库由文献包安装，是只读的，不能设置密级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="324"/>
        <source>已设置密级：{mark}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="324"/>
        <source>已清除密级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/actions.py" line="338"/>
        <source>还没有摘编可导出</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DigestController</name>
    <message>
        <location filename="../../digest/controller.py" line="103"/>
        <location filename="../../digest/controller.py" line="104"/>
        <source>新建摘编</source>
        <extracomment>Where quotations are added: the section chosen in the outline (&apos;&apos; = the last one).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="116"/>
        <source>设置摘编密级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="117"/>
        <source>重命名摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="117"/>
        <source>修改封面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="124"/>
        <source>删除摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="132"/>
        <source>新章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="133"/>
        <source>添加章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="142"/>
        <source>修改章节标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="151"/>
        <source>移动章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="156"/>
        <source>删除章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="162"/>
        <source>编者按：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="164"/>
        <source>添加编者按</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="177"/>
        <source>编辑编者按</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="187"/>
        <source>移动条目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="192"/>
        <source>移除条目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="199"/>
        <source>移除笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="206"/>
        <location filename="../../digest/controller.py" line="217"/>
        <source>加入摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/controller.py" line="229"/>
        <location filename="../../digest/controller.py" line="234"/>
        <source>插入图表</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DigestPanel</name>
    <message>
        <location filename="../../digest/panel.py" line="69"/>
        <source>新建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="69"/>
        <source>新建一份摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="75"/>
        <source>重命名、删除、导出记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="77"/>
        <source>重命名…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="78"/>
        <source>删除此摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="80"/>
        <source>导出记录…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="82"/>
        <source>导出…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="84"/>
        <source>导出为 Word、PDF、网页或 Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="88"/>
        <source>摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="100"/>
        <source>封面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="108"/>
        <source>＋章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="108"/>
        <source>在末尾添加一个章节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="110"/>
        <source>＋编者按</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="110"/>
        <source>在所选章节中添加编者按</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="112"/>
        <source>移除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="112"/>
        <source>移除所选章节、条目或笔记 (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="114"/>
        <source>撤销摘编操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="115"/>
        <source>重做摘编操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="211"/>
        <source>还没有摘编：选中文字后按 Ctrl+D，或在检索结果、笔记上右键“加入摘编”，即新建一份。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="213"/>
        <source>在阅读区选中文字后按 Ctrl+D，或在检索结果、笔记上右键“加入摘编”，加入所选章节。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="241"/>
        <source>已删除摘编“{title}”（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="295"/>
        <source>正在导出到 {path}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="301"/>
        <source>已导出到 {path}&#x3000;&lt;a href=&quot;{url}&quot;&gt;打开所在文件夹&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/panel.py" line="304"/>
        <source>已导出到 {path}（已记入导出记录）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DigestPreview</name>
    <message>
        <location filename="../../digest/preview.py" line="100"/>
        <source>无法预览：{message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/preview.py" line="105"/>
        <source>还没有摘编。在阅读区选中文字后按 Ctrl+D，或在检索结果、笔记上右键选“加入摘编”，即开始一份新的摘编；这里随时显示它导出后的样子。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <location filename="../../document_actions.py" line="41"/>
        <source>用系统阅读器打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../document_actions.py" line="42"/>
        <source>在文件夹中显示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../document_actions.py" line="43"/>
        <source>复制文件路径</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../document_actions.py" line="45"/>
        <source>复制引文（GB/T 7714）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../document_actions.py" line="60"/>
        <source>系统中没有可以打开此文件的程序：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../document_actions.py" line="75"/>
        <source>无法打开文件夹：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../document_actions.py" line="82"/>
        <source>已复制文件路径：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../document_actions.py" line="99"/>
        <source>已复制引文：{entry}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../document_actions.py" line="104"/>
        <source>文件不在原处（已移动或删除）：{path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentNotesPanel</name>
    <message>
        <location filename="../../reader/notes.py" line="71"/>
        <source>本文件的笔记（{count}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/notes.py" line="72"/>
        <source>本文件还没有笔记：选中文字后按 Ctrl+N 添加</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentTextView</name>
    <message>
        <location filename="../../reader/text_view.py" line="89"/>
        <source>—— 第 {page} 页 ——</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentTypes</name>
    <message>
        <location filename="../../search/results_model.py" line="232"/>
        <source>政策文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="233"/>
        <source>论文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="234"/>
        <source>新闻</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="235"/>
        <source>汇编文章</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="236"/>
        <source>演示文稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="237"/>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <location filename="../../digest/export_flow.py" line="49"/>
        <source>Word 文档 (*.docx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/export_flow.py" line="49"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/export_flow.py" line="49"/>
        <source>网页 (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/export_flow.py" line="50"/>
        <source>Markdown 文本 (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/export_flow.py" line="60"/>
        <source>导出摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/export_flow.py" line="96"/>
        <source>拒绝导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/export_flow.py" line="101"/>
        <source>标为“{mark}”并导出</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FacetModel</name>
    <message>
        <location filename="../../search/facets_model.py" line="40"/>
        <source>类型</source>
        <extracomment>Group keys in display order: the engine&apos;s facet names and its filter names.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/facets_model.py" line="40"/>
        <source>年份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/facets_model.py" line="40"/>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/facets_model.py" line="41"/>
        <source>作者</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/facets_model.py" line="41"/>
        <source>发文机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/facets_model.py" line="41"/>
        <source>格式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/facets_model.py" line="76"/>
        <source>{label}：{count} 篇文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/facets_model.py" line="93"/>
        <source>年份不详</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FailuresDialog</name>
    <message>
        <location filename="../../librarian/views.py" line="115"/>
        <source>无法索引的文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="134"/>
        <source>没有失败的文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="139"/>
        <source>全部重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="164"/>
        <source>重试此文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="164"/>
        <source>重试这些文件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FailuresModel</name>
    <message>
        <location filename="../../librarian/failures_model.py" line="32"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="32"/>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="32"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="34"/>
        <source>文件不存在</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="34"/>
        <source>无法读取</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="34"/>
        <source>空文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="35"/>
        <source>不是 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="35"/>
        <source>已加密</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="35"/>
        <source>文件已损坏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="36"/>
        <source>处理超时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="36"/>
        <source>内存不足</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="36"/>
        <source>处理崩溃</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/failures_model.py" line="37"/>
        <source>内部错误</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileFormats</name>
    <message>
        <location filename="../../search/results_model.py" line="244"/>
        <source>网页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="245"/>
        <source>文本</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndexSummary</name>
    <message>
        <location filename="../../librarian/views.py" line="342"/>
        <source>索引已重建</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="343"/>
        <source>索引完成：新增 {added} 个文件（{passages} 段），跳过 {skipped} 个未变的文件，用时 {seconds:.0f} 秒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="347"/>
        <source>；其中 {count} 个文件无可检索文字（见文献库状态）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="350"/>
        <source>；{count} 个文件失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="352"/>
        <source>（已取消）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="354"/>
        <source>；找不到：{paths}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Librarian</name>
    <message>
        <location filename="../../librarian/controller.py" line="111"/>
        <source>正在索引…</source>
        <extracomment>Every page is read; storing the last results and the last index commit remain (no estimate). Set by the window once it knows the library was installed from a bundle.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/controller.py" line="119"/>
        <source>正在重试…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/controller.py" line="127"/>
        <source>正在重新索引…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/controller.py" line="146"/>
        <source>正在重建索引…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../main_window.py" line="77"/>
        <location filename="../../main_window.py" line="376"/>
        <location filename="../../main_window.py" line="732"/>
        <source>翰林 Hanlin</source>
        <extracomment>The components the app ships with, and their licences (Help → About).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="98"/>
        <source>检索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="103"/>
        <location filename="../../main_window.py" line="105"/>
        <source>笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="111"/>
        <location filename="../../main_window.py" line="113"/>
        <source>摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="135"/>
        <source>就绪</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="146"/>
        <source>文件(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="147"/>
        <source>打开文献库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="148"/>
        <source>最近打开的文献库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="152"/>
        <source>打开内置示例库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="154"/>
        <source>用系统阅读器打开当前文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="156"/>
        <source>在文件夹中显示当前文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="158"/>
        <source>复制当前文档的引文（GB/T 7714）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="160"/>
        <source>添加文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="162"/>
        <source>添加文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="164"/>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="166"/>
        <source>文献库(&amp;L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="167"/>
        <source>重新索引</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="168"/>
        <source>重建检索索引</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="169"/>
        <source>取消索引</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="171"/>
        <source>失败的文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="172"/>
        <source>文献库状态…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="173"/>
        <source>识别扫描件中的文字（OCR）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="186"/>
        <source>检索(&amp;S)</source>
        <extracomment>What only a librarian does, hidden on a read-only library (installed from a bundle).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="187"/>
        <source>检索框</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="189"/>
        <source>下一处命中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="190"/>
        <source>上一处命中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="193"/>
        <source>放大</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="196"/>
        <source>缩小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="199"/>
        <source>笔记(&amp;N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="200"/>
        <source>为选中文字添加笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="202"/>
        <source>笔记视图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="203"/>
        <source>署名…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="206"/>
        <source>撤销笔记操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="207"/>
        <source>重做笔记操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="212"/>
        <source>恢复…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="216"/>
        <source>视图(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="217"/>
        <source>界面语言</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="227"/>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="228"/>
        <source>关于翰林…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="239"/>
        <source>（未打开）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="241"/>
        <source>翰林 Hanlin {version}：离线政策与文献检索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="242"/>
        <source>文献库：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="243"/>
        <source>用户数据：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="246"/>
        <source>所用组件及其许可：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="249"/>
        <source>本程序不联网：所有检索、阅读和导出都在本机完成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="255"/>
        <source>关于翰林</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="379"/>
        <source>翰林 Hanlin — {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="356"/>
        <source>内置示例库</source>
        <extracomment>The size the window opens at where the screen has room for it. Room left for the window manager&apos;s title bar and borders around the window.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="379"/>
        <source>翰林 Hanlin — {name}（只读）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="393"/>
        <source>选择文献库目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="491"/>
        <source>选择存放 PDF 的文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="498"/>
        <source>选择 PDF 文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="508"/>
        <source>此文献库由文献包安装，是只读的，不能添加文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="431"/>
        <location filename="../../main_window.py" line="511"/>
        <location filename="../../main_window.py" line="543"/>
        <location filename="../../main_window.py" line="606"/>
        <source>正在进行另一项索引，请等它完成或取消后再试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="414"/>
        <source>{folder} 不是翰林文献库（没有 catalog.db），其中也没有 PDF 文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="416"/>
        <source>建立文献库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="417"/>
        <source>{folder} 还不是翰林文献库，其中有 {count} 个 PDF 文件。

要在此文件夹中建立文献库并索引这些文件吗？（文献库文件 catalog.db 和 index 将写在此文件夹中，PDF 文件不会改动。）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="421"/>
        <source>建立并索引</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="444"/>
        <source>（找不到）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="447"/>
        <source>此文献库已移动或删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="450"/>
        <source>（没有）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="453"/>
        <source>移除找不到的文献库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="454"/>
        <source>清除列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="461"/>
        <source>找不到文献库 {path}（已移动或删除），已从最近列表中移除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="471"/>
        <source>请先在阅读区打开一篇文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="499"/>
        <source>文献（PDF、OFD、Word、网页、文本）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="548"/>
        <source>还没有打开文献库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="554"/>
        <source>{documents} 篇文档 · {passages} 段 · {files} 个文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="557"/>
        <source> · {count} 个失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="559"/>
        <source> · {count} 个无可检索文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="589"/>
        <source>检索索引已损坏</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="590"/>
        <source>检索索引无法读取，需要重建。文献库的目录（catalog.db）完好，重建只需从中重新写入索引，不会丢失文献、笔记或摘编。

要现在重建吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="594"/>
        <source>重建索引</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="658"/>
        <source>笔记数据库无法打开，不能添加笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="660"/>
        <source>请先在原文或文本中选中要加笔记的文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="667"/>
        <source>笔记署名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="668"/>
        <source>笔记和导出的摘编中显示的署名（如：王芳、政策研究室）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="690"/>
        <source>笔记署名：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="746"/>
        <source>界面语言将在重新启动翰林后生效 (restart Hanlin to switch the language)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkDialog</name>
    <message>
        <location filename="../../librarian/views.py" line="306"/>
        <source>设置密级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="310"/>
        <source>（无密级）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="319"/>
        <source>文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="320"/>
        <source>密级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="321"/>
        <source>密级记在文献库中，重新索引后保留；引用此文档的摘编须标有同等或更高的密级才能导出。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../../analysis/network_view.py" line="98"/>
        <source>没有可画出的词</source>
        <extracomment>One colour per cluster (the largest first); later clusters reuse them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/network_view.py" line="115"/>
        <source>%1：%2 篇文献，聚类 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <location filename="../../notes/editor.py" line="86"/>
        <source>在此写下政策解读……</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="88"/>
        <source>用逗号或空格分隔，如：数据安全，合规</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="107"/>
        <source>标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="112"/>
        <source>立场</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="133"/>
        <source>粗体</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="137"/>
        <source>斜体</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="139"/>
        <source>• 列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="140"/>
        <source>1. 编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="142"/>
        <source>撤销</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="143"/>
        <source>重做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="145"/>
        <source>删除笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="187"/>
        <source>未选择笔记：在阅读器中选中文字后按 Ctrl+N 添加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="196"/>
        <source>《{0}》第 {1} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="196"/>
        <source>未命名文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="198"/>
        <source>【原文中已找不到这段引文】</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="200"/>
        <source>笔记所依附的原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="201"/>
        <source>文件已修改或重新抽取，这段引文已找不到；笔记不会被删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="207"/>
        <source>已删除（可撤销）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="212"/>
        <source>（未定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="221"/>
        <source>作者：{0}&#x3000;创建：{1}&#x3000;更新：{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="222"/>
        <source>未知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="231"/>
        <source>编辑中…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/editor.py" line="257"/>
        <source>已保存</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesController</name>
    <message>
        <location filename="../../notes/controller.py" line="90"/>
        <source>添加笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/controller.py" line="108"/>
        <source>编辑笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/controller.py" line="108"/>
        <source>修改标签或立场</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/controller.py" line="115"/>
        <source>删除笔记</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <location filename="../../notes/model.py" line="50"/>
        <source>引文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="50"/>
        <source>笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="50"/>
        <source>标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="50"/>
        <source>立场</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="50"/>
        <source>文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="51"/>
        <source>页码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="51"/>
        <source>作者</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="51"/>
        <source>更新时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="116"/>
        <source>【未定位】</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="129"/>
        <source>原文中已找不到这段引文（文件可能已修改），笔记仍保留：
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/model.py" line="135"/>
        <source>创建于 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesRecovery</name>
    <message>
        <location filename="../../notes/damaged.py" line="75"/>
        <location filename="../../notes/damaged.py" line="88"/>
        <source>恢复笔记数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/damaged.py" line="76"/>
        <source>把损坏的笔记数据库改名保存在原处（不删除），并从最近的完好备份恢复？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/damaged.py" line="84"/>
        <source>已从备份 %1 恢复；损坏的文件保存为 %2。请重新启动翰林以打开恢复的笔记和摘编。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/damaged.py" line="97"/>
        <source>无法备份笔记数据库：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <location filename="../../notes/view.py" line="61"/>
        <source>检索笔记：正文、引文、标签，如  数据安全 标签:合规 -立场:风险</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/view.py" line="127"/>
        <source>共 {0} 条笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../notes/view.py" line="128"/>
        <source>{0} / {1} 条笔记</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message>
        <location filename="../../digest/outline_model.py" line="256"/>
        <source>{heading}（{count} 条）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_model.py" line="258"/>
        <source>【解读·{stance}】</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_model.py" line="258"/>
        <source>【解读】</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_model.py" line="259"/>
        <source>（空笔记）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_model.py" line="263"/>
        <source>【编者按】</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_model.py" line="265"/>
        <source>【图】</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_model.py" line="267"/>
        <source>【摘要】</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_model.py" line="268"/>
        <source>《{title}》第{page}页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutlineView</name>
    <message>
        <location filename="../../digest/outline_view.py" line="135"/>
        <source>编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_view.py" line="137"/>
        <source>阅读原文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_view.py" line="139"/>
        <source>在笔记编辑器中打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_view.py" line="140"/>
        <source>不在摘编中显示此笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../digest/outline_view.py" line="142"/>
        <source>从摘编中移除</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../librarian/views.py" line="58"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="79"/>
        <source>正在完成（写入检索索引）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="83"/>
        <source>剩余 {eta}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="84"/>
        <source>正在估算剩余时间…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="85"/>
        <source>文件 {done}/{total}&#x3000;{pages} 页&#x3000;{rate:.1f} 页/秒&#x3000;{left}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="88"/>
        <source>&#x3000;失败 {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="90"/>
        <source>&#x3000;OCR 识别 {pages} 页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <location filename="../../reader/pane.py" line="91"/>
        <source>复制</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="110"/>
        <source>上一处命中 (Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="111"/>
        <source>下一处命中 (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="114"/>
        <source>上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="115"/>
        <source>下一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="121"/>
        <source>缩小 (Ctrl+-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="122"/>
        <source>放大 (Ctrl+=)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="125"/>
        <source>适合宽度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="125"/>
        <source>页面宽度适合窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="140"/>
        <source>命中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="144"/>
        <source>页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="179"/>
        <source>在左侧选择一条检索结果，即可在此阅读原文。

原文页面上用浅黄色标出命中的段落、深色标出检索词，右侧是提取出的文字。
F3 / Shift+F3：下一处 / 上一处命中&#x3000;&#x3000;Ctrl+= / Ctrl+-：缩放
选中文字后按 Ctrl+N 添加笔记，按 Ctrl+D 加入摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="478"/>
        <source>复制选中文字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="479"/>
        <source>为选中文字添加笔记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="480"/>
        <source>将选中文字加入摘编</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="231"/>
        <source>笔记所在的文件不在当前文献库中：{title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="242"/>
        <source>无法打开原文件：{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="274"/>
        <source>（无标题）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="344"/>
        <location filename="../../reader/pane.py" line="374"/>
        <source>此页没有文字层（可能是扫描件），只能查看图像，无法检索或选取文字。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../reader/pane.py" line="347"/>
        <source>OCR 识别：此页文字由 OCR 从图像识别（平均置信度 %1），可能有误，请对照页面核对。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../search/results_model.py" line="111"/>
        <location filename="../../search/results_model.py" line="141"/>
        <source>（无标题）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="124"/>
        <source>第 {page} 页：{text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="126"/>
        <source>第 {page} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="144"/>
        <source>［部分词匹配］</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="148"/>
        <source>另有 {count} 个相近版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="150"/>
        <source>（{years}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/results_model.py" line="159"/>
        <source>OCR 识别 {confidence}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../search/box.py" line="26"/>
        <source>检索全文，如：数据 安全&#x3000;&quot;开放共享&quot;&#x3000;标题:情报&#x3000;年份:2025</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../search/page.py" line="41"/>
        <source>按相关度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="42"/>
        <source>按日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="52"/>
        <source>清除筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="144"/>
        <source>筛选：</source>
        <extracomment>Set while the library is being built or added to: an empty answer may only mean &quot;not yet&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="155"/>
        <source>正在检索“{query}”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="166"/>
        <source>也检索了：{forms}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="167"/>
        <source>不扩展同义词</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="169"/>
        <source>未扩展同义词和缩略语</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="170"/>
        <source>扩展同义词</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="187"/>
        <source>没有找到“{query}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="189"/>
        <source>文献库里还没有文献：请先用“文件 → 添加文件夹…”加入 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="191"/>
        <source>文献库正在建立，已完成的部分中没有找到“{query}”；建立完成后将自动重新检索</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="194"/>
        <source>。您是不是要找：{words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="197"/>
        <source>{total} 篇文档相符（用时 {ms:.0f} 毫秒）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="199"/>
        <source>；另有 {count} 篇部分相符</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="201"/>
        <source>；显示前 {shown} 篇</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../search/page.py" line="220"/>
        <source>检索出错：{message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../librarian/views.py" line="182"/>
        <source>文献库状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="186"/>
        <source>从未</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="188"/>
        <source>位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="189"/>
        <source>访问</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="189"/>
        <source>只读（由文献包安装）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="189"/>
        <source>可读写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="191"/>
        <source>已索引文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="192"/>
        <source>失败文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="193"/>
        <source>无可检索文字的文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="194"/>
        <source>扫描件 OCR 识别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="194"/>
        <source>开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="194"/>
        <source>关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="195"/>
        <source>文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="196"/>
        <source>段落</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="197"/>
        <source>页数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="198"/>
        <source>待写入索引</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="199"/>
        <source>索引大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="200"/>
        <source>索引版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="201"/>
        <source>最近索引</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="216"/>
        <source>无可检索文字的文件（只能按文件名查找）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="228"/>
        <source>文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="228"/>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="246"/>
        <source>文献包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="247"/>
        <source>签发者</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="248"/>
        <source>文献包日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../librarian/views.py" line="249"/>
        <source>安装时间</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../analysis/timeline_view.py" line="97"/>
        <source>没有带日期的政策文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/timeline_view.py" line="99"/>
        <source>其他机关</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../analysis/timeline_view.py" line="109"/>
        <source>（机关未知）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../welcome.py" line="18"/>
        <source>翰林 Hanlin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../welcome.py" line="23"/>
        <source>离线检索中文政策文件与科技文献。
先打开内置示例库看看，或添加一个存放 PDF 的文件夹建立自己的文献库。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../welcome.py" line="27"/>
        <source>使用内置示例库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../welcome.py" line="31"/>
        <source>添加文件夹…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../welcome.py" line="34"/>
        <source>打开已有文献库…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>view</name>
    <message>
        <location filename="../../notes/demo.py" line="98"/>
        <source>笔记 — 翰林</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
