"""What `lessonkit check` does once its command line is read, for click's command and the plain path alike.

It prints through the `echo` it is given (click's, or `plain_echo.plain_echo`, which needs no
click: see `check_options`) and returns the exit status instead of leaving, so both callers end the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from lessonkit.check.rule_codes import QA_RULE
from lessonkit.check.run import Options, check_paths
from lessonkit.cli.check_options import CheckArgs
from lessonkit.diagnostics import ERROR, WARNING, UnusableInputError
from lessonkit.diagnostics.report import FORMATS, unusable
from lessonkit.exit_status import ExitStatus

Echo = Callable[..., object]  # echo(message, err=False), as click.echo


def run_check(args: CheckArgs, echo: Echo) -> ExitStatus:
    """Check what `args` names, print the report, and say how the command ends (see check_cmd's help)."""
    try:
        report, root = check_paths(
            list(args.paths), Options(band=args.band, audience=args.audience, language=args.language)
        )
    except UnusableInputError as err:
        refused = unusable(err.diagnostics)
        if args.fmt in ("text", "summary"):
            echo("\n".join(str(d) for d in refused.findings))
            fix = err.headline or "run 'lessonkit validate'"
            echo(f"{len(refused.findings)} problem(s) make the input unusable; {fix}", err=True)
        else:
            echo(FORMATS[args.fmt](refused))
        return ExitStatus.UNUSABLE
    report = report.relative_to(root)
    output = FORMATS[args.fmt](report)
    if output:
        echo(output)
    # A translation that QA refuses is unusable input, as for `i18n check` and the build: exit 2.
    if any(f.code == QA_RULE and f.severity == ERROR for f in report.findings):
        return ExitStatus.UNUSABLE
    failed = report.count(ERROR) or (args.strict and report.count(WARNING))
    return ExitStatus.PROBLEMS if failed else ExitStatus.OK
