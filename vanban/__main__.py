"""`python -m vanban ...`, and the `vanban` command (pyproject.toml's script).

The command keeps what it compiles as it starts and the tables it builds from its data
in the user's cache folder (`start_cache`, `user_cache`): turned on here, before the
command's modules load, and nowhere else, so a program that imports `vanban.cli` (the
tests' runner) keeps its own `re`, `dataclasses` and `typing` and writes nothing there.
"""


def main() -> None:
    from vanban import start_cache, user_cache

    user_cache.enable()
    start_cache.install()  # before typer and the pipeline compile their patterns
    from vanban.cli import main as command

    command()


if __name__ == "__main__":
    main()
