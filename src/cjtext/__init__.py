"""cjtext: Chinese court judgements (裁判文书) into research data.

>>> import cjtext
>>> doc = cjtext.parse("浙江省杭州市西湖区人民法院 刑事判决书 （2016）浙0106刑初123号 被告人张某。")
>>> doc.metadata.court, doc.metadata.case_number.year
('浙江省杭州市西湖区人民法院', 2016)
"""

from .document import Document, parse, parse_many, read_documents
from .errors import CjtextError, DocumentError, ErrorLog
from .extract import Judgement, extract
from .io import Record, read
from .normalize import normalize
from .pipeline import nlp
from .score import evaluate
from .sections import Section
from .segment import Segmenter, cut


def classify(doc, model=None, n_evidence: int = 8):
    """The value chain of one judgement with probabilities and evidence; see :mod:`cjtext.classifier`.

    Loads scikit-learn and the default model on first use, so ``import cjtext`` stays light.
    """
    from .classifier import classify as _classify

    return _classify(doc, model=model, n_evidence=n_evidence)


def __getattr__(name):  # PEP 562: the classifier's names, imported on first use
    if name in ("Model", "train"):
        from . import classifier

        return getattr(classifier, name)
    raise AttributeError(f"module 'cjtext' has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "Document", "DocumentError", "Judgement", "extract", "evaluate", "CjtextError", "ErrorLog", "Record", "Section", "Segmenter",
    "Model", "classify", "train",
    "cut", "nlp", "normalize", "parse", "parse_many", "read", "read_documents", "__version__",
]
