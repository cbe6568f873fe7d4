"""What the end-to-end scripts share: the fixture bank, a temporary HOME
for each script, and the loop that runs a script's test_* functions.

ctest runs each script as `python3 tests/X.py BINARY` from the build
folder, so a script puts its own folder on sys.path before importing this.
"""
import os
import shutil
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures", "e2e")
# The fixture bank starts every prompt with the id of its answer's role,
# "(po) ...", so a test knows which option is right by these names.
NAMES = {"pm": "Product Manager", "po": "Product Owner",
         "pmm": "Product Marketing Manager", "pjm": "Project Manager"}
SKIPPED = 77  # SKIP_RETURN_CODE in tests/CMakeLists.txt


class Skip(Exception):
    """A test that cannot run here (no root, no tmux) raises this."""


def binary():
    """The rolecall under test: the script's first argument, absolute so
    that a test may change folder."""
    return os.path.abspath(sys.argv[1])


def workdir(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def home_env(tmp, quizzes=FIXTURES, user="tester", **more):
    """The caller's environment with HOME and the data folder inside tmp:
    no test may reach the real home or database."""
    return dict(os.environ, HOME=tmp, XDG_DATA_HOME=os.path.join(tmp, "xdg"),
                ROLECALL_QUIZZES=quizzes, USER=user, **more)


def tests_in(namespace):
    """A script's test_* functions in the order they are defined."""
    return [(n, f) for n, f in namespace.items() if n.startswith("test_") and callable(f)]


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.started = time.monotonic()


def run_tests(tests, only=None):
    """Runs every test, even after a failure, so that one run reports all
    of them; only, a substring of the names to run."""
    tally = Tally()
    for name, fn in tests:
        if only and only not in name:
            continue
        t0 = time.monotonic()
        try:
            fn()
            tally.passed += 1
            print("ok   %s (%.1fs)" % (name, time.monotonic() - t0), flush=True)
        except Skip as e:
            tally.skipped += 1
            print("skip %s: %s" % (name, e), flush=True)
        except Exception:
            tally.failed += 1
            print("FAIL %s\n%s" % (name, traceback.format_exc()), flush=True)
    return tally


def conclude(tally, workdirs):
    """Prints the summary; removes the work folders after a clean run and
    keeps them, for a look, after a failure.  Returns the exit status."""
    print("%d passed, %d failed, %d skipped (%.0fs)"
          % (tally.passed, tally.failed, tally.skipped, time.monotonic() - tally.started))
    if tally.failed:
        print("files kept in " + " ".join(workdirs))
        return 1
    for folder in workdirs:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def main(tests, workdirs, only=None):
    return conclude(run_tests(tests, only), workdirs)
