"""Actions from hand-built dependency parses (no Stanza needed): voice, actor, object, recipient,
on-behalf-of, subject inheritance, and the sentences the syntax stage chooses to parse."""
import pytest

from extractor import actions as A
from extractor.syntax import Word


def tree(rows):
    """rows: (text, lemma, upos, head, deprel); words joined by single spaces."""
    words, offsets, pos = [], [], 0
    for text, lemma, upos, head, rel in rows:
        words.append(Word(text, lemma, upos, head, rel))
        offsets.append((pos, pos + len(text)))
        pos += len(text) + 1
    return A.Tree(words, offsets), " ".join(r[0] for r in rows)


def span_text(text, party):
    return None if party is None else text[party.start:party.end]


def find(t, text, holders=A.Holders()):
    return A.sentence_actions(t, holders, (0, len(text)))


def test_active_clause_actor_object_and_person_index():
    t, text = tree([("Bupati", "bupati", "NOUN", 3, "nsubj"), ("Sutrisno", "Sutrisno", "PROPN", 1, "flat"),
                    ("membuka", "buka", "VERB", 0, "root"), ("pelatihan", "latih", "NOUN", 3, "obj"),
                    ("itu", "itu", "DET", 4, "det")])
    holders = A.Holders(people=[(7, 15, 0)])
    (act,) = find(t, text, holders)
    assert (text[act.start:act.end], act.lemma, act.kind, act.voice) == ("membuka", "buka", "open", "active")
    assert span_text(text, act.actor) == "Bupati Sutrisno" and act.actor.person == 0
    assert span_text(text, act.object) == "pelatihan itu"
    assert act.recipient is None and act.on_behalf_of is None


def test_passive_with_oleh_takes_the_agent_as_actor():
    t, text = tree([("Acara", "acara", "NOUN", 2, "nsubj:pass"), ("dibuka", "buka", "VERB", 0, "root"),
                    ("oleh", "oleh", "ADP", 4, "case"), ("Camat", "camat", "NOUN", 2, "obl:agent")])
    (act,) = find(t, text, A.Holders(roles=[(19, 24, 0)]))
    assert act.voice == "passive"
    assert span_text(text, act.actor) == "Camat" and act.actor.role == 0
    assert span_text(text, act.object) == "Acara"


def test_passive_without_oleh_takes_the_nominal_after_the_verb():
    t, text = tree([("Bantuan", "bantu", "NOUN", 2, "nsubj"), ("diserahkan", "serah", "VERB", 0, "root"),
                    ("Camat", "camat", "NOUN", 2, "obj"), ("kepada", "kepada", "ADP", 5, "case"),
                    ("warga", "warga", "NOUN", 2, "obl")])
    (act,) = find(t, text)
    assert (act.lemma, act.kind, act.voice) == ("serah", "hand_over", "passive")
    assert span_text(text, act.actor) == "Camat"
    assert span_text(text, act.object) == "Bantuan"
    assert span_text(text, act.recipient) == "warga"


def test_represented_subject_makes_the_representative_the_actor():
    t, text = tree([("Bupati", "bupati", "NOUN", 6, "nsubj"), ("yang", "yang", "PRON", 3, "nsubj:pass"),
                    ("diwakili", "wakil", "VERB", 1, "acl:relcl"), ("Asisten", "asisten", "NOUN", 3, "obj"),
                    ("Rahmat", "Rahmat", "PROPN", 4, "flat"), ("membuka", "buka", "VERB", 0, "root"),
                    ("rapat", "rapat", "NOUN", 6, "obj")])
    holders = A.Holders(people=[(25, 39, 0)], roles=[(0, 6, 0)])
    acts = find(t, text, holders)
    assert [text[a.start:a.end] for a in acts] == ["membuka"]  # "diwakili" is read as on-behalf-of
    (act,) = acts
    assert span_text(text, act.actor) == "Asisten Rahmat" and act.actor.person == 0
    assert span_text(text, act.on_behalf_of) == "Bupati" and act.on_behalf_of.role == 0
    assert span_text(text, act.object) == "rapat"


def test_mewakili_on_the_actor_gives_on_behalf_of():
    t, text = tree([("Sekda", "sekda", "NOUN", 5, "nsubj"), (",", ",", "PUNCT", 3, "punct"),
                    ("mewakili", "wakil", "VERB", 1, "acl"), ("Wali", "wali", "NOUN", 3, "obj"),
                    ("menyerahkan", "serah", "VERB", 0, "root"), ("hadiah", "hadiah", "NOUN", 5, "obj")])
    (act,) = find(t, text)
    assert span_text(text, act.actor) == "Sekda"
    assert span_text(text, act.on_behalf_of) == "Wali"


def test_atas_nama_gives_on_behalf_of():
    t, text = tree([("Kadis", "kadis", "NOUN", 2, "nsubj"), ("menerima", "terima", "VERB", 0, "root"),
                    ("piagam", "piagam", "NOUN", 2, "obj"), ("atas", "atas", "ADP", 5, "case"),
                    ("nama", "nama", "NOUN", 2, "obl"), ("Gubernur", "gubernur", "NOUN", 5, "nmod")])
    (act,) = find(t, text)
    assert span_text(text, act.on_behalf_of) == "Gubernur"


def test_conjoined_verb_inherits_the_subject():
    t, text = tree([("Bupati", "bupati", "NOUN", 2, "nsubj"), ("meninjau", "tinjau", "VERB", 0, "root"),
                    ("pasar", "pasar", "NOUN", 2, "obj"), ("dan", "dan", "CCONJ", 5, "cc"),
                    ("menyerahkan", "serah", "VERB", 2, "conj"), ("beras", "beras", "NOUN", 5, "obj")])
    acts = find(t, text)
    assert [(a.kind, span_text(text, a.actor), span_text(text, a.object)) for a in acts] == [
        ("inspect", "Bupati", "pasar"), ("hand_over", "Bupati", "beras")]


def test_verb_without_a_named_actor_or_a_known_kind_is_not_an_action():
    t, text = tree([("Harga", "harga", "NOUN", 2, "nsubj"), ("naik", "naik", "VERB", 0, "root")])
    assert find(t, text) == []


@pytest.mark.parametrize("word,expected", [("Membuka", True), ("diserahkan", True), ("rumah", False)])
def test_action_words_come_from_the_lexicon(word, expected):
    assert A.is_action_word(word) is expected


def test_sentence_bounds_keep_abbreviations_and_degrees_inside():
    from extractor.syntax_stage import sentence_bounds

    text = "Kepala Dinas drs. Ani, MM. membuka acara. Warga hadir.\nBaris baru"
    parts = [text[s:e] for s, e in sentence_bounds(text)]
    assert parts == ["Kepala Dinas drs. Ani, MM. membuka acara.", "Warga hadir.", "Baris baru"]


def test_only_sentences_with_an_actor_or_an_action_word_are_chosen():
    import spacy

    from extractor.syntax_stage import select

    text = "Harga cabai naik lagi. Camat hadir di pasar.\nWarga menerima beras. Cuaca cerah."
    doc = spacy.blank("id")(text)
    holders = A.Holders(roles=[(23, 28, 0)])  # "Camat"
    chosen, warnings = select(doc, text, holders)
    assert [[t.text for t in sent] for _, sent in chosen] == [
        ["Camat", "hadir", "di", "pasar", "."], ["Warga", "menerima", "beras", "."]]
    assert warnings == []


def test_overlong_sentences_are_skipped_with_a_warning():
    import spacy

    from extractor.syntax_stage import MAX_WORDS, select

    text = "Bupati membuka " + " ".join(["acara"] * MAX_WORDS) + "."
    chosen, warnings = select(spacy.blank("id")(text), text, A.Holders())
    assert chosen == [] and "longer than" in warnings[0]


@pytest.mark.parametrize("form,model_lemma,expected", [
    ("dilantik", "dilantik", "lantik"),   # a listed form: the list's lemma
    ("berikan", "ikan", "beri"),
    ("membuka", "buka", "buka"),
    ("mengecat", "cat", "cat"),            # not listed: the model's lemma
    ("mengecat", "mengecat", "mengecat"),
])
def test_listed_forms_take_the_listed_lemma_others_the_models(form, model_lemma, expected):
    assert A.lemma_of(Word(form, model_lemma, "VERB", 0, "root")) == expected


def test_relative_clause_yang_resolves_to_the_noun_and_recipient_leaves_the_object():
    t, text = tree([("Bupati", "bupati", "NOUN", 2, "nsubj"), ("menyerahkan", "serah", "VERB", 0, "root"),
                    ("bantuan", "bantu", "NOUN", 2, "obj"), ("kepada", "kepada", "ADP", 5, "case"),
                    ("warga", "warga", "NOUN", 3, "nmod"), ("yang", "yang", "PRON", 7, "nsubj:pass"),
                    ("dilantik", "lantik", "VERB", 5, "acl:relcl")])
    acts = {text[a.start:a.end]: a for a in find(t, text)}
    assert span_text(text, acts["menyerahkan"].object) == "bantuan"
    assert span_text(text, acts["menyerahkan"].recipient) == "warga"
    assert span_text(text, acts["dilantik"].object) == "warga"


def test_an_office_called_wakil_is_not_on_behalf_of():
    t, text = tree([("Wakil", "wakil", "NOUN", 3, "nsubj"), ("Bupati", "bupati", "NOUN", 1, "nmod"),
                    ("membuka", "buka", "VERB", 0, "root"), ("acara", "acara", "NOUN", 3, "obj")])
    (act,) = find(t, text)
    assert span_text(text, act.actor) == "Wakil Bupati" and act.on_behalf_of is None


def test_object_and_recipient_end_at_a_comma_and_phrases_skip_relative_clauses():
    t, text = tree([("Camat", "camat", "NOUN", 2, "nsubj"), ("menyerahkan", "serah", "VERB", 0, "root"),
                    ("beras", "beras", "NOUN", 2, "obj"), ("kepada", "kepada", "ADP", 5, "case"),
                    ("warga", "warga", "NOUN", 2, "obl"), ("desa", "desa", "NOUN", 5, "nmod"),
                    (",", ",", "PUNCT", 8, "punct"), ("Senin", "Senin", "PROPN", 5, "nmod")])
    (act,) = find(t, text)
    assert span_text(text, act.recipient) == "warga desa" and span_text(text, act.object) == "beras"
    t, text = tree([("Bantuan", "bantu", "NOUN", 5, "nsubj"), ("yang", "yang", "PRON", 3, "nsubj:pass"),
                    ("dibeli", "beli", "VERB", 1, "acl:relcl"), ("itu", "itu", "DET", 1, "det"),
                    ("diserahkan", "serah", "VERB", 0, "root"), ("Camat", "camat", "NOUN", 5, "obj")])
    handed = [a for a in find(t, text) if a.kind == "hand_over"][0]
    assert span_text(text, handed.object) == "Bantuan"


@pytest.mark.parametrize("form,lemma,kind", [("menyerahkannya", "serah", "hand_over"),
                                             ("berterima", "terima", None), ("diterima", "terima", "receive")])
def test_kind_by_lemma_only_for_me_and_di_forms(form, lemma, kind):
    k = A.kind_of(form, lemma)
    assert (k.kind if k else None) == kind


def test_headline_verb_without_a_parsed_subject_takes_the_office_right_before_it():
    t, text = tree([("Sekda", "sekda", "PROPN", 0, "root"), ("Serahkan", "serahkan", "PROPN", 1, "flat"),
                    ("Bantuan", "bantuan", "PROPN", 1, "flat")])
    (act,) = find(t, text, A.Holders(roles=[(0, 5, 0)]))
    assert act.lemma == "serah" and span_text(text, act.actor) == "Sekda" and act.actor.role == 0
