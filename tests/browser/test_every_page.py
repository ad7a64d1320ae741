"""Every page of the sample site loads cleanly over http, using nothing outside the machine."""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

from tests.browser.support import ProblemRecorder, html_pages, serve_directory

if TYPE_CHECKING:
    from playwright.sync_api import Page

BROKEN_ADDITIONS = """
<img src="missing.png" alt="a picture that is not there">
<img src="https://example.com/tracker.png" alt="a picture from elsewhere">
<script>throw new Error("deliberately broken script");</script>
</main>"""


def load_problems(page: Page, root_url: str, pages: list[str]) -> list[str]:
    """Open each page in turn on one tab; return every problem seen."""
    recorder = ProblemRecorder()
    recorder.attach(page)
    for path in pages:
        recorder.load(page, root_url + path)
    recorder.verify_aborted(page)
    return recorder.problems


def test_every_page_loads_without_console_errors_failed_or_outside_requests(
    page: Page, sample_site: Path, site_url: str
) -> None:
    pages = html_pages(sample_site)
    assert len(pages) > 200, "the sample build should have every kind of page"
    problems = load_problems(page, site_url, pages)
    assert not problems, "\n".join(problems)


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_server_serves_the_site_only_under_its_sub_path_and_lists_no_folders(
    site_url: str,
) -> None:
    origin = site_url.removesuffix("archiwum/")
    assert status_of(site_url + "index.html") == 200
    assert status_of(origin + "index.html") == 404
    assert status_of(site_url + "articles/") == 404
    assert status_of(site_url) == 404


def test_a_broken_page_is_reported(page: Page, sample_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    about = (site / "about.html").read_text(encoding="utf-8")
    broken = re.sub(r'(<link rel="icon" href=")[^"]*', r"\1missing-icon.svg", about)
    broken = broken.replace("</main>", BROKEN_ADDITIONS, 1)
    assert broken != about
    # Without its Content-Security-Policy the page runs the script and sends the request,
    # which the recorder must catch; with it, the browser blocks both and says so.
    policy = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n')
    (site / "broken.html").write_text(policy.sub("", broken, count=1), encoding="utf-8")
    (site / "blocked.html").write_text(broken, encoding="utf-8")

    with serve_directory(site) as url:
        clean = load_problems(page, url, ["about.html"])
        problems = load_problems(page.context.new_page(), url, ["broken.html"])
        blocked = load_problems(page.context.new_page(), url, ["blocked.html"])

    assert clean == []
    report = "\n".join(problems)
    assert "HTTP 404" in report and "missing.png" in report, report
    assert "missing-icon.svg" in report, report
    assert "deliberately broken script" in report, report
    assert "request leaving the machine: https://example.com/tracker.png" in report, report
    report = "\n".join(blocked)
    assert "Executing inline script violates" in report, report
    assert "'https://example.com/tracker.png' violates" in report, report
    assert "deliberately broken script" not in report, report
    assert "request leaving the machine" not in report, report
