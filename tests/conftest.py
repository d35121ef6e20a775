import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "data", "samples")
DEVSET = os.path.normpath(os.path.join(ROOT, "..", "shared", "devset"))


@pytest.fixture(scope="session")
def nlp():
    """One pipeline for the whole session."""
    import extractor

    return extractor.load()


@pytest.fixture(scope="session")
def nlp_ner():
    """One pipeline with the NER model (not the default) for the whole session."""
    from extractor.pipeline import Pipeline, Settings

    return Pipeline(Settings(ner=True))


@pytest.fixture(scope="session")
def nlp_syntax():
    """One pipeline with the syntax stage (Stanza) for the whole session; skips without the extra."""
    pytest.importorskip("stanza", reason="the syntax extra is not installed")
    from extractor import syntax
    from extractor.pipeline import Pipeline, Settings

    try:
        syntax.model_files(syntax.shipped_dir())
    except syntax.SyntaxUnavailable as exc:
        pytest.skip(f"no Stanza models to test with: {exc}")

    return Pipeline(Settings(syntax=True))


def synthetic_releases(path, n, seed=0, empty_every=37):
    """A JSONL file of ``n`` short synthetic releases (ids d000, d001, ...); every ``empty_every``-th
    has no text, so the run also writes error rows. Built here, from made-up names and places."""
    import json
    import random

    rng = random.Random(seed)
    titles = ["Bupati", "Camat", "Lurah", "Wali Kota", "Kepala Dinas Sosial"]
    names = ["Andi Saputra", "Budi Santoso", "Citra Lestari", "Dewi Anggraini", "Eko Prasetyo"]
    places = ["Kecamatan Gunung Kijang", "Kabupaten Bintan", "Kota Batam", "Kecamatan Meral", "Desa Tebing"]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = (f"{rng.choice(titles)} {rng.choice(names)} meninjau penyaluran bantuan sosial di "
                    f"{rng.choice(places)}, Senin ({rng.randint(1, 28)}/{rng.randint(1, 12)}/2023). "
                    f"Sebanyak {rng.randint(10, 500)} keluarga miskin menerima beras.")
            fh.write(json.dumps({"id": f"d{i:03d}", "text": "  " if i % empty_every == 5 else text}) + "\n")
    return path


@pytest.fixture
def small_fs(tmp_path):
    """``small_fs(size, name, options)`` mounts a small tmpfs under tmp_path and returns its path; the
    test is skipped, with the reason, where file systems cannot be mounted (not root, no CAP_SYS_ADMIN)."""
    import subprocess

    mounted = []

    def mount(size="1m", name="fs", options=""):
        point = tmp_path / name
        point.mkdir()
        opts = f"size={size}" + (f",{options}" if options else "")
        try:
            r = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)],
                               capture_output=True, text=True)
        except FileNotFoundError:
            pytest.skip("no mount command here: cannot mount a small file system for this test")
        if r.returncode != 0:
            why = ("mounting needs root or CAP_SYS_ADMIN" if os.geteuid() != 0 else
                   "this kernel's tmpfs lacks a mount option" if options else "mount failed")
            pytest.skip(f"cannot mount a tmpfs with -o {opts} here: {why} ({' '.join(r.stderr.split())[:160]})")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


def remount(point, options):
    import subprocess

    subprocess.run(["mount", "-o", f"remount,{options}", str(point)], check=True, capture_output=True)
