#!/usr/bin/python3
"""Reference optimizer trajectories for optiviz, generated with torch.optim.

What it makes
-------------
One CSV per case, named <outdir>/<optimizer>_<case-name>.csv, each holding
the iterates of one torch.optim optimizer (float64, single-tensor code path,
gradients from torch.autograd) on one of the optiviz landscapes
(src/core/landscape.c), optionally with a learning-rate schedule
(src/core/schedule.h) applied by setting param_group['lr'] before each step:

    risk             f(x)      = x*cos(pi*x)                    x in [-1, 2]
    empirical-risk   g(x)      = x*cos(pi*x) + 0.2*cos(5*pi*x)  x in [0.5, 1.5]
    cubic            f(x)      = x**3                           x in [-2, 2]
    tanh             f(x)      = tanh(x)                        x in [-2, 5]
    saddle           f(x, y)   = x**2 - y**2                    [-1, 1]^2
    quadratic        f(x)      = x**2                           x in [-10, 10]
    cosh             f(x)      = cosh(0.5*x)                    x in [-12, 12]
    nonconvex        f(x)      = x*cos(0.15*pi*x)               x in [-15, 15]
    elliptic         f(x1, x2) = x1**2 + 2*x2**2                [-5.5, 1] x [-3, 1]
    ill-conditioned  f(x1, x2) = 0.1*x1**2 + 2*x2**2            [-5.5, 1] x [-3, 1]

Optimizers (optiviz name -> torch), hyperparameters by their optiviz names
(the fields of optim_params in src/core/optim.h):

    sgd      -> SGD(lr, momentum, dampening, nesterov, weight_decay)
    adagrad  -> Adagrad(lr, lr_decay, weight_decay,
                        initial_accumulator_value=initial_accumulator, eps)
    rmsprop  -> RMSprop(lr, alpha, eps, weight_decay, momentum, centered)
    adadelta -> Adadelta(lr, rho, eps, weight_decay)
    adam     -> Adam(lr, betas=(beta1, beta2), eps, weight_decay, amsgrad)
    adamw    -> AdamW(lr, betas=(beta1, beta2), eps, weight_decay, amsgrad)

File format:
    line 1: # function=NAME optimizer=NAME <hyperparameters> [schedule=NAME
              <schedule parameters>] start=X[,Y] steps=N        (one line)
            <hyperparameters> are ALL the hyperparameters the optimizer uses,
            key=value with the optiviz names above (values are repr() of
            Python floats, so they round-trip exactly; bools as 0/1).
            Schedule parameters, written explicitly (the C side reads 0 as
            "default" for factor, gamma and max_steps):
              factor:    factor=F floor=F
              multistep: gamma=G milestones=A,B[,...]
              cosine:    warmup=W final_lr=F max_steps=M
              sqrt:      (none)
    line 2: step,x        (1D)   or   step,x,y   (2D)
    then up to N+1 rows; row k is the iterate after k optimizer steps
    (row 0 = start), numbers printed with '%.17g'.
If an iterate becomes non-finite, rows stop at the last finite one (so a file
can hold fewer than N+1 rows; the header still records the requested N).

One step t (t = 0 for the first) = set every param_group['lr'] to
schedule_lr(base_lr, t) (only with a schedule); opt.zero_grad();
f = fn(param); f.backward(); opt.step().

Schedules (exactly src/core/schedule.h, Python float arithmetic):
    factor:    max(floor, base * factor**t)
    multistep: base * gamma**k, k = number of milestones <= t
    cosine:    t < warmup: base * t / warmup;
               t <= max_steps: final + (base - final)
                               * (1 + cos(pi * (t - warmup) / (max_steps - warmup))) / 2;
               later: final
    sqrt:      base / sqrt(t + 1)

How to rerun
------------
Needs Debian's python3-torch (use /usr/bin/python3, not whatever python3 is
first on PATH):

    /usr/bin/python3 tests/gen_reference.py tests/reference

then check the C side against the files:

    meson compile -C build-test && build-test/tests/test_optim tests/reference

Each case is also rerun from a start perturbed by 1e-12 (relative); the
printed "amp" is how much that perturbation grows along the trajectory.
Cases with a large amplification are fragile (rounding differences between
C and torch grow the same way; the C test compares to 1e-10 relative), and
the script warns about them.

Torch behaviour worth knowing when matching it in C (torch 1.13, the
single-tensor paths):
    SGD:      g = grad + weight_decay * x
              if momentum != 0:
                  first step:  buf = g                 (no (1-dampening) factor!)
                  later steps: buf = momentum*buf + (1-dampening)*g
                  g = g + momentum*buf  if nesterov  else  buf
              x = x - lr * g
    Adagrad:  the step count starts at 1; clr = lr / (1 + (step-1)*lr_decay);
              sum starts at initial_accumulator; x += (-clr*g) / (sqrt(sum)+eps)
    RMSprop:  eps is added after the sqrt; centered uses sqrt(v - a*a)
    Adadelta: eps is added inside both square roots
    Adam:     bias corrections 1 - beta**step with step a float;
              denom = sqrt(v) / sqrt(1 - beta2**step) + eps
"""

import inspect
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

PI = math.pi


# ---------------------------------------------------------------- landscapes

def risk(p):
    x = p[0]
    return x * torch.cos(PI * x)


def empirical_risk(p):
    x = p[0]
    return x * torch.cos(PI * x) + 0.2 * torch.cos(5 * PI * x)


def cubic(p):
    x = p[0]
    return x ** 3


def tanh(p):
    x = p[0]
    return torch.tanh(x)


def saddle(p):
    x, y = p[0], p[1]
    return x ** 2 - y ** 2


def quadratic(p):
    x = p[0]
    return x ** 2


def cosh(p):
    x = p[0]
    return torch.cosh(0.5 * x)


def nonconvex(p):
    x = p[0]
    return x * torch.cos(0.15 * PI * x)


def elliptic(p):
    x1, x2 = p[0], p[1]
    return x1 ** 2 + 2 * x2 ** 2


def ill_conditioned(p):
    x1, x2 = p[0], p[1]
    return 0.1 * x1 ** 2 + 2 * x2 ** 2


# name -> (function, domain as ((lo, hi), ...) per coordinate)
FUNCTIONS = {
    "risk": (risk, ((-1.0, 2.0),)),
    "empirical-risk": (empirical_risk, ((0.5, 1.5),)),
    "cubic": (cubic, ((-2.0, 2.0),)),
    "tanh": (tanh, ((-2.0, 5.0),)),
    "saddle": (saddle, ((-1.0, 1.0), (-1.0, 1.0))),
    "quadratic": (quadratic, ((-10.0, 10.0),)),
    "cosh": (cosh, ((-12.0, 12.0),)),
    "nonconvex": (nonconvex, ((-15.0, 15.0),)),
    "elliptic": (elliptic, ((-5.5, 1.0), (-3.0, 1.0))),
    "ill-conditioned": (ill_conditioned, ((-5.5, 1.0), (-3.0, 1.0))),
}


# ---------------------------------------------------------------- optimizers

# The hyperparameters each optimizer uses (header order) with torch's
# defaults (sgd has no default lr in torch; optiviz uses 0.1). Same sets as
# kind_fields in src/core/optim.c.
OPTIMIZERS = {
    "sgd": [("lr", 0.1), ("momentum", 0.0), ("dampening", 0.0), ("nesterov", False),
            ("weight_decay", 0.0)],
    "adagrad": [("lr", 1e-2), ("lr_decay", 0.0), ("weight_decay", 0.0),
                ("initial_accumulator", 0.0), ("eps", 1e-10)],
    "rmsprop": [("lr", 1e-2), ("alpha", 0.99), ("eps", 1e-8), ("weight_decay", 0.0),
                ("momentum", 0.0), ("centered", False)],
    "adadelta": [("lr", 1.0), ("rho", 0.9), ("eps", 1e-6), ("weight_decay", 0.0)],
    "adam": [("lr", 1e-3), ("beta1", 0.9), ("beta2", 0.999), ("eps", 1e-8),
             ("weight_decay", 0.0), ("amsgrad", False)],
    "adamw": [("lr", 1e-3), ("beta1", 0.9), ("beta2", 0.999), ("eps", 1e-8),
              ("weight_decay", 1e-2), ("amsgrad", False)],
}

BOOL_FIELDS = {"nesterov", "centered", "amsgrad"}


def make_optimizer(optimizer, param, hp):
    if optimizer == "sgd":
        cls = torch.optim.SGD
        kw = dict(lr=hp["lr"], momentum=hp["momentum"], dampening=hp["dampening"],
                  nesterov=hp["nesterov"], weight_decay=hp["weight_decay"])
    elif optimizer == "adagrad":
        cls = torch.optim.Adagrad
        kw = dict(lr=hp["lr"], lr_decay=hp["lr_decay"], weight_decay=hp["weight_decay"],
                  initial_accumulator_value=hp["initial_accumulator"], eps=hp["eps"])
    elif optimizer == "rmsprop":
        cls = torch.optim.RMSprop
        kw = dict(lr=hp["lr"], alpha=hp["alpha"], eps=hp["eps"],
                  weight_decay=hp["weight_decay"], momentum=hp["momentum"],
                  centered=hp["centered"])
    elif optimizer == "adadelta":
        cls = torch.optim.Adadelta
        kw = dict(lr=hp["lr"], rho=hp["rho"], eps=hp["eps"], weight_decay=hp["weight_decay"])
    elif optimizer == "adam":
        cls = torch.optim.Adam
        kw = dict(lr=hp["lr"], betas=(hp["beta1"], hp["beta2"]), eps=hp["eps"],
                  weight_decay=hp["weight_decay"], amsgrad=hp["amsgrad"])
    elif optimizer == "adamw":
        cls = torch.optim.AdamW
        kw = dict(lr=hp["lr"], betas=(hp["beta1"], hp["beta2"]), eps=hp["eps"],
                  weight_decay=hp["weight_decay"], amsgrad=hp["amsgrad"])
    else:
        raise ValueError("unknown optimizer %r" % optimizer)
    if "foreach" in inspect.signature(cls.__init__).parameters:
        kw["foreach"] = False  # the single-tensor code path, as src/core/optim.c
    return cls([param], **kw)


# ---------------------------------------------------------------- schedules

# name -> the parameters written to the header, in order
SCHEDULES = {
    "factor": ("factor", "floor"),
    "multistep": ("gamma", "milestones"),
    "cosine": ("warmup", "final_lr", "max_steps"),
    "sqrt": (),
}


def schedule_lr(s, base, t):
    """The lr of step t (t = 0 for the first), as src/core/schedule.c."""
    kind = s["schedule"]
    if kind == "factor":
        return max(s["floor"], base * s["factor"] ** t)
    if kind == "multistep":
        k = sum(1 for m in s["milestones"] if m <= t)
        return base * s["gamma"] ** k
    if kind == "cosine":
        warmup, final, max_steps = s["warmup"], s["final_lr"], s["max_steps"]
        if t < warmup:
            return base * t / warmup
        if t <= max_steps:
            return final + (base - final) * (
                1 + math.cos(PI * (t - warmup) / (max_steps - warmup))) / 2
        return final
    if kind == "sqrt":
        return base / math.sqrt(t + 1)
    raise ValueError("unknown schedule %r" % kind)


def factor(factor, floor):
    return dict(schedule="factor", factor=float(factor), floor=float(floor))


def multistep(gamma, milestones):
    ms = tuple(int(m) for m in milestones)
    assert list(ms) == sorted(set(ms)), ms
    return dict(schedule="multistep", gamma=float(gamma), milestones=ms)


def cosine(warmup, final_lr, max_steps):
    assert 0 <= warmup < max_steps
    return dict(schedule="cosine", warmup=int(warmup), final_lr=float(final_lr),
                max_steps=int(max_steps))


def sqrt_schedule():
    return dict(schedule="sqrt")


# ---------------------------------------------------------------- cases

def case(optimizer, name, function, start, steps, schedule=None, **hp):
    fields = OPTIMIZERS[optimizer]
    known = {k for k, _ in fields}
    for k in hp:
        if k not in known:
            raise ValueError("%s_%s: %s does not use %r" % (optimizer, name, optimizer, k))
    values = {}
    for k, default in fields:
        v = hp.get(k, default)
        values[k] = bool(v) if k in BOOL_FIELDS else float(v)
    start = tuple(float(s) for s in start)
    _, domain = FUNCTIONS[function]
    assert len(start) == len(domain), (name, start)
    for s, (lo, hi) in zip(start, domain):
        assert lo <= s <= hi, "%s_%s: start %r outside %s" % (optimizer, name, start, domain)
    return dict(optimizer=optimizer, name=name, function=function, start=start,
                steps=int(steps), hp=values, schedule=schedule)


def sgd(name, function, start, steps, **kw):
    return case("sgd", name, function, start, steps, **kw)


def adagrad(name, function, start, steps, **kw):
    return case("adagrad", name, function, start, steps, **kw)


def rmsprop(name, function, start, steps, **kw):
    return case("rmsprop", name, function, start, steps, **kw)


def adadelta(name, function, start, steps, **kw):
    return case("adadelta", name, function, start, steps, **kw)


def adam(name, function, start, steps, **kw):
    return case("adam", name, function, start, steps, **kw)


def adamw(name, function, start, steps, **kw):
    return case("adamw", name, function, start, steps, **kw)


CASES = [
    # ---- sgd
    # plain gradient descent
    sgd("gd-empirical-risk", "empirical-risk", (1.2,), 60, lr=0.01),
    sgd("gd-risk", "risk", (-0.9,), 40, lr=0.05),
    sgd("gd-cubic", "cubic", (1.5,), 40, lr=0.05),
    sgd("gd-tanh", "tanh", (4.0,), 30, lr=0.5),
    sgd("gd-saddle", "saddle", (0.8, 0.01), 40, lr=0.1),
    # heavy-ball momentum
    sgd("momentum-risk", "risk", (1.9,), 60, lr=0.05, momentum=0.9),
    sgd("momentum-saddle", "saddle", (0.5, -0.2), 40, lr=0.05, momentum=0.9),
    sgd("momentum-empirical-risk", "empirical-risk", (0.6,), 60, lr=0.005, momentum=0.9),
    sgd("momentum-cubic", "cubic", (0.8,), 40, lr=0.02, momentum=0.5),
    # momentum + dampening
    sgd("dampening-risk", "risk", (-0.5,), 50, lr=0.03, momentum=0.9, dampening=0.5),
    sgd("dampening-tanh", "tanh", (1.0,), 40, lr=0.5, momentum=0.8, dampening=0.3),
    # nesterov
    sgd("nesterov-cubic", "cubic", (1.0,), 30, lr=0.02, momentum=0.9, nesterov=True),
    sgd("nesterov-saddle", "saddle", (-0.7, 0.05), 40, lr=0.05, momentum=0.9, nesterov=True),
    sgd("nesterov-empirical-risk", "empirical-risk", (1.45,), 60, lr=0.004,
        momentum=0.9, nesterov=True),
    sgd("nesterov-risk", "risk", (0.3,), 40, lr=0.02, momentum=0.9, nesterov=True),
    # weight decay
    sgd("wd-risk", "risk", (1.5,), 40, lr=0.05, weight_decay=0.1),
    sgd("wd-momentum-saddle", "saddle", (0.3, 0.3), 40, lr=0.1, momentum=0.5,
        weight_decay=0.5),
    sgd("wd-nesterov-tanh", "tanh", (-1.5,), 40, lr=0.3, momentum=0.7,
        nesterov=True, weight_decay=0.01),
    sgd("wd-dampening-empirical-risk", "empirical-risk", (0.55,), 50, lr=0.01,
        momentum=0.6, dampening=0.2, weight_decay=0.05),
    sgd("wd-cubic", "cubic", (0.9,), 30, lr=0.05, weight_decay=0.2),
    # large learning rate: blows up (x**3 from a negative start runs to -inf)
    sgd("diverge-cubic", "cubic", (-1.0,), 8, lr=0.3),
    # the other landscapes (d2l 12.3 / 12.6 settings)
    sgd("gd-quadratic", "quadratic", (10.0,), 30, lr=0.2),
    sgd("gd-nonconvex", "nonconvex", (10.0,), 30, lr=0.2),
    sgd("momentum-ill-conditioned", "ill-conditioned", (-5.0, -2.0), 60, lr=0.4,
        momentum=0.5),
    sgd("nesterov-elliptic", "elliptic", (-5.0, -2.0), 40, lr=0.05, momentum=0.8,
        nesterov=True),

    # ---- adagrad
    adagrad("defaults-risk", "risk", (1.5,), 40),
    adagrad("d2l-ill-conditioned", "ill-conditioned", (-5.0, -2.0), 40, lr=0.4),
    adagrad("lr-decay-quadratic", "quadratic", (8.0,), 40, lr=2.0, lr_decay=0.05),
    adagrad("initial-accumulator-elliptic", "elliptic", (-5.0, -2.0), 40, lr=1.0,
            initial_accumulator=0.5),
    adagrad("wd-cosh", "cosh", (10.0,), 40, lr=1.0, weight_decay=0.1),
    adagrad("eps-tanh", "tanh", (3.0,), 40, lr=0.3, eps=1e-3),
    adagrad("all-nonconvex", "nonconvex", (10.0,), 50, lr=1.5, lr_decay=0.01,
            weight_decay=0.02, initial_accumulator=0.1, eps=1e-6),

    # ---- rmsprop
    rmsprop("d2l-ill-conditioned", "ill-conditioned", (-5.0, -2.0), 40, lr=0.4, alpha=0.9),
    rmsprop("defaults-empirical-risk", "empirical-risk", (0.7,), 40),
    rmsprop("centered-quadratic", "quadratic", (6.0,), 40, lr=0.3, alpha=0.9, centered=True),
    rmsprop("momentum-elliptic", "elliptic", (-5.0, -2.0), 40, lr=0.05, alpha=0.9,
            momentum=0.5),
    rmsprop("centered-momentum-saddle", "saddle", (0.6, 0.02), 40, lr=0.002, alpha=0.95,
            momentum=0.7, centered=True),
    rmsprop("wd-nonconvex", "nonconvex", (-10.0,), 40, lr=0.2, alpha=0.9, weight_decay=0.1),
    rmsprop("eps-cosh", "cosh", (-8.0,), 40, lr=0.5, alpha=0.8, eps=0.1),

    # ---- adadelta
    adadelta("defaults-quadratic", "quadratic", (5.0,), 40),
    adadelta("d2l-ill-conditioned", "ill-conditioned", (-5.0, -2.0), 60, lr=1.0, rho=0.9,
             eps=1e-5),
    adadelta("wd-cosh", "cosh", (10.0,), 50, lr=1.0, rho=0.95, eps=1e-4, weight_decay=0.5),
    adadelta("lr-risk", "risk", (1.8,), 50, lr=2.0, rho=0.8, eps=1e-4),

    # ---- adam
    adam("defaults-risk", "risk", (1.5,), 40),
    adam("lr-ill-conditioned", "ill-conditioned", (-5.0, -2.0), 60, lr=0.1),
    adam("amsgrad-nonconvex", "nonconvex", (10.0,), 40, lr=0.5, amsgrad=True),
    adam("amsgrad-elliptic", "elliptic", (-5.0, -2.0), 40, lr=0.2, beta1=0.8, amsgrad=True),
    adam("wd-cosh", "cosh", (-10.0,), 40, lr=0.3, weight_decay=0.1),
    adam("beta1-zero-tanh", "tanh", (2.0,), 40, lr=0.05, beta1=0.0),
    adam("betas-empirical-risk", "empirical-risk", (0.7,), 40, lr=0.01, beta1=0.5,
         beta2=0.9),
    adam("eps-saddle", "saddle", (0.5, 0.05), 30, lr=0.02, eps=1e-2),

    # ---- adamw (decoupled weight decay: x shrinks by lr * wd before the step)
    adamw("defaults-risk", "risk", (1.5,), 40),
    adamw("wd-cosh", "cosh", (-10.0,), 40, lr=0.3, weight_decay=0.1),
    adamw("wd-ill-conditioned", "ill-conditioned", (-5.0, -2.0), 60, lr=0.1, weight_decay=0.5),
    adamw("amsgrad-nonconvex", "nonconvex", (10.0,), 40, lr=0.5, amsgrad=True,
          weight_decay=0.05),
    adamw("amsgrad-elliptic", "elliptic", (-5.0, -2.0), 30, lr=0.1, amsgrad=True),
    adamw("betas-empirical-risk", "empirical-risk", (0.7,), 40, lr=0.01, beta1=0.5,
          beta2=0.9),
    adamw("no-wd-saddle", "saddle", (0.5, 0.05), 30, lr=0.02, weight_decay=0.0),

    # ---- schedules
    sgd("cosine-momentum-ill-conditioned", "ill-conditioned", (-5.0, -2.0), 50, lr=0.4,
        momentum=0.5, schedule=cosine(warmup=5, final_lr=0.01, max_steps=40)),
    sgd("factor-quadratic", "quadratic", (10.0,), 40, lr=0.9,
        schedule=factor(factor=0.9, floor=0.05)),
    sgd("multistep-risk", "risk", (1.8,), 40, lr=0.1, momentum=0.5,
        schedule=multistep(gamma=0.3, milestones=(10, 25))),
    sgd("sqrt-nonconvex", "nonconvex", (10.0,), 40, lr=0.3, schedule=sqrt_schedule()),
    adam("factor-nonconvex", "nonconvex", (10.0,), 50, lr=0.5,
         schedule=factor(factor=0.95, floor=0.05)),
    adam("cosine-elliptic", "elliptic", (-5.0, -2.0), 50, lr=0.3,
         schedule=cosine(warmup=3, final_lr=0.0, max_steps=40)),
    rmsprop("multistep-elliptic", "elliptic", (-5.0, -2.0), 40, lr=0.1, alpha=0.9,
            schedule=multistep(gamma=0.5, milestones=(10, 20, 30))),
    adagrad("sqrt-quadratic", "quadratic", (5.0,), 40, lr=2.0, schedule=sqrt_schedule()),
    adadelta("cosine-cosh", "cosh", (10.0,), 40, lr=2.0, rho=0.9, eps=1e-4,
             schedule=cosine(warmup=0, final_lr=0.2, max_steps=30)),
    adamw("factor-nonconvex", "nonconvex", (10.0,), 50, lr=0.5, weight_decay=0.02,
          schedule=factor(factor=0.95, floor=0.05)),
]


# ---------------------------------------------------------------- running

def fmt(v):
    return "%.17g" % v


def trajectory(c, start):
    fn, _ = FUNCTIONS[c["function"]]
    param = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = make_optimizer(c["optimizer"], param, c["hp"])
    base_lr = c["hp"]["lr"]
    rows = [list(start)]
    for t in range(c["steps"]):
        if c["schedule"] is not None:
            lr = schedule_lr(c["schedule"], base_lr, t)
            for group in opt.param_groups:
                group["lr"] = lr
        opt.zero_grad()
        f = fn(param)
        f.backward()
        opt.step()
        vals = [float(v) for v in param.detach()]
        if not all(math.isfinite(v) for v in vals):
            break
        rows.append(vals)
    return rows


def amplification(c, rows):
    """How much a 1e-12 relative perturbation of the start grows."""
    rel = 1e-12
    start = tuple(s * (1 + rel) if s != 0 else rel for s in c["start"])
    other = trajectory(c, start)
    amp = 0.0
    for a, b in zip(rows, other):
        for u, v in zip(a, b):
            amp = max(amp, abs(u - v) / max(abs(u), 1e-4) / rel)
    return amp


def fmt_value(k, v):
    if k in BOOL_FIELDS:
        return "1" if v else "0"
    return repr(v)


def header(c):
    parts = ["function=%s" % c["function"], "optimizer=%s" % c["optimizer"]]
    for k, _ in OPTIMIZERS[c["optimizer"]]:
        parts.append("%s=%s" % (k, fmt_value(k, c["hp"][k])))
    s = c["schedule"]
    if s is not None:
        parts.append("schedule=%s" % s["schedule"])
        for k in SCHEDULES[s["schedule"]]:
            v = s[k]
            if k == "milestones":
                parts.append("milestones=%s" % ",".join(str(m) for m in v))
            elif isinstance(v, int):
                parts.append("%s=%d" % (k, v))
            else:
                parts.append("%s=%r" % (k, v))
    parts.append("start=%s" % ",".join(repr(x) for x in c["start"]))
    parts.append("steps=%d" % c["steps"])
    return "# " + " ".join(parts)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: /usr/bin/python3 %s OUTDIR\n" % argv[0])
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    names = set()
    fragile = []
    for c in CASES:
        fname = "%s_%s.csv" % (c["optimizer"], c["name"])
        assert fname not in names, fname
        names.add(fname)
        rows = trajectory(c, c["start"])
        if len(rows) < c["steps"] + 1:
            print("note: %s: non-finite iterate at step %d; stopping at row %d"
                  % (fname, len(rows), len(rows) - 1))
        amp = amplification(c, rows) if len(rows) == c["steps"] + 1 else float("nan")
        if amp > 1e3:
            fragile.append((fname, amp))
        dim = len(c["start"])
        path = os.path.join(outdir, fname)
        with open(path, "w") as fh:
            fh.write(header(c) + "\n")
            fh.write("step,x\n" if dim == 1 else "step,x,y\n")
            for k, r in enumerate(rows):
                fh.write(",".join([str(k)] + [fmt(v) for v in r]) + "\n")
        print("wrote %s (%d rows, amp %.3g)" % (path, len(rows), amp))
    for fname, amp in fragile:
        print("warning: %s amplifies a 1e-12 perturbation %.3g times: fragile" % (fname, amp))
    print("%d files" % len(names))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
