"""MT settings and their rules, in one place: what the ``translate`` step's options are checked
against when a pipeline is built and what the engine relies on (no heavy imports here)."""

from __future__ import annotations

from dataclasses import dataclass

from localize.errors import ConfigError

COMPUTE_TYPES = ("int8", "int8_float32", "int8_float16", "int16", "float16", "float32", "auto")


@dataclass(frozen=True)
class DecodingOptions:
    """Everything that changes what the model outputs (it is part of the cache key). Checked
    when made: a bad value is a ConfigError naming the option."""

    beam_size: int = 4
    num_hypotheses: int = 4
    max_decoding_length: int = 256
    length_penalty: float = 0.2  # Argos's value
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0

    def __post_init__(self) -> None:
        for name, value, low in (
            ("beam_size", self.beam_size, 1),
            ("num_hypotheses", self.num_hypotheses, 1),
            ("max_decoding_length", self.max_decoding_length, 1),
            ("no_repeat_ngram_size", self.no_repeat_ngram_size, 0),
        ):
            if value < low:
                raise ConfigError(f"{name} must be >= {low}, got {value}", key=name)
        if self.num_hypotheses > self.beam_size:
            raise ConfigError(
                f"num_hypotheses ({self.num_hypotheses}) cannot exceed beam_size "
                f"({self.beam_size})",
                key="num_hypotheses",
            )
        if self.repetition_penalty <= 0:
            raise ConfigError("repetition_penalty must be > 0", key="repetition_penalty")


def check_engine_options(compute_type: str, threads: int, max_batch_tokens: int = 16) -> None:
    """How the model runs (not what it outputs): CTranslate2's compute type, threads, batch."""
    if compute_type not in COMPUTE_TYPES:
        raise ConfigError(
            f"unknown compute_type {compute_type!r}",
            key="compute_type",
            hint=f"Valid: {', '.join(COMPUTE_TYPES)}.",
        )
    if threads < 0:
        raise ConfigError(f"threads must be >= 0, got {threads}", key="threads")
    if max_batch_tokens < 16:
        raise ConfigError(
            f"max_batch_tokens must be >= 16, got {max_batch_tokens}", key="max_batch_tokens"
        )
