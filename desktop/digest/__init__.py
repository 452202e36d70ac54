"""Annotated policy digests (专题摘编): model, store, citations, rendering, export and audit."""
