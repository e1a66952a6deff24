"""`localize models ...` (Argos packages) and `localize translate` (one-off MT), thin."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from localize.cli.options import glossary_option, normalize_locale_option
from localize.mt import packages
from localize.text.locales import default_opencc_config, is_traditional


@click.group("models")
def models_group() -> None:
    """Install, list and remove Argos Translate packages (the MT models).

    Packages live where Argos keeps them (ARGOS_PACKAGES_DIR), so packages installed with
    `argospm` are used too.

    \b
    Example:
      localize models install zh en
      localize models list
    """


@models_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_command(as_json: bool) -> None:
    """List installed packages and their language pairs.

    \b
    Example:
      localize models list --json
    """
    found = [p.summary() for p in packages.installed_packages()]
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"No packages installed in {packages.packages_dir()}.")
        click.echo("Install one with: localize models install zh en")
        return
    for p in found:
        click.echo(f"{p['from']} -> {p['to']}  {p['version']:<8} {p['name']}")


@models_group.command("install")
@click.argument("what", nargs=-1, required=True)
def install_command(what: tuple[str, ...]) -> None:
    """Install FILE.argosmodel, or FROM TO from the Argos package index (needs network).

    The archive is checked before anything is installed; a broken file changes nothing.

    \b
    Example:
      localize models install translate-zh_en-1_9.argosmodel
      localize models install en zh
    """
    from localize.mt.engine import clear_engines

    if len(what) == 1:
        info = packages.install_file(Path(what[0]))
    elif len(what) == 2:
        info = packages.install_from_index(*(packages.argos_code(code) for code in what))
    else:
        raise click.UsageError("give one .argosmodel file, or a FROM and a TO language code")
    clear_engines()
    click.echo(f"Installed {info.from_code} -> {info.to_code} {info.version} as {info.path}")


@models_group.command("remove")
@click.argument("name")
def remove_command(name: str) -> None:
    """Uninstall the package NAME (as shown by `localize models list`).

    \b
    Example:
      localize models remove translate-zh_en-1_9
    """
    from localize.mt.engine import clear_engines

    info = packages.remove(name)
    clear_engines()
    click.echo(f"Removed {info.name} ({info.from_code} -> {info.to_code} {info.version})")


@models_group.command("info")
@click.argument("name")
def info_command(name: str) -> None:
    """Show a package's metadata, files and placeholder form.

    \b
    Example:
      localize models info translate-zh_en-1_9
    """
    info = packages.get_package(name)
    details: dict[str, Any] = dict(info.summary())
    details["model_id"] = info.model_id
    size = sum(f.stat().st_size for f in info.path.rglob("*") if f.is_file())
    details["size_mb"] = round(size / 1e6, 1)
    details["sentence_splitter"] = next(
        (d for d in ("minisbd", "stanza", "spacy") if (info.path / d).exists()), "none (ours)"
    )
    for key, value in details.items():
        click.echo(f"{key}: {value}")


def translate_steps(
    source: str, target: str, options: dict[str, Any], *, terms: bool = False
) -> list[Any]:
    """The pipeline steps for a one-off translation from ``source`` to ``target``
    (``terms``: enforce the glossary's terms)."""
    steps: list[Any] = ["normalize", "protect"]
    if is_traditional(source):
        # Argos's zt models are few; the zh models are better: go through Simplified.
        steps.append({"convert": {"config": "t2s"}})
        source = "zh-Hans"
    if terms:
        steps.append("terms")
    # Traditional targets are reached through Simplified Chinese plus an OpenCC conversion.
    conversion = default_opencc_config(target) if is_traditional(target) else None
    mt_target = "zh-Hans" if conversion else target
    steps.append({"translate": {"source": source, "target": mt_target, **options}})
    if conversion:
        steps.append({"convert": {"config": conversion}})
    steps.append("restore")
    return steps


@click.command("translate")
@click.argument("texts", nargs=-1)
@click.option(
    "--from",
    "source",
    required=True,
    callback=normalize_locale_option,
    help="Source locale: zh, zh-Hant, zt, en, ...",
)
@click.option(
    "--to",
    "target",
    required=True,
    callback=normalize_locale_option,
    help="Target: en, zh, zh-Hant-TW, zh-TW, zh-Hant-HK, ...",
)
@click.option("--beam-size", type=int, default=4, show_default=True)
@click.option("--model", default=None, help="Pin an installed package (see `models list`).")
@click.option("--cache/--no-cache", default=True, show_default=True, help="Use the MT cache.")
@glossary_option("Keep this glossary's approved terms (repeatable).")
def translate_command(
    texts: tuple[str, ...],
    source: str,
    target: str,
    beam_size: int,
    model: str | None,
    cache: bool,
    glossaries: tuple[Path, ...],
) -> None:
    """Translate TEXTS (or each stdin line) with Weibo entities protected.

    \b
    Example:
      localize translate --from zh --to en "今天在@温哥华旅游局 看到了极光[哈哈]"
      echo "See you in Montreal!" | localize translate --from en --to zh-Hant-HK \\
          -g glossaries/canada-tourism.yaml
    """
    from localize.pipeline import Pipeline

    options: dict[str, Any] = {
        "beam_size": beam_size,
        "num_hypotheses": min(4, beam_size),
        "cache": cache,
    }
    if model:
        options["model"] = model
    pipe = Pipeline.from_dict(
        {
            "name": "translate",
            "source": source,
            "target": target,
            "steps": translate_steps(source, target, options, terms=bool(glossaries)),
        },
        glossaries=glossaries,
    )
    lines = list(texts) if texts else [line.rstrip("\n") for line in sys.stdin]
    posts = (pipe.make_post(str(i), text) for i, text in enumerate(lines, start=1))
    for post in pipe.run(posts, batch_size=256):
        click.echo(post.text)
