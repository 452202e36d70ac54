"""The 分析 window: bibliometrics and policy timelines of the library or of the current search.

The numbers come from `indexer.insight` (Qt-free), computed in the read pool by
`controller.AnalysisController`; this package only draws them: bar charts with QtCharts
(`charts`), the keyword network (`network_view`), the policy timeline (`timeline_view`), burst
terms (`bursts_view`), their tables (`models`), exports (`export`) and the window (`window`).
"""
