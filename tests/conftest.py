"""Shared fixtures: the bundled corpus and, when present, the real documents in ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora"
SHARED = ROOT.parent / "shared" / "corpora"


def _jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def shared_rows(relpath: str) -> list[dict]:
    """The records of a JSONL file under ../shared/corpora; the test is skipped when it is absent."""
    path = SHARED / relpath
    if not path.exists():
        pytest.skip(f"../shared/corpora/{relpath} not present")
    return _jsonl(path)


def bundled_docs() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8"))
            for p in sorted((CORPUS / "judgements").glob("*.txt"))]


def bundled_gold() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted((CORPUS / "gold").glob("*.json"))}


@pytest.fixture(scope="session")
def shared_judge_dev() -> tuple[dict[str, str], list[dict]]:
    """(id -> text, gold records) of ../shared/corpora/judge-dev; skipped when absent."""
    docs = {d["id"]: d["text"] for d in shared_rows("judge-dev/docs.jsonl")}
    return docs, shared_rows("judge-dev/gold.jsonl")


@pytest.fixture(scope="session")
def shared_docs() -> dict[str, str]:
    """id -> text of all real full judgements in ../shared (judge-dev and lecardv2)."""
    paths = [SHARED / "judge-dev" / "docs.jsonl", SHARED / "lecardv2-docs" / "docs.jsonl"]
    if not all(p.exists() for p in paths):
        pytest.skip("../shared/corpora not present")
    return {d["id"]: d["text"] for p in paths for d in _jsonl(p)}


@pytest.fixture(scope="session")
def shared_texts(shared_docs) -> list[str]:
    """Texts of all real full judgements in ../shared (judge-dev and lecardv2)."""
    return list(shared_docs.values())


# Property tests run with a fixed seed so that CI is reproducible; run
# `pytest --hypothesis-seed=random` to explore.
from hypothesis import settings as _hsettings  # noqa: E402

_hsettings.register_profile("cjtext", derandomize=True)
_hsettings.load_profile("cjtext")
