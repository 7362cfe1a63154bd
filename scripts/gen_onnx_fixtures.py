#!/usr/bin/env python3
"""Generate test/fixtures/onnx-conformance.json: ONNX's own operator test cases for ConvTranspose and Conv.

Regenerate with:

    apt-get install -y python3-onnx && npm run fixtures:onnx   # runs: /usr/bin/python3 scripts/gen_onnx_fixtures.py

ONNX ships its backend test cases as Python (onnx/backend/test/case/node/convtranspose.py and conv.py): each
export function builds a node, its inputs and the expected outputs, and hands them to `expect`. This script
replaces `expect` with a recorder, runs every export function, and writes each case's node attributes
(strides, pads, auto_pad, output_shape, output_padding, dilations, group, kernel_shape), inputs and expected
output as JSON. The numbers are ONNX's (float32 values, written exactly); nothing is computed here. The tests
never need onnx: they read the committed JSON.
"""

import json
import os

import numpy as np
import onnx
from onnx import helper
from onnx.backend.test.case.node import conv as conv_cases
from onnx.backend.test.case.node import convtranspose as convtranspose_cases

OUT_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures",
                        "onnx-conformance.json")


def tensor_json(a):
    a = np.asarray(a)
    # float32 values are exactly representable in float64: float(x) is exact.
    return {"shape": list(a.shape), "data": [float(x) for x in a.astype(np.float64).ravel()]}


def attribute_json(node):
    out = {}
    for attr in node.attribute:
        value = helper.get_attribute_value(attr)
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        elif isinstance(value, list):
            value = [int(v) for v in value]
        elif isinstance(value, (int, np.integer)):
            value = int(value)
        out[attr.name] = value
    return out


def record(module, op):
    cases = []

    def expect(node, inputs, outputs, name, **_kwargs):
        assert node.op_type == op, (node.op_type, op)
        assert len(outputs) == 1, name
        cases.append({
            "name": name,
            "op": op,
            "attributes": attribute_json(node),
            "inputs": [tensor_json(x) for x in inputs],
            "output": tensor_json(outputs[0]),
        })

    module.expect = expect
    cls = next(v for v in vars(module).values()
               if isinstance(v, type) and v.__module__ == module.__name__)
    for attr in sorted(vars(cls)):
        if attr == "export" or attr.startswith("export_"):
            getattr(cls, attr)()
    return cases


def main():
    fixture = {
        "onnx": onnx.__version__,
        "source": "onnx/backend/test/case/node/convtranspose.py and conv.py",
        "convTranspose": record(convtranspose_cases, "ConvTranspose"),
        "conv": record(conv_cases, "Conv"),
    }
    with open(OUT_PATH, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT_PATH}: {len(fixture['convTranspose'])} ConvTranspose and {len(fixture['conv'])} Conv cases "
          f"(onnx {onnx.__version__})")


if __name__ == "__main__":
    main()
