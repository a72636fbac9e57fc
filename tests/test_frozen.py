"""The fast frozen dataclasses behave like dataclass(frozen=True)."""

import dataclasses
import pickle

import pytest

from cjtext._frozen import frozen
from cjtext.extract.sentences import Penalty, Sentence


@frozen
class _Fact:
    text: str
    start: int = 0
    tags: list = dataclasses.field(default_factory=list)


def test_fields_defaults_and_factories():
    a, b = _Fact("盗窃罪"), _Fact(text="诈骗罪", start=2, tags=["x"])
    assert (a.text, a.start, a.tags, b.start, b.tags) == ("盗窃罪", 0, [], 2, ["x"])
    assert _Fact("甲").tags is not _Fact("乙").tags  # a fresh default each time
    with pytest.raises(TypeError):
        _Fact()  # the text is required


def test_frozen_equal_hashable_picklable():
    a = _Fact("盗窃罪", 3, ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.start = 4
    assert a == _Fact("盗窃罪", 3, ()) and hash(a) == hash(_Fact("盗窃罪", 3, ()))
    assert pickle.loads(pickle.dumps(a)) == a
    assert dataclasses.replace(a, start=5) == _Fact("盗窃罪", 5, ())
    assert "_Fact.__init__" in _Fact.__init__.__qualname__


def test_library_facts_use_it():
    s = Sentence("甲某")
    assert s.penalty == Penalty("unknown") and s.charges == ()  # default_factory and default
    assert "Sentence.__init__" in Sentence.__init__.__qualname__
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.name = "乙某"
