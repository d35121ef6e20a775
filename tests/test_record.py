"""The record's dict form: ``Record.as_dict`` (``record.plain``) gives what ``dataclasses.asdict`` gives."""
import collections
import dataclasses
import json

from extractor.record import Record, plain

from .test_pipeline import TEXT


def test_as_dict_equals_dataclasses_asdict_on_a_whole_record(nlp):
    record = nlp.extract(TEXT, doc_id="k101", published="2023-09-14")
    fast, slow = record.as_dict(), dataclasses.asdict(record)
    assert fast == slow
    assert json.dumps(fast, ensure_ascii=False) == json.dumps(slow, ensure_ascii=False)  # key order too
    assert Record.from_dict(fast).as_dict() == fast


@dataclasses.dataclass
class _Box:
    value: object


Pair = collections.namedtuple("Pair", "a b")


def test_plain_follows_asdict_for_containers_and_copies_them():
    for box in (_Box((1, [2, {"k": (3, None)}])), _Box(Pair(1.5, [_Box("x")])), _Box({"a": [_Box(True)]})):
        out = plain(box)
        assert out == dataclasses.asdict(box)
        assert type(out["value"]) is type(dataclasses.asdict(box)["value"])
    inner = [1, 2]
    out = plain(_Box(inner))
    assert out["value"] == inner and out["value"] is not inner
