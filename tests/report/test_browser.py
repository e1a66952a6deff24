"""The review page in a real browser (headless Chromium): what a reviewer sees and can do."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from localize.report.html import write_report
from localize.testing import browser

RECORDS: list[dict[str, Any]] = [
    {
        "id": "p1",
        "text": "@小王 去了温哥华。",
        "result": "@小王 went to Vancouver.",
        "lang": "zh-Hans",
        "locale": "en",
        "terms": [
            {"id": "vancouver", "term": "温哥华", "status": "preferred", "target": "Vancouver"}
        ],
        "issues": [{"check": "length", "severity": "warning", "message": "longer than usual"}],
        "segments": [{"source": "XQ1QX 去了XQ2QX。", "target": "x", "sep": "", "origin": "tm"}],
        "signature": "localize:0.1.0|pipeline:test",
    },
    {
        "id": "p2",
        "text": "今天天气很好",
        "result": "The weather is fine",
        "locale": "en",
        "issues": [],
    },
    {
        "id": "p3",
        "text": "<script>alert(1)</script> 下雪了",
        "result": "<script>alert(1)</script> it snows <img src=x onerror=alert(2)>",
        "locale": "en",
        "issues": [{"check": "entity_mismatch", "severity": "error", "message": "<b>lost</b>"}],
    },
    {"id": "p4", "text": "多伦多", "result": "Toronto", "locale": "zh-Hant-TW", "issues": []},
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    why = browser.missing()
    if why is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {why}")
        pytest.skip(why)
    driver = browser.start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def page(chromium: Any, tmp_path: Path) -> Any:
    path = tmp_path / "review.html"
    write_report(RECORDS, path, title="Review <b>test</b>")
    chromium.get(path.as_uri())
    _wait_ready(chromium)
    return chromium


def _wait_ready(driver: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.body.dataset.ready === '1'")
    )


def _shown_ids(driver: Any) -> list[str]:
    # One script call reads them all at once: the list is re-rendered while a search is typed.
    ids: list[str] = driver.execute_script(
        "return Array.from(document.querySelectorAll('#posts .post'), p => p.dataset.id)"
    )
    return ids


def test_a_term_is_highlighted_in_source_and_result_with_its_entry(page: Any) -> None:
    from selenium.webdriver.common.by import By

    post = page.find_element(By.CSS_SELECTOR, '.post[data-id="p1"]')
    marks = post.find_elements(By.CSS_SELECTOR, "mark.term")
    assert [m.text for m in marks] == ["温哥华", "Vancouver"]
    assert "vancouver" in marks[0].get_attribute("title")
    assert "approved form: Vancouver" in marks[0].get_attribute("title")
    entity = post.find_element(By.CSS_SELECTOR, "mark.entity")
    assert entity.text == "@小王"
    assert post.find_element(By.CSS_SELECTOR, ".origin.tm").text == "tm"


def test_the_severity_filter_hides_clean_posts(page: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    assert _shown_ids(page) == ["p1", "p2", "p3", "p4"]
    Select(page.find_element(By.ID, "filter-severity")).select_by_value("issues")
    assert _shown_ids(page) == ["p1", "p3"]
    assert page.find_element(By.ID, "showing").text == "Showing 1–2 of 2 posts"
    Select(page.find_element(By.ID, "filter-severity")).select_by_value("")
    Select(page.find_element(By.ID, "filter-locale")).select_by_value("zh-Hant-TW")
    assert _shown_ids(page) == ["p4"]


def test_text_search_and_check_filter(page: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    Select(page.find_element(By.ID, "filter-check")).select_by_value("entity_mismatch")
    assert _shown_ids(page) == ["p3"]
    Select(page.find_element(By.ID, "filter-check")).select_by_value("")
    page.find_element(By.ID, "filter-text").send_keys("weather")
    WebDriverWait(page, 5).until(lambda d: _shown_ids(d) == ["p2"])


def test_markup_in_a_post_is_shown_as_text_and_never_runs(
    page: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    post = page.find_element(By.CSS_SELECTOR, '.post[data-id="p3"]')
    assert "<script>alert(1)</script> 下雪了" in post.text
    assert "<img src=x onerror=alert(2)>" in post.text
    assert "<b>lost</b>" in post.text
    assert post.find_elements(By.CSS_SELECTOR, "script, img, .issue b, .text b") == []
    assert page.title == "Review <b>test</b>"
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert  # noqa: B018 - reading it is the check
    artifacts = tmp_path_factory.getbasetemp() / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "review-page.png"
    assert page.save_screenshot(str(shot))
    assert shot.stat().st_size > 1000
    print(f"screenshot: {shot}")
