"""`python -m duluan`: the same commands as the `duluan` script."""

from .cli import main

if __name__ == "__main__":
    main()
