#!/usr/bin/env python3
"""End-to-end test of the interactive window: the real program under Xvfb,
driven with xdotool key presses, checked by what it writes to disk.

Usage: test_e2e.py OPTIVIZ_BINARY
Standard library only. Needs Xvfb and xdotool (exit 77, skipped, without
them). Every wait polls the filesystem or the process with a deadline; no
check is about how long anything took. Checks:
  P   one PNG of the window's drawable size (IHDR), dark background;
  X   one trace-format CSV per runner, its rows equal to `optiviz trace`
      from its first row (exact strings), unchanged while paused;
  M   the particle cloud changes pixels, all of them left of the HUD panel;
  B   the theme persists in settings.ini and the next launch is light;
  L   the language (Korean) persists in settings.ini;
  an output directory under a regular file: P writes nothing, no crash,
      the window still answers and Q exits 0.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
DEADLINE = 60.0  # seconds to wait for anything before calling it a failure
W, H = 1024, 640
DARK_BG = (18, 20, 26)     # src/app/theme.c, "dark"
LIGHT_BG = (250, 250, 247)  # src/app/theme.c, "light"
LR = "0.05"                # given to the window and to trace alike

failures = []
procs = []  # every process started, killed at the end


def check(cond, msg):
    print(("ok   " if cond else "FAIL ") + msg, flush=True)
    if not cond:
        failures.append(msg)
    return cond


def wait_for(pred, what):
    """Polls pred() until it returns a true value (returned) or the deadline
    passes (None, and a failure naming what was awaited)."""
    end = time.monotonic() + DEADLINE
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > end:
            check(False, "waited in vain for " + what)
            return None
        time.sleep(0.05)


from pngutil import png_complete, png_decode, png_size  # noqa: E402


# --- X server, window, keys ----------------------------------------------

def xdotool(display, *args):
    env = dict(os.environ, DISPLAY=display)
    try:
        p = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                           timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        return 1, ""
    return p.returncode, p.stdout.strip()


def start_xvfb(tmp):
    base = 100 + os.getpid() % 400
    for n in range(base, base + 12):
        if os.path.exists(f"/tmp/.X{n}-lock") or os.path.exists(f"/tmp/.X11-unix/X{n}"):
            continue
        log = open(os.path.join(tmp, f"xvfb-{n}.log"), "w")
        p = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                             stdout=log, stderr=log)
        procs.append(p)
        display = f":{n}"
        end = time.monotonic() + DEADLINE
        while p.poll() is None and time.monotonic() < end:
            if xdotool(display, "getdisplaygeometry")[0] == 0:
                return display
            time.sleep(0.1)
        if p.poll() is None:
            p.kill()
            p.wait()
    return None


class Session:
    """One run of the window on display with its own environment."""

    def __init__(self, display, tmp, name, out_dir, config):
        self.display = display
        env = dict(os.environ)
        for k in ("SDL_VIDEODRIVER", "XDG_PICTURES_DIR", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            env.pop(k, None)
        env["LANG"] = "C.UTF-8"  # starts in English until L says otherwise
        env.update(HOME=os.path.join(tmp, "home"), XDG_CONFIG_HOME=config,
                   LIBGL_ALWAYS_SOFTWARE="1", DISPLAY=display)
        os.makedirs(env["HOME"], exist_ok=True)
        self.log_path = os.path.join(tmp, name + ".log")
        log = open(self.log_path, "w")
        self.p = subprocess.Popen([BIN, "--function", "risk", "--lr", LR, "--size", f"{W}x{H}",
                                   "--output-dir", out_dir], env=env, stdout=log, stderr=log)
        procs.append(self.p)
        self.wid = None
        rc, out = xdotool(display, "search", "--sync", "--name", "optiviz")
        if rc == 0 and out:
            self.wid = out.split()[-1]
        check(self.wid is not None, f"{name}: the window 'optiviz' is on {display}")

    def keys(self, *names):
        for k in names:
            xdotool(self.display, "key", "--window", self.wid, k)

    def geometry(self):
        rc, out = xdotool(self.display, "getwindowgeometry", self.wid)
        for line in out.split("\n"):
            if "Geometry:" in line:
                w, h = line.split()[-1].split("x")
                return int(w), int(h)
        return None

    def quit(self, name):
        self.keys("q")
        if wait_for(lambda: self.p.poll() is not None, name + " to exit on Q") is None:
            return None
        check(self.p.returncode == 0, f"{name}: exit code {self.p.returncode} after Q")
        return self.p.returncode


def files_in(d, suffix):
    try:
        return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(suffix))
    except FileNotFoundError:
        return []


def new_complete_png(d, before):
    new = [p for p in files_in(d, ".png") if p not in before]
    return new if new and all(png_complete(p) for p in new) else None


def csv_text(path):
    with open(path) as f:
        return f.read()


def trace_rows(x0, steps):
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
    p = subprocess.run([BIN, "trace", "--function", "risk", "--lr", LR, "--start", x0,
                        "--steps", str(steps)], capture_output=True, text=True, env=env,
                       timeout=DEADLINE)
    return p.returncode, p.stdout.strip().split("\n")


# --- the scenario --------------------------------------------------------

def first_session(display, tmp):
    out = os.path.join(tmp, "out")
    config = os.path.join(tmp, "config")
    s = Session(display, tmp, "session 1", out, config)
    if s.wid is None:
        return
    geo = s.geometry()
    check(geo == (W, H), f"window geometry {geo} is the requested {W}x{H}")
    size = geo or (W, H)

    # Space pauses (S then pauses in any case) and three single steps follow,
    # so the trajectory holds at least 3 steps and stays put from here on.
    s.keys("space", "s", "s", "s", "p")
    pngs = wait_for(lambda: new_complete_png(out, []), "P's PNG")
    if pngs:
        check(len(pngs) == 1, f"P wrote exactly one PNG: {[os.path.basename(p) for p in pngs]}")
        check(png_size(pngs[0]) == size, f"PNG size {png_size(pngs[0])} = drawable {size}")
        w, h, bpp, rows = png_decode(pngs[0])
        check(tuple(rows[0][:3]) == DARK_BG, f"top-left pixel {tuple(rows[0][:3])} is the dark "
              f"background {DARK_BG}")
    before = list(pngs or [])

    # X: one CSV per runner (one: sgd), in trace's format.
    s.keys("x")
    csvs = wait_for(lambda: files_in(out, ".csv"), "X's CSV")
    first_csv = None
    if csvs:
        check(len(csvs) == 1 and csvs[0].endswith("-runner1-sgd.csv"),
              f"X wrote one CSV for the one runner: {[os.path.basename(c) for c in csvs]}")
        # written by one fprintf stream and closed before the message; poll
        # until it ends with a newline (complete)
        wait_for(lambda: csv_text(csvs[0]).endswith("\n"), "the CSV to be complete")
        first_csv = csv_text(csvs[0])
        lines = first_csv.strip().split("\n")
        check(lines[0] == "step,x,f,df", f"CSV header {lines[0]!r}")
        rows = [ln.split(",") for ln in lines[1:]]
        k = len(rows) - 1
        check(k >= 3 and rows[0][0] == "0", f"CSV rows from step 0, {k} steps (≥ 3: S S S)")
        x0 = rows[0][1]
        rc, ref = trace_rows(x0, k)
        check(rc == 0 and ref[0] == lines[0] and ref[1:] == lines[1:],
              f"CSV rows 0..{k} equal `optiviz trace --function risk --lr {LR} --start {x0} "
              f"--steps {k}` exactly")

    # M launches the cloud; a PNG before (above) and after differ in the plot.
    s.keys("m", "p")
    pngs2 = wait_for(lambda: new_complete_png(out, before), "the PNG after M")
    if pngs2 and before:
        check(len(pngs2) == 1, "P after M wrote one more PNG")
        a = png_decode(before[0])
        b = png_decode(pngs2[0])
        if check(a[:3] == b[:3], "both PNGs have the same size and format"):
            w, h, bpp, ra = a
            rb = b[3]
            xs, ys, n_plot = [], [], 0
            for y in range(h):
                if ra[y] == rb[y]:
                    continue
                for x in range(w):
                    if ra[y][x * bpp:x * bpp + 3] != rb[y][x * bpp:x * bpp + 3]:
                        xs.append(x)
                        ys.append(y)
                        if y < 0.85 * h:
                            n_plot += 1
            if check(len(xs) > 0, f"the cloud changed {len(xs)} pixels"):
                check(max(xs) < 0.7 * w, f"all changed pixels lie left of x = 70% of the width "
                      f"(x {min(xs)}..{max(xs)}, y {min(ys)}..{max(ys)} of {w}x{h})")
                check(n_plot >= 500, f"{n_plot} changed pixels above the caption line "
                      "(particles and their panel)")

    # Still paused: a second X gives the same trajectory.
    if first_csv is not None:
        s.keys("x")
        more = wait_for(lambda: (lambda c: c if len(c) == 2 and
                                 all(csv_text(f).endswith("\n") for f in c) else None)(
                                     files_in(out, ".csv")), "the second X's CSV")
        if more:
            second = [c for c in more if c not in csvs][0]
            check(csv_text(second) == first_csv, "paused: a second X writes the same rows")

    # F11 twice without a window manager: the window and what is drawn come
    # back to the requested size (a P then saves a W x H frame).
    before = sorted(files_in(out, ".png"))
    s.keys("F11")
    time.sleep(1.0)
    s.keys("F11")
    time.sleep(1.0)
    check(s.geometry() == (W, H), f"after F11 twice the window is {s.geometry()}, {W}x{H} again")
    s.keys("p")
    back = wait_for(lambda: new_complete_png(out, before), "the PNG after F11 twice")
    if back:
        check(png_size(back[0]) == (W, H), f"after F11 twice the frame is drawn at "
              f"{png_size(back[0])}, the window's {W}x{H}")

    # B: light theme, saved at once; Q quits.
    ini = os.path.join(config, "optiviz", "settings.ini")
    s.keys("b")
    wait_for(lambda: os.path.exists(ini) and "theme = light" in csv_text(ini),
             "settings.ini to say theme = light")
    # L: Korean, remembered for the next launch.
    s.keys("l")
    wait_for(lambda: "language = ko" in csv_text(ini), "settings.ini to say language = ko")
    s.quit("session 1")
    if os.path.exists(ini):
        check("theme = light" in csv_text(ini).split("\n"),
              "after B and Q, settings.ini has the line 'theme = light'")
        check("language = ko" in csv_text(ini).split("\n"),
              "after L and Q, settings.ini has the line 'language = ko'")


def second_session(display, tmp):
    out = os.path.join(tmp, "out2")
    s = Session(display, tmp, "session 2", out, os.path.join(tmp, "config"))
    if s.wid is None:
        return
    s.keys("p")
    pngs = wait_for(lambda: new_complete_png(out, []), "the second launch's PNG")
    if pngs:
        px = tuple(png_decode(pngs[0])[3][0][:3])
        check(px == LIGHT_BG, f"second launch: top-left pixel {px} is the light background "
              f"{LIGHT_BG}")
    s.quit("session 2")


def unwritable_session(display, tmp):
    root = os.path.join(tmp, "blocked")
    os.makedirs(root)
    plain = os.path.join(root, "file")
    open(plain, "w").close()
    config = os.path.join(tmp, "config3")
    s = Session(display, tmp, "session 3", os.path.join(plain, "sub"), config)
    if s.wid is None:
        return
    # P, then B: the settings file appears while B's frame is handled, and
    # that frame (or an earlier one) also tried P's export: P has been
    # attempted once settings.ini exists.
    s.keys("p", "x", "b")
    ini = os.path.join(config, "optiviz", "settings.ini")
    wait_for(lambda: os.path.exists(ini), "settings.ini after P, X, B")
    check(s.p.poll() is None, "unwritable output dir: still running after P and X")
    rc, name = xdotool(display, "getwindowname", s.wid)
    check(rc == 0 and name == "optiviz", f"the window still answers xdotool ({name!r})")
    s.quit("session 3")
    check(os.listdir(root) == ["file"] and os.path.isfile(plain) and
          os.path.getsize(plain) == 0, f"no file written: {os.listdir(root)}, "
          f"{os.path.getsize(plain)} bytes in the regular file")
    stray = [os.path.join(d, f) for d, _, fs in os.walk(tmp) for f in fs
             if f.endswith((".png", ".csv")) and os.path.basename(d) not in ("out", "out2")]
    check(not stray, f"no PNG or CSV anywhere else (home, config): {stray}")


def main():
    missing = [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]
    if missing:
        print("SKIP: e2e needs " + " and ".join(missing) +
              " (Debian: xvfb, xdotool; scripts/setup --test installs them)")
        return 77
    tmp = tempfile.mkdtemp(prefix="optiviz-e2e-")
    try:
        display = start_xvfb(tmp)
        if not check(display is not None, "Xvfb started on a free display"):
            return 1
        print(f"Xvfb on {display}; optiviz --function risk --lr {LR} --size {W}x{H}", flush=True)
        first_session(display, tmp)
        second_session(display, tmp)
        unwritable_session(display, tmp)
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        if failures:
            for name in sorted(os.listdir(tmp)):
                if name.endswith(".log") and name.startswith("session"):
                    with open(os.path.join(tmp, name), errors="replace") as f:
                        text = f.read().strip()
                    if text:
                        print(f"--- {name}\n{text}")
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all e2e checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
