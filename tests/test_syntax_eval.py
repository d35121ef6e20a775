"""Scoring a treebank file: CoNLL 2018 UPOS/UAS/LAS on gold tokenisation, with a stand-in parser
(no Stanza needed), and the shipped models on a hand-written treebank when Stanza is installed."""
import pytest

from extractor import syntax, syntax_eval
from extractor.cli import main
from extractor.errors import UsageError
from extractor.syntax import Word

CONLLU = """# sent_id = 1
# text = Bupati membuka rapat.
1\tBupati\tbupati\tNOUN\t_\t_\t2\tnsubj\t_\t_
2\tmembuka\tbuka\tVERB\t_\t_\t0\troot\t_\t_
3\trapat\trapat\tNOUN\t_\t_\t2\tobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

# sent_id = 2
# text = Bantuannya diserahkan oleh Camat.
1-2\tBantuannya\t_\t_\t_\t_\t_\t_\t_\t_
1\tBantuan\tbantu\tNOUN\t_\t_\t3\tnsubj:pass\t_\t_
2\tnya\tia\tPRON\t_\t_\t1\tnmod:poss\t_\t_
3\tdiserahkan\tserah\tVERB\t_\t_\t0\troot\t_\t_
4\toleh\toleh\tADP\t_\t_\t5\tcase\t_\t_
5\tCamat\tcamat\tNOUN\t_\t_\t3\tobl:agent\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_
"""

# What the stand-in parser answers: one UPOS wrong ("rapat" ADJ), one head wrong ("." -> 1), one
# relation differing only in its subtype ("obl" for "obl:agent", "nsubj" for "nsubj:pass": counted
# right), one relation wrong ("det" for "nmod:poss").
PARSES = [
    [Word("Bupati", "bupati", "NOUN", 2, "nsubj"), Word("membuka", "buka", "VERB", 0, "root"),
     Word("rapat", "rapat", "ADJ", 2, "obj"), Word(".", ".", "PUNCT", 1, "punct")],
    [Word("Bantuan", "bantu", "NOUN", 3, "nsubj"), Word("nya", "ia", "PRON", 1, "det"),
     Word("diserahkan", "serah", "VERB", 0, "root"), Word("oleh", "oleh", "ADP", 5, "case"),
     Word("Camat", "camat", "NOUN", 3, "obl"), Word(".", ".", "PUNCT", 3, "punct")],
]


@pytest.fixture()
def treebank(tmp_path):
    path = tmp_path / "tb.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


@pytest.fixture()
def stand_in(monkeypatch):
    seen = []

    def parse(sentences, stanza_dir=None):
        seen.extend(sentences)
        return PARSES[len(seen) - len(sentences):len(seen)]

    monkeypatch.setattr(syntax, "load", lambda stanza_dir=None: None)
    monkeypatch.setattr(syntax, "parse", parse)
    monkeypatch.setattr(syntax, "version", lambda stanza_dir=None: "stand-in")
    return seen


def test_scores_follow_conll2018_on_gold_words(treebank, stand_in):
    s = syntax_eval.score_file(treebank)
    assert stand_in == [["Bupati", "membuka", "rapat", "."], ["Bantuan", "nya", "diserahkan", "oleh", "Camat", "."]]
    assert (s.sentences, s.words, s.upos, s.uas) == (2, 10, 9, 9)
    assert s.las == 8  # the wrong head and the wrong relation do not count
    d = s.as_dict()
    assert (d["upos"], d["uas"], d["las"], d["lemma"]) == (90.0, 90.0, 80.0, 100.0)


def test_deprel_subtypes_are_compared_by_their_universal_part():
    assert syntax_eval.universal("obl:agent") == "obl" and syntax_eval.universal("root") == "root"


@pytest.mark.parametrize("content,message", [
    ("1\tBupati\tbupati\tNOUN\n", "has 4"),
    ("1\tBupati\tbupati\tNOUN\t_\t_\tx\troot\t_\t_\n", "HEAD must be a number"),
    ("# only a comment\n", "no sentences"),
])
def test_bad_treebank_files_are_named_with_the_problem(tmp_path, content, message):
    path = tmp_path / "bad.conllu"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        syntax_eval.read_conllu(path)


def test_cli_prints_the_figures(treebank, stand_in, capsys, monkeypatch):
    monkeypatch.setattr(syntax, "available", lambda: True)
    assert main(["evaluate", "--syntax", str(treebank)]) == 0
    out = capsys.readouterr().out
    assert "UPOS    90.00" in out and "UAS     90.00" in out and "LAS     80.00" in out


def test_without_the_extra_syntax_says_what_to_install(treebank, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(syntax, "available", lambda: False)
    assert main(["evaluate", "--syntax", str(treebank)]) == 2
    assert 'pip install "extractor[syntax]"' in capsys.readouterr().err
    doc = tmp_path / "a.txt"
    doc.write_text("Bupati membuka rapat.", encoding="utf-8")
    assert main(["run", str(doc), "-o", str(tmp_path / "o.jsonl"), "--syntax", "--workers", "0"]) == 2
    assert "torch" in capsys.readouterr().err


def test_shipped_models_score_a_hand_written_treebank(treebank):
    pytest.importorskip("stanza", reason="the syntax extra is not installed")
    s = syntax_eval.score_file(treebank).as_dict()
    assert s["words"] == 10 and s["upos"] >= 70 and s["las"] >= 50
