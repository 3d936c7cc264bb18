"""``cleaner eval GOLD``: score cleaner (and extractors alone) on gold data."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from .cli_options import adblock_option, ftr_option, jobs_option, no_site_rules_option, rules_option
from .evaluate import BASELINES, EvalOptions, GoldError, load_gold, plan_tasks, run, summarize
from .evaluate import format_table as _format_table
from .guard import parse_limit
from .rules import RuleError


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--mode", type=click.Choice(["html", "text", "both"]), default="both", show_default=True,
              help="html: html/ through the HTML path; text: dumps/ through the text path.")
@click.option("--baseline", "baselines", multiple=True, type=click.Choice(list(BASELINES)),
              help="Also score this system alone in the same run (repeatable).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write per-document results (missed and leaked passages) to this file.")
@no_site_rules_option
@rules_option
@click.option("--body-only", is_flag=True,
              help="Score the body alone (default: title and body, as the .txt output has them).")
@click.option("--disable", "disabled", multiple=True, metavar="RULE",
              help="Switch off the generic heuristics whose rule id starts with RULE (repeatable), "
                   "to measure what they are worth.")
@click.option("--guard", "guards", multiple=True, metavar="KIND=SHARE",
              help="Over-removal guard limit (html, text, html-drops; a share or 'off'; repeatable).")
@ftr_option
@adblock_option
@jobs_option
def eval_command(gold: Path, mode: str, baselines: tuple[str, ...], json_path: Path | None,
                 no_site_rules: bool, rules_dirs: tuple[Path, ...], body_only: bool,
                 disabled: tuple[str, ...], guards: tuple[str, ...], ftr: Path | None,
                 adblock: Path | None, jobs: int) -> None:
    """Score cleaner on GOLD: a dev-set directory (annotations.json, html/, dumps/)
    or a JSON file {id: {url, articleBody}} next to an html/ directory.

    Exit status: 0 scored, 1 some documents failed, 2 unreadable gold data or rules.
    """
    try:
        guard_limits = dict(parse_limit(g) for g in guards)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--guard") from None
    try:
        gold_set = load_gold(gold)
    except GoldError as exc:
        raise click.ClickException(str(exc)) from None
    options = EvalOptions(modes=("html", "text") if mode == "both" else (mode,),
                          baselines=tuple(dict.fromkeys(baselines)), site_rules=not no_site_rules,
                          rules_dirs=tuple(rules_dirs), title=not body_only, jobs=jobs,
                          disabled=tuple(disabled), guard_limits=guard_limits, ftr=ftr, adblock=adblock)
    try:
        from .pipeline import Cleaner

        # fail early on bad rules (and convert --ftr into its cache before the workers start)
        Cleaner(rules_dirs=options.rules_dirs, site_rules=options.site_rules, ftr=ftr, adblock=adblock)
    except RuleError as exc:
        raise click.ClickException(f"rule error: {exc}") from None
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    _, notes = plan_tasks(gold_set, options)
    for note in notes:
        click.echo(f"cleaner eval: {note}", err=True)
    start = time.perf_counter()
    results = run(gold_set, options)
    seconds = time.perf_counter() - start
    failed = [r for r in results if r.error is not None]
    for r in failed:
        click.echo(f"cleaner eval: error: {r.id} ({r.mode}, {r.system}): {r.error}", err=True)
    summaries = summarize(gold_set, results)
    scoring = ("passages present (whitespace collapsed), corpus tp/fn/fp" if gold_set.layout == "passages"
               else "4-gram shingle P/R/F1, mean over documents")
    scored = "body" if body_only else "title + body"
    click.echo(f"{gold}: {len(gold_set.docs)} documents; scoring {scoring}; cleaner output scored: {scored}")
    click.echo(_format_table(summaries))
    click.echo(f"({seconds:.1f}s)", err=True)
    if json_path is not None:
        payload = {"gold": str(gold), "layout": gold_set.layout, "scored": scored,
                   "summary": [s.to_dict() for s in summaries],
                   "documents": [r.to_dict() for r in results]}
        json_path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.exit(1 if failed else 0)
