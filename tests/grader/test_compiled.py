"""Word lists compiled once (grader/compiled.py): a fresh copy is read, a stale one never."""
from __future__ import annotations

from grader.compiled import compiled


def test_built_once_then_read_from_the_compiled_copy(tmp_path):
    source = tmp_path / "woorden.toml"
    source.write_text("a = 1\n", "utf-8")
    calls = []

    def build(text):
        calls.append(text)
        return {"text": text}

    assert compiled(source, __file__, build) == {"text": "a = 1\n"}
    assert compiled(source, __file__, build) == {"text": "a = 1\n"}
    assert len(calls) == 1
    assert len(list((tmp_path / "__pycache__").glob("woorden.toml.*.pickle"))) == 1


def test_a_changed_word_list_is_built_again_and_the_old_copy_removed(tmp_path):
    source = tmp_path / "woorden.toml"
    source.write_text("a = 1\n", "utf-8")
    compiled(source, __file__, lambda text: text)
    source.write_text("a = 2\n", "utf-8")
    assert compiled(source, __file__, lambda text: text) == "a = 2\n"
    assert len(list((tmp_path / "__pycache__").glob("woorden.toml.*.pickle"))) == 1


def test_a_damaged_copy_is_built_again(tmp_path):
    source = tmp_path / "woorden.toml"
    source.write_text("a = 1\n", "utf-8")
    compiled(source, __file__, lambda text: text)
    (copy,) = (tmp_path / "__pycache__").glob("*.pickle")
    copy.write_bytes(b"kapot")
    assert compiled(source, __file__, lambda text: text.upper()) == "A = 1\n"


def test_where_no_copy_can_be_written_it_is_built_in_memory(tmp_path):
    source = tmp_path / "woorden.toml"
    source.write_text("a = 1\n", "utf-8")
    (tmp_path / "__pycache__").write_text("a file where the folder should be", "utf-8")  # fails even for root
    assert compiled(source, __file__, lambda text: text) == "a = 1\n"
    assert compiled(source, __file__, lambda text: text * 2) == "a = 1\na = 1\n"  # no copy: built again


def test_another_stemmer_builds_again(tmp_path, monkeypatch):
    # An index of stems (and a model of stemmed features) made by one stemmer is never read with another.
    from grader import text

    source = tmp_path / "woorden.toml"
    source.write_text("a = 1\n", "utf-8")
    compiled(source, __file__, lambda text: text)
    monkeypatch.setattr(text, "stemmer_probe", lambda: ["afreken", "exam", "betal"])  # Snowball 2's stems
    assert compiled(source, __file__, lambda text: text.upper()) == "A = 1\n"
