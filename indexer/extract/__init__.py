"""PDF → documents and passages: the extraction pipeline's stages, one module each."""
