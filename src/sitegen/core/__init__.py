"""The shared vocabulary: records, errors, YAML, URLs, translations, escaping, fingerprints.

Imports no other subpackage of sitegen.
"""
