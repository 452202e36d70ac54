"""The digest GUI (专题摘编): the 摘编 tab's panel, outline and cover editors, preview, export flow.

The digests themselves (store, citations, rendering, exporters) are Qt-free and live in
`userdata.digest`; this package shows and edits them, running their work in worker threads
(`desktop.digest.jobs`).
"""
