"""Language identification (``load.parsing.language``): the model unpacked once, then mapped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from py3langid.langid import LanguageIdentifier

from sitegen.load.parsing import language
from sitegen.load.parsing.language import detect_language, unpacked_model_dir

LANGUAGES = ("en", "pl", "ru")
TEXTS = (
    "Minister spraw zagranicznych spotkał się z ambasadorem Kazachstanu w Warszawie.",
    "The deputy minister met the ambassador of Uzbekistan to discuss trade and transport.",
    "Министр иностранных дел провёл встречу с послом Польши в Астане.",
    "Rozmowy dotyczyły współpracy gospodarczej, energetyki i bezpieczeństwa regionu.",
    "Consultations covered energy, security and the New Silk Road.",
    "Kazakhstan",
    "",
)


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user cache folder of this test's own, and no model loaded before the test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    language._identifier.cache_clear()
    yield tmp_path / "user-cache"
    language._identifier.cache_clear()


def packaged_answers() -> list[str]:
    identifier = language._packaged_model()
    identifier.set_languages(list(LANGUAGES))
    return [str(identifier.classify(text)[0]) for text in TEXTS]


def test_the_unpacked_model_identifies_every_text_as_the_packaged_one() -> None:
    answers = [detect_language(text, LANGUAGES) for text in TEXTS]
    assert (unpacked_model_dir() / "nextmove.npy").is_file()
    assert answers[:3] == ["pl", "en", "ru"]
    assert answers == packaged_answers()


def test_a_later_build_maps_the_unpacked_model_without_unpacking_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    detect_language(TEXTS[0], LANGUAGES)
    language._identifier.cache_clear()

    def not_unpacked_again() -> None:
        raise AssertionError("the packaged model was read again")

    monkeypatch.setattr(language, "_packaged_model", not_unpacked_again)
    assert [detect_language(text, LANGUAGES) for text in TEXTS[:3]] == ["pl", "en", "ru"]


def test_a_damaged_unpacked_model_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    detect_language(TEXTS[0], LANGUAGES)
    language._identifier.cache_clear()
    nextmove = unpacked_model_dir() / "nextmove.npy"
    data = nextmove.read_bytes()
    nextmove.unlink()  # a new file, as any writer would make: a mapped one is never changed
    nextmove.write_bytes(data[:100_000])
    read_packaged: list[bool] = []
    packaged = language._packaged_model

    def reading_packaged() -> LanguageIdentifier:
        read_packaged.append(True)
        return packaged()

    monkeypatch.setattr(language, "_packaged_model", reading_packaged)
    assert [detect_language(text, LANGUAGES) for text in TEXTS[:3]] == ["pl", "en", "ru"]
    assert read_packaged == [True]


def test_a_model_whose_values_point_outside_its_tables_is_not_used() -> None:
    detect_language(TEXTS[0], LANGUAGES)
    language._identifier.cache_clear()
    folder = unpacked_model_dir()
    row = folder / "row.npy"
    data = bytearray(row.read_bytes())
    data[-2:] = b"\xff\xff"  # the last state's row: far past the transition table
    row.unlink()
    row.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="damaged language model"):
        language._mapped_model(folder)


def test_an_unwritable_cache_folder_still_identifies_languages(user_cache: Path) -> None:
    user_cache.parent.mkdir(parents=True, exist_ok=True)
    user_cache.write_text("a file where the folder would be")
    assert [detect_language(text, LANGUAGES) for text in TEXTS[:3]] == ["pl", "en", "ru"]


def test_another_versions_unpacked_model_is_removed_when_this_one_is_unpacked() -> None:
    older = unpacked_model_dir().with_name("py3langid-0.0.1-1-1")
    older.mkdir(parents=True)
    (older / "nextmove.npy").write_bytes(b"old")
    detect_language(TEXTS[0], LANGUAGES)
    assert not older.exists()
    assert unpacked_model_dir().is_dir()
