"""Batched translation with CTranslate2 directly on an Argos package's ``model/`` and tokenizer.

Argos translates one text per call (one ``translate_batch`` per paragraph). Here a whole batch of
sentences, from all posts of a pipeline batch, goes through at once: identical sentences are
translated once, cached ones not at all, and the rest are sorted by token length and cut into
token-budgeted batches (little padding, bounded memory). Each result is the n-best list, which the
``translate`` step needs for its placeholder fallbacks.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from localize.errors import ModelError
from localize.mt.cache import TranslationCache, context_string, make_key
from localize.mt.decoding import DecodingOptions, check_engine_options
from localize.mt.masking import PlaceholderForm, choose_form
from localize.mt.packages import PackageInfo


class Tokenizer(Protocol):
    def encode(self, text: str) -> list[str]: ...
    def decode(self, pieces: list[str]) -> str: ...
    def has_unknown(self, pieces: list[str]) -> bool: ...


class _SentencePiece:
    def __init__(self, path: Path) -> None:
        import sentencepiece as spm

        self.sp = spm.SentencePieceProcessor(model_file=str(path))
        self.unk = self.sp.unk_id()

    def encode(self, text: str) -> list[str]:
        return list(self.sp.encode(text, out_type=str))

    def decode(self, pieces: list[str]) -> str:
        # As Argos decodes: its models write "_" where a space belongs. Placeholders contain no
        # "_", and entities (URLs, @user_names) are masked, so nothing of ours is touched.
        return str(self.sp.decode_pieces(pieces)).replace("▁", " ").replace("_", " ")

    def has_unknown(self, pieces: list[str]) -> bool:
        return any(self.sp.piece_to_id(p) == self.unk for p in pieces)


class _Bpe:
    """Packages with ``bpe.model`` (Moses tokenization + BPE), through Argos's own tokenizer."""

    def __init__(self, path: Path, from_code: str, to_code: str) -> None:
        from argostranslate.tokenizer import BPETokenizer

        self.tok = BPETokenizer(path, from_code, to_code)

    def encode(self, text: str) -> list[str]:
        return list(self.tok.encode(text))

    def decode(self, pieces: list[str]) -> str:
        return str(self.tok.decode(pieces))

    def has_unknown(self, pieces: list[str]) -> bool:
        return False


def load_tokenizer(package: PackageInfo) -> Tokenizer:
    """The package's sentencepiece or BPE tokenizer (cheap: no CTranslate2 model is loaded)."""
    path = package.tokenizer_path
    try:
        if path.name == "sentencepiece.model":
            return _SentencePiece(path)
        return _Bpe(path, package.from_code, package.to_code)
    except (RuntimeError, OSError, ValueError) as exc:
        raise ModelError(
            f"cannot load the tokenizer of {package.name} ({exc})",
            path=path,
            hint=f"Reinstall it: `localize models remove {package.name}`, then "
            f"`localize models install {package.from_code} {package.to_code}`.",
        ) from None


def placeholder_form(package: PackageInfo, tokenizer: Tokenizer | None = None) -> PlaceholderForm:
    """The placeholder spelling this package's tokenizer gives back unchanged."""
    tok = tokenizer or load_tokenizer(package)

    def roundtrip(text: str) -> str | None:
        pieces = tok.encode(text)
        return None if tok.has_unknown(pieces) else tok.decode(pieces).strip()

    return choose_form(roundtrip, model=package.name)


@dataclass
class EngineStats:
    requested: int = 0  # sentences asked for, duplicates included
    unique: int = 0
    cache_hits: int = 0
    translated: int = 0
    batches: int = 0


class Engine:
    """One loaded package. Create through :func:`load_engine` so each model loads once."""

    def __init__(
        self,
        package: PackageInfo,
        *,
        compute_type: str = "int8",
        threads: int = 0,
        device: str = "cpu",
    ):
        import ctranslate2

        check_engine_options(compute_type, threads)
        self.package = package
        self.compute_type = compute_type
        # Threads run whole sub-batches side by side (inter_threads) rather than splitting each
        # matrix product (intra_threads): on 2 cores this translated a batch 25% faster here
        # (one sub-batch per worker, see ``_translate_batch``), because the matrices of one
        # sentence batch are too small to split well.
        self.workers = threads if threads > 0 else min(os.cpu_count() or 1, 4)
        if device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
            raise ModelError(
                "translate has device: cuda, but CTranslate2 sees no CUDA device here",
                hint="Use device: cpu, or run on a machine with an NVIDIA GPU and CTranslate2's "
                "CUDA libraries (pip install ctranslate2 ships them on Linux x86-64).",
            )
        try:
            self.translator = ctranslate2.Translator(
                str(package.model_dir),
                device=device,
                compute_type=compute_type,
                inter_threads=self.workers,
                intra_threads=1,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(
                f"cannot load the CTranslate2 model of {package.name} ({exc})",
                path=package.model_dir,
                hint=f"Reinstall it: `localize models remove {package.name}`, then "
                f"`localize models install {package.from_code} {package.to_code}`.",
            ) from None
        self.tokenizer: Tokenizer = load_tokenizer(package)
        self.form: PlaceholderForm = placeholder_form(package, self.tokenizer)
        self.stats = EngineStats()
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.package.model_id

    def cache_context(self, decoding: DecodingOptions, glossary_fingerprint: str = "") -> str:
        options: dict[str, Any] = asdict(decoding)
        options["compute_type"] = self.compute_type
        options["placeholder"] = self.form.template
        return context_string(self.model_id, options, glossary_fingerprint)

    def translate(
        self,
        sentences: Sequence[str],
        decoding: DecodingOptions | None = None,
        *,
        max_batch_tokens: int = 4096,
        cache: TranslationCache | None = None,
        glossary_fingerprint: str = "",
        cached: set[str] | None = None,
    ) -> list[list[str]]:
        """n-best translations (best first) for each sentence, in input order.

        ``cached``: if given, receives the sentences that came from the cache.
        """
        decoding = decoding or DecodingOptions()  # checked when it was made
        unique = list(dict.fromkeys(sentences))
        results: dict[str, list[str]] = {}
        keys: dict[str, str] = {}
        if cache is not None:
            context = self.cache_context(decoding, glossary_fingerprint)
            keys = {s: make_key(s, context) for s in unique}
            hits = cache.get_many(keys.values())
            for s in unique:
                hit = hits.get(keys[s])
                if hit is not None and len(hit) >= 1:
                    results[s] = hit
                    if cached is not None:
                        cached.add(s)
        from_cache = len(results)
        for s in unique:
            if not s.strip() and s not in results:
                results[s] = [s] * decoding.num_hypotheses  # nothing to translate
        todo = [s for s in unique if s not in results]
        with self._lock:
            self.stats.requested += len(sentences)
            self.stats.unique += len(unique)
            self.stats.cache_hits += from_cache
            for batch in self._batches(todo, max_batch_tokens):
                translated = self._translate_batch([tokens for _, tokens in batch], decoding)
                fresh = {s: hyps for (s, _), hyps in zip(batch, translated, strict=True)}
                results.update(fresh)
                if cache is not None:
                    cache.put_many({keys[s]: hyps for s, hyps in fresh.items()})
                self.stats.translated += len(batch)
                self.stats.batches += 1
        return [results[s] for s in sentences]

    def _batches(self, todo: list[str], max_batch_tokens: int) -> list[list[tuple[str, list[str]]]]:
        """Sort by token length and cut so that batch size x longest input <= the budget."""
        encoded = sorted(((s, self.tokenizer.encode(s)) for s in todo), key=lambda x: len(x[1]))
        batches: list[list[tuple[str, list[str]]]] = []
        current: list[tuple[str, list[str]]] = []
        for item in encoded:
            longest = max(len(item[1]), 1)
            if current and (len(current) + 1) * longest > max_batch_tokens:
                batches.append(current)
                current = []
            current.append(item)
        if current:
            batches.append(current)
        return batches

    def _translate_batch(
        self, batch: list[list[str]], decoding: DecodingOptions
    ) -> list[list[str]]:
        prefix = self.package.target_prefix
        results = self.translator.translate_batch(
            batch,
            # One sub-batch per worker (the batch is sorted by length, so they pad little).
            max_batch_size=max(1, -(-len(batch) // self.workers)),
            target_prefix=[[prefix]] * len(batch) if prefix else None,
            beam_size=decoding.beam_size,
            num_hypotheses=decoding.num_hypotheses,
            length_penalty=decoding.length_penalty,
            repetition_penalty=decoding.repetition_penalty,
            no_repeat_ngram_size=decoding.no_repeat_ngram_size,
            max_decoding_length=decoding.max_decoding_length,
            replace_unknowns=True,
        )
        out: list[list[str]] = []
        for result in results:
            hyps = []
            for pieces in result.hypotheses:
                if prefix and pieces and pieces[0] == prefix:
                    pieces = pieces[1:]
                hyps.append(self.tokenizer.decode(pieces).strip())
            out.append(hyps)
        return out


_ENGINES: dict[tuple[str, str, int, str], Engine] = {}
_ENGINES_LOCK = threading.Lock()


def load_engine(
    package: PackageInfo, *, compute_type: str = "int8", threads: int = 0, device: str = "cpu"
) -> Engine:
    """A process-wide engine per (package folder, compute type, threads, device): models load
    once."""
    key = (str(package.path.resolve()), compute_type, threads, device)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = _ENGINES[key] = Engine(
                package, compute_type=compute_type, threads=threads, device=device
            )
        return engine


def clear_engines() -> None:
    """Forget loaded models (after a package is removed or replaced)."""
    with _ENGINES_LOCK:
        _ENGINES.clear()
