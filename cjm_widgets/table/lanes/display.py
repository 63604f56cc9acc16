"""Lane values as the map writes them, for places without the view (static tables, exports).

The twins of js/src/shared/format.ts (formatNumber, formatEmotion, moment labels),
js/src/map/format.ts (splitItems, displayText) and the lane modules' texts in
js/src/map/lanes/ (formatLaneNumber, channel items, priority badges), so a value reads the
same with or without JS, in English or (``lang="fr"``) French, as js/src/shared/i18n.ts says.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from ...words import LANE_TITLES, WORDS, words

MINUS = "\u2212"
#: What Intl's fr-FR format puts between thousands (a narrow no-break space).
NNBSP = "\u202f"
#: What JS's trim() removes (Python's strip() removes a few other characters, and not U+FEFF).
JS_SPACE = (
    " \t\n\v\f\r\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)


# Enough digits for any float to a fixed number of decimals (the largest has 309).
_EXACT = Context(prec=400, rounding=ROUND_HALF_UP)


def _decimal(value: float) -> Decimal:
    # The shortest text that reads back as the float, as Intl rounds it (1.005 -> "1.01").
    return Decimal(repr(value))


_STEPS = [Decimal(1).scaleb(-places) for places in range(21)]
_GRID = [10.0**-places for places in range(21)]


def _fast_fixed(value: float, high: int) -> str | None:
    """``value`` to ``high`` decimals by the float's own formatting, where that equals
    rounding its shortest text half up; ``None`` where it may not (a tie, a large number)."""
    if not math.ulp(value) < _GRID[high]:
        return None  # the float is coarser than the decimals: only its shortest text counts
    text = repr(value)
    point = text.find(".")
    if point < 0 or "e" in text or (len(text) - point - 2 == high and text[-1] == "5"):
        return None  # a tie on the shortest text (1.005), which Intl rounds up
    # Otherwise no rounding boundary lies between the float and its shortest text (a boundary
    # there would be a shorter text for the same float), so both round alike.
    return f"{value:,.{high}f}"


def fixed(value: float, low: int, high: int) -> str:
    """At least ``low`` and at most ``high`` decimals, thousands grouped, no "-0"
    (``fixed`` in number.ts: Intl's en-US format, half away from zero)."""
    text = (
        _fast_fixed(value, high)
        or f"{_decimal(value).quantize(_STEPS[high], context=_EXACT):,.{high}f}"
    )
    if high > low:
        whole, _, decimals = text.partition(".")
        decimals = decimals.rstrip("0").ljust(low, "0")
        text = f"{whole}.{decimals}" if decimals else whole
    if text.startswith("-") and set(text[1:]) <= {"0", "."}:
        text = text[1:]
    return text


def in_lang(text: str, lang: str) -> str:
    """Number text written the English way ("1,276.5", "41.5%") as ``lang`` writes it: in
    French "1 276,5" and "41,5 %", a narrow no-break space between thousands, as Intl does."""
    if lang != "fr":
        return text
    text = text.translate({ord(","): NNBSP, ord("."): ","})
    return re.sub(r"(?<=\d)%", NNBSP + "%", text)


def format_number(value: float, lang: str = "en") -> str:
    """Numbers as people read them: thousands grouped, at most two decimals, no "-0"."""
    value = float(value)
    if not math.isfinite(value):
        return ""
    if value.is_integer():
        if abs(value) < 1000:
            return "0" if value == 0 else str(int(value))
        # Whole floats below 2**53 are their own shortest text; above, only fixed() knows.
        text = f"{int(value):,}" if abs(value) < 2**53 else fixed(value, 0, 0)
    else:
        text = fixed(value, 0, 1 if abs(value) >= 100 else 2)
    return in_lang(text, lang)


def format_emotion(value: float | None, lang: str = "en") -> str:
    """A signed emotion value: "+2", "0", "−1.5" ("−1,5" in French); one that rounds to 0
    is "0"."""
    if value is None or not math.isfinite(value):
        return ""
    text = format_number(abs(value), lang)
    if text == "0":
        return "0"
    return f"+{text}" if value > 0 else f"{MINUS}{text}"


def _js_round(value: float) -> int:
    """``Math.round``: the nearest whole number, halves up."""
    low = math.floor(value)
    return low + 1 if value - low >= 0.5 else low


def _below_a_minute(seconds: float, places: int) -> bool:
    """``Number(seconds.toFixed(places)) < 60``: rounded on the float's exact value, halves
    up (only a value from 59.5 on can round to 60)."""
    if not 59.5 <= seconds < 60:
        return seconds < 60
    return Decimal(seconds).quantize(_STEPS[places], context=_EXACT) < 60


def format_duration(seconds: float, digits: int | None) -> str:
    """Seconds as "45 s", "17 min 16 s" or "2 h 05 min" (seconds dropped from an hour on)."""
    sign = MINUS if seconds < 0 else ""
    s = abs(float(seconds))
    places = digits if digits is not None else (1 if s < 10 and not s.is_integer() else 0)
    if _below_a_minute(s, places):
        return f"{sign}{fixed(s, 0, places)} s"
    whole = _js_round(s)
    if whole < 3600:
        return f"{sign}{whole // 60} min {whole % 60:02d} s"
    # In floats, as JS computes them (an hour count past 2**53 keeps the float's digits).
    minutes = float(_js_round(s / 60))
    return f"{sign}{fixed(float(math.floor(minutes / 60)), 0, 0)} h {int(minutes % 60):02d} min"


def format_lane_number(value: float, format: dict[str, Any] | None = None, lang: str = "en") -> str:
    """A number lane's value as text, in the lane's format (the wire's ``format`` entry):
    percent takes a share (0.69 -> "69%"), duration takes seconds."""
    return in_lang(_lane_number(value, format), lang)


def _lane_number(value: float, format: dict[str, Any] | None) -> str:
    value = float(value)
    if not math.isfinite(value):
        return ""
    style = (format or {}).get("style", "number")
    raw = (format or {}).get("digits")
    digits = (
        min(20, math.floor(raw))
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw >= 0
        else None
    )
    if style == "percent":
        low, high = (0, 1) if digits is None else (digits, digits)
        return f"{fixed(value * 100, low, high)}%"
    if style == "duration":
        return format_duration(value, digits)
    return format_number(value) if digits is None else fixed(value, digits, digits)


def split_items(value: Any) -> list[str]:
    """Newline-separated items of a text lane, trimmed, blank ones dropped (``splitItems``)."""
    if value is None:
        return []
    lines = (line.strip(JS_SPACE) for line in str(value).split("\n"))
    return [line for line in lines if line]


def channel_items(value: Any) -> list[str]:
    """A channel lane's items: one per line, or comma- or semicolon-separated."""
    return [item for line in split_items(value) for item in re.split(r"\s*[,;]\s*", line) if item]


#: The quadrants Python names (priority.QUADRANTS), each with a label of its own.
QUADRANTS = ("concentrate here", "keep up the good work", "low priority", "possible overkill")

#: Moment-of-truth kinds with a label of their own (``MOMENT_LABELS``).
MOMENT_LABELS = {kind: WORDS["en"][kind] for kind in ("one-off", "cross-journey")}


def lane_title(key: str, label: str, lang: str = "en") -> str:
    """A lane's title in ``lang``: a standard role's own title, else its label as it is."""
    titles = LANE_TITLES.get(key)
    return titles[1] if lang == "fr" and titles is not None and label == titles[0] else label


def display_text(value: Any, dtype: str, lang: str = "en") -> str:
    """A cell of a lane that is not text as the view writes it: numbers grouped, booleans
    as yes/no, dates without a midnight time, in French order in French (``displayText``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return words(lang)["yes" if value else "no"]
    if isinstance(value, (int, float)):
        return format_number(value, lang)
    if dtype == "date" and isinstance(value, str):
        text = re.sub(r" 00:00:00$", "", value.replace("T", " ", 1))
        return re.sub(r"^(\d{4})-(\d{2})-(\d{2})", r"\3/\2/\1", text) if lang == "fr" else text
    return str(value)


def moment_text(value: Any, lang: str = "en") -> str:
    """A moment-of-truth cell: "★ One-off", "★ Moment of truth" for one of no kind, or ""."""
    if value is None or value is False or value == "":
        return ""
    kind = "moment" if value is True else str(value)
    label = words(lang)[kind] if kind in ("moment", *MOMENT_LABELS) else kind
    return "\u2605 " + label


def priority_text(value: Any, form: str | None, lang: str = "en") -> str:
    """A priority cell: "#1" for a rank, the quadrant's name ("Concentrate here"), or ""."""
    if form == "quadrant":
        if not isinstance(value, str):
            return ""
        return words(lang)[value] if value in QUADRANTS else value[:1].upper() + value[1:]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    return "#" + format_number(value, lang) if math.isfinite(value) else ""
