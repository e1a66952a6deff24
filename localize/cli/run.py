"""``localize run``, ``localize pipelines`` and the one-step shortcuts ``convert``/``segment``."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from localize.cli.options import (
    MAX_CHARS,
    OUTPUT_FORMATS,
    encoding_option,
    glossary_option,
    input_format_option,
    renamed,
    text_column_option,
)
from localize.errors import ConfigError

# Library modules are imported inside the commands, so that `--help` stays fast.
if TYPE_CHECKING:
    from localize.exec import PipelineSpec
    from localize.exec.ray import ShardOptions
    from localize.pipeline import Pipeline
    from localize.post import Post


def resolve_pipeline(name_or_path: str) -> Path:
    from localize.resources import builtin_pipelines, find_pipeline

    path = find_pipeline(name_or_path)
    if path is None:
        names = ", ".join(builtin_pipelines()) or "(none)"
        raise ConfigError(
            f"no pipeline file or built-in pipeline named {name_or_path!r}",
            hint=f"Built-in pipelines: {names}. Run `localize pipelines list`.",
        )
    return path


def _count_lines(paths: tuple[str, ...]) -> int | None:
    if "-" in paths:
        return None
    total = 0
    for p in paths:
        try:
            with open(p, "rb") as handle:
                total += sum(
                    chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")
                )
        except OSError:
            return None
    return total


@click.command("run")
@click.argument("pipeline")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Output file: .jsonl, .csv, .tsv, .xlf (XLIFF 1.2), .xliff (XLIFF 2.1), .po, .md or"
    " .html (review page); - for JSONL on stdout.",
)
@click.option(
    "--memory",
    type=click.Path(exists=True, dir_okay=False),
    help="Translation memory (from `localize tm import`): its sentences are used instead of MT.",
)
@input_format_option(old_spelling="--format")
@click.option(
    "--output-format",
    "output_format_name",
    type=click.Choice(OUTPUT_FORMATS),
    help="Output format (default: by the extension of -o; JSONL on stdout).",
)
@text_column_option()
@click.option(
    "--id-column", default="id", show_default=True, help="CSV/TSV column with the post id."
)
@encoding_option()
@glossary_option("Extra glossary file (repeatable).")
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run; posts already in the output are skipped.",
)
@click.option(
    "--batch-size", default=64, show_default=True, type=click.IntRange(1), help="Posts per batch."
)
@click.option(
    "--max-chars",
    default=MAX_CHARS,
    show_default=True,
    type=click.IntRange(1),
    help="Reject posts longer than this.",
)
@click.option(
    "--jobs",
    default=1,
    show_default=True,
    type=click.IntRange(0),
    help="Worker processes, each with its own pipeline (0: one per core). The output is the "
    "same as with one job, in input order.",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: this machine (--jobs processes). ray: a Ray cluster (pip install "
    "'localize[ray]'); -o is then a folder of JSONL shards with a manifest.json, --jobs the "
    "number of actors, and a rerun redoes only the shards not finished.",
)
@click.option(
    "--ray-address",
    default=None,
    help="With --executor ray: the cluster to join (auto, or ray://HOST:PORT); default: "
    "start Ray on this machine.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def run_command(
    pipeline: str,
    inputs: tuple[str, ...],
    output: str,
    input_format: str | None,
    output_format_name: str | None,
    text_column: str | None,
    id_column: str,
    encoding: str | None,
    glossaries: tuple[Path, ...],
    resume: bool,
    batch_size: int,
    max_chars: int,
    jobs: int,
    executor: str,
    ray_address: str | None,
    quiet: bool,
    memory: str | None,
) -> None:
    """Run PIPELINE (a YAML file or a built-in name) over INPUT files of posts.

    Inputs are JSONL (one object per line with "id", "text", optional "lang"; other fields pass
    through), CSV/TSV (--text-column, --id-column) or plain text (one post per line); "-" reads
    stdin. The extension picks the format (or --input-format); an unknown one is an error.
    Files are UTF-8 unless a byte-order mark or --encoding says otherwise. Each JSONL output
    line holds the input fields, the "result", tokens, term matches, issues and the
    pipeline signature; a .csv/.tsv output holds the input fields, "result" and an "issues"
    summary. Bad posts are reported, written to OUTPUT.rejects.jsonl and
    skipped. Exit code: 0 all good; 1 if any post was rejected or has an error-level issue
    (e.g. from a `check` step); 2 for usage or configuration errors.

    \b
    Example:
      localize run pipelines/weibo-zh-tw.yaml examples/posts-zh.jsonl -o out/zh-tw.jsonl
      localize run weibo-zh-tw examples/posts.csv -o out/posts.jsonl --resume
      localize run weibo-zh-tw export.csv --encoding gb18030 --text-column 微博正文 -o out.jsonl
      localize run weibo-zh-tw examples/posts-zh.jsonl -o out/zh-tw.csv
      localize run weibo-zh-tw archive.jsonl -o out/archive.jsonl --jobs 0
      localize run weibo-zh-tw "archive/*.jsonl" -o out/archive/ --executor ray --jobs 2
      localize run weibo-zh-en posts.jsonl --memory team.tm -o out.xlf
    """
    from localize.exec.forkserver import prestart, resolve_jobs

    if executor == "local":
        # First thing: the workers' fork server loads what they share while this process
        # builds its own pipeline and opens the output.
        prestart(jobs)

    from localize.cli.gc_policy import freeze_long_lived
    from localize.exec import PipelineSpec, make_batches, run_inline
    from localize.exec.local import run_processes
    from localize.exec.ray import ShardOptions
    from localize.io import OutputWriter, RejectWriter, output_format, read_records
    from localize.io.formats import DocumentTarget, open_writer
    from localize.io.writers import PreviousResults
    from localize.text.encodings import check_encoding

    spec = PipelineSpec(
        resolve_pipeline(pipeline),
        tuple(glossaries),
        Path(memory).resolve() if memory is not None else None,
    )
    if executor == "ray":
        if output_format_name not in (None, "jsonl"):
            raise click.UsageError("--executor ray writes JSONL shards (--output-format jsonl)")
        if encoding:
            check_encoding(encoding)  # before Ray starts, as the local executor does
        options = ShardOptions(
            input_format, text_column, id_column, max_chars, batch_size, encoding
        )
        _run_on_ray(spec, inputs, output, options, resolve_jobs(jobs), ray_address, quiet)
        return
    fmt = output_format(output, output_format_name)
    pipe = spec.build()
    signature = pipe.signature()
    rejects = RejectWriter(output)
    writer = open_writer(
        fmt,
        output,
        DocumentTarget(pipe.config.source or "und", pipe.config.target or "und", resume),
        signature=signature,
    )
    # Only line formats resume; a document format starts afresh every run.
    previous = writer.previous if isinstance(writer, OutputWriter) else PreviousResults()
    for damage in previous.damaged:
        assert isinstance(writer, OutputWriter)
        click.echo(
            f"{output}:{damage.line}: damaged line ({damage.reason}) moved to "
            f"{writer.damaged_path}; its post is processed again if an input holds it",
            err=True,
        )
    records = read_records(
        inputs,
        fmt=input_format,
        text_column=text_column,
        id_column=id_column,
        max_chars=max_chars,
        encoding=encoding,
        notice=None if quiet else lambda message: click.echo(message, err=True),
    )
    batches = make_batches(records, done=writer.done_ids, batch_size=batch_size)
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        results = run_inline(pipe, signature, batches)
    else:
        results = run_processes(
            spec,
            signature,
            batches,
            jobs=jobs,
            after_first_batch=freeze_long_lived,
            # A line format's records are encoded in the workers; a document's are not.
            encoder=writer.encoder if isinstance(writer, OutputWriter) else None,
            pipeline=pipe,  # forked with it where this process can fork
        )

    from tqdm import tqdm

    # No monitor thread: workers are forked from this process (one started after a crash too),
    # which it may do only while it runs no other thread. The bar is updated every batch anyway.
    tqdm.monitor_interval = 0

    show = not quiet and sys.stderr.isatty()
    bar = tqdm(
        total=_count_lines(inputs) if show else None,
        unit="post",
        disable=not show,
        file=sys.stderr,
        dynamic_ncols=True,
    )
    skipped = len(writer.done_ids)
    bar.update(skipped)
    finished = False
    flagged = 0
    try:
        for result in results:
            for item in result.rejects:
                click.echo(f"{item.path}:{item.line}: rejected: {item.error}", err=True)
                rejects.write(item.to_json())
            if result.lines is not None:
                assert isinstance(writer, OutputWriter)  # only its encoder went to the workers
                writer.write_encoded(result.lines)
            else:
                writer.write_batch(result.records)
            flagged += result.flagged
            bar.update(result.count)
            if jobs == 1 and result.seq == 0:
                freeze_long_lived()  # the first batch has built jieba, glossary, matchers
        finished = True
    finally:
        bar.close()
        rejects.close()
        if finished:
            writer.finish()
        else:
            writer.abort()
    for note in writer.notes:  # e.g. Markdown blocks whose inline code a translation broke
        click.echo(note, err=True)
    flagged += len(writer.notes)
    if not quiet:
        summary = f"{writer.written} posts written"
        if skipped:
            summary += f", {skipped} already done"
        if flagged or previous.failed:
            summary += f", {flagged + previous.failed} with errors"
        if previous.damaged:
            summary += f", {len(previous.damaged)} damaged lines set aside"
        if rejects.count:
            where = f" (see {rejects.path})" if rejects.path else ""
            summary += f", {rejects.count} rejected{where}"
        click.echo(summary, err=True)
    # The exit code describes the whole output, including what a resumed run found in it.
    if rejects.count or flagged or previous.failed or previous.damaged:
        sys.exit(1)


@click.group("pipelines")
def pipelines_group() -> None:
    """List, show and validate pipelines.

    \b
    Example:
      localize pipelines list
      localize pipelines validate my-pipeline.yaml
    """


@pipelines_group.command("list")
def pipelines_list() -> None:
    """List the built-in pipelines with their source and target locales.

    \b
    Example:
      localize pipelines list
    """
    from localize.config import load_pipeline_config
    from localize.resources import builtin_pipelines

    for name, path in builtin_pipelines().items():
        config = load_pipeline_config(path)
        locales = f"{config.source or '?'} -> {config.target or '?'}"
        click.echo(f"{name:<22} {locales:<26} {config.description}".rstrip())


@pipelines_group.command("show")
@click.argument("name")
def pipelines_show(name: str) -> None:
    """Print a pipeline's YAML (NAME is a built-in name or a file).

    \b
    Example:
      localize pipelines show weibo-zh-tw
    """
    click.echo(resolve_pipeline(name).read_text(encoding="utf-8"), nl=False)


@pipelines_group.command("validate")
@click.argument("files", nargs=-1, required=True)
def pipelines_validate(files: tuple[str, ...]) -> None:
    """Check pipeline FILES completely (steps, options, glossaries) without running them.

    \b
    Example:
      localize pipelines validate pipelines/*.yaml
    """
    from localize.pipeline import Pipeline

    for name in files:
        pipe = Pipeline.from_yaml(resolve_pipeline(name))
        click.echo(
            f"{name}: ok ({len(pipe.steps)} steps: {', '.join(b.step.name for b in pipe.steps)})"
        )


def _texts(texts: tuple[str, ...]) -> Iterator[str]:
    if texts:
        yield from texts
    else:
        for line in sys.stdin:
            yield line.rstrip("\n")


@click.command("convert")
@click.argument("texts", nargs=-1)
@click.option(
    "-c",
    "--opencc-config",
    "config",
    default="s2t",
    show_default=True,
    help="OpenCC config: s2t, t2s, s2tw, s2twp, s2hk, tw2s, hk2s, ... (`s2twp.json` too), or a"
    " custom OpenCC JSON config file.",
)
@click.option(
    "-i",
    "--input",
    "input_path",
    default=None,
    help="Read lines from this file (`-`: stdin). Default: TEXTS, else stdin.",
)
@click.option(
    "-o", "--output", "output_path", default="-", show_default=True, help="Write lines here."
)
@click.option(
    "--segmentation",
    type=click.Choice(["jieba", "opencc"]),
    default="jieba",
    show_default=True,
    help="jieba: OpenCC's phrases, except where one glues two words (多伦多只要);"
    " opencc: OpenCC's own maximum match.",
)
@click.option(
    "--vocabulary/--no-vocabulary",
    default=None,
    help="Layer the region vocabulary (Taiwan/Hong Kong phrases OpenCC lacks). Default: on for"
    " configs that write zh-Hant-TW or zh-Hant-HK.",
)
@renamed("--config", dest="config", replacement="-c/--opencc-config")
@click.option(
    "--protect/--no-protect",
    default=True,
    show_default=True,
    help="Keep Weibo entities (@mentions, #topics#, [emoticons], URLs, emoji) unconverted.",
)
@click.option("--encoding", default="utf-8", show_default=True, help="Of the input and output.")
def convert_command(
    texts: tuple[str, ...],
    config: str,
    input_path: str | None,
    output_path: str,
    segmentation: str,
    vocabulary: bool | None,
    protect: bool,
    encoding: str,
) -> None:
    """Convert TEXTS, a file or stdin between Simplified and Traditional Chinese, line by line.

    \b
    Example:
      localize convert -c s2twp "@旅游达人 推荐：软件和网络 [爱你]"
      echo "后来的头发" | localize convert -c s2hk
      localize convert -c s2twp.json -i posts.txt -o posts-tw.txt
    """
    from localize.pipeline import Pipeline
    from localize.steps.convert import resolve_config
    from localize.text.wordwise import vocabulary_locales

    if texts and input_path is not None:
        raise click.UsageError("give TEXTS or -i/--input, not both")
    try:
        name, locale = resolve_config(config)
    except ConfigError as error:
        raise click.BadParameter(
            f"{error.message} {error.hint or ''}".strip(), param_hint="'-c' / '--opencc-config'"
        ) from error
    if vocabulary is None:
        vocabulary = locale in vocabulary_locales()
    step = {"convert": {"config": name, "segmentation": segmentation, "vocabulary": vocabulary}}
    steps: list[Any] = ["protect", step, "restore"] if protect else [step]
    try:
        pipe = Pipeline.from_dict({"name": "convert", "target": locale or None, "steps": steps})
    except ConfigError as error:
        raise click.BadParameter(
            f"{error.message} {error.hint or ''}".strip(), param_hint="'-c' / '--opencc-config'"
        ) from error
    lines = _input_lines(texts, input_path, encoding)
    with click.open_file(output_path, "w", encoding=encoding) as out:
        batch: list[str] = []
        for line in lines:
            batch.append(line)
            if len(batch) == 256:
                _write_converted(pipe, batch, out)
                batch = []
        _write_converted(pipe, batch, out)


def _input_lines(texts: tuple[str, ...], path: str | None, encoding: str) -> Iterator[str]:
    if texts:
        yield from texts
        return
    if path in (None, "-") and _stdin_is_terminal():
        # Never wait silently: say what is expected when nobody pipes anything in.
        click.echo("Reading text to convert from the terminal; end with Ctrl-D.", err=True)
    with click.open_file(path or "-", "r", encoding=encoding) as handle:
        for line in handle:
            yield line.rstrip("\n")


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _write_converted(pipe: Pipeline, lines: list[str], out: Any) -> None:
    posts = [pipe.make_post(str(i), line) for i, line in enumerate(lines) if line.strip()]
    converted = iter(p.text for p in pipe.process_batch(posts)) if posts else iter(())
    for line in lines:
        out.write((next(converted) if line.strip() else line) + "\n")


@click.command("segment")
@click.argument("texts", nargs=-1)
@click.option(
    "--hmm/--no-hmm", default=True, show_default=True, help="Let jieba's HMM guess unknown words."
)
@click.option("-d", "--delimiter", default=" / ", show_default=True, help="Printed between tokens.")
@glossary_option("Keep this glossary's terms whole (repeatable).")
def segment_command(
    texts: tuple[str, ...], hmm: bool, delimiter: str, glossaries: tuple[Path, ...]
) -> None:
    """Segment Chinese TEXTS (or stdin lines) into words with jieba; entities stay whole.

    \b
    Example:
      localize segment "#遇见加拿大# 去蒙特利尔看枫叶 http://t.cn/A6x1"
    """
    from localize.pipeline import Pipeline

    pipe = Pipeline.from_dict(
        {"name": "segment", "steps": ["protect", {"segment": {"hmm": hmm}}, "restore"]},
        glossaries=glossaries,
    )
    _run_lines(pipe, texts, lambda post: delimiter.join(t for t in post.tokens or [] if t.strip()))


def _run_on_ray(
    spec: PipelineSpec,
    inputs: tuple[str, ...],
    output: str,
    options: ShardOptions,
    jobs: int,
    address: str | None,
    quiet: bool,
) -> None:
    if output == "-":
        raise click.UsageError("--executor ray writes a folder of shards: name it with -o OUT_DIR")
    if importlib.util.find_spec("ray") is None:
        raise ConfigError(
            "--executor ray needs Ray", hint="Install it: pip install 'localize[ray]'"
        )
    from localize.exec.ray import run_ray

    out_dir = Path(output)
    run = run_ray(
        spec, inputs, out_dir, jobs=jobs, options=options, address=address, show_progress=not quiet
    )
    if not quiet:
        summary = f"{run.posts} posts written to {out_dir} in {len(run.shards)} shards"
        if run.skipped:
            summary += f" ({run.skipped} done before)"
        if run.flagged:
            summary += f", {run.flagged} with errors"
        if run.rejects:
            summary += f", {run.rejects} rejected (see {out_dir}/shards/*.rejects.jsonl)"
        click.echo(summary, err=True)
    for path in run.missing:
        if path in run.errors:
            click.echo(f"Error: {run.errors[path]}", err=True)
        else:
            click.echo(f"{path}: failed; run the same command again to retry it", err=True)
    if run.exit_code:
        sys.exit(run.exit_code)
    if run.rejects or run.flagged or run.missing:
        sys.exit(1)


def _run_lines(pipe: Pipeline, texts: tuple[str, ...], render: Callable[[Post], str]) -> None:
    posts = (pipe.make_post(str(i), text) for i, text in enumerate(_texts(texts), start=1))
    for post in pipe.run(posts, batch_size=256):
        click.echo(render(post))
