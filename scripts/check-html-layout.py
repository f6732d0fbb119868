#!/usr/bin/python3
"""Drives headless Chromium (Debian `chromium`) over rendered HTML pages — a site folder written by
`handover render --format html` (its index, documents, history and newest "what changed" page) or single files:
screenshots at 390 px and 1280 px, and checks through the DOM that nothing overflows horizontally at either width
(tables scroll inside their box), that the incident quick reference starts within the first screen of index.html
(and of any page that holds one), and that each page holds the same text with JavaScript disabled. Exits 1 when a
check fails.

One browser does it all, driven over the DevTools protocol on a pipe (--remote-debugging-pipe, standard library
only): each page is loaded at each width with the viewport set exactly (a window cannot be narrower than 500 px),
measured, and captured; the index again with scripts disabled and with the print stylesheet, the index and the
history in dark mode.

Usage: /usr/bin/python3 scripts/check-html-layout.py SITE_DIR|PAGE.html... [--out DIR]"""
import base64, fcntl, json, os, re, select, shutil, subprocess, sys, tempfile, time

import html5lib

SITE_PAGES = ["index.html", "guide.html", "checklist.html", "risks.html", "calendar.html", "history.html"]
# Pages that must show the quick reference within the first screen; other pages are checked when they hold one.
QUICK_REQUIRED = {"index.html", "guide.html"}
WIDTHS = ((390, 844), (1280, 900))
TIMEOUT = 90

MEASURE = """(function () {
  var d = document, w = window, q = d.getElementById("quick"), r = q ? q.getBoundingClientRect() : null;
  var wide = Array.prototype.slice.call(d.querySelectorAll("body *")).filter(function (e) {
    var b = e.getBoundingClientRect(); return b.right > w.innerWidth + 1 && !e.closest(".table"); }).length;
  return {scrollWidth: d.documentElement.scrollWidth, innerWidth: w.innerWidth, innerHeight: w.innerHeight,
          quickTop: r ? r.top : null, wide: wide, dom: d.documentElement.outerHTML};
})()"""


def arguments(argv):
    out, pages = None, []
    if "--out" in argv:
        at = argv.index("--out")
        if at + 1 >= len(argv):
            sys.exit(__doc__)
        out = os.path.abspath(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    if not argv:
        sys.exit(__doc__)
    for arg in argv:
        if os.path.isdir(arg):
            missing = [p for p in SITE_PAGES if not os.path.isfile(os.path.join(arg, p))]
            if missing:
                sys.exit(f"{arg}: not a rendered site, missing {', '.join(missing)}")
            pages += [os.path.abspath(os.path.join(arg, p)) for p in SITE_PAGES]
            changes = sorted(p for p in os.listdir(arg) if p.startswith("changes-") and p.endswith(".html"))
            if not changes:
                sys.exit(f"{arg}: no changes-*.html page")
            pages.append(os.path.abspath(os.path.join(arg, changes[-1])))
        else:
            pages.append(os.path.abspath(arg))
    return pages, out or os.path.dirname(pages[0])


class Browser:
    """Headless Chromium on --remote-debugging-pipe: requests on its fd 3, NUL-terminated JSON answers on its fd 4."""

    def __init__(self, chromium, profile):
        # Above 9, so the shell's `3<&N 4>&N` never moves one end onto the other.
        high = lambda fd: (fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10), os.close(fd))[0]
        to_browser, self.commands = map(high, os.pipe())
        self.answers, from_browser = map(high, os.pipe())
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                   "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                   "--allow-file-access-from-files", "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"]
        # The shell puts the pipe ends on the descriptors Chromium expects.
        script = f'exec "$@" 3<&{to_browser} 4>&{from_browser} {to_browser}<&- {from_browser}>&-'
        self.process = subprocess.Popen(["/bin/bash", "-c", script, "bash"] + command, pass_fds=(to_browser, from_browser),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(to_browser)
        os.close(from_browser)
        self.buffer, self.next_id, self.events, self.session = b"", 0, [], None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")

    def read(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.answers], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.answers, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium exited: " + self.process.stderr.read().decode(errors="replace")[-2000:])
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None):
        self.next_id += 1
        request = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session and not method.startswith("Target."):
            request["sessionId"] = self.session
        os.write(self.commands, json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self.read(deadline)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait(self, event):
        deadline = time.monotonic() + TIMEOUT
        while True:
            for i, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[: i + 1]
                    return message
            self.events.append(self.read(deadline))

    def load(self, url, width, height):
        self.call("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        self.events.clear()
        self.call("Page.navigate", {"url": url})
        self.wait("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"measuring failed: {result['exceptionDetails']}")
        return result["result"]["value"]

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"]))
        print(f"screenshot {path}")

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def visible_text(dom):
    tree = html5lib.parse(dom, namespaceHTMLElements=False)
    main = tree.find(".//main")
    if main is None:
        return ""
    parts = []
    for el in main.iter():
        # A script's or style's own text is not shown; the text after it (its tail) is.
        if el.text and el.tag not in ("script", "input", "style"):
            parts.append(el.text)
        if el.tail and el is not main:
            parts.append(el.tail)
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def main():
    pages, out = arguments(sys.argv[1:])
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        sys.exit("chromium not found: apt-get install chromium")
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="handover-layout-")
    started = time.monotonic()
    failures = []
    browser = Browser(chromium, os.path.join(work, "profile"))
    try:
        for page in pages:
            name = os.path.basename(page)
            stem = os.path.splitext(name)[0]
            with open(page, encoding="utf-8") as f:
                markup = f.read()
            for width, height in WIDTHS:
                browser.load("file://" + page, width, height)
                m = browser.evaluate(MEASURE)
                browser.screenshot(os.path.join(out, f"{stem}-{width}.png"))
                dom = m.pop("dom")
                print(f"{name} at {width} px: {json.dumps(m, sort_keys=True)}")
                if m["scrollWidth"] > m["innerWidth"]:
                    failures.append(f"{name}: horizontal overflow at {width} px: the page is {m['scrollWidth']} px wide")
                if m["wide"]:
                    failures.append(f"{name}: {m['wide']} element(s) outside the {width} px viewport (tables scroll inside .table)")
                if width == 390 and (name in QUICK_REQUIRED or m["quickTop"] is not None):
                    if m["quickTop"] is None or m["quickTop"] >= m["innerHeight"]:
                        failures.append(f"{name}: the quick reference is missing or starts below the first screen (top {m['quickTop']} px)")
                if width == 1280:
                    # The markup (what a browser shows with scripts off) against the DOM after the scripts ran.
                    if visible_text(dom) != visible_text(markup):
                        failures.append(f"{name}: the page holds different text with JavaScript disabled")
                    elif not visible_text(markup):
                        failures.append(f"{name}: no text in <main>")
            if name == "index.html":
                browser.call("Emulation.setScriptExecutionDisabled", {"value": True})
                browser.load("file://" + page, 1280, 900)
                browser.screenshot(os.path.join(out, f"{stem}-nojs.png"))
                browser.call("Emulation.setScriptExecutionDisabled", {"value": False})
                # The print stylesheet, as a look (a PDF would need a printer's page size).
                browser.call("Emulation.setEmulatedMedia", {"media": "print"})
                browser.load("file://" + page, 1280, 900)
                browser.screenshot(os.path.join(out, f"{stem}-print.png"))
                browser.call("Emulation.setEmulatedMedia", {"media": ""})
            if name in ("index.html", "history.html"):
                browser.call("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
                browser.load("file://" + page, 390, 844)
                browser.screenshot(os.path.join(out, f"{stem}-390-dark.png"))
                browser.call("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    finally:
        browser.close()
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAIL: " + failure, file=sys.stderr)
    if not failures:
        print(f"{len(pages)} page(s) in {time.monotonic() - started:.1f} s: no overflow, the quick reference on the "
              "first screen, the same text with scripts off")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
