"""Command-line options shared by several commands, defined once so they read the same."""

from __future__ import annotations

from pathlib import Path

import click

rules_option = click.option(
    "--rules", "rules_dirs", multiple=True, type=click.Path(path_type=Path),
    help="Extra site-rule directory (repeatable).")
no_site_rules_option = click.option("--no-site-rules", is_flag=True, help="Generic heuristics only.")
ftr_option = click.option(
    "--ftr", type=click.Path(exists=True, path_type=Path),
    help="ftr-site-config checkout (or one file) to use as site rules, below yours.")
adblock_option = click.option(
    "--adblock", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Ad-block list whose cosmetic (##) rules are applied, below all site rules.")
jobs_option = click.option(
    "-j", "--jobs", type=click.IntRange(min=0), default=0,
    help="Worker processes (default: one per core).")
