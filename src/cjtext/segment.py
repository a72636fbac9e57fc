"""Word segmentation with a legal dictionary, on jieba or its Rust port.

Two engines behind one API:

``"jieba"``
    The reference: a private :class:`jieba.Tokenizer` (never the global one,
    so loading our dictionary does not change anybody else's segmentation).
``"rjieba"``
    jieba-rs through the ``rjieba`` binding: the same algorithm and
    dictionary, measured here to give token lists identical to jieba's and
    to run many times faster (see ``docs/performance.md``). A test checks
    that both agree on our corpora with the legal dictionary loaded.

``"auto"`` (the default) uses rjieba when it is installed and jieba otherwise.

Both engines receive the same words through ``add_word`` with no explicit
frequency, so each computes the same suggested frequency from the same base
dictionary.
"""

from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from importlib import resources
from typing import Iterable

from ._frozen import frozen
from .errors import CjtextError

__all__ = ["Segmenter", "Token", "get_segmenter", "cut", "load_words", "ENGINES"]

ENGINES = ("auto", "rjieba", "jieba")

# jieba sends runs of non-Han characters through its HMM module, which splits
# them with this rule (jieba.finalseg.re_skip); jieba-rs keeps such runs whole
# (cc_attack, 83.21mg, 2012-3137). Applying the same rule to rjieba's ASCII
# tokens makes the two engines agree.
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# jieba-rs only keeps these ASCII punctuation marks inside a token (its Han-block
# regex admits +#&._%-; the others always stand alone), so a text without any
# of them cannot disagree. A one-character class scans 3x faster than a pair test.
_JOINABLE_PUNCT = re.compile(r"[+#&._%-]")


def _needs_split(w: str) -> bool:
    return len(w) > 1 and not w.isalnum() and not w.isspace()


def _split_ascii(words: list[str], text: str) -> list[str]:
    if _JOINABLE_PUNCT.search(text) is None:
        return words
    # filter() and set() run in C; most tokens are Han and drop out, and the
    # repeated ASCII tokens (years, amounts) are tested once each.
    if not any(map(_needs_split, set(filter(str.isascii, words)))):
        return words
    out: list[str] = []
    for w in words:
        if w.isascii() and _needs_split(w):
            out.extend(p for p in _JIEBA_SKIP.split(w) if p)
        else:
            out.append(w)
    return out


@frozen
class Token:
    """A word with its character offsets in the segmented text."""

    text: str
    start: int
    end: int


def load_words(path: str | os.PathLike | None = None) -> list[str]:
    """Words of a user dictionary in jieba's format (``word [freq] [tag]``).

    Blank lines and lines starting with ``#`` are skipped. Without ``path``,
    the bundled legal dictionary.

    Examples
    --------
    >>> "非法获取计算机信息系统数据罪" in load_words()
    True
    """
    if path is None:
        data = resources.files("cjtext").joinpath("data/legal_dict.txt").read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8-sig") as fh:
            data = fh.read()
    words = []
    for no, line in enumerate(data.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word = line.split()[0]
        words.append(word)
    return words


def _missing(name: str) -> CjtextError:
    return CjtextError(f"the segmentation engine {name!r} is not installed; "
                       f"install it with `pip install {name}` or use engine='jieba'")


class Segmenter:
    """Chinese word segmenter with the legal dictionary loaded.

    Parameters
    ----------
    engine : {"auto", "rjieba", "jieba"}
        Which implementation to use (see the module docs).
    user_dict : path, optional
        A further dictionary in jieba's format, loaded after the legal one.
    words : iterable of str, optional
        Further words to add.
    legal_dict : bool
        Load the bundled legal dictionary (default True).
    hmm : bool
        Use jieba's HMM for unknown words (default True, as ``jieba.lcut``).

    Examples
    --------
    >>> seg = Segmenter()
    >>> seg.cut("被告人犯非法获取计算机信息系统数据罪")
    ['被告人', '犯', '非法获取计算机信息系统数据罪']
    >>> [(t.text, t.start) for t in seg.tokenize("判处有期徒刑")][:2]
    [('判处', 0), ('有期徒刑', 2)]
    """

    def __init__(self, engine: str = "auto", user_dict: str | os.PathLike | None = None,
                 words: Iterable[str] = (), legal_dict: bool = True, hmm: bool = True):
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")
        if engine == "auto":
            try:
                import rjieba  # noqa: F401
                engine = "rjieba"
            except ImportError:
                engine = "jieba"
        self.engine = engine
        self.hmm = hmm
        if engine == "rjieba":
            try:
                import rjieba
            except ImportError:
                raise _missing("rjieba") from None
            self._impl = rjieba.Jieba()
            self._add = lambda w: self._impl.add_word(w, None, None)
            self._cut = lambda text: _split_ascii(self._impl.cut(text, hmm), text)
        else:
            try:
                import jieba
            except ImportError:
                raise _missing("jieba") from None
            self._impl = jieba.Tokenizer()
            # jieba logs "Building prefix dict…" at DEBUG on its own logger;
            # keep a library quiet without changing the level for good.
            logger = logging.getLogger("jieba")
            level = logger.level
            logger.setLevel(logging.WARNING)
            try:
                self._impl.initialize()
            finally:
                logger.setLevel(level)
            self._add = lambda w: self._impl.add_word(w)
            self._cut = lambda text: self._impl.lcut(text, HMM=hmm)
        self.words: list[str] = []
        if legal_dict:
            self.add_words(load_words())
        if user_dict is not None:
            self.add_words(load_words(user_dict))
        self.add_words(words)

    def add_words(self, words: Iterable[str]) -> None:
        """Add words to this segmenter's dictionary (not to any global one)."""
        for w in words:
            w = w.strip()
            if w:
                self._add(w)
                self.words.append(w)

    def cut(self, text: str) -> list[str]:
        """Segment ``text`` into words; the words concatenate back to ``text``."""
        return self._cut(text)

    def tokenize(self, text: str) -> list[Token]:
        """Segment ``text`` into :class:`Token` objects with offsets."""
        out, pos = [], 0
        for w in self._cut(text):
            out.append(Token(w, pos, pos + len(w)))
            pos += len(w)
        return out

    def __repr__(self) -> str:
        return f"Segmenter(engine={self.engine!r}, words={len(self.words)})"


@lru_cache(maxsize=8)
def get_segmenter(engine: str = "auto") -> Segmenter:
    """A shared :class:`Segmenter` with the legal dictionary, built once per engine."""
    return Segmenter(engine)


def cut(text: str, engine: str = "auto") -> list[str]:
    """Segment ``text`` with the shared legal-dictionary segmenter.

    Examples
    --------
    >>> cut("判处有期徒刑三年，缓刑四年")[:3]
    ['判处', '有期徒刑', '三年']
    """
    return get_segmenter(engine).cut(text)
