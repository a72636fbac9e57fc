"""Matplotlib set-up shared by the figures: headless backend and a CJK font when one is installed.

Chinese labels need a font with Han glyphs. We look for one among the fonts
matplotlib knows (Noto/Source Han, WenQuanYi, SimHei, Microsoft YaHei, PingFang, …);
when there is none, :func:`label` turns Chinese labels into numbered ones so that a
figure stays readable instead of showing empty boxes, and the caller lists the
numbers in its text output.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

from .errors import CjtextError

__all__ = ["pyplot", "cjk_font", "label"]

#: Font families with Han glyphs, most preferred first.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC", "Hiragino Sans GB",
    "Sarasa Gothic SC", "Droid Sans Fallback", "AR PL UMing CN", "Noto Sans CJK JP",
)


def pyplot():
    """``matplotlib.pyplot`` on the headless Agg backend, with a CJK font selected when available."""
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        raise CjtextError("figures need matplotlib: pip install matplotlib") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, *plt.rcParams["font.sans-serif"]]
        plt.rcParams["axes.unicode_minus"] = False
    # Missing-glyph warnings are handled by label(); keep test and CLI output clean.
    warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
    return plt


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed font family with Han glyphs, or None."""
    import re

    from matplotlib import font_manager

    def known():
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((family for family in CJK_FAMILIES if family in names), None)

    found = known()
    if found is None:
        # matplotlib's font cache predates fonts installed since; register CJK files directly.
        pattern = re.compile(r"noto\w*cjk|wqy|sourcehan|source-han|simhei|msyh|pingfang|droidsansfallback", re.I)
        for path in font_manager.findSystemFonts():
            if pattern.search(path.replace("/", " ")):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = known()
    return found


def label(text: str, index: int) -> str:
    """``text`` when it can be drawn, else a numbered stand-in (``#3``) for a label with Han characters.

    Examples
    --------
    >>> label("real_assets", 0)
    'real_assets'
    """
    if text.isascii() or cjk_font():
        return text
    return f"#{index + 1}"
