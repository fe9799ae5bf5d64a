#!/usr/bin/env python3
"""The message catalogs against the sources (po/, src/).

1. Every po/LANG.po of po/LINGUAS compiles with `msgfmt --check` and its
   statistics report no untranslated and no fuzzy message.
2. The template made afresh from every C file under src/ with xgettext (the
   keywords of po/meson.build) has no message that a language lacks: a new
   string without a translation fails here. The committed po/optiviz.pot
   (what translators start from) has the same messages. po/POTFILES lists exactly the
   files that hold messages, so meson's optiviz-pot target sees them all.
3. Lint: no string literal with a word in it reaches the screen without the
   catalog: the text arguments of the drawing and message functions
   (render_text, draw_text_fit, hud_row, legend_line, app_message, say, the
   worked example's line...; in the drawing files also snprintf and strcat,
   whose buffers are drawn) are
   wrapped in _(), _n(), C_() or N_(), and so are the help and key-cast
   columns of the binding table; formulas, numbers and names may stay.

Usage: test_i18n.py SOURCE_ROOT
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL", msg)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def linguas():
    return [l.strip() for l in read(os.path.join(ROOT, "po", "LINGUAS")).splitlines()
            if l.strip() and not l.startswith("#")]


def sources():
    out = []
    for d, _, files in os.walk(os.path.join(ROOT, "src")):
        out += [os.path.relpath(os.path.join(d, f), ROOT) for f in files if f.endswith(".c")]
    return sorted(out)


def unquote(chunks):
    s = "".join(chunks)
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def parse_po(text):
    """Entries of a PO file: (msgctxt, msgid) -> (msgstrs, fuzzy)."""
    out = {}
    for block in re.split(r"\n\s*\n", text):
        fuzzy = bool(re.search(r"^#,.*\bfuzzy\b", block, re.M))
        fields, cur = {}, None
        for line in block.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                cur = m.group(1)
                fields[cur] = [m.group(2)]
            elif line.startswith('"') and cur:
                fields[cur].append(line.strip()[1:-1])
        if "msgid" not in fields:
            continue
        key = (unquote(fields["msgctxt"]) if "msgctxt" in fields else None, unquote(fields["msgid"]))
        strs = [unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        out[key] = (strs, fuzzy)
    return out


def test_statistics():
    for lang in linguas():
        po = os.path.join(ROOT, "po", lang + ".po")
        r = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                           capture_output=True, text=True)
        stats = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
        print(f"msgfmt --check --statistics po/{lang}.po: {stats}")
        check(r.returncode == 0, f"po/{lang}.po: msgfmt --check failed: {r.stderr.strip()}")
        check(re.match(r"^\d+ translated messages?\.$", stats) is not None,
              f"po/{lang}.po: not complete: {stats}")


def keywords():
    build = read(os.path.join(ROOT, "po", "meson.build"))
    return re.findall(r"'(--keyword=[^']+)'", build)


def test_template():
    files = sources()
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "optiviz.pot")
        r = subprocess.run(["xgettext", "--from-code=UTF-8", "--language=C", "-o", pot] + keywords() + files,
                           cwd=ROOT, capture_output=True, text=True)
        check(r.returncode == 0, f"xgettext failed: {r.stderr.strip()}")
        entries = parse_po(read(pot))
        text = read(pot)
    entries.pop((None, ""), None)
    print(f"{len(entries)} messages in the template made from {len(files)} source files")
    check(len(entries) >= 250, f"only {len(entries)} messages found in the sources")
    holders = sorted(set(re.findall(r"^#: (.*)$", text, re.M) and
                         [loc.rsplit(":", 1)[0] for line in re.findall(r"^#: (.*)$", text, re.M)
                          for loc in line.split()]))
    listed = sorted(l.strip() for l in read(os.path.join(ROOT, "po", "POTFILES")).splitlines()
                    if l.strip() and not l.startswith("#"))
    check(listed == holders, f"po/POTFILES should list exactly {holders}, has {listed}")
    committed = parse_po(read(os.path.join(ROOT, "po", "optiviz.pot")))
    committed.pop((None, ""), None)
    stale = sorted(set(entries) ^ set(committed), key=str)
    check(not stale, f"po/optiviz.pot is out of date ({len(stale)} messages differ, e.g. {stale[:2]}): "
                     "meson compile -C build optiviz-pot")
    for lang in linguas():
        po = parse_po(read(os.path.join(ROOT, "po", lang + ".po")))
        missing = [k for k in entries
                   if k not in po or po[k][1] or not all(s.strip() for s in po[k][0])]
        for k in missing[:20]:
            print(f"  po/{lang}.po lacks: {('[' + k[0] + '] ') if k[0] else ''}{k[1]!r}")
        check(not missing, f"po/{lang}.po: {len(missing)} of {len(entries)} messages not translated "
                           "(msgmerge po/LANG.po po/optiviz.pot, then translate)")


# What may be drawn untranslated: names (optimizers, keys, functions), math.
NAMES = set("""sgd gd momentum nesterov adagrad rmsprop adadelta adam amsgrad anneal newton lr
cos sin tan tanh exp log log10 sqrt abs diag Shift Ctrl Tab Enter Esc Space Delete End Plus Minus
Up Down Left Right PageUp PageDown Backspace Home PNG CSV MP4 GIF nan inf
det min max vmax REC""".split())

# Functions whose string arguments reach the screen.
SINKS = ["render_text", "render_text_width", "draw_text_fit", "hud_row", "legend_line", "app_message",
         "app_message_kind", "say", "line", "draw_axis3d"]
MARKERS = re.compile(r"\b(?:_|N_|C_|NC_|_n)\(")
LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def call_args(src, start, brace=False):
    """The text between the parenthesis (brace) at start and its match."""
    opening, closing = ("{", "}") if brace else ("(", ")")
    depth, i = 0, start
    while i < len(src):
        c = src[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < len(src) and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            continue
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return src[start + 1:i]
        i += 1
    return src[start + 1:]


def split_fields(body):
    """The comma-separated fields of an initializer, commas in strings and
    parentheses kept."""
    out, cur, depth, i = [], "", 0, 0
    while i < len(body):
        c = body[i]
        if c in "\"'":
            j = i + 1
            while j < len(body) and body[j] != c:
                j += 2 if body[j] == "\\" else 1
            cur += body[i:j + 1]
            i = j + 1
            continue
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    return out + [cur]


def strip_marked(args):
    """args with every _( ... ) / N_( ... ) call taken out."""
    while True:
        m = MARKERS.search(args)
        if not m:
            return args
        inner = call_args(args, m.end() - 1)
        args = args[:m.start()] + args[m.end() + len(inner) + 1:]


def wordy(literal):
    """A word of 3+ letters in a C string literal that is not a name or a
    printf conversion, or None."""
    s = re.sub(r"%[-+ #0-9.*]*(?:hh|h|ll|l|z)?[a-zA-Z]", " ", literal[1:-1])
    s = re.sub(r"\\.", " ", s)
    for w in re.findall(r"[A-Za-z][A-Za-z0-9_]*", s):
        if len(w) >= 3 and w not in NAMES and not re.match(r"^F\d+$", w):
            return w
    return None


def test_lint():
    app = [f for f in sources() if f.startswith(os.path.join("src", "app"))]
    found = 0
    for path in app:
        src = read(os.path.join(ROOT, path))
        src = re.sub(r"/\*.*?\*/", lambda m: " " * len(m.group(0)), src, flags=re.S)
        # in the drawing files a formatted buffer is drawn too
        drawn = os.path.basename(path).startswith("draw") or path.endswith("explain.c")
        for name in SINKS + (["snprintf", "strcat"] if drawn else []):
            for m in re.finditer(r"\b%s\(" % name, src):
                args = call_args(src, m.end() - 1)
                # a definition or prototype, not a call
                if re.match(r"\s*(?:const\s+)?(?:app|renderer|exporter|text)\s*\*", args):
                    continue
                for lit in LITERAL.findall(strip_marked(args)):
                    w = wordy(lit)
                    line = src.count("\n", 0, m.start()) + 1
                    if w:
                        found += 1
                        check(False, f"{path}:{line}: {name}() draws {lit} (the word '{w}') "
                                     "without the catalog: wrap it in _()")
        if path.endswith("input.c"):
            table = src[src.index("bindings[] = {"):]
            table = table[:table.index("\n};")]
            rows = 0
            # {key, modifiers, action, keys, help, key-cast text, ...}
            for m in re.finditer(r"\{\s*SDLK_\w+\s*,\s*MOD_\w+\s*,\s*ACTION_\w+\s*,", table):
                rows += 1
                fields = split_fields(call_args(table, m.start(), brace=True))
                keys, texts = fields[3].strip(), [f.strip() for f in fields[4:6]]
                for t in texts:
                    check(t == "NULL" or t.startswith("N_("), f"{path}: the help or key-cast text {t} "
                                                             "is not marked N_()")
                if keys.startswith('"') and wordy(keys):
                    check(False, f"{path}: the key name {keys} has a word: mark it N_()")
            check(rows >= 40, f"{path}: {rows} binding rows parsed")
    print(f"lint: {len(app)} files of src/app scanned, {found} literal(s) drawn without the catalog")


for t in [test_statistics, test_template, test_lint]:
    before = len(failures)
    t()
    print(("ok  " if len(failures) == before else "FAIL"), t.__name__)
sys.exit(1 if failures else 0)
