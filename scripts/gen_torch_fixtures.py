#!/usr/bin/env python3
"""Generate test/fixtures/torch-conformance.json: PyTorch ground truth for the tconv engine.

Regenerate with:

    npm run fixtures:torch        # runs: /usr/bin/python3 scripts/gen_torch_fixtures.py

Requires PyTorch (Debian: `apt-get install python3-torch`, developed against 1.13). The tests never
need torch: they read the committed JSON. The output is deterministic: every shape, parameter and
value comes from Python's `random.Random(SEED)` (stable across Python versions), all tensors are
float64, and numbers are written with Python's shortest round-trip repr (full float64 precision).

Sections:
  convTranspose  torch.nn.functional.conv_transpose2d / conv_transpose1d results (+ d2l examples)
  conv           torch.nn.functional.conv2d / conv1d results (+ d2l corr2d example)
  rejected       argument combinations torch really rejected, with str(exception) and a reason
                 classified from the message (the script aborts if a message cannot be classified);
                 the 1-D/2-D ones first, then the 3-D ones
  convTranspose3d, conv3d
                 torch.nn.functional.conv_transpose3d / conv3d results (random cases + MONAI-style
                 up-convolutions); drawn after every other section, so adding them left the others unchanged
  outputSize     nn.ConvTranspose2d(...)(x, output_size=requested): accepted (with the
                 output_padding torch derived via _output_padding) or rejected (with the message)
"""

import json
import os
import random
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

SEED = 20240613
OUT_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures",
                        "torch-conformance.json")

# Keep the fixture small: a random case is re-drawn while input + weight + output exceed this many numbers.
MAX_NUMBERS_PER_CASE = 500

rng = random.Random(SEED)


# ----------------------------------------------------------------------------------------------
# helpers

def rand_values(n):
    """n floats uniform in [-1, 1)."""
    return [rng.random() * 2.0 - 1.0 for _ in range(n)]


def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def tensor(flat, shape):
    return torch.tensor(flat, dtype=torch.float64).reshape(shape)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def tr_out_size(i, k, s, p, op, d):
    return (i - 1) * s - 2 * p + d * (k - 1) + op + 1


def conv_out_size(i, k, s, p, d):
    eff = i + 2 * p - d * (k - 1)
    return (eff - 1) // s + 1 if eff >= 1 else eff  # <= 0 means "invalid"


def pick_pair(lo, hi, p_same=0.5):
    """Two per-dimension values in [lo, hi]; equal with probability p_same (else independent)."""
    a = rng.randint(lo, hi)
    if rng.random() < p_same:
        return [a, a]
    return [a, rng.randint(lo, hi)]


def pick_triple(lo, hi, p_same=0.5):
    """Three per-dimension values (D, H, W) in [lo, hi]; all equal with probability p_same."""
    a = rng.randint(lo, hi)
    if rng.random() < p_same:
        return [a, a, a]
    return [a, rng.randint(lo, hi), rng.randint(lo, hi)]


def pick_channels(groups):
    """A channel count in 1..6 divisible by groups."""
    return groups * rng.randint(1, 6 // groups)


def functional(op, dims):
    if op == "convTranspose":
        return {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}[dims]
    return {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[dims]


def run_op(op, dims, x, w, b, stride, padding, output_padding, dilation, groups):
    fn = functional(op, dims)
    if op == "convTranspose":
        return fn(x, w, b, stride=tuple(stride), padding=tuple(padding),
                  output_padding=tuple(output_padding), groups=groups, dilation=tuple(dilation))
    return fn(x, w, b, stride=tuple(stride), padding=tuple(padding), dilation=tuple(dilation), groups=groups)


# ----------------------------------------------------------------------------------------------
# random valid cases

def sample_params(op, dims):
    """Draws one parameter set (shapes and hyper-parameters), not yet checked for size."""
    groups = rng.choice([1, 1, 1, 2, 2, 3])
    cin = pick_channels(groups)
    cout = pick_channels(groups)
    batch = rng.randint(1, 3)
    if dims == 3:
        spatial = pick_triple(1, 5, 0.4)
        kernel = pick_triple(1, 3, 0.5)
        stride = pick_triple(1, 3, 0.5)
        padding = pick_triple(0, 2, 0.5)
        dilation = pick_triple(1, 3, 0.5) if rng.random() < 0.5 else [1, 1, 1]
    elif dims == 2:
        spatial = pick_pair(1, 7, 0.6)
        kernel = pick_pair(1, 5, 0.6)
        stride = pick_pair(1, 3, 0.6)
        padding = pick_pair(0, 3, 0.6)
        dilation = pick_pair(1, 3, 0.6) if rng.random() < 0.5 else [1, 1]
    else:
        spatial = [rng.randint(1, 7)]
        kernel = [rng.randint(1, 5)]
        stride = [rng.randint(1, 3)]
        padding = [rng.randint(0, 3)]
        dilation = [rng.randint(1, 3)] if rng.random() < 0.5 else [1]
    output_padding = None
    if op == "convTranspose":
        output_padding = []
        for s, d in zip(stride, dilation):
            limit = max(s, d)  # torch: output_padding < stride OR < dilation
            output_padding.append(rng.randrange(limit) if rng.random() < 0.6 else 0)
    return dict(groups=groups, cin=cin, cout=cout, batch=batch, spatial=spatial, kernel=kernel,
                stride=stride, padding=padding, dilation=dilation, output_padding=output_padding,
                bias=rng.random() < 0.5)


def output_spatial(op, p):
    if op == "convTranspose":
        return [tr_out_size(i, k, s, pd, op_, d) for i, k, s, pd, op_, d in
                zip(p["spatial"], p["kernel"], p["stride"], p["padding"], p["output_padding"], p["dilation"])]
    return [conv_out_size(i, k, s, pd, d) for i, k, s, pd, d in
            zip(p["spatial"], p["kernel"], p["stride"], p["padding"], p["dilation"])]


def weight_shape(op, p):
    if op == "convTranspose":
        return [p["cin"], p["cout"] // p["groups"]] + p["kernel"]
    return [p["cout"], p["cin"] // p["groups"]] + p["kernel"]


def make_case(case_id, op, dims, p, input_vals=None, weight_vals=None, bias_vals=None):
    in_shape = [p["batch"], p["cin"]] + p["spatial"]
    w_shape = weight_shape(op, p)
    x_vals = input_vals if input_vals is not None else rand_values(numel(in_shape))
    w_vals = weight_vals if weight_vals is not None else rand_values(numel(w_shape))
    if bias_vals is None and p["bias"]:
        bias_vals = rand_values(p["cout"])
    x = tensor(x_vals, in_shape)
    w = tensor(w_vals, w_shape)
    b = tensor(bias_vals, [p["cout"]]) if bias_vals is not None else None
    y = run_op(op, dims, x, w, b, p["stride"], p["padding"], p["output_padding"], p["dilation"], p["groups"])
    assert y.dtype == torch.float64
    expected_shape = [p["batch"], p["cout"]] + output_spatial(op, p)
    assert list(y.shape) == expected_shape, (case_id, list(y.shape), expected_shape)
    case = {
        "id": case_id, "dims": dims,
        "inputShape": in_shape, "input": [float(v) for v in x_vals],
        "weightShape": w_shape, "weight": [float(v) for v in w_vals],
        "bias": [float(v) for v in bias_vals] if bias_vals is not None else None,
        "stride": p["stride"], "padding": p["padding"],
    }
    if op == "convTranspose":
        case["outputPadding"] = p["output_padding"]
    case.update({"dilation": p["dilation"], "groups": p["groups"],
                 "outputShape": list(y.shape), "output": flat(y)})
    return case


def random_cases(op, dims, count, start_index, prefix, max_numbers=MAX_NUMBERS_PER_CASE):
    cases = []
    while len(cases) < count:
        p = sample_params(op, dims)
        out = output_spatial(op, p)
        if min(out) < 1:
            continue
        total = (numel([p["batch"], p["cin"]] + p["spatial"]) + numel(weight_shape(op, p))
                 + numel([p["batch"], p["cout"]] + out))
        if total > max_numbers:
            continue
        cases.append(make_case("%s%03d" % (prefix, start_index + len(cases)), op, dims, p))
    return cases


def check_coverage(name, cases, op):
    """Fail loudly if the random draw missed a required corner of the parameter space."""
    def vals(key):
        out = set()
        for c in cases:
            v = c[key]
            out.update(v if isinstance(v, list) else [v])
        return out

    spatial = set()
    kernel = set()
    channels = set()
    for c in cases:
        spatial.update(c["inputShape"][2:])
        kernel.update(c["weightShape"][2:])
        channels.add(c["inputShape"][1])
        channels.add(c["outputShape"][1])
    need = {
        "batch": ({c["inputShape"][0] for c in cases}, set(range(1, 4))),
        "channels": (channels, set(range(1, 7))),
        "groups": (vals("groups"), {1, 2, 3}),
        "stride": (vals("stride"), {1, 2, 3}),
        "padding": (vals("padding"), {0, 1, 2, 3}),
        "dilation": (vals("dilation"), {1, 2, 3}),
        "kernel": (kernel, set(range(1, 6))),
        "spatial": (spatial, set(range(1, 8))),
        "bias": ({c["bias"] is not None for c in cases}, {True, False}),
    }
    for key, (got, want) in need.items():
        missing = want - got
        assert not missing, "%s: %s values %s never drawn" % (name, key, sorted(missing))
    twod = [c for c in cases if c["dims"] == 2]
    if twod:
        assert any(c["stride"][0] != c["stride"][1] for c in twod), name + ": no asymmetric stride"
        assert any(c["weightShape"][2] != c["weightShape"][3] for c in twod), name + ": no non-square kernel"
    if op == "convTranspose":
        assert any(op_ > 0 for c in cases for op_ in c["outputPadding"]), name + ": no output_padding > 0"
        # output_padding >= stride is legal when it is < dilation; make sure that corner is exercised.
        n_dil = sum(1 for c in cases if any(o >= s for o, s in zip(c["outputPadding"], c["stride"])))
        assert n_dil >= 1, name + ": no case with stride <= output_padding < dilation"


# ----------------------------------------------------------------------------------------------
# 3-D (ConvTranspose3d / Conv3d)

MAX_NUMBERS_PER_3D_CASE = 700


def monai_cases():
    """Hand-picked 3-D layers: MONAI / 3-D U-Net style up-convolutions and the corners a random draw may miss."""
    T = "convTranspose"
    specs = [
        # MONAI UpSample(deconv) / UnetrUpBlock: kernel 2, stride 2, a 2x up-convolution of a small volume
        ("m3t-monai-up", T, dict(groups=1, cin=4, cout=2, batch=1, spatial=[3, 3, 3], kernel=[2, 2, 2],
                                 stride=[2, 2, 2], padding=[0, 0, 0], dilation=[1, 1, 1],
                                 output_padding=[0, 0, 0], bias=True)),
        # pytorch-3dunet: kernel 3, stride 2, padding 1, output_padding 1
        ("m3t-3dunet", T, dict(groups=1, cin=3, cout=2, batch=2, spatial=[2, 3, 3], kernel=[3, 3, 3],
                               stride=[2, 2, 2], padding=[1, 1, 1], dilation=[1, 1, 1],
                               output_padding=[1, 1, 1], bias=True)),
        # anisotropic: up-sample H and W only (stride 1 in depth), a depth of 1
        ("m3t-depth1", T, dict(groups=1, cin=2, cout=3, batch=2, spatial=[1, 3, 2], kernel=[1, 2, 2],
                               stride=[1, 2, 2], padding=[0, 0, 0], dilation=[1, 1, 1],
                               output_padding=[0, 1, 0], bias=False)),
        # output_padding on D only, reaching depth slices no input lands on (they hold the bias)
        ("m3t-opdepth", T, dict(groups=2, cin=2, cout=4, batch=1, spatial=[2, 2, 2], kernel=[1, 2, 2],
                                stride=[3, 1, 1], padding=[0, 0, 0], dilation=[1, 1, 1],
                                output_padding=[2, 0, 0], bias=True)),
        # stride <= output_padding < dilation, in depth
        ("m3t-opdil", T, dict(groups=1, cin=1, cout=2, batch=1, spatial=[2, 2, 3], kernel=[2, 2, 1],
                              stride=[1, 2, 1], padding=[1, 0, 0], dilation=[3, 1, 2],
                              output_padding=[2, 1, 1], bias=True)),
        ("m3c-depth1", "conv", dict(groups=1, cin=2, cout=3, batch=2, spatial=[1, 4, 3], kernel=[1, 2, 2],
                                    stride=[1, 2, 1], padding=[0, 1, 0], dilation=[1, 1, 1],
                                    output_padding=None, bias=True)),
        ("m3c-monai-down", "conv", dict(groups=1, cin=2, cout=4, batch=1, spatial=[4, 4, 4], kernel=[3, 3, 3],
                                        stride=[2, 2, 2], padding=[1, 1, 1], dilation=[1, 1, 1],
                                        output_padding=None, bias=True)),
    ]
    tr, cv = [], []
    for case_id, op, p in specs:
        (tr if op == T else cv).append(make_case(case_id, op, 3, p))
    return tr, cv


def check_coverage_3d(name, cases, op):
    """The 3-D corners the brief asks for: strides, padding, output_padding, dilation, groups, bias, batch > 1,
    a depth of 1, and per-dimension (anisotropic) hyper-parameters."""
    def any_val(key, pred):
        return any(pred(v) for c in cases for v in (c[key] if isinstance(c[key], list) else [c[key]]))

    assert all(c["dims"] == 3 and len(c["inputShape"]) == 5 for c in cases), name
    assert any_val("stride", lambda v: v > 1), name + ": no stride > 1"
    assert any_val("padding", lambda v: v > 0), name + ": no padding"
    assert any_val("dilation", lambda v: v > 1), name + ": no dilation"
    assert any_val("groups", lambda v: v > 1), name + ": no groups"
    assert any(c["bias"] is not None for c in cases) and any(c["bias"] is None for c in cases), name + ": bias"
    assert any(c["inputShape"][0] > 1 for c in cases), name + ": no batch > 1"
    assert any(c["inputShape"][2] == 1 for c in cases), name + ": no depth of 1"
    assert any(len(set(c["stride"])) > 1 for c in cases), name + ": no anisotropic stride"
    assert any(len(set(c["weightShape"][2:])) > 1 for c in cases), name + ": no anisotropic kernel"
    if op == "convTranspose":
        assert any(c["outputPadding"][0] > 0 for c in cases), name + ": no output_padding in depth"
        assert any(o >= s for c in cases for o, s in zip(c["outputPadding"], c["stride"])), \
            name + ": no case with stride <= output_padding < dilation"


# ----------------------------------------------------------------------------------------------
# rejected cases

REASON_PATTERNS = [
    ("output-padding-range", "output padding must be smaller than either stride or dilation"),
    ("output-size-nonpositive", "Output size is too small"),
    ("output-size-nonpositive", "Kernel size can't be greater than actual input size"),
    ("groups-not-divisible", "expected weight to be divisible by"),
    ("groups-not-divisible", "expected weight to be at least"),  # weight.size(0) < groups
    ("channel-mismatch", "channels, but got"),
    ("bias-mismatch", "expected bias to be 1-dimensional"),
    # conv3d / conv_transpose3d with a weight of another rank: torch reads the dimensions from the weight
    ("bad-shape", "to match the convolution dimensions"),
]


def classify(message):
    hits = {reason for reason, pattern in REASON_PATTERNS if pattern in message}
    if len(hits) != 1:
        raise SystemExit("cannot classify torch error message (matches %s): %r" % (sorted(hits), message))
    return hits.pop()


def rejected_case(op, dims, in_shape, w_shape, bias, stride, padding, dilation, groups, output_padding=None,
                  intended=None):
    """Calls torch; returns the recorded case if it raised, None if torch accepted the arguments."""
    if op == "convTranspose" and output_padding is None:
        output_padding = [0] * dims
    x = tensor(rand_values(numel(in_shape)), in_shape)
    w = tensor(rand_values(numel(w_shape)), w_shape)
    cout = w_shape[1] * groups if op == "convTranspose" else w_shape[0]
    b = tensor(rand_values(cout), [cout]) if bias else None
    try:
        run_op(op, dims, x, w, b, stride, padding, output_padding, dilation, groups)
    except Exception as e:  # noqa: BLE001 - we record whatever torch raises
        message = str(e)
        reason = classify(message)
        if intended is not None and reason != intended:
            print("note: %s %s intended %s, torch reported %s: %s" % (op, in_shape, intended, reason, message),
                  file=sys.stderr)
        case = {"id": None, "op": op, "dims": dims, "inputShape": in_shape, "weightShape": w_shape,
                "bias": bool(bias), "stride": stride, "padding": padding}
        if op == "convTranspose":
            case["outputPadding"] = output_padding
        case.update({"dilation": dilation, "groups": groups, "reason": reason, "message": message})
        return case
    print("note: torch accepted %s %s %s stride=%s pad=%s op=%s dil=%s groups=%s (not recorded)"
          % (op, in_shape, w_shape, stride, padding, output_padding, dilation, groups), file=sys.stderr)
    return None


def rejected_cases():
    T, C = "convTranspose", "conv"
    R_OP, R_SIZE, R_GROUPS, R_CH = ("output-padding-range", "output-size-nonpositive",
                                    "groups-not-divisible", "channel-mismatch")
    specs = [
        # --- output_padding out of range: must be < stride or < dilation (per dimension)
        dict(op=T, dims=2, in_shape=[1, 2, 3, 3], w_shape=[2, 2, 3, 3], bias=False, stride=[1, 1], padding=[0, 0],
             output_padding=[1, 1], dilation=[1, 1], groups=1, intended=R_OP),
        dict(op=T, dims=2, in_shape=[1, 1, 4, 4], w_shape=[1, 1, 3, 3], bias=True, stride=[2, 2], padding=[1, 1],
             output_padding=[2, 0], dilation=[1, 1], groups=1, intended=R_OP),
        dict(op=T, dims=2, in_shape=[2, 2, 3, 4], w_shape=[2, 3, 2, 3], bias=True, stride=[2, 3], padding=[0, 1],
             output_padding=[1, 3], dilation=[1, 1], groups=1, intended=R_OP),
        dict(op=T, dims=2, in_shape=[1, 2, 3, 3], w_shape=[2, 1, 3, 3], bias=False, stride=[1, 1], padding=[0, 0],
             output_padding=[3, 0], dilation=[3, 1], groups=1, intended=R_OP),
        dict(op=T, dims=2, in_shape=[1, 4, 3, 3], w_shape=[4, 1, 2, 2], bias=False, stride=[3, 1], padding=[0, 0],
             output_padding=[0, 2], dilation=[2, 2], groups=2, intended=R_OP),
        dict(op=T, dims=2, in_shape=[1, 3, 2, 2], w_shape=[3, 2, 3, 3], bias=True, stride=[2, 2], padding=[1, 1],
             output_padding=[2, 2], dilation=[2, 2], groups=3, intended=R_OP),
        dict(op=T, dims=1, in_shape=[1, 2, 3], w_shape=[2, 3, 3], bias=False, stride=[1], padding=[0],
             output_padding=[1], dilation=[1], groups=1, intended=R_OP),
        dict(op=T, dims=1, in_shape=[2, 1, 5], w_shape=[1, 2, 2], bias=True, stride=[2], padding=[1],
             output_padding=[3], dilation=[3], groups=1, intended=R_OP),
        # --- output size <= 0
        dict(op=T, dims=2, in_shape=[1, 2, 3, 3], w_shape=[2, 2, 3, 3], bias=False, stride=[1, 1], padding=[3, 3],
             dilation=[1, 1], groups=1, intended=R_SIZE),  # -1 x -1
        dict(op=T, dims=2, in_shape=[1, 1, 1, 1], w_shape=[1, 1, 2, 2], bias=True, stride=[1, 1], padding=[1, 1],
             dilation=[1, 1], groups=1, intended=R_SIZE),  # exactly 0 x 0
        dict(op=T, dims=2, in_shape=[1, 2, 3, 3], w_shape=[2, 2, 2, 2], bias=False, stride=[1, 1], padding=[0, 2],
             dilation=[1, 1], groups=1, intended=R_SIZE),  # 4 x 0: one dimension only
        dict(op=T, dims=2, in_shape=[2, 2, 1, 2], w_shape=[2, 1, 1, 3], bias=True, stride=[3, 2], padding=[1, 0],
             output_padding=[1, 0], dilation=[1, 1], groups=2, intended=R_SIZE),  # 0 x 5 even with output_padding
        dict(op=T, dims=1, in_shape=[1, 2, 1], w_shape=[2, 3, 1], bias=False, stride=[1], padding=[2],
             dilation=[1], groups=1, intended=R_SIZE),
        dict(op=T, dims=1, in_shape=[1, 1, 2], w_shape=[1, 1, 2], bias=True, stride=[1], padding=[2],
             dilation=[2], groups=1, intended=R_SIZE),  # 2-1 -4 +2 +1 = 0
        dict(op=C, dims=2, in_shape=[1, 2, 2, 2], w_shape=[2, 2, 3, 3], bias=False, stride=[1, 1], padding=[0, 0],
             dilation=[1, 1], groups=1, intended=R_SIZE),
        dict(op=C, dims=2, in_shape=[1, 2, 3, 3], w_shape=[2, 2, 2, 2], bias=True, stride=[1, 1], padding=[0, 0],
             dilation=[3, 3], groups=1, intended=R_SIZE),  # dilated kernel 4 > 3
        dict(op=C, dims=2, in_shape=[1, 2, 3, 5], w_shape=[3, 2, 4, 2], bias=False, stride=[2, 1], padding=[0, 0],
             dilation=[1, 1], groups=1, intended=R_SIZE),  # one dimension only
        dict(op=C, dims=1, in_shape=[1, 2, 3], w_shape=[2, 2, 2], bias=False, stride=[1], padding=[0],
             dilation=[3], groups=1, intended=R_SIZE),
        dict(op=C, dims=1, in_shape=[2, 1, 1], w_shape=[1, 1, 5], bias=True, stride=[1], padding=[1],
             dilation=[1], groups=1, intended=R_SIZE),
        # --- groups do not divide channels (torch checks weight dim 0: Cin for transposed, Cout for conv)
        dict(op=T, dims=2, in_shape=[1, 3, 3, 3], w_shape=[3, 2, 3, 3], bias=False, stride=[1, 1], padding=[0, 0],
             dilation=[1, 1], groups=2, intended=R_GROUPS),
        dict(op=T, dims=2, in_shape=[1, 5, 2, 2], w_shape=[5, 1, 2, 2], bias=True, stride=[2, 2], padding=[0, 0],
             dilation=[1, 1], groups=3, intended=R_GROUPS),
        dict(op=T, dims=2, in_shape=[1, 4, 2, 3], w_shape=[4, 2, 2, 2], bias=False, stride=[1, 2], padding=[0, 0],
             dilation=[1, 1], groups=3, intended=R_GROUPS),
        dict(op=T, dims=1, in_shape=[1, 1, 4], w_shape=[1, 1, 3], bias=False, stride=[1], padding=[0],
             dilation=[1], groups=2, intended=R_GROUPS),  # Cin < groups: a different torch message
        dict(op=T, dims=1, in_shape=[1, 5, 4], w_shape=[5, 2, 3], bias=True, stride=[2], padding=[1],
             dilation=[1], groups=2, intended=R_GROUPS),
        dict(op=T, dims=2, in_shape=[1, 2, 3, 3], w_shape=[2, 1, 2, 2], bias=False, stride=[1, 1], padding=[0, 0],
             dilation=[1, 1], groups=3, intended=R_GROUPS),  # Cin < groups
        dict(op=C, dims=2, in_shape=[1, 4, 3, 3], w_shape=[3, 2, 3, 3], bias=False, stride=[1, 1], padding=[0, 0],
             dilation=[1, 1], groups=2, intended=R_GROUPS),
        dict(op=C, dims=2, in_shape=[2, 3, 4, 4], w_shape=[5, 1, 2, 2], bias=True, stride=[1, 1], padding=[1, 1],
             dilation=[1, 1], groups=3, intended=R_GROUPS),
        dict(op=C, dims=1, in_shape=[1, 6, 4], w_shape=[4, 2, 2], bias=True, stride=[1], padding=[0],
             dilation=[1], groups=3, intended=R_GROUPS),
        dict(op=C, dims=2, in_shape=[1, 2, 3, 3], w_shape=[1, 1, 2, 2], bias=False, stride=[1, 1], padding=[0, 0],
             dilation=[1, 1], groups=2, intended=R_GROUPS),  # Cout < groups
        # --- channel mismatch between input and weight
        dict(op=T, dims=2, in_shape=[1, 3, 3, 3], w_shape=[2, 2, 3, 3], bias=False, stride=[1, 1], padding=[0, 0],
             dilation=[1, 1], groups=1, intended=R_CH),
        dict(op=T, dims=2, in_shape=[2, 4, 2, 2], w_shape=[6, 1, 2, 2], bias=True, stride=[2, 2], padding=[0, 0],
             dilation=[1, 1], groups=2, intended=R_CH),
        dict(op=T, dims=1, in_shape=[1, 4, 3], w_shape=[2, 3, 3], bias=False, stride=[1], padding=[0],
             dilation=[1], groups=1, intended=R_CH),
        dict(op=C, dims=2, in_shape=[1, 4, 3, 3], w_shape=[2, 3, 3, 3], bias=False, stride=[1, 1], padding=[0, 0],
             dilation=[1, 1], groups=1, intended=R_CH),
        dict(op=C, dims=2, in_shape=[1, 3, 3, 3], w_shape=[2, 3, 3, 3], bias=True, stride=[1, 1], padding=[1, 1],
             dilation=[1, 1], groups=2, intended=R_CH),  # weight says Cin = 3*2 = 6
        dict(op=C, dims=2, in_shape=[1, 3, 4, 4], w_shape=[2, 1, 2, 2], bias=False, stride=[1, 1], padding=[0, 0],
             dilation=[1, 1], groups=2, intended=R_CH),  # Cin=3 not divisible by groups: torch says channels
        dict(op=C, dims=1, in_shape=[2, 2, 5], w_shape=[3, 3, 2], bias=False, stride=[2], padding=[0],
             dilation=[1], groups=1, intended=R_CH),
    ]
    cases = []
    for spec in specs:
        case = rejected_case(**spec)
        if case is not None:
            case["id"] = "r%03d" % len(cases)
            cases.append(case)
    counts = {}
    for c in cases:
        counts[c["reason"]] = counts.get(c["reason"], 0) + 1
    for reason in (R_OP, R_SIZE, R_GROUPS, R_CH):
        assert counts.get(reason, 0) >= 4, "rejected: only %d cases for %s" % (counts.get(reason, 0), reason)
    assert len(cases) >= 24, "rejected: only %d cases" % len(cases)
    return cases


def rejected_cases_3d(start_index):
    T, C = "convTranspose", "conv"
    R_OP, R_SIZE, R_GROUPS, R_CH, R_BIAS, R_RANK = ("output-padding-range", "output-size-nonpositive",
                                                    "groups-not-divisible", "channel-mismatch", "bias-mismatch",
                                                    "bad-shape")
    one, zero = [1, 1, 1], [0, 0, 0]
    specs = [
        # --- output_padding out of range, in each dimension
        dict(op=T, dims=3, in_shape=[1, 2, 3, 3, 3], w_shape=[2, 2, 3, 3, 3], bias=False, stride=[1, 2, 2],
             padding=zero, output_padding=[1, 1, 0], dilation=one, groups=1, intended=R_OP),
        dict(op=T, dims=3, in_shape=[1, 2, 3, 3, 3], w_shape=[2, 2, 3, 3, 3], bias=True, stride=[2, 2, 2],
             padding=one, output_padding=[0, 0, 2], dilation=one, groups=1, intended=R_OP),
        dict(op=T, dims=3, in_shape=[1, 2, 2, 2, 2], w_shape=[2, 1, 2, 2, 2], bias=False, stride=[2, 1, 1],
             padding=zero, output_padding=[0, 2, 0], dilation=[1, 2, 1], groups=2, intended=R_OP),
        dict(op=T, dims=3, in_shape=[1, 1, 2, 2, 2], w_shape=[1, 1, 2, 2, 2], bias=False, stride=[2, 2, 2],
             padding=[3, 0, 0], output_padding=[1, 0, 0], dilation=[2, 1, 1], groups=1, intended=R_SIZE),
        # --- output size <= 0
        dict(op=T, dims=3, in_shape=[1, 2, 3, 3, 3], w_shape=[2, 2, 3, 3, 3], bias=False, stride=one,
             padding=[3, 0, 0], dilation=one, groups=1, intended=R_SIZE),  # -1 x 5 x 5
        dict(op=T, dims=3, in_shape=[2, 2, 1, 3, 3], w_shape=[2, 2, 2, 3, 3], bias=True, stride=one,
             padding=one, dilation=one, groups=1, intended=R_SIZE),  # exactly 0 in depth
        dict(op=T, dims=3, in_shape=[1, 1, 2, 2, 2], w_shape=[1, 1, 1, 1, 1], bias=False, stride=[1, 1, 3],
             padding=[0, 2, 2], dilation=one, groups=1, intended=R_SIZE),  # H and W only
        dict(op=C, dims=3, in_shape=[1, 2, 2, 3, 3], w_shape=[2, 2, 3, 3, 3], bias=False, stride=one,
             padding=zero, dilation=one, groups=1, intended=R_SIZE),
        dict(op=C, dims=3, in_shape=[1, 1, 4, 4, 4], w_shape=[1, 1, 2, 2, 2], bias=True, stride=one,
             padding=zero, dilation=[1, 1, 4], groups=1, intended=R_SIZE),  # dilated kernel 5 > 4 in W
        # --- groups
        dict(op=T, dims=3, in_shape=[1, 3, 2, 2, 2], w_shape=[3, 2, 2, 2, 2], bias=False, stride=one,
             padding=zero, dilation=one, groups=2, intended=R_GROUPS),
        dict(op=T, dims=3, in_shape=[1, 1, 2, 2, 2], w_shape=[1, 2, 2, 2, 2], bias=False, stride=one,
             padding=zero, dilation=one, groups=2, intended=R_GROUPS),  # Cin < groups
        dict(op=C, dims=3, in_shape=[1, 4, 3, 3, 3], w_shape=[3, 2, 3, 3, 3], bias=False, stride=one,
             padding=zero, dilation=one, groups=2, intended=R_GROUPS),
        dict(op=C, dims=3, in_shape=[1, 4, 3, 3, 3], w_shape=[1, 2, 3, 3, 3], bias=True, stride=one,
             padding=zero, dilation=one, groups=2, intended=R_GROUPS),  # Cout < groups
        # --- channel mismatch
        dict(op=T, dims=3, in_shape=[1, 3, 3, 3, 3], w_shape=[2, 2, 3, 3, 3], bias=False, stride=one,
             padding=zero, dilation=one, groups=1, intended=R_CH),
        dict(op=T, dims=3, in_shape=[2, 4, 2, 2, 2], w_shape=[6, 1, 2, 2, 2], bias=True, stride=[2, 2, 2],
             padding=zero, dilation=one, groups=2, intended=R_CH),
        dict(op=C, dims=3, in_shape=[1, 4, 3, 3, 3], w_shape=[2, 3, 3, 3, 3], bias=False, stride=one,
             padding=zero, dilation=one, groups=1, intended=R_CH),
        dict(op=C, dims=3, in_shape=[1, 3, 3, 3, 3], w_shape=[2, 3, 3, 3, 3], bias=True, stride=one,
             padding=one, dilation=one, groups=2, intended=R_CH),
        # --- weight of another rank than the 3-D operation
        dict(op=T, dims=3, in_shape=[1, 2, 3, 3, 3], w_shape=[2, 2, 3, 3], bias=False, stride=[2, 2, 2],
             padding=zero, dilation=one, groups=1, intended=R_RANK),
        dict(op=T, dims=3, in_shape=[1, 2, 3, 3, 3], w_shape=[2, 2, 3, 3, 3, 3], bias=False, stride=[1, 2, 1],
             padding=zero, dilation=one, groups=1, intended=R_RANK),
        dict(op=C, dims=3, in_shape=[1, 2, 3, 3, 3], w_shape=[2, 2, 3], bias=False, stride=[1, 2, 3],
             padding=zero, dilation=one, groups=1, intended=R_RANK),
    ]
    cases = []
    for spec in specs:
        case = rejected_case(**spec)
        if case is not None:
            case["id"] = "r%03d" % (start_index + len(cases))
            cases.append(case)
    reasons = {c["reason"] for c in cases}
    for reason in (R_OP, R_SIZE, R_GROUPS, R_CH, R_RANK):
        assert reason in reasons, "rejected 3-D: no case for %s" % reason
    return cases


# ----------------------------------------------------------------------------------------------
# output_size -> output_padding (nn.ConvTranspose2d)

def output_size_cases():
    configs = [
        # inputSize, stride, padding, dilation, kernel
        ([3, 3], [2, 2], [1, 1], [1, 1], [3, 3]),
        ([4, 5], [3, 2], [0, 1], [1, 1], [2, 3]),
        ([2, 2], [3, 3], [1, 1], [1, 1], [4, 4]),
        ([3, 3], [1, 1], [0, 0], [1, 1], [3, 3]),
        ([3, 3], [2, 2], [1, 1], [3, 3], [3, 3]),  # dilation > stride: does dilation widen the range? (no)
        ([5, 2], [1, 3], [2, 0], [2, 1], [3, 2]),
        ([1, 1], [3, 2], [0, 0], [1, 3], [1, 2]),
        ([6, 4], [2, 1], [3, 1], [1, 2], [5, 3]),
        ([3, 2], [1, 1], [0, 1], [3, 2], [2, 3]),  # stride 1: a single valid size even though dilation > 1
    ]
    cases = []
    direct_ok = []  # rejected by output_size although conv_transpose2d accepts the implied output_padding
    x_vals_cache = {}

    def add(inp, stride, padding, dilation, kernel, requested):
        mins = [tr_out_size(i, k, s, p, 0, d) for i, k, s, p, d in zip(inp, kernel, stride, padding, dilation)]
        assert min(mins) >= 1
        module = torch.nn.ConvTranspose2d(1, 1, kernel_size=tuple(kernel), stride=tuple(stride),
                                          padding=tuple(padding), dilation=tuple(dilation))
        key = tuple(inp)
        if key not in x_vals_cache:
            x_vals_cache[key] = tensor(rand_values(numel(inp)), [1, 1] + inp)
        x = x_vals_cache[key]
        case = {"id": "o%03d" % len(cases), "inputSize": inp, "stride": stride, "padding": padding,
                "dilation": dilation, "kernel": kernel, "requested": requested}
        try:
            op = module._output_padding(x, requested, list(stride), list(padding), list(kernel), 2,
                                        list(dilation))
            y = module(x, output_size=requested)
        except ValueError as e:
            case["ok"] = False
            case["message"] = str(e)
            # Check the rule we document: valid iff min <= r <= min + stride - 1 in every dimension.
            assert any(not (m <= r <= m + s - 1) for m, r, s in zip(mins, requested, stride)), case
            assert case["message"].startswith("requested an output size of "), case
            # The same output_padding passed directly may still be legal (it only has to be < stride OR
            # < dilation): output_size is stricter than conv_transpose2d itself.
            op_direct = [r - m for r, m in zip(requested, mins)]
            if all(0 <= o < max(s, d) for o, s, d in zip(op_direct, stride, dilation)):
                y = F.conv_transpose2d(x, module.weight, module.bias, stride=tuple(stride), padding=tuple(padding),
                                       output_padding=tuple(op_direct), dilation=tuple(dilation))
                assert list(y.shape[2:]) == requested
                direct_ok.append(case["id"])
        else:
            assert list(y.shape[2:]) == requested, (case, list(y.shape))
            op = [int(v) for v in op]
            assert op == [r - m for r, m in zip(requested, mins)], (case, op)
            assert all(m <= r <= m + s - 1 for m, r, s in zip(mins, requested, stride)), case
            case["ok"] = True
            case["outputPadding"] = op
        cases.append(case)

    for inp, stride, padding, dilation, kernel in configs:
        mins = [tr_out_size(i, k, s, p, 0, d) for i, k, s, p, d in zip(inp, kernel, stride, padding, dilation)]
        maxs = [m + s - 1 for m, s in zip(mins, stride)]
        requests = [
            list(mins),
            list(maxs),
            [m - 1 for m in mins],
            [m + 1 for m in maxs],
            [mins[0], maxs[1] + 1],  # one dimension in range, the other not
        ]
        if stride[0] >= 3:
            requests.append([mins[0] + 1, mins[1]])  # strictly inside
        # dilation > stride: output_padding up to dilation-1 is legal for conv_transpose2d directly,
        # but output_size only admits [min, min + stride - 1].
        # Request min + dilation - 1 where dilation > stride (i.e. output_padding = dilation - 1 >= stride).
        if any(d > s for d, s in zip(dilation, stride)):
            requests.append([m + (d - 1 if d > s else 0) for m, d, s in zip(mins, dilation, stride)])
        seen = set()
        for r in requests:
            if min(r) < 1 or tuple(r) in seen:
                continue
            seen.add(tuple(r))
            add(inp, stride, padding, dilation, kernel, r)
    n_ok = sum(1 for c in cases if c["ok"])
    assert len(cases) >= 30 and n_ok >= 10 and len(cases) - n_ok >= 10, (len(cases), n_ok)
    print("outputSize: rejected by output_size but accepted as explicit output_padding: %s"
          % ", ".join(direct_ok), file=sys.stderr)
    return cases


# ----------------------------------------------------------------------------------------------
# d2l examples (https://d2l.ai, chapters "Transposed Convolution" and "Convolutions for Images")

def d2l_cases():
    base = dict(groups=1, cin=1, cout=1, batch=1, spatial=[2, 2], kernel=[2, 2], dilation=[1, 1],
                output_padding=[0, 0], bias=False)
    x = [0.0, 1.0, 2.0, 3.0]
    k = [0.0, 1.0, 2.0, 3.0]
    tr = []
    for case_id, stride, padding, expected in [
        ("d2l-basic", [1, 1], [0, 0], [[0, 0, 1], [0, 4, 6], [4, 12, 9]]),
        ("d2l-padding1", [1, 1], [1, 1], [[4]]),
        ("d2l-stride2", [2, 2], [0, 0], [[0, 0, 0, 1], [0, 0, 2, 3], [0, 2, 0, 3], [4, 6, 6, 9]]),
    ]:
        p = dict(base, stride=stride, padding=padding)
        case = make_case(case_id, "convTranspose", 2, p, input_vals=x, weight_vals=k)
        assert case["outputShape"] == [1, 1, len(expected), len(expected[0])], case_id
        assert case["output"] == [float(v) for row in expected for v in row], (case_id, case["output"])
        tr.append(case)
    p = dict(base, spatial=[3, 3], stride=[1, 1], padding=[0, 0], output_padding=None)
    conv = make_case("d2l-corr2d", "conv", 2, p, input_vals=[float(v) for v in range(9)],
                     weight_vals=[1.0, 2.0, 3.0, 4.0])
    assert conv["output"] == [27.0, 37.0, 57.0, 67.0], conv["output"]
    return tr, [conv]


# ----------------------------------------------------------------------------------------------

def dump(doc):
    """One case per line: readable diffs, compact file. Floats use json's repr (round-trip exact)."""
    def enc(v):
        return json.dumps(v, separators=(",", ":"), allow_nan=False)

    lines = ["{"]
    lines.append('  "generator": %s,' % enc(doc["generator"]))
    lines.append('  "torch": %s,' % enc(doc["torch"]))
    keys = ["convTranspose", "conv", "rejected", "outputSize", "convTranspose3d", "conv3d"]
    for ki, key in enumerate(keys):
        lines.append('  %s: [' % enc(key))
        items = doc[key]
        for i, item in enumerate(items):
            lines.append("    " + enc(item) + ("," if i + 1 < len(items) else ""))
        lines.append("  ]" + ("," if ki + 1 < len(keys) else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    d2l_tr, d2l_conv = d2l_cases()
    tr2 = random_cases("convTranspose", 2, 130, 0, "t")
    tr1 = random_cases("convTranspose", 1, 24, len(tr2), "t")
    check_coverage("convTranspose", tr2 + tr1, "convTranspose")
    cv2 = random_cases("conv", 2, 64, 0, "c")
    cv1 = random_cases("conv", 1, 16, len(cv2), "c")
    check_coverage("conv", cv2 + cv1, "conv")
    doc = {
        "generator": "scripts/gen_torch_fixtures.py",
        "torch": torch.__version__,
        "convTranspose": d2l_tr + tr2 + tr1,
        "conv": d2l_conv + cv2 + cv1,
        "rejected": rejected_cases(),
        "outputSize": output_size_cases(),
    }
    # 3-D last: every draw above is the same as before the 3-D sections existed.
    m3_tr, m3_cv = monai_cases()
    tr3 = random_cases("convTranspose", 3, 36, 0, "t3-", MAX_NUMBERS_PER_3D_CASE)
    check_coverage_3d("convTranspose3d", m3_tr + tr3, "convTranspose")
    cv3 = random_cases("conv", 3, 24, 0, "c3-", MAX_NUMBERS_PER_3D_CASE)
    check_coverage_3d("conv3d", m3_cv + cv3, "conv")
    doc["convTranspose3d"] = m3_tr + tr3
    doc["conv3d"] = m3_cv + cv3
    doc["rejected"] = doc["rejected"] + rejected_cases_3d(len(doc["rejected"]))
    text = dump(doc)
    assert json.loads(text) == doc
    os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
    with open(OUT_PATH, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s (%d bytes): convTranspose=%d conv=%d rejected=%d outputSize=%d convTranspose3d=%d conv3d=%d"
          % (os.path.relpath(OUT_PATH), len(text.encode("utf-8")), len(doc["convTranspose"]), len(doc["conv"]),
             len(doc["rejected"]), len(doc["outputSize"]), len(doc["convTranspose3d"]), len(doc["conv3d"])))


# ----------------------------------------------------------------------------------------------
# chain layers (issue 13): pooling and upsampling, in their own file and with their own random stream, so
# the sections above draw exactly what they drew before.

CHAIN_OPS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures",
                              "torch-chain-ops.json")


def chain_op_cases():
    r = random.Random(SEED + 13)
    cases = []

    def values(n):
        return [r.random() * 2.0 - 1.0 for _ in range(n)]

    def add(case_id, kind, dims, in_shape, options, fn):
        x = tensor(values(numel(in_shape)), in_shape)
        y = fn(x)
        cases.append({"id": case_id, "kind": kind, "dims": dims, "inputShape": in_shape, "input": flat(x),
                      "options": options, "outputShape": list(y.shape), "output": flat(y)})

    for i in range(40):
        dims = 2 if i % 4 else 1
        kind = "maxPool" if i % 2 == 0 else "avgPool"
        k = [r.randint(1, 4) for _ in range(dims)]
        s = [r.randint(1, 3) for _ in range(dims)]
        p = [r.randint(0, kk // 2) for kk in k]
        d = [r.randint(1, 2) if kind == "maxPool" else 1 for _ in range(dims)]
        ceil = r.random() < 0.5
        cip = r.random() < 0.5
        spatial = [r.randint(max(1, (dd * (kk - 1) + 1) - 2 * pp), 9) for kk, dd, pp in zip(k, d, p)]
        in_shape = [r.randint(1, 2), r.randint(1, 3)] + spatial
        options = {"kernel": k, "stride": s, "padding": p, "dilation": d, "ceilMode": ceil, "countIncludePad": cip}
        if kind == "maxPool":
            f = F.max_pool2d if dims == 2 else F.max_pool1d
            fn = lambda x, f=f, k=k, s=s, p=p, d=d, ceil=ceil: f(x, k, s, p, d, ceil_mode=ceil)
        else:
            f = F.avg_pool2d if dims == 2 else F.avg_pool1d
            fn = lambda x, f=f, k=k, s=s, p=p, ceil=ceil, cip=cip: f(x, k, s, p, ceil_mode=ceil, count_include_pad=cip)
        add("%s%02d" % (kind, i), kind, dims, in_shape, options, fn)

    for i in range(40):
        dims = 2 if i % 4 else 1
        mode = "nearest" if r.random() < 0.5 else ("linear" if dims == 1 else "bilinear")
        spatial = [r.randint(1, 7) for _ in range(dims)]
        in_shape = [1, r.randint(1, 2)] + spatial
        options = {"mode": mode}
        kwargs = {"mode": mode}
        if r.random() < 0.5:
            sf = [r.randint(1, 3) for _ in range(dims)]
            options["scaleFactor"] = sf
            kwargs["scale_factor"] = tuple(float(v) for v in sf)
        else:
            size = [r.randint(1, 11) for _ in range(dims)]
            options["size"] = size
            kwargs["size"] = tuple(size)
        if mode != "nearest":
            ac = r.random() < 0.5
            options["alignCorners"] = ac
            kwargs["align_corners"] = ac
        add("upsample%02d" % i, "upsample", dims, in_shape, options,
            lambda x, kwargs=kwargs: torch.nn.Upsample(**kwargs)(x))
    return cases


def write_chain_op_fixture():
    doc = {"generator": "scripts/gen_torch_fixtures.py", "torch": torch.__version__, "chainOps": chain_op_cases()}
    enc = lambda v: json.dumps(v, separators=(",", ":"), allow_nan=False)
    lines = ["{", '  "generator": %s,' % enc(doc["generator"]), '  "torch": %s,' % enc(doc["torch"]), '  "chainOps": [']
    lines += ["    " + enc(c) + ("," if i + 1 < len(doc["chainOps"]) else "") for i, c in enumerate(doc["chainOps"])]
    text = "\n".join(lines + ["  ]", "}"]) + "\n"
    assert json.loads(text) == doc
    with open(CHAIN_OPS_PATH, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s: chainOps=%d" % (os.path.relpath(CHAIN_OPS_PATH), len(doc["chainOps"])))


if __name__ == "__main__":
    main()
    write_chain_op_fixture()
