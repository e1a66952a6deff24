"""Generate Argos-format translation packages at test time, without torch or a download.

Two kinds of model, both written with CTranslate2's own converter machinery (a ``Converter`` whose
``_load`` returns a numpy-filled ``TransformerSpec``):

- ``kind="copy"``: a hand-wired transformer whose output is exactly its input token sequence, so a
  test can assert masking -> translate -> restore byte for byte. ``damage`` turns it into a model
  that alters chosen sentencepiece pieces (to test the n-best and unmasked fallbacks): every
  occurrence of a damaged piece is replaced by a decoy piece, either as the best hypothesis only
  (``hard=False``: the undamaged copy is the second-best hypothesis) or in every hypothesis.
- ``kind="random"``: the size of a real Argos model (6+6 layers, d=512, 8 heads, FFN 2048, 32k
  vocabulary, int8) for benchmarks. Its first encoder/decoder layers carry the copy wiring and the
  remaining weights are random, so it costs what a real model costs per token while still emitting
  an end token after about as many tokens as the input has (purely random weights would run every
  sentence to ``max_decoding_length`` and make the benchmark meaningless).

How the copy wiring works (see DESIGN.md section 3): d_model is split into token dimensions (each
vocabulary entry a distinct balanced +-1 code, so every LayerNorm is a known constant scale) and
position dimensions (explicit position encodings: base-16 digits, one block per digit). Encoder
self-attention and FFN output zero; in the decoder, cross-attention queries read the decoder's
position dimensions and keys the source's, scaled so attention peaks at the same position; values
and the output projection carry the source token's code; the output projection is the embedding
table. ``add_source_eos`` makes the source end with ``</s>``, which is copied last and stops
decoding.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_DIGIT_BASE = 16
_DIGIT_BLOCKS = 3  # 16**3 = 4096 positions
_MAX_POSITIONS = 1024


@dataclass
class ModelShape:
    encoder_layers: int = 1
    decoder_layers: int = 1
    d_model: int = 176  # 128 token dims + 48 position dims
    heads: int = 1
    ffn: int = 8


TINY = ModelShape()
FULL_SIZE = ModelShape(encoder_layers=6, decoder_layers=6, d_model=512, heads=8, ffn=2048)


@dataclass
class Damage:
    """Make the model write ``decoys[piece]`` wherever it would copy ``piece``.

    ``hard=False``: the decoy wins by a small margin, so the exact copy is the runner-up hypothesis
    (n-best can recover it). ``hard=True``: the damaged pieces are never produced at all. A decoy
    piece loses its own meaning (it answers to the damaged piece's code), so pick decoys that the
    test texts do not contain.
    """

    decoys: Mapping[str, str]
    hard: bool = False


@dataclass
class PackageSpec:
    from_code: str = "zh"
    to_code: str = "en"
    from_name: str = "Chinese"
    to_name: str = "English"
    package_version: str = "1.0"
    kind: str = "copy"  # copy | random
    shape: ModelShape = field(default_factory=ModelShape)
    damage: Damage | None = None
    quantization: str = "int8"
    seed: int = 1234
    # Extra metadata.json keys (tests of validation set odd values here).
    metadata: dict[str, Any] = field(default_factory=dict)


def placeholder_lines(count: int = 200) -> list[str]:
    """Lines that put the internal placeholder shape in a tokenizer's vocabulary."""
    from localize.text.placeholders import make_placeholder

    rng = random.Random(7)
    out = []
    for i in range(count):
        a, b = make_placeholder(i), make_placeholder(rng.randrange(100))
        out.append(f"{a} 好 {b}。 {a} and {b}.")
    return out


def train_sentencepiece(
    lines: Iterable[str],
    model_path: Path,
    *,
    vocab_size: int,
    hard_vocab_limit: bool = False,
    byte_fallback: bool = True,
) -> Path:
    """Train a unigram sentencepiece model that round-trips its input exactly.

    ``identity`` normalization and kept whitespace: the default NFKC rule would turn full-width
    punctuation into ASCII, and a copy model could then no longer reproduce its input.
    """
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        byte_fallback=byte_fallback,
        hard_vocab_limit=hard_vocab_limit,
        split_digits=True,
        num_threads=2,
        minloglevel=2,
        train_extremely_large_corpus=False,
    )
    model_path.write_bytes(model.getvalue())
    return model_path


def _vocabulary(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _position_codes(np: Any, positions: int, dims: int) -> Any:
    """Each position as base-16 digits, one zero-mean one-hot-like block per digit."""
    codes = np.full((positions, dims), -1.0 / (_DIGIT_BASE - 1), dtype=np.float32)
    for pos in range(positions):
        value = pos
        for block in range(_DIGIT_BLOCKS):
            digit = value % _DIGIT_BASE
            value //= _DIGIT_BASE
            codes[pos, block * _DIGIT_BASE + digit] = 1.0
    return codes


def _build_spec(vocab: list[str], spec: PackageSpec) -> Any:
    import numpy as np
    from ctranslate2.specs import transformer_spec

    shape = spec.shape
    d = shape.d_model
    pdims = _DIGIT_BASE * _DIGIT_BLOCKS
    tdims = d - pdims
    if tdims < 16 or tdims % 2:
        raise ValueError(f"d_model {d} leaves too few token dimensions")
    rng = np.random.default_rng(spec.seed)
    v = len(vocab)

    # Balanced +-1 token codes: every row has zero mean and the same norm.
    half = np.concatenate([np.ones(tdims // 2), -np.ones(tdims // 2)]).astype(np.float32)
    codes = np.stack([rng.permutation(half) for _ in range(v)])
    emb = np.zeros((v, d), dtype=np.float32)
    emb[:, :tdims] = codes
    pos = np.zeros((_MAX_POSITIONS, d), dtype=np.float32)
    pos[:, tdims:] = _position_codes(np, _MAX_POSITIONS, pdims)

    # LayerNorm of any [token code; position code] vector divides by this constant.
    sumsq = tdims + _DIGIT_BLOCKS * (1.0 + (_DIGIT_BASE - 1) / (_DIGIT_BASE - 1) ** 2)
    sigma = float(np.sqrt(sumsq / d))
    head_dim = d // shape.heads
    # Attention score gap between the right source position and the nearest wrong one: ~30 logits.
    gap = 1.0 + 1.0 / (_DIGIT_BASE - 1)
    qk_gain = float(np.sqrt(30.0 * sigma**2 * np.sqrt(head_dim) / gap))
    out_gain = 10.0

    random_weights = spec.kind == "random"

    def noise(*dims: int) -> Any:
        if not random_weights:
            return np.zeros(dims, dtype=np.float32)
        return (rng.standard_normal(dims) * 0.02).astype(np.float32)

    def fill_ln(ln: Any) -> None:
        ln.gamma = np.ones(d, dtype=np.float32)
        ln.beta = np.zeros(d, dtype=np.float32)

    def fill_linear(lin: Any, weight: Any) -> None:
        lin.weight = weight
        lin.bias = np.zeros(weight.shape[0], dtype=np.float32)

    def zero_out(lin: Any, rows: int, cols: int) -> None:
        # Random layers still cost what a real model costs; their output projection is zeroed so
        # they leave the copy path intact.
        fill_linear(lin, np.zeros((rows, cols), dtype=np.float32))

    def fill_self_attention(att: Any) -> None:
        fill_ln(att.layer_norm)
        fill_linear(att.linear[0], noise(3 * d, d))
        zero_out(att.linear[1], d, d)

    def fill_ffn(ffn: Any) -> None:
        fill_ln(ffn.layer_norm)
        fill_linear(ffn.linear_0, noise(shape.ffn, d))
        zero_out(ffn.linear_1, d, shape.ffn)

    model = transformer_spec.TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers), shape.heads, pre_norm=True
    )
    enc, dec = model.encoder, model.decoder
    enc.scale_embeddings = False
    dec.scale_embeddings = False
    enc.embeddings[0].weight = emb
    dec.embeddings.weight = emb
    enc.position_encodings.encodings = pos
    dec.position_encodings.encodings = pos
    fill_ln(enc.layer_norm)
    fill_ln(dec.layer_norm)
    for layer in enc.layer:
        fill_self_attention(layer.self_attention)
        fill_ffn(layer.ffn)
    for i, layer in enumerate(dec.layer):
        fill_self_attention(layer.self_attention)
        fill_ffn(layer.ffn)
        att = layer.attention
        fill_ln(att.layer_norm)
        q = noise(d, d)
        kv = noise(2 * d, d)
        o = np.zeros((d, d), dtype=np.float32)
        if i == 0:
            # Every head attends by position; head h carries token dims [h*hd, (h+1)*hd) of the
            # source code, so all heads together move the whole code.
            q[:] = 0.0
            kv[:] = 0.0
            for h in range(shape.heads):
                base = h * head_dim
                for j in range(pdims):
                    # Position dims of each head's query and key slot.
                    if j < head_dim:
                        q[base + j, tdims + j] = qk_gain
                        kv[base + j, tdims + j] = qk_gain
            vblock = d  # values start after the keys in the fused projection
            for t in range(tdims):
                kv[vblock + t, t] = 1.0
                o[t, t] = out_gain
        fill_linear(att.linear[0], q)
        fill_linear(att.linear[1], kv)
        fill_linear(att.linear[2], o)

    proj = emb.copy()
    bias = np.zeros(v, dtype=np.float32)
    if spec.damage is not None:
        index = {p: i for i, p in enumerate(vocab)}
        for piece, decoy_piece in spec.damage.decoys.items():
            k, decoy = index[piece], index[decoy_piece]
            # The decoy answers to the damaged piece's code and wins by a fixed margin.
            proj[decoy] = proj[k]
            bias[decoy] = 2.0
            if spec.damage.hard:
                bias[k] = -1000.0
    fill_linear(dec.projection, proj)
    dec.projection.bias = bias

    model.register_source_vocabulary(vocab)
    model.register_target_vocabulary(vocab)
    model.config.add_source_eos = True
    return model


def _check_heads(shape: ModelShape) -> None:
    head_dim = shape.d_model // shape.heads
    pdims = _DIGIT_BASE * _DIGIT_BLOCKS
    if shape.d_model % shape.heads or head_dim < pdims:
        raise ValueError(
            f"d_model {shape.d_model} with {shape.heads} heads leaves head_dim {head_dim} < {pdims}"
        )


def build_model_dir(sp_model: Path, out_dir: Path, spec: PackageSpec) -> Path:
    """Write a CTranslate2 model for ``sp_model``'s vocabulary into ``out_dir``."""
    from ctranslate2.converters.converter import Converter

    _check_heads(spec.shape)
    vocab = _vocabulary(sp_model)

    class _NumpyConverter(Converter):
        def _load(self) -> Any:
            return _build_spec(vocab, spec)

    _NumpyConverter().convert(str(out_dir), quantization=spec.quantization, force=True)
    return out_dir


def metadata_for(spec: PackageSpec) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "package_version": spec.package_version,
        "argos_version": "1.9.0",
        "from_code": spec.from_code,
        "from_name": spec.from_name,
        "to_code": spec.to_code,
        "to_name": spec.to_name,
        "type": "translate",
        "links": [],
        "target_prefix": "",
    }
    meta.update(spec.metadata)
    return meta


def build_package_dir(sp_model: Path, dest: Path, spec: PackageSpec) -> Path:
    """An installed-layout package folder: metadata.json, model/, sentencepiece.model."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "metadata.json").write_text(json.dumps(metadata_for(spec), indent=2), "utf-8")
    (dest / "sentencepiece.model").write_bytes(sp_model.read_bytes())
    (dest / "README.md").write_text(f"Generated {spec.kind} test package.\n", "utf-8")
    build_model_dir(sp_model, dest / "model", spec)
    return dest


def zip_package(package_dir: Path, archive: Path, *, top: str | None = None) -> Path:
    """Zip a package folder as an ``.argosmodel`` (one top folder, as Argos ships them)."""
    top = top or package_dir.name
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(package_dir.rglob("*")):
            if path.is_file():
                zf.write(path, f"{top}/{path.relative_to(package_dir).as_posix()}")
    return archive


def package_name(spec: PackageSpec) -> str:
    return f"translate-{spec.from_code}_{spec.to_code}-{spec.package_version.replace('.', '_')}"


def build_package(
    sp_model: Path, workdir: Path, spec: PackageSpec, *, name: str | None = None
) -> Path:
    """Build ``<workdir>/<name>.argosmodel`` and return its path."""
    name = name or package_name(spec)
    folder = build_package_dir(sp_model, workdir / name, spec)
    return zip_package(folder, workdir / f"{name}.argosmodel")


def synthetic_lines(seed_lines: Sequence[str], count: int, *, seed: int = 3) -> list[str]:
    """Many distinct lines built from ``seed_lines`` (enough to train a 32k vocabulary).

    Shuffled Han characters and pseudo-words built from English letter pairs give sentencepiece
    a large pool of distinct substrings, which a 1,000-line sample alone does not have.
    """
    rng = random.Random(seed)
    han = sorted({ch for line in seed_lines for ch in line if "\u4e00" <= ch <= "\u9fff"})
    han += [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    letters = "abcdefghijklmnopqrstuvwxyz"
    syllables = [a + b for a in letters for b in "aeiouy"] + [
        a + b for a in "aeiou" for b in letters
    ]
    out = list(seed_lines)
    while len(out) < count:
        words = [
            "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(3, 10))
        ]
        zh = "".join(rng.choice(han) for _ in range(rng.randint(4, 20)))
        out.append(f"{' '.join(words).capitalize()}. {zh}。")
    return out


def tokenizer_pieces(sp_model: Path) -> Mapping[str, int]:
    vocab = _vocabulary(sp_model)
    return {p: i for i, p in enumerate(vocab)}
