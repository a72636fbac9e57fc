"""Scoring and calibrating classifiers: reports, calibration error, temperature scaling, uncertainty.

Used by :mod:`cjtext.classifier` and usable on any probabilities: ``proba`` is an
``(n, k)`` array whose columns follow ``classes``.
"""

from __future__ import annotations

import os
from typing import Sequence

import numpy as np

__all__ = ["classification_report", "expected_calibration_error", "format_report", "plot_confusion",
           "scale", "fit_temperature", "loo_calibrated", "margin"]


def scale(proba: np.ndarray, temperature: float) -> np.ndarray:
    """Temperature scaling of probabilities: p^(1/T), renormalised.

    Examples
    --------
    >>> scale(np.array([[0.6, 0.4]]), 0.5).round(3).tolist()
    [[0.692, 0.308]]
    """
    if temperature == 1.0:
        return proba
    with np.errstate(divide="ignore"):
        logp = np.log(np.clip(proba, 1e-300, 1.0)) / temperature
    logp[proba <= 0] = -np.inf
    logp -= logp.max(axis=1, keepdims=True)
    p = np.exp(logp)
    return p / p.sum(axis=1, keepdims=True)


def fit_temperature(y_true: Sequence[str], proba: np.ndarray, classes: Sequence[str]) -> float:
    """The temperature minimising the log-loss of ``proba`` (a 1-D search over 0.2–5).

    Examples
    --------
    >>> p = np.array([[0.6, 0.4]] * 9 + [[0.4, 0.6]])     # right 90% of the time at 0.6
    >>> fit_temperature(["a"] * 10, p, ["a", "b"]) < 1     # so it sharpens
    True
    """
    idx = np.asarray([list(classes).index(y) for y in y_true])
    best, best_t = np.inf, 1.0
    for t in np.exp(np.linspace(np.log(0.2), np.log(5.0), 81)):
        p = scale(proba, float(t))[np.arange(len(idx)), idx]
        loss = -np.mean(np.log(np.clip(p, 1e-12, 1.0)))
        if loss < best:
            best, best_t = loss, float(t)
    return round(best_t, 4)


def expected_calibration_error(y_true: Sequence[str], proba: np.ndarray, classes: Sequence[str],
                               n_bins: int = 10) -> float:
    """Top-label expected calibration error with equal-width confidence bins.

    Examples
    --------
    >>> round(expected_calibration_error(["a", "b"], np.array([[0.9, 0.1], [0.2, 0.8]]), ["a", "b"]), 3)
    0.15
    """
    proba = np.asarray(proba, dtype=float)
    if len(y_true) == 0:
        return 0.0
    conf = proba.max(axis=1)
    pred = np.asarray(classes, dtype=object)[proba.argmax(axis=1)]
    correct = (pred == np.asarray(y_true, dtype=object)).astype(float)
    bins = np.minimum((conf * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        m = bins == b
        if m.any():
            ece += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(ece)


def classification_report(y_true: Sequence[str], proba: np.ndarray, classes: Sequence[str]) -> dict:
    """Accuracy, macro-F1, calibration error, per-class P/R/F1 and the confusion matrix, as a dict.

    Examples
    --------
    >>> r = classification_report(["a", "b", "b"], np.array([[.8, .2], [.3, .7], [.6, .4]]), ["a", "b"])
    >>> r["accuracy"], r["per_class"]["b"]["recall"]
    (0.667, 0.5)
    """
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    classes = list(classes)
    y_true = list(y_true)
    pred = [classes[i] for i in np.asarray(proba).argmax(axis=1)]
    labels = classes + sorted(set(y_true) - set(classes))
    p, r, f, s = precision_recall_fscore_support(y_true, pred, labels=labels, zero_division=0)
    present = [i for i, lab in enumerate(labels) if s[i] > 0]
    return {
        "n": len(y_true),
        "accuracy": round(float(np.mean([a == b for a, b in zip(y_true, pred)])) if y_true else 0.0, 3),
        "macro_f1": round(float(np.mean([f[i] for i in present])) if present else 0.0, 3),
        "ece": round(expected_calibration_error(y_true, proba, classes), 3),
        "per_class": {lab: {"precision": round(float(p[i]), 3), "recall": round(float(r[i]), 3),
                            "f1": round(float(f[i]), 3), "support": int(s[i])}
                      for i, lab in enumerate(labels)},
        "confusion": {"labels": labels,
                      "matrix": confusion_matrix(y_true, pred, labels=labels).tolist()},
    }


def format_report(report: dict) -> str:
    """The report of :func:`classification_report` as a plain-text table."""
    labels = report["confusion"]["labels"]
    w = max(12, *(len(x) for x in labels)) + 2
    lines = [f"{'label':<{w}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}"]
    for lab, m in report["per_class"].items():
        lines.append(f"{lab:<{w}}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>10.3f}{m['support']:>10d}")
    lines.append(f"\naccuracy {report['accuracy']:.3f}   macro-F1 {report['macro_f1']:.3f}   "
                 f"ECE {report['ece']:.3f}   n {report['n']}")
    lines.append("\nconfusion (rows true, columns predicted)")
    short = [x[:8] for x in labels]
    lines.append(" " * w + "".join(f"{s:>10}" for s in short))
    for lab, row in zip(labels, report["confusion"]["matrix"]):
        lines.append(f"{lab:<{w}}" + "".join(f"{v:>10d}" for v in row))
    return "\n".join(lines)


def plot_confusion(report: dict, path: str | os.PathLike) -> None:
    """Write the confusion matrix of a report as a PNG.

    Without a CJK font installed, Chinese labels are drawn as numbers (#1, #2, …, in
    the order of ``report["confusion"]["labels"]``), see :mod:`cjtext.plotting`.
    """
    from .plotting import label, pyplot

    plt = pyplot()
    labels = report["confusion"]["labels"]
    shown = [label(x, i) for i, x in enumerate(labels)]
    m = np.asarray(report["confusion"]["matrix"])
    size = 1.2 + 0.55 * len(labels)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(len(labels)), shown, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), shown, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    if len(labels) <= 30:
        hi = m.max() if m.size else 0
        for i in range(len(labels)):
            for j in range(len(labels)):
                if m[i, j]:
                    ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=7,
                            color="white" if m[i, j] > hi / 2 else "black")
    ax.set_title(f"accuracy {report['accuracy']:.3f}, macro-F1 {report['macro_f1']:.3f}")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def loo_calibrated(model, texts: Sequence, labels: Sequence[str]) -> dict:
    """The report of :func:`classification_report` with the temperature refitted leave-one-out.

    ``model`` is a :class:`cjtext.classifier.Model` trained by :func:`cjtext.train`.

    Each document is scaled with a temperature fitted (as :meth:`Model.calibrate` does)
    on the other documents only: an honest estimate of the calibration that
    ``Model.calibrate`` on documents of this kind gives, where scoring on the
    calibration documents themselves would flatter it. ``report["temperatures"]``
    is the range of the fitted temperatures.
    """
    clf = model.pipeline.steps[-1][1]
    old, clf.temperature = clf.temperature, 1.0
    raw = model.predict_proba(texts)
    clf.temperature = old
    out = raw.copy()
    temps = []
    for i in range(len(texts)):
        rest = [j for j in range(len(texts)) if j != i]
        t = fit_temperature([labels[j] for j in rest], raw[rest], model.classes_)
        out[i] = scale(raw[i:i + 1], t)[0]
        temps.append(t)
    report = classification_report(labels, out, model.classes_)
    report["temperatures"] = [min(temps), max(temps)]
    return report


def margin(proba: np.ndarray) -> np.ndarray:
    """Uncertainty for active learning: 1 − (top probability − second); higher is less sure."""
    s = np.sort(np.asarray(proba), axis=1)
    if s.shape[1] < 2:
        return np.zeros(len(s))
    return 1.0 - (s[:, -1] - s[:, -2])
