from extractor.evidence import evidence, sentence_around

TEXT = "Bupati hadir. Camat Meral membuka rapat di aula.\nWarga miskin didata ulang. Selesai."


def test_sentence_around_a_span():
    i = TEXT.index("Meral")
    s, e = sentence_around(TEXT, i, i + 5)
    assert TEXT[s:e] == "Camat Meral membuka rapat di aula."
    j = TEXT.index("miskin")
    assert TEXT.__getitem__(slice(*sentence_around(TEXT, j, j + 6))) == "Warga miskin didata ulang."


def test_reach_is_bounded_on_huge_text():
    big = "a " * 100_000 + "Lurah" + " b" * 100_000
    i = big.index("Lurah")
    s, e = sentence_around(big, i, i + 5)
    assert e - s <= 2 * 600 + 5


def test_evidence_marks_the_span():
    i = TEXT.index("Meral")
    assert "[Meral]" in evidence(TEXT, i, i + 5, color=False)
