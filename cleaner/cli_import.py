"""``cleaner rules import-ftr`` and ``cleaner rules import-adblock``: convert public rule bases."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click
import yaml

from .importers.adblock import read_list
from .importers.ftr import convert_path, yaml_name


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


@click.command("import-ftr")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for one cleaner rule file per site (and import-report.json).")
def import_ftr(path: Path, outdir: Path) -> None:
    """Convert an ftr-site-config checkout (or one file) at PATH to cleaner YAML rules."""
    files = convert_path(path)
    outdir.mkdir(parents=True, exist_ok=True)
    unsupported: Counter = Counter()
    ignored: Counter = Counter()
    report = {"converted": [], "nothing_to_apply": [], "rejected_xpaths": {}}
    for converted in files:
        unsupported.update(converted.unsupported)
        ignored.update(converted.ignored)
        if converted.rejected_xpaths:
            report["rejected_xpaths"][converted.name + ".txt"] = converted.rejected_xpaths
        if converted.rule is None:
            report["nothing_to_apply"].append(
                {"file": converted.name + ".txt", "unsupported": dict(converted.unsupported)})
            continue
        (outdir / yaml_name(converted.name)).write_text(_dump(converted.rule), encoding="utf-8")
        report["converted"].append(converted.name + ".txt")
    rejected = sum(len(v) for v in report["rejected_xpaths"].values())
    report["totals"] = {
        "files": len(files),
        "converted": len(report["converted"]),
        "nothing_to_apply": len(report["nothing_to_apply"]),
        "rejected_xpaths": rejected,
        "unsupported_directives": dict(unsupported.most_common()),
        "ignored_directives": dict(ignored.most_common()),
    }
    (outdir / "import-report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False),
                                               encoding="utf-8")
    click.echo(
        f"{len(files)} files: {len(report['converted'])} converted to {outdir}, "
        f"{len(report['nothing_to_apply'])} with nothing cleaner can apply; "
        f"{sum(unsupported.values())} unsupported directives, {rejected} XPaths lxml rejects "
        f"(details in {outdir / 'import-report.json'})",
        err=True,
    )


@click.command("import-adblock")
@click.argument("list_path", metavar="LIST", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="YAML file for the cosmetic rules cleaner can apply (use it with --adblock).")
def import_adblock(list_path: Path, out_file: Path) -> None:
    """Convert the cosmetic (element hiding) rules of an ad-block LIST to a cleaner YAML file."""
    parsed = read_list(list_path)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(_dump(parsed.to_yaml_data(list_path.name)), encoding="utf-8")
    counts = parsed.counts()
    skipped = ", ".join(f"{n} {why}" for why, n in counts["skipped"].items()) or "none"
    click.echo(
        f"{counts['generic']} generic and {counts['domain_rules']} domain rules "
        f"({counts['domains']} domains), {counts['exceptions']} exceptions written to {out_file}; "
        f"skipped: {skipped}",
        err=True,
    )
