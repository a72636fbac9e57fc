"""Extraction: articles, defendants, sentences, fines and sentencing factors, with spans."""

from .articles import Article, find_articles
from .factors import Factor, FactorVocabulary
from .judgement import Defendant, Judgement, extract
from .parties import Party
from .sentences import Penalty, Sentence, Span

__all__ = ["extract", "Judgement", "Defendant", "Article", "Factor", "FactorVocabulary", "Party",
           "Penalty", "Sentence", "Span", "find_articles"]
