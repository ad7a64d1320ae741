"""Deterministic benchmark corpus: N clippings as a sitegen project, a Pelican site and a Hugo site.

    python bench/make_corpus.py --n 10000 --out DIR [--seed 1] [--templates copy|symlink]

Every article is recombined from the paragraphs of the five seed sources in the repository's
``content/sources/``: a headline written from templates (Polish, or English for about 15 % of the
texts), the paragraphs of one language shuffled and combined, one generated sentence naming a
country and a person of the collection, and the header "chrome" of one of the seed layouts (a
site-name heading with the clipped URL, ``Data publikacji DD.MM.YYYY``, ``date YYYY-MM-DD Tell a
friend``, a header packed into one line, a signature, an undated statement). Dates are spread
uniformly over 2000-2025. About a third of the texts get a sidecar (tags, notes, a date or a
headline for texts that lack one).

Article ``i`` depends only on ``(seed, i)``: the corpus for N=1000 is the first thousand articles
of the corpus for N=10000. The same articles (headline, date, tags, paragraphs) are written as
``DIR/pelican/content/*.md`` and ``DIR/hugo/content/posts/*.md`` with minimal configurations that
do comparable work: one page per article, tag pages, an index and one Atom feed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.render.theme import THEME_DIR

REPO = Path(__file__).resolve().parent.parent
SEED_DIR = REPO / "content" / "sources"

FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
ENGLISH_SHARE = 0.15

# Which entities and topics each seed text is about (used for the peers' tags: sitegen finds its
# own tags in the text with its gazetteer; Pelican and Hugo are told a comparable set).
SEED_TAGS: dict[str, tuple[str, ...]] = {
    "000": ("kazakhstan", "poland", "bbn", "cybersecurity", "defence-industry", "drug-trafficking"),
    "001": ("kazakhstan", "poland", "mfa-poland", "diplomacy", "pandemic", "polish-diaspora"),
    "002": ("kazakhstan", "poland", "mfa-kazakhstan", "diplomacy", "trade-and-investment"),
    "003": ("kazakhstan", "csto", "terrorism-and-unrest", "peacekeeping", "security"),
    "004": ("azerbaijan", "poland", "kgp", "police-cooperation", "mass-events-security"),
}


@dataclass(frozen=True)
class Country:
    id: str
    nom: str
    gen: str
    loc: str
    inst: str
    en: str
    capital_en: str


COUNTRIES = (
    Country(
        "kazakhstan",
        "Kazachstan",
        "Kazachstanu",
        "Kazachstanie",
        "Kazachstanem",
        "Kazakhstan",
        "Astana",
    ),
    Country(
        "azerbaijan",
        "Azerbejdżan",
        "Azerbejdżanu",
        "Azerbejdżanie",
        "Azerbejdżanem",
        "Azerbaijan",
        "Baku",
    ),
    Country(
        "uzbekistan",
        "Uzbekistan",
        "Uzbekistanu",
        "Uzbekistanie",
        "Uzbekistanem",
        "Uzbekistan",
        "Tashkent",
    ),
    Country(
        "kyrgyzstan",
        "Kirgistan",
        "Kirgistanu",
        "Kirgistanie",
        "Kirgistanem",
        "Kyrgyzstan",
        "Bishkek",
    ),
    Country(
        "tajikistan",
        "Tadżykistan",
        "Tadżykistanu",
        "Tadżykistanie",
        "Tadżykistanem",
        "Tajikistan",
        "Dushanbe",
    ),
    Country(
        "turkmenistan",
        "Turkmenistan",
        "Turkmenistanu",
        "Turkmenistanie",
        "Turkmenistanem",
        "Turkmenistan",
        "Ashgabat",
    ),
    Country("georgia", "Gruzja", "Gruzji", "Gruzji", "Gruzją", "Georgia", "Tbilisi"),
    Country("armenia", "Armenia", "Armenii", "Armenii", "Armenią", "Armenia", "Yerevan"),
)
# Kazakhstan is the collection's main subject: weight it like the seeds do.
COUNTRY_WEIGHTS = (6, 3, 2, 1, 1, 1, 1, 1)

# (id, name as the texts write it) — people of content/entities.yaml.
PEOPLE_PL = (
    ("pawel-soloch", "Paweł Soloch"),
    ("marcin-przydacz", "Marcin Przydacz"),
    ("radoslaw-sikorski", "Radosław Sikorski"),
    ("andrzej-duda", "Andrzej Duda"),
    ("kasym-zomart-tokajew", "Kasym-Żomart Tokajew"),
    ("nursultan-nazarbajew", "Nursułtan Nazarbajew"),
    ("marek-boron", "Marek Boroń"),
    ("margulan-baimuchan", "Margułan Baimuchan"),
    ("kajrat-abdrachmanow", "Kajrat Abdrachmanow"),
    ("michal-labenda", "Michał Łabenda"),
)
PEOPLE_EN = (
    ("roman-vassilenko", "Roman Vassilenko"),
    ("murat-nurtleu", "Murat Nurtleu"),
    ("radoslaw-sikorski", "Radosław Sikorski"),
    ("michal-labenda", "Michał Łabenda"),
)

TOPICS_PL = (  # (topic id, genitive, locative)
    ("cybersecurity", "cyberbezpieczeństwa", "cyberbezpieczeństwie"),
    ("defence-industry", "przemysłu obronnego", "przemyśle obronnym"),
    ("trade-and-investment", "wymiany handlowej", "wymianie handlowej"),
    ("education-and-science", "edukacji i nauki", "edukacji i nauce"),
    ("energy", "energetyki", "energetyce"),
    ("police-cooperation", "współpracy policyjnej", "współpracy policyjnej"),
    ("culture", "kultury", "kulturze"),
)
TOPICS_EN = (
    ("trade-and-investment", "trade and investment"),
    ("education-and-science", "education and science"),
    ("security", "regional security"),
    ("culture", "cultural ties"),
    ("energy", "energy cooperation"),
    ("diplomacy", "the political dialogue"),
)

HEADLINES_PL = (
    "Wizyta szefa BBN w {c.loc}",
    "Konsultacje polityczne Polski i {c.gen}",
    "{p} rozmawiał z przedstawicielami {c.gen} o {t_loc}",
    "Polska i {c.nom} zacieśniają współpracę w dziedzinie {t_gen}",
    "Komendant Główny Policji spotkał się z delegacją {c.gen}",
    "Komisja międzyrządowa Polska – {c.nom} na {n}. posiedzeniu",
    "Wiceminister spraw zagranicznych z wizytą w {c.loc}",
    "Rozmowy o {t_loc} {city}",
    "{p}: {c.nom} pozostaje ważnym partnerem Polski",
    "Stanowisko władz {c.gen} w sprawie ostatnich wydarzeń",
    "Forum Gospodarcze Polska – {c.nom} {year}",
    "{p} spotkał się z ambasadorem {c.gen} {city}",
)
SUFFIXES_PL = (  # most headlines carry a detail that tells them apart
    "",
    " – {p2} o {t2_loc} {city2}",
    ": rozmowy o {t2_loc} i {t3_loc} {city2}",
    " – {n2}. runda konsultacji {city2}",
    " – {p2} i {p3} o {t2_loc}",
)
CITIES_PL = (
    "w Warszawie",
    "w Astanie",
    "w Ałmaty",
    "w Baku",
    "w Kielcach",
    "we Wrocławiu",
    "w Taszkencie",
    "w Biszkeku",
    "w Tbilisi",
    "w Erywaniu",
    "w Krakowie",
    "w Gdańsku",
)
HEADLINES_EN = (
    "Deputy Foreign Minister {p} receives the Ambassador of {c.en}",
    "{c.en} and Poland discuss {t}",
    "Kazakh-Polish consultations held in {city}",
    "Foreign Ministers of {c.en} and Poland meet in {city}",
    "{p} meets a Polish delegation on {t}",
    "Poland and {c.en} agree to deepen {t}",
    "Intergovernmental Commission holds meeting {n} in {city}",
)
SUFFIXES_EN = (
    "",
    ", {p2} says after talks in {city2}",
    ": {t2} and {t3} on the agenda in {city2}",
    " – round {n2} of consultations in {city2}",
    " – {p2} and {p3} on {t2}",
)
CITIES_EN = (
    "Astana",
    "Almaty",
    "Warsaw",
    "Baku",
    "Tashkent",
    "Bishkek",
    "Tbilisi",
    "Yerevan",
    "New York",
    "Kraków",
)
MENTIONS_PL = (
    "W rozmowach uczestniczył również {p}, a strony omówiły współpracę z {c.inst}.",
    "Przedstawiciele {c.gen} podkreślili znaczenie dialogu z Polską.",
    "Kolejne spotkanie zaplanowano w {c.loc}, o czym poinformował {p}.",
    "Jak zaznaczył {p}, {c.nom} jest dla Polski ważnym partnerem w regionie.",
)
MENTIONS_EN = (
    "The parties also discussed cooperation with {c.en}, the press service reports.",
    "{p} is expected to visit {c.en} next year.",
    "According to {p}, {c.en} remains an important partner of Poland in the region.",
)
SITES_PL = (  # (site-name heading, domain, section path)
    ("Biuro Bezpieczeństwa Narodowego", "www.bbn.gov.pl", "pl/wydarzenia"),
    ("Ministerstwo Spraw Zagranicznych", "www.gov.pl", "web/dyplomacja/wiadomosci"),
    ("Polska Agencja Prasowa", "www.pap.pl", "aktualnosci/news"),
)
AUTHORS = ("Maciej Zubel", "Anna Wróblewska", "Tomasz Nowicki", "Katarzyna Lis")
SIGNOFFS = ("zub/ par/", "awr/ mms/", "tno/ kar/", "kli/ zm/")
MONTHS_PL_GEN = (
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SIDECAR_TAGS = (
    "diplomacy",
    "security",
    "trade-and-investment",
    "culture",
    "energy",
    "regional-cooperation",
    "archiwum-prasowe",
    "do-weryfikacji",
    "wizyty",
)
NOTES_PL = (
    "Tekst nie podaje daty publikacji; datowano go po wydarzeniach, które opisuje.",
    "Zapis strony z archiwum; nagłówek i stopka zachowane bez zmian.",
    "Tagi uzupełnione przez kuratora na podstawie treści komunikatu.",
)
NOTES_EN = (
    "Headline written by the curator from the first sentence of the report.",
    "The clipping has no headline of its own, only the clipper's date line.",
)


@dataclass(frozen=True)
class Paragraph:
    text: str
    bullet: bool
    seed: str  # "000" … "004"


@dataclass
class Article:
    id: str
    lang: str
    title: str
    date: dt.date
    style: str
    paragraphs: list[Paragraph]
    tags: list[str]
    raw: str = ""
    sidecar: dict[str, object] = field(default_factory=dict)


# ─── Seed paragraphs ─────────────────────────────────────────────────────────────

_CHROME = re.compile(
    r"^(#|---|<https?://|\d{2}\.\d{2}\.\d{4}|\*autor|\*[a-z]{2,4}/|\[Tweetnij|date \d{4}"
    r"|Informacje z MSZ)"
)


def _seed_paragraphs(seed: str, text: str) -> list[Paragraph]:
    """The body paragraphs of a seed text, its header chrome and signatures removed."""
    text = text.replace("\r\n", "\n")
    packed = re.search(r"Powrót Drukuj (.*)", text)
    if packed:  # a header packed into one line: keep what follows "Powrót Drukuj"
        text = text[: packed.start()] + "\n\n" + packed.group(1) + text[packed.end() :]
    out: list[Paragraph] = []
    for raw_chunk in re.split(r"\n\s*\n", text):
        chunk = raw_chunk.strip()
        if not chunk or _CHROME.match(chunk):
            continue
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if any(ln.startswith("•") for ln in lines):
            for ln in lines:
                if ln.startswith("•"):
                    out.append(Paragraph(ln.lstrip("• ").strip(), True, seed))
                elif len(ln) > 80:
                    out.append(Paragraph(ln, False, seed))
            continue
        para = " ".join(lines).strip("*").strip()
        if len(para) < 80 and not para.endswith((".", "!", "?")):
            continue  # a headline copy, a section label or a signature
        if out and not out[-1].bullet and out[-1].text[-1] not in '.!?"”' and para[0].islower():
            out[-1] = Paragraph(out[-1].text + " " + para, False, seed)  # re-join a split
            continue
        out.append(Paragraph(para, False, seed))
    return out


def load_pools(seed_dir: Path = SEED_DIR) -> dict[str, list[Paragraph]]:
    """Polish and English paragraph pools from the five seed sources."""
    pools: dict[str, list[Paragraph]] = {"pl": [], "en": []}
    for path in sorted(seed_dir.glob("*.txt")):
        seed = path.name[:3]
        lang = "en" if seed == "002" else "pl"
        pools[lang].extend(_seed_paragraphs(seed, path.read_text(encoding="utf-8")))
    if not pools["pl"] or not pools["en"]:
        raise SystemExit(f"no seed paragraphs found in {seed_dir}")
    return pools


# ─── Articles ────────────────────────────────────────────────────────────────────


def _ascii_slug(text: str, limit: int = 60) -> str:
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:limit].strip("-")


def _pl_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_PL_GEN[day.month - 1]} {day.year} r."


def _en_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def _pick_country(rng: random.Random) -> Country:
    return rng.choices(COUNTRIES, weights=COUNTRY_WEIGHTS)[0]


def _headline(
    rng: random.Random,
    lang: str,
    day: dt.date,
    *,
    countries: tuple[Country, Country],
    people: tuple[tuple[str, str], ...],
    person: str,
    person2: str,
) -> tuple[str, str, str]:
    """The headline, the generated mention sentence and the headline's topic id."""
    country, other = countries
    slots: dict[str, object] = {"n": rng.randint(2, 30), "n2": rng.randint(2, 30)}
    slots["year"] = day.year
    p3 = rng.choice([name for _, name in people if name not in {person, person2}])
    slots |= {"p2": person2, "p3": p3}
    suffix_weights = (4, 25, 20, 20, 25)
    if lang == "pl":
        (topic_id, t_gen, t_loc), t2, t3 = rng.sample(TOPICS_PL, 3)
        city, city2 = rng.sample(CITIES_PL, 2)
        slots |= {"t_gen": t_gen, "t_loc": t_loc, "t2_loc": t2[2], "t3_loc": t3[2]}
        slots |= {"city": city, "city2": city2}
        headline = rng.choice(HEADLINES_PL) + rng.choices(SUFFIXES_PL, suffix_weights)[0]
        mention = rng.choice(MENTIONS_PL).format(c=other, p=person2)
    else:
        (topic_id, topic), t2e, t3e = rng.sample(TOPICS_EN, 3)
        city, city2 = rng.sample(CITIES_EN, 2)
        slots |= {"t": topic, "t2": t2e[1], "t3": t3e[1], "city": city, "city2": city2}
        headline = rng.choice(HEADLINES_EN) + rng.choices(SUFFIXES_EN, suffix_weights)[0]
        mention = rng.choice(MENTIONS_EN).format(c=other, p=person2)
    title = headline.format(c=country, p=person, **slots)
    title = title[0].upper() + title[1:]
    return title, mention, topic_id


def make_article(i: int, seed: int, pools: dict[str, list[Paragraph]]) -> Article:
    """Article number ``i``; depends only on (seed, i) and the seed texts."""
    rng = random.Random(f"sitegen-bench:{seed}:{i}")
    lang = "en" if rng.random() < ENGLISH_SHARE else "pl"
    day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    country, other = _pick_country(rng), _pick_country(rng)
    people = PEOPLE_EN if lang == "en" else PEOPLE_PL
    (pid, person), (pid2, person2) = rng.sample(people, 2)
    tags = {country.id, other.id, pid, pid2}
    title, mention, topic_id = _headline(
        rng, lang, day, countries=(country, other), people=people, person=person, person2=person2
    )
    tags.add(topic_id)

    pool = pools[lang]
    style = (
        rng.choices(["bbn", "msz", "police", "statement", "labelled"], [30, 20, 20, 10, 20])[0]
        if lang == "pl"
        else rng.choices(["kzmfa", "kzmfa-headline", "published"], [40, 30, 30])[0]
    )
    if style == "statement":  # an undated list of points, like seed 003
        bullets = [p for p in pool if p.bullet]
        paras = rng.sample(bullets, rng.randint(4, 12))
        lead = [p for p in pool if not p.bullet and p.seed == "003"]
        paras = lead[:1] + paras
    else:
        prose = [p for p in pool if not p.bullet]
        paras = rng.sample(prose, min(len(prose), rng.randint(3, 8)))
    paras.insert(rng.randint(1, len(paras)), Paragraph(mention, style == "statement", "gen"))
    for p in paras:
        tags.update(SEED_TAGS.get(p.seed, ()))

    digest = hashlib.sha256(f"{seed}:{i}:{title}".encode()).hexdigest()[:16]
    art = Article(f"{i:05d}_{digest}", lang, title, day, style, paras, [])

    sidecar: dict[str, object] = {}
    art.raw = _render_raw(art, rng, sidecar)
    extra: list[str] = []
    if style not in {"statement", "kzmfa"} and not sidecar and rng.random() < 0.10:
        extra = sorted(rng.sample(SIDECAR_TAGS, rng.randint(1, 3)))
        sidecar["tags"] = extra
        sidecar["notes"] = rng.choice(NOTES_EN if lang == "en" else NOTES_PL)
    elif sidecar and rng.random() < 0.5:
        extra = sorted(rng.sample(SIDECAR_TAGS, rng.randint(1, 2)))
        sidecar["tags"] = extra
    tags.update(extra)
    art.sidecar = sidecar
    art.tags = sorted(tags)
    return art


def _render_raw(art: Article, rng: random.Random, sidecar: dict[str, object]) -> str:
    """The clipping as a web clipper saved it, in the layout of one of the seed texts."""
    day, title = art.date, art.title
    body = [f" • {p.text}" if p.bullet else p.text for p in art.paragraphs]
    if art.style == "bbn":  # seed 000: site heading, URL, retrieval time, date, headline, lede
        site, domain, section = rng.choice(SITES_PL)
        saved = min(day + dt.timedelta(days=rng.randrange(1, 900)), dt.date(2025, 12, 31))
        lede = f"**{body[0]}**"
        author = rng.randrange(len(AUTHORS))
        parts = [
            "",
            f"# {site}",
            "---",
            f"<https://{domain}/{section}/{rng.randrange(1000, 99999)},{_ascii_slug(title)}.html>",
            f"{saved:%d.%m.%Y}, {rng.randrange(7, 23):02d}:{rng.randrange(60):02d}",
            f"{day:%d.%m.%Y}",
            f"## {title}",
            "---",
            lede,
            *body[1:],
            f"*autor: {AUTHORS[author]}*",
            f"*{SIGNOFFS[author]}*",
            "\n\n\n---",
            "[Tweetnij](#)",
        ]
        return "\n\n".join(parts)
    if art.style == "msz":  # seed 001: headline twice, no date, signature
        if rng.random() < 0.8:
            sidecar["date"] = day.isoformat()
            sidecar["notes"] = NOTES_PL[0]
        sig = "Biuro Rzecznika Prasowego\nMinisterstwo Spraw Zagranicznych"
        return "\n\n".join([title, title, *body, sig])
    if art.style == "police":  # seed 004: header packed into one line
        head = f" date {day:%Y-%m} {title} Data publikacji {day:%d.%m.%Y} Powrót Drukuj {body[0]}"
        return "\n\n".join([head, *body[1:]])
    if art.style == "statement":  # seed 003: section label, no headline, no date
        sidecar["title"] = title
        sidecar["date"] = f"{day:%Y-%m}"
        sidecar["notes"] = "Tytuł nadany przez kuratora; tekst datowano na miesiąc wydarzeń."
        return "\n\n".join(["Informacje z MSZ", body[0], "\n".join(body[1:])])
    if art.style == "labelled":  # headline and a labelled Polish date
        return "\n\n".join([title, f"Opublikowano: {_pl_date(day)}", *body])
    sep = "\n\n\n\n\n\n"
    if art.style == "kzmfa":  # seed 002: only the clipper's date line, headline in the sidecar
        sidecar["title"] = title
        sidecar["notes"] = rng.choice(NOTES_EN)
        return f" date {day.isoformat()} Tell a friend{sep}" + sep.join(body) + sep
    if art.style == "kzmfa-headline":
        return f" date {day.isoformat()} Tell a friend\n\n## {title}{sep}" + sep.join(body) + sep
    # "published": site heading, headline, an English labelled date
    site = "# Ministry of Foreign Affairs of the Republic of Kazakhstan"
    return "\n\n".join([site, f"## {title}", f"Published: {_en_date(day)}", *body])


# ─── Writers ─────────────────────────────────────────────────────────────────────


def _yaml_scalar(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings and lists are valid YAML


def _sidecar_yaml(sidecar: dict[str, object]) -> str:
    return "".join(f"{key}: {_yaml_scalar(value)}\n" for key, value in sidecar.items())


def _markdown_body(art: Article) -> str:
    lines: list[str] = []
    for n, p in enumerate(art.paragraphs):
        if p.bullet:
            lines.append(f"- {p.text}")
        else:
            if lines and lines[-1].startswith("- "):
                lines.append("")
            lines.append(f"**{p.text}**" if n == 0 and art.style == "bbn" else p.text)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


PELICANCONF = """\
# Minimal Pelican settings for the sitegen benchmark: an article page per item, tag pages,
# an index, archives and one Atom feed (authors and categories are not written).
SITENAME = "Poland – Central Asia and the Caucasus: a source archive"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Warsaw"
DEFAULT_LANG = "pl"
THEME = "simple"
RELATIVE_URLS = True
DEFAULT_PAGINATION = 50
DEFAULT_CATEGORY = "sources"
USE_FOLDER_AS_CATEGORY = False
ARTICLE_URL = ARTICLE_SAVE_AS = "articles/{slug}.html"
ARTICLE_LANG_URL = ARTICLE_LANG_SAVE_AS = "articles/{slug}-{lang}.html"
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
FEED_DOMAIN = "https://example.org"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_MAX_ITEMS = 50
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
"""

HUGO_CONFIG = """\
# Minimal Hugo site for the sitegen benchmark: an article page per item, tag pages,
# a paginated index and one Atom feed.
baseURL = "https://example.org/"
languageCode = "pl"
title = "Poland – Central Asia and the Caucasus: a source archive"
paginate = 50
rssLimit = 50
disableKinds = ["RSS", "robotsTXT"]

[taxonomies]
  tag = "tags"

[mediaTypes."application/atom+xml"]
  suffixes = ["xml"]

[outputFormats.Atom]
  mediaType = "application/atom+xml"
  baseName = "atom"
  isPlainText = false
  rel = "alternate"

[outputs]
  home = ["HTML", "Atom"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head><meta charset="utf-8"><title>{{ .Title }} – {{ .Site.Title }}</title>
<link rel="alternate" type="application/atom+xml" href="{{ "atom.xml" | relURL }}"></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> ·
<a href="{{ "tags/" | relURL }}">tags</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article lang="{{ .Params.lang }}">
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">
{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}
<p>{{ range .GetTerms "tags" }}
<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range (.Paginate .RegularPagesRecursive).Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
""",
    "_default/terms.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.ByCount }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
""",
    "_default/term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range (.Paginate .Pages).Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
""",
    "index.atom.xml": """\
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom">
<title>{{ .Site.Title }}</title>
<id>{{ .Permalink }}</id>
<link rel="self" href="{{ .Permalink }}atom.xml"/>
<updated>{{ now.UTC.Format "2006-01-02T15:04:05Z" }}</updated>
{{ range first 50 .Site.RegularPages.ByDate.Reverse }}<entry>
<title>{{ .Title }}</title>
<id>{{ .Permalink }}</id>
<link href="{{ .Permalink }}"/>
<updated>{{ .Date.UTC.Format "2006-01-02T15:04:05Z" }}</updated>
<content type="html">{{ .Content | html }}</content>
</entry>
{{ end }}</feed>
""",
}


def write_corpus(n: int, out: Path, seed: int = 1, templates: str = "copy") -> None:
    """Write the sitegen project, the Pelican site and the Hugo site for ``n`` articles."""
    pools = load_pools()
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    sources = content / "sources"
    pel = out / "pelican" / "content"
    hugo_posts = out / "hugo" / "content" / "posts"
    for d in (sources, content / "pages", pel, hugo_posts):
        d.mkdir(parents=True)
    for name in ("site.yaml", "entities.yaml"):
        shutil.copy2(REPO / "content" / name, content / name)
    for page in sorted((REPO / "content" / "pages").glob("*.md")):
        shutil.copy2(page, content / "pages" / page.name)
    if templates == "symlink":
        (out / "templates").symlink_to(THEME_DIR, target_is_directory=True)
    else:
        shutil.copytree(THEME_DIR, out / "templates")

    sums: list[str] = []
    for i in range(n):
        art = make_article(i, seed, pools)
        raw = art.raw.encode("utf-8")
        (sources / f"{art.id}.txt").write_bytes(raw)
        sums.append(f"{hashlib.sha256(raw).hexdigest()}  {art.id}.txt\n")
        if art.sidecar:
            _write(sources / f"{art.id}.yaml", _sidecar_yaml(art.sidecar))
        md = _markdown_body(art)
        _write(
            pel / f"{art.id}.md",
            f"Title: {art.title}\nDate: {art.date.isoformat()}\nTags: {', '.join(art.tags)}\n"
            f"Lang: {art.lang}\nSlug: {art.id}\n\n{md}",
        )
        _write(
            hugo_posts / f"{art.id}.md",
            f"---\ntitle: {_yaml_scalar(art.title)}\ndate: {art.date.isoformat()}\n"
            f"slug: {_yaml_scalar(art.id)}\ntags: {_yaml_scalar(art.tags)}\n"
            f"lang: {art.lang}\n---\n\n{md}",
        )
    _write(content / "SHA256SUMS", "".join(sums))
    _write(out / "pelican" / "pelicanconf.py", PELICANCONF)
    _write(out / "hugo" / "config.toml", HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        path = out / "hugo" / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--templates",
        choices=("copy", "symlink"),
        default="copy",
        help="copy the packaged theme into templates/ (default) or symlink to it",
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    write_corpus(args.n, args.out, args.seed, args.templates)
    print(f"wrote {args.n} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
