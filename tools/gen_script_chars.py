"""Regenerate localize/data/script_chars.json from the OpenCC dictionaries installed in this venv.

OpenCC's Python API returns only the first candidate of a character mapping, which would make
后 (queen, valid Traditional) look Simplified-only because s2t maps it to 後 first. The
dictionaries list every candidate (``后 -> 後 后``), so we read them with the ``opencc_dict``
tool that ships inside the opencc wheel and keep a character as script-specific only when its
own form is not among its candidates. Run after upgrading opencc:

    .venv/bin/python tools/gen_script_chars.py
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import opencc

CLIB = Path(opencc.__file__).parent / "clib"
OUT = Path(__file__).resolve().parent.parent / "localize" / "data" / "script_chars.json"


def read_dict(name: str) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dict.txt"
        env = dict(os.environ, LD_LIBRARY_PATH=str(CLIB / "lib64"))
        source = str(CLIB / "share" / "opencc" / name)
        subprocess.run(
            [
                str(CLIB / "bin" / "opencc_dict"),
                "-i",
                source,
                "-o",
                str(out),
                "-f",
                "ocd2",
                "-t",
                "text",
            ],
            check=True,
            env=env,
        )
        table = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            key, values = line.split("\t")
            table[key] = values.split(" ")
        return table


def script_only(table: dict[str, list[str]]) -> str:
    return "".join(sorted(k for k, v in table.items() if len(k) == 1 and k not in v))


def _convert_each(chars: str, config: str) -> list[str]:
    """Each character through OpenCC ``config`` on its own (one per line: no phrase spans two)."""
    return opencc.OpenCC(config).convert("\n".join(chars)).split("\n")


def main() -> None:
    data = {
        "source": f"OpenCC {opencc.__version__} STCharacters/TSCharacters (Apache-2.0)",
        "simplified_only": script_only(read_dict("STCharacters.ocd2")),
        "traditional_only": script_only(read_dict("TSCharacters.ocd2")),
    }
    # What OpenCC would compute at run time, stored so that no converter is built for it:
    # the Simplified form of each Traditional-only character (the glossary matcher folds
    # scripts with it), and the Simplified-only characters each region's standard keeps.
    trad = data["traditional_only"]
    simplified = _convert_each(trad, "t2s")
    pairs = zip(trad, simplified, strict=True)
    data["t2s"] = {ch: out for ch, out in pairs if len(out) == 1 and out != ch}
    simp = data["simplified_only"]
    data["kept_by_region"] = {
        locale: "".join(
            ch for ch, out in zip(simp, _convert_each(simp, config), strict=True) if ch == out
        )
        for locale, config in (("zh-Hant-HK", "s2hk"), ("zh-Hant-TW", "s2tw"))
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {OUT}: {len(data['simplified_only'])} simplified-only, "
        f"{len(data['traditional_only'])} traditional-only"
    )


if __name__ == "__main__":
    main()
