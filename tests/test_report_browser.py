"""report.html in a real browser: headless Chromium (Debian's ``chromium``; .ci/run installs it).

A small probe script is put in front of the page: it records script errors and
Content-Security-Policy violations and, on load, writes what it saw into an attribute
that ``--dump-dom`` prints. Screenshots are saved under the test's tmp dir.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from tests.test_report_safety import payload_run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium not found: install Debian's chromium (apt-get install chromium) for the browser tests",
)

DATA = Path(__file__).parent / "data" / "report"
SECTIONS = ["overview", "rules", "sites", "removed-lines", "kept-lines", "documents"]
PROBE = """<script>
window.__probe = [];
addEventListener("error", function (e) {
  __probe.push("error: " + (e.message || (e.target && e.target.tagName)));
}, true);
document.addEventListener("securitypolicyviolation", function (e) {
  __probe.push("csp: " + e.violatedDirective);
});
addEventListener("load", function () {
  var found = SECTIONS.filter(function (id) {
    var el = document.getElementById(id);
    return el && el.offsetHeight > 0;
  });
  var target = location.hash ? document.querySelector(location.hash) : null;
  document.documentElement.setAttribute("data-probe", JSON.stringify({
    errors: __probe, found: found, scripts: document.scripts.length,
    views: document.querySelectorAll("section.view").length,
    pwned: document.body.getAttribute("data-pwned"),
    target: target ? getComputedStyle(target).display : null,
    badges: target ? target.querySelectorAll("tr.removed .badge").length : 0,
    rows: Array.prototype.filter.call(document.querySelectorAll("#documents tbody tr"),
                                      function (tr) { return tr.offsetHeight > 0; }).length
  }));
});
</script>""".replace("SECTIONS", json.dumps(SECTIONS))
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--hide-scrollbars", *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def probe(tmp_path: Path, report: Path, fragment: str = "", keep_csp: bool = True) -> dict:
    """Load ``report`` with the probe in front; returns what the probe recorded."""
    html = report.read_text(encoding="utf-8")
    if not keep_csp:
        html, n = CSP.subn("", html)
        assert n == 1
    # Before the page's own CSP meta, so the probe is the one script allowed to run.
    page = report.with_name("probe-" + report.name)
    page.write_text(html.replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    done = chromium(tmp_path, "--virtual-time-budget=5000", "--dump-dom", page.as_uri() + fragment)
    match = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert match, f"the probe did not report (chromium exit {done.returncode}): {done.stderr[-2000:]}"
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def screenshot(tmp_path: Path, report: Path, name: str, fragment: str = "", size: str = "1280,1400") -> Path:
    shot = tmp_path / name
    chromium(tmp_path, f"--window-size={size}", f"--screenshot={shot}", report.as_uri() + fragment)
    assert shot.is_file(), f"no screenshot written to {shot}"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    return shot


@pytest.fixture()
def report(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["clean", str(DATA / "corpus"), "-o", str(out), "-j", "1", "-q",
                                       "--rules", str(DATA / "rules")])
    assert result.exit_code == 0, result.output
    return out / "report.html"


def test_report_renders_every_section_without_errors(tmp_path, report):
    seen = probe(tmp_path, report)
    assert seen["errors"] == []
    assert seen["found"] == SECTIONS  # present and laid out (not display: none)
    assert seen["scripts"] == 1  # the probe; the report has none
    assert seen["views"] == 6
    overview = screenshot(tmp_path, report, "report.png")
    print(f"screenshot: {overview}")


def test_document_view_opens_from_its_link(tmp_path, report):
    seen = probe(tmp_path, report, fragment="#doc-1")
    assert seen["errors"] == []
    assert seen["target"] == "block"  # the view is shown over the page
    assert seen["badges"] > 0  # removed lines are labelled with their rule
    view = screenshot(tmp_path, report, "report-view.png", fragment="#doc-1", size="1280,900")
    print(f"screenshot: {view}")


def test_payloads_do_not_run_even_without_the_csp(tmp_path):
    out = payload_run(tmp_path)
    for keep_csp in (True, False):
        for fragment in ("", "#doc-1", "#doc-2"):
            seen = probe(tmp_path, out / "report.html", fragment=fragment, keep_csp=keep_csp)
            assert seen["errors"] == [], (keep_csp, fragment)
            assert seen["pwned"] is None, (keep_csp, fragment)
            assert seen["scripts"] == 1
    screenshot(tmp_path, out / "report.html", "payloads.png", fragment="#doc-1", size="1280,900")


def test_documents_table_shows_one_page_at_a_time(tmp_path):
    out = tmp_path / "big"
    out.mkdir()
    entries = [{"input": f"doc{i}.txt", "output": f"doc{i}.txt", "chars_in": 1000,
                "chars_out": 1000 - i % 997, "removals": {"generic.share": 1},
                "removed_chars": {"generic.share": i % 997}} for i in range(1200)]
    totals = {"documents": 1200, "cleaned": 1200, "errors": 0, "chars_in": 1_200_000,
              "chars_out": 1_000_000, "removed_share": 0.1667, "removals": {"generic.share": 1200},
              "seconds": 1.0}
    (out / "summary.json").write_text(json.dumps({"totals": totals, "documents": entries, "errors": []}),
                                      encoding="utf-8")
    assert CliRunner().invoke(main, ["report", str(out)]).exit_code == 0
    first = probe(tmp_path, out / "report.html")
    assert first["errors"] == [] and first["rows"] == 500
    last = probe(tmp_path, out / "report.html", fragment="#docs-3")
    assert last["errors"] == [] and last["rows"] == 200
