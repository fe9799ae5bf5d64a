#!/usr/bin/python3
"""Sorts perf samples into the categories of bench/README.md's "Where time
goes" by their call chains, and prints each category's share.

  perf record -e cpu-clock --call-graph dwarf -o p.data build/optiviz bench ...
  perf script -i p.data -F comm,ip,sym,dso | bench/profile_categories.py startup|frame

startup: a `bench --startup` child (run it with OPTIVIZ_BENCH_T0=0);
frame: a `bench --frames N` run.
"""
import collections
import sys


def category(comm, syms, dsos, mode):
    llvm = any("libLLVM" in d for d in dsos)
    if mode == "startup":
        if "app_destroy" in syms or "bench_app_free" in syms:
            return "exit (not part of startup)"
        if comm.startswith("llvmpipe"):
            return "llvmpipe threads (start, rasterizing)"
        if "main" not in syms:
            return "process start: loading and linking libraries"
        for fn, name in (("window_create", "SDL + EGL/GLX + Mesa init (window_create)"),
                         ("shader_build_lib", "GLSL compile"),
                         ("text_init", "fonts (text_init)"),
                         ("renderer_create", "renderer_create, other")):
            if fn in syms:
                return name
        if "app_draw" in syms:
            if llvm:
                return "first draw: LLVM compiles state variants"
            if "glyph_build" in syms:
                return "first draw: glyphs rasterized and uploaded"
            return "first draw: other"
        if "window_swap" in syms:
            return "swap"
        if "app_create" in syms:
            return "app setup (lesson, critical points, scene)"
        return "other"
    if comm.startswith("llvmpipe"):
        leaf = dsos[0] if dsos else "?"
        jit = leaf.startswith("perf-") or leaf in ("[unknown]", "")
        return "llvmpipe threads: " + ("JIT shaders" if jit else leaf)
    for fn, name in (("render_finish", "main: waiting (glFinish)"),
                     ("layer_copy_to_frame", "main: static layer copy"),
                     ("batch_flush", "main: batch_flush (vertex upload, draw calls)"),
                     ("app_draw", "main: app_draw (our drawing code)"),
                     ("window_swap", "main: swap"),
                     ("sim_step", "main: simulation step")):
        if fn in syms:
            return name
    return "main: other" if "main" in syms else "setup and exit"


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ("startup", "frame"):
        sys.exit(__doc__)
    counts = collections.Counter()
    for block in sys.stdin.read().split("\n\n"):
        lines = [l.strip() for l in block.strip().split("\n") if l.strip()]
        if not lines:
            continue
        comm = lines[0].split()[0]
        frames = lines[1:]
        syms = [f.split()[1] if len(f.split()) > 1 else "" for f in frames]
        dsos = [f[f.rfind("(") + 1:-1].split("/")[-1] for f in frames]
        counts[category(comm, syms, dsos, sys.argv[1])] += 1
    total = sum(counts.values())
    print(f"{total} samples")
    for name, n in counts.most_common():
        print(f"{100 * n / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
