"""Text normalisation that remembers where every character came from.

Judgements arrive with full-width digits (２０１７), non-breaking spaces,
``&nbsp;`` entities left over from scraping, zero-width characters, Kangxi
radicals that look like ordinary ideographs (⼀ U+2F00 for 一) and every kind
of line break. :func:`normalize` cleans these up and returns a
:class:`Normalized` text with an :class:`OffsetMap`, so that a span found in
the clean text can be reported in the coordinates of the original.

What is changed, and why only this:

* Full-width ASCII digits and letters, ``．％＋－／＝`` and the ideographic
  space become their ASCII forms (NFKC for exactly these characters).
  Full-width *punctuation* (（）：，；) is kept: it is how case numbers are printed
  and the answer keys keep it.
* Compatibility ideographs and Kangxi/CJK radicals become the unified
  ideographs (NFKC), so that 人民法院 written with radicals still matches.
* HTML entities are decoded; zero-width characters and soft hyphens removed.
* Line breaks become ``\\n``; runs of spaces and tabs become one space; spaces
  around a line break and repeated blank lines are dropped.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import field

import regex

from ._frozen import frozen

__all__ = ["normalize", "Normalized", "OffsetMap"]


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    keep_punct = set("（）：，；！？、“”‘’【】《》〔〕［］")
    for lo, hi in ((0xFF01, 0xFF5E),):
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if ch in keep_punct:
                continue
            # Letters, digits and the few symbols that occur inside numbers,
            # URLs and amounts; other full-width punctuation stays.
            if ch.isalnum() or ch in "．％＋－／＝＠＿＆＃":
                table[cp] = unicodedata.normalize("NFKC", ch)
    for lo, hi in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)):
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            nf = unicodedata.normalize("NFKC", ch)
            if len(nf) == 1 and nf != ch:
                table[cp] = nf
    # Spaces of every width become one ASCII space; line separators a newline.
    for cp in (0x00A0, 0x3000, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
               0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x0009,
               0x000B, 0x000C):
        table[cp] = " "
    for cp in (0x2028, 0x2029, 0x0085, 0x000D):
        table[cp] = "\n"
    return table


# Same-length replacements, which keep offsets.
_TABLE = _build_table()


def _ranges(codepoints) -> str:
    """A character class of ``codepoints`` written as ranges."""
    out: list[list[int]] = []
    for cp in sorted(codepoints):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return "[" + "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in out) + "]"


# The characters _TABLE changes. Most judgements have only a few of them, so
# replacing each match is ~15x faster than str.translate, which looks up every
# character of the text in a dict. The stdlib ``re`` scans a plain range class
# an order of magnitude faster than ``regex`` does.
_TRANSLATABLE = re.compile(_ranges(_TABLE))


def _translate(text: str) -> str:
    return _TRANSLATABLE.sub(lambda m: _TABLE[ord(m.group())], text)


# Length-changing edits, found in one pass over the translated text.
_EDITS = regex.compile(
    r"""
    # Only where an edit can start. A lone space or line break stays as it is
    # (most matches were those, and no edit): a run starts with two run characters.
    (?=[\u200b\u200c\u200d\u2060\ufeff\u00ad&]|[ \n][ \n\u200b\u200c\u200d\u2060\ufeff\u00ad&])
    (?:
      # A whole run of spaces, line breaks, zero-width characters and their
      # entities, possessive so that a long run is read once. Taken whole, so that a
      # zero-width character or an entity between two spaces cannot leave two spaces
      # behind (normalising twice gives what normalising once gives).
      (?P<space>(?:[ \n\u200b\u200c\u200d\u2060\ufeff\u00ad]
                  |&(?:nbsp|ensp|emsp|thinsp|zwnj|zwj|shy
                      |\#(?:9|10|13|32|160|173|8194|8195|8201|8203|8204|8205|12288|65279)
                      |\#[xX](?:9|[aAdD]|20|[aA]0|[aA][dD]|200[239bBcCdD]|3000|[fF][eE][fF][fF]));)++)
      |(?P<entity>&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});)
    )
    """,
    regex.VERBOSE,
)
#: Characters that vanish (zero width, soft hyphen).
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _space_run(run: str) -> str:
    """What a run of whitespace becomes: a line break if it has one, a space if it has
    a space, else nothing (only zero-width characters)."""
    if "&" in run:  # the entities of spaces and zero-width characters (&nbsp;, &#8203;)
        run = _translate(html.unescape(run))
    if "\n" in run:
        return "\n"
    return "" if run.strip(_ZERO_WIDTH) == "" else " "


@frozen
class OffsetMap:
    """Piecewise-linear map between normalised and original offsets.

    Stored as anchor pairs ``(norm, orig)``: between anchors both texts advance
    together, so a map over a megabyte with a handful of edits stays tiny.

    Examples
    --------
    >>> n = normalize("共计&nbsp;５０００元")
    >>> n.text
    '共计 5000元'
    >>> n.map.to_original(3), n.map.to_original(len(n.text))
    (8, 13)
    """

    norm: tuple[int, ...] = (0,)
    orig: tuple[int, ...] = (0,)
    norm_length: int = 0
    orig_length: int = 0

    def to_original(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (an end offset maps to an end)."""
        if not 0 <= i <= self.norm_length:
            raise IndexError(f"offset {i} outside the normalised text (0..{self.norm_length})")
        k = bisect.bisect_right(self.norm, i) - 1
        # Inside a shortened replacement the start of the original run is used.
        nxt = self.orig[k + 1] if k + 1 < len(self.orig) else self.orig_length
        return min(self.orig[k] + (i - self.norm[k]), nxt)

    def to_normalized(self, j: int) -> int:
        """Normalised offset of original offset ``j`` (characters removed map forward)."""
        if not 0 <= j <= self.orig_length:
            raise IndexError(f"offset {j} outside the original text (0..{self.orig_length})")
        k = bisect.bisect_right(self.orig, j) - 1
        nxt = self.norm[k + 1] if k + 1 < len(self.norm) else self.norm_length
        return min(self.norm[k] + (j - self.orig[k]), nxt)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` span to the original text."""
        return self.to_original(start), self.to_original(end)

    @property
    def is_identity(self) -> bool:
        return len(self.norm) == 1 and self.norm_length == self.orig_length


@frozen
class Normalized:
    """A normalised text together with its original and the map between them."""

    text: str
    original: str
    map: OffsetMap = field(repr=False)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)``."""
        return self.map.span_to_original(start, end)


def normalize(text: str) -> Normalized:
    """Normalise a judgement's text, keeping an offset map to the original.

    Parameters
    ----------
    text : str
        The document text as read (already extracted from HTML if it was HTML).

    Returns
    -------
    Normalized
        ``.text`` is the clean text, ``.original`` the input, ``.map`` the
        offset map between them.

    Examples
    --------
    >>> n = normalize("（２０１７）浙0683刑初811号\\r\\n\\u200b被告人张某")
    >>> n.text
    '（2017）浙0683刑初811号\\n被告人张某'
    >>> start = n.text.index("被告人")
    >>> n.original[n.map.to_original(start):n.map.to_original(start + 3)]
    '被告人'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() expects str, got {type(text).__name__}")
    translated = _translate(text)
    n_orig = len(text)
    pieces: list[str] = []
    norm_anchor = [0]
    orig_anchor = [0]
    out_len = 0
    last = 0
    for m in _EDITS.finditer(translated):
        kind = m.lastgroup
        if kind == "entity":
            repl = _translate(html.unescape(m.group()))
            if repl == m.group():
                continue
            if repl in ("\u200b", "\ufeff", "\u00ad"):
                repl = ""
        else:
            repl = _space_run(m.group())
            if repl == m.group():
                continue
        s, e = m.span()
        pieces.append(translated[last:s])
        out_len += s - last
        pieces.append(repl)
        out_len += len(repl)
        last = e
        # Anchor after the replacement: from here both texts run in step again.
        norm_anchor.append(out_len)
        orig_anchor.append(e)
    pieces.append(translated[last:])
    out_len += n_orig - last
    body = "".join(pieces)
    # Leading and trailing whitespace carries no meaning; trim it through the map.
    lead = len(body) - len(body.lstrip())
    if lead or body != body.rstrip():
        stripped = body.strip()
        omap = OffsetMap(tuple(norm_anchor), tuple(orig_anchor), len(body), n_orig)
        start_orig = omap.to_original(lead)
        new_norm, new_orig = [0], [start_orig]
        for a, b in zip(norm_anchor, orig_anchor):
            if a > lead and a - lead <= len(stripped):
                new_norm.append(a - lead)
                new_orig.append(b)
        return Normalized(stripped, text, OffsetMap(tuple(new_norm), tuple(new_orig), len(stripped), n_orig))
    return Normalized(body, text, OffsetMap(tuple(norm_anchor), tuple(orig_anchor), len(body), n_orig))
