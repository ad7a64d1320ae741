"""Write the shipped gazetteer data: the world's countries and main organisations.

Run once by maintainers, not at build time (it needs the ``data`` extra: pycountry,
pymorphy3 and its Russian dictionary, plus Babel and morfeusz2)::

    python tools/make_world_data.py            # writes src/sitegen/data/*.json

Each entry is ``{"kind", "iso2", "iso3", "labels": {pl, en, ru}, "forms": [...]}``
(organisations have no ISO codes). ``forms`` are exact surface forms for the token
matcher: names in every case (Polish via :func:`sitegen.load.inflection.polish_forms`,
Russian via pymorphy3), official names, and relational adjectives with all their
forms. Adjectives come from explicit tables for the countries a Central-European
press archive mentions most, and elsewhere from suffix rules kept only when the
analyser knows the result as an adjective.
"""

from __future__ import annotations

import gettext
import itertools
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import morfeusz2
import pycountry
import pymorphy3
from babel import Locale
from slugify import slugify

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sitegen.load.inflection import polish_forms  # noqa: E402

DATA_DIR = ROOT / "src" / "sitegen" / "data"
LANGUAGES = ("pl", "en", "ru")

# English common short names where Babel's differ ("Türkiye", "Congo - Kinshasa").
EN_NAMES = {
    "TR": "Turkey",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "MM": "Myanmar",
    "PS": "Palestine",
    "HK": "Hong Kong",
    "MO": "Macao",
    "VA": "Vatican City",
    "BA": "Bosnia and Herzegovina",
    "FM": "Micronesia",
    "UM": "United States Minor Outlying Islands",
    "VI": "United States Virgin Islands",
    "SH": "Saint Helena",
}
PL_NAMES = {"HK": "Hongkong", "MO": "Makau", "MM": "Mjanma", "PS": "Palestyna"}
RU_NAMES = {
    "HK": "Гонконг",
    "MO": "Макао",
    "MM": "Мьянма",
    "PS": "Палестина",
    "VG": "Британские Виргинские острова",
    "VI": "Виргинские острова США",
    "UM": "Внешние малые острова США",
}

# Other names in use, inflected like the label.
EXTRA_NAMES: dict[str, dict[str, list[str]]] = {
    "US": {
        "pl": ["USA", "Stany Zjednoczone Ameryki"],
        "en": ["USA", "U.S.", "U.S.A."],
        "ru": ["США", "Соединённые Штаты", "Соединенные Штаты Америки"],
    },
    "GB": {
        "pl": ["Zjednoczone Królestwo"],
        "en": ["UK", "Britain", "Great Britain"],
        "ru": ["Соединённое Королевство", "Британия"],
    },
    "RU": {
        "pl": ["Federacja Rosyjska"],
        "en": ["Russian Federation"],
        "ru": ["Российская Федерация", "РФ"],
    },
    "CN": {"pl": ["Chińska Republika Ludowa", "ChRL"], "en": ["PRC"], "ru": ["КНР"]},
    "KP": {"pl": ["KRLD"], "en": ["DPRK"], "ru": ["КНДР", "Северная Корея"]},
    "KR": {"pl": ["Republika Korei"], "en": ["Republic of Korea"], "ru": ["Южная Корея"]},
    "CZ": {"pl": ["Republika Czeska"], "en": ["Czech Republic"], "ru": ["Чешская Республика"]},
    "NL": {"pl": ["Niderlandy"], "en": ["Holland"], "ru": ["Голландия"]},
    "MD": {"pl": ["Republika Mołdawii"], "en": ["Moldavia"], "ru": ["Молдавия"]},
    "BY": {"pl": [], "en": ["Belarus"], "ru": ["Белоруссия", "Беларусь"]},
    "KG": {"pl": ["Kirgizja"], "en": ["Kirghizia"], "ru": ["Киргизия", "Кыргызстан"]},
    "AE": {"pl": ["ZEA", "Emiraty Arabskie"], "en": ["UAE"], "ru": ["ОАЭ"]},
    "ZA": {"pl": ["RPA"], "en": [], "ru": ["ЮАР"]},
    "CD": {"pl": ["DRK"], "en": ["Democratic Republic of the Congo", "DRC"], "ru": ["ДРК"]},
    "CI": {"pl": ["Wybrzeże Kości Słoniowej"], "en": ["Côte d'Ivoire"], "ru": []},
    "MK": {"pl": ["Macedonia"], "en": ["Macedonia"], "ru": ["Македония"]},
    "SZ": {"pl": ["Suazi"], "en": ["Swaziland"], "ru": ["Свазиленд"]},
    "TL": {
        "pl": ["Timoru Wschodniego", "Timorze Wschodnim", "Timorem Wschodnim"],
        "en": ["East Timor"],
        "ru": [],
    },
    "MM": {"pl": ["Birma"], "en": ["Burma"], "ru": ["Бирма"]},
    "VA": {"pl": ["Stolica Apostolska"], "en": ["Holy See", "Vatican"], "ru": ["Святой Престол"]},
    "CV": {"pl": [], "en": ["Cabo Verde"], "ru": []},
    "TR": {"pl": [], "en": ["Türkiye"], "ru": []},
    "XK": {"pl": [], "en": [], "ru": []},
}

# Relational adjectives (lemmas, "_" joins words) for the countries the archive mentions most; the
# rest are rule-derived.  Ambiguous ones (koreański, kongijski) are left out.
PL_ADJECTIVES = {
    "PL": "polski",
    "RU": "rosyjski",
    "DE": "niemiecki",
    "KZ": "kazachstański kazachski",
    "UZ": "uzbecki uzbekistański",
    "KG": "kirgiski kirgistański",
    "TJ": "tadżycki tadżykistański",
    "TM": "turkmeński turkmenistański",
    "AZ": "azerbejdżański azerski",
    "GE": "gruziński",
    "AM": "armeński",
    "CN": "chiński",
    "US": "amerykański",
    "GB": "brytyjski",
    "UA": "ukraiński",
    "BY": "białoruski",
    "TR": "turecki",
    "IR": "irański",
    "AF": "afgański",
    "PK": "pakistański",
    "IN": "indyjski",
    "JP": "japoński",
    "FR": "francuski",
    "IT": "włoski",
    "ES": "hiszpański",
    "PT": "portugalski",
    "NL": "holenderski niderlandzki",
    "BE": "belgijski",
    "LU": "luksemburski",
    "CH": "szwajcarski",
    "AT": "austriacki",
    "CZ": "czeski",
    "SK": "słowacki",
    "HU": "węgierski",
    "RO": "rumuński",
    "BG": "bułgarski",
    "MD": "mołdawski",
    "LT": "litewski",
    "LV": "łotewski",
    "EE": "estoński",
    "FI": "fiński",
    "SE": "szwedzki",
    "NO": "norweski",
    "DK": "duński",
    "IS": "islandzki",
    "IE": "irlandzki",
    "GR": "grecki",
    "CY": "cypryjski",
    "MT": "maltański",
    "SI": "słoweński",
    "HR": "chorwacki",
    "RS": "serbski",
    "BA": "bośniacki",
    "ME": "czarnogórski",
    "MK": "macedoński północnomacedoński",
    "AL": "albański",
    "XK": "kosowski",
    "AD": "andorski",
    "MC": "monakijski",
    "SM": "sanmaryński",
    "LI": "liechtensteiński",
    "VA": "watykański",
    "MN": "mongolski",
    "IQ": "iracki",
    "SY": "syryjski",
    "LB": "libański",
    "IL": "izraelski",
    "JO": "jordański",
    "SA": "saudyjski saudyjskoarabski",
    "YE": "jemeński",
    "OM": "omański",
    "AE": "emiracki",
    "QA": "katarski",
    "BH": "bahrajński",
    "KW": "kuwejcki",
    "EG": "egipski",
    "PS": "palestyński",
    "CA": "kanadyjski",
    "MX": "meksykański",
    "BR": "brazylijski",
    "AR": "argentyński",
    "ZA": "południowoafrykański",
    "AU": "australijski",
    "ID": "indonezyjski",
    "KR": "południowokoreański",
    "KP": "północnokoreański",
    # beyond Europe and Asia: where the rules miss or pick a wrong word (Peru → perski)
    "TW": "tajwański",
    "TH": "tajlandzki",
    "PH": "filipiński",
    "VN": "wietnamski",
    "SD": "sudański",
    "CU": "kubański",
    "PE": "peruwiański",
    "GH": "ghański",
    "CM": "kameruński",
    "MA": "marokański",
    "DZ": "algierski",
    "NG": "nigeryjski",
    "KE": "kenijski",
    "ET": "etiopski",
    "TN": "tunezyjski",
    "LY": "libijski",
    "SG": "singapurski",
    "MY": "malezyjski",
    "CL": "chilijski",
    "CO": "kolumbijski",
    "VE": "wenezuelski",
}
EN_ADJECTIVES = {
    "PL": "Polish",
    "RU": "Russian",
    "DE": "German",
    "KZ": "Kazakh Kazakhstani",
    "UZ": "Uzbek Uzbekistani",
    "KG": "Kyrgyz Kyrgyzstani Kirghiz",
    "TJ": "Tajik Tajikistani",
    "TM": "Turkmen Turkmenistani",
    "AZ": "Azerbaijani Azeri",
    "GE": "Georgian",
    "AM": "Armenian",
    "CN": "Chinese",
    "US": "American",
    "GB": "British",
    "UA": "Ukrainian",
    "BY": "Belarusian Belarussian",
    "TR": "Turkish",
    "IR": "Iranian",
    "AF": "Afghan",
    "PK": "Pakistani",
    "IN": "Indian",
    "JP": "Japanese",
    "FR": "French",
    "IT": "Italian",
    "ES": "Spanish",
    "PT": "Portuguese",
    "NL": "Dutch",
    "BE": "Belgian",
    "LU": "Luxembourgish",
    "CH": "Swiss",
    "AT": "Austrian",
    "CZ": "Czech",
    "SK": "Slovak",
    "HU": "Hungarian",
    "RO": "Romanian",
    "BG": "Bulgarian",
    "MD": "Moldovan",
    "LT": "Lithuanian",
    "LV": "Latvian",
    "EE": "Estonian",
    "FI": "Finnish",
    "SE": "Swedish",
    "NO": "Norwegian",
    "DK": "Danish",
    "IS": "Icelandic",
    "IE": "Irish",
    "GR": "Greek",
    "CY": "Cypriot",
    "MT": "Maltese",
    "SI": "Slovenian Slovene",
    "HR": "Croatian",
    "RS": "Serbian",
    "BA": "Bosnian",
    "ME": "Montenegrin",
    "MK": "Macedonian",
    "AL": "Albanian",
    "XK": "Kosovar",
    "AD": "Andorran",
    "MC": "Monegasque",
    "SM": "Sammarinese",
    "LI": "Liechtensteiner",
    "VA": "Vatican",
    "MN": "Mongolian",
    "IQ": "Iraqi",
    "SY": "Syrian",
    "LB": "Lebanese",
    "IL": "Israeli",
    "JO": "Jordanian",
    "SA": "Saudi",
    "YE": "Yemeni",
    "OM": "Omani",
    "AE": "Emirati",
    "QA": "Qatari",
    "BH": "Bahraini",
    "KW": "Kuwaiti",
    "EG": "Egyptian",
    "PS": "Palestinian",
    "CA": "Canadian",
    "MX": "Mexican",
    "BR": "Brazilian",
    "AR": "Argentine Argentinian",
    "ZA": "South_African",
    "AU": "Australian",
    "ID": "Indonesian",
    "KR": "South_Korean",
    "KP": "North_Korean",
}
RU_ADJECTIVES = {
    "PL": "польский",
    "RU": "российский",
    "DE": "немецкий германский",
    "KZ": "казахстанский казахский",
    "UZ": "узбекский узбекистанский",
    "KG": "киргизский кыргызский",
    "TJ": "таджикский таджикистанский",
    "TM": "туркменский туркменистанский",
    "AZ": "азербайджанский",
    "GE": "грузинский",
    "AM": "армянский",
    "CN": "китайский",
    "US": "американский",
    "GB": "британский",
    "UA": "украинский",
    "BY": "белорусский",
    "TR": "турецкий",
    "IR": "иранский",
    "AF": "афганский",
    "PK": "пакистанский",
    "IN": "индийский",
    "JP": "японский",
    "FR": "французский",
    "IT": "итальянский",
    "ES": "испанский",
    "PT": "португальский",
    "NL": "нидерландский голландский",
    "BE": "бельгийский",
    "LU": "люксембургский",
    "CH": "швейцарский",
    "AT": "австрийский",
    "CZ": "чешский",
    "SK": "словацкий",
    "HU": "венгерский",
    "RO": "румынский",
    "BG": "болгарский",
    "MD": "молдавский",
    "LT": "литовский",
    "LV": "латвийский",
    "EE": "эстонский",
    "FI": "финский финляндский",
    "SE": "шведский",
    "NO": "норвежский",
    "DK": "датский",
    "IS": "исландский",
    "IE": "ирландский",
    "GR": "греческий",
    "CY": "кипрский",
    "MT": "мальтийский",
    "SI": "словенский",
    "HR": "хорватский",
    "RS": "сербский",
    "BA": "боснийский",
    "ME": "черногорский",
    "MK": "македонский северомакедонский",
    "AL": "албанский",
    "XK": "косовский",
    "AD": "андоррский",
    "MC": "монакский",
    "SM": "сан-маринский",
    "LI": "лихтенштейнский",
    "VA": "ватиканский",
    "MN": "монгольский",
    "IQ": "иракский",
    "SY": "сирийский",
    "LB": "ливанский",
    "IL": "израильский",
    "JO": "иорданский",
    "SA": "саудовский",
    "YE": "йеменский",
    "OM": "оманский",
    "AE": "эмиратский",
    "QA": "катарский",
    "BH": "бахрейнский",
    "KW": "кувейтский",
    "EG": "египетский",
    "PS": "палестинский",
    "CA": "канадский",
    "MX": "мексиканский",
    "BR": "бразильский",
    "AR": "аргентинский",
    "ZA": "южноафриканский",
    "AU": "австралийский",
    "ID": "индонезийский",
    "KR": "южнокорейский",
    "KP": "северокорейский",
    "CU": "кубинский",
    "PE": "перуанский",
}
# Rule-derived adjectives that name something else or more than one country.
PL_ADJECTIVE_BLOCKLIST = frozenset(
    {
        "koreański",
        "kongijski",
        "dominikański",
        "arabski",
        "amerykański",
        "wirgiński",
        "indiański",
        "perski",  # Persian, not Peruvian
        "palacki",  # of a palace, not of Palau
        "czadowy",
    }
)
RU_ADJECTIVE_BLOCKLIST = frozenset(
    {
        "корейский",
        "конголезский",
        "доминиканский",
        "арабский",
        "американский",
        "виргинский",
        "индейский",
        "кубанский",
        "доминикский",
    }
)
# A rule must not hand another country's adjective out (Libia → libański is Lebanon's).
TABLE_ADJECTIVES = (
    frozenset(" ".join([*PL_ADJECTIVES.values(), *RU_ADJECTIVES.values()]).split())
    | PL_ADJECTIVE_BLOCKLIST
    | RU_ADJECTIVE_BLOCKLIST
)
# Surface forms that are frequent ordinary words: Russian "Того" is "of that".
DROPPED_FORMS = frozenset({"Того", "Jersey"})


def main() -> None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    countries = build_countries()
    organizations = build_organizations()
    drop_shared_forms(countries, organizations)
    write_json(DATA_DIR / "countries.json", countries)
    write_json(DATA_DIR / "organizations.json", organizations)
    print(f"{len(countries)} countries, {len(organizations)} organizations", file=sys.stderr)


def build_countries() -> dict[str, dict[str, Any]]:
    territories = {lang: Locale(lang).territories for lang in LANGUAGES}
    translate = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
        for lang in ("pl", "ru")
    }
    records: list[tuple[str, str, list[str]]] = [
        (
            c.alpha_2,
            c.alpha_3,
            [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")],
        )
        for c in pycountry.countries
    ]
    records.append(("XK", "XKX", ["Kosovo", "", "Republic of Kosovo"]))
    result: dict[str, dict[str, Any]] = {}
    for iso2, iso3, english in records:
        labels = {
            "en": EN_NAMES.get(iso2) or clean_label(territories["en"].get(iso2, english[0])),
            "pl": PL_NAMES.get(iso2) or clean_label(territories["pl"][iso2]),
            "ru": RU_NAMES.get(iso2) or clean_label(territories["ru"][iso2]),
        }
        extra = EXTRA_NAMES.get(iso2, {})
        pl_names = [labels["pl"], *extra.get("pl", [])]
        pl_names += [translate["pl"](name) for name in english if name]
        ru_names = [labels["ru"], *extra.get("ru", [])]
        ru_names += [translate["ru"](name) for name in english[:2] if name]
        en_names = [labels["en"], *english, *extra.get("en", [])]
        forms: set[str] = set()
        for name in clean_names(pl_names):
            forms |= polish_forms(name, keep_number=True)
        for name in clean_names(ru_names):
            forms |= russian_forms(name)
        forms |= set(clean_names(en_names))
        forms |= polish_adjective_forms(iso2, labels["pl"])
        forms |= russian_adjective_forms(iso2, labels["ru"])
        forms |= {adj.replace("_", " ") for adj in EN_ADJECTIVES.get(iso2, "").split()}
        forms = {form for form in with_plain_e(forms) if keep_form(form)}
        entity_id = slugify(labels["en"])
        assert entity_id not in result, entity_id
        result[entity_id] = {
            "kind": "country",
            "iso2": iso2,
            "iso3": iso3,
            "labels": labels,
            "forms": sorted(forms),
        }
    return result


def clean_label(label: str) -> str:
    """Babel's display names carry qualifiers: "St. Kitts & Nevis", "Мьянма (Бирма)"."""
    label = re.sub(r"\s*\(.*?\)", "", label)
    label = label.replace("St. ", "Saint ").replace(" & ", " and ")
    label = re.sub(r"\bо-ва\b", "острова", label)
    return re.sub(r"\bо-в\b", "остров", label).replace("’", "'")


def clean_names(names: Iterable[str]) -> list[str]:
    """Drop empty names and ones with list punctuation ("Kongo, Demokratyczna ...")."""
    cleaned = {clean_label(name).strip() for name in names if name}
    return sorted(name for name in cleaned if name and "," not in name)


def with_plain_e(forms: set[str]) -> set[str]:
    """Russian press mostly writes "е" for "ё" (Соединенных), pymorphy3 gives "ё"."""
    return forms | {form.replace("ё", "е").replace("Ё", "Е") for form in forms}


def keep_form(form: str) -> bool:
    letters = re.sub(r"\W", "", form)
    if not letters or form in DROPPED_FORMS:
        return False
    # Short lowercase forms ("ue", "w") would hit ordinary words in any case.
    return not (form[:1].islower() and len(letters) < 3)


# --- Polish adjectives -------------------------------------------------------------

# Tried in order; names in -ia/-ja take -ijski first (Libia → libijski, not libański).
POLISH_SUFFIXES = ("ski", "ański", "eński", "ński", "cki", "ijski", "yjski", "jski")
POLISH_SUFFIXES_AFTER_IA = ("ijski", "yjski", "jski", "ski", "ański", "eński", "ński", "cki")
# Endings of the regular -ski/-cki paradigm, for adjectives Morfeusz lacks (emiracki).
ADJECTIVE_ENDINGS = ("i", "a", "ie", "iego", "iej", "iemu", "im", "imi", "ich", "ą", "o", "u")


def polish_adjective_forms(iso2: str, name: str) -> set[str]:
    lemmas = PL_ADJECTIVES.get(iso2, "").split() or derive_polish_adjectives(name)
    forms: set[str] = set()
    for lemma in lemmas:
        if is_polish_adjective(lemma):
            forms |= polish_forms(lemma)
        else:
            print(f"note: {lemma!r} ({iso2}) inflected by the -ski rule", file=sys.stderr)
            forms |= regular_adjective_forms(lemma)
    return forms


def regular_adjective_forms(lemma: str) -> set[str]:
    """kirgistański → kirgistańska, kirgistańscy, kirgistańsko, ..."""
    stem = lemma[:-1]
    plural_m1 = stem[:-2] + ("ccy" if stem.endswith("ck") else "scy")
    return {stem + ending for ending in ADJECTIVE_ENDINGS} | {plural_m1}


def derive_polish_adjectives(name: str) -> list[str]:
    """The first rule-made adjective Morfeusz knows: Kenia → kenijski, Peru → ..."""
    if " " in name or "-" in name:
        return []
    word = name.lower()
    stems = [word]
    if word[-1] in "aeiouy":
        stems = [word[:-1], word] if not word.endswith(("ia", "ja")) else [word[:-2], word[:-1]]
    stems += [stem[:-1] + "c" for stem in stems if stem.endswith(("k", "t"))]
    suffixes = POLISH_SUFFIXES_AFTER_IA if word.endswith(("ia", "ja")) else POLISH_SUFFIXES
    for stem, suffix in itertools.product(stems, suffixes):
        candidate = stem + suffix
        if candidate not in TABLE_ADJECTIVES and is_polish_adjective(candidate):
            return [candidate]
    return []


@cache
def is_polish_adjective(word: str) -> bool:
    return any(
        tag.startswith("adj:") and lemma.split(":")[0] == word
        for _s, _e, (_f, lemma, tag, _q, _l) in morfeusz().analyse(word)
    )


@lru_cache(maxsize=1)
def morfeusz() -> Any:
    return morfeusz2.Morfeusz()


# --- Russian -------------------------------------------------------------------------

RUSSIAN_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
RUSSIAN_SUFFIXES = ("ский", "анский", "ийский", "йский")
RUSSIAN_SUFFIXES_AFTER_IA = ("ийский", "йский", "ский", "анский")


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def russian_forms(phrase: str) -> set[str]:
    """The phrase in every case, in the number it is given in.

    Adjectives before the head noun, the head and a noun coordinated with "и"
    ("Босния и Герцеговина") inflect; the first other word ends the inflected part.
    """
    words = phrase.split(" ")
    plan: list[Any] = []  # a parse to inflect, or None to keep the word
    head: Any = None
    for index, word in enumerate(words):
        parse = nominative_parse(word)
        if head is None:
            if parse is None:
                return {phrase}  # an acronym or oblique word before the head
            head = parse if parse.tag.POS == "NOUN" else None
        elif word == "и" and index + 1 < len(words):
            following = nominative_parse(words[index + 1])
            if following is None or following.tag.POS != "NOUN":
                break
            parse = None
        elif parse is None or (parse.tag.POS == "NOUN" and words[index - 1] != "и"):
            break
        plan.append(parse)
    if head is None:
        return {phrase}
    number = "plur" if "plur" in head.tag else "sing"
    forms = {phrase}
    for case in RUSSIAN_CASES:
        inflected: list[str] = []
        for word, parse in zip(words, plan, strict=False):
            grammemes = {case, number}
            agrees_in_animacy = head.tag.gender == "masc" or number == "plur"
            if parse is not None and parse.tag.POS != "NOUN" and agrees_in_animacy:
                grammemes.add(head.tag.animacy or "inan")  # accusative "Европейский союз"
            form = None if parse is None else parse.inflect(grammemes) or parse.inflect({case})
            inflected.append(word if form is None else match_case(form.word, word))
        forms.add(" ".join(inflected + words[len(plan) :]))
    return forms


def nominative_parse(word: str) -> Any:
    """The likeliest nominative noun or adjective reading; acronyms have none."""
    if word.isupper() or not word.isalpha():
        return None
    for parse in morph().parse(word.lower()):
        if parse.tag.case == "nomn" and parse.tag.POS in {"NOUN", "ADJF", "PRTF"}:
            return parse
    return None


def russian_adjective_forms(iso2: str, name: str) -> set[str]:
    lemmas = RU_ADJECTIVES.get(iso2, "").split() or derive_russian_adjectives(name)
    forms: set[str] = set()
    for lemma in lemmas:
        parses = [p for p in morph().parse(lemma) if "ADJF" in p.tag and p.normal_form == lemma]
        if not parses:
            forms.add(lemma)
            continue
        forms |= {f.word for f in parses[0].lexeme if "ADJF" in f.tag and "Supr" not in f.tag}
    return forms


def derive_russian_adjectives(name: str) -> list[str]:
    if " " in name or "-" in name:
        return []
    word = name.lower()
    stems = [word[:-2], word[:-1]] if word.endswith(("ия", "ея")) else [word[:-1], word]
    suffixes = RUSSIAN_SUFFIXES_AFTER_IA if word.endswith(("ия", "ея")) else RUSSIAN_SUFFIXES
    for stem, suffix in itertools.product(stems, suffixes):
        candidate = stem + suffix
        if candidate not in TABLE_ADJECTIVES and morph().word_is_known(candidate):
            return [candidate]
    return []


def match_case(form: str, original: str) -> str:
    if len(original) > 1 and original.isupper():
        return form.upper()
    return form[:1].upper() + form[1:] if original[:1].isupper() else form


# --- Organisations -------------------------------------------------------------------

# id: (labels pl, en, ru; Polish names; English names; Russian names).  Acronyms are
# listed as they are written; names are inflected.
ORGANIZATIONS: dict[str, tuple[tuple[str, str, str], list[str], list[str], list[str]]] = {
    "un": (
        ("ONZ", "United Nations", "ООН"),
        ["ONZ", "Organizacja Narodów Zjednoczonych", "Narody Zjednoczone"],
        ["UN", "United Nations", "United Nations Organization"],
        ["ООН", "Организация Объединённых Наций", "Организация Объединенных Наций"],
    ),
    "un-security-council": (
        ("Rada Bezpieczeństwa ONZ", "UN Security Council", "Совет Безопасности ООН"),
        [
            "Rada Bezpieczeństwa ONZ",
            "Rada Bezpieczeństwa Organizacji Narodów Zjednoczonych",
            "RB ONZ",
        ],
        [
            "UN Security Council",
            "United Nations Security Council",
            "Security Council of the UN",
            "UNSC",
        ],
        ["Совет Безопасности ООН", "СБ ООН"],
    ),
    "un-general-assembly": (
        ("Zgromadzenie Ogólne ONZ", "UN General Assembly", "Генеральная Ассамблея ООН"),
        ["Zgromadzenie Ogólne ONZ", "Zgromadzenie Ogólne Narodów Zjednoczonych"],
        ["UN General Assembly", "United Nations General Assembly", "UNGA"],
        ["Генеральная Ассамблея ООН", "Генассамблея ООН"],
    ),
    "european-union": (
        ("Unia Europejska", "European Union", "Европейский союз"),
        ["UE", "Unia Europejska"],
        ["EU", "European Union"],
        ["ЕС", "Евросоюз", "Европейский союз"],
    ),
    "european-commission": (
        ("Komisja Europejska", "European Commission", "Европейская комиссия"),
        ["KE", "Komisja Europejska"],
        ["European Commission"],
        ["Европейская комиссия", "Еврокомиссия"],
    ),
    "european-parliament": (
        ("Parlament Europejski", "European Parliament", "Европейский парламент"),
        ["PE", "Parlament Europejski"],
        ["European Parliament"],
        ["Европейский парламент", "Европарламент"],
    ),
    "council-of-europe": (
        ("Rada Europy", "Council of Europe", "Совет Европы"),
        ["Rada Europy"],
        ["Council of Europe"],
        ["Совет Европы"],
    ),
    "osce": (
        ("OBWE", "OSCE", "ОБСЕ"),
        ["OBWE", "Organizacja Bezpieczeństwa i Współpracy w Europie"],
        ["OSCE", "Organization for Security and Co-operation in Europe"],
        ["ОБСЕ", "Организация по безопасности и сотрудничеству в Европе"],
    ),
    "nato": (
        ("NATO", "NATO", "НАТО"),
        ["NATO", "Sojusz Północnoatlantycki", "Organizacja Traktatu Północnoatlantyckiego"],
        ["NATO", "North Atlantic Treaty Organization", "North Atlantic Alliance"],
        ["НАТО", "Североатлантический альянс"],
    ),
    "csto": (
        ("OUBZ", "CSTO", "ОДКБ"),
        ["OUBZ", "Organizacja Układu o Bezpieczeństwie Zbiorowym"],
        ["CSTO", "Collective Security Treaty Organization"],
        ["ОДКБ", "Организация Договора о коллективной безопасности"],
    ),
    "sco": (
        ("Szanghajska Organizacja Współpracy", "Shanghai Cooperation Organisation", "ШОС"),
        ["SzOW", "Szanghajska Organizacja Współpracy"],
        ["SCO", "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"],
        ["ШОС", "Шанхайская организация сотрудничества"],
    ),
    "cis": (
        ("Wspólnota Niepodległych Państw", "Commonwealth of Independent States", "СНГ"),
        ["WNP", "Wspólnota Niepodległych Państw"],
        ["CIS", "Commonwealth of Independent States"],
        ["СНГ", "Содружество Независимых Государств"],
    ),
    "eaeu": (
        ("Eurazjatycka Unia Gospodarcza", "Eurasian Economic Union", "ЕАЭС"),
        ["EUG", "Eurazjatycka Unia Gospodarcza"],
        ["EAEU", "Eurasian Economic Union"],
        ["ЕАЭС", "Евразийский экономический союз"],
    ),
    "visegrad-group": (
        ("Grupa Wyszehradzka", "Visegrad Group", "Вишеградская группа"),
        ["Grupa Wyszehradzka", "V4"],
        ["Visegrad Group", "Visegrad Four", "V4"],
        ["Вишеградская группа", "Вишеградская четвёрка"],
    ),
    "uefa": (("UEFA", "UEFA", "УЕФА"), ["UEFA"], ["UEFA"], ["УЕФА"]),
    "fifa": (("FIFA", "FIFA", "ФИФА"), ["FIFA"], ["FIFA"], ["ФИФА"]),
    "interpol": (
        ("Interpol", "Interpol", "Интерпол"),
        ["Interpol"],
        ["Interpol", "INTERPOL"],
        ["Интерпол"],
    ),
    "europol": (("Europol", "Europol", "Европол"), ["Europol"], ["Europol"], ["Европол"]),
    "frontex": (("Frontex", "Frontex", "Фронтекс"), ["Frontex"], ["Frontex"], ["Фронтекс"]),
    "imf": (
        ("Międzynarodowy Fundusz Walutowy", "International Monetary Fund", "МВФ"),
        ["MFW", "Międzynarodowy Fundusz Walutowy"],
        ["IMF", "International Monetary Fund"],
        ["МВФ", "Международный валютный фонд"],
    ),
    "world-bank": (
        ("Bank Światowy", "World Bank", "Всемирный банк"),
        ["Bank Światowy"],
        ["World Bank"],
        ["Всемирный банк"],
    ),
    "wto": (
        ("Światowa Organizacja Handlu", "World Trade Organization", "ВТО"),
        ["WTO", "Światowa Organizacja Handlu"],
        ["WTO", "World Trade Organization"],
        ["ВТО", "Всемирная торговая организация"],
    ),
    "who": (
        ("Światowa Organizacja Zdrowia", "World Health Organization", "ВОЗ"),
        ["WHO", "Światowa Organizacja Zdrowia"],
        ["WHO", "World Health Organization"],
        ["ВОЗ", "Всемирная организация здравоохранения"],
    ),
    "opec": (
        ("OPEC", "OPEC", "ОПЕК"),
        ["OPEC", "Organizacja Krajów Eksportujących Ropę Naftową"],
        ["OPEC", "Organization of the Petroleum Exporting Countries"],
        ["ОПЕК"],
    ),
    "organization-of-turkic-states": (
        (
            "Organizacja Państw Tureckich",
            "Organization of Turkic States",
            "Организация тюркских государств",
        ),
        ["Organizacja Państw Tureckich", "Rada Turecka"],
        ["Organization of Turkic States", "Turkic Council"],
        ["Организация тюркских государств", "ОТГ", "Тюркский совет"],
    ),
    "cica": (
        ("CICA", "CICA", "СВМДА"),
        [
            "CICA",
            "Konferencja ds. Interakcji i Środków Budowy Zaufania w Azji",
            "Konferencja Współdziałania i Środków Budowy Zaufania w Azji",
        ],
        ["CICA", "Conference on Interaction and Confidence-Building Measures in Asia"],
        ["СВМДА", "Совещание по взаимодействию и мерам доверия в Азии"],
    ),
    "oic": (
        ("Organizacja Współpracy Islamskiej", "Organisation of Islamic Cooperation", "ОИС"),
        ["OWI", "Organizacja Współpracy Islamskiej"],
        ["OIC", "Organisation of Islamic Cooperation", "Organization of Islamic Cooperation"],
        ["ОИС", "Организация исламского сотрудничества"],
    ),
    "asean": (
        ("ASEAN", "ASEAN", "АСЕАН"),
        ["ASEAN", "Stowarzyszenie Narodów Azji Południowo-Wschodniej"],
        ["ASEAN", "Association of Southeast Asian Nations"],
        ["АСЕАН", "Ассоциация государств Юго-Восточной Азии"],
    ),
    "african-union": (
        ("Unia Afrykańska", "African Union", "Африканский союз"),
        ["Unia Afrykańska"],
        ["African Union"],
        ["Африканский союз"],
    ),
    "arab-league": (
        ("Liga Państw Arabskich", "Arab League", "Лига арабских государств"),
        ["Liga Państw Arabskich", "Liga Arabska"],
        ["Arab League", "League of Arab States"],
        ["Лига арабских государств", "ЛАГ"],
    ),
    "g7": (
        ("G7", "G7", "G7"),
        ["G7", "Grupa Siedmiu"],
        ["G7", "Group of Seven"],
        ["G7", "Большая семёрка", "Большая семерка"],
    ),
    "g20": (
        ("G20", "G20", "G20"),
        ["G20", "Grupa Dwudziestu"],
        ["G20", "Group of Twenty"],
        ["G20", "Большая двадцатка"],
    ),
    "brics": (("BRICS", "BRICS", "БРИКС"), ["BRICS"], ["BRICS"], ["БРИКС"]),
    "ebrd": (
        (
            "Europejski Bank Odbudowy i Rozwoju",
            "European Bank for Reconstruction and Development",
            "ЕБРР",
        ),
        ["EBOR", "Europejski Bank Odbudowy i Rozwoju"],
        ["EBRD", "European Bank for Reconstruction and Development"],
        ["ЕБРР", "Европейский банк реконструкции и развития"],
    ),
    "adb": (
        ("Azjatycki Bank Rozwoju", "Asian Development Bank", "Азиатский банк развития"),
        ["ABR", "Azjatycki Bank Rozwoju"],
        ["ADB", "Asian Development Bank"],
        ["АБР", "Азиатский банк развития"],
    ),
    "iaea": (
        ("Międzynarodowa Agencja Energii Atomowej", "International Atomic Energy Agency", "МАГАТЭ"),
        ["MAEA", "Międzynarodowa Agencja Energii Atomowej"],
        ["IAEA", "International Atomic Energy Agency"],
        ["МАГАТЭ", "Международное агентство по атомной энергии"],
    ),
    "unesco": (("UNESCO", "UNESCO", "ЮНЕСКО"), ["UNESCO"], ["UNESCO"], ["ЮНЕСКО"]),
    "unicef": (("UNICEF", "UNICEF", "ЮНИСЕФ"), ["UNICEF"], ["UNICEF"], ["ЮНИСЕФ"]),
    "unhcr": (
        ("UNHCR", "UNHCR", "УВКБ ООН"),
        ["UNHCR", "Wysoki Komisarz Narodów Zjednoczonych ds. Uchodźców"],
        ["UNHCR", "UN Refugee Agency"],
        ["УВКБ ООН"],
    ),
    "red-cross": (
        (
            "Międzynarodowy Komitet Czerwonego Krzyża",
            "International Committee of the Red Cross",
            "МККК",
        ),
        ["MKCK", "Międzynarodowy Komitet Czerwonego Krzyża", "Czerwony Krzyż"],
        ["ICRC", "International Committee of the Red Cross", "Red Cross"],
        ["МККК", "Международный комитет Красного Креста", "Красный Крест"],
    ),
    "eastern-partnership": (
        ("Partnerstwo Wschodnie", "Eastern Partnership", "Восточное партнёрство"),
        ["Partnerstwo Wschodnie"],
        ["Eastern Partnership"],
        ["Восточное партнёрство", "Восточное партнерство"],
    ),
    "three-seas-initiative": (
        ("Inicjatywa Trójmorza", "Three Seas Initiative", "Инициатива трёх морей"),
        ["Trójmorze", "Inicjatywa Trójmorza"],
        ["Three Seas Initiative", "Three Seas"],
        ["Инициатива трёх морей", "Троеморье"],
    ),
}


def build_organizations() -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for entity_id, ((pl, en, ru), pl_names, en_names, ru_names) in ORGANIZATIONS.items():
        forms: set[str] = set(en_names)
        for name in pl_names:
            forms |= polish_forms(name, keep_number=True)
        for name in ru_names:
            forms |= russian_forms(name)
        result[entity_id] = {
            "kind": "organization",
            "labels": {"pl": pl, "en": en, "ru": ru},
            "forms": sorted(form for form in with_plain_e(forms) if keep_form(form)),
        }
    return result


def drop_shared_forms(*groups: dict[str, dict[str, Any]]) -> None:
    """A form naming two entities ("Gwinei" in two Guineas) would tag both: drop it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for entity_id, entity in group.items():
            for form in entity["forms"]:
                owners[form].add(entity_id)
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    for form, ids in sorted(shared.items()):
        print(f"dropped shared form {form!r}: {sorted(ids)}", file=sys.stderr)
    for group in groups:
        for entity in group.values():
            entity["forms"] = [form for form in entity["forms"] if form not in shared]


def write_json(path: Path, entities: dict[str, dict[str, Any]]) -> None:
    """One entity per line: small, deterministic and easy to diff."""
    lines = [
        json.dumps(key, ensure_ascii=False)
        + ": "
        + json.dumps(value, ensure_ascii=False, sort_keys=True)
        for key, value in sorted(entities.items())
    ]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
