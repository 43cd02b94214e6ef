"""The review report: constant-memory collection, masking, a self-contained file, and a
real headless browser (Debian chromium) that opens it, filters it and takes a screenshot."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from modkit import Comment
from modkit.cli.main import main
from modkit.report import ReportCollector, mask_personal_data

from .conftest import FIXTURES, ROOT

SAMPLE = ROOT / "corpora" / "sample" / "comments.jsonl"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """A report over the sample plus every platform fixture (all platforms present)."""
    tmp = tmp_path_factory.mktemp("report")
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for name in ("facebook_graph_comments.json", "youtube_comment_threads.json", "instagram_graph_comments.json", "x_api_v2.json"):
        with __import__("modkit.io.formats", fromlist=["open_comments"]).open_comments(str(FIXTURES / "formats" / name)) as source:
            rows += [c.model_dump(mode="json") for c in source]
    data = tmp / "mixed.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out, html = tmp / "out.jsonl", tmp / "rapport.html"
    assert main(["score", str(data), "-o", str(out), "--no-language", "--quiet", "--report", str(html)]) == 0
    platform = {str(r["id"]): r.get("platform", "other") for r in rows}
    verdicts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return html, [{**v, "platform": platform[v["id"]]} for v in verdicts]


def test_report_is_one_self_contained_swedish_file(report: tuple[Path, list[dict]]) -> None:
    html, verdicts = report
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="sv">' in text
    assert "Granskningsrapport" in text and "Behöver åtgärd" in text and "<svg" in text
    # nothing is loaded from anywhere: no external scripts, styles, images, fonts or imports
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", text)
    assert "@import" not in text and "url(" not in text
    flagged = [v for v in verdicts if v["action"] != "publish" or v["needs_review"]]
    assert text.count('<li class="row"') == len(flagged)
    # the most severe come first
    actions = re.findall(r'<li class="row"[^>]* data-action="([a-z_]+)"', text)
    order = ["remove_and_register", "remove", "reply", "review", "publish"]  # publish: with needs_review
    assert actions == sorted(actions, key=order.index)
    # personal data is masked: the phone number in the Facebook fixture is not in the file
    assert "070-123 45 67" not in text and "kalle.andersson@gmail.com" not in text
    assert "Birgitta Lundqvist" not in text  # no author names either


def test_show_personal_data_flag(tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    source = FIXTURES / "formats" / "facebook_graph_comments.json"
    assert main(["score", str(source), "-o", str(tmp_path / "o.jsonl"), "--no-language", "--quiet",
                 "--report", str(html), "--report-show-personal-data"]) == 0
    text = html.read_text(encoding="utf-8")
    assert "070-123 45 67" in text and "Hanna Ek" in text


def test_collector_keeps_the_most_severe_within_its_cap(engine) -> None:  # noqa: ANN001
    collector = ReportCollector(cap=3)
    texts = ["Vilket jävla skämt"] * 5 + ["Ring mig på 070-123 45 67"] * 2 + ["Tack för infon!"] * 10
    for i, text in enumerate(texts):
        comment = Comment(id=str(i), text=text)
        collector.add(comment, engine.moderate(comment))
    assert collector.total == 17 and collector.flagged == 7 and collector.kept == 3
    kept = collector.entries()
    assert [e.id for e in kept] == ["5", "6", "0"]  # both remove_and_register, then the first remove
    assert "070-123 45 67" not in kept[0].text and "•••" in kept[0].text
    assert all("070-123 45 67" not in reason for reason in kept[0].reasons)


def test_mask_keeps_length_and_spacing() -> None:
    assert mask_personal_data("Ring 070-123 45 67 nu", [(5, 18)]) == "Ring ••••••• •• •• nu"


@pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None, reason="Debian chromium/chromium-driver not installed")
def test_report_in_a_headless_browser(report: tuple[Path, list[dict]]) -> None:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    html, verdicts = report
    flagged = [v for v in verdicts if v["action"] != "publish" or v["needs_review"]]
    options = Options()
    options.binary_location = CHROMIUM  # type: ignore[assignment]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                 "--disable-dev-shm-usage", "--window-size=1280,2000", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(html.as_uri())
        assert driver.title.startswith("Granskningsrapport")
        errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"] if hasattr(driver, "get_log") else []
        assert not errors, errors

        def visible() -> int:
            return sum(1 for row in driver.find_elements(By.CSS_SELECTOR, "#list .row") if row.is_displayed())

        assert visible() == len(flagged)
        assert driver.find_element(By.ID, "visible-count").text == str(len(flagged))

        driver.find_element(By.CSS_SELECTOR, '.chip[data-filter="category"][data-value="insult"]').click()
        insults = sum(1 for v in flagged if "insult" in v["categories"])
        assert 0 < insults < len(flagged)
        assert visible() == insults
        assert driver.find_element(By.ID, "visible-count").text == str(insults)

        driver.find_element(By.CSS_SELECTOR, '.chip[data-filter="platform"][data-value="youtube"]').click()
        both = sum(1 for v in flagged if "insult" in v["categories"] and v["platform"] == "youtube")
        assert visible() == both  # filters combine

        driver.find_element(By.CSS_SELECTOR, '.chip[data-filter="category"][data-value=""]').click()
        youtube = sum(1 for v in flagged if v["platform"] == "youtube")
        assert youtube > 0
        assert visible() == youtube

        driver.find_element(By.CSS_SELECTOR, '.chip[data-filter="platform"][data-value=""]').click()
        driver.find_element(By.CSS_SELECTOR, '.chip[data-filter="action"][data-value="remove_and_register"]').click()
        registered = sum(1 for v in flagged if v["action"] == "remove_and_register")
        assert visible() == registered

        driver.find_element(By.CSS_SELECTOR, '.chip[data-filter="action"][data-value=""]').click()
        assert visible() == len(flagged)
        ARTIFACTS.mkdir(exist_ok=True)
        assert driver.save_screenshot(str(ARTIFACTS / "report.png"))
        driver.find_element(By.CSS_SELECTOR, '.chip[data-filter="category"][data-value="insult"]').click()
        driver.execute_script("document.querySelector('.filters').scrollIntoView()")
        assert driver.save_screenshot(str(ARTIFACTS / "report-filtered.png"))
    finally:
        driver.quit()
