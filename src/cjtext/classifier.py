"""Value-chain classification of cybercrime judgements, and retraining on any labelled corpus.

Imported on first use: ``cjtext.classify(doc)``, ``cjtext.Model``, ``cjtext.train``.

The estimator is an ordinary scikit-learn :class:`~sklearn.pipeline.Pipeline`
(see :func:`make_pipeline`): the facts found by the court are cut into words with
our segmenter and legal dictionary and into character n-grams, both weighted by
TF-IDF, joined by two signals read from the whole judgement (a cybercrime charge
named, Criminal Law arts. 285–287 cited) and the density of computer and network
words, and fed to a multinomial logistic regression, whose probabilities are
calibrated enough for research use (the expected calibration error is measured
and reported in the model card).

:class:`Model` wraps a fitted pipeline with its model card, saves and loads it
with skops (never pickle), explains predictions, and applies the one rule the
labelling guide states: a judgement that convicts of a cybercrime or cites
arts. 285–287 is not ``not_cyber``.

Examples
--------
>>> texts = ["经审理查明，被告人用木马盗取他人网络游戏装备并出售。",
...          "经审理查明，被告人入户盗窃现金二千元。"] * 4
>>> model = train(texts, ["virtual_assets", "not_cyber"] * 4, cv=2)
>>> model.predict(["经审理查明，被告人盗取游戏装备。"])[0]
'virtual_assets'
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import itertools
import json
import os
import platform
from contextlib import contextmanager
from dataclasses import field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from ._frozen import frozen
from .errors import CjtextError
from .metrics import (  # noqa: F401  (re-exported: they were defined here first)
    classification_report,
    expected_calibration_error,
    fit_temperature,
    format_report,
    loo_calibrated,
    margin,
    plot_confusion,
    scale,
)
from .patterns import ANONYMISED_IN_TEXT, CYBER_ARTICLE, CYBER_CHARGE

__all__ = ["Model", "Prediction", "classify", "train", "make_pipeline", "DESIGNS", "LABELS",
           "NOT_CYBER", "cross_validate", "classification_report", "expected_calibration_error",
           "load_labelled", "loo_calibrated"]

#: The labels of the default model, as in ``../shared/docs/value-chains.md``.
LABELS = ("real_assets", "virtual_assets", "internet_resources", "government_systems", "other", "not_cyber")
NOT_CYBER = "not_cyber"
DEFAULT_MODEL = "value_chain"
#: Types in our pipelines beyond those skops trusts by default.
TRUSTED_TYPES = frozenset({
    "cjtext.classifier.Prepare", "cjtext.classifier.Segmented", "cjtext.classifier.LegalSignals",
    "cjtext.classifier.GatedClassifier", "cjtext.classifier.CharNgramTfidf", "cjtext.classifier.WordNgramTfidf",
})


# ---------------------------------------------------------------------------
# Transformers (scikit-learn contract: parameters in __init__, state after fit)
# ---------------------------------------------------------------------------
def _text_of(doc) -> tuple[str, str]:
    """(facts, whole text) of a str, Record or Document; facts fall back to the whole text."""
    from .document import Document
    from .normalize import normalize
    from .sections import find_sections

    if isinstance(doc, Document):
        facts, _ = doc.normalized_section("facts")
        whole = doc.normalized.text
        return (facts or whole), whole
    text = getattr(doc, "text", doc)
    if not isinstance(text, str):
        raise CjtextError(f"expected a judgement as str, Record or Document, got {type(doc).__name__}")
    whole = normalize(text).text
    for s in find_sections(whole):
        if s.label == "facts":
            return whole[s.start:s.end], whole
    return whole, whole


class Prepare(TransformerMixin, BaseEstimator):
    """Documents → an ``(n, 2)`` object array of (facts text, whole normalised text).

    Parameters
    ----------
    section : {"facts", "all"}
        Which text the word and character features see: the facts found by the
        court (whole text when no facts section is found) or the whole text.
    mask_names : bool
        Replace anonymised names (张某, 李某某) by 某某 in the facts, so that a
        model learns conduct, not the surnames that happen to occur in its corpus.

    Examples
    --------
    >>> Prepare().fit([]).transform(["被告人张某某盗窃。"])[0, 0]
    '被告人某某盗窃。'
    """

    def __init__(self, section: str = "facts", mask_names: bool = True):
        self.section = section
        self.mask_names = mask_names

    def fit(self, X, y=None):
        if self.section not in ("facts", "all"):
            raise ValueError(f"section must be 'facts' or 'all', got {self.section!r}")
        return self

    def transform(self, X):
        out = np.empty((len(X), 2), dtype=object)
        for i, doc in enumerate(X):
            facts, whole = _text_of(doc)
            text = whole if self.section == "all" else facts
            out[i, 0] = ANONYMISED_IN_TEXT.sub("某某", text) if self.mask_names else text
            out[i, 1] = whole
        return out


class Segmented(TransformerMixin, BaseEstimator):
    """Texts → words joined by spaces, cut by :class:`cjtext.Segmenter` with the legal dictionary."""

    def __init__(self, engine: str = "auto"):
        self.engine = engine

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        from .segment import get_segmenter

        seg = get_segmenter(self.engine)
        # Spaces inside a text would fuse with our separators; words never contain them.
        return [" ".join(w for w in seg.cut(t) if not w.isspace()) for t in X]

    def get_feature_names_out(self, input_features=None):
        return np.asarray(input_features if input_features is not None else ["text"], dtype=object)


class LegalSignals(TransformerMixin, BaseEstimator):
    """Whole texts → two features: a cybercrime charge is named, arts. 285–287 are cited.

    Personal-information crimes (art. 253-1) count as cybercrime charges and articles:
    the labelling guide puts citizens' personal data among the internet resources.
    They are what the labelling guide decides ``not_cyber`` from. (We tried the
    density of computer and network words as a third feature and dropped it: it
    depends on the kind of text, whole judgement or short report, more than on
    the case, and cross-validation gained nothing from it.)
    """

    names = ("cyber_charge", "cyber_article")

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        rows = [signals(t) for t in X]
        return sparse.csr_matrix(np.asarray(rows, dtype=float).reshape(len(rows), 2))

    def get_feature_names_out(self, input_features=None):
        return np.asarray(self.names, dtype=object)


class _FastCountsTfidf(TfidfVectorizer):
    """A ``TfidfVectorizer`` whose ``transform`` counts n-grams with numpy and a hash index.

    Fitting is scikit-learn's own; ``transform`` gives the same matrix, bit for bit.
    scikit-learn builds every n-gram as a string and looks each up in a dict, which was
    most of the classifier's time. Subclasses turn a batch of documents into the
    feature indices of each document's n-grams (``_doc_features``); settings they
    cannot count fall back to scikit-learn (``_fast`` is False).
    """

    def _fast(self) -> bool:  # pragma: no cover - overridden
        return False

    def _cached(self, build):
        """``build()``'s lookup tables, once per vocabulary; cached on the instance but left
        out of the saved state (see ``__getstate__``)."""
        cache = self.__dict__.get("_packed")
        if cache is None or cache[0] is not self.vocabulary_:
            cache = (self.vocabulary_, build())
            self.__dict__["_packed"] = cache
        return cache[1]

    def _analyse_input(self, raw_documents) -> list[str]:
        from sklearn.utils.validation import check_is_fitted

        check_is_fitted(self, "vocabulary_")
        if isinstance(raw_documents, str):
            raise ValueError("Iterable over raw text documents expected, string object received.")
        preprocess = self.build_preprocessor()
        return [preprocess(self.decode(d)) for d in raw_documents]

    def transform(self, raw_documents):
        # _tfidf and _white_spaces are scikit-learn's own (private) parts: without them, its transform.
        if not (self._fast() and hasattr(self, "_tfidf") and hasattr(self, "_white_spaces")):
            return super().transform(raw_documents)
        per_doc = self._doc_features(self._analyse_input(raw_documents))
        indptr, indices, data = [0], [], []
        for feats in per_doc:
            cols, counts = np.unique(feats, return_counts=True)   # sorted, as scikit-learn's are
            indices.append(cols)
            data.append(counts)
            indptr.append(indptr[-1] + len(cols))
        X = sparse.csr_matrix(
            (np.concatenate(data).astype(self.dtype) if data else np.zeros(0, self.dtype),
             np.concatenate(indices) if indices else np.zeros(0, np.int64), np.asarray(indptr)),
            shape=(len(per_doc), len(self.vocabulary_)), dtype=self.dtype)
        return self._tfidf.transform(X, copy=False)

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_packed", None)
        return state


class CharNgramTfidf(_FastCountsTfidf):
    """``TfidfVectorizer(analyzer="char")`` counting n-grams of up to three characters fast.

    Each n-gram is packed into one integer (its code points and its length); the
    vocabulary, packed the same way, is a hash index searched once per batch.
    ``char_wb`` and longer n-grams fall back to scikit-learn.
    """

    _BASE = 0x110000   # one more than the largest code point

    def _fast(self) -> bool:
        return (self.analyzer == "char" and 1 <= self.ngram_range[0] <= self.ngram_range[1] <= 3
                and not self.binary and self.input == "content")

    @classmethod
    def _pack_term(cls, term: str) -> int:
        key = 0
        for ch in term:
            key = key * cls._BASE + ord(ch)
        return key * 4 + len(term)

    def _tables(self):
        import pandas as pd

        terms = list(self.vocabulary_)
        keys = np.fromiter((self._pack_term(t) for t in terms), dtype=np.int64, count=len(terms))
        feats = np.fromiter((self.vocabulary_[t] for t in terms), dtype=np.int64, count=len(terms))
        return pd.Index(keys), feats

    def _ngram_keys(self, text: str) -> np.ndarray:
        cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        b = self._BASE
        lo, hi = self.ngram_range
        parts = []
        if lo <= 1 <= hi:
            parts.append(cp * 4 + 1)
        if lo <= 2 <= hi and len(cp) >= 2:
            parts.append((cp[:-1] * b + cp[1:]) * 4 + 2)
        if lo <= 3 <= hi and len(cp) >= 3:
            parts.append(((cp[:-2] * b + cp[1:-1]) * b + cp[2:]) * 4 + 3)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def _doc_features(self, docs: list[str]) -> list[np.ndarray]:
        index, feats = self._cached(self._tables)
        per_doc = [self._ngram_keys(self._white_spaces.sub(" ", d)) for d in docs]
        found = index.get_indexer(np.concatenate(per_doc)) if per_doc else np.zeros(0, dtype=np.int64)
        out, start = [], 0
        for k in per_doc:
            pos = found[start:start + len(k)]
            start += len(k)
            out.append(feats[pos[pos >= 0]])
        return out


class WordNgramTfidf(_FastCountsTfidf):
    """``TfidfVectorizer`` of word unigrams and bigrams counting fast.

    Tokens are looked up in a dict of the vocabulary's words, and each pair of
    neighbouring known tokens is packed into one integer and looked up in a hash index
    of the vocabulary's bigrams. Custom analyzers, tokenizers, stop words and longer
    n-grams fall back to scikit-learn.
    """

    #: Token patterns whose tokens never hold a space, so that a term with a space is a bigram.
    _SPACELESS = (r"\S+", r"(?u)\b\w\w+\b")

    def _fast(self) -> bool:
        return (self.analyzer == "word" and self.tokenizer is None and self.stop_words is None
                and self.token_pattern in self._SPACELESS
                and 1 <= self.ngram_range[0] <= self.ngram_range[1] <= 2
                and not self.binary and self.input == "content")

    def _tables(self):
        import pandas as pd

        words: dict[str, int] = {}        # every word of the vocabulary -> its row in the index
        uni: list[int] = []                # unigram feature of each word (-1: a bigram part only)
        bi_keys, bi_feats = [], []
        for term, feat in self.vocabulary_.items():
            parts = term.split(" ")
            for w in parts:
                if w not in words:
                    words[w] = len(words)
                    uni.append(-1)
            if len(parts) == 1:
                uni[words[term]] = feat
            else:
                bi_keys.append((words[parts[0]], words[parts[1]]))
                bi_feats.append(feat)
        n = len(words)
        keys = np.array([a * n + b for a, b in bi_keys], dtype=np.int64)
        return words, np.array(uni, dtype=np.int64), n, pd.Index(keys), np.array(bi_feats, dtype=np.int64)

    def _doc_features(self, docs: list[str]) -> list[np.ndarray]:
        words, uni, n, bigrams, bi_feats = self._cached(self._tables)
        # str.split() and the pattern \S+ split at the same characters (str.isspace).
        tokenize = str.split if self.token_pattern == r"\S+" else self.build_tokenizer()
        per_doc = [tokenize(d) for d in docs]
        starts = np.cumsum([0] + [len(t) for t in per_doc])
        total = int(starts[-1])
        # A dict lookup per token (a hash index of Python strings is no faster here).
        ids = np.fromiter(map(words.get, itertools.chain.from_iterable(per_doc), itertools.repeat(-1)),
                          dtype=np.int64, count=total)
        lo, hi = self.ngram_range
        uni_f = np.where(ids >= 0, uni[ids], -1) if lo <= 1 else np.full(total, -1)
        bi_f = np.full(max(total - 1, 0), -1, dtype=np.int64)
        if hi >= 2 and total >= 2:
            ok = (ids[:-1] >= 0) & (ids[1:] >= 0)
            inner = starts[(starts > 0) & (starts < total)]
            ok[inner - 1] = False   # no pair across two documents
            pos = bigrams.get_indexer(ids[:-1][ok] * n + ids[1:][ok])
            bi_f[ok] = np.where(pos >= 0, bi_feats[pos], -1)
        out = []
        for a, b in zip(starts[:-1], starts[1:]):
            f = np.concatenate([uni_f[a:b], bi_f[a:max(a, b - 1)]])
            out.append(f[f >= 0])
        return out


def signals(text: str) -> tuple[float, float]:
    """The :class:`LegalSignals` of one text: (cybercrime charge named, arts. 285–287 cited).

    Examples
    --------
    >>> signals("被告人犯破坏计算机信息系统罪。依照《中华人民共和国刑法》第二百八十六条之规定")
    (1.0, 1.0)
    """
    charge = 1.0 if CYBER_CHARGE.search(text) else 0.0
    article = 1.0 if CYBER_ARTICLE.search(text) else 0.0
    return charge, article


class GatedClassifier(ClassifierMixin, BaseEstimator):
    """Two linear models: is it a cybercrime at all, and if so, which value chain.

    Fitted on labels that include ``negative`` (``not_cyber``), a gate learns
    cybercrime against everything else and a second model learns the labels among
    the cybercrimes only, so that the many non-cyber documents of a corpus do not
    pull the value chains towards ``not_cyber``:
    P(chain) = P(cyber) · P(chain | cyber), P(not_cyber) = 1 − P(cyber).
    With any other label set it is the plain ``estimator``.

    Parameters
    ----------
    estimator : classifier, optional
        The linear model used for both parts (default: logistic regression).
    negative : str
        The label that means "none of the others".
    temperature : float
        Probabilities are sharpened (< 1) or softened (> 1) as p^(1/T), renormalised;
        :func:`train` fits it on cross-validated predictions.
    """

    def __init__(self, estimator=None, negative: str = NOT_CYBER, temperature: float = 1.0):
        self.estimator = estimator
        self.negative = negative
        self.temperature = temperature

    def fit(self, X, y):
        from sklearn.base import clone
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y, dtype=object)
        self.classes_ = np.asarray(sorted(set(y)), dtype=object)
        base = self.estimator if self.estimator is not None else LogisticRegression(max_iter=2000)
        if self.negative in self.classes_ and len(self.classes_) > 2:
            positive = y != self.negative
            self.gate_ = clone(base).fit(X, positive)
            self.chain_ = clone(base).fit(X[positive], y[positive])
        else:
            self.gate_ = None
            self.chain_ = clone(base).fit(X, y)
        return self

    def raw_proba(self, X) -> np.ndarray:
        """Probabilities before temperature scaling."""
        classes = list(self.classes_)
        out = np.zeros((X.shape[0], len(classes)))
        cols = [classes.index(c) for c in self.chain_.classes_]
        pc = self.chain_.predict_proba(X)
        if self.gate_ is None:
            out[:, cols] = pc
            return out
        pg = self.gate_.predict_proba(X)[:, list(self.gate_.classes_).index(True)]
        out[:, cols] = pg[:, None] * pc
        out[:, classes.index(self.negative)] = 1.0 - pg
        return out

    def predict_proba(self, X) -> np.ndarray:
        return scale(self.raw_proba(X), self.temperature)

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def weights(self) -> np.ndarray:
        """Per-class feature weights in log-odds units, for explanations (classes × features)."""
        classes = list(self.classes_)
        chain = _linear_coef(self.chain_)
        chain = chain - chain.mean(axis=0)
        n = chain.shape[1]
        w = np.zeros((len(classes), n))
        gate = np.zeros(n) if self.gate_ is None else _linear_coef(self.gate_)[-1]
        for j, c in enumerate(self.chain_.classes_):
            w[classes.index(c)] = chain[j] + gate
        if self.gate_ is not None:
            w[classes.index(self.negative)] = -gate
        return w


def _linear_coef(clf) -> np.ndarray:
    """Weights (classes × features) of a linear model or of a calibrated one (averaged over folds)."""
    if hasattr(clf, "coef_"):
        coef = np.asarray(clf.coef_)
    else:   # CalibratedClassifierCV
        coef = np.mean([np.asarray(c.estimator.coef_) for c in clf.calibrated_classifiers_], axis=0)
    if coef.shape[0] == 1:   # binary: one row for the second class
        coef = np.vstack([-coef[0], coef[0]])
    return coef


# ---------------------------------------------------------------------------
# Pipelines
# ---------------------------------------------------------------------------
#: Designs compared in docs/classifier.md; ``make_pipeline(design)`` builds each.
DESIGNS = {
    "chars": "character 1–3-grams of the facts, logistic regression",
    "words": "words (1–2-grams) of the facts, logistic regression",
    "words+chars": "words and character n-grams of the facts, logistic regression",
    "words+chars+legal": "words, character n-grams and legal signals, logistic regression (default)",
    "svm+legal": "words, character n-grams and legal signals, linear SVM with sigmoid calibration",
}
DEFAULT_DESIGN = "words+chars+legal"


def make_pipeline(design: str = DEFAULT_DESIGN, *, C: float = 10.0, section: str = "facts",
                  engine: str = "auto", min_df: int = 2, gate: bool = True, negative: str = NOT_CYBER,
                  mask_names: bool = True, class_weight: str | None = None, random_state: int = 0):
    """Build an unfitted scikit-learn pipeline for one of :data:`DESIGNS`.

    Parameters
    ----------
    design : str
        A key of :data:`DESIGNS`.
    C : float
        Inverse regularisation strength of the linear model.
    section : {"facts", "all"}
        Text the word and character features see (see :class:`Prepare`).
    engine : str
        Segmentation engine (see :class:`cjtext.Segmenter`).
    min_df : int
        Ignore words and n-grams found in fewer documents than this (:func:`train`
        lowers it to 1 for corpora under 100 documents, where 2 would leave too few).
    gate : bool
        Wrap the linear model in a :class:`GatedClassifier` (cybercrime or not, then which
        chain); it only acts when the labels include ``negative``.
    class_weight : {None, "balanced"}
        "balanced" weights each label inversely to its frequency, which raises the recall of
        rare labels in an imbalanced corpus (see docs/classifier.md for the trade-off).

    Examples
    --------
    >>> make_pipeline("words").steps[-1][0]
    'clf'
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    if design not in DESIGNS:
        raise CjtextError(f"unknown design {design!r}; expected one of {sorted(DESIGNS)}")
    parts = []
    if "words" in design or design.startswith("svm"):
        parts.append(("words", Pipeline([
            ("cut", Segmented(engine=engine)),
            ("tfidf", WordNgramTfidf(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2),
                                     min_df=min_df, max_df=1.0, sublinear_tf=True, dtype=np.float32)),
        ]), 0))
    if "chars" in design or design.startswith("svm"):
        parts.append(("chars", CharNgramTfidf(analyzer="char", ngram_range=(1, 3), min_df=min_df, max_df=1.0,
                                              sublinear_tf=True, max_features=200_000,
                                              dtype=np.float32), 0))
    if "legal" in design:
        parts.append(("legal", LegalSignals(), 1))
    if design.startswith("svm"):
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.svm import LinearSVC

        base = CalibratedClassifierCV(LinearSVC(C=C / 10, class_weight=class_weight, random_state=random_state),
                                      method="sigmoid", cv=3)
    else:
        base = LogisticRegression(C=C, max_iter=3000, class_weight=class_weight, random_state=random_state)
    clf = GatedClassifier(base, negative=negative) if gate else base
    return Pipeline([
        ("prepare", Prepare(section=section, mask_names=mask_names)),
        ("features", ColumnTransformer(parts, sparse_threshold=1.0)),
        ("clf", clf),
    ])


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------
@frozen
class Prediction:
    """The classification of one document.

    Attributes
    ----------
    label : str
        The most probable label.
    labels : tuple of str
        The label, then secondary labels whose probability reaches the model's threshold.
    probabilities : dict
        Probability of every label.
    evidence : tuple of (str, float)
        The features that pushed the document most towards ``label`` and by how much
        (in the linear model's log-odds units); ``rule:`` entries name a rule that fired.
    """

    id: str | None
    label: str
    labels: tuple[str, ...]
    probabilities: dict[str, float]
    evidence: tuple[tuple[str, float], ...] = field(default=())

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "labels": list(self.labels),
                "probabilities": self.probabilities,
                "evidence": [[t, round(v, 3)] for t, v in self.evidence]}


class Model:
    """A fitted classification pipeline with its model card.

    Parameters
    ----------
    pipeline : sklearn Pipeline
        Fitted, as from :func:`make_pipeline` and ``fit`` (or :func:`train`).
    card : dict, optional
        The model card (labels, data hash, versions, metrics).
    secondary_threshold : float
        A label other than the first is also reported when its probability reaches this.

    Examples
    --------
    >>> model = Model.load()                       # the default value-chain model
    >>> p = model.classify("经审理查明，被告人侵入他人支付宝账户，将余额转入自己的银行卡。")
    >>> p.label
    'real_assets'
    """

    def __init__(self, pipeline, card: dict | None = None, secondary_threshold: float = 0.3):
        self.pipeline = pipeline
        self.card = dict(card or {})
        self.secondary_threshold = secondary_threshold

    @property
    def classes_(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    # -- prediction ---------------------------------------------------------
    def _predict(self, prepared: np.ndarray):
        """(probabilities, feature matrix, rule fired per document) for prepared documents."""
        steps = self.pipeline.steps
        X = steps[1][1].transform(prepared)
        proba = steps[2][1].predict_proba(X)
        classes = self.classes_
        rule = [False] * len(prepared)
        if NOT_CYBER in classes:
            # The labelling guide: a conviction for a cybercrime, or arts. 285–287 cited, is a cybercrime.
            k = classes.index(NOT_CYBER)
            for i in range(len(prepared)):
                rule[i] = any(signals(prepared[i, 1]))
                if rule[i] and proba[i, k] < 1.0:
                    proba[i, k] = 0.0
                    proba[i] /= proba[i].sum()
        return proba, X, rule

    def _proba(self, prepared: np.ndarray) -> np.ndarray:
        return self._predict(prepared)[0]

    def predict_proba(self, docs: Iterable) -> np.ndarray:
        """Probabilities, one row per document, columns in the order of :attr:`classes_`."""
        docs = list(docs)
        return self._proba(self.pipeline.steps[0][1].transform(docs))

    def predict(self, docs: Iterable) -> list[str]:
        """The most probable label of each document."""
        classes = self.classes_
        return [classes[i] for i in self.predict_proba(docs).argmax(axis=1)]

    def classify_many(self, docs: Iterable, ids: Iterable[str | None] | None = None,
                      n_evidence: int = 8) -> list[Prediction]:
        """:class:`Prediction` objects for many documents, with their evidence."""
        docs = list(docs)
        ids = list(ids) if ids is not None else [getattr(d, "id", None) for d in docs]
        prepared = self.pipeline.steps[0][1].transform(docs)
        proba, X, rule = self._predict(prepared)
        classes = self.classes_
        out = []
        for i, row in enumerate(proba):
            order = np.argsort(-row)
            label = classes[order[0]]
            labels = (label,) + tuple(classes[j] for j in order[1:] if row[j] >= self.secondary_threshold)
            evidence: list[tuple[str, float]] = []
            if n_evidence:
                if rule[i]:
                    evidence.append(("rule:cyber charge or arts. 285-287 cited", 0.0))
                evidence += self._contributions(X[i], order[0], n_evidence)
            out.append(Prediction(ids[i], label, labels,
                                  {c: round(float(p), 4) for c, p in zip(classes, row)}, tuple(evidence)))
        return out

    def classify(self, doc, n_evidence: int = 8) -> Prediction:
        """Classify one document (str, Record or Document) with its evidence."""
        return self.classify_many([doc], n_evidence=n_evidence)[0]

    # -- explanations -------------------------------------------------------
    def _coef(self) -> np.ndarray:
        """Per-class weights (classes × features), centred so that a positive weight favours the class."""
        if getattr(self, "_weights", None) is None:   # computed once: explanations ask per document
            clf = self.pipeline.steps[-1][1]
            if isinstance(clf, GatedClassifier):
                self._weights = clf.weights()
            else:
                coef = _linear_coef(clf)
                self._weights = coef - coef.mean(axis=0)
        return self._weights

    def feature_names(self) -> np.ndarray:
        """Names of the features, in the columns of the linear model."""
        if getattr(self, "_names", None) is None:
            self._names = self.pipeline.steps[1][1].get_feature_names_out()
        return self._names

    def _contributions(self, x, k: int, n: int) -> list[tuple[str, float]]:
        w = self._coef()[k]
        x = sparse.csr_matrix(x)
        vals = x.data * w[x.indices]
        names = self.feature_names()
        order = np.argsort(-vals)[:n]
        return [(_pretty(names[x.indices[j]]), float(vals[j])) for j in order if vals[j] > 0]

    def top_features(self, n: int = 15) -> dict[str, list[tuple[str, float]]]:
        """The ``n`` features with the largest weight towards each class."""
        w = self._coef()
        names = self.feature_names()
        return {c: [(_pretty(names[j]), round(float(w[k, j]), 3)) for j in np.argsort(-w[k])[:n]]
                for k, c in enumerate(self.classes_)}

    # -- calibration ----------------------------------------------------------
    def calibrate(self, docs: Sequence, labels: Sequence[str], name: str = "") -> float:
        """Refit the temperature on labelled documents of the kind the model will see; returns it.

        :func:`train` fits the temperature on cross-validated predictions of its own
        corpus. Texts of another kind (short case reports, another court's style) can
        be more or less informative than that corpus, and the probabilities then
        over- or under-state the model's accuracy. A few dozen labelled documents of
        the target kind fix that; the argmax (the labels predicted) does not change.
        The card records the data (``name``, size, hash) and the old temperature.
        """
        clf = self.pipeline.steps[-1][1]
        if not isinstance(clf, GatedClassifier):
            raise CjtextError("only models trained by cjtext.train (with gate=True) can be recalibrated")
        docs, labels = list(docs), [str(y) for y in labels]
        if unknown := sorted(set(labels) - set(self.classes_)):
            raise CjtextError(f"labels not known to the model: {unknown}; expected some of {self.classes_}")
        old = clf.temperature
        clf.temperature = 1.0
        try:
            proba = self.predict_proba(docs)
        finally:
            clf.temperature = old
        clf.temperature = fit_temperature(labels, proba, self.classes_)
        plain = [d if isinstance(d, str) else getattr(d, "text", "") for d in docs]
        self.card["temperature_corpus"] = self.card.get("temperature_corpus", old)
        self.card["temperature"] = clf.temperature
        self.card["calibration_data"] = {"name": name, "n": len(docs), "sha256": data_hash(plain, labels)}
        return clf.temperature

    # -- persistence ----------------------------------------------------------
    def save(self, path: str | os.PathLike) -> Path:
        """Write the pipeline with skops to ``path`` and the card to ``<path stem>.card.json``."""
        import skops.io as sio

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        import zipfile

        with _vocabularies_as_arrays(self.pipeline):
            sio.dump(self.pipeline, path, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
        card = dict(self.card)
        card["secondary_threshold"] = self.secondary_threshold
        card_path(path).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, *, trusted: Iterable[str] = ()) -> "Model":
        """Load a model saved by :meth:`save`; no argument loads the default value-chain model.

        Only the types scikit-learn pipelines and cjtext use are loaded; a file
        holding any other type is refused unless that type is named in ``trusted``
        (do that only for files you made or trust: loading runs their code).
        """
        import skops.io as sio

        if path is None:
            return _default_model()
        path = Path(path)
        if not path.exists():
            raise CjtextError(f"{path}: no such model file; train one with `cjtext train DATA.jsonl -o {path}`")
        try:
            untrusted = set(sio.get_untrusted_types(file=path))
        except Exception as exc:  # a corrupt or non-skops file
            raise CjtextError(f"{path}: not a skops model file ({exc}); cjtext models are saved with "
                              f"`cjtext train` or Model.save") from None
        unknown = untrusted - TRUSTED_TYPES - set(trusted)
        if unknown:
            raise CjtextError(f"{path}: refusing to load types that are not part of a cjtext pipeline: "
                              f"{sorted(unknown)}. If you made this file or trust its source, pass "
                              f"trusted=[...] with these names.")
        pipeline = sio.load(path, trusted=sorted(untrusted))
        _vocabularies_from_arrays(pipeline)
        _release_memory()
        card = {}
        cp = card_path(path)
        if cp.exists():
            card = json.loads(cp.read_text(encoding="utf-8"))
        return cls(pipeline, card, card.get("secondary_threshold", 0.3))

    def __repr__(self) -> str:
        return f"Model(classes={self.classes_}, design={self.card.get('design')!r})"


def _vectorizers(estimator):
    """The fitted text vectorisers inside a pipeline, at any depth."""
    from sklearn.feature_extraction.text import CountVectorizer

    stack = [estimator]
    while stack:
        est = stack.pop()
        if isinstance(est, CountVectorizer):  # TfidfVectorizer included
            yield est
        stack += [t for _, t, *_ in getattr(est, "transformers_", [])]
        stack += [t for _, t in getattr(est, "steps", [])]


@contextmanager
def _vocabularies_as_arrays(estimator):
    """Store each vocabulary as one array of terms while the model is written.

    skops writes a dict as a JSON object per entry: reading 150,000 of them
    took a 250 MB transient and left ~110 MB of fragmented heap in every
    process that loads the model. One numpy array of terms, in index order, is
    a single compressed file and loads in a few milliseconds.
    """
    swapped = []
    for est in _vectorizers(estimator):
        vocab = getattr(est, "vocabulary_", None)
        if not isinstance(vocab, dict) or sorted(vocab.values()) != list(range(len(vocab))):
            continue  # not fitted, or not numbered 0..n-1: keep the dict
        terms = [""] * len(vocab)
        for term, i in vocab.items():
            terms[i] = term
        del est.vocabulary_
        est.vocabulary_terms_ = np.array(terms, dtype=str)
        swapped.append((est, vocab))
    try:
        yield
    finally:
        for est, vocab in swapped:
            del est.vocabulary_terms_
            est.vocabulary_ = vocab


def _vocabularies_from_arrays(estimator) -> None:
    """Rebuild the vocabularies :func:`_vocabularies_as_arrays` stored (files from before it have
    dicts), and give character vectorisers saved as plain ``TfidfVectorizer`` the fast counting
    of :class:`CharNgramTfidf` (same fitted state, same results)."""
    for est in _vectorizers(estimator):
        terms = est.__dict__.pop("vocabulary_terms_", None)
        if terms is not None:
            est.vocabulary_ = {t: i for i, t in enumerate(terms.tolist())}
        if type(est) is TfidfVectorizer and est.analyzer in ("char", "word"):
            est.__class__ = CharNgramTfidf if est.analyzer == "char" else WordNgramTfidf


def _release_memory() -> None:
    """Give back to the OS what reading a model file left behind.

    Reading a skops file parses its schema twice (the type check, then the load) and
    leaves about 100 MB of freed but unreturned heap in the process; in a batch run
    every worker process would carry it. glibc's ``malloc_trim`` returns it.
    """
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):   # not glibc (macOS, Windows, musl): nothing to do
        pass


def card_path(model_path: str | os.PathLike) -> Path:
    """Where the model card of a model file lives: ``model.skops`` → ``model.card.json``."""
    p = Path(model_path)
    return p.with_name(p.name.removesuffix(".skops") + ".card.json")


def _pretty(name: str) -> str:
    # ColumnTransformer prefixes names with their part: words__被告人 盗窃, chars__木马.
    part, _, feat = str(name).partition("__")
    if part == "chars":
        return f"「{feat}」"
    return feat


@lru_cache(maxsize=1)
def _default_model() -> Model:
    ref = resources.files("cjtext") / "data" / "models" / f"{DEFAULT_MODEL}.skops"
    with resources.as_file(ref) as p:
        if not Path(p).exists():
            raise CjtextError("the default value-chain model is missing from this installation; "
                              "reinstall cjtext or train one with `cjtext train corpora -o model.skops`")
        return Model.load(p)


def classify(doc, model: Model | None = None, n_evidence: int = 8) -> Prediction:
    """Classify one judgement's value chain with the default model (or ``model``).

    Examples
    --------
    >>> p = classify("经审理查明，被告人利用交警协管员的数字证书登录交通管理平台，收费为他人删除交通违法记录。")
    >>> p.label
    'government_systems'
    """
    return (model or _default_model()).classify(doc, n_evidence=n_evidence)


# ---------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------
def data_hash(texts: Sequence[str], labels: Sequence[str]) -> str:
    """SHA-256 over the (text, label) pairs in a canonical order, for the model card."""
    h = hashlib.sha256()
    for t, y in sorted(zip(texts, labels)):
        h.update(hashlib.sha256(t.encode("utf-8")).digest())
        h.update(str(y).encode("utf-8") + b"\0")
    return h.hexdigest()


def opening_views(prepared: np.ndarray, n: int) -> np.ndarray:
    """The first ``n`` characters of each document's facts (cut at a sentence end), as documents.

    Training on these beside the full documents teaches a model the short texts it
    meets in practice (case reports, summaries, 速裁 judgements), whose whole facts
    are a paragraph: the opening of a judgement's facts tells the conduct.

    Examples
    --------
    >>> opening_views(np.array([["甲做了一件事。乙又做了一件事。丙。", "全文"]], dtype=object), 10)[0, 0]
    '甲做了一件事。'
    """
    out = np.empty((len(prepared), 2), dtype=object)
    for i, facts in enumerate(prepared[:, 0]):
        head = facts[:n]
        k = max(head.rfind("。"), head.rfind("；"))
        head = head[:k + 1] if k >= n // 3 else head
        out[i, 0] = out[i, 1] = head
    return out


def _fit_prepared(prepared: np.ndarray, y: np.ndarray, design: str, views: int, random_state: int,
                  **options):
    """Fit a pipeline on prepared documents (plus their opening views); returns the fitted Pipeline."""
    from sklearn.pipeline import Pipeline

    pipe = make_pipeline(design, random_state=random_state, **options)
    X, Y = prepared, y
    if views:
        X = np.vstack([prepared, opening_views(prepared, views)])
        Y = np.concatenate([y, y])
    features = pipe.steps[1][1]
    clf = pipe.steps[2][1].fit(features.fit_transform(X, Y), Y)
    _compact(features)
    return Pipeline([pipe.steps[0], ("features", features), ("clf", clf)])


def _compact(estimator) -> None:
    """Make the fitted vectorisers small.

    Deletes ``stop_words_`` (every n-gram cut by min_df or max_features, kept by
    scikit-learn for introspection only) and turns the vocabulary's numpy integers
    into Python ints (smaller in memory; files store the terms as one array, see
    :func:`_vocabularies_as_arrays`).
    """
    for est in _vectorizers(estimator):
        if hasattr(est, "stop_words_"):
            del est.stop_words_
        if hasattr(est, "vocabulary_"):
            est.vocabulary_ = {k: int(v) for k, v in est.vocabulary_.items()}


def _prepare_options(options: dict) -> dict:
    return {k: options[k] for k in ("section", "mask_names") if k in options}


def cross_validate(texts: Sequence, labels: Sequence[str], design: str = DEFAULT_DESIGN, *, cv: int = 5,
                   views: int = 400, random_state: int = 0, **options) -> tuple[dict, np.ndarray, list[str]]:
    """Stratified k-fold out-of-fold predictions: (report, probabilities, classes).

    Each fold is trained as :func:`train` trains (opening views included) and
    predicted as :class:`Model` predicts (the cybercrime rule included), on the
    held-out documents. With ``views``, the held-out documents' openings are
    predicted too: ``report["short"]`` scores them (how the model does on a
    paragraph-long text) and ``report["short_proba"]`` holds their probabilities.
    Probabilities are not temperature-scaled.
    """
    from sklearn.model_selection import StratifiedKFold

    texts = list(texts)
    if len(texts) < 100:
        options.setdefault("min_df", 1)
    y = np.asarray(labels, dtype=object)
    classes = sorted(set(labels))
    min_count = min(int((y == c).sum()) for c in classes)
    k = max(2, min(cv, min_count))
    proba = np.zeros((len(texts), len(classes)))
    short = np.zeros((len(texts), len(classes)))
    prepared = Prepare(**_prepare_options(options)).fit(texts).transform(texts)
    folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=random_state)
    for tr, te in folds.split(np.zeros(len(y)), y):
        m = Model(_fit_prepared(prepared[tr], y[tr], design, views, random_state, **options))
        cols = [classes.index(c) for c in m.classes_]
        proba[np.ix_(te, cols)] = m._proba(prepared[te])
        if views:
            short[np.ix_(te, cols)] = m._proba(opening_views(prepared[te], views))
    report = classification_report(list(y), proba, classes)
    report["folds"] = k
    if views:
        report["short"] = classification_report(list(y), short, classes)
        report["short_proba"] = short
    return report, proba, classes


def train(texts: Sequence, labels: Sequence[str], *, design: str = DEFAULT_DESIGN, cv: int = 5,
          views: int = 400, calibrate: bool = True, random_state: int = 0, **options) -> Model:
    """Cross-validate, then fit on all data; the model card records data, versions and CV metrics.

    Parameters
    ----------
    texts : sequence of str, Record or Document
        The documents.
    labels : sequence of str
        One label per document; any label set.
    design : str
        A key of :data:`DESIGNS`.
    cv : int
        Folds of the stratified cross-validation (reduced to the smallest class size); 0 skips it.
    views : int
        Also train on the first ``views`` characters of each document's facts (see
        :func:`opening_views`); 0 turns it off.
    calibrate : bool
        Fit a temperature (:func:`fit_temperature`) on the cross-validated predictions.
    **options
        Passed to :func:`make_pipeline` (``C``, ``section``, ``min_df``, ``gate``, …).

    Returns
    -------
    Model
        With ``model.card["cv"]`` holding the cross-validated report (see
        :func:`classification_report`), after temperature scaling when ``calibrate``
        (``["cv"]["short"]``: the same for the documents' openings), and
        ``model.card["cv_uncalibrated"]`` before it.
    """
    import sklearn

    texts = list(texts)
    labels = [str(y) for y in labels]
    if len(texts) != len(labels):
        raise ValueError(f"got {len(texts)} texts but {len(labels)} labels")
    if len(set(labels)) < 2:
        raise CjtextError(f"training needs at least two labels; got {sorted(set(labels))}")
    if len(texts) < 100:
        options.setdefault("min_df", 1)
    report = raw = None
    temperature = 1.0
    if cv:
        raw, oof, classes = cross_validate(texts, labels, design, cv=cv, views=views,
                                           random_state=random_state, **options)
        short = raw.pop("short_proba", None)
        report = raw
        if calibrate and options.get("gate", True):
            # Fitted on full documents and their openings alike: the model meets both, and short
            # texts give flatter probabilities than whole judgements.
            both = oof if short is None else np.vstack([oof, short])
            temperature = fit_temperature(labels * (1 if short is None else 2), both, classes)
            report = classification_report(labels, scale(oof, temperature), classes)
            report["folds"] = raw["folds"]
            if short is not None:
                report["short"] = classification_report(labels, scale(short, temperature), classes)
    prepared = Prepare(**_prepare_options(options)).fit(texts).transform(texts)
    pipe = _fit_prepared(prepared, np.asarray(labels, dtype=object), design, views, random_state, **options)
    if isinstance(pipe.steps[-1][1], GatedClassifier):
        pipe.steps[-1][1].temperature = temperature
    plain = [t if isinstance(t, str) else getattr(t, "text", "") for t in texts]
    counts = {c: labels.count(c) for c in sorted(set(labels))}
    from . import __version__

    card = {
        "name": "cjtext classifier",
        "design": design,
        "description": DESIGNS[design],
        "options": {"random_state": random_state, "views": views, **options},
        "temperature": temperature,
        "labels": sorted(set(labels)),
        "training_data": {"n": len(texts), "per_label": counts, "sha256": data_hash(plain, labels)},
        "versions": {"cjtext": __version__, "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "python": platform.python_version()},
        "cv": report,
        "cv_uncalibrated": raw,
        "date": _dt.date.today().isoformat(),
    }
    return Model(pipe, card)


# ---------------------------------------------------------------------------
# Labelled data
# ---------------------------------------------------------------------------
def _field(record: dict, path: str):
    value = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def load_labelled(path: str | os.PathLike, *, text_field: str = "text", label_field: str = "label",
                  id_field: str = "id", multi: str = "first", on_error=None
                  ) -> tuple[list[str], list[str | None], list[str]]:
    """Read a labelled corpus: ``(texts, labels, ids)``.

    ``path`` is a JSONL file (one object per line; ``label_field`` may be a dotted
    path such as ``labels.accusation``; a record without a label gets ``None``,
    which :func:`cjtext.cli` ``suggest`` uses for unlabelled documents) or a folder laid out
    like the bundled corpus (``judgements/*.txt`` and ``labels/*.json``).

    Parameters
    ----------
    multi : {"first", "skip"}
        What to do with a list of labels: take the first, or skip records with more than one.
    on_error : callable, optional
        Called with a :class:`cjtext.DocumentError` for each bad line; without it the error is raised.

    Examples
    --------
    >>> texts, labels, ids = load_labelled("corpora")      # doctest: +SKIP
    """
    from .errors import DocumentError

    path = Path(path)
    texts: list[str] = []
    labels: list[str | None] = []
    ids: list[str] = []
    if path.is_dir():
        label_dir = path / "labels"
        for p in sorted((path / "judgements").glob("*.txt")):
            lp = label_dir / f"{p.stem}.json"
            lab = json.loads(lp.read_text(encoding="utf-8")).get(label_field) if lp.exists() else None
            texts.append(p.read_text(encoding="utf-8"))
            labels.append(lab)
            ids.append(p.stem)
        if not texts:
            raise CjtextError(f"{path}: no judgements/*.txt found; expected a JSONL file or a corpus folder")
        return texts, labels, ids
    if not path.exists():
        raise CjtextError(f"{path}: no such file")
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                text = _field(rec, text_field)
                if not isinstance(text, str) or not text.strip():
                    raise ValueError(f"field {text_field!r} is missing or empty; pass --text-field")
                lab = _field(rec, label_field)
                if isinstance(lab, list):
                    if multi == "skip" and len(lab) != 1:
                        continue
                    lab = lab[0] if lab else None
                if lab is not None and not isinstance(lab, (str, int)):
                    raise ValueError(f"label field {label_field!r} holds {type(lab).__name__}, expected a string")
            except (ValueError, json.JSONDecodeError) as exc:
                err = DocumentError(f"{path}:{n}", str(exc))
                if on_error is None:
                    raise err from None
                on_error(err)
                continue
            texts.append(text)
            labels.append(None if lab is None else str(lab))
            ids.append(str(_field(rec, id_field) or f"{path.name}:{n}"))
    return texts, labels, ids
