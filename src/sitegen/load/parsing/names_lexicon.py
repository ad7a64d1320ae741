"""Word lists for :mod:`sitegen.load.parsing.names`: first names, titles, never-names.

First names come from ``gender-guesser`` (about 45,000 first names from Europe,
the Caucasus and Central Asia among others, offline, loaded once in ~0.2 s).
Titles and role words are the evidence that a capitalised pair is a person.

    >>> is_first_name("Radosław"), is_first_name("Warsaw")
    (True, False)
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: word lists stay readable."""
    return frozenset(text.split())


# Role words before a name. Exact forms for short or ambiguous words, stems
# (prefixes of five letters or more) for the inflected Polish and Russian ones.
TITLES_EXACT = words(
    """president vice prime minister ministers ambassador chairman chairwoman chairperson ceo
    director colonel general gen col lt maj capt sgt pm fm mr mrs ms dr prof professor counterpart
    by speaker senator deputy secretary spokesman spokeswoman spokesperson envoy chief governor
    mayor commander lieutenant captain admiral marshal king queen prince pope sheikh emir
    chancellor premier adviser advisor aide consul attaché attache mp judge head leader founder
    journalist correspondent editor reporter analyst expert writer photo rector dean bishop
    pan pana panu panem pani panią je ks dr prof gen płk ppłk insp nadinsp mjr kpt por ppor red
    mec fot adm bryg dyw hab inż mgr abp bp kard
    генерал генерала генералу генералом г-н г-жа посол посла послу послом глава главы главе
    главой мэр мэра мэру мэром экс"""
)
TITLE_STEMS = tuple(
    words("""prezydent premier wicepremier minist wiceminist ambasador marszał wicemarszał senator
    posła posłem posłow poseł posłan generał pułkownik podpułkownik przewodnicząc
    wiceprzewodnicząc prezes wiceprezes szefa szefem szefow dyrektor wicedyrektor rzeczni
    doradc doradz sekretarz podsekretarz dowódc komendant konsul zastępc kierowni burmistrz
    wojewod wicewojewod starost gubernator kanclerz pełnomocni przedstawiciel delegat radca
    attaché redaktor kardynał biskup arcybiskup
    президент премьер вице-премьер министр замминистр вице-министр генерал- советник
    председател спикер депутат сенатор директор руководител командующ начальник секретар
    губернатор полковник подполковник майор капитан лейтенант адмирал маршал посланник консул
    атташе представител журналист корреспондент эксперт политолог аналитик господин канцлер
    король патриарх лидер шеф заместител замглав помощник пресс-секретар коллег""")
)
# Capitalised English words that are never part of a person's name.
EN_NEVER = words(
    """the a an this that these those it its he she they we i you his her their our in on at of
    for to from with during after before following according as and or but also while when where
    since under over between among about against within without upon there here however
    meanwhile moreover furthermore today yesterday tomorrow january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec monday tuesday wednesday thursday friday saturday sunday north south east west central
    eastern western northern southern new old great united national international republic state
    states kingdom federation government foreign affairs defense defence interior economic
    economy trade energy cooperation development said says read more photo source news share
    print home page all rights reserved comments tags related latest top world region city
    capital summit meeting conference forum visit day week year program programme route
    transport palace square street avenue hall airport station hotel church cathedral monument
    museum theatre agreement treaty declaration convention strategy partnership initiative
    mission agency office ministry committee council parliament senate union forces army navy
    police service group bank embassy department assembly center centre university institute
    fund company corporation organization organisation court party academy guard staff armed
    security intergovernmental commission secretariat administration board chamber
    european asian african american caspian caucasus eurasian global joint first second third
    st mt dear thanks thank please see watch follow subscribe login menu search english
    mass media press release video live update breaking exclusive opinion analysis interview
    justice grand saint holy"""
)
MONTHS_AND_DAYS = words(
    """styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad
    grudzień poniedziałek wtorek środa czwartek piątek sobota niedziela"""
)
# Typical surname endings (nominative or inflected). STRONG ones make a single
# capitalised unknown word a surname; WEAK ones only support a pair.
_STRONG = (
    r"(?<=[^\W\d_]{3})(?:[oeaiy]j?[eaoy]?v|o[wv]|e[wv]|jew|shvili|szwili|švili|dze|uly|ułu|kyzy|wicz|vich|vych|"
    r"enko|czyk|chuk|yuk|yan|jan|ants|bekov|bajew|baev|bayev|ogly|oglu|zade|zadeh|ski|cki|dzki"
    r"|ов|ев|ёв|швили|дзе|ян|янц|енко|вич|ский|цкий|улы|кызы|оглы)"
)
_CASE = r"(?:a|owi|em|ie|u|ą|ę|ej|y|iego|iej|im|ego|у|ым|ом|ой|е|ого|ому|'s|’s)?"
_WEAK = r"(?:ova|eva|ina|yna|in|yn|ian|ин|ына|ина|ова|ева)"
STRONG_SURNAME = re.compile(_STRONG + _CASE + r"$", re.IGNORECASE)
WEAK_SURNAME = re.compile(_WEAK + _CASE + r"$", re.IGNORECASE)
# English has no case endings: "Polskiego" in "Logo Polskiego Radia" is no surname there.
# -ow/-ew is Polish spelling; in English it ends "Moscow", "Glasgow".
STRONG_SURNAME_EN = re.compile(r"^(?!.*[oe]w$).*" + _STRONG + r"$", re.IGNORECASE)
WEAK_SURNAME_EN = re.compile(_WEAK + r"$", re.IGNORECASE)


@functools.cache
def _detector() -> object:
    # imported here: reading its 45,000 names takes 0.2 s, paid only when names are sought
    import gender_guesser.detector as gg  # type: ignore[import-untyped]  # noqa: PLC0415

    return gg.Detector(case_sensitive=False)


def is_first_name(word: str) -> bool:
    """Whether the names lexicon knows ``word`` as a first name (and it is no place)."""
    return first_name_gender(word) is not None


@functools.lru_cache(maxsize=65536)
def first_name_gender(word: str) -> str | None:
    """``"m"``, ``"f"`` or ``"mf"`` for a first name the lexicon knows, else ``None``."""
    if len(word) < 2 or not word[:1].isupper() or word.lower() in EN_NEVER or word in places():
        return None
    try:
        gender = str(_detector().get_gender(word))  # type: ignore[attr-defined]
    except Exception:  # a lexicon hiccup: the word is simply not known
        return None
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(
        gender, None if gender == "unknown" else "mf"
    )


@functools.cache
def places() -> frozenset[str]:
    """Every one-word form of a country name or demonym the package ships."""
    try:
        raw = resources.files("sitegen").joinpath("data/countries.json").read_text("utf-8")
        data = json.loads(raw)
        return frozenset(f for v in data.values() for f in v.get("forms", []) if " " not in f)
    except (OSError, ValueError, AttributeError):
        return frozenset()


@functools.lru_cache(maxsize=65536)
def is_title(word: str) -> bool:
    """Whether ``word`` is a role word that announces a person ("ambasadora", "Minister")."""
    low = word.lower().rstrip(".")
    return low in TITLES_EXACT or (len(low) >= 5 and low.startswith(TITLE_STEMS))
