#!/usr/bin/python3
"""Generates a tiny deterministic stand-in for a Piper voice: an ONNX graph with Piper's signature plus its
.onnx.json config. It speaks nothing; it only lets the Java side be tested without a real voice.

Run with Debian's interpreter and packages (python3-onnx, python3-numpy):

    /usr/bin/python3 inference-engine/tools/generate_piper_standin.py OUTPUT_DIR

writes OUTPUT_DIR/standin.onnx and OUTPUT_DIR/standin.onnx.json. Both are byte-identical on every run (no
timestamps, no host detail, sorted JSON). PiperStandinGenerationTest regenerates them and compares them with
src/test/resources/piper/, so a change here must be followed by regenerating that directory.

Signature (opset 17), as Piper's VITS exports:
  input         int64 [1, N]   phoneme ids
  input_lengths int64 [1]      N
  scales        float [3]      noise_scale, length_scale, noise_w
  sid           int64 [1]      speaker id (the stand-in has two speakers)
  -> output     float [1, 1, 1, T]

Audio: each of the first input_lengths[0] ids lasts L = max(1, round(256 * length_scale)) samples, a sine
burst at (200 + 20 * id) * (1 + 0.1 * sid) Hz at 22050 Hz, amplitude 0.5; T = input_lengths[0] * L. So the
phoneme ids, length_scale and sid all observably change the audio. noise_scale and noise_w are accepted and
ignored (the stand-in is deterministic).
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SAMPLE_RATE = 22050
SAMPLES_PER_ID = 256.0
BASE_HZ = 200.0
HZ_PER_ID = 20.0
SPEAKER_STEP = 0.1
AMPLITUDE = 0.5
OPSET = 17

# Piper's special symbols first, then IPA symbols an en-us espeak-ng voice produces.
SYMBOLS = ["_", "^", "$", " ", "ˈ", "ˌ", "ː", ",", ".", "?", "!",
           "a", "b", "d", "e", "f", "h", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "v",
           "w", "z", "æ", "ð", "ŋ", "ɐ", "ɑ", "ɔ", "ə", "ɚ", "ɛ", "ɜ", "ɡ", "ɪ", "ɹ", "ɾ", "ʃ", "ʊ",
           "ʌ", "ʒ", "θ", "ᵻ"]


def const(name, value, dtype):
    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.array(value, dtype=dtype), name))


def build_model():
    nodes = [
        const("one_i", 1, np.int64),
        const("zero_i", 0, np.int64),
        const("idx_len", [1], np.int64),
        const("samples_per_id", SAMPLES_PER_ID, np.float32),
        const("base_hz", BASE_HZ, np.float32),
        const("hz_per_id", HZ_PER_ID, np.float32),
        const("speaker_step", SPEAKER_STEP, np.float32),
        const("one_f", 1.0, np.float32),
        const("two_pi_over_rate", 2.0 * np.pi / SAMPLE_RATE, np.float32),
        const("amplitude", AMPLITUDE, np.float32),
        const("out_shape", [1, 1, 1, -1], np.int64),
        # L = max(1, round(256 * length_scale))
        helper.make_node("Gather", ["scales", "one_i"], ["length_scale"], axis=0),
        helper.make_node("Mul", ["length_scale", "samples_per_id"], ["l_float"]),
        helper.make_node("Round", ["l_float"], ["l_round"]),
        helper.make_node("Cast", ["l_round"], ["l_int"], to=TensorProto.INT64),
        helper.make_node("Max", ["l_int", "one_i"], ["per_id"]),
        # N = input_lengths[0]; T = N * L
        helper.make_node("Gather", ["input_lengths", "zero_i"], ["n"], axis=0),
        helper.make_node("Mul", ["n", "per_id"], ["total"]),
        helper.make_node("Range", ["zero_i", "total", "one_i"], ["t"]),
        helper.make_node("Div", ["t", "per_id"], ["which"]),
        helper.make_node("Mod", ["t", "per_id"], ["pos"]),
        # the id sounding at each sample
        helper.make_node("Gather", ["input", "zero_i"], ["ids"], axis=0),
        helper.make_node("Gather", ["ids", "which"], ["id_at"], axis=0),
        helper.make_node("Cast", ["id_at"], ["id_f"], to=TensorProto.FLOAT),
        # frequency = (200 + 20 id) (1 + 0.1 sid)
        helper.make_node("Mul", ["id_f", "hz_per_id"], ["id_hz"]),
        helper.make_node("Add", ["id_hz", "base_hz"], ["hz"]),
        helper.make_node("Cast", ["sid", ], ["sid_f"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["sid_f", "speaker_step"], ["sid_step"]),
        helper.make_node("Add", ["sid_step", "one_f"], ["sid_factor"]),
        helper.make_node("Mul", ["hz", "sid_factor"], ["freq"]),
        helper.make_node("Cast", ["pos"], ["pos_f"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["freq", "pos_f"], ["cycles"]),
        helper.make_node("Mul", ["cycles", "two_pi_over_rate"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["wave"]),
        helper.make_node("Mul", ["wave", "amplitude"], ["audio"]),
        helper.make_node("Reshape", ["audio", "out_shape"], ["output"]),
    ]
    inputs = [
        helper.make_tensor_value_info("input", TensorProto.INT64, [1, "phonemes"]),
        helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
        helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
        helper.make_tensor_value_info("sid", TensorProto.INT64, [1]),
    ]
    outputs = [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, 1, "time"])]
    graph = helper.make_graph(nodes, "piper_standin", inputs, outputs)
    model = helper.make_model(graph, producer_name="voxify-piper-standin", producer_version="1",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def build_config():
    return {
        "audio": {"sample_rate": SAMPLE_RATE, "quality": "x_low"},
        "espeak": {"voice": "en-us"},
        "inference": {"noise_scale": 0.667, "length_scale": 1.0, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "num_symbols": len(SYMBOLS),
        "num_speakers": 2,
        "speaker_id_map": {"alpha": 0, "beta": 1},
        "phoneme_id_map": {symbol: [i] for i, symbol in enumerate(SYMBOLS)},
        "language": {"code": "en_US", "family": "en", "region": "US"},
        "dataset": "voxify-standin",
        "piper_version": "1.0.0",
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: generate_piper_standin.py OUTPUT_DIR")
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "standin.onnx"), "wb") as f:
        f.write(build_model().SerializeToString())
    with open(os.path.join(out_dir, "standin.onnx.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(build_config(), f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
