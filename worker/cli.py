"""The `newsworker` command line."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from worker.settings import get_settings

app = typer.Typer(
    name="newsworker",
    help="Turn a news crawler's raw articles into structured facts: clean bodies, merged entities, "
    "attributed quotes and check-worthy claims.",
    no_args_is_help=True,
    add_completion=False,
)

Inputs = Annotated[
    list[str],
    typer.Argument(help="Files (.txt, .html, .html.gz, .jsonl), folders (recursive), or - for JSONL on stdin."),
]


@app.command()
def extract(inputs: Inputs) -> None:
    """Run the pipeline in this process (no queue, no database); print one JSON record per article."""
    from pipeline.nlp import load_nlp
    from tasks.feeds import read_inputs
    from worker.extract import extract_records, write_jsonl

    settings = get_settings()
    nlp = load_nlp(settings.spacy_model, settings.excluded_components)
    write_jsonl(extract_records(read_inputs(inputs), nlp, settings.max_article_bytes), sys.stdout)


def main() -> None:
    app()
