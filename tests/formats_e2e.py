#!/usr/bin/env python3
"""End-to-end tests of the formats a manager sends on: the HTML reports
(the cohort, a certificate and a result slip) rendered in a real browser,
and the Moodle gradebook CSV of 'rolecall export --format moodle-grades'.

The HTML is opened in Debian's chromium, headless: a screenshot must come
out, and the figures are read from the DOM the browser built (the data-
attributes of each row and cell) and compared with the JSON report of the
same data.  Chromium gets its own HOME and profile in the work folder and
loads only the file:// page; its host resolver maps every name to nothing,
so it cannot reach the network even if a page asked it to.

The cohort is exam_e2e's (same fixtures, same helpers), plus a learner
whose name holds every character HTML treats specially.

Usage: formats_e2e.py ROLECALL_BINARY
Set ROLECALL_SCREENSHOTS=DIR to keep the screenshots; doc/cohort-report.png
is DIR/cohort.png of
  ROLECALL_SCREENSHOTS=DIR python3 tests/formats_e2e.py build/rolecall
"""
import csv
import html.parser
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exam_e2e as ex  # noqa: E402
import testlib  # noqa: E402

HOSTILE = '<b>&"x\''
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def cohort_db():
    """exam_e2e's cohort, and HOSTILE failing the defined exam once."""
    name = ex.make_cohort_db()
    if "hostile" not in ex.BUILT:
        ex.BUILT.add("hostile")
        qs, rc, out, err = ex.play_all(name, None, ex.first_right(1), "onboarding",
                                       "--user", HOSTILE, now=ex.T0 + 5 * ex.DAY)
        assert (rc, err) == (1, ""), err
    return name


def report(name, *args):
    rc, out, err = ex.run(["report", "--db", ex.db(name)] + list(args))
    assert (rc, err) == (0, ""), err
    return out


# ---- the browser ----

def chromium(page, *what):
    """Runs headless chromium on the file page with the given action
    (--screenshot=... or --dump-dom); its stdout."""
    if not CHROMIUM:
        raise AssertionError("chromium is not installed: run scripts/setup.sh")
    home = os.path.join(ex.TMP, "chromium-home")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
               XDG_CACHE_HOME=os.path.join(home, ".cache"))
    p = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                        "--user-data-dir=" + os.path.join(home, "profile"),
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--host-resolver-rules=MAP * ~NOTFOUND",
                        "--window-size=1200,1600"] + list(what) + ["file://" + page],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    return p.stdout


def render(page):
    """Screenshot (which must be a real image) and the rendered DOM."""
    shot = page[:-len(".html")] + ".png"
    chromium(page, "--screenshot=" + shot)
    with open(shot, "rb") as f:
        png = f.read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20000, len(png)
    keep = os.environ.get("ROLECALL_SCREENSHOTS")
    if keep:
        shutil.copy(shot, os.path.join(keep, os.path.basename(shot)))
    return chromium(page, "--dump-dom")


class Figures(html.parser.HTMLParser):
    """The elements that carry figures: by class (each a list of their
    attributes, in document order) and by id; every text run, and the text
    of each prompt cell."""

    def __init__(self):
        super().__init__()
        self.by_class, self.by_id, self.text, self.prompts = {}, {}, [], []
        self.in_prompt = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for c in (a.get("class") or "").split():
            self.by_class.setdefault(c, []).append(a)
        if "id" in a:
            self.by_id[a["id"]] = a
        if tag == "td" and "prompt" in (a.get("class") or "").split():
            self.in_prompt = True
            self.prompts.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self.in_prompt = False

    def handle_data(self, data):
        self.text.append(data)
        if self.in_prompt:
            self.prompts[-1] += data


def figures(dom):
    f = Figures()
    f.feed(dom)
    return f


def write_page(name, text):
    page = os.path.join(ex.TMP, name)
    with open(page, "w") as f:
        f.write(text)
    return page


def self_contained(text):
    """One file that fetches nothing: no URL, no reference to another file,
    no script; and HOSTILE only ever escaped."""
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n"), text[:60]
    assert '<meta charset="utf-8">' in text and text.endswith("</html>\n")
    low = text.lower()
    for bad in ("http:", "https:", "//", "src=", "href=", "url(", "@import", "<script",
                "<link", "<img", "<iframe"):
        assert bad not in low, bad


# ---- the cohort ----

def test_cohort_html_in_a_browser_agrees_with_json():
    name = cohort_db()
    text = report(name, "--cohort", "--exam", "onboarding", "--format", "html")
    self_contained(text)
    assert HOSTILE not in text and "&lt;b&gt;&amp;&quot;x&#39;" in text
    want = json.loads(report(name, "--cohort", "--exam", "onboarding", "--format", "json"))
    got = figures(render(write_page("cohort.html", text)))
    people = [(p["data-user"], p["data-status"], int(p["data-attempts"]),
               int(p["data-submitted"]), p.get("data-best-percent"),
               p.get("data-latest-percent"), p["data-passed-at"])
              for p in got.by_class["person"]]
    assert people == [(p["user"], p["status"], p["attempts"], p["submitted"],
                       p["best"] and str(p["best"]["percent"]),
                       p["latest"] and str(p["latest"]["percent"]), p["passed_at"] or "")
                      for p in want["people"]]
    assert HOSTILE in [p[0] for p in people]
    passed = sum(p["status"] == "passed" for p in want["people"])
    rate = got.by_id["pass-rate"]
    assert (rate["data-passed"], rate["data-people"], rate["data-percent"]) == (
        str(passed), str(len(want["people"])), str(ex.percent(passed, len(want["people"]))))
    assert got.by_id["exam"]["data-exam"] == "onboarding"
    roles = [(r["data-role"], int(r["data-asked"]), int(r["data-correct"]),
              int(r["data-percent"])) for r in got.by_class["role"]]
    assert roles == [(r["id"], r["asked"], r["correct"], r["percent"]) for r in want["roles"]]
    cells = {(c["data-answer"], c["data-picked"]): (int(c["data-count"]),
                                                    int(c["data-chances"]))
             for c in got.by_class["cell"]}
    confused = {(k, v) for k, v in cells.items() if k[0] != k[1] and v[0]}
    assert confused == {((c["answer"], c["picked"]), (c["count"], c["chances"]))
                        for c in want["confusions"]}
    right = {k[0]: v for k, v in cells.items() if k[0] == k[1] and v[1]}
    assert right == {r["id"]: (r["correct"], r["asked"]) for r in want["roles"]}
    # each role's name labels the heatmap's row and column, and its bar
    for r in want["roles"]:
        assert got.text.count(r["name"]) == 3, r["name"]


def test_cohort_html_facility_is_the_item_analysis():
    name = cohort_db()
    got = figures(render(write_page("facility.html", report(
        name, "--cohort", "--exam", "onboarding", "--format", "html"))))
    want = json.loads(report(name, "--items", "--format", "json"))
    assert [(i["data-bank"], i["data-question"], int(i["data-answers"]),
             int(i["data-correct"]), i["data-facility"]) for i in got.by_class["item"]] == [
        (i["bank"], i["question"], i["answers"], i["correct"], "%.4f" % i["facility"])
        for i in want]
    # each prompt in full, as the fixture bank words it from the id
    assert got.prompts == [re.sub(r"^e2e-(\w+)-(\d+)$", r"(\1) Question \2 about \1?",
                                  i["question"]) for i in want]
    assert len(got.prompts) > 5


# ---- certificates ----

def certificate_agrees(name, attempt, document):
    text = report(name, "--certificate", str(attempt), "--format", "html")
    self_contained(text)
    want = json.loads(report(name, "--certificate", str(attempt), "--format", "json"))
    got = figures(render(write_page("cert-%d.html" % attempt, text)))
    c = got.by_id["certificate"]
    assert want["document"] == document
    assert (c["data-document"], int(c["data-attempt"]), c["data-candidate"],
            c["data-exam"], int(c["data-correct"]), int(c["data-questions"]),
            int(c["data-percent"]), int(c["data-pass-mark"]), c["data-result"],
            c["data-started-at"], c["data-submitted-at"], int(c["data-duration-s"]),
            c["data-recorded"]) == (
        want["document"], want["attempt"], want["candidate"], want["exam"] or "",
        want["correct"], want["questions"], want["percent"], want["pass_mark"],
        want["result"], want["started_at"], want["submitted_at"], want["duration_s"],
        want["recorded"])
    assert [(r["data-role"], int(r["data-asked"]), int(r["data-correct"]))
            for r in got.by_class["role"]] == [(r["id"], r["asked"], r["correct"])
                                               for r in want["roles"]]
    return text, got


def test_certificate_html_in_a_browser():
    name = cohort_db()
    text, got = certificate_agrees(name, 1, "certificate")  # ana 4/4
    assert "<title>rolecall exam certificate</title>" in text
    assert "result slip, not a certificate" not in text


def test_result_slip_html_escapes_the_candidate():
    name = cohort_db()
    attempts = json.loads(report(name, "--all", "--format", "json"))
    mine = [a["id"] for a in attempts if a["user"] == HOSTILE]
    text, got = certificate_agrees(name, mine[0], "result slip")
    assert "<title>rolecall exam result slip</title>" in text
    assert HOSTILE not in text and got.by_id["candidate"] is not None
    assert HOSTILE in [t.strip() for t in got.text]
    assert "This attempt did not reach the pass mark: this is a result slip, not a " \
        "certificate." in " ".join(got.text)


def test_html_refusals():
    name = cohort_db()
    html_for = ("rolecall: --format html is for 'report --cohort' and 'report "
                "--certificate ID'; see 'rolecall --help'\n")
    for args in (["report", "--all"], ["report", "--items"], ["report", "--trivia"],
                 ["stats"], ["users"], ["export"]):
        rc, out, err = ex.run(args + ["--format", "html", "--db", ex.db(name)])
        assert (rc, out, err) == (2, "", html_for), args
    rc, out, err = ex.run(["report", "--format", "pdf"])
    assert (rc, err) == (2, "rolecall: --format is text, json, csv, html or "
                         "moodle-grades, not 'pdf'\n")


# ---- the Moodle gradebook ----

WEEK2 = """exam: week2
title: Week two, "the roles"
banks: [e2e]
questions: 4
pass: 50
"""
ANA, BEN = "Lima, Ana", 'Ben "B" Okafor'


def grades_db():
    """Two exams; ANA fails onboarding (1/4) then passes it (3/4) a day
    later and never takes week2; BEN leaves onboarding unsubmitted and
    passes week2 with 2/4; cy only practises; tester defined both, which
    makes no profile."""
    name = "grades.db"
    if name in ex.BUILT:
        return name
    ex.BUILT.add(name)
    ex.define(name)
    rc, out, err = ex.run(["exam", "define", ex.write("def-week2.yaml", WEEK2), "--db",
                           ex.db(name)])
    assert rc == 0, err
    rc, out, err = ex.run(["practice", "--plain", "--count", "2", "--seed", "1", "--user",
                           "cy", "--db", ex.db(name)], "1\n2\n")
    assert rc == 0, err
    for k, day in ((1, 0), (3, 1)):
        qs, rc, out, err = ex.play_all(name, None, ex.first_right(k), "onboarding", "--user",
                                       ANA, now=ex.T0 + day * ex.DAY)
        assert rc == (0 if k == 3 else 1), err
    qs, rc, out, err = ex.play_all(name, None, ex.first_right(2), "week2", "--user", BEN,
                                   now=ex.T0 + 2 * ex.DAY)
    assert rc == 0, err
    e = ex.Exam(["--db", ex.db(name), "onboarding", "--user", BEN], now=ex.T0 + 2 * ex.DAY)
    e.answer(str(ex.right(ex.question(e.read_prompt()))))
    os.kill(e.p.pid, signal.SIGKILL)
    e.p.wait()
    return name


def export(name, *more):
    rc, out, err = ex.run(["export", "--format", "moodle-grades", "--db", ex.db(name)] +
                          list(more))
    assert (rc, err) == (0, ""), err
    return out


def test_moodle_grades_best_score_per_exam():
    name = grades_db()
    assert export(name) == (
        "user,onboarding,week2\n"
        "\"Ben \"\"B\"\" Okafor\",,50.00\n"
        "cy,,\n"
        "\"Lima, Ana\",75.00,\n")
    assert export(name, "--user", ANA) == "user,onboarding,week2\n\"Lima, Ana\",75.00,\n"
    assert export(name, "--user", "nobody") == "user,onboarding,week2\n"


def test_moodle_grades_feedback_reads_back_as_csv():
    name = grades_db()
    rows = list(csv.reader(io.StringIO(export(name, "--feedback"))))
    assert rows == [
        ["user", "onboarding", "onboarding feedback", "week2", "week2 feedback"],
        [BEN, "", "not submitted", "50.00",
         "passed on 2027-01-17; best 2 of 4 right (50%) in 1 attempt"],
        ["cy", "", "", "", ""],
        [ANA, "75.00", "passed on 2027-01-16; best 3 of 4 right (75%) in 2 attempts",
         "", ""]]


def test_moodle_grades_refusals():
    name = grades_db()
    for args, msg in (
            (["--all"], "--format moodle-grades covers every user already (--user narrows "
             "it to one); leave out --all"),
            (["--format", "csv", "--feedback"], "--feedback adds a column to --format "
             "moodle-grades; give that too")):
        more = args if "--format" in args else ["--format", "moodle-grades"] + args
        rc, out, err = ex.run(["export", "--db", ex.db(name)] + more)
        assert (rc, out, err) == (2, "", "rolecall: " + msg + "\n"), args
    rc, out, err = ex.run(["report", "--cohort", "--format", "moodle-grades"])
    assert (rc, out, err) == (2, "", "rolecall: --format moodle-grades is for 'export'; "
                              "see 'rolecall --help'\n")
    rc, out, err = ex.run(["report", "--feedback"])
    assert rc == 2 and err.startswith("rolecall: 'report' does not take --feedback"), err


def main():
    return testlib.main(testlib.tests_in(globals()), [ex.TMP])


if __name__ == "__main__":
    sys.exit(main())
