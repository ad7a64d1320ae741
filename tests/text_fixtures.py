"""Paragraphs of plain prose in our own words, for the loader's layout fixtures."""

from __future__ import annotations

BODY_PL = (
    "Delegacja ministerstwa spotkała się w stolicy z przedstawicielami władz regionu, "
    "aby omówić współpracę gospodarczą i kulturalną na najbliższe lata."
)
BODY_EN = (
    "The delegation met regional officials in the capital to discuss economic and cultural "
    "cooperation for the coming years, the ministry said."
)
BODY_RU = (
    "Делегация министерства встретилась в столице с представителями региона, чтобы обсудить "
    "экономическое и культурное сотрудничество на ближайшие годы."
)
