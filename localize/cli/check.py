"""``localize check``: the QA gate for localized posts (a thin layer over :mod:`localize.qa`)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import click

from localize.cli.options import (
    REPORT_FORMATS,
    encoding_option,
    glossary_option,
    input_format_option,
    normalize_locale_option,
    renamed,
    text_column_option,
)

# localize.qa is imported inside the command, so that `--help` stays fast.


def _list_checks(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from localize.qa import all_checks

    checks = all_checks().values()
    width = max(len(check.id) for check in checks)
    for check in checks:
        click.echo(f"{check.id:<{width}} {check.severity:<8} {check.family:<13} {check.summary}")
    ctx.exit(0)


@click.command("check")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="[SOURCE] TARGET",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True),
)
@glossary_option("Glossary file (repeatable); adds to the pipeline's.")
@click.option(
    "-p", "--pipeline", help="Pipeline (file or built-in name): glossaries, locales, check step."
)
@click.option(
    "--output-format",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Report format (html: the review page, with source and target side by side).",
)
@renamed(
    "-f",
    "--format",
    dest="output_format",
    replacement="--output-format",
    type=click.Choice(REPORT_FORMATS),
)
@click.option(
    "--fail-on",
    help="error | warning | never, or comma-separated check ids.  [default: error]",
)
@click.option(
    "--qa-config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="QA config YAML: severities, options, fail_on, waivers.",
)
@renamed(
    "-c",
    "--config",
    dest="qa_config",
    replacement="--qa-config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "-w",
    "--waivers",
    "waivers_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Waivers YAML: post id, check, reason, optional expiry.",
)
@click.option(
    "--source-locale",
    callback=normalize_locale_option,
    help="Locale of the sources, e.g. zh-Hans or zh-CN (default: detected).",
)
@click.option(
    "--target-locale",
    callback=normalize_locale_option,
    help="Locale of the targets, e.g. zh-Hant-TW, zh-TW or en.",
)
@input_format_option()
@text_column_option()
@click.option("--id-column", default="id", show_default=True, help="CSV/TSV column with the id.")
@encoding_option()
@click.option("-o", "--output", default="-", help="Write the report here instead of stdout.")
@click.option(
    "--list-checks",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_checks,
    help="List every check with its default severity, and exit.",
)
@click.pass_context
def check_command(
    ctx: click.Context,
    files: tuple[str, ...],
    glossaries: tuple[Path, ...],
    pipeline: str | None,
    output_format: str,
    fail_on: str | None,
    qa_config: Path | None,
    waivers_path: Path | None,
    source_locale: str | None,
    target_locale: str | None,
    input_format: str | None,
    text_column: str | None,
    id_column: str,
    encoding: str | None,
    output: str,
) -> None:
    """Check localized posts: terms, entities, numbers, placeholders, script, punctuation.

    Give SOURCE and TARGET files of posts paired by "id" (JSONL, CSV/TSV or text, which pair
    line by line), or one JSONL file written by `localize run` (source in "text", translation
    in "result"). Findings print as FILE:LINE: POST-ID: [CHECK] SEVERITY: MESSAGE. Exit code 0
    when nothing reaches the fail level, 1 when something does, 2 for usage, configuration or
    input errors. `localize check --list-checks` lists the checks.

    \b
    Example:
      localize check examples/posts-zh.jsonl examples/localized/posts-zh.en.jsonl \\
          --glossary glossaries/canada-tourism.yaml --target-locale en
      localize check out/zh-tw.jsonl --pipeline weibo-zh-tw --output-format github
      localize check examples/posts-zh.jsonl examples/localized/posts-zh.en.jsonl \\
          --qa-config examples/ci/qa.yaml --output-format junit -o report.xml
      localize check out.jsonl --output-format html -o review.html
    """
    from localize.qa import Checker, CheckRun, Locales, QAConfig, make_reporter
    from localize.qa.config import load_qa_config, parse_fail_on
    from localize.qa.waivers import load_waivers

    if len(files) > 2:
        raise click.UsageError("give SOURCE TARGET, or one `localize run` output file")
    config = QAConfig.default()
    locales = Locales(source_locale, target_locale)
    glossary_paths = list(glossaries)
    if pipeline is not None:
        from localize.cli.run import resolve_pipeline
        from localize.config import load_pipeline_config
        from localize.steps.check import qa_config_from_pipeline

        pipeline_config = load_pipeline_config(resolve_pipeline(pipeline))
        config = qa_config_from_pipeline(pipeline_config) or config
        glossary_paths = [*pipeline_config.glossaries, *glossary_paths]
        locales.source = locales.source or pipeline_config.source
        locales.target = locales.target or pipeline_config.target
    if qa_config is not None:
        config = load_qa_config(qa_config, config)
    if fail_on is not None:
        config.fail_on = parse_fail_on(fail_on, key="--fail-on")
    glossary = None
    if glossary_paths:
        from localize.glossary import load_glossaries

        glossary = load_glossaries(glossary_paths)
        from localize.cli.gc_policy import freeze_long_lived

        freeze_long_lived()  # the glossary lives to the end of the run
    waivers_file = waivers_path or config.waivers
    waivers = load_waivers(waivers_file) if waivers_file is not None else None
    stream: IO[str]
    with click.open_file(output, "w", encoding="utf-8") as stream:
        run = CheckRun(
            Checker(config, glossary),
            make_reporter(output_format, stream),
            waivers=waivers,
            locales=locales,
        )
        source, target = (None, files[0]) if len(files) == 1 else files
        summary = run.check_files(
            source,
            target,
            fmt=input_format,
            text_column=text_column,
            id_column=id_column,
            encoding=encoding,
        )
    ctx.exit(summary.exit_code)
