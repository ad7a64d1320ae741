"""The Jinja environment: the archive's templates over the theme, strict, autoescaped, translated.

Templates read the current page's ``meta`` for its language and path, so the
helpers below need no arguments beyond their value:

- ``t("key", n=3)`` — a string of the page's interface language (given to each page
  by ``render_page``: a macro imported from another template needs ``with context``);
- ``path|rel`` — a link relative to the current page (``../countries/kazakhstan.html``),
  or from the server root on a page served at any depth (``urls.link_from``);
- ``date|date_text`` — a ``DateValue`` as precisely as known, in the page's language;
- ``month|month_name`` — a month's stand-alone name (``Czerwiec``, ``June``);
- ``n|number`` — a number in the page's language (``1 234`` / ``1,234``);
- ``value|json_script`` — JSON safe inside a ``<script>`` element.

Content is only ever passed as values, never compiled as a template.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateSyntaxError,
    pass_context,
    select_autoescape,
)
from jinja2 import TemplateError as JinjaError
from jinja2.runtime import Context
from markupsafe import Markup

from sitegen.core.errors import TemplateError
from sitegen.core.escaping import html_safe_json
from sitegen.core.i18n import Translator, format_date_value, format_number, month_name
from sitegen.core.records import DateValue
from sitegen.core.urls import link_from
from sitegen.render.planner import Page


def make_environment(folders: Sequence[Path]) -> Environment:
    """Templates looked up in ``folders`` in order (``theme.template_folders``)."""
    env = Environment(
        loader=FileSystemLoader([str(folder) for folder in folders]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build, one set of templates: no stat() per page
    )
    env.filters["rel"] = relative_link
    env.filters["date_text"] = date_text
    env.filters["month_name"] = month
    env.filters["number"] = number
    env.filters["json_script"] = json_script
    return env


def compile_templates(env: Environment) -> None:
    """Compile every page template now, so worker processes forked later share them."""
    for name in env.list_templates(extensions=["html"]):
        with contextlib.suppress(JinjaError):  # rendering reports it, with the page using it
            env.get_template(name)


def render_page(env: Environment, page: Page) -> str:
    """The HTML of ``page``; its context's fields are the template's variables.

    A broken template is a ``TemplateError`` naming the template file and line.
    """
    try:
        template = env.get_template(page.template)
        meta = page.context.meta
        # ``t`` bound to the page's language: plain calls, not context-passing ones (faster).
        return template.render(page=page.context, meta=meta, t=Translator.load(meta.lang).text)
    except TemplateSyntaxError as exc:
        where = exc.filename or exc.name or page.template
        raise TemplateError(f"{where}:{exc.lineno}: {exc.message}") from None
    except JinjaError as exc:
        line = _template_line(exc.__traceback__)
        raise TemplateError(f"{line or page.template}: {exc} (rendering {page.path})") from None


def _template_line(trace: TracebackType | None) -> str | None:
    """``templates/x.html:12`` of the innermost template frame of a rendering error."""
    found = None
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            found = f"{filename}:{trace.tb_lineno}"
        trace = trace.tb_next
    return found


def _lang(context: Context) -> str:
    return str(context["meta"].lang)


@pass_context
def relative_link(context: Context, path: str) -> str:
    meta = context["meta"]
    return link_from(str(meta.path), path, meta.any_depth_base)


@pass_context
def date_text(context: Context, value: DateValue | None) -> str:
    return format_date_value(value, _lang(context))


@pass_context
def month(context: Context, value: int) -> str:
    return month_name(value, _lang(context))


@pass_context
def number(context: Context, value: int) -> str:
    return format_number(value, _lang(context))


def json_script(value: Any) -> Markup:
    """``value`` as compact JSON for a ``<script type="application/ld+json">`` element."""
    return Markup(html_safe_json(value))
