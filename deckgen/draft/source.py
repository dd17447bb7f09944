"""Read an announcement's text for a draft, refusing what is not plain text, and find what
the facts' ``meta`` and ``sources`` need: its language, title, date and publisher."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DeckgenError
from ..verify import paragraphs

MAX_BYTES = 8 * 1024 * 1024  # a year of daily releases is well under this
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
MONTHS = (
    "january february march april may june july august september october november december"
).split()


class DraftError(DeckgenError):
    """The text cannot be drafted from."""


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    paras: list[str]
    langs: list[str]  # each paragraph's language: en, zh or "" (no words)


def read(path: Path) -> Source:
    """Return the text of ``path``; raise DraftError for what is not a UTF-8 text."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as e:
        raise DraftError(f"{path}: no such file (give the announcement's .txt file)") from e
    except IsADirectoryError as e:
        raise DraftError(f"{path}: is a folder (give the announcement's .txt file)") from e
    except OSError as e:
        raise DraftError(f"{path}: cannot read it: {e.strerror}") from e
    if len(raw) > MAX_BYTES:
        raise DraftError(
            f"{path}: {len(raw) / 2**20:.1f} MB is more than a draft reads "
            f"({MAX_BYTES // 2**20} MB); split the text and draft each part"
        )
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        at = raw.index(b"\x00")
        raise DraftError(
            f"{path}: not a text file (binary data at byte {at}); save the announcement as "
            f"plain text (.txt) first"
        )
    text = _decode(path, raw)
    if _control_share(text) > 0.01:
        raise DraftError(
            f"{path}: not a text file (control characters); save the announcement as plain "
            f"text (.txt) first"
        )
    paras = paragraphs(text)
    if not paras:
        raise DraftError(f"{path}: the file is empty; put the announcement's text in it")
    return Source(path, text, paras, [language(p) for p in paras])


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DraftError(
            f"{path}: is UTF-16 text; save it as UTF-8 (deckgen verify reads UTF-8 sources)"
        )
    try:
        return raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as e:
        hint = "save it as UTF-8 text"
        try:
            decoded = raw.decode("gb18030")
        except UnicodeDecodeError:
            decoded = ""
        if decoded and len(_CJK.findall(decoded)) > len(decoded) / 4:
            hint = f"it looks like GBK/GB18030: iconv -f GB18030 -t UTF-8 {path} > utf8.txt"
        elif b"\x00" in raw or _control_share(raw.decode("latin-1")) > 0.01:
            raise DraftError(
                f"{path}: not a text file (binary data at byte {e.start}); save the "
                f"announcement as plain text (.txt) first"
            ) from e
        raise DraftError(f"{path}: not UTF-8 text (byte {e.start}); {hint}") from e


def _control_share(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / len(sample)


def language(text: str) -> str:
    """Return 'zh' when Chinese characters outnumber Latin words, 'en' for Latin text."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if not cjk and not latin:
        return ""
    return "zh" if cjk >= latin / 5 else "en"  # an English word is ~5 letters


def main_language(src: Source) -> str:
    """Return the language most of the text is in (by characters)."""
    weight = {"en": 0, "zh": 0}
    for para, lang in zip(src.paras, src.langs):
        if lang:
            weight[lang] += len(para) * (3 if lang == "zh" else 1)
    return "zh" if weight["zh"] > weight["en"] else "en"


def title(src: Source, lang: str) -> str:
    """Return the first line, or its first sentence when the first line is a paragraph."""
    first = " ".join(src.text.strip().split("\n", 1)[0].split())
    limit = 40 if lang == "zh" else 90
    if len(first) <= limit:
        return first.strip("#*= ")
    sentence = re.split(r"(?<=[。！？])|(?<=[.!?])\s", first)[0].strip()
    if len(sentence) <= limit:
        return sentence.rstrip("。.")
    cut = sentence[:limit]
    if lang != "zh":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip("，,;；") + "…"


_ZH_DATE = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日")
_ZH_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_EN_DATE = re.compile(
    r"\b(?:(?P<m1>[A-Z][a-z]+)\.? (?P<d1>\d{1,2}),? (?P<y1>\d{4})|(?P<d2>\d{1,2}) "
    r"(?P<m2>[A-Z][a-z]+) (?P<y2>\d{4}))\b"
)
_EN_MONTH_DAY = re.compile(r"\b(?:On|on) (?P<m>[A-Z][a-z]+)\.? (?P<d>\d{1,2})\b")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def date(src: Source, lang: str) -> tuple[str, str]:
    """Return (YYYY-MM-DD, how it was found) for the announcement's date, or ('', why)
    when the text states none.

    A full date in the text wins; a day and month without a year take the latest year the
    text names (said so in the check comment). A year alone is not a date: it may be
    a period the text compares with.
    """
    text = src.text
    found = []
    for m in _ISO.finditer(text):
        found.append((int(m[1]), int(m[2]), int(m[3])))
    for m in _ZH_DATE.finditer(text):
        found.append((int(m[1]), int(m[2]), int(m[3])))
    for m in _EN_DATE.finditer(text):
        month = _month(m["m1"] or m["m2"])
        if month:
            found.append((int(m["y1"] or m["y2"]), month, int(m["d1"] or m["d2"])))
    valid = [f for f in found if _valid(*f)]
    if valid:
        y, mo, d = valid[0]
        return f"{y:04d}-{mo:02d}-{d:02d}", "the first full date in the text"
    years = [int(y) for y in _YEAR.findall(text)]
    md = None
    m = _ZH_MONTH_DAY.search(text) if lang == "zh" else _EN_MONTH_DAY.search(text)
    if m:
        month = int(m[1]) if lang == "zh" else _month(m["m"])
        day = int(m[2]) if lang == "zh" else int(m["d"])
        md = (month, day) if month else None
    if years and md and _valid(max(years), *md):
        y = max(years)
        return f"{y:04d}-{md[0]:02d}-{md[1]:02d}", (
            "the text gives the day without a year: the year is the latest it names"
        )
    return "", "the text states no date"


def today() -> str:
    """Return the day a draft is made: $SOURCE_DATE_EPOCH's when set (reproducible runs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def _month(name: str | None) -> int | None:
    if not name:
        return None
    name = name.lower()
    for i, month in enumerate(MONTHS, 1):
        if month.startswith(name[:3]) and month.startswith(name):
            return i
    return None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return 1900 <= y <= 2100


_EN_PUBLISHER = re.compile(
    r"\b((?:the )?(?:[A-Z][a-z]+ )*(?:[A-Z][a-z]+ )?(?:Office|Ministry|Bureau|Department|"
    r"Commission|Council|Administration|Agency|Authority|Government|Institute|Board)"
    r"(?: (?:of|for) (?:the )?(?:[A-Z][a-z&]+ ?)+)?)"
)
_ZH_PUBLISHER = re.compile(
    r"([\u4e00-\u9fff]{2,14}?(?:新闻办公室|办公室|统计局|海关总署|总署|委员会|人民政府|政府|部|局|署|院|委))"
    r"(?:举行|召开|发布|公布|介绍|消息|日前|今天|今日)"
)


def publisher(src: Source, lang: str) -> str:
    """Return the first body that holds, publishes or announces something, or ''."""
    head = " ".join(src.paras[:8])[:4000]
    if lang == "zh":
        m = _ZH_PUBLISHER.search(head)
        return re.sub(r"^(?:在|由|据|经|从|于)", "", m.group(1)) if m else ""
    matches = list(_EN_PUBLISHER.finditer(head))
    held = re.search(r"(?:held|hosted|organi[sz]ed|published|released|issued) by ", head)
    if held:
        matches = [c for c in matches if c.start() >= held.end()] or matches
    return matches[0].group(1).removeprefix("the ").strip() if matches else ""


def reporter(src: Source) -> str:
    """Return the reporter the text credits ("(Reporter: Ma Jing)", （记者 王明）), or ''."""
    m = re.search(
        r"\(Reporter:\s*([^)]{2,40})\)|[（(]记者\s*([\u4e00-\u9fff、 ]{2,20})[)）]", src.text
    )
    if not m:
        return ""
    return (m.group(1) or m.group(2)).strip()
