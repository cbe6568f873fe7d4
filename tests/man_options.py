#!/usr/bin/env python3
"""The man page and the program agree on the options (issue 21, item 7):
the options of `rolecall --help` are those of the man page's OPTIONS
section; each command's `--help` lists only options the page has, and an
option the page says is "For COMMAND[, and COMMAND]" is listed by exactly
those commands' help; every command of --help has its entry in COMMANDS.

Usage: man_options.py BINARY MAN_PAGE"""
import os
import re
import subprocess
import sys
import tempfile

BIN, MAN = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp()
ENV = dict(os.environ, HOME=TMP, XDG_DATA_HOME=TMP, LC_ALL="C.UTF-8")
failures = []


def check(what, ok, detail=""):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)
        if detail:
            print("    " + detail)


def help_text(*args):
    p = subprocess.run([BIN] + list(args), capture_output=True, text=True, env=ENV,
                       stdin=subprocess.DEVNULL)
    check("rolecall %s: exit 0, nothing on stderr" % " ".join(args),
          p.returncode == 0 and not p.stderr, p.stderr)
    return p.stdout


def help_options(text):
    """The long options of a help text's Options: section."""
    section = text.split("\nOptions:\n", 1)[1]
    return {m.group(1) for m in re.finditer(r"^ +(?:-., )?--([a-z-]+)", section, re.M)}


def man_sections(page):
    out, name = {}, None
    for line in page.splitlines():
        if line.startswith(".SH "):
            name = line[4:].strip('"')
            out[name] = []
        elif name:
            out[name].append(line)
    return out


def man_options(lines):
    """{option: [paragraph text]} of the OPTIONS section."""
    opts, current = {}, []
    for i, line in enumerate(lines):
        if line == ".TP" and i + 1 < len(lines):
            current = re.findall(r"\\-\\-([a-z\\-]+)", lines[i + 1])
            current = [o.replace("\\-", "-") for o in current]
            for o in current:
                opts.setdefault(o, []).append("")
        elif current and not lines[i - 1] == ".TP":
            for o in current:
                opts[o][-1] += " " + line
    return opts


def for_commands(text):
    """{"report", "export"} from "For \\fBreport\\fR and \\fBexport\\fR: ..."."""
    m = re.match(r"\s*For ((?:\\fB[a-z ]+\\fR(?:, | and )?)+)", text)
    if not m:
        return None
    return {c.split()[0] for c in re.findall(r"\\fB([a-z ]+)\\fR", m.group(1))}


page = open(MAN, encoding="utf-8").read()
sections = man_sections(page)
man = man_options(sections["OPTIONS"])
top = help_text("--help")
check("--help lists the options of the man page",
      help_options(top) == set(man),
      "only in --help: %s; only in the man page: %s" % (
          sorted(help_options(top) - set(man)), sorted(set(man) - help_options(top))))

commands = re.findall(r"^  ([a-z]+)", top.split("\nCommands:\n", 1)[1].split("\n\n")[0], re.M)
commands = [c for c in commands if c != "help"]
command_text = "\n".join(sections["COMMANDS"])
takes = {}
for c in commands:
    check("the man page has an entry for '%s'" % c,
          re.search(r"^\.BR? \"?%s\b" % c, command_text, re.M) is not None)
    opts = help_options(help_text(c, "--help"))
    check("'%s --help' lists only options of the man page" % c, opts <= set(man),
          str(sorted(opts - set(man))))
    for o in opts:
        takes.setdefault(o, set()).add(c)

for o, paragraphs in sorted(man.items()):
    named = [for_commands(p) for p in paragraphs]
    if None in named:
        continue
    said = set().union(*named)
    check("--%s: the man page says it is for %s" % (o, ", ".join(sorted(said))),
          said == takes.get(o, set()),
          "the commands' help: %s" % sorted(takes.get(o, set())))

print("%d failed" % len(failures))
sys.exit(1 if failures else 0)
