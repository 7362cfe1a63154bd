#!/usr/bin/env python3
"""Run the Code view's generated code and compare it with the tconv engine.

    npm run check:codegen        # runs: /usr/bin/python3 scripts/check_codegen.py

Requires PyTorch (Debian: `apt-get install python3-torch`) and, for the ONNX part, the `onnx` package
(`python3-onnx`). The unit tests never need either: they run the same ONNX nodes with onnxruntime-web and the same
Keras operations with TensorFlow.js (test/unit/preview/codegenOnnx.test.ts, codegenKeras.test.ts).

For every example and every chain of test/unit/preview/codegenSpecs.ts (scripts/codegenCases.ts writes them out,
evaluated with "compute": "exact"):
  - PyTorch, the whole chain: the snippet runs as it is (shapes asserted), then the engine's weights are loaded into
    `model` by name (state_dict keys "<layer>.weight") and its output on the engine's input is compared with the
    engine's: within 1e-9 of max |y| in float64, 1e-5 in float32, 1e-4 when a layer took the engine's float32 fast
    path (a forward convolution from 2^20 multiply-adds does, whatever "compute" says);
  - PyTorch, each convolution's own snippet with its tensors written out (up to 300,000 elements each), so its own
    `torch.testing.assert_close` compares with the engine's output;
  - JAX (not packaged for Debian), the whole chain and each layer, on stand-ins of the lax primitives the snippets
    call, written as JAX documents them: the chain's body is run again on the engine's input and weights;
  - TensorFlow (not packaged for Debian either): the snippets compile;
  - ONNX, the chain and each layer, up to the evaluation: the model is built, `onnx.checker.check_model` passes, and
    ONNX's shape inference gives the engine's output shape (Debian's onnx 1.12 has no ReferenceEvaluator).
"""

import base64
import json
import os
import subprocess
import sys
import types

import numpy as np
import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def decode(t):
    data = np.frombuffer(base64.b64decode(t["data"]), dtype="<f8")
    return data.reshape(t["shape"])


def tolerance(dtype, approximate):
    """What the engine promises: float64 exact to rounding; float32, or a layer on the float32 fast path, less."""
    if approximate:
        return 1e-4
    return 1e-9 if dtype == "float64" else 1e-5


def close(actual, expected, dtype, approximate):
    scale = max(1.0, float(np.max(np.abs(expected)))) if expected.size else 1.0
    diff = float(np.max(np.abs(actual - expected))) if expected.size else 0.0
    return diff <= tolerance(dtype, approximate) * scale, diff


def check_torch_chain(case):
    chain = case["chain"]
    namespace = {"__name__": "generated"}
    exec(compile(chain["code"]["pytorch"], f"<{case['name']}: chain>", "exec"), namespace)
    model = namespace["model"]
    dtype = torch.float64 if case["dtype"] == "float64" else torch.float32
    named = dict(model.named_parameters())
    expected_keys = set(chain["params"])
    if set(named) != expected_keys:
        return f"parameters {sorted(named)} ≠ the engine's {sorted(expected_keys)}"
    with torch.no_grad():
        for key, tensor in chain["params"].items():
            named[key].copy_(torch.tensor(decode(tensor), dtype=dtype))
        y = model(torch.tensor(decode(chain["input"]), dtype=dtype))
    expected = decode(chain["output"])
    if tuple(y.shape) != expected.shape:
        return f"shape {tuple(y.shape)} ≠ {expected.shape}"
    ok, diff = close(y.double().numpy(), expected, case["dtype"], chain["approximate"])
    return None if ok else f"max |y − engine| = {diff:.3g}"


def check_torch_layer(case, layer):
    namespace = {"__name__": "generated"}
    exec(compile(layer["code"]["pytorch"], f"<{case['name']}: {layer['name']}>", "exec"), namespace)
    return None


# ---------------------------------------------------------------------------------------------------------------
# JAX is not packaged for Debian: a stand-in `jax` module implements the lax primitives the snippets call, each as
# JAX documents it (NumPy for jnp; PyTorch's convolution for the correlation itself), so the snippets' arguments —
# padding pairs, lhs_dilation, the flipped kernel, reduce_window's windows, lax.pad's negative padding — are checked
# against the engine.


def _pad_or_crop(x, pairs, value=0.0):
    """Pads (or, for negative amounts, crops) each axis of a NumPy array by its (low, high) pair."""
    slices = []
    widths = []
    for lo, hi in pairs:
        slices.append(slice(max(-lo, 0), x.shape[len(slices)] - max(-hi, 0)))
        widths.append((max(lo, 0), max(hi, 0)))
    return np.pad(x[tuple(slices)], widths, constant_values=value)


def _dilate(x, axes_dilation):
    """Inserts d − 1 zeros between neighbours along each axis (JAX's lhs_dilation / base_dilation)."""
    shape = [n if d == 1 else (n - 1) * d + 1 for n, d in zip(x.shape, axes_dilation)]
    out = np.zeros(shape, dtype=x.dtype)
    out[tuple(slice(None, None, d) for d in axes_dilation)] = x
    return out


def _conv_general_dilated(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None,
                          dimension_numbers=None, feature_group_count=1):
    import torch.nn.functional as F

    lhs = np.asarray(lhs)
    nd = lhs.ndim - 2
    assert dimension_numbers in (None, ("NCH", "OIH", "NCH"), ("NCHW", "OIHW", "NCHW"), ("NCDHW", "OIDHW", "NCDHW"))
    x = _dilate(lhs, (1, 1) + tuple(lhs_dilation or (1,) * nd))
    x = _pad_or_crop(x, [(0, 0), (0, 0)] + [tuple(p) for p in padding])
    conv = (F.conv1d, F.conv2d, F.conv3d)[nd - 1]
    y = conv(torch.from_numpy(np.ascontiguousarray(x)), torch.from_numpy(np.ascontiguousarray(np.asarray(rhs))),
             stride=tuple(window_strides), dilation=tuple(rhs_dilation or (1,) * nd), groups=feature_group_count)
    return y.numpy()


def _conv_transpose(lhs, rhs, strides, padding, rhs_dilation=None, dimension_numbers=None, transpose_kernel=False):
    rhs = np.asarray(rhs)
    assert transpose_kernel, "the snippets pass PyTorch's kernel with transpose_kernel=True"
    w = np.flip(np.swapaxes(rhs, 0, 1), axis=tuple(range(2, rhs.ndim)))
    return _conv_general_dilated(lhs, w, (1,) * (rhs.ndim - 2), padding, lhs_dilation=strides,
                                 rhs_dilation=rhs_dilation, dimension_numbers=dimension_numbers)


def _reduce_window(operand, init_value, computation, window_dimensions, window_strides, padding,
                   base_dilation=None, window_dilation=None):
    x = np.asarray(operand)
    if base_dilation is not None:
        x = _dilate(x, base_dilation)
    x = _pad_or_crop(x, [tuple(p) for p in padding], float(init_value))
    dilation = window_dilation or (1,) * x.ndim
    out_shape = [(n - (k - 1) * d - 1) // s + 1 for n, k, d, s in zip(x.shape, window_dimensions, dilation, window_strides)]
    out = np.full(out_shape, float(init_value), dtype=x.dtype)
    for tap in np.ndindex(*window_dimensions):
        window = tuple(slice(t * d, t * d + (o - 1) * s + 1, s)
                       for t, d, s, o in zip(tap, dilation, window_strides, out_shape))
        out = computation(out, x[window])
    return out


def _lax_pad(operand, padding_value, padding_config):
    assert all(interior == 0 for _, _, interior in padding_config)
    return _pad_or_crop(np.asarray(operand), [(lo, hi) for lo, hi, _ in padding_config], float(padding_value))


def install_jax_stub():
    jax = types.ModuleType("jax")
    jax.config = types.SimpleNamespace(update=lambda *args: None)
    jnp = types.ModuleType("jax.numpy")
    for name in ("asarray", "array", "pad", "ones", "repeat", "take", "concatenate", "inf"):
        setattr(jnp, name, getattr(np, name))
    lax = types.ModuleType("jax.lax")
    lax.conv_general_dilated = _conv_general_dilated
    lax.conv_transpose = _conv_transpose
    lax.reduce_window = _reduce_window
    lax.pad = _lax_pad
    lax.max = np.maximum
    lax.add = np.add
    jax.numpy = jnp
    jax.lax = lax
    sys.modules.update({"jax": jax, "jax.numpy": jnp, "jax.lax": lax})


JAX_BODY_START = "h = jnp.asarray(x)"


def check_jax_chain(case):
    """Runs the snippet as it is, then its body again on the engine's input and weights."""
    chain = case["chain"]
    code = chain["code"]["jax"]
    namespace = {"__name__": "generated"}
    exec(compile(code, f"<{case['name']}: jax chain>", "exec"), namespace)
    start = code.index(JAX_BODY_START)
    body = code[start:]
    namespace["x"] = decode(chain["input"]).astype(namespace["dtype"])
    namespace["params"] = {k: decode(v).astype(namespace["dtype"]) for k, v in chain["params"].items()}
    # The snippet's own value assertion (when it has one) compares with the same engine output.
    exec(compile(body, f"<{case['name']}: jax chain body>", "exec"), namespace)
    expected = decode(chain["output"])
    ok, diff = close(np.asarray(namespace["y"], dtype=np.float64), expected, case["dtype"], chain["approximate"])
    return None if ok else f"max |y − engine| = {diff:.3g}"


def check_jax_layer(case, layer):
    namespace = {"__name__": "generated"}
    exec(compile(layer["code"]["jax"], f"<{case['name']}: {layer['name']} (jax)>", "exec"), namespace)
    y = namespace["y"]
    if tuple(y.shape) != tuple(layer["outputShape"]):
        return f"shape {tuple(y.shape)} ≠ {tuple(layer['outputShape'])}"
    return None


def check_compiles(code, label):
    """TensorFlow is not packaged for Debian: its snippets are only compiled (their ops run with TensorFlow.js in
    test/unit/preview/codegenKeras.test.ts)."""
    compile(code, label, "exec")
    return None


class Evaluated(Exception):
    """Raised by the stand-in ReferenceEvaluator: the model is built, stop before evaluating it."""


def install_reference_stub():
    import onnx

    module = types.ModuleType("onnx.reference")

    class ReferenceEvaluator:  # noqa: D401 - a stand-in
        def __init__(self, model):
            raise Evaluated(model)

    module.ReferenceEvaluator = ReferenceEvaluator
    sys.modules["onnx.reference"] = module
    onnx.reference = module


def check_onnx(code, label, output_shape):
    import onnx

    namespace = {"__name__": "generated"}
    try:
        exec(compile(code, label, "exec"), namespace)
    except Evaluated as built:
        model = built.args[0]
    else:
        return "the snippet never reached ReferenceEvaluator"
    onnx.checker.check_model(model, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    y = next(o for o in inferred.graph.output if o.name == "y")
    dims = [d.dim_value for d in y.type.tensor_type.shape.dim]
    declared = list(output_shape)
    return None if dims == declared else f"ONNX infers {dims}, the engine {declared}"


def main():
    out = subprocess.run(
        ["npx", "tsx", "scripts/codegenCases.ts"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    cases = json.loads(out)["cases"]
    try:
        install_reference_stub()
        have_onnx = True
    except ImportError:
        have_onnx = False
    install_jax_stub()
    failures = []
    counts = {"chain": 0, "layer values": 0, "layer shapes": 0, "onnx": 0, "jax": 0, "tensorflow": 0}

    def run(what, fn, *args):
        try:
            problem = fn(*args)
        except Exception as error:  # noqa: BLE001 - report any failure of generated code
            problem = f"{type(error).__name__}: {error}"
        if problem:
            failures.append(f"{what}: {problem}")
        return problem is None

    for case in cases:
        if run(f"{case['name']} — PyTorch chain", check_torch_chain, case):
            counts["chain"] += 1
        if run(f"{case['name']} — JAX chain", check_jax_chain, case):
            counts["jax"] += 1
        if run(f"{case['name']} — TensorFlow chain", check_compiles, case["chain"]["code"]["tensorflow"], "tf chain"):
            counts["tensorflow"] += 1
        if have_onnx and "onnx" in case["chain"]["code"] and run(
            f"{case['name']} — ONNX chain",
            check_onnx,
            case["chain"]["code"]["onnx"],
            f"<{case['name']}: onnx chain>",
            decode(case["chain"]["output"]).shape,
        ):
            counts["onnx"] += 1
        for layer in case["layers"]:
            what = f"{case['name']} — {layer['name']}"
            if run(f"{what} (PyTorch)", check_torch_layer, case, layer):
                counts["layer values" if layer["inlined"] else "layer shapes"] += 1
            if run(f"{what} (JAX)", check_jax_layer, case, layer):
                counts["jax"] += 1
            if run(f"{what} (TensorFlow)", check_compiles, layer["code"]["tensorflow"], "tf layer"):
                counts["tensorflow"] += 1
            if have_onnx and run(
                f"{what} (ONNX)", check_onnx, layer["code"]["onnx"], f"<{what}: onnx>", layer["outputShape"]
            ):
                counts["onnx"] += 1

    print(
        f"{len(cases)} specs: {counts['chain']} PyTorch chains equal the engine; "
        f"{counts['layer values']} PyTorch layer snippets assert the engine's values, "
        f"{counts['layer shapes']} (too large to write out) the shapes; "
        f"{counts['jax']} JAX snippets (chains and layers, on lax stand-ins) agree; "
        f"{counts['tensorflow']} TensorFlow snippets compile; "
        + (f"{counts['onnx']} ONNX snippets build a model of the engine's output shape." if have_onnx else
           "ONNX not checked (no onnx module).")
    )
    for f in failures:
        print(f"FAILED {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
