"""Allow `python -m lessonkit`."""

from lessonkit.cli import main

main()
