from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from localize.errors import InputError
from localize.io.documents import DocumentOutput
from localize.io.po import PoOutput


class _Lines(DocumentOutput):
    what = "line output"
    example = "-o FILE.txt"

    def render(self, records: list[dict[str, Any]], path: Path) -> list[str]:
        path.write_text("".join(f"{r['id']}\n" for r in records), encoding="utf-8")
        if any(r.get("explode") for r in records):
            raise RuntimeError("render failed half-way")
        return [f"{len(records)} lines"]


def test_the_document_appears_whole_when_the_run_ends(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    output = _Lines(str(target), resume=False)
    output.write_batch([{"id": "a"}])
    output.write_batch([{"id": "b"}])
    assert not target.exists() and output.written == 2
    output.finish()
    assert target.read_text(encoding="utf-8") == "a\nb\n"
    assert output.notes == ["2 lines"]
    assert not target.with_name("out.txt.partial").exists()


def test_a_failed_render_never_leaves_a_document_under_the_output_name(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    output = _Lines(str(target), resume=False)
    output.write_batch([{"id": "a", "explode": True}])
    with pytest.raises(RuntimeError):
        output.finish()
    assert not target.exists()


@pytest.mark.parametrize(("path", "resume"), [("-", False), ("out.po", True)])
def test_stdout_and_resume_are_refused_with_the_fix(path: str, resume: bool) -> None:
    with pytest.raises(InputError) as error:
        PoOutput(path, target_locale="en", resume=resume)
    assert "PO output needs a file (-o FILE.po) and cannot be resumed" in str(error.value)
    assert "--resume" in (error.value.hint or "")
