"""`python -m casuskosten`."""

from casuskosten.cli import main

main()
