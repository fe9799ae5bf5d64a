#!/usr/bin/python3
"""Reference optimizer trajectories for optiviz, generated with torch.optim.

What it makes
-------------
One CSV per case, named <outdir>/sgd_<case-name>.csv, each holding the
iterates of torch.optim.SGD (float64, gradients from torch.autograd) on one
of the optiviz landscapes:

    risk            f(x)   = x*cos(pi*x)
    empirical-risk  g(x)   = x*cos(pi*x) + 0.2*cos(5*pi*x)
    cubic           f(x)   = x**3
    tanh            f(x)   = tanh(x)
    saddle          f(x,y) = x**2 - y**2

File format:
    line 1: # function=NAME optimizer=sgd lr=V momentum=V dampening=V
              nesterov=0|1 weight_decay=V start=X[,Y] steps=N   (one line)
            (values are repr() of Python floats, so they round-trip exactly)
    line 2: step,x        (1D)   or   step,x,y   (2D)
    then up to N+1 rows; row k is the iterate after k optimizer steps
    (row 0 = start), numbers printed with '%.17g'.
If an iterate becomes non-finite, rows stop at the last finite one (so a file
can hold fewer than N+1 rows; the header still records the requested N).

One step = opt.zero_grad(); f = fn(param); f.backward(); opt.step().

How to rerun
------------
Needs Debian's python3-torch (use /usr/bin/python3, not whatever python3 is
first on PATH):

    /usr/bin/python3 tests/gen_reference.py tests/reference

Torch behaviour worth knowing when matching it in C (torch.optim.SGD):
    g = grad + weight_decay * x
    if momentum != 0:
        first step:  buf = g                       (no (1-dampening) factor!)
        later steps: buf = momentum*buf + (1-dampening)*g
        g = g + momentum*buf  if nesterov  else  buf
    x = x - lr * g
"""

import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

PI = math.pi


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


FUNCTIONS = {
    "risk": risk,
    "empirical-risk": empirical_risk,
    "cubic": cubic,
    "tanh": tanh,
    "saddle": saddle,
}


def case(name, function, start, steps, lr, momentum=0.0, dampening=0.0,
         nesterov=False, weight_decay=0.0):
    return dict(name=name, function=function, start=tuple(float(s) for s in start),
                steps=steps, lr=float(lr), momentum=float(momentum),
                dampening=float(dampening), nesterov=bool(nesterov),
                weight_decay=float(weight_decay))


CASES = [
    # plain gradient descent
    case("gd-empirical-risk", "empirical-risk", (1.2,), 60, lr=0.01),
    case("gd-risk", "risk", (-0.9,), 40, lr=0.05),
    case("gd-cubic", "cubic", (1.5,), 40, lr=0.05),
    case("gd-tanh", "tanh", (4.0,), 30, lr=0.5),
    case("gd-saddle", "saddle", (0.8, 0.01), 40, lr=0.1),
    # heavy-ball momentum
    case("momentum-risk", "risk", (1.9,), 60, lr=0.05, momentum=0.9),
    case("momentum-saddle", "saddle", (0.5, -0.2), 40, lr=0.05, momentum=0.9),
    case("momentum-empirical-risk", "empirical-risk", (0.6,), 60, lr=0.005, momentum=0.9),
    case("momentum-cubic", "cubic", (0.8,), 40, lr=0.02, momentum=0.5),
    # momentum + dampening
    case("dampening-risk", "risk", (-0.5,), 50, lr=0.03, momentum=0.9, dampening=0.5),
    case("dampening-tanh", "tanh", (1.0,), 40, lr=0.5, momentum=0.8, dampening=0.3),
    # nesterov
    case("nesterov-cubic", "cubic", (1.0,), 30, lr=0.02, momentum=0.9, nesterov=True),
    case("nesterov-saddle", "saddle", (-0.7, 0.05), 40, lr=0.05, momentum=0.9, nesterov=True),
    case("nesterov-empirical-risk", "empirical-risk", (1.45,), 60, lr=0.004,
         momentum=0.9, nesterov=True),
    case("nesterov-risk", "risk", (0.3,), 40, lr=0.02, momentum=0.9, nesterov=True),
    # weight decay
    case("wd-risk", "risk", (1.5,), 40, lr=0.05, weight_decay=0.1),
    case("wd-momentum-saddle", "saddle", (0.3, 0.3), 40, lr=0.1, momentum=0.5,
         weight_decay=0.5),
    case("wd-nesterov-tanh", "tanh", (-1.5,), 40, lr=0.3, momentum=0.7,
         nesterov=True, weight_decay=0.01),
    case("wd-dampening-empirical-risk", "empirical-risk", (0.55,), 50, lr=0.01,
         momentum=0.6, dampening=0.2, weight_decay=0.05),
    case("wd-cubic", "cubic", (0.9,), 30, lr=0.05, weight_decay=0.2),
    # large learning rate: blows up (x**3 from a negative start runs to -inf)
    case("diverge-cubic", "cubic", (-1.0,), 8, lr=0.3),
]


def fmt(v):
    return "%.17g" % v


def run_case(c):
    fn = FUNCTIONS[c["function"]]
    param = torch.tensor(c["start"], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([param], lr=c["lr"], momentum=c["momentum"],
                          dampening=c["dampening"], nesterov=c["nesterov"],
                          weight_decay=c["weight_decay"])
    rows = [list(c["start"])]
    for k in range(1, c["steps"] + 1):
        opt.zero_grad()
        f = fn(param)
        f.backward()
        opt.step()
        vals = [float(v) for v in param.detach()]
        if not all(math.isfinite(v) for v in vals):
            print("note: %s: non-finite iterate at step %d; stopping at row %d"
                  % (c["name"], k, k - 1))
            break
        rows.append(vals)
    return rows


def header(c):
    start = ",".join(repr(s) for s in c["start"])
    return ("# function=%s optimizer=sgd lr=%r momentum=%r dampening=%r "
            "nesterov=%d weight_decay=%r start=%s steps=%d"
            % (c["function"], c["lr"], c["momentum"], c["dampening"],
               1 if c["nesterov"] else 0, c["weight_decay"], start, c["steps"]))


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: /usr/bin/python3 %s OUTDIR\n" % argv[0])
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    names = set()
    for c in CASES:
        assert c["name"] not in names, c["name"]
        names.add(c["name"])
        rows = run_case(c)
        dim = len(c["start"])
        path = os.path.join(outdir, "sgd_%s.csv" % c["name"])
        with open(path, "w") as fh:
            fh.write(header(c) + "\n")
            fh.write("step,x\n" if dim == 1 else "step,x,y\n")
            for k, r in enumerate(rows):
                fh.write(",".join([str(k)] + [fmt(v) for v in r]) + "\n")
        print("wrote %s (%d rows)" % (path, len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
