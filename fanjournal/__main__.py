"""`python -m fanjournal` runs the same CLI as the `fan` script."""

from fanjournal.cli import main

main()
