"""Build benchmarks/data/aosp-zh/*.jsonl: human zh-CN / zh-TW / zh-HK strings of AOSP apps.

Usage (each argument a git directory of an AOSP app repository, e.g. a clone of
https://android.googlesource.com/platform/packages/apps/Contacts)::

    python tools/aosp_strings.py OUT.jsonl GITDIR [GITDIR ...]

For every ``res/values-zh-rCN/*.xml`` file at HEAD that also exists as ``values-zh-rTW`` and
``values-zh-rHK``, every ``<string>``, ``<string-array>`` item and ``<plurals>`` item present in
all three becomes one JSON line ``{"id", "zh-Hans", "zh-Hant-TW", "zh-Hant-HK"}``. Android's
escapes (``\\'``, ``\\"``, ``\\n``) are undone; ``<xliff:g>`` placeholders keep their text.
Strings without a Han character in the zh-CN form are dropped. The AOSP translations are
made by people (Google's translators) and licensed Apache-2.0 like the rest of AOSP.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from defusedxml import ElementTree

_HAN = re.compile(r"[\u3400-\u9fff]")
_ESCAPES = re.compile(r"\\(.)")


def _git(gitdir: str, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", gitdir, *args], check=True, capture_output=True, text=True
    ).stdout


def _text(element: object) -> str:
    raw = "".join(element.itertext()).strip()  # type: ignore[attr-defined]
    if raw.startswith('"') and raw.endswith('"') and len(raw) > 1:
        raw = raw[1:-1]
    return _ESCAPES.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), raw)


def _strings(xml: str) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return out
    for element in root:
        name = element.get("name")
        if not name:
            continue
        if element.tag == "string":
            out[name] = _text(element)
        elif element.tag in ("string-array", "plurals"):
            for i, item in enumerate(element):
                key = item.get("quantity") or str(i)
                out[f"{name}[{key}]"] = _text(item)
    return out


def extract(gitdir: str) -> list[dict[str, str]]:
    repo = Path(gitdir.rstrip("/")).parent.name.split("+")[-1] or gitdir
    files = _git(gitdir, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
    rows: list[dict[str, str]] = []
    for path in files:
        if "/values-zh-rCN/" not in f"/{path}" or not path.endswith(".xml"):
            continue
        variants = {
            "zh-Hans": path,
            "zh-Hant-TW": path.replace("values-zh-rCN", "values-zh-rTW"),
            "zh-Hant-HK": path.replace("values-zh-rCN", "values-zh-rHK"),
        }
        if not all(v in files for v in variants.values()):
            continue
        tables = {loc: _strings(_git(gitdir, "show", f"HEAD:{p}")) for loc, p in variants.items()}
        for name, hans in tables["zh-Hans"].items():
            if not _HAN.search(hans) or any(name not in t for t in tables.values()):
                continue
            rows.append(
                {"id": f"{repo}:{path}:{name}", **{loc: t[name] for loc, t in tables.items()}}
            )
    return rows


def main(argv: list[str]) -> None:
    out, gitdirs = Path(argv[0]), argv[1:]
    seen: set[tuple[str, str, str]] = set()
    with out.open("w", encoding="utf-8") as f:
        for gitdir in gitdirs:
            for row in extract(gitdir):
                key = (row["zh-Hans"], row["zh-Hant-TW"], row["zh-Hant-HK"])
                if key in seen:  # apps share many strings; count each translation once
                    continue
                seen.add(key)
                f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
