"""What makes a line page chrome: the web page around the text, not the text.

Chrome is recognised by what it is, in Polish, English and Russian, never by
one site's strings: navigation and share words (``Powrót``, ``Print``,
``Поделиться``), consent banners about cookies, calls to subscribe or donate,
view counters, photo credits and captions, copyright footers, logos, image
placeholders and file names, leftover code, social handles, bracketed labels.
Each rule looks at one line; the rules that need the lines around it (a
``Tags:`` label, a run of lower-case tag words) live in ``clean.py``.

>>> chrome_reason("Udostępnij | Drukuj"), chrome_reason("2651"), chrome_reason("Image 1")
('navigation', 'counter', 'image')
>>> chrome_reason("Minister przyjął ambasadora.") is None
True
"""

from __future__ import annotations

import re

# A site's name written as its domain ("Super-Polska.pl", "Agenda.ge", "Vesti.Az").
SITE_DOMAIN = re.compile(
    r"(?<![\w-])[^\W\d_][\w-]*+\.(?:pl|com|ru|kz|uz|az|am|ge|net|org|info|eu|gov|kg|tj|tm|news)\b",
    re.IGNORECASE,
)
NAVIGATION_WORDS = (
    r"Tweetnij|Udostępnij|Drukuj|Powrót|Wróć|Wersja do druku|Pobierz PDF|Zamknij|Menu|"
    r"Narzędzia|Tagi|Tematy|Oceń|Podziel się|Komentarze|Skomentuj|Czytaj więcej|Więcej|"
    r"Reklama|Ogłoszenie|Następny|Poprzedni|Strona główna|Posłuchaj|Słuchaj|Odtwórz|"
    r"Zobacz galerię|Galeria zdjęć|Galeria|Wideo|Kopiuj link|Skopiuj link|"
    r"Tell a friend|Share|Print|Back|Tweet|Email|E-mail|Close|Tools|Tags|Topics|Comments|"
    r"Read more|More|Advertisement|Sponsored|Next|Previous|Home|Log in|Sign in|Search|"
    r"Listen|Play|Gallery|Photo gallery|Video|Copy link|"
    r"Поделиться|Печать|Назад|Версия для печати|Закрыть|Меню|Теги|Метки|Комментарии|"
    r"Подробнее|Читать далее|Реклама|Главная|Поиск|Войти|Слушать|Фотогалерея|Видео"
)
_NAVIGATION_LINE = re.compile(
    rf"^(?:(?:\[(?:{NAVIGATION_WORDS})\]\([^)]*\)|(?:{NAVIGATION_WORDS}):?|\.\.\.|…)[\s|•·/]*)+$",
    re.IGNORECASE,
)
# "Share on Facebook", "Udostępnij na Twitterze", "Skip to main content", breadcrumbs.
_SHARE_OR_SKIP = re.compile(
    r"^(?:share (?:on|via)|udostępnij (?:na|w)|поделиться в|opublikuj na)\s+\S+$"
    r"|^(?:skip to (?:main )?content|przejdź do (?:treści|zawartości)|"
    r"перейти к (?:содержимому|основному содержанию))$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^[^>»›\n]{1,30}(?:\s[>»›]\s[^>»›\n]{1,30}){1,5}$")
_COOKIE = re.compile(r"cookie|ciasteczk|куки", re.IGNORECASE)
_CONSENT = re.compile(
    r"używa|stosuj|korzyst|witryn|stron|przeglądar|zgod|akcept|prywatn|"
    r"\buse|website|\bsite\b|browser|consent|accept|privacy|"
    r"использ|сайт|соглас|конфиденц",
    re.IGNORECASE,
)
# Calls to act that pages put between paragraphs: subscribe, donate, follow, share.
_CALL_TO_ACTION = re.compile(
    r"newsletter|subskryb|zapisz się|wspieram|wesprzyj|wspomóż|pomóż w rozwoju|bądź na bieżąco|"
    r"obserwuj nas|podziel się|udostępnij|subscribe|sign up|donate|support us|follow us|"
    r"share this|подпиш|поддержите|следите за|поделит|"
    r"dalsza część artykułu|artykuł jest kontynuowany|continues below|article continues|"
    r"продолжение ниже|материал продолжается",
    re.IGNORECASE,
)
_COUNTER = re.compile(r"^[•·|\s]*\d{1,7}(?:[\s•·|]+\d{1,7})*[\s•·|]*$")
_CREDIT = re.compile(
    r"^(?:(?:fot|zdj|phot)\.|(?:fot|foto|fotografia|zdjęcie|źródło zdjęcia|photo(?:s| credit)?|"
    r"pictures?|image|bild|credit|фото|фотография|источник фото)\s*(?:by\b|:|\s[-–—]))\s*\S",
    re.IGNORECASE,
)
_AGENCY_CREDIT = re.compile(r"^[A-ZА-Я]{2,8}/[^\W\d_][\w.-]*(?:\s[^\W\d_][\w.-]*){0,3}$")
_TRAILING_CREDIT = re.compile(
    r"(?:\s|^)(?:Photo|Photos|Foto|Fot\.|Фото|Bild)(?:\s*:|\s+by\b)\s*[^.!?]{1,60}$|©\s*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|©\s*(?:19|20)\d{2}|all rights reserved|"
    r"wszelkie prawa zastrzeżone|все права защищены",
    re.IGNORECASE,
)
_LOGO = re.compile(r"\blogo\b|логотип", re.IGNORECASE)
_IMAGE = re.compile(
    r"^(?:image|img|obraz|zdjęcie|zdjęcia|galeria|gallery|photo|photos|фото|изображение|"
    r"фотогалерея)\s*\(?\d*\)?$|^\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?)$|^[a-z_-]{2,}\d+$",
    re.IGNORECASE,
)
_LABELLED_COUNTER = re.compile(
    r"^(?:wyświetle\w*|odsłon\w*|views?|reads?|comments?|komentarz\w*|просмотр\w*|"
    r"комментари\w*)\s*:?\s*\d[\d\s]*$|^\d[\d\s]*\s(?:wyświetle\w*|odsłon\w*|views?|reads?|"
    r"comments?|komentarz\w*|просмотр\w*|комментари\w*)$",
    re.IGNORECASE,
)
_TAG_LIST = re.compile(
    r"^(?:tagi|tags|topics|tematy|słowa kluczowe|keywords|теги|метки|ключевые слова|темы)\s*:\s*\S",
    re.IGNORECASE,
)
_CODE = re.compile(r'^[\[{].*["\']\s*:.*[\]}]$')
_HANDLE = re.compile(r"^@\s*\S+$|^(?:www\.)?[\w-]+(?:\.[\w-]+)+/\S*$")
_BRACKETED = re.compile(r"^\[\s*[^\]\[]{1,40}?\s*\]$")

_LONGEST_CHROME = 1000
_SHORT_LINE_WORDS = 8
_CAPTION_WORDS = 60


def chrome_reason(line: str) -> str | None:
    """Why ``line`` (normalised, inline Markdown removed) is page chrome, or ``None``."""
    if len(line) > _LONGEST_CHROME:
        return None  # a banner is a few sentences; anything longer is text
    words = len(line.split())
    if _NAVIGATION_LINE.match(line) or _SHARE_OR_SKIP.match(line):
        return "navigation"
    if _BREADCRUMB.match(line):
        return "breadcrumb"
    if _COOKIE.search(line) and _CONSENT.search(line):
        return "cookie banner"
    if _COUNTER.match(line) or _LABELLED_COUNTER.match(line):
        return "counter"
    if words <= 2 * _SHORT_LINE_WORDS and _TAG_LIST.match(line):
        return "tags"
    if _CODE.match(line):
        return "code"
    if _HANDLE.match(line):
        return "link"
    if _BRACKETED.match(line):
        return "label"
    if words <= _SHORT_LINE_WORDS and not line.endswith("."):  # "Logo." is a sentence
        if _IMAGE.match(line):
            return "image"
        if _LOGO.search(line):
            return "logo"
        if _CALL_TO_ACTION.search(line):
            return "call to action"
    if words <= 2 * _SHORT_LINE_WORDS and (
        _CREDIT.match(line) or _AGENCY_CREDIT.match(line) or _COPYRIGHT.search(line)
    ):
        return "credit"
    if words <= _CAPTION_WORDS and _TRAILING_CREDIT.search(line):
        return "caption"
    return None
