#!/usr/bin/env python3
"""End-to-end tests of 'rolecall bank export' and 'rolecall bank import'.

Every bundled bank exported as Moodle XML must be well-formed and match
tests/moodle_quiz.rng (the structure Moodle's XML importer reads), checked
with xmllint; exported as GIFT and imported again it must pass 'rolecall
check'.  tests/fixtures/lms/features.gift (ours, written from the format's
documentation) is imported with the exact report of what could not be
mapped, and tests/fixtures/lms/features.aiken.txt likewise.  With
ROLECALL_MOODLE_FIXTURES naming a folder that holds Moodle's own fixtures
questions.gift.txt, questions.aiken.txt and aiken_errors.txt (from
question/format/{gift,aiken}/tests/fixtures; never committed here), those
are imported too.

Usage: bank_e2e.py ROLECALL_BINARY
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
QUIZZES = os.path.join(os.path.dirname(HERE), "quizzes")
LMS = os.path.join(HERE, "fixtures", "lms")
SCHEMA = os.path.join(HERE, "moodle_quiz.rng")
TMP = testlib.workdir("rolecall-bank-")
BUNDLED = sorted(f[:-5] for f in os.listdir(QUIZZES) if f.endswith(".yaml"))


def run(*args, cwd=None):
    env = testlib.home_env(TMP, quizzes=QUIZZES)
    return subprocess.run([testlib.binary(), *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=60)


def path(name):
    return os.path.join(TMP, name)


def check_ok(yaml_file):
    r = run("check", yaml_file)
    assert r.returncode == 0 and r.stdout.endswith(": all valid\n"), r.stdout + r.stderr


def import_fixture(fmt, fixture, report):
    """Import tests/fixtures/lms/FIXTURE with roles.txt: exit 1 (something
    was left out) with exactly report on stderr, and a bank that 'rolecall
    check' accepts, whose text it returns."""
    f = os.path.join(LMS, fixture)
    out = path(fixture + ".yaml")
    r = run("bank", "import", "--format", fmt, "--roles", os.path.join(LMS, "roles.txt"),
            "-o", out, f)
    assert r.returncode == 1, r.stderr
    assert r.stderr == report.format(f=f), r.stderr
    check_ok(out)
    return open(out, encoding="utf-8").read()


def test_moodle_xml_of_every_bundled_bank_is_valid():
    if not shutil.which("xmllint"):
        raise testlib.Skip("no xmllint (libxml2-utils)")
    for bank in BUNDLED:
        out = path(bank + ".xml")
        r = run("bank", "export", "--format", "moodle-xml", "-o", out, bank)
        assert r.returncode == 0 and r.stdout == "" and r.stderr == "", r.stderr
        x = subprocess.run(["xmllint", "--noout", out], capture_output=True, text=True)
        assert x.returncode == 0, x.stderr
        x = subprocess.run(["xmllint", "--noout", "--relaxng", SCHEMA, out],
                           capture_output=True, text=True)
        assert x.returncode == 0 and x.stderr.endswith(" validates\n"), x.stderr
        text = open(out, encoding="utf-8").read()
        # one multichoice question per bank question, one right answer each
        check = run("check", "--json", os.path.join(QUIZZES, bank + ".yaml"))
        count = int(re.search(r'"questions": (\d+)\n', check.stdout).group(1))
        assert text.count('<question type="multichoice">') == count
        assert text.count('<answer fraction="100"') == count
        assert "<tag><text>role:" in text


def test_gift_round_trip_of_every_bundled_bank_passes_check():
    for bank in BUNDLED:
        gift, yaml = path(bank + ".gift"), path(bank + ".yaml")
        r = run("bank", "export", "--format", "gift", os.path.join(QUIZZES, bank + ".yaml"))
        assert r.returncode == 0 and r.stderr == "", r.stderr
        open(gift, "w", encoding="utf-8").write(r.stdout)
        r = run("bank", "import", "--format", "gift", "-o", yaml, gift)
        assert r.returncode == 0, r.stderr
        assert re.fullmatch(r"rolecall: \S+: \d+ questions imported, \d+ roles\n", r.stderr)
        check_ok(yaml)
        # the same questions came back (test_interchange compares every field)
        a = run("check", "--json", os.path.join(QUIZZES, bank + ".yaml")).stdout
        b = run("check", "--json", yaml).stdout
        assert re.search(r'"questions": \d+\n', a).group(0) == \
            re.search(r'"questions": \d+\n', b).group(0)


FEATURES_REPORT = """\
{f}:29:1: error: question 'TF' not imported: it is a true/false question
{f}:32:1: error: question 'Short' not imported: it is a short-answer question (every answer starts with '=')
{f}:35:1: error: question 'Match' not imported: it is a matching question
{f}:42:1: error: question 'Roles' not imported: it is a numerical question
{f}:45:1: error: question 'Essay' not imported: it is an essay question (no answers to choose from)
{f}:48:1: error: question 'Welcome' not imported: it is a description (it has no answers)
{f}:51:1: error: question 'Product roles' not imported: it gives several right answers or partial marks; a bank question has exactly one right answer
{f}:58:1: error: question 'Stand-ups' not imported: no role for its right answer 'The whole team'; map the answer to a role with --roles FILE (a line 'ROLE-ID = The whole team')
rolecall: {f}: 3 questions imported, 3 roles; 8 problems reported above
"""


AIKEN_REPORT = """\
{f}:13:1: error: question not imported: it has fewer than 2 answers; a bank question offers 2 to 8
{f}:17:1: error: question not imported: an answer comes before any question text
{f}:19:1: error: question not imported: it has no 'ANSWER:' line
{f}:23:1: error: question not imported: no role for its right answer 'The team'; map the answer to a role with --roles FILE (a line 'ROLE-ID = The team')
{f}:31:1: error: question not imported: its 'ANSWER:' line names none of its answers
rolecall: {f}: 2 questions imported, 3 roles; 5 problems reported above
"""


CSV_REPORT = """\
{f}:5:1: error: question 'one-choice' not imported: it has fewer than 2 choices; a bank question offers 2 to 8
{f}:6:1: error: question 'bad-answer' not imported: its answer '4' is not the number of one of its choices (1 for choice1, ...)
{f}:7:1: error: question 'no-role' not imported: no role for its right answer 'The whole team'; map the answer to a role with --roles FILE (a line 'ROLE-ID = The whole team')
{f}:8:1: error: question 'bad-role' not imported: 'Project Manager' is not a role id: 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit
rolecall: {f}: 3 questions imported, 3 roles; 4 problems reported above
"""


# Each fixture of ours: its format, what the import reports, and lines of
# the bank it writes.
FIXTURES = [
    ("gift", "features.gift", FEATURES_REPORT, [
        'title: "Onboarding week 1"',
        'prompt: "Which role owns the roadmap { not the sprint }?"',
        'why: "Strategy: vision ~ roadmap"',
        'prompt: "Sprint work is accepted by the _____ at the sprint review."',
        'explain: "The Product Manager owns the roadmap & the vision."']),
    ("aiken", "features.aiken.txt", AIKEN_REPORT, [
        'prompt: "Who looks at least a couple of years ahead\\nand sells the vision '
        'to C-level executives?"',
        "answer: po\n    options: [pm, po, pjm]",
        'explain: "The right answer is: Product Manager."']),
    ("csv", "features.csv", CSV_REPORT, [
        "bank: features\n",
        'prompt: "Which statement describes the Product Manager?\\n(one of three)"',
        '- text: "Looks \\"a couple of years\\" ahead, sells the vision."',
        'why: "The roadmap, not the backlog."',
        "  - id: q3\n"]),  # a row without an id
]


def test_our_fixtures_import_with_a_roles_file():
    for fmt, fixture, report, lines in FIXTURES:
        yaml = import_fixture(fmt, fixture, report)
        for line in lines:
            assert line in yaml, (fixture, line, yaml)


def test_csv_header_errors():
    cases = [("prompt,choice1,choice2,answer,colour\nQ?,a,b,1,red\n",
              "{f}:1:1: error: 'colour' in the header row is not a column (doc/bank-format.md "
              "lists them)\n"),
             ("prompt,choice1,answer\nQ?,a,1\n",
              "{f}:1:1: error: the header row needs the columns prompt, choice1, choice2 and "
              "answer\n"),
             ("prompt,choice1,choice2,answer\n\"Q?,a,b,1\n",
              "{f}:2:1: error: a quoted field that starts on this row is not closed; nothing "
              "after it was read\n")]
    for i, (text, err) in enumerate(cases):
        f = path("bad%d.csv" % i)
        open(f, "w").write(text)
        r = run("bank", "import", "--format", "csv", f)
        want = err.format(f=f) + "rolecall: %s: no question could be imported; no bank " \
            "written\n" % f
        assert (r.returncode, r.stderr, r.stdout) == (1, want, ""), r.stderr


def test_bad_input_is_refused_with_its_reason():
    missing = path("nowhere.gift")
    syntax = path("open.gift")
    open(syntax, "w").write("// roles\n::Open::Who? {=Product Owner ~Product Manager\n")
    noroles = path("noroles.gift")
    open(noroles, "w").write("::Q::Who owns the backlog?{=Product Owner ~Product Manager}\n")
    cases = [
        (("bank", "export", "--format", "docx", "pm-vs-po"), 2,
         "rolecall: 'bank export' takes --format moodle-xml or gift, not 'docx'\n"),
        (("bank", "import", "--format", "moodle-xml", noroles), 2,
         "rolecall: 'bank import' takes --format gift, aiken or csv, not 'moodle-xml'\n"),
        (("bank", "export", "pm-vs-po"), 2,
         "rolecall: 'bank export' needs --format (moodle-xml or gift)\n"),
        (("bank", "export", "--format", "gift", "no-such-bank"), 1,
         "rolecall: no bank with id 'no-such-bank'; 'rolecall check' lists the banks\n"),
        (("bank", "publish", "x"), 2,
         "rolecall: 'bank' is 'bank export --format FMT BANK' or 'bank import --format "
         "FMT FILE', not 'bank publish'\n"),
        (("bank", "import", "--format", "gift"), 2, "rolecall: 'bank import' takes one file\n"),
        (("bank", "import", "--format", "gift", missing), 1,
         "rolecall: cannot read '%s': No such file or directory\n" % missing),
        (("bank", "import", "--format", "gift", syntax), 1,
         "%s:2:1: error: GIFT syntax: the '{' that starts the answers has no closing '}' "
         "(question 'Open')\nrolecall: %s: no question could be imported; no bank written\n"
         % (syntax, syntax)),
        (("bank", "import", "--format", "gift", noroles), 1,
         "%s:1:1: error: question 'Q' not imported: no role for its right answer 'Product "
         "Owner'; map the answer to a role with --roles FILE (a line 'ROLE-ID = Product "
         "Owner')\nrolecall: %s: no question could be imported; no bank written\n"
         % (noroles, noroles)),
        (("bank", "export", "--format", "gift", "--roles", noroles, "pm-vs-po"), 2,
         "rolecall: --roles is for 'bank import'\n"),
        (("stats", "--format", "gift"), 2,
         "rolecall: --format is text, json, csv, html or moodle-grades, not 'gift'\n"),
        (("bank", "export", "--format", "gift", "-o", path("no/such/dir.gift"), "pm-vs-po"), 1,
         "rolecall: cannot write '%s': No such file or directory\n" % path("no/such/dir.gift")),
        (("bank", "import", "--format", "gift", "--roles", missing, noroles), 1,
         "rolecall: cannot read '%s': No such file or directory\n" % missing),
    ]
    for args, status, err in cases:
        r = run(*args)
        assert (r.returncode, r.stderr) == (status, err), (args, r.returncode, r.stderr)
        assert r.stdout == "", (args, r.stdout)


def test_a_write_that_fails_is_said_both_ways():
    """-o /dev/full: a write that fails while the bank is written (larger
    than stdio's buffer) and one that fails only at fclose (small) are
    said the same way, by export and import alike."""
    if not os.path.exists("/dev/full"):
        raise testlib.Skip("no /dev/full")
    gift, small = path("full.gift"), path("small.gift")
    r = run("bank", "export", "--format", "gift", "-o", gift, "pm-vs-po")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    open(small, "w").write("// rolecall role: po Product Owner\n// rolecall role: pm Product "
                           "Manager\n// rolecall roles: po pm\n::Q::Who?{=a ~b}\n")
    want = "rolecall: cannot write '/dev/full': No space left on device\n"
    for args in (("export", "--format", "gift", "pm-vs-po"),
                 ("export", "--format", "moodle-xml", "pm-vs-po"),
                 ("import", "--format", "gift", gift),
                 ("import", "--format", "gift", small)):
        r = run("bank", args[0], "-o", "/dev/full", *args[1:])
        assert (r.returncode, r.stderr, r.stdout) == (1, want, ""), (args, r.returncode, r.stderr)


def test_moodle_own_gift_fixture():
    folder = os.environ.get("ROLECALL_MOODLE_FIXTURES")
    if not folder:
        raise testlib.Skip("ROLECALL_MOODLE_FIXTURES is not set")
    f = os.path.join(folder, "questions.gift.txt")
    roles = path("colours.txt")
    open(roles, "w").write("warm = yellow\nwarm = red\ncool = blue\n")
    out = path("moodle.yaml")
    r = run("bank", "import", "--format", "gift", "--roles", roles, "-o", out, f)
    print(r.stderr, end="")
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert all(re.match(re.escape(f) + r":\d+:1: error: question '[^']+' not imported: ", l)
               for l in lines[:-1]), lines
    assert re.fullmatch(r"rolecall: .*: 1 question imported, 2 roles; \d+ problems reported "
                        r"above", lines[-1]), lines[-1]
    check_ok(out)


def test_moodle_own_aiken_fixtures():
    folder = os.environ.get("ROLECALL_MOODLE_FIXTURES")
    if not folder:
        raise testlib.Skip("ROLECALL_MOODLE_FIXTURES is not set")
    roles = path("aiken-roles.txt")
    open(roles, "w").write("founder = Martin Dougiamas\nother = Petr Skoda\n"
                           "other = Eloy Lafuente\nother = Tim Hunt\nyes = True\nno = False\n"
                           "right = Correct\nright = Correct (No space)\n"
                           "wrong = Incorrect\nwrong = Incorrect (No space)\n")
    for name, imported in (("questions.aiken.txt", 2), ("aiken_errors.txt", 2)):
        f = os.path.join(folder, name)
        out = path(name + ".yaml")
        r = run("bank", "import", "--format", "aiken", "--roles", roles, "-o", out, f)
        print(r.stderr, end="")
        lines = r.stderr.splitlines()
        assert all(re.match(re.escape(f) + r":\d+:1: error: question not imported: ", l)
                   for l in lines[:-1]), lines
        assert re.match(r"rolecall: .*: %d questions imported" % imported, lines[-1]), lines
        check_ok(out)


def main():
    return testlib.main(testlib.tests_in(globals()), [TMP])


if __name__ == "__main__":
    sys.exit(main())
