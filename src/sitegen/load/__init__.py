"""Content to records: site.yaml, sources, sidecars, the gazetteer, the text parsers."""
