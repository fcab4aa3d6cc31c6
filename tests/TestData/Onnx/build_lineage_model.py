"""Builds lineage_identity.onnx: a one-node Identity model whose only purpose is its custom metadata (metadata_props),
the registry facts MlObservability reads with ModelDescription.ReadLineage(): trained_at, data_snapshot, git_sha.

Run: python3 tests/TestData/Onnx/build_lineage_model.py (writes next to this script).
"""
import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
IR_VERSION = 7  # the IR version that goes with opset 13 (as build_model.py)

FACTS = {
    "trained_at": "2026-09-15T06:30:00Z",
    "data_snapshot": "s3://ml-data/wine/2026-09-14",
    "git_sha": "3f9c2ab71d04e5b8c6a9f0e1d2c3b4a5f6e7d8c9",
}


def main():
    x = helper.make_tensor_value_info("input", TensorProto.FLOAT, [None, 3])
    y = helper.make_tensor_value_info("output", TensorProto.FLOAT, [None, 3])
    graph = helper.make_graph([helper.make_node("Identity", ["input"], ["output"])], "lineage_identity", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="build_lineage_model.py")
    model.ir_version = IR_VERSION
    for key, value in FACTS.items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "lineage_identity.onnx"))


if __name__ == "__main__":
    main()
