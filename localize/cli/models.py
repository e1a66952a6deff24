"""`localize models ...` (Argos packages) and `localize translate` (one-off MT), thin."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from localize.cli.options import glossary_option, normalize_locale_option, renamed

# localize.mt is imported inside the commands, so that `--help` stays fast.


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
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text (a table) or json.",
)
@renamed("--json", dest="output_format", replacement="--output-format json", flag_value="json")
def list_command(output_format: str) -> None:
    """List installed packages and their language pairs.

    \b
    Example:
      localize models list --output-format json
    """
    from localize.mt import packages

    found = [p.summary() for p in packages.installed_packages()]
    if output_format == "json":
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
@click.option(
    "--index-url",
    default=None,
    help="Package index JSON (default: $ARGOS_PACKAGE_INDEX/index.json, else Argos's public one).",
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds to wait for the network before giving up.",
)
@click.option("-q", "--quiet", is_flag=True, help="No download progress bar.")
def install_command(
    what: tuple[str, ...], index_url: str | None, timeout: float, quiet: bool
) -> None:
    """Install FILE.argosmodel, or FROM TO from the Argos package index (needs network).

    The archive is checked before anything is installed; a broken file changes nothing.
    Without network, download the .argosmodel elsewhere and install the file.

    \b
    Example:
      localize models install translate-zh_en-1_9.argosmodel
      localize models install en zh
    """
    import sys

    from localize.mt import packages
    from localize.mt.engine import clear_engines

    if len(what) == 1:
        info = packages.install_file(Path(what[0]))
    elif len(what) == 2:
        from localize.mt.index import install_from_index

        source, target = (packages.argos_code(code) for code in what)
        info = install_from_index(
            source,
            target,
            url=index_url,
            timeout=timeout,
            progress=not quiet and sys.stderr.isatty(),
        )
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
    from localize.mt import packages
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
    from localize.mt import packages
    from localize.mt.engine import placeholder_form

    info = packages.get_package(name)
    details: dict[str, Any] = dict(info.summary())
    details["model_id"] = info.model_id
    files = sorted(f for f in info.path.rglob("*") if f.is_file())
    details["size_mb"] = round(sum(f.stat().st_size for f in files) / 1e6, 1)
    details["sentence_splitter"] = next(
        (d for d in ("minisbd", "stanza", "spacy") if (info.path / d).exists()), "none (ours)"
    )
    details["placeholder_form"] = placeholder_form(info).template
    for key, value in details.items():
        click.echo(f"{key}: {value}")
    click.echo("files:")
    for f in files:
        click.echo(f"  {f.relative_to(info.path).as_posix():<40} {f.stat().st_size:>12,} bytes")


def translate_steps(
    source: str, target: str, options: dict[str, Any], *, terms: bool = False
) -> list[Any]:
    """The pipeline steps for a one-off translation from ``source`` to ``target``
    (``terms``: enforce the glossary's terms)."""
    from localize.text.locales import default_opencc_config, is_traditional

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
    "--source-locale",
    "source",
    required=True,
    callback=normalize_locale_option,
    help="Source locale: zh, zh-Hant, zt, en, ...",
)
@click.option(
    "--to",
    "--target-locale",
    "target",
    required=True,
    callback=normalize_locale_option,
    help="Target locale: en, zh, zh-Hant-TW, zh-TW, zh-Hant-HK, ...",
)
@click.option(
    "--beam-size", type=click.IntRange(1), default=4, show_default=True, help="Beam search width."
)
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
