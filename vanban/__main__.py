"""`python -m vanban ...`: the same as the `vanban` command."""

from vanban.cli import main

if __name__ == "__main__":
    main()
