"""The search segments kept between builds (``engine/segment_files.py``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sitegen.engine.build import BuildOptions, build_site
from sitegen.engine.segment_files import SEGMENTS_DIR, SegmentFiles
from sitegen.load.loader import Collection
from sitegen.outputs.search.analysis import Analyser
from sitegen.outputs.search.segments import collect_segment, segment_bytes
from sitegen.render.theme import THEME_DIR
from tests.loader_fixtures import copy_seed_collection


def digest(record: object) -> bytes:
    return repr(record).encode()


def test_a_kept_segment_is_found_by_the_same_articles_only(
    collection: Collection, tmp_path: Path
) -> None:
    records = collection.records[:3]
    segment = collect_segment(records, Analyser())
    SegmentFiles(tmp_path, "v1", digest).keep(records, segment)
    assert SegmentFiles(tmp_path, "v1", digest).get(records) == segment
    assert SegmentFiles(tmp_path, "v2", digest).get(records) is None  # other analysers
    assert SegmentFiles(tmp_path, "v1", digest).get(records[::-1]) is None
    edited = (dataclasses.replace(records[0], summary="Inne streszczenie."), *records[1:])
    assert SegmentFiles(tmp_path, "v1", digest).get(edited) is None
    assert SegmentFiles(tmp_path, "v1", digest, read=False).get(records) is None  # --clean


def test_a_damaged_segment_file_is_read_again_not_trusted(
    collection: Collection, tmp_path: Path
) -> None:
    records = collection.records[:2]
    SegmentFiles(tmp_path, "v1", digest).keep(records, collect_segment(records, Analyser()))
    (kept,) = (tmp_path / SEGMENTS_DIR).iterdir()
    kept.write_bytes(kept.read_bytes()[:-1])
    assert SegmentFiles(tmp_path, "v1", digest).get(records) is None


def test_only_the_segments_of_this_build_stay(collection: Collection, tmp_path: Path) -> None:
    first, second = collection.records[:2], collection.records[2:4]
    old = SegmentFiles(tmp_path, "v1", digest)
    old.keep(first, collect_segment(first, Analyser()))
    writing = tmp_path / SEGMENTS_DIR / "another-build.segment.123"  # being written elsewhere
    writing.write_bytes(b"x")
    new = SegmentFiles(tmp_path, "v1", digest)
    assert new.get(second) is None
    new.keep(second, collect_segment(second, Analyser()))
    new.forget_the_rest()
    assert sorted(p.name for p in (tmp_path / SEGMENTS_DIR).iterdir() if p != writing) == [
        next(p.name for p in (tmp_path / SEGMENTS_DIR).iterdir() if p.suffix == ".segment")
    ]
    assert writing.exists()
    assert SegmentFiles(tmp_path, "v1", digest).get(second) is not None
    assert SegmentFiles(tmp_path, "v1", digest).get(first) is None


def test_a_segment_file_not_signed_by_this_user_is_not_read(
    collection: Collection, tmp_path: Path
) -> None:
    records = collection.records[:2]
    files = SegmentFiles(tmp_path, "v1", digest)
    files.keep(records, collect_segment(records, Analyser()))
    (kept,) = (tmp_path / SEGMENTS_DIR).iterdir()
    # Well-formed, with a valid digest of its own: as someone else's cache would be.
    kept.write_bytes(segment_bytes(collect_segment(records[::-1], Analyser())))
    assert SegmentFiles(tmp_path, "v1", digest).get(records) is None


@pytest.mark.usefixtures("small_segments")
def test_an_edit_keeps_every_other_segment_of_the_last_build(tmp_path: Path) -> None:
    copy_seed_collection(tmp_path)
    options = BuildOptions(
        content_dir=tmp_path / "content",
        templates_dir=THEME_DIR,
        output_dir=tmp_path / "build",
        cache_dir=tmp_path / "cache",
    )
    build_site(options)
    kept = tmp_path / "cache" / SEGMENTS_DIR
    before = {path.name: path.stat().st_mtime_ns for path in kept.iterdir()}
    source = tmp_path / "content" / "sources" / "004_0de1820f97266a22.txt"
    source.write_bytes(source.read_bytes() + "\n\nDodatkowe zdanie o współpracy.\n".encode())
    build_site(options)
    after = {path.name: path.stat().st_mtime_ns for path in kept.iterdir()}
    assert len(before) >= 3 and len(after) == len(before)
    assert len(set(after.items()) - set(before.items())) == 1  # its segment, and only it
