"""Find the figures an English announcement states, with the words a facts file needs.

A figure is a number with what follows it — %, percentage points, times, a scale word and a
currency ("55.14 billion dollars" → USD billion), or the noun it counts ("251 tasks") — and
the qualifier just before it ("nearly", "more than"). A rise or fall ("up 5.2% year on
year", "fell 3.1%") becomes a growth figure with its basis, a place ("ranked first") a rank.
Years, dates, ordinals, list numbers, numbers in names ("G20", "20 Measures" in quotes) and
durations ("the past three years") are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import qualifiers
from .figures import Found, clip, inside, quoted_spans

NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.\-/:])(?<!\d,)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d)"
    r"(?![.,/:]\d)"
)
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_MONTH = r"(?:" + "|".join(MONTHS) + r")\.?"
SCALE = {
    "trillion": "trillion",
    "tn": "trillion",
    "billion": "billion",
    "bn": "billion",
    "million": "million",
    "mn": "million",
    "m": "million",
    "thousand": "thousand",
    "k": "thousand",
    "b": "billion",
}
CURRENCY_BEFORE = {
    "us$": "USD",
    "$": "USD",
    "hk$": "HKD",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "hkd": "HKD",
    "jpy": "JPY",
}
CURRENCY_AFTER = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "yuan": "CNY",
    "rmb": "CNY",
    "renminbi": "CNY",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
    "hong kong dollars": "HKD",
}
_BEFORE_CURRENCY = re.compile(
    r"(US\$|HK\$|\$|€|£|¥|\b(?:RMB|CNY|USD|EUR|GBP|HKD|JPY))\s?$", re.IGNORECASE
)
_AFTER = re.compile(
    r"^(?P<pct>\s?(?:%|％)|\s?(?:percent|per cent)\b)"
    r"|^(?P<pp>\s?(?:percentage points?|pp)\b)"
    r"|^(?P<times>\s?(?:times\b|-fold\b|fold\b))"
    r"|^\s?(?P<scale>trillion|billion|million|thousand|tn|bn|mn|B(?=\b)|M(?=\b)|K(?=\b))\b"
    r"(?:\s(?P<cur>(?:us |u\.s\. |hong kong )?dollars|yuan|rmb|renminbi|euros?|pounds|yen)\b)?",
    re.IGNORECASE,
)
_ABBREVIATED = re.compile(r"^(?:bn|tn|mn|[BMK])\b")  # $1.8B, €3bn
_CURRENCY_WORD = re.compile(
    r"^\s(?P<cur>(?:us |u\.s\. |hong kong )?dollars|yuan|rmb|renminbi|euros|pounds|yen)\b",
    re.IGNORECASE,
)
# Words that end a counted noun phrase: "10 special reform programs | with …".
STOP = set(
    """of with for in on at to from by that which who whom whose have has had were was are is
    been be being and or as across including per each than while into over under during since
    until after before between among through within will would can could should may might must
    not also more less about around nearly approximately so if but its their his her our this
    these those such both either neither respectively a an the""".split()
)
_NOT_FIGURE_BEFORE = re.compile(
    r"(?:\b(?:no|nos|article|articles|section|chapter|clause|item|phase|decree|document|order|"
    r"paragraph|page|table|figure|annex|appendix|version|level|grade|class|category|room|line|"
    r"route|gate|step|round|batch|session|plenary|congress|number|vol|volume|issue|case|quarter|"
    r"top|bottom|"
    r"district|zone|building|floor|platform|terminal|highway|road|street)\.?|#)\s*$",
    re.IGNORECASE,
)
_TIME_NOUN = re.compile(
    r"^\s(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)\b",
    re.IGNORECASE,
)
_RISE = re.compile(
    r"\b(?:up|rose|risen|rising|grew|grown|growing|increased?|increasing|increase of|growth of|"
    r"higher|gained?|climbed|expanded|jumped|surged|(?:an? )?(?:rise|gain|jump) of)"
    r"(?:\s+(?:by|of|to))?\s+$",
    re.IGNORECASE,
)
_FALL = re.compile(
    r"\b(?:down|fell|fallen|falling|declined?|declining|decreased?|decreasing|dropped|lower|"
    r"shrank|shrunk|contracted|slipped|(?:an? )?(?:fall|decline|decrease|drop|reduction) of)"
    r"(?:\s+(?:by|of))?\s+$",
    re.IGNORECASE,
)
# A rise or fall said after the figure: "3.4% more than last year", "2% lower".
_CHANGE_AFTER = re.compile(
    r"^\s+(?:(?P<rise>more|higher|up|above)|(?P<fall>less|lower|fewer|down|below))\b",
    re.IGNORECASE,
)
_BASES = (
    (
        re.compile(
            r"\byear[- ]on[- ]year\b|\by-o-y\b|\byoy\b|a year (?:earlier|ago)|than last year|"
            r"(?:over|from|on|than) the (?:previous year|year before|same period)",
            re.I,
        ),
        "year-on-year",
    ),
    (re.compile(r"\bquarter[- ]on[- ]quarter\b|\bq-o-q\b", re.I), "quarter-on-quarter"),
    (re.compile(r"\bmonth[- ]on[- ]month\b|\bm-o-m\b", re.I), "month-on-month"),
    (
        re.compile(r"\b(?:average annual|annual average|annually on average)\b", re.I),
        "average-annual",
    ),
)
_RANK = re.compile(
    r"\b(?:rank(?:ed|s|ing)?|placed|came|comes|came in|finished)\s+(?:the\s+)?"
    r"(?:no\.\s*(?P<no>\d+)|(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth)|(?P<ord>\d+)(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
_OF_NUMBER = re.compile(r"^\s+of\s+(?:the\s+|all\s+|its\s+)?(\d{1,3}(?:,\d{3})+|\d+)\s+[a-z]")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_Y = r"(?:1[89]|20)\d\d"
_PERIOD = (
    re.compile(
        rf"\bfrom\s+(?:{_MONTH}\s+)?({_Y})\s+(?:to|through|until)\s+((?:{_MONTH}\s+)?{_Y})",
        re.I,
    ),
    re.compile(
        r"\b((?:first|second) half|(?:first|second|third|fourth) quarter|first "
        rf"(?:two|three|four|five|six|seven|eight|nine|ten|eleven) months) of ({_Y})\b",
        re.I,
    ),
    re.compile(
        r"\b(?:in|during|for|by|as of|since|until|through|at the end of|by the end of)\s+"
        rf"((?:{_MONTH}\s+)?{_Y})\b",
        re.I,
    ),
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"“(])|(?<=[;])\s+")
# Words that open a sentence without being its subject.
_ADVERBIAL = re.compile(
    r"(?i)(?:as of now|in addition|meanwhile|however|moreover|besides|overall|in total|"
    r"notably|in particular|of (?:this|which|these|them)|among them|in the first half)"
)
_ADVERBIAL_START = re.compile(
    r"(?i)^(?:as of now|in addition|meanwhile|however|moreover|besides|overall|notably|"
    r"in particular|according to [^,]+|in the (?:first|second) half of \d{4}|in \d{4})\s*,?\s*"
)
_PRONOUN = re.compile(r"(?i)(?:which|that|who|it|they|this|these|he|she|we)\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .,]{2,}\s*[—–-]+\s*")  # "BEIJING — "
_VERB = re.compile(
    r"\s(?:was|is|were|are|has|have|had|rose|fell|grew|went|gained|climbed|reached|"
    r"increased|decreased|declined|registered|saw|recorded|stood|came)\b"
)
_CLAUSE_CUT = re.compile(
    r",\s|;\s|\s(?:which|who|whom|that|while|whereas)\s|\s-\s|\s—\s|\sand\s(?=\w+ing\b)"
)
# Where a label stops before the next figure: "programs | with around 500 measures".
_NEXT_FIGURE = re.compile(
    r"\s+(?:(?:with|and|of|to|from|for|in)\s+)?(?:(?:"
    + "|".join(sorted((re.escape(w) for w in qualifiers.EN), key=len, reverse=True))
    + r")\s+)?(?:US\$|\$|€|£|¥)?\d",
    re.IGNORECASE,
)


def in_paragraph(para: str, number: int) -> Iterator[Found]:
    """Yield every figure stated in paragraph ``number``, ``para``."""
    quoted = quoted_spans(para)
    last = ""  # the subject of the last figure: a later one in its clause shares it
    for start, _end, sentence in _sentences(para):
        for m in NUMBER.finditer(sentence):
            if inside(quoted, start + m.start()):
                continue
            found = _figure(sentence, m, number, last)
            if found is not None:
                last = found.label
                yield found
        for m in _RANK.finditer(sentence):
            yield _rank(sentence, m, number)


def _sentences(para: str) -> Iterator[tuple[int, int, str]]:
    start = 0
    for m in _SENTENCE_END.finditer(para):
        yield start, m.start(), para[start : m.start()]
        start = m.end()
    yield start, len(para), para[start:]


def _figure(sentence: str, m: re.Match[str], para: int, last: str = "") -> Found | None:
    digits = m.group(1).replace(",", "")
    before, after = sentence[: m.start()], sentence[m.end() :]
    if _not_a_figure(digits, m.group(1), before, after):
        return None
    unit, kind, tail = "", "", after
    currency = _BEFORE_CURRENCY.search(before)
    if currency:
        before = before[: currency.start()]
    shape = _AFTER.match(after)
    if shape and shape.group("pct"):
        unit, tail = "%", after[shape.end() :]
    elif shape and shape.group("pp"):
        unit, kind, tail = "pp", "points", after[shape.end() :]
    elif shape and shape.group("times"):
        unit, kind, tail = "times", "multiple", after[shape.end() :]
    elif shape and shape.group("scale"):
        if shape.group("scale") in {"B", "M", "K"} and not currency:
            return None  # 3M, 5K without a currency: a name or a size, not an amount
        scale = SCALE[shape.group("scale").lower()]
        code = _currency(currency, shape.group("cur"))
        unit = f"{code} {scale}" if code else scale
        tail = after[shape.end() :]
    else:
        word = _CURRENCY_WORD.match(after)
        code = _currency(currency, word.group("cur") if word else None)
        if code:
            unit, tail = code, after[word.end() :] if word else after
    written_year = _YEAR.fullmatch(m.group(1)) and not currency  # 2,000 is a count
    if not unit and (written_year or _TIME_NOUN.match(after)):
        return None  # a year, or a duration ("over 15 years", "within 3 days")
    noun = ""
    if not unit:
        noun, tail = _noun(after)
        unit = _head(noun)
    elif unit in SCALE.values():  # 262 million passengers: the noun is what is counted
        noun, tail = _noun(tail)
    qualifier, before = _qualifier(before)
    value, basis, note = digits, "", ""
    if unit in {"%", "pp"} or kind:
        rise, fall = _RISE.search(before), _FALL.search(before)
        later = _CHANGE_AFTER.match(tail) if not (rise or fall) else None
        if later:
            rise = None if later.group("fall") else later
            fall = later if later.group("fall") else None
            tail = tail[later.end() :]
            before = before + " "
        if fall or rise:
            if fall:
                value = "-" + digits
            kind = kind or "growth"
            basis = _basis(sentence) or ("" if kind == "points" else "(basis not stated)")
            if basis == "(basis not stated)":
                note = "the text does not say what the change is measured against: set basis"
            if not later:
                before = before[: (fall or rise).start()]  # type: ignore[union-attr]
    label = _label(before, noun, tail, unit, kind, last)
    whole = _OF_NUMBER.match(tail) if unit == "%" else None
    return Found(
        value=value,
        unit=unit,
        para=para,
        quote=_quote(sentence, m.start(), m.end()),
        label=label,
        short=_short(_share_subject(before, label) or label),
        qualifier=qualifier,
        kind=kind,
        basis=basis,
        period=period_of(sentence),
        note=note,
        of_number=whole.group(1).replace(",", "") if whole else "",
    )


def _not_a_figure(digits: str, written: str, before: str, after: str) -> bool:
    """True for a number that is a date, an ordinal, a list number or part of a name."""
    if re.match(r"^(?:st|nd|rd|th)\b", after, re.IGNORECASE):
        return True
    if re.match(r"0\d", digits):  # 0739, 06: a code or a number cut from its digits
        return True
    if re.match(r"^[A-Za-z]", after) and not _ABBREVIATED.match(after):  # 5G, 3D
        return True
    if re.search(rf"\b{_MONTH}\s*$", before, re.IGNORECASE) or re.match(
        rf"^\s*{_MONTH}\b", after, re.IGNORECASE
    ):
        return True
    if not before.strip() and re.match(r"^(?:[.)、:]|\s+[-–—]\s)", after):  # a list number
        return True
    if re.search(r"\(\s*$", before) and re.match(r"^\)", after):
        return True
    if _NOT_FIGURE_BEFORE.search(before):
        return True
    return bool(re.match(r"^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|:\d)", after, re.IGNORECASE))


def _currency(before: re.Match[str] | None, word: str | None) -> str:
    if word:
        return CURRENCY_AFTER.get(word.lower(), "")
    if before:
        return CURRENCY_BEFORE.get(before.group(1).lower().strip(), "")
    return ""


def _noun(after: str) -> tuple[str, str]:
    """Return the counted noun phrase right after a number and the words after it."""
    words = []
    rest = after
    for m in re.finditer(r"\s*(\(?[A-Za-z][A-Za-z'’\-]*\)?)", after):
        if m.start() != (len(after) - len(rest)) or len(words) >= 4:
            break
        word = m.group(1)
        if word.lower() in STOP or (words and word[0].isupper() and not word.isupper()):
            break
        if word[0].isupper() and not word.isupper():  # a name: "20 Measures"
            break
        words.append(word)
        rest = after[m.end() :]
    return " ".join(words), rest


def _head(noun: str) -> str:
    """Return the noun a count counts: the last word of its phrase, without brackets."""
    words = [w.strip("()") for w in noun.split() if not w.startswith("(")]
    return words[-1] if words else ""


_QUALIFIER = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(qualifiers.EN, key=len, reverse=True)) + r")$",
    re.IGNORECASE,
)


def _qualifier(before: str) -> tuple[str, str]:
    """Return the vocabulary qualifier ending ``before`` (longest first) and what precedes it."""
    tail = before.rstrip()
    m = _QUALIFIER.search(tail)
    if m:
        return m.group(1).lower(), tail[: m.start()]
    return "", before


def _basis(sentence: str) -> str:
    for pattern, basis in _BASES:
        if pattern.search(sentence):
            return basis
    return ""


def period_of(sentence: str) -> str:
    """Return the period a sentence states ("2020 – June 2023", "first half of 2023")."""
    m = _PERIOD[0].search(sentence)
    if m:
        return f"{m.group(1)} – {m.group(2)}"
    m = _PERIOD[1].search(sentence)
    if m:
        return f"{m.group(1).lower()} of {m.group(2)}"
    m = _PERIOD[2].search(sentence)
    if m:
        return m.group(1)
    return ""


def _label(before: str, noun: str, tail: str, unit: str, kind: str, last: str) -> str:
    """Return what the figure counts. A count: its noun and the clause that follows, up to
    the next figure. A share: what it is "of". An amount, a percentage or a change: the
    subject before it ("China's goods trade went up 7.9%"), or the last figure's subject
    when this one follows it in the clause ("… to 14.12 trillion yuan")."""
    if not noun and not (unit == "%" and not kind and re.match(r"\s+of\s", tail)):
        subject = _subject(before)
        if not subject or re.search(r"\d", subject):
            subject = last
        if subject and subject.lower() not in STOP and not _ADVERBIAL.fullmatch(subject):
            return clip(subject, 70)
    after = _CLAUSE_CUT.split(tail, maxsplit=1)[0]
    cut = _NEXT_FIGURE.split(after, maxsplit=1)[0]
    if noun or len([w for w in cut.split() if w.lower() not in STOP]) >= 2:
        after = cut
    after = re.split(r"(?<=[a-z])\.\s|\.$", after)[0]
    text = f"{noun}{after}" if noun else after
    text = clip(" ".join(text.split()), 70)
    if len(text.split()) >= 2 or (noun and text):
        return text
    subject = _subject(before)
    if subject:
        return clip(subject, 70)
    return text or unit or "figure"


def _subject(before: str) -> str:
    """Return the subject of the clause a figure stands in, minus its verb; when the clause
    starts with its verb ("…, gained 12.2%"), the subject the sentence opens with."""
    clause = re.split(r",\s|;\s|:\s", before)[-1]
    subject = _bare(clause)
    if not subject and "," in before:
        opening = _bare(before.split(", ")[0])
        subject = _VERB.split(opening, maxsplit=1)[0].strip()
    if _PRONOUN.match(subject):
        return ""
    return subject


def _bare(clause: str) -> str:
    """Return a clause without its opening adverbial or dateline and its closing verb."""
    clause = _DATELINE.sub("", clause)
    clause = _ADVERBIAL_START.sub("", clause)
    clause = re.sub(
        r"(?:\s*\b(?:has|have|had|was|were|is|are|been|reached|totall?ed|amounted|accounted|"
        r"stood|came|went|hit|reaching|totalling|amounting|accounting|of|at|to|by|with|for|in|"
        r"respectively|up|down|rose|fell|grew|gained|climbed|increased|decreased|declined))+"
        r"\s*$",
        "",
        clause,
        flags=re.IGNORECASE,
    )
    return " ".join(clause.split())


def _share_subject(before: str, label: str) -> str:
    """Return what a share is the share of, when the text names it before the figure
    ("the added value of Beijing's digital economy accounted for 44.5% of …"), else ''."""
    if not label.startswith("of "):
        return ""
    subject = _bare(re.split(r",\s|;\s|:\s", before)[-1])
    if re.search(r"\d", subject) or _ADVERBIAL.fullmatch(subject) or _PRONOUN.match(subject):
        return ""
    return re.split(r"\sof\s", subject)[-1]


def _short(label: str) -> str:
    """Return two to four words for tiles and charts: the head of the label's noun phrase
    ("Exports and imports of products under …" → "Exports and imports")."""
    text = re.sub(r"(?i)^(?:and|or|resulting in|which|that|of|in|on|at)\s+", "", label)
    text = re.sub(r"(?i)^(?:the|a|an)\s+", "", text)
    head = re.split(
        r"\s(?:of|under|with|in|for|from|by|to|that|which|have|has|had|were|was|are|is|will)\s",
        text,
    )[0]
    words = [w.strip("()\"'“”") for w in head.split()]
    words = [w for w in words if w and w.lower() not in {"the", "a", "an"}]
    words = [w for w in words if not re.fullmatch(r"[\d.,%]+", w)][-4:]
    short = " ".join(words)
    return short[:1].upper() + short[1:]


def _rank(sentence: str, m: re.Match[str], para: int) -> Found:
    if m.group("no"):
        n = m.group("no")
    elif m.group("ord"):
        n = m.group("ord")
    else:
        n = str(ORDINAL_WORDS.index(m.group("word").lower()) + 1)
    before = sentence[: m.start()]
    subject = _subject(before)
    scope = re.search(r"(?:^|,\s)((?:In|Among|Of|On)\s[^,]{6,})(?=,)", before)
    after = " ".join(sentence[m.end() :].split(",")[0].split())
    label = clip(scope.group(1), 70) if scope else clip(after, 70) or subject
    if scope:
        label = label[:1].lower() + label[1:]
    return Found(
        value=n,
        unit="rank",
        para=para,
        quote=_quote(sentence, m.start(), m.end()),
        label=label or "place in the ranking",
        short=_short(label),
        kind="rank",
        period=period_of(sentence),
    )


def _quote(sentence: str, start: int, end: int, width: int = 45) -> str:
    left, right = max(0, start - width), min(len(sentence), end + width)
    text = sentence[left:right].strip()
    return ("…" if left else "") + text + ("…" if right < len(sentence) else "")
