"""Bad outputs on real file systems: full disk, read-only, permission denied, quota, missing folder, a
folder in the way. No traceback, one line, exit code 4, the .part whole, --resume finishes exactly once."""
import errno
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from extractor import cli
from extractor.errors import OutputError
from extractor.outputs import PartFile, recover, write_aside, write_file_aside
from extractor.runner import run

from .conftest import remount, synthetic_releases

NOBODY = 65534


def whole_rows(path):
    with open(path, "rb") as fh:
        data = fh.read()
    assert data == b"" or data.endswith(b"\n"), f"{path} does not end with a whole record"
    return [json.loads(line) for line in data.splitlines()]


def run_cli(args, capsys):
    code = cli.main(["run", *args, "--workers", "0", "--no-progress"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    ours = [line for line in err.splitlines() if line.startswith("extractor run:")]
    return code, ours


def as_user(uid, fn):
    """Run ``fn()`` in a forked child as another user (root ignores permissions and quotas); its
    return value is the child's exit status. The child inherits this process's loaded pipeline."""
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            code = fn()
        finally:
            sys.stderr.flush()
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def needs_root():
    if os.geteuid() != 0:
        pytest.skip("needs root to run a check as another user (permission and quota errors)")


@pytest.fixture(scope="module")
def reference(tmp_path_factory, nlp):
    """60 synthetic releases and their uninterrupted run (records and error rows), built once."""
    folder = tmp_path_factory.mktemp("ref")
    docs = synthetic_releases(folder / "docs.jsonl", 60)
    run([str(docs)], str(folder / "ref.jsonl"), workers=0, progress=False)
    return docs, (folder / "ref.jsonl").read_bytes(), (folder / "ref.errors.jsonl").read_bytes()


def test_a_refused_batch_is_cut_back_and_the_part_ends_with_a_whole_record(small_fs):
    fs = small_fs("64k")
    part = PartFile(str(fs / "out.jsonl"), resume=False)
    with pytest.raises(OutputError, match=r"out\.jsonl\.part: No space left on device \(ENOSPC\)"):
        for i in range(1000):
            part.write({"doc_id": f"d{i}", "text": "x" * 700})
            if i % 7 == 6:
                part.flush()
    part.close()
    rows = whole_rows(fs / "out.jsonl.part")
    assert 20 < len(rows) < 100 and [r["doc_id"] for r in rows] == [f"d{i}" for i in range(len(rows))]
    assert len(rows) % 7 == 0  # whole batches only


@pytest.mark.parametrize("call, code", [("write", errno.EDQUOT), ("fdatasync", errno.EIO)])
def test_a_batch_refused_at_write_or_at_fsync_is_cut_back(tmp_path, monkeypatch, call, code):
    """Injected errors, for what real file systems here cannot show: quota (this kernel has no quota
    support) and errors that a network file system reports only at fsync."""
    part = PartFile(str(tmp_path / "out.jsonl"), resume=False)
    for i in range(3):
        part.write({"doc_id": f"d{i}"})
    part.flush()
    real, calls = getattr(os, call), []

    def refuse(*args):
        calls.append(args)
        if call == "write":
            real(*args[:1], bytes(args[1])[:5])  # half a record reaches the file first
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, call, refuse)
    part.write({"doc_id": "d3"})
    with pytest.raises(OutputError, match=rf"out\.jsonl\.part: .*\({errno.errorcode[code]}\)"):
        part.flush()
    monkeypatch.undo()
    part.write({"doc_id": "d4"})
    part.flush()  # nothing more is written after a refused batch
    with pytest.raises(OutputError):
        part.commit()
    part.close()
    assert calls and [r["doc_id"] for r in whole_rows(tmp_path / "out.jsonl.part")] == ["d0", "d1", "d2"]


def test_recover_keeps_lines_up_to_the_first_damaged_one(tmp_path):
    p = tmp_path / "out.jsonl.part"
    p.write_bytes(b'{"doc_id": "a", "sha256": "1"}\n{"doc_id": "b", "source": {"sha256": "2"}}\n'
                  b'\0\0\0\0\n{"doc_id": "c"}\n{"doc_id": "d", "tor')
    assert recover(str(p)) == {"a": {"1"}, "b": {"2"}}
    assert p.read_bytes().count(b"\n") == 2 and p.read_bytes().endswith(b"}\n")


def test_write_aside_leaves_the_previous_file_and_no_part_when_the_disk_is_full(small_fs):
    fs = small_fs("64k")
    target = fs / "register.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(OutputError, match="ENOSPC"):
        with write_aside(target) as fh:
            for _ in range(1000):
                fh.write("y" * 1000 + "\n")
    assert target.read_text(encoding="utf-8") == "old\n" and os.listdir(fs) == ["register.jsonl"]
    with pytest.raises(OutputError, match="ENOSPC"):
        write_file_aside(fs / "table.csv", lambda tmp: Path(tmp).write_text("z" * 200_000))
    assert os.listdir(fs) == ["register.jsonl"]
    with write_aside(target) as fh:
        fh.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n" and os.listdir(fs) == ["register.jsonl"]


@pytest.mark.slow
def test_a_full_disk_ends_with_exit_4_and_resume_finishes_exactly_once(small_fs, reference, capsys, monkeypatch):
    monkeypatch.setattr("extractor.outputs.FLUSH_ROWS", 8)  # several batches fit before the disk is full
    docs, ref, ref_errors = reference
    fs = small_fs("64k")
    out = fs / "out.jsonl"
    code, lines = run_cli([str(docs), "-o", str(out)], capsys)
    assert code == 4 and len(lines) == 1
    assert str(out) in lines[0] and "No space left on device (ENOSPC)" in lines[0] and "--resume" in lines[0]
    kept = whole_rows(f"{out}.part")
    assert 0 < len(kept) < 60 and not out.exists()
    remount(fs, "size=4m")  # space freed
    code, lines = run_cli([str(docs), "-o", str(out), "--resume"], capsys)
    assert code == 1 and lines == []  # 1: the synthetic batch has empty documents
    assert out.read_bytes() == ref and (fs / "out.errors.jsonl").read_bytes() == ref_errors


@pytest.mark.slow
def test_a_read_only_file_system_ends_with_exit_4_and_touches_nothing(small_fs, reference, capsys):
    docs, ref, ref_errors = reference
    fs = small_fs("4m")
    out = fs / "out.jsonl"
    half = b"".join(ref.splitlines(keepends=True)[:20])
    (fs / "out.jsonl.part").write_bytes(half + b'{"doc_id": "d02')  # a run killed mid-line
    remount(fs, "ro")
    code, lines = run_cli([str(docs), "-o", str(out), "--resume"], capsys)
    assert code == 4 and len(lines) == 1 and "Read-only file system (EROFS)" in lines[0] and str(out) in lines[0]
    assert (fs / "out.jsonl.part").read_bytes() == half + b'{"doc_id": "d02' and os.listdir(fs) == ["out.jsonl.part"]
    remount(fs, "rw")
    code, lines = run_cli([str(docs), "-o", str(out), "--resume"], capsys)
    assert code == 1 and out.read_bytes() == ref and (fs / "out.errors.jsonl").read_bytes() == ref_errors


@pytest.mark.slow
def test_permission_denied_ends_with_exit_4_and_resume_finishes(reference, capfd):
    needs_root()
    docs, ref, ref_errors = reference
    tmp_path = Path(tempfile.mkdtemp(prefix="extractor-eacces-"))  # under /tmp: other users may enter
    os.chmod(tmp_path, 0o755)
    try:
        check_permission_denied(tmp_path, docs, ref, capfd)
    finally:
        shutil.rmtree(tmp_path)


def check_permission_denied(tmp_path, docs, ref, capfd):
    ref = ref.replace(str(docs).encode(), str(tmp_path / "docs.jsonl").encode())  # records name their source
    docs = Path(shutil.copy(docs, tmp_path / "docs.jsonl"))
    os.chmod(docs, 0o644)
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o755)
    args = ["run", str(docs), "-o", str(closed / "out.jsonl"), "--workers", "0", "--no-progress"]
    assert as_user(NOBODY, lambda: cli.main(args)) == 4
    err = capfd.readouterr().err
    assert "Permission denied (EACCES)" in err and str(closed / "out.jsonl") in err and "Traceback" not in err
    assert os.listdir(closed) == []
    # a .part the user may read but not write: --resume stops before writing anything
    open_dir = tmp_path / "open"
    open_dir.mkdir()
    os.chmod(open_dir, 0o777)
    part = open_dir / "out.jsonl.part"
    part.write_bytes(b"".join(ref.splitlines(keepends=True)[:10]))
    os.chmod(part, 0o644)
    args = ["run", str(docs), "-o", str(open_dir / "out.jsonl"), "--workers", "0", "--no-progress", "--resume"]
    assert as_user(NOBODY, lambda: cli.main(args)) == 4
    err = capfd.readouterr().err
    assert "out.jsonl.part: Permission denied (EACCES)" in err and "Traceback" not in err
    assert whole_rows(part) == whole_rows(part)[:10] and len(whole_rows(part)) == 10
    assert cli.main(args) == 1  # as the owner
    assert (open_dir / "out.jsonl").read_bytes() == ref


@pytest.mark.slow
def test_quota_exceeded_ends_with_exit_4_and_resume_finishes(small_fs, reference, capfd, monkeypatch):
    needs_root()
    monkeypatch.setattr("extractor.outputs.FLUSH_ROWS", 8)
    docs, ref, ref_errors = reference
    fs = small_fs("4m", options="usrquota,usrquota_block_hardlimit=64k")
    os.chmod(fs, 0o777)
    args = ["run", str(docs), "-o", str(fs / "out.jsonl"), "--workers", "0", "--no-progress"]
    assert as_user(NOBODY, lambda: cli.main(args)) == 4
    err = capfd.readouterr().err
    assert "Disk quota exceeded (EDQUOT)" in err and "out.jsonl.part" in err and "Traceback" not in err
    kept = whole_rows(fs / "out.jsonl.part")
    assert 0 < len(kept) < 60
    assert cli.main(args + ["--resume"]) == 1  # the owner of the disk finishes it
    assert (fs / "out.jsonl").read_bytes() == ref and (fs / "out.errors.jsonl").read_bytes() == ref_errors


def test_a_missing_folder_and_a_folder_in_the_way_end_with_exit_4(tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text("Camat Meral membuka rapat, Senin (2/1/2023).", encoding="utf-8")
    (tmp_path / "afile").write_text("", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    cases = [(["-o", "/proc/no-such-process/out.jsonl"], "/proc/no-such-process"),
             (["-o", str(tmp_path / "afile" / "out.jsonl")], "afile"),
             (["-o", str(tmp_path / "out.jsonl"), "--errors", str(tmp_path / "adir")], "Is a directory (EISDIR)"),
             (["-o", str(tmp_path / "adir"), "--format", "jsonl"], "Is a directory (EISDIR)")]
    for args, expected in cases:
        code, lines = run_cli([str(doc), *args], capsys)
        assert code == 4 and len(lines) == 1 and expected in lines[0], (args, lines)
    assert sorted(os.listdir(tmp_path)) == ["adir", "afile", "doc.txt"] and os.listdir(tmp_path / "adir") == []
