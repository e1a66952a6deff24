"""README.md is executable documentation: every ```bash and ```python block runs here, as
written, in a temporary copy of the examples, and must end as the README says.

A block is run as one ``bash -e -o pipefail`` script (python blocks with this interpreter), in a
folder holding copies of ``examples/``, ``glossaries/`` and ``pipelines/``, with ``localize`` and
``.venv/bin/...`` pointing at the interpreter running the tests. Translation needs no network:
the Argos package index (``ARGOS_PACKAGE_INDEX``) is a server on 127.0.0.1 offering generated
copy models, and ``translate-zh_en-1_9.argosmodel`` lies in the folder.

A comment on the line before a block says what to expect; without one the block must exit 0:

    <!-- readme-test: exit=1 -->                  the block's exit status
    <!-- readme-test: output="軟體" -->            stdout+stderr contain this (repeatable)
    <!-- readme-test: skip (installs packages) -->  not run; the reason is required
    <!-- readme-test: exit=1 (why) -->             a trailing (...) says why, for the reader

Blocks run in README order in one folder, so a later block may use what an earlier one wrote
(``out/zh-tw.jsonl``).
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from localize.testing.fixtures import *  # noqa: F403

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_FENCE = re.compile(
    r"(?:<!--\s*readme-test:(?P<marker>[^>]*)-->\s*\n)?```(?P<lang>bash|python)\n(?P<body>.*?)```",
    re.S,
)


@dataclass
class Block:
    line: int
    lang: str
    body: str
    exit: int = 0
    outputs: list[str] = field(default_factory=list)
    skip: str | None = None

    @property
    def id(self) -> str:
        return f"README.md:{self.line}"


def readme_blocks(text: str) -> list[Block]:
    blocks = []
    for match in _FENCE.finditer(text):
        block = Block(text.count("\n", 0, match.start("body")), match["lang"], match["body"])
        # A marker may end with "(why)": why the block ends as it does in the test.
        marker = (match["marker"] or "").strip()
        if not marker.startswith("skip"):
            marker = re.sub(r"\s*\([^()]*\)\s*$", "", marker)
        skip = re.match(r"skip\s*\((.+)\)\s*$", marker)
        if skip:
            block.skip = skip.group(1)
        elif marker.startswith("skip"):
            raise AssertionError(f"{block.id}: a skipped block needs a reason: skip (why)")
        else:
            for key, value in re.findall(r'(\w+)=("[^"]*"|\S+)', marker):
                if key == "exit":
                    block.exit = int(value)
                elif key == "output":
                    block.outputs.append(value.strip('"'))
                else:
                    raise AssertionError(f"{block.id}: unknown readme-test key {key!r}")
        blocks.append(block)
    return blocks


BLOCKS = readme_blocks(README.read_text("utf-8"))


def test_markers_parse() -> None:
    text = (
        'x\n<!-- readme-test: exit=1 output="a b" (why) -->\n```bash\nfalse\n```\n'
        "<!-- readme-test: skip (installs) -->\n```python\nimport os\n```\n```bash\ntrue\n```\n"
    )
    blocks = readme_blocks(text)
    assert [(b.line, b.exit, b.outputs, b.skip) for b in blocks] == [
        (3, 1, ["a b"], None),
        (7, 0, [], "installs"),
        (10, 0, [], None),
    ]


class _Index:
    """The Argos package index on 127.0.0.1: generated zh->en and en->zh copy models."""

    def __init__(self, root: Path, packages: dict[tuple[str, str], Path]) -> None:
        entries = []
        for (src, tgt), archive in packages.items():
            name = f"translate-{src}_{tgt}-1_0.argosmodel"
            shutil.copy(archive, root / name)
            entries.append(
                {"from_code": src, "to_code": tgt, "package_version": "1.0", "name": name}
            )
        handler = lambda *a, **k: _Quiet(*a, directory=str(root), **k)  # noqa: E731
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        index = [
            {**e, "type": "translate", "links": [self.url + str(e.pop("name"))]} for e in entries
        ]
        (root / "index.json").write_text(json.dumps(index), "utf-8")
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def workdir(
    tmp_path_factory: pytest.TempPathFactory, copy_zh_en_file: Path, copy_en_zh_file: Path
) -> Iterator[tuple[Path, dict[str, str]]]:
    work = tmp_path_factory.mktemp("readme")
    for folder in ("examples", "glossaries", "pipelines"):
        shutil.copytree(ROOT / folder, work / folder)
    shutil.copy(copy_zh_en_file, work / "translate-zh_en-1_9.argosmodel")
    (work / ".venv").symlink_to(Path(sys.prefix))  # .venv/bin/localize in the README
    www = tmp_path_factory.mktemp("index")
    index = _Index(www, {("zh", "en"): copy_zh_en_file, ("en", "zh"): copy_en_zh_file})
    home = tmp_path_factory.mktemp("home")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "ARGOS_PACKAGES_DIR": str(home / "argos-packages"),
        "ARGOS_PACKAGE_INDEX": index.url,
        "LOCALIZE_GLOSSARY_CACHE": str(home / "glossary-cache"),
        "PYTHONPATH": "",
    }
    yield work, env
    index.close()


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_readme_block_runs_as_written(block: Block, workdir: tuple[Path, dict[str, str]]) -> None:
    if block.skip:
        pytest.skip(block.skip)
    work, env = workdir
    if block.lang == "bash":
        command = ["bash", "-e", "-o", "pipefail", "-c", block.body]
    else:
        command = [sys.executable, "-c", block.body]
    done = subprocess.run(
        command,
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    said = done.stdout + done.stderr
    assert done.returncode == block.exit, f"{block.id} exited {done.returncode}:\n{said}"
    for expected in block.outputs:
        assert expected in said, f"{block.id}: {expected!r} not in its output:\n{said}"
