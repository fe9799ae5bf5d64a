"""`meson install` into a scratch DESTDIR, then the installed binary on its
own: it finds its scenes and message catalogs beside itself (not the source
tree's or the build tree's), its font,
and the man page, desktop entry and icon are where a desktop looks for them.
Usage: test_install.py BUILD_DIR. Needs the offscreen SDL driver (set by
meson's gl_env) for the one headless frame."""

import os
import shutil
import subprocess
import sys
import tempfile

from pngutil import png_colors, png_complete

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures += 1


def find(root, relpath_end):
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if p.endswith(relpath_end):
                return p
    return None


def main(build_dir):
    meson = shutil.which("meson")
    if not meson:
        print("SKIP: meson not on PATH")
        return 77
    with tempfile.TemporaryDirectory() as dest:
        r = subprocess.run([meson, "install", "-C", build_dir, "--destdir", dest,
                            "--no-rebuild", "--quiet"], capture_output=True, text=True)
        check(r.returncode == 0, f"meson install --destdir exits 0 ({r.stderr.strip()[-300:]})")
        exe = find(dest, "/bin/optiviz")
        check(exe is not None, "bin/optiviz installed")
        if exe is None:
            return 1
        prefix = os.path.dirname(os.path.dirname(exe))
        share = os.path.join(prefix, "share")

        r = subprocess.run([exe, "--version"], capture_output=True, text=True)
        lines = dict(l.split(": ", 1) for l in r.stdout.splitlines() if ": " in l)
        scenes = lines.get("scenes", "")
        check(r.returncode == 0 and os.path.realpath(scenes) ==
              os.path.realpath(os.path.join(share, "optiviz", "scenes")),
              f"installed binary uses its installed scenes ({scenes})")
        check(os.path.isfile(lines.get("font", "")), f"its font exists ({lines.get('font')})")
        inis = sorted(f for f in os.listdir(os.path.join(share, "optiviz", "scenes"))
                      if f.endswith(".ini"))
        r = subprocess.run([exe, "list"], capture_output=True, text=True)
        listed = [l for l in r.stdout.splitlines() if l.startswith("scene ")]
        check(len(inis) >= 10 and len(listed) == len(inis),
              f"list shows the {len(inis)} installed scenes ({len(listed)} listed)")

        png = os.path.join(dest, "first.png")
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
        r = subprocess.run([exe, "shot", "--scene", "risk", "--size", "640x400", "--out", png],
                           capture_output=True, text=True, env=env, cwd=dest)
        check(r.returncode == 0 and png_complete(png) and png_colors(png) >= 16,
              f"installed binary renders scene 'risk' to a non-blank PNG ({r.stderr.strip()})")

        # the Korean catalog, found beside the binary: --lang ko draws other words
        locale = lines.get("locale", "")
        check(os.path.realpath(locale) == os.path.realpath(os.path.join(share, "locale")) and
              os.path.isfile(os.path.join(locale, "ko", "LC_MESSAGES", "optiviz.mo")),
              f"installed binary uses its installed catalogs ({locale})")
        shots = []
        for lang in ("en", "ko"):
            out = os.path.join(dest, lang + ".png")
            r = subprocess.run([exe, "shot", "--scene", "risk", "--size", "640x400", "--lang", lang,
                                "--out", out], capture_output=True, text=True, env=env, cwd=dest)
            shots.append(open(out, "rb").read() if r.returncode == 0 else b"")
        check(shots[0] and shots[1] and shots[0] != shots[1],
              "installed binary draws --lang ko differently from --lang en")

        man = os.path.join(share, "man", "man1", "optiviz.1")
        with open(man, encoding="utf-8") as f:
            head = f.read(4000)
        check(".TH OPTIVIZ 1" in head.upper(), "man page share/man/man1/optiviz.1 with .TH")
        if shutil.which("man"):
            r = subprocess.run(["man", "-M", os.path.join(share, "man"), "-P", "cat", "optiviz"],
                               capture_output=True, text=True, env=dict(os.environ, MANWIDTH="80"))
            check(r.returncode == 0 and "optiviz" in r.stdout, "man -M finds the installed page")

        desktop = os.path.join(share, "applications", "optiviz.desktop")
        with open(desktop, encoding="utf-8") as f:
            entry = dict(l.strip().split("=", 1) for l in f if "=" in l and not l.startswith("#"))
        exec_name = entry.get("Exec", "").split()[0] if entry.get("Exec") else ""
        check(exec_name == "optiviz", f"desktop entry runs optiviz (Exec={entry.get('Exec')})")
        icon = entry.get("Icon", "")
        check(os.path.isfile(os.path.join(share, "icons", "hicolor", "scalable", "apps", icon + ".svg"))
              and os.path.isfile(os.path.join(share, "icons", "hicolor", "256x256", "apps", icon + ".png")),
              f"its icon '{icon}' is installed (SVG and 256x256 PNG)")
        if shutil.which("desktop-file-validate"):
            r = subprocess.run(["desktop-file-validate", desktop], capture_output=True, text=True)
            check(r.returncode == 0, f"desktop-file-validate passes ({r.stdout.strip()})")
    print(f"{failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
