"""localize: Chinese <-> English localization of Weibo posts and short articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from localize.version import __version__

__all__ = ["Pipeline", "Post", "__version__", "load_pipeline"]

if TYPE_CHECKING:
    from localize.pipeline import Pipeline, load_pipeline
    from localize.post import Post


def __getattr__(name: str) -> Any:
    # Lazy so that `import localize` (and `localize check`) stays cheap.
    if name in ("Pipeline", "load_pipeline"):
        from localize import pipeline

        return getattr(pipeline, name)
    if name == "Post":
        from localize.post import Post

        return Post
    raise AttributeError(f"module 'localize' has no attribute {name!r}")
