"""The five seed clippings become the records the loader issue describes.

The sources are evidence: their bytes match ``content/SHA256SUMS``, and every
sentence of every source survives in the record's ``body_text``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.core.records import ArticleRecord, Block, Body, Provenance
from sitegen.load.loader import Collection, load_collection
from sitegen.load.parsing.sentences import split_sentences
from tests.loader_fixtures import (
    REPO_ROOT,
    SEED_CONTENT,
    SEED_NAMES,
    copy_seed_collection,
    load,
    normalise_text,
    record_by_id,
)

SOURCES = SEED_CONTENT / "sources"
SEED_IDS = {name[:3]: name for name in SEED_NAMES}

# What the issue calls header and metadata chrome: the only text a record may drop.
_CHROME_LINES = re.compile(
    r"""^\s*(?:
        \#{1,6}\s.*                                   # site-name and headline headings
      | -{3,}                                         # rules
      | \[?Tweetnij\]?(?:\(\#\))?                     # share button
      | <https?://\S+>                                # the clipped page's address
      | \d{1,2}\.\d{1,2}\.\d{4}(?:,\s*\d{1,2}:\d{2})? # date lines (publication, saved at)
      | \*autor:\s.*\*                                # author line → author field
      | \*?[a-ząćęłńóśźż]{2,5}/\s?[a-ząćęłńóśźż]{2,5}/\*?  # agency sign-off
      | Informacje\ z\ MSZ                            # section label
    )\s*$""",
    re.VERBOSE | re.MULTILINE,
)
_CHROME_PIECES = re.compile(
    r"^\s*date \d{4}-\d{2}(?:-\d{2})?|Tell a friend|Data publikacji \d{2}\.\d{2}\.\d{4}|"
    r"Powrót Drukuj",
    re.MULTILINE,
)


def source_text(record: ArticleRecord) -> str:
    return (SOURCES / record.source.file).read_text(encoding="utf-8-sig")


def text_sentences(raw: str, record: ArticleRecord) -> list[str]:
    """The sentences of a source once the header/metadata chrome the issue names is removed.

    The record's title, and a closing signature that became its publisher and
    author, are fields: their lines are removed too (only whole lines, or the
    headline inside 004's packed header line).
    """
    text = _CHROME_LINES.sub("", raw)
    text = _CHROME_PIECES.sub("\n", text)
    fields = {record.title, record.publisher or "", record.author or ""} - {""}
    kept_lines = [line for line in text.split("\n") if line.strip() not in fields]
    text = "\n".join(kept_lines).replace(record.title, "\n")
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*•)", text):  # a bullet starts its own
        sentences.extend(split_sentences(" ".join(paragraph.split())))
    return [s for s in sentences if normalise_text(s)]


def lost_sentences(raw: str, record: ArticleRecord) -> list[str]:
    body = normalise_text(record.body_text)
    return [s for s in text_sentences(raw, record) if normalise_text(s) not in body]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    return load_collection(copy_seed_collection(tmp_path_factory.mktemp("seeds")))


@pytest.fixture(scope="module")
def records(seeds: Collection) -> dict[str, ArticleRecord]:
    return {short: record_by_id(seeds, full) for short, full in SEED_IDS.items()}


def test_the_seed_sources_match_the_manifest() -> None:
    """The five seeds are in content/ byte for byte; what a curator adds is checksummed too."""
    manifest = (SEED_CONTENT / "SHA256SUMS").read_text(encoding="utf-8")
    entries: dict[str, str] = {}
    for line in manifest.splitlines():
        match = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line)
        assert match, f"not sha256sum format: {line!r}"
        entries[match.group(2)] = match.group(1)
    assert {f"{full}.txt" for full in SEED_IDS.values()} <= set(entries)
    for name, digest in entries.items():
        assert hashlib.sha256((SOURCES / name).read_bytes()).hexdigest() == digest, name
    shared = REPO_ROOT.parent / "shared" / "seeds"
    if shared.is_dir():  # beside the repository, as on the project's machines
        for full in SEED_IDS.values():
            assert (SOURCES / f"{full}.txt").read_bytes() == (shared / f"{full}.txt").read_bytes()


def test_the_seed_collection_loads_without_errors(seeds: Collection) -> None:
    assert seeds.diagnostics.errors == []
    assert sorted(r.id for r in seeds.records) == sorted(SEED_IDS.values())


def test_records_know_the_digest_of_their_source(records: dict[str, ArticleRecord]) -> None:
    for record in records.values():
        raw = (SOURCES / record.source.file).read_bytes()
        assert record.source.sha256 == hashlib.sha256(raw).hexdigest()
        assert record.source.bytes == len(raw)


@pytest.mark.parametrize("short", sorted(SEED_IDS))
def test_every_sentence_of_the_source_survives_in_the_body(
    records: dict[str, ArticleRecord], short: str
) -> None:
    record = records[short]
    raw = source_text(record)
    assert len(text_sentences(raw, record)) >= 5
    assert lost_sentences(raw, record) == []


def test_the_survival_check_notices_a_dropped_paragraph(records: dict[str, ArticleRecord]) -> None:
    record = records["000"]
    blocks = record.blocks.decoded()
    middle = len(blocks) // 2
    dropped = blocks[middle]
    damaged = replace(record, blocks=Body.of(blocks[:middle] + blocks[middle + 1 :]))
    lost = lost_sentences(source_text(record), damaged)
    assert lost
    assert all(normalise_text(s) in normalise_text(dropped.text) for s in lost)


def test_the_survival_check_notices_a_dropped_list_item(records: dict[str, ArticleRecord]) -> None:
    record = records["003"]
    (index, lst) = next((i, b) for i, b in enumerate(record.blocks) if b.kind == "list")
    shorter = Block("list", "\n".join(lst.items[1:]), lst.line, items=lst.items[1:])
    blocks = tuple(record.blocks)
    damaged = replace(record, blocks=Body.of((*blocks[:index], shorter, *blocks[index + 1 :])))
    assert lost_sentences(source_text(record), damaged)


TRICKY_MIDDLE = """\
## Nagłówek próbnego tekstu

12.03.2021

Pierwszy akapit jest zwykłym zdaniem.

Ministerstwo Spraw Zagranicznych

12 czerwca 2020 r.

Powrót do rozmów nastąpi jesienią

• punkt listy pierwszy
• punkt listy drugi

Ostatni akapit kończy tekst.
"""


def test_middle_paragraphs_that_look_like_chrome_are_kept(tmp_path: Path) -> None:
    record = record_by_id(load(tmp_path, sources={"t": TRICKY_MIDDLE}), "t")
    assert lost_sentences(TRICKY_MIDDLE, record) == []
    assert "Ministerstwo Spraw Zagranicznych" in record.body_text
    assert "Powrót do rozmów nastąpi jesienią" in record.body_text


def test_000_fields(records: dict[str, ArticleRecord]) -> None:
    r = records["000"]
    assert r.title == "Wizyta szefa BBN w Kazachstanie"
    assert (r.date.iso if r.date else None, r.date_precision) == ("2018-06-23", "day")
    assert r.retrieved is not None and r.retrieved.iso == "2024-04-25"
    assert r.language == "pl"
    assert r.publisher == "Biuro Bezpieczeństwa Narodowego"
    assert r.author == "Maciej Zubel"
    assert r.source_url == (
        "https://www.bbn.gov.pl/pl/wydarzenia/8231,Wizyta-szefa-BBN-w-Kazachstanie.html"
    )
    assert r.provenance["date"] == Provenance("text", 11)
    assert r.provenance["title"] == Provenance("text", 13)


def test_000_lede_is_the_summary(records: dict[str, ArticleRecord]) -> None:
    r = records["000"]
    assert r.summary.startswith("Cyberbezpieczeństwo, walka z handlem narkotykami")
    assert r.summary.endswith("w Kielcach.")
    assert len(r.summary) <= 300
    assert r.provenance["summary"] == Provenance("text", 17)


def test_000_split_paragraph_is_joined(records: dict[str, ArticleRecord]) -> None:
    assert "postanowili o zacieśnieniu konsultacji między oboma krajami." in records[
        "000"
    ].body_text.replace("\n", " ")


def test_000_event_dates_are_mentioned_not_published(records: dict[str, ArticleRecord]) -> None:
    assert {"2018-06-19", "2018-06-21"} <= set(records["000"].mentioned_dates)


def test_001_fields(records: dict[str, ArticleRecord]) -> None:
    r = records["001"]
    assert r.title == "Konsultacje polityczne Polski i Kazachstanu"
    assert (r.date.iso if r.date else None, r.date_precision) == ("2020-12-08", "day")
    assert r.provenance["date"] == Provenance("sidecar")
    assert r.notes and "8 grudnia" in r.notes
    assert r.language == "pl"
    assert r.publisher == "Ministerstwo Spraw Zagranicznych"
    assert r.provenance["title"] == Provenance("text", 1)
    assert not r.body_text.startswith("Konsultacje polityczne Polski i Kazachstanu")
    assert r.body_text.count("Konsultacje polityczne Polski i Kazachstanu") == 0
    assert "2020-11" in r.mentioned_dates  # "w listopadzie tego roku"


def test_002_fields(records: dict[str, ArticleRecord]) -> None:
    r = records["002"]
    assert "tell a friend" not in r.title.casefold()
    assert not r.title.startswith("date")
    assert len(r.title) <= 120
    assert (r.date.iso if r.date else None, r.date_precision) == ("2024-11-24", "day")
    assert r.provenance["date"] == Provenance("text", 1)
    assert r.language == "en"
    assert r.publisher == "Ministry of Foreign Affairs of Kazakhstan"
    assert {"2024-09-24", "2024-10-22", "2024-10-23"} <= set(r.mentioned_dates)


def test_003_fields(records: dict[str, ArticleRecord]) -> None:
    r = records["003"]
    assert r.title != "Informacje z MSZ"
    assert r.provenance["title"] == Provenance("sidecar")
    assert (r.date.iso if r.date else None, r.date_precision) == ("2022-01", "month")
    assert r.language == "pl"
    assert {"2022-01-07", "2022-01-10"} <= set(r.mentioned_dates)


def test_003_bullet_lines_form_a_list_block(records: dict[str, ArticleRecord]) -> None:
    r = records["003"]
    lists = [b for b in r.blocks if b.kind == "list"]
    assert len(lists) == 1
    raw_bullets = [line for line in source_text(r).splitlines() if line.strip().startswith("•")]
    assert len(lists[0].items) == len(raw_bullets) >= 20
    assert lists[0].items[0].startswith("W dniu 2 stycznia 2022 r.")
    assert "•" not in r.body_text


def test_004_fields(records: dict[str, ArticleRecord]) -> None:
    r = records["004"]
    assert r.title == (
        "Komendant Główny Policji spotkał się z Zastępcą Ministra Spraw Wewnętrznych "
        "Republiki Azerbejdżanu"
    )
    assert (r.date.iso if r.date else None, r.date_precision) == ("2025-06-03", "day")
    assert r.provenance["date"] == Provenance("text", 1)
    assert r.language == "pl"
    assert r.publisher == "Komenda Główna Policji"
    assert r.body_text.startswith("W dniach 27 - 30 maja 2025 roku gościł w Polsce")
    assert {"2025-05-27", "2025-05-28", "2025-05-29", "2025-05-30"} <= set(r.mentioned_dates)


@pytest.mark.parametrize(
    ("short", "chrome"),
    [
        ("000", ["Tweetnij", "zub/ par/", "autor:", "25.04.2024", "---", "https://www.bbn"]),
        ("000", ["Biuro Bezpieczeństwa Narodowego", "23.06.2018"]),
        ("001", ["Biuro Rzecznika Prasowego"]),
        ("002", ["Tell a friend", "date 2024"]),
        ("003", ["Informacje z MSZ"]),
        ("004", ["Powrót Drukuj", "Data publikacji", "date 2025", "03.06.2025"]),
    ],
)
def test_no_chrome_in_the_bodies(
    records: dict[str, ArticleRecord], short: str, chrome: list[str]
) -> None:
    body = records[short].body_text
    for piece in chrome:
        assert piece.casefold() not in body.casefold(), piece
    assert "\n\n\n" not in body


def entity_ids(record: ArticleRecord, kind: str | None = None) -> set[str]:
    return {e.id for e in record.entities if kind is None or e.kind == kind}


def test_kazakhstan_is_on_the_four_kazakh_records(records: dict[str, ArticleRecord]) -> None:
    tagged = {short for short, r in records.items() if "kazakhstan" in entity_ids(r, "country")}
    assert tagged == {"000", "001", "002", "003"}


@pytest.mark.parametrize(
    ("short", "people"),
    [
        # The byline's author is a person the clipping names too.
        (
            "000",
            {
                "pawel-soloch",
                "nurlan-jermiekbajew",
                "andrzej-duda",
                "nursultan-nazarbajew",
                "maciej-zubel",
            },
        ),
        ("001", {"marcin-przydacz", "margulan-baimuchan", "kajrat-abdrachmanow"}),
        ("002", {"roman-vassilenko", "michal-labenda", "murat-nurtleu", "radoslaw-sikorski"}),
        ("003", {"kasym-zomart-tokajew"}),
        ("004", {"marek-boron", "ismat-aliyev"}),
    ],
)
def test_people_of_each_record(
    records: dict[str, ArticleRecord], short: str, people: set[str]
) -> None:
    assert entity_ids(records[short], "person") == people


def test_countries_and_organisations_of_the_seeds(records: dict[str, ArticleRecord]) -> None:
    assert {"poland", "kazakhstan", "iraq"} <= entity_ids(records["000"], "country")
    assert "pap" in entity_ids(records["000"], "organization")
    assert "csto" in entity_ids(records["003"], "organization")
    assert "azerbaijan" in entity_ids(records["004"], "country")


def test_inflected_mentions_of_kazakhstan_are_counted_together(
    records: dict[str, ArticleRecord],
) -> None:
    (kz,) = [e for e in records["000"].entities if e.id == "kazakhstan"]
    body = records["000"].body_text + " " + records["000"].title
    assert kz.count >= len(re.findall(r"\bKazachstan(?:u|ie|em)?\b", body))
    soloch = next(e for e in records["000"].entities if e.id == "pawel-soloch")
    assert soloch.count == len(re.findall(r"\bSoloch(?:o|a)?\b", body))
