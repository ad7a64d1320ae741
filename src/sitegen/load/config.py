"""``content/site.yaml`` → a frozen ``SiteConfig``; one declared schema.

Unknown keys are errors that name the nearest known key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

from sitegen.core.errors import ConfigError
from sitegen.core.yamlfile import read_yaml_file

SUPPORTED_UI_LANGUAGES = ("pl", "en")


@dataclass(frozen=True)
class SiteConfig:
    title: Mapping[str, str]
    description: Mapping[str, str]
    base_url: str | None
    languages: tuple[str, ...]
    default_language: str
    author: str | None = None
    content_languages: tuple[str, ...] = ("pl", "en", "ru")
    """Languages the language detector may answer (restricting it keeps it deterministic)."""

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title[self.default_language]

    def description_in(self, lang: str) -> str:
        return self.description.get(lang) or self.description[self.default_language]

    def with_base_url(self, base_url: str | None) -> SiteConfig:
        return replace(self, base_url=normalise_base_url(base_url)) if base_url else self


_KEYS = {
    "title",
    "description",
    "base_url",
    "languages",
    "default_language",
    "author",
    "content_languages",
}


def load_config(path: Path) -> SiteConfig:
    """Read ``site.yaml``; a missing file gives a usable default configuration."""
    if not path.exists():
        return parse_config({}, str(path))
    doc = read_yaml_file(path, partial(_stop, path), _KEYS)
    assert doc is not None  # _stop raised otherwise
    return parse_config(doc.values, str(path))


def _stop(path: Path, line: int | None, message: str) -> NoReturn:
    """The configuration's first problem stops the run: nothing can be built without it."""
    raise ConfigError(f"{path}:{line}: {message}" if line else f"{path}: {message}")


def parse_config(values: Mapping[str, Any], where: str) -> SiteConfig:
    languages = tuple(_str_list(values.get("languages", ["pl", "en"]), "languages", where))
    for lang in languages:
        if lang not in SUPPORTED_UI_LANGUAGES:
            raise ConfigError(
                f"{where}: interface language '{lang}' has no translations; "
                f"available: {', '.join(SUPPORTED_UI_LANGUAGES)}"
            )
    if not languages:
        raise ConfigError(f"{where}: 'languages' must name at least one interface language")
    default = str(values.get("default_language", languages[0]))
    if default not in languages:
        raise ConfigError(f"{where}: default_language '{default}' is not in languages")
    base_url = values.get("base_url")
    if base_url is not None and not isinstance(base_url, str):
        raise ConfigError(f"{where}: base_url must be a URL")
    return SiteConfig(
        title=_localised(values.get("title", "Archiwum"), "title", where, languages),
        description=_localised(values.get("description", ""), "description", where, languages),
        base_url=normalise_base_url(base_url) if base_url else None,
        languages=languages,
        default_language=default,
        author=str(values["author"]) if values.get("author") else None,
        content_languages=tuple(
            _str_list(
                values.get("content_languages", ["pl", "en", "ru"]), "content_languages", where
            )
        ),
    )


def normalise_base_url(url: str) -> str:
    """Absolute http(s) URL ending in ``/``: the site's root when published."""
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"base URL must start with http:// or https://, got {url!r}")
    return url if url.endswith("/") else url + "/"


def _localised(value: Any, key: str, where: str, languages: tuple[str, ...]) -> dict[str, str]:
    if isinstance(value, str):
        return dict.fromkeys(languages, value)
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {str(k): v for k, v in value.items()}
    raise ConfigError(f"{where}: '{key}' must be text or a mapping of language to text")


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"{where}: '{key}' must be a list of texts")
