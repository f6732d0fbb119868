#!/usr/bin/python3
"""Drives headless Chromium (Debian `chromium`) over rendered HTML pages — a site folder written by
`handover render --format html` (its index, documents, history and newest "what changed" page) or single files:
screenshots at 390 px and 1280 px, and checks through the DOM that nothing overflows horizontally at 390 px (nor at
1280 px), that the incident quick reference starts within the first screen of index.html (and of any page that
holds one), and that each page holds the same text with JavaScript disabled. Exits 1 when a check fails.

Usage: /usr/bin/python3 scripts/check-html-layout.py SITE_DIR|PAGE.html... [--out DIR]"""
import concurrent.futures, html, json, os, re, shutil, subprocess, sys, tempfile

import html5lib

SITE_PAGES = ["index.html", "guide.html", "checklist.html", "risks.html", "calendar.html", "history.html"]
# Pages that must show the quick reference within the first screen; other pages are checked when they hold one.
QUICK_REQUIRED = {"index.html", "guide.html"}
WIDTHS = ((390, 844), (1280, 900))

args = sys.argv[1:]
out = None
if "--out" in args:
    at = args.index("--out")
    if at + 1 >= len(args):
        sys.exit(__doc__)
    out = os.path.abspath(args[at + 1])
    del args[at:at + 2]
if not args:
    sys.exit(__doc__)
pages = []
for arg in args:
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
out = out or os.path.dirname(pages[0])
chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
if not chromium:
    sys.exit("chromium not found: apt-get install chromium")
work = tempfile.mkdtemp(prefix="handover-layout-")
base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--disable-extensions", "--disable-background-networking", "--disable-component-update",
        "--virtual-time-budget=5000"]
failures = []


def run(args, profile):
    # A profile folder per launch, so launches can run side by side.
    command = base + [f"--user-data-dir={os.path.join(work, 'profile-' + profile)}"] + args
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        sys.exit(f"chromium failed: {result.stderr[-2000:]}")
    return result.stdout


def probe():
    """Loads every page in iframes of 390 × 844 and 1280 × 900 (headless Chromium will not make a window narrower
    than 500 px) and writes what each page measures, and its DOM after its scripts ran, into the wrapper's DOM."""
    frames = "\n".join(
        f'<iframe data-page="{i}" data-width="{w}" src="file://{p}" style="width:{w}px;height:{h}px;border:0;display:block"></iframe>'
        for i, p in enumerate(pages) for w, h in WIDTHS)
    path = os.path.join(work, "probe.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""<!DOCTYPE html><html><body style="margin:0">
{frames}
<script>
var frames = document.querySelectorAll("iframe"), results = [], loaded = 0;
function measure(frame) {{
  var d = frame.contentDocument, w = frame.contentWindow, q = d.getElementById("quick"), r = q ? q.getBoundingClientRect() : null;
  var wide = Array.prototype.slice.call(d.querySelectorAll("body *")).filter(function (e) {{
    var b = e.getBoundingClientRect(); return b.right > w.innerWidth + 1 && !e.closest(".table"); }}).length;
  return {{page: +frame.dataset.page, width: +frame.dataset.width, scrollWidth: d.documentElement.scrollWidth,
          innerWidth: w.innerWidth, innerHeight: w.innerHeight, quickTop: r ? r.top : null, wide: wide,
          dom: frame.dataset.width === "1280" ? d.documentElement.outerHTML : null}};
}}
Array.prototype.forEach.call(frames, function (frame) {{
  frame.addEventListener("load", function () {{
    results.push(measure(frame));
    if (++loaded === frames.length) {{
      var pre = document.createElement("pre"); pre.id = "handover-measure"; pre.textContent = JSON.stringify(results);
      document.body.appendChild(pre);
    }}
  }});
}});
</script></body></html>""")
    dom = run(["--allow-file-access-from-files", "--window-size=1300,900", "--dump-dom", "file://" + path], "probe")
    match = re.search(r'<pre id="handover-measure">(.*?)</pre>', dom, re.S)
    if not match:
        sys.exit("the measurement script did not run (is --allow-file-access-from-files honoured?)")
    return json.loads(html.unescape(match.group(1)))


def visible_text(dom):
    tree = html5lib.parse(dom, namespaceHTMLElements=False)
    main = tree.find(".//main")
    if main is None:
        return ""
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
shots = []
for page in pages:
    stem = os.path.splitext(os.path.basename(page))[0]
    for width, height in WIDTHS:
        shots.append(([f"--window-size={width},{height}", f"--screenshot={os.path.join(out, f'{stem}-{width}.png')}",
                       "file://" + page], f"{stem}-{width}"))
    if os.path.basename(page) == "index.html":
        # With scripts off the page is its markup (Chromium cannot --dump-dom then): a screenshot shows it.
        shots.append((["--window-size=1280,900", "--blink-settings=scriptEnabled=false",
                       f"--screenshot={os.path.join(out, stem + '-nojs.png')}", "file://" + page], stem + "-nojs"))
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    measured = pool.submit(probe)
    list(pool.map(lambda shot: run(*shot), shots))
    results = measured.result()
for args, _ in shots:
    print("screenshot " + args[1].split("=", 1)[1])

for result in sorted(results, key=lambda r: (r["page"], r["width"])):
    page = pages[result["page"]]
    name = os.path.basename(page)
    width = result["width"]
    dom = result.pop("dom")
    print(f"{name} at {width} px: {json.dumps(result, sort_keys=True)}")
    if result["scrollWidth"] > result["innerWidth"]:
        failures.append(f"{name}: horizontal overflow at {width} px: the page is {result['scrollWidth']} px wide")
    if result["wide"]:
        failures.append(f"{name}: {result['wide']} element(s) outside the {width} px viewport (tables scroll inside .table)")
    if width == 390 and (name in QUICK_REQUIRED or result["quickTop"] is not None):
        if result["quickTop"] is None or result["quickTop"] >= result["innerHeight"]:
            failures.append(f"{name}: the quick reference is missing or starts below the first screen (top {result['quickTop']} px)")
    if dom is not None:
        # The markup (what a browser shows with scripts off) against the DOM after the scripts ran.
        with open(page, encoding="utf-8") as f:
            markup = f.read()
        if visible_text(dom) != visible_text(markup):
            failures.append(f"{name}: the page holds different text with JavaScript disabled")
        elif not visible_text(markup):
            failures.append(f"{name}: no text in <main>")

shutil.rmtree(work, ignore_errors=True)
for failure in failures:
    print("FAIL: " + failure, file=sys.stderr)
if not failures:
    print(f"{len(pages)} page(s): no overflow, quick reference on the first screen, same text with scripts off")
sys.exit(1 if failures else 0)
