"""Content pages: ``content/pages/NAME.md`` (Polish) and ``NAME.LANG.md`` with YAML front matter.

Front matter keys: ``title`` (required) and ``description``. The body is
Markdown, sanitised like source text (headings, lists, emphasis, links), except
that links within the site are kept; they are relative to the page, which sits
at ``about.html`` or ``<lang>/about.html``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import markdown

from sitegen.core.errors import Diagnostics
from sitegen.core.escaping import sanitise
from sitegen.core.yamlfile import read_yaml_mapping
from sitegen.load.sources import file_problem

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_KEYS = {"title", "description"}


@dataclass(frozen=True)
class ContentPage:
    name: str
    lang: str
    title: str
    description: str
    html: str


def load_content_pages(
    pages_dir: Path, default_language: str, diagnostics: Diagnostics
) -> dict[tuple[str, str], ContentPage]:
    """Pages by ``(name, lang)``; problems go to ``diagnostics``."""
    pages: dict[tuple[str, str], ContentPage] = {}
    if not pages_dir.is_dir():
        return pages
    for path in sorted(pages_dir.glob("*.md")):
        if (problem := file_problem(path, pages_dir)) is not None:
            diagnostics.error(path, None, problem)
            continue
        name, _, lang = path.stem.partition(".")
        page = read_content_page(path, name, lang or default_language, diagnostics)
        if page is not None:
            pages[(name, page.lang)] = page
    return pages


def read_content_page(
    path: Path, name: str, lang: str, diagnostics: Diagnostics
) -> ContentPage | None:
    try:
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeError) as exc:
        diagnostics.error(path, None, f"cannot read as UTF-8 text: {exc}")
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        diagnostics.error(
            path, 1, "a content page starts with YAML front matter between '---' lines"
        )
        return None
    front = read_yaml_mapping(
        match.group(1), path.name, partial(diagnostics.error, path), keys=_KEYS, first_line=2
    )
    if front is None:
        return None
    title = front.values.get("title")
    if not isinstance(title, str) or not title.strip():
        diagnostics.error(path, 1, "front matter needs a 'title'")
        return None
    body = text[match.end() :]
    # Headings in the body start at h2: the page title is the one h1.
    rendered = markdown.markdown(body, output_format="html").replace("<h1>", "<h2>")
    return ContentPage(
        name=name,
        lang=lang,
        title=title.strip(),
        description=str(front.values.get("description", "")).strip(),
        html=sanitise(rendered.replace("</h1>", "</h2>"), relative_links=True),
    )
