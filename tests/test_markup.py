"""Body rendering: faithful Markdown, a strict allow-list, first mentions linked once."""

from __future__ import annotations

import lxml.html

from sitegen.core.records import Block
from sitegen.render.markup import EntityLink, render_blocks, render_inline


def test_emphasis_lists_and_quotes_render() -> None:
    html = render_blocks(
        (
            Block("paragraph", "A *b* **c** [d](https://example.org)", 1),
            Block("list", "x\ny", 2, items=("x", "*y*")),
            Block("quote", "q", 3),
            Block("heading", "H", 4, level=2),
        )
    )
    assert "<em>b</em> <strong>c</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">d</a>' in html
    assert "<ul><li>x</li><li><em>y</em></li></ul>" in html
    assert "<blockquote><p>q</p></blockquote>" in html
    assert "<h2>H</h2>" in html


def test_raw_html_is_shown_as_text_and_javascript_links_are_refused() -> None:
    raw = (
        '<script>alert(1)</script><img src=x onerror="alert(2)"> [x](javascript:alert(3))'
        ' <a href="data:text/html,hi" onclick="alert(4)">y</a> <svg onload=alert(5)> [z](https://e.org)'
    )
    html = render_inline(raw)
    # Tags in a clipping are evidence: shown as written, never markup; text after an
    # unclosed <svg> is not swallowed.
    assert "<" not in html.replace('<a href="https://e.org" rel="noopener noreferrer">z</a>', "")
    assert lxml.html.fragment_fromstring(html, create_parent="p").text_content() == (
        raw.replace("[x](javascript:alert(3))", "x").replace("[z](https://e.org)", "z")
    )


def test_relative_and_mailto_links() -> None:
    assert 'href="mailto:a@b.pl"' in render_inline("[m](mailto:a@b.pl)")
    assert "href" not in render_inline("[r](../../etc/passwd)")


def test_only_the_first_mention_is_linked_and_whole_words_only() -> None:
    link = EntityLink("Kazachstan", 0, "../countries/kazakhstan.html", "Kazachstan")
    html = render_blocks(
        (
            Block("paragraph", "Kazachstanu nie, ale Kazachstan tak.", 1),
            Block("paragraph", "Kazachstan znowu.", 2),
        ),
        [link],
    )
    assert html.count('class="entity-link"') == 1
    assert 'ale <a class="entity-link" href="../countries/kazakhstan.html"' in html


def test_text_inside_an_existing_link_is_never_linked_again() -> None:
    linked = render_blocks(
        (Block("paragraph", "[Astana](https://e.org) i Astana", 1),),
        [EntityLink("Astana", 0, "a.html", "Astana")],
    )
    assert linked == (
        '<p><a href="https://e.org" rel="noopener noreferrer">Astana</a> i '
        '<a class="entity-link" href="a.html" title="Astana">Astana</a></p>'
    )


def test_a_mention_is_looked_for_again_after_the_links_made_before_it() -> None:
    # Longer forms are linked first; a shorter one inside them is then found further on.
    html = render_blocks(
        (Block("paragraph", "Rada Kazachstanu i rząd Kazachstanu.", 1),),
        [
            EntityLink("Rada Kazachstanu", 0, "rada.html", "Rada"),
            EntityLink("Kazachstanu", 0, "kz.html", "Kazachstan"),
            EntityLink("Ałmaty", 0, "almaty.html", "Ałmaty"),
        ],
    )
    assert html == (
        '<p><a class="entity-link" href="rada.html" title="Rada">Rada Kazachstanu</a> i rząd '
        '<a class="entity-link" href="kz.html" title="Kazachstan">Kazachstanu</a>.</p>'
    )


def test_a_mention_not_in_its_block_is_found_in_a_later_one() -> None:
    html = render_blocks(
        (Block("paragraph", "Nic.", 1), Block("paragraph", "ONZ.", 2)),
        [EntityLink("ONZ", 0, "un.html", "ONZ")],
    )
    assert '<p><a class="entity-link" href="un.html" title="ONZ">ONZ</a>.</p>' in html


def test_entity_text_with_markup_characters_is_matched_escaped() -> None:
    linked = render_blocks(
        (Block("paragraph", "AT&T", 1),), [EntityLink("AT&T", 0, "x.html", "AT&T")]
    )
    assert linked == '<p><a class="entity-link" href="x.html" title="AT&amp;T">AT&amp;T</a></p>'
