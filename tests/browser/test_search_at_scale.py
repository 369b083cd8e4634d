"""Search on a network of 1,000 learning records (the benchmark's synthetic network), built with the
shipped mkdocs.yml and searched in real Chromium: it finds a record by a word of its body, and the
reader's browser fetches a few hundred kilobytes before the answer, not the whole site's text."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.helpers import ROOT, serving
from tests.test_bench import load_bench

pytestmark = pytest.mark.browser

RECORDS = 1000
WORD = "quillwort"  # in one record's body only: the generated sentences never use it
FIRST_SEARCH_LIMIT = 300 * 1024  # bytes fetched from the first keystroke to the first answer


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The 1,000-record network built as it ships; the address served and the marked record's."""
    root = tmp_path_factory.mktemp("thousand")
    bench = load_bench()
    content = root / "content"
    bench.write_learnaloud_content(bench.make_network(RECORDS), content)
    record = sorted(content.glob("places/*/records/*.md"))[RECORDS // 2]
    text = record.read_text(encoding="utf-8")
    record.write_text(text + f"\nWe found {WORD} growing beside the path.\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {content}\ntheme:\n  custom_dir: {ROOT / 'theme_overrides'}\n"
    )
    site = root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=root)
    assert result.returncode == 0, result.stderr
    address = f"places/{record.parent.parent.name}/records/{record.stem}/"
    assert (site / address / "index.html").is_file()
    with serving(site) as url:
        yield url, address


def test_search_finds_a_record_by_a_word_of_its_body(browser: Browser, large_site: tuple[str, str]) -> None:
    url, address = large_site
    page = browser.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    fetched: list[int] = []
    page.on("requestfinished", lambda request: fetched.append(request.sizes()["responseBodySize"]))
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(WORD, delay=30)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15_000)
    assert page.locator(".md-search-result__item").count() == 1
    assert result.get_attribute("href") == "/" + address
    assert WORD in page.locator(".md-search-result__item mark").first.inner_text().lower()
    assert 0 < sum(fetched) <= FIRST_SEARCH_LIMIT, f"{sum(fetched)} bytes before the first answer"
    result.click()
    page.wait_for_url(url + address)
    page.close()
