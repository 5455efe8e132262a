#!/usr/bin/python3
"""Generates Voxify's default speaker encoder, an ONNX graph of fixed spectral statistics.

Run with Debian's interpreter and packages (python3-onnx, python3-numpy):

    /usr/bin/python3 inference-engine/tools/generate_speaker_encoder.py OUTPUT.onnx

The output is byte-identical on every run: every constant comes from numpy with a fixed seed, and the
model carries no timestamp or host detail. SpeakerEncoderGenerationTest regenerates it and compares it
with the bundled resource, so a change here must be followed by regenerating
src/main/resources/io/voxify/inference/voice/speaker_encoder.onnx.

Graph, for input `audio` float32 [1, N] (16 kHz mono, N >= 512):
  STFT (512-sample periodic Hann, hop 160) -> power spectrum
  speech frames = frame energy within 35 dB of the loudest frame (silence says nothing of the speaker)
  group 1: mean of MFCC 1..20 over speech frames (timbre: formants and spectral tilt)
  group 2: standard deviation of MFCC 1..20 over speech frames (articulation dynamics)
  group 3: mean over speech frames of the real cepstrum pooled into 20 log-spaced pitch-period bands
           from 2 ms to 15 ms (F0 66-500 Hz; where a voice's harmonics repeat)
  each group L2-normalised and weighted, concatenated, rotated by a seeded orthogonal matrix to
  64 dimensions, L2-normalised -> output `embedding` float32 [1, 64].
The rotation preserves cosine similarity; it only makes the coordinates uninterpretable so that no
consumer builds on one feature's position.
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SAMPLE_RATE = 16000
FRAME = 512
HOP = 160
BINS = FRAME // 2 + 1
MEL_BANDS = 40
MEL_LOW_HZ = 60.0
MEL_HIGH_HZ = 7600.0
CEPSTRA = 20
PITCH_BANDS = 20
PITCH_MIN_PERIOD = 0.002
PITCH_MAX_PERIOD = 0.015
SPEECH_FLOOR_DB = 35.0
GROUP_WEIGHTS = (1.0, 0.6, 0.8)
DIMENSION = 64
SEED = 20240611
MODEL_ID = "voxify-spectral-v1"


def hz_to_mel(hz):
    return 2595.0 * np.log10(1.0 + hz / 700.0)


def mel_to_hz(mel):
    return 700.0 * (10.0 ** (mel / 2595.0) - 1.0)


def mel_filterbank():
    """Triangular filters on the mel scale, [BINS, MEL_BANDS], each normalised to unit area."""
    freqs = np.arange(BINS) * SAMPLE_RATE / FRAME
    edges = mel_to_hz(np.linspace(hz_to_mel(MEL_LOW_HZ), hz_to_mel(MEL_HIGH_HZ), MEL_BANDS + 2))
    bank = np.zeros((BINS, MEL_BANDS))
    for m in range(MEL_BANDS):
        lo, centre, hi = edges[m], edges[m + 1], edges[m + 2]
        rising = (freqs - lo) / (centre - lo)
        falling = (hi - freqs) / (hi - centre)
        bank[:, m] = np.maximum(0.0, np.minimum(rising, falling))
        area = bank[:, m].sum()
        if area > 0:
            bank[:, m] /= area
    return bank


def dct_matrix():
    """Orthonormal DCT-II rows 1..CEPSTRA as a [MEL_BANDS, CEPSTRA] matrix (row 0, the level, is left out)."""
    n = np.arange(MEL_BANDS)
    k = np.arange(1, CEPSTRA + 1)
    return np.sqrt(2.0 / MEL_BANDS) * np.cos(np.pi / MEL_BANDS * (n[:, None] + 0.5) * k[None, :])


def pitch_cepstrum_matrix():
    """Log power spectrum [BINS] -> real cepstrum at the pitch-period quefrencies, pooled into
    PITCH_BANDS triangular bands on a log-period axis; [BINS, PITCH_BANDS]."""
    q_lo = int(np.floor(PITCH_MIN_PERIOD * SAMPLE_RATE))
    q_hi = int(np.ceil(PITCH_MAX_PERIOD * SAMPLE_RATE))
    quefrency = np.arange(q_lo, q_hi + 1)
    k = np.arange(BINS)
    # The log spectrum is real and even, so its inverse DFT is a cosine sum with the inner bins counted twice.
    twice = np.where((k == 0) | (k == BINS - 1), 1.0, 2.0)
    cosines = twice[:, None] * np.cos(2.0 * np.pi * k[:, None] * quefrency[None, :] / FRAME) / FRAME
    centres = np.exp(np.linspace(np.log(q_lo), np.log(q_hi), PITCH_BANDS + 2))
    pool = np.zeros((len(quefrency), PITCH_BANDS))
    logq = np.log(quefrency)
    logc = np.log(centres)
    for b in range(PITCH_BANDS):
        rising = (logq - logc[b]) / (logc[b + 1] - logc[b])
        falling = (logc[b + 2] - logq) / (logc[b + 2] - logc[b + 1])
        pool[:, b] = np.maximum(0.0, np.minimum(rising, falling))
        pool[:, b] /= max(pool[:, b].sum(), 1e-12)
    return cosines @ pool


def rotation(features):
    """A [features, DIMENSION] matrix with orthonormal rows, from a seeded Gaussian through QR with the
    sign ambiguity fixed, so it is the same on every run."""
    rng = np.random.default_rng(SEED)
    a = rng.standard_normal((DIMENSION, features))
    q, r = np.linalg.qr(a)
    q = q * np.sign(np.diag(r))[None, :]
    return q.T


def const(name, array):
    return numpy_helper.from_array(np.ascontiguousarray(array), name)


def build():
    features = 2 * CEPSTRA + PITCH_BANDS
    window = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(FRAME) / FRAME)
    initializers = [
        const("hann", window.astype(np.float32)),
        const("frame_step", np.array(HOP, dtype=np.int64)),
        const("frame_length", np.array(FRAME, dtype=np.int64)),
        const("unsqueeze_axes", np.array([2], dtype=np.int64)),
        const("last_axis", np.array([-1], dtype=np.int64)),
        const("time_axis", np.array([1], dtype=np.int64)),
        const("mel", mel_filterbank().astype(np.float32)),
        const("dct", dct_matrix().astype(np.float32)),
        const("pitch_cepstrum", pitch_cepstrum_matrix().astype(np.float32)),
        const("rotation", rotation(features).astype(np.float32)),
        const("speech_floor", np.array(10.0 ** (-SPEECH_FLOOR_DB / 10.0), dtype=np.float32)),
        const("log_floor", np.array(1e-10, dtype=np.float32)),
        const("tiny", np.array(1e-6, dtype=np.float32)),
        const("two", np.array(2.0, dtype=np.float32)),
        const("w_mean", np.array(GROUP_WEIGHTS[0], dtype=np.float32)),
        const("w_std", np.array(GROUP_WEIGHTS[1], dtype=np.float32)),
        const("w_pitch", np.array(GROUP_WEIGHTS[2], dtype=np.float32)),
    ]
    n = helper.make_node
    nodes = [
        n("Unsqueeze", ["audio", "unsqueeze_axes"], ["signal"]),
        n("STFT", ["signal", "frame_step", "hann", "frame_length"], ["spectrum"], onesided=1),
        n("Mul", ["spectrum", "spectrum"], ["spectrum_sq"]),
        n("ReduceSum", ["spectrum_sq", "last_axis"], ["power"], keepdims=0),          # [1, T, BINS]
        n("ReduceSum", ["power", "last_axis"], ["energy"], keepdims=1),              # [1, T, 1]
        n("ReduceMax", ["energy"], ["loudest"], axes=[1], keepdims=1),              # [1, 1, 1]
        n("Mul", ["loudest", "speech_floor"], ["threshold"]),
        n("Greater", ["energy", "threshold"], ["is_speech"]),
        n("Cast", ["is_speech"], ["weight"], to=TensorProto.FLOAT),                  # [1, T, 1]
        n("ReduceSum", ["weight", "time_axis"], ["weight_sum"], keepdims=1),         # [1, 1, 1]
        # A floor relative to the loudest frame keeps the features independent of the recording level.
        n("Mul", ["loudest", "log_floor"], ["power_floor"]),
        n("MatMul", ["power", "mel"], ["mel_power"]),
        n("Add", ["mel_power", "power_floor"], ["mel_floored"]),
        n("Log", ["mel_floored"], ["log_mel"]),
        n("MatMul", ["log_mel", "dct"], ["mfcc"]),                                   # [1, T, CEPSTRA]
        n("Mul", ["mfcc", "weight"], ["mfcc_w"]),
        n("ReduceSum", ["mfcc_w", "time_axis"], ["mfcc_sum"], keepdims=1),
        n("Div", ["mfcc_sum", "weight_sum"], ["mfcc_mean"]),                         # [1, 1, CEPSTRA]
        n("Sub", ["mfcc", "mfcc_mean"], ["mfcc_dev"]),
        n("Mul", ["mfcc_dev", "mfcc_dev"], ["mfcc_dev_sq"]),
        n("Mul", ["mfcc_dev_sq", "weight"], ["mfcc_dev_sq_w"]),
        n("ReduceSum", ["mfcc_dev_sq_w", "time_axis"], ["mfcc_var_sum"], keepdims=1),
        n("Div", ["mfcc_var_sum", "weight_sum"], ["mfcc_var"]),
        n("Add", ["mfcc_var", "tiny"], ["mfcc_var_floored"]),
        n("Sqrt", ["mfcc_var_floored"], ["mfcc_std"]),
        n("Add", ["power", "power_floor"], ["power_floored"]),
        n("Log", ["power_floored"], ["log_power"]),
        n("MatMul", ["log_power", "pitch_cepstrum"], ["pitch_bands"]),               # [1, T, PITCH_BANDS]
        n("Mul", ["pitch_bands", "weight"], ["pitch_w"]),
        n("ReduceSum", ["pitch_w", "time_axis"], ["pitch_sum"], keepdims=1),
        n("Div", ["pitch_sum", "weight_sum"], ["pitch_mean"]),
        n("LpNormalization", ["mfcc_mean"], ["mean_unit"], axis=-1, p=2),
        n("LpNormalization", ["mfcc_std"], ["std_unit"], axis=-1, p=2),
        n("LpNormalization", ["pitch_mean"], ["pitch_unit"], axis=-1, p=2),
        n("Mul", ["mean_unit", "w_mean"], ["mean_part"]),
        n("Mul", ["std_unit", "w_std"], ["std_part"]),
        n("Mul", ["pitch_unit", "w_pitch"], ["pitch_part"]),
        n("Concat", ["mean_part", "std_part", "pitch_part"], ["stats"], axis=-1),   # [1, 1, features]
        n("Squeeze", ["stats", "time_axis"], ["stats_flat"]),                        # [1, features]
        n("MatMul", ["stats_flat", "rotation"], ["projected"]),
        n("LpNormalization", ["projected"], ["embedding"], axis=-1, p=2),
    ]
    graph = helper.make_graph(
        nodes,
        MODEL_ID,
        [helper.make_tensor_value_info("audio", TensorProto.FLOAT, [1, "samples"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, [1, DIMENSION])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                              producer_name="voxify-generate_speaker_encoder", producer_version="1")
    # Pinned so that a newer onnx package does not change the bytes of an otherwise identical model.
    model.ir_version = 8
    model.model_version = 1
    model.doc_string = ("Voxify default speaker encoder: spectral statistics of 16 kHz mono speech "
                        "(MFCC mean/std and cepstral pitch bands), fixed seeded rotation, L2-normalised.")
    helper.set_model_props(model, {"voxify.model_id": MODEL_ID, "voxify.sample_rate": str(SAMPLE_RATE)})
    onnx.checker.check_model(model)
    return model


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: generate_speaker_encoder.py OUTPUT.onnx")
    with open(sys.argv[1], "wb") as out:
        out.write(build().SerializeToString())


if __name__ == "__main__":
    main()
