"""rolecall in a real terminal: each run gets a tmux server of its own (a
unique -L socket), send-keys types, capture-pane reads the screen, polling
until the expected text appears.

After rolecall exits, the pane's shell prints EXIT=<status> and `stty -a`,
so a test can see that the terminal was given back.  rolecall's stderr
goes to a file, where sanitizer reports land too.
"""
import os
import re
import shlex
import shutil
import subprocess
import time

import testlib

# Handed through the `env -i` the pane starts with.
PASSTHROUGH = ("UBSAN_OPTIONS", "PATH")


def available(script):
    """Whether tmux is here; says why the script skips when it is not."""
    if shutil.which("tmux"):
        return True
    print("%s: tmux is not installed; skipping" % script)
    return False


def main(script, namespace, tmp):
    """A tmux script's main: skipped without tmux, else its test_*
    functions, those whose names hold UI_E2E_ONLY if that is set."""
    if not available(script):
        return testlib.SKIPPED
    return testlib.main(testlib.tests_in(namespace), [tmp], os.environ.get("UI_E2E_ONLY"))


def lsan_suppressions(tmp):
    """For sanitizer builds: on TERM=linux, ncurses' mousemask dlopens
    libgpm, which leaks a few bytes when no gpm daemon runs.  Not ours to
    fix; every other leak still fails the test."""
    path = os.path.join(tmp, "lsan.supp")
    with open(path, "w") as f:
        f.write("leak:mousemask_sp\n")
    return path


def joined_options(name, *extra):
    return ":".join(x for x in (os.environ.get(name),) + extra if x)


def sanitizer_env(tmp, full_malloc_stacks):
    """LSAN_OPTIONS and ASAN_OPTIONS for the pane, the caller's kept.  The
    libgpm suppression matches only on full stacks (libgpm has no frame
    pointers), which slows every malloc: a script whose terminals never
    load libgpm may go without."""
    env = {"LSAN_OPTIONS": joined_options("LSAN_OPTIONS",
                                          "suppressions=" + lsan_suppressions(tmp))}
    if full_malloc_stacks:
        env["ASAN_OPTIONS"] = joined_options("ASAN_OPTIONS", "fast_unwind_on_malloc=0")
    elif "ASAN_OPTIONS" in os.environ:
        env["ASAN_OPTIONS"] = os.environ["ASAN_OPTIONS"]
    return env


def terminal(term="xterm-256color", lang="C.UTF-8"):
    return {"TERM": term, "LANG": lang, "LC_ALL": lang}


def isolated_env(tmp, user="tester", full_malloc_stacks=True, **more):
    """The whole environment of a pane's rolecall (it starts under `env -i`):
    HOME and the data folder in tmp, the fixture banks, sanitizer options."""
    env = {"HOME": tmp, "XDG_DATA_HOME": os.path.join(tmp, "xdg"), "USER": user,
           "ROLECALL_QUIZZES": testlib.FIXTURES}
    env.update(sanitizer_env(tmp, full_malloc_stacks))
    env.update({k: os.environ[k] for k in PASSTHROUGH if k in os.environ})
    env.update(more)
    return env


def flat(text):
    """Text with every run of spaces and line breaks made one space: a
    paragraph the UI wrapped to the pane's width reads as one line."""
    return " ".join(text.split())


class Pane:
    """A command running in a tmux pane of its own server."""

    _started = 0  # numbers the panes: socket, script and stderr names

    def __init__(self, argv, env, tmp, name, size=(80, 24), timeout=20.0):
        Pane._started += 1
        self.n = Pane._started
        self.sock = "%s-%d-%d" % (name, os.getpid(), self.n)
        self.timeout = timeout
        self.err = os.path.join(tmp, "stderr-%d.txt" % self.n)
        cmd = ["env", "-i"] + ["%s=%s" % kv for kv in env.items()] + list(argv)
        script = os.path.join(tmp, "run-%d.sh" % self.n)
        with open(script, "w") as f:
            # The shell survives the Ctrl-C it shares with rolecall, as an
            # interactive shell would, to report what it finds afterwards.
            f.write("trap : INT\n%s 2>>%s\necho EXIT=$?\nstty -a\necho STTY-END\n"
                    "exec sleep 120\n"
                    % (" ".join(shlex.quote(c) for c in cmd), shlex.quote(self.err)))
        self.tmux("new-session", "-d", "-x", str(size[0]), "-y", str(size[1]),
                  "sh " + shlex.quote(script))

    def tmux(self, *args):
        return subprocess.run(["tmux", "-f", "/dev/null", "-L", self.sock] + list(args),
                              capture_output=True, text=True, timeout=30).stdout

    def screen(self, join=False, escapes=False):
        return self.tmux("capture-pane", "-p", *(["-J"] if join else []),
                         *(["-e"] if escapes else []))

    def wait(self, pattern, timeout=None, **kw):
        """Poll until the screen matches the regex; returns the screen."""
        deadline = time.time() + (self.timeout if timeout is None else timeout)
        while True:
            s = self.screen(**kw)
            if re.search(pattern, s, re.M):
                return s
            if time.time() > deadline:
                raise AssertionError("timed out waiting for %r; screen:\n%s\nstderr: %s"
                                     % (pattern, s, self.stderr()))
            time.sleep(0.05)

    def wait_all(self, texts, timeout=None, wrapped=False):
        """Poll until every text is on the screen at once; with wrapped, a
        text the screen wrapped over lines counts too (see flat)."""
        deadline = time.time() + (self.timeout if timeout is None else timeout)
        while True:
            s = self.screen()
            seen = flat(s) if wrapped else s
            missing = [t for t in texts if (flat(t) if wrapped else t) not in seen]
            if not missing:
                return s
            if time.time() > deadline:
                raise AssertionError("missing %r; screen:\n%s" % (missing, s))
            time.sleep(0.05)

    def gone(self, pattern, timeout=None):
        deadline = time.time() + (self.timeout if timeout is None else timeout)
        while re.search(pattern, self.screen(), re.M):
            if time.time() > deadline:
                raise AssertionError("still on screen: %r\n%s" % (pattern, self.screen()))
            time.sleep(0.05)

    def keys(self, *keys):
        self.tmux("send-keys", *keys)

    def literal(self, text):
        self.tmux("send-keys", "-l", text)

    def click(self, row, col):
        """A left click as the terminal reports it in SGR (1006) mode:
        press then release, 1-based coordinates."""
        self.literal("\x1b[<0;%d;%dM\x1b[<0;%d;%dm" % (col + 1, row + 1, col + 1, row + 1))

    def resize(self, w, h):
        self.tmux("resize-window", "-x", str(w), "-y", str(h))

    def pid(self):
        """rolecall's pid: the child of the pane's shell, once it runs."""
        shell = int(self.tmux("display", "-p", "#{pane_pid}").strip())
        deadline = time.time() + self.timeout
        while time.time() < deadline:
            for p in os.listdir("/proc"):
                if not p.isdigit():
                    continue
                try:
                    with open("/proc/%s/stat" % p) as f:
                        stat = f.read()
                except OSError:
                    continue
                fields = stat[stat.rindex(")") + 2:].split()
                if int(fields[1]) == shell and "rolecall" in stat[:stat.rindex(")")]:
                    return int(p)
            time.sleep(0.05)
        raise AssertionError("rolecall is not running")

    def exit_status(self):
        """(status, screen) once the shell has reported; the screen joined,
        so that no flag of `stty -a` is cut where a line wraps."""
        s = self.wait(r"^STTY-END", join=True)
        return int(re.search(r"EXIT=(\d+)", s).group(1)), s

    def ended(self, status=0):
        """Check that rolecall ended with status, gave the terminal back as
        it found it, and no sanitizer spoke; the final screen."""
        rc, s = self.exit_status()
        assert rc == status, (rc, s, self.stderr())
        check_restored(self, s)
        check_no_sanitizer(self)
        return s

    def quit_cleanly(self, *keys, status=0):
        """Send keys (q when none), then check as ended does."""
        self.keys(*(keys or ("q",)))
        return self.ended(status)

    def stderr(self):
        try:
            with open(self.err) as f:
                return f.read()
        except OSError:
            return ""

    def close(self):
        self.tmux("kill-server")
        # tmux may leave its socket file behind; it is ours to remove.
        path = os.path.join(os.environ.get("TMUX_TMPDIR", "/tmp"), "tmux-%d" % os.getuid(),
                            self.sock)
        try:
            os.unlink(path)
        except OSError:
            pass


def reversed_text(escaped):
    """Every run of text a captured screen (capture-pane -e) shows in
    reverse video, row by row, in one list."""
    runs = []
    for line in escaped.splitlines():
        on, run = False, ""
        for m in re.finditer(r"\x1b\[([0-9;:]*)m|([^\x1b]+)", line):
            if m.group(2) is not None:
                if on:
                    run += m.group(2)
                continue
            for x in re.split(r"[;:]", m.group(1) or "0"):
                if x in ("", "0", "27"):
                    if run:
                        runs.append(run)
                    on, run = False, ""
                elif x == "7":
                    on = True
        if run:
            runs.append(run)
    return runs


def check_line_mode(screen):
    """The shell's `stty -a` after rolecall: canonical mode and echo back."""
    stty = screen[screen.index("EXIT="):]
    assert re.search(r"(?<![-\w])icanon\b", stty), stty
    assert re.search(r"(?<![-\w])echo\b", stty), stty


def check_restored(p, screen):
    """The terminal after rolecall: main screen, canonical mode, echo."""
    assert p.tmux("display", "-p", "#{alternate_on}").strip() == "0", "alternate screen still on"
    check_line_mode(screen)


def check_no_sanitizer(p):
    err = p.stderr()
    assert "Sanitizer" not in err and "runtime error" not in err, err
