"""The language of a text, identified offline and deterministically.

py3langid's model is restricted to the languages the collection uses, which
makes short texts far more reliable (a Polish sentence is never Slovak).

The model ships compressed: unpacking it took each process that reads a source
0.8 s and 70 MB of its own memory (an edit to one source waited for it). It is
unpacked once into the user's cache folder and mapped from there, where the
processes of a build, and later builds, share it.

>>> detect_language("Szef BBN przebywał w Kazachstanie w dniach 19-21 czerwca.", ("pl", "en", "ru"))
'pl'
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from importlib.metadata import version
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from sitegen.core.files import user_cache_dir

_SAMPLE_LENGTH = 1000
_ARRAYS = ("ptc", "pc", "nextmove", "row", "output")


def detect_language(text: str, languages: tuple[str, ...]) -> str:
    """ISO 639-1 code of ``text``'s language among ``languages`` (all known ones if empty)."""
    # The opening of a text decides its language as well as the whole, in bounded time.
    language, _ = _identifier(tuple(sorted(languages))).classify(text[:_SAMPLE_LENGTH])
    return str(language)


@functools.lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = _unpacked_model() or _packaged_model()
    if languages:
        identifier.set_languages(list(languages))
    return identifier


def _packaged_model() -> LanguageIdentifier:
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def unpacked_model_dir() -> Path:
    """Where the unpacked model is kept: named by py3langid's version and its model file."""
    shipped = (MODEL_DIR / MODEL_FILE).stat()
    name = f"py3langid-{version('py3langid')}-{shipped.st_size}-{shipped.st_mtime_ns}"
    return user_cache_dir() / "models" / name


def _unpacked_model() -> LanguageIdentifier | None:
    """The model mapped from the cache folder, unpacked there first if missing; ``None``
    when the folder cannot be read or written (the packaged model is used instead)."""
    try:
        folder = unpacked_model_dir()
        if not folder.is_dir():
            _unpack(_packaged_model(), folder)
        return _mapped_model(folder)
    # Unwritable, damaged, or another py3langid's layout: the packaged model still works.
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def _unpack(identifier: LanguageIdentifier, folder: Path) -> None:
    arrays = {
        "ptc": np.asarray(identifier.nb_ptc),
        "pc": np.asarray(identifier.nb_pc),
        "nextmove": np.asarray(memoryview(identifier.tk_nextmove)),
        "row": np.asarray(memoryview(identifier.tk_row)),
        "output": np.asarray(identifier.tk_output, dtype=np.int32),
    }
    folder.parent.mkdir(parents=True, exist_ok=True)
    unpacking = folder.with_name(f"{folder.name}.partial-{os.getpid()}")
    unpacking.mkdir()
    try:
        for name, array in arrays.items():
            np.save(unpacking / f"{name}.npy", array, allow_pickle=False)
        (unpacking / "classes.json").write_text(json.dumps(list(identifier.nb_classes)))
        unpacking.rename(folder)  # whole or not at all; another process may have won the race
    except OSError:
        if not folder.is_dir():
            raise
    finally:
        shutil.rmtree(unpacking, ignore_errors=True)
    for older in folder.parent.glob("py3langid-*"):  # another version's: never read again
        if older != folder and ".partial-" not in older.name:
            shutil.rmtree(older, ignore_errors=True)


def _mapped_model(folder: Path) -> LanguageIdentifier:
    """The model over the unpacked arrays, mapped read-only (``ValueError`` if damaged)."""
    ptc, pc, nextmove, row, output = (
        np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS
    )
    classes = json.loads((folder / "classes.json").read_text())
    consistent = (
        isinstance(classes, list)
        and ptc.ndim == 2
        and ptc.shape[1] == len(classes) == len(pc)
        and nextmove.dtype.kind == row.dtype.kind == "u"
        and len(row) == len(output) > 0
        and int(row.max()) < len(nextmove) // 256
        and int(nextmove.max()) < len(output)
        and int(output.max()) < len(ptc)
    )
    if not consistent:
        raise ValueError(f"damaged language model in {folder}")
    # Memory views: indexing one gives a Python int as fast as py3langid's own arrays.
    return LanguageIdentifier(
        ptc,
        np.asarray(pc),
        classes,
        memoryview(nextmove),
        output.tolist(),
        norm_probs=True,
        tk_row=memoryview(row),
    )
