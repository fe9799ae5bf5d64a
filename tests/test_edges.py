#!/usr/bin/env python3
"""CLI tests of issue 13 ("nothing lost, nothing wrong"): the binary at the
edges of its inputs, files and math. Each case is a check with its right
value:

- files: `shot --out` never replaces a file without --force, replaces it
  whole with --force, fails before the work on an unwritable output;
  a scene from /dev/zero, a FIFO or a directory is refused at once;
- messages escape control characters; old-Mac (CR-only) scene files are
  named as such; long headless work shows progress on a terminal (a pty)
  and nothing off one; trace to a full disk stops at once;
- inputs: --gamma 0 and --factor 0 refused, not replaced; with --scene,
  --optimizer refused and --seed / --noise (even 0) laid over the scene;
  one number parser (hex refused, spaces around a number accepted, whole
  numbers as 1e3);
- math: critical on log(exp(x)) - x^2/800 finds the maximum, an undefined
  f'' is "undefined", a constant formula says every point is critical;
  0^x has gradient 0 (torch).

Usage: test_edges.py OPTIVIZ_BINARY. Standard library only.
"""
import os
import pty
import select
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
failures = []


def run(*args, timeout=60, stdout=None):
    env = dict(os.environ)
    env.setdefault("SDL_VIDEODRIVER", "offscreen")
    p = subprocess.run([BIN, *args], stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env, timeout=timeout)
    out = p.stdout.decode("utf-8", "replace") if p.stdout is not None else ""
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def one_line(err):
    return len([ln for ln in err.split("\n") if ln.strip()]) == 1


def test_out_never_lost():
    """shot --out EXISTING: refused (exit 2), the file untouched; --force
    replaces it with the PNG, leaving nothing else in the directory."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "lesson.png")
        with open(path, "w") as f:
            f.write("the teacher's file")
        code, _, err = run("shot", "--function", "risk", "--size", "640x360", "--out", path)
        check(code == 2 and one_line(err) and "exists; add --force to replace it" in err,
              f"shot --out existing: {code} {err!r}")
        check(open(path).read() == "the teacher's file", "the existing file is untouched")
        code, _, err = run("shot", "--function", "risk", "--size", "640x360", "--out", path,
                           "--force")
        check(code == 0, f"shot --out existing --force: {code} {err!r}")
        check(open(path, "rb").read(8) == b"\x89PNG\r\n\x1a\n", "--force wrote the PNG")
        check(os.listdir(d) == ["lesson.png"], f"no temporary file left: {os.listdir(d)}")
        # a device is never replaced, even with --force
        code, _, err = run("shot", "--function", "risk", "--out", "/dev/null", "--force")
        check(code == 2 and "character device, not a file optiviz may replace" in err,
              f"shot --out /dev/null --force: {code} {err!r}")
        # --force belongs to shot
        code, _, err = run("trace", "--function", "risk", "--start", "1", "--steps", "1",
                           "--force")
        check(code == 2 and "--force" in err, f"trace --force: {code} {err!r}")


def test_unwritable_output_fails_early():
    """An unwritable --out or --output-dir fails before 10^8 steps are taken
    (the test would time out otherwise)."""
    with tempfile.TemporaryDirectory() as d:
        code, _, err = run("shot", "--function", "risk", "--particles", "10000", "--steps",
                           "100000000", "--out", os.path.join(d, "no", "x.png"), timeout=30)
        check(code == 2 and "No such file or directory" in err and one_line(err),
              f"shot to a missing directory: {code} {err!r}")
        plain = os.path.join(d, "plain")
        open(plain, "w").close()
        code, _, err = run("shot", "--function", "risk", "--steps", "100000000",
                           "--output-dir", os.path.join(plain, "sub"), timeout=30)
        check(code == 2 and "--output-dir" in err and one_line(err),
              f"shot --output-dir under a file: {code} {err!r}")
    with open("/dev/full", "wb") as full:
        code, _, err = run("trace", "--function", "risk", "--start", "1", "--steps",
                           "100000000", stdout=full, timeout=30)
    check(code == 1 and "No space left on device" in err,
          f"trace to a full disk stops at once: {code} {err!r}")


def test_scene_not_a_regular_file():
    """/dev/zero, a FIFO nobody writes and a directory as --scene: refused at
    once with a message naming the kind (before: shot never returned)."""
    with tempfile.TemporaryDirectory() as d:
        fifo = os.path.join(d, "fifo.ini")
        os.mkfifo(fifo)
        png = os.path.join(d, "x.png")
        for path, kind in [("/dev/zero", "a character device"), (fifo, "a pipe"),
                           (d + "/", "a directory")]:
            code, _, err = run("shot", "--scene", path, "--out", png, timeout=30)
            check(code == 2 and one_line(err) and f"not a regular file ({kind})" in err,
                  f"--scene {path}: {code} {err!r}")
        check(not os.path.exists(png), "no PNG written")


def test_messages_escape_control_characters():
    """Arguments and file contents in messages: no raw control character
    reaches the terminal."""
    code, _, err = run("--function", "\x1b[2J\x1b[31mred\r")
    check(code == 2 and "\x1b" not in err and "\r" not in err and
          "'\\x1b[2J\\x1b[31mred\\r'" in err, f"escaped --function: {err!r}")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "esc.ini")
        with open(path, "w") as f:
            f.write("[scene]\ntitle = t\nseed = \x1b]0;pwned\x07\n")
        code, _, err = run("shot", "--scene", path, "--out", os.path.join(d, "x.png"))
        check(code == 2 and "\x1b" not in err and "\x07" not in err and
              "seed: '\\x1b]0;pwned\\x07' is not a number" in err, f"escaped scene value: {err!r}")
        # old-Mac line ends: named, not "title missing"
        mac = os.path.join(d, "mac.ini")
        with open(mac, "w", newline="") as f:
            f.write("[scene]\rtitle = t\r[landscape]\rfunction = risk\r")
        code, _, err = run("shot", "--scene", mac, "--out", os.path.join(d, "x.png"))
        check(code == 2 and one_line(err) and
              f"{mac}:1: the lines end in CR alone (old Mac line ends)" in err,
              f"CR-only scene: {code} {err!r}")
        # CRLF is fine
        dos = os.path.join(d, "dos.ini")
        with open(dos, "w", newline="") as f:
            f.write("[scene]\r\ntitle = t\r\n[landscape]\r\nfunction = risk\r\n")
        code, _, err = run("shot", "--scene", dos, "--size", "640x360", "--out",
                           os.path.join(d, "dos.png"))
        check(code == 0, f"CRLF scene: {code} {err!r}")
    # a refused formula keeps its two lines (message, formula with caret)
    code, _, err = run("critical", "--expr", "x +\x1b")
    check(code == 2 and "\x1b" not in err and err.count("\n") == 3, f"formula caret: {err!r}")


def run_pty(*args, timeout=30):
    """Runs with stderr on a pseudo-terminal (stdout to /dev/null): what a
    teacher's terminal would show. Returns the exit code and the text."""
    env = dict(os.environ)
    env.setdefault("SDL_VIDEODRIVER", "offscreen")
    master, slave = pty.openpty()
    p = subprocess.Popen([BIN, *args], stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        r, _, _ = select.select([master], [], [], timeout)
        if not r:
            p.kill()
            break
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return p.wait(), b"".join(chunks).decode("utf-8", "replace")


def test_progress_on_a_terminal():
    """trace with 3 * 10^6 steps to a file and shot with a 10 000-particle
    cloud show "N of M steps" on a terminal and clear it; off a terminal (the
    other tests) stderr stays empty."""
    code, text = run_pty("trace", "--function", "risk", "--start", "1", "--steps", "3000000")
    check(code == 0 and "of 3000000 steps" in text and "left" in text,
          f"trace progress on a terminal: {code} {text[-200:]!r}")
    code, out, err = run("trace", "--function", "risk", "--start", "1", "--steps", "300000",
                         stdout=subprocess.DEVNULL)
    check(code == 0 and err == "", f"no progress off a terminal: {err!r}")
    with tempfile.TemporaryDirectory() as d:
        code, text = run_pty("shot", "--function", "risk", "--particles", "10000", "--steps",
                             "2500", "--size", "640x360", "--out", os.path.join(d, "p.png"),
                             timeout=120)
        check(code == 0 and "optiviz shot:" in text and "of 2500 steps" in text,
              f"shot progress on a terminal: {code} {text[-200:]!r}")


def test_values_used_or_refused():
    """--gamma 0 and --factor 0 no longer become 0.5 and 0.99 silently; with
    --scene every option is used or refused, none dropped."""
    base = ["trace", "--function", "risk", "--start", "1", "--steps", "3"]
    for args, needle in [
            (["--schedule", "multistep", "--milestones", "1", "--gamma", "0"], "--gamma: 0 must be > 0"),
            (["--schedule", "factor", "--factor", "0"], "--factor: 0 must be in (0, 1]"),
            (["--schedule", "factor", "--factor", "1.5"], "--factor: 1.5 must be in (0, 1]"),
            (["--lr", "0x10"], "--lr: '0x10' is not a finite number"),
            (["--seed", "1e30"], "--seed: 1e30 is out of range"),
            (["--seed", "0x10"], "--seed: '0x10' is not a whole number")]:
        code, _, err = run(*base, *args)
        check(code == 2 and one_line(err) and needle in err, f"{args}: {code} {err!r}")
    # with --scene: --optimizer is refused (the scene's runners are its
    # own); --seed and --noise are laid over the scene, as given
    code, _, err = run("shot", "--scene", "risk", "--optimizer", "adam", "--out", "x.png")
    check(code == 2 and one_line(err) and "--optimizer cannot be given with --scene" in err,
          f"--scene with --optimizer: {code} {err!r}")
    with tempfile.TemporaryDirectory() as d:
        def shot(name, *extra):
            path = os.path.join(d, name)
            c, _, e = run("shot", "--scene", "noise", "--steps", "60", "--size", "640x360",
                          *extra, "--out", path)
            check(c == 0, f"shot --scene noise {extra}: {c} {e!r}")
            return open(path, "rb").read() if c == 0 else b""
        scene_seed = shot("scene.png")
        seed7 = shot("seed7.png", "--seed", "7")
        seed8 = shot("seed8.png", "--seed", "8")
        check(scene_seed == seed7, "--seed 7 over a scene with seed = 7: the same frame")
        check(seed7 != seed8, "--seed 8 over the scene is used: another noisy trajectory")
        off7 = shot("off7.png", "--noise", "0", "--seed", "7")
        off8 = shot("off8.png", "--noise", "0", "--seed", "8")
        check(off7 == off8 and off7 != seed7,
              "--noise 0 over the scene turns its noise off (the seed no longer matters)")
    # one parser: spaces around a number and 1e1 as a whole number are read
    a = run(*base[:-1], "10", "--lr", "0.05")[1]
    b = run(*base[:-1], "1e1", "--lr", " 0.05 ")[1]
    check(a == b and a.count("\n") == 12, "--steps 1e1 --lr ' 0.05 ' is --steps 10 --lr 0.05")
    # --gamma given (0.25) is used: the lr after the milestone is a quarter
    code, out, _ = run(*base[:-1], "2", "--lr", "0.1", "--schedule", "multistep", "--milestones",
                       "1", "--gamma", "0.25")
    rows = [[float(v) for v in ln.split(",")] for ln in out.strip().split("\n")[1:]]
    step1 = rows[2][1] - rows[1][1]
    check(code == 0 and abs(step1 - (-0.025 * rows[1][3])) < 1e-15,
          f"--gamma 0.25 used as given: step {step1!r}")


def test_math_edges():
    code, out, err = run("critical", "--expr", "log(exp(x)) - x^2/800", "--domain", "300:400")
    check(code == 0 and out == "x,f,d2f,kind\n400,200,-0.0025000000000000001,global-max\n",
          f"log(exp(x)) - x^2/800 on 300:400: {out!r}")
    code, out, err = run("critical", "--expr", "relu(x)^1.5 + 0.01*x^2")
    check(code == 0 and out == "x,f,d2f,kind\n0,0,nan,undefined\n" and
          "undefined at x = 0" in err, f"relu(x)^1.5 + 0.01*x^2: {out!r} {err!r}")
    code, out, err = run("critical", "--expr", "3")
    check(code == 0 and out == "x,f,d2f,kind\n" and
          "f is constant (3) on the domain: every point is critical" in err,
          f"critical on a constant: {code} {out!r} {err!r}")
    code, out, err = run("critical", "--expr", "relu(x)")
    check(code == 0 and out == "x,f,d2f,kind\n" and "f' is 0 on all of [-2, 0]" in err,
          f"critical on relu: {out!r} {err!r}")
    code, out, err = run("trace", "--expr", "0^x", "--domain", "0:3", "--start", "2",
                         "--steps", "1")
    check(code == 0 and out == "step,x,f,df\n0,2,0,0\n1,2,0,0\n", f"0^x gradient 0: {out!r} {err!r}")
    code, out, err = run("trace", "--expr", "sqrt(exp(x))", "--domain", "470:480", "--start",
                         "475", "--steps", "0")
    f, df = [float(v) for v in out.strip().split("\n")[1].split(",")[2:]]
    check(abs(f - 1.3961736973185161e+103) <= 1e-13 * f and abs(df - f / 2) <= 1e-13 * f,
          f"sqrt(exp(x)) at 475: {out!r}")


for t in [test_out_never_lost, test_unwritable_output_fails_early, test_scene_not_a_regular_file,
          test_messages_escape_control_characters, test_progress_on_a_terminal,
          test_values_used_or_refused, test_math_edges]:
    before = len(failures)
    t()
    print(("ok  " if len(failures) == before else "FAIL"), t.__name__)
sys.exit(1 if failures else 0)
