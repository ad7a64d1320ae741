"""Fuzz the loader's text path with atheris: bytes → decode → parse → record, and sidecars.

Each input is cut in two at its first ``\\x00\\x00``: the front is a source file's
bytes, the rest a sidecar's. Whatever the bytes, loading must report problems
rather than raise, and what it produces must hold the record's invariants (a
title, block lines inside the text, JSON that encodes, HTML without markup
from the text, a feed that parses, a search script that cannot end its element,
no CSV formula). Any exception is a crash: atheris stops and saves the input.

    pip install atheris
    python tools/fuzz_loader.py -max_total_time=600 /tmp/fuzz-corpus content/sources

The seed texts in ``content/sources/`` make a good starting corpus.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

import atheris

with atheris.instrument_imports():
    from sitegen.core.errors import Diagnostics
    from sitegen.core.escaping import ALLOWED_SCHEMES, ALLOWED_TAGS, html_safe_json
    from sitegen.core.records import ArticleRecord, record_to_json
    from sitegen.load.assemble import Context, assemble_record
    from sitegen.load.entities import load_catalogue
    from sitegen.load.gazetteer import Gazetteer
    from sitegen.load.sidecar import Sidecar, parse_sidecar
    from sitegen.load.sources import NOT_TEXT, source_from_bytes
    from sitegen.outputs.data_package import ARTICLES, article_row, header_csv, rows_csv
    from sitegen.outputs.feeds import ATOM, atom_feed
    from sitegen.render.markup import render_blocks

_CONTENT = Path(__file__).resolve().parent.parent / "content"
_CATALOGUE = load_catalogue(_CONTENT / "entities.yaml", Diagnostics())
_CONTEXT = Context(
    catalogue=_CATALOGUE,
    gazetteer=Gazetteer(_CATALOGUE),
    content_languages=("pl", "en", "ru"),
    label_language="pl",
)
_TAG = re.compile(r"<(/?)([a-z0-9]+)([^>]*)>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def test_one_input(data: bytes) -> None:
    """Load one source (and sidecar) from ``data``; raise on any broken invariant."""
    raw, _, sidecar_raw = data.partition(b"\x00\x00")
    sidecar = Sidecar()
    if sidecar_raw:
        sidecar, problems = parse_sidecar(sidecar_raw.decode("utf-8", "replace"))
        assert all(p.message and p.severity == "error" for p in problems)
    reading = Diagnostics()
    source = source_from_bytes(Path("fuzz.txt"), raw, reading)
    if source is None:
        assert reading.errors, "a source that gives no record is named in an error"
        return
    assert not NOT_TEXT.search(source.text), "control characters reach the record"
    record, problems = assemble_record(source, sidecar, _CONTEXT)
    lines = source.text.count("\n") + 1
    assert record.title.strip(), "every record has a title"
    blocks = record.blocks.decoded()
    for block in blocks:
        assert 1 <= block.line <= lines, f"block line {block.line} outside 1..{lines}"
    for problem in problems:
        assert problem.message and (problem.line is None or 1 <= problem.line <= lines)
    json.dumps(record_to_json(record, "articles/x.html"), ensure_ascii=False).encode("utf-8")
    check_markup(render_blocks(blocks))
    check_outputs(record)


def check_markup(html: str) -> None:
    """Only allow-listed tags; attributes only ``href`` (http, https, mailto) and ``rel``."""
    for tag in _TAG.finditer(html):
        assert tag.group(2) in ALLOWED_TAGS, tag.group(0)
        for name, value in _ATTRIBUTE.findall(tag.group(3)):
            assert name in ("href", "rel"), tag.group(0)
            assert name != "href" or value.startswith(ALLOWED_SCHEMES), tag.group(0)


def check_outputs(record: ArticleRecord) -> None:
    """The feed parses as XML, the search script cannot end a script, no CSV cell is a formula."""
    feed = atom_feed(
        [record],
        title="t",
        lang="pl",
        feed_url="https://example.org/feed.xml",
        home_url="https://example.org/",
        article_url=lambda _: "https://example.org/articles/x.html",
        environ={},
    )
    entry = ElementTree.fromstring(feed.split("\n", 1)[1]).find(f"{{{ATOM}}}entry")
    assert entry is not None and entry.findtext(f"{{{ATOM}}}title") == record.title
    # Every search index file is this JSON inside a script.
    assert "<" not in html_safe_json([record.title, record.summary, record.body_text])
    for row in csv.reader(
        io.StringIO(header_csv(ARTICLES) + rows_csv(ARTICLES, [article_row(record, "x.html")]))
    ):
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
