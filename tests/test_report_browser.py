"""report: the officials report as one self-contained HTML file, checked in a real headless browser.

The browser tests use Debian's chromium and chromedriver (``.ci/browser-deps.sh`` installs them) through
selenium, with the driver path given explicitly (nothing is downloaded); they are skipped, with the
reason, when one of the three is missing. The other tests need no browser."""
import copy
import glob
import json
import os
import re
import shutil
import tempfile
import time

import pytest

from extractor.officials import Register, build_register
from extractor.report import highlight, highlight_spans, render_html, write_html

from .conftest import SAMPLES

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def register(nlp):
    from extractor.inputs import read_file

    paths = sorted(glob.glob(os.path.join(SAMPLES, "*.txt")) + glob.glob(os.path.join(SAMPLES, "*.html")))
    return build_register(nlp.process(read_file(p)).as_dict() for p in paths)


@pytest.fixture(scope="module")
def report(register, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "officials.html"
    write_html(register, path)
    return path


def _embedded(page):
    m = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


# ------------------------------------------------------------------ without a browser

@pytest.mark.slow
def test_report_is_self_contained(report, register):
    page = report.read_text("utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(?:script|img|iframe)[^>]+src=|<link[^>]+stylesheet|@import|url\(", page)
    assert "%%" not in page
    data = _embedded(page)
    assert len(data["officials"]) == len(register.officials) > 30
    assert page.count("<svg") == 3                      # mentions, welfare per region, events per month


def test_embedded_json_cannot_close_its_script_element():
    entry = {"id": "P000001", "name": "</script><script>alert(1)</script>", "name_key": "x", "variants": [],
             "merge_reasons": [], "regions": [], "first_seen": None, "last_seen": None, "n_docs": 1,
             "n_mentions": 1, "roles": {}, "offices": [], "acting": [], "represents": [], "represented_by": [],
             "n_quotes": 0, "quotes": [], "evidence": [], "flags": []}
    page = render_html(Register([entry], [], {"records": 1, "officials": 1, "flags": {}, "with_text": 0}))
    assert page.count("</script>") == 2
    assert _embedded(page)["officials"][0]["n"] == entry["name"]


@pytest.mark.parametrize("color, expected", [
    (False, "{{Kepala Dinas Sosial Tapin}} [[H. Rahmadi Noor]] hadir mewakili <<Bupati Tapin>>."),
    (True, "\033[36mKepala Dinas Sosial Tapin\033[0m \033[1;33mH. Rahmadi Noor\033[0m hadir mewakili "
           "\033[35mBupati Tapin\033[0m."),
])
def test_highlight_officials_and_titles(color, expected):
    text = "Kepala Dinas Sosial Tapin H. Rahmadi Noor hadir mewakili Bupati Tapin."
    record = {"people": [{"title": {"start": 0, "end": 25}, "mentions": [{"start": 26, "end": 41}]}],
              "roles_without_name": [{"start": 57, "end": 69}]}
    assert highlight(text, record, color=color) == expected
    assert highlight_spans(record) == [(0, 25, "title"), (26, 41, "name"), (57, 69, "office")]


# ------------------------------------------------------------------ in headless chromium

def _browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.exists(path) and os.access(path, os.X_OK)):
            pytest.skip(f"{path} is missing: run .ci/browser-deps.sh (apt-get install chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--window-size=1400,1000"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    return driver, profile


@pytest.fixture
def browser():
    driver, profile = _browser()
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _severe(driver):
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _rows(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#rows tr")


def _search(driver, text):
    """Type a query (after clearing the box with keys, so the page sees input events) and wait until the
    table shows it; returns the count line."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    box = driver.find_element(By.ID, "search")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    if text:
        box.send_keys(text)
    table = driver.find_element(By.ID, "table")
    WebDriverWait(driver, 10).until(lambda d: table.get_attribute("data-query") == text)
    return driver.find_element(By.ID, "count").text


@pytest.mark.slow
def test_report_in_headless_chromium(browser, report, register, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(report.as_uri())
    total = len(register.officials)
    assert browser.find_element(By.ID, "count").text == f"{total} of {total} officials"
    assert len(_rows(browser)) == min(total, 50)

    target = next(e for e in register.officials if e["offices"] and e["quotes"])
    assert _search(browser, target["name"]).endswith(f"of {total} officials")
    rows = _rows(browser)
    assert 1 <= len(rows) < total
    assert all(target["name"].lower() in r.text.lower() for r in rows)
    assert target["id"] in [r.get_attribute("data-id") for r in rows]

    row = next(r for r in rows if r.get_attribute("data-id") == target["id"])
    row.find_elements(By.TAG_NAME, "td")[1].click()          # a click on the row opens the section
    section = browser.find_element(By.ID, "official")
    WebDriverWait(browser, 10).until(lambda d: section.is_displayed())
    assert browser.current_url.endswith(f"#official-{target['id']}")
    assert section.find_element(By.TAG_NAME, "h2").text == target["name"]
    assert target["offices"][0]["office"] in section.text and "Quotes" in section.text

    browser.find_element(By.CSS_SELECTOR, "th[data-key=n]").click()   # sort by name
    _search(browser, "")
    names = [r.find_element(By.TAG_NAME, "td").text for r in _rows(browser)]
    assert names == sorted(names, key=str.lower) or names == sorted(names)

    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    print(f"screenshot: {shot}")
    assert shot.read_bytes()[:8] == PNG
    assert _severe(browser) == []


def _many(register, n):
    """A register of ``n`` officials made from the sample entries (names numbered)."""
    base = [e for e in register.officials if e["offices"]]
    out = []
    for k in range(n):
        e = copy.deepcopy(base[k % len(base)])
        e["id"], e["name"] = f"P{k + 1:06d}", f"{e['name']} Q{k:05d}x"
        out.append(e)
    return Register(out, [], {**register.stats, "officials": n})


@pytest.mark.slow
def test_report_stays_usable_with_20000_officials(browser, register, tmp_path):
    from selenium.webdriver.common.by import By

    path = tmp_path / "big.html"
    t0 = time.perf_counter()
    size = write_html(_many(register, 20_000), path)
    written = time.perf_counter() - t0
    t0 = time.perf_counter()
    browser.get(path.as_uri())
    loaded = time.perf_counter() - t0
    assert browser.find_element(By.ID, "count").text == "20000 of 20000 officials"
    assert len(_rows(browser)) == 50                         # one page of rows in the DOM, not 20,000
    t0 = time.perf_counter()
    assert _search(browser, "q19999x") == "1 of 20000 officials"
    searched = time.perf_counter() - t0
    print(f"20,000 officials: {size / 1e6:.1f} MB written in {written:.1f} s, loaded in {loaded:.1f} s, "
          f"searched in {searched:.2f} s")
    assert loaded < 30 and searched < 5
    assert _severe(browser) == []
