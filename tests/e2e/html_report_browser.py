#!/usr/bin/env python3
"""Load a zconform report.html in headless Chromium: screenshot it and collect what went wrong.

One Chromium run both dumps the rendered DOM (--dump-dom) and writes the screenshot (--screenshot=);
--virtual-time-budget lets the page's scripts and timers finish before either is taken.

Errors come from two places, because each catches what the other may miss:
  * the page itself: its first <head> script records window.onerror, unhandled promise rejections and
    console.error into <pre id="zc-errors"> (one <span class="zc-err"> each), which --dump-dom shows;
  * Chromium's stderr (--enable-logging=stderr --v=0): every console message of the page is logged as
    `INFO:CONSOLE(...)] "message", source: URL (line)` -- without its level, so only the "Uncaught ..."
    ones (exceptions and rejections) are taken from there. They catch a page whose hooks never ran.

Costs and limits seen with Debian's Chromium 156: serialising the DOM is slow when the report carries
much data (the 37,175-case matrix, 51 MB: about 55 s for --dump-dom against 3-4 s for the page to render),
hence the generous default timeout. A page that scrolled itself (a "#case=..." fragment) screenshots blank
in headless mode; the DOM is right all the same.

Usage: python3 html_report_browser.py REPORT.html SHOT.png  (prints the result as JSON; exit 1 on errors
or when the page did not report itself ready).
"""

import html
import html.parser
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile

CHROMIUM = "/usr/bin/chromium"
# The console lines Chromium writes to stderr for the page, e.g.
# [123:123:1128/050815.034612:INFO:CONSOLE:7] "Uncaught ReferenceError: x is not defined", source: file:///r.html (7)
_CONSOLE_RE = re.compile(r':CONSOLE(?:\(\d+\)|:\d+)\] "(.*)", source: (\S*) \((\d+)\)\s*$')


class _ErrorSpans(html.parser.HTMLParser):
    """Collects the text of every <span class="zc-err"> in a fragment of HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors, self._depth, self._text = [], 0, []

    def handle_starttag(self, tag, attrs):
        if self._depth:
            self._depth += tag == "span"
        elif tag == "span" and "zc-err" in (dict(attrs).get("class") or "").split():
            self._depth, self._text = 1, []

    def handle_endtag(self, tag):
        if self._depth and tag == "span":
            self._depth -= 1
            if not self._depth:
                self.errors.append("".join(self._text).strip())

    def handle_data(self, data):
        if self._depth:
            self._text.append(data)


_SCRIPT_OR_STYLE_RE = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2>)", re.S | re.I)


def _first_tag(dom, pattern):
    """The first match of pattern in the (script-free) DOM dump."""
    return re.search(pattern, dom, re.S)


def parse_dom(dom):
    """case_count, ready and the page-recorded errors from a --dump-dom output."""
    # Script and style text (the page's code, the report data) could contain anything that looks like the
    # elements searched for: drop it first.
    dom = _SCRIPT_OR_STYLE_RE.sub(r"\1\3", dom)
    count = _first_tag(dom, r'<span\b[^>]*\bid="zc-case-count"[^>]*>([^<]*)</span>')
    case_count = None
    if count and count.group(1).strip().isdigit():
        case_count = int(count.group(1).strip())
    body = _first_tag(dom, r"<body\b[^>]*>")
    ready = bool(body and re.search(r'\bdata-zc-ready="1"', body.group(0)))
    errors = []
    box = _first_tag(dom, r'<pre\b[^>]*\bid="zc-errors"[^>]*>(.*?)</pre>')
    if box:
        spans = _ErrorSpans()
        spans.feed(box.group(1))
        spans.close()
        errors = [e for e in spans.errors if e]
        if not errors and box.group(1).strip():  # text without the expected spans still means trouble
            errors = [html.unescape(re.sub(r"<[^>]+>", "", box.group(1))).strip()]
    root = _first_tag(dom, r"<html\b[^>]*>")
    declared = root and re.search(r'\bdata-zc-errors="(\d+)"', root.group(0))
    if declared and int(declared.group(1)) > len(errors):
        errors.append(f"page counted {declared.group(1)} errors but shows {len(errors)}")
    return case_count, ready, errors


def parse_stderr(stderr):
    """Uncaught exceptions and rejections Chromium logged for the page, as (message, "file:line")."""
    found = []
    for line in stderr.splitlines():
        m = _CONSOLE_RE.search(line)
        if m and m.group(1).startswith("Uncaught"):
            found.append((m.group(1), f"{os.path.basename(m.group(2))}:{m.group(3)}"))
    return found


def run_chromium(url, screenshot_path, timeout_s=120, window_size=(1400, 1100), budget_ms=10000):
    """Runs headless Chromium on url once; returns (dom, stderr).

    Raises TimeoutError after timeout_s (having killed the whole Chromium process group it started) and
    RuntimeError when Chromium fails without printing a DOM.
    """
    if not os.access(CHROMIUM, os.X_OK):
        raise FileNotFoundError(f"{CHROMIUM} not found: apt-get install chromium")
    profile = tempfile.mkdtemp(prefix="zc-chromium-")
    cmd = [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           f"--window-size={window_size[0]},{window_size[1]}", "--hide-scrollbars", f"--user-data-dir={profile}",
           "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--mute-audio",
           "--enable-logging=stderr", "--v=0", f"--virtual-time-budget={budget_ms}",
           "--run-all-compositor-stages-before-draw",
           f"--screenshot={os.path.abspath(screenshot_path)}", "--dump-dom", url]
    try:
        # Own process group, so that a timeout ends the renderer and helper processes too.
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=profile, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise TimeoutError(f"chromium did not finish within {timeout_s} s")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    dom = out.decode("utf-8", "replace")
    stderr = err.decode("utf-8", "replace")
    if proc.returncode != 0 and not dom:
        raise RuntimeError(f"chromium exited {proc.returncode}: {stderr[-2000:]}")
    return dom, stderr


def load_in_chromium(html_path, screenshot_path, timeout_s=120, fragment="", window_size=(1400, 1100)):
    """Renders html_path (plus an optional "#fragment", e.g. "#case=...") in headless Chromium.

    Returns {"case_count": int or None, "ready": bool, "errors": [str]}; writes the PNG to screenshot_path.
    """
    url = pathlib.Path(html_path).resolve().as_uri() + (fragment or "")
    if os.path.exists(screenshot_path):
        os.remove(screenshot_path)
    try:
        dom, stderr = run_chromium(url, screenshot_path, timeout_s, window_size)
    except (TimeoutError, RuntimeError) as e:
        return {"case_count": None, "ready": False, "errors": [str(e)]}
    case_count, ready, errors = parse_dom(dom)
    for message, where in parse_stderr(stderr):
        # The page's own hook usually has it already (with a stack): report each problem once.
        core = re.sub(r"^Uncaught (\(in promise\) )?", "", message)
        if not any(core in e for e in errors):
            errors.append(f"{message} ({where})")
    if not dom.strip():
        errors.append("chromium printed no DOM")
    if not os.path.exists(screenshot_path):
        errors.append(f"chromium wrote no screenshot to {screenshot_path}")
    return {"case_count": case_count, "ready": ready, "errors": errors}


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} REPORT.html SHOT.png", file=sys.stderr)
        return 2
    result = load_in_chromium(argv[1], argv[2])
    print(json.dumps(result, indent=2))
    return 1 if result["errors"] or not result["ready"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
