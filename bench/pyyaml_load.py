#!/usr/bin/env python3
"""The baseline a Python quiz tool would use: PyYAML's CSafeLoader (the
libyaml-backed safe loader of Debian's python3-yaml) loading a bank into
Python objects.  Reads the file into memory first, as rolecall does.

    python3 bench/pyyaml_load.py FILE      prints the number of questions
"""
import sys

import yaml


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pyyaml_load.py FILE")
    if not getattr(yaml, "__with_libyaml__", False):
        sys.exit("PyYAML was built without libyaml: CSafeLoader is missing")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    bank = yaml.load(data, Loader=yaml.CSafeLoader)
    print(len(bank["questions"]), "questions")


if __name__ == "__main__":
    main()
