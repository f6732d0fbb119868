#!/usr/bin/python3
"""Drives headless Chromium (Debian `chromium`) over a rendered HTML document, usually handover-docs/guide.html:
screenshots at 390 px and 1280 px, and checks through the DOM that at 390 px nothing overflows horizontally, that
the incident quick reference starts within the first screen, and that the page holds the same text with
JavaScript disabled. Exits 1 when a check fails.

Usage: /usr/bin/python3 scripts/check-html-layout.py handover-docs/guide.html [OUT_DIR]"""
import json, os, re, shutil, subprocess, sys, tempfile

import html5lib

if len(sys.argv) < 2:
    sys.exit(__doc__)
page = os.path.abspath(sys.argv[1])
out = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(page))
chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
if not chromium:
    sys.exit("chromium not found: apt-get install chromium")
base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--disable-extensions", "--virtual-time-budget=3000"]
work = tempfile.mkdtemp(prefix="handover-layout-")
failures = []


def run(args):
    result = subprocess.run(base + args, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        sys.exit(f"chromium failed: {result.stderr[-2000:]}")
    return result.stdout


def measured(width, height):
    """Loads the page in a WIDTH × HEIGHT iframe (headless Chromium will not make a window narrower than 500 px)
    and writes what the page measures into the wrapper's DOM, dumped after layout."""
    probe = os.path.join(work, f"probe-{width}.html")
    open(probe, "w", encoding="utf-8").write(f"""<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="file://{page}" style="width:{width}px;height:{height}px;border:0"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {{
  var d = this.contentDocument, w = this.contentWindow, q = d.getElementById("quick"), r = q ? q.getBoundingClientRect() : null;
  var wide = Array.prototype.slice.call(d.querySelectorAll("body *")).filter(function (e) {{
    var b = e.getBoundingClientRect(); return b.right > w.innerWidth + 1 && !e.closest(".table"); }}).length;
  var m = {{scrollWidth: d.documentElement.scrollWidth, innerWidth: w.innerWidth, innerHeight: w.innerHeight,
           quickTop: r ? r.top : null, wide: wide}};
  var pre = document.createElement("pre"); pre.id = "handover-measure"; pre.textContent = JSON.stringify(m);
  document.body.appendChild(pre);
}});
</script></body></html>""")
    dom = run(["--allow-file-access-from-files", f"--window-size={max(width, 500)},{height}", "--dump-dom", "file://" + probe])
    match = re.search(r'<pre id="handover-measure">(.*?)</pre>', dom, re.S)
    if not match:
        sys.exit("the measurement script did not run (is --allow-file-access-from-files honoured?)")
    return json.loads(match.group(1).replace("&quot;", '"'))


def visible_text(dom):
    tree = html5lib.parse(dom, namespaceHTMLElements=False)
    main = tree.find(".//main")
    parts = []
    for el in main.iter():
        if el.tag in ("script", "input", "style"):
            continue
        if el.text:
            parts.append(el.text)
        if el.tail:
            parts.append(el.tail)
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


os.makedirs(out, exist_ok=True)
stem = os.path.splitext(os.path.basename(page))[0]
for width, height in ((390, 844), (1280, 900)):
    shot = os.path.join(out, f"{stem}-{width}.png")
    run([f"--window-size={width},{height}", f"--screenshot={shot}", "file://" + page])
    print(f"screenshot {shot}")

small = measured(390, 844)
print(f"390 px: {json.dumps(small, sort_keys=True)}")
if small["scrollWidth"] > small["innerWidth"]:
    failures.append(f"horizontal overflow at 390 px: page is {small['scrollWidth']} px wide")
if small["wide"]:
    failures.append(f"{small['wide']} element(s) outside the 390 px viewport (tables scroll inside .table)")
if small["quickTop"] is None or small["quickTop"] >= small["innerHeight"]:
    failures.append(f"the quick reference starts below the first screen (top {small['quickTop']} px)")

# With scripts off the page is its markup (Chromium cannot --dump-dom then): compare the markup's text with the DOM
# after the scripts ran, and take a screenshot with scripts off.
with_js = run(["--window-size=1280,900", "--dump-dom", "file://" + page])
without_js = open(page, encoding="utf-8").read()
run(["--window-size=1280,900", "--blink-settings=scriptEnabled=false", f"--screenshot={os.path.join(out, stem + '-nojs.png')}", "file://" + page])
if visible_text(with_js) != visible_text(without_js):
    failures.append("the page holds different text with JavaScript disabled")
else:
    print("same content with JavaScript disabled")

shutil.rmtree(work, ignore_errors=True)
for failure in failures:
    print("FAIL: " + failure, file=sys.stderr)
sys.exit(1 if failures else 0)
