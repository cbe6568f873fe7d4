/*
 * report_html — the pieces every HTML report is made of: one page with
 * its style inline, a bar of a share right and the heatmap of a confusion
 * matrix, both inline SVG.  The page fetches nothing (no URL anywhere, not
 * even an SVG namespace, which HTML5 does not need), so that a manager can
 * open it offline and forward it as one file.
 *
 * Every figure is also in data- attributes of the element that shows it,
 * so that a script (the tests, a learning system) reads the numbers rather
 * than scraping the words; all user and bank text goes through emit_html.
 */
#include <stdio.h>

#include "app.h"
#include "config.h"
#include "report.h"
#include "rolecall/emit.h"
#include "rolecall/stats.h"

#define HEAT_CELL_W 96
#define HEAT_CELL_H 40
#define HEAT_LEFT 220  /* the rows' role names */
#define HEAT_TOP 130   /* the columns' role names, slanted */
#define BAR_W 240

static const char style[] =
	"body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;"
	"color:#1b1f24;padding:0 1em}"
	"h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:2em;"
	"border-bottom:1px solid #d0d7de}"
	"table{border-collapse:collapse;margin:.5em 0}"
	"th,td{padding:.3em .7em;text-align:left;border-bottom:1px solid #eaeef2;"
	"vertical-align:top}"
	"th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}"
	".passed{color:#1a7f37;font-weight:600}.failed,.not-passed{color:#cf222e}"
	".muted{color:#656d76}.big{font-size:2em;font-weight:700}"
	"dl{display:grid;grid-template-columns:10em auto;gap:.3em 1em}dt{color:#656d76}"
	"dd{margin:0}.prompt{max-width:36em}.nowrap{white-space:nowrap}"
	"svg text{font-family:system-ui,sans-serif;font-size:12px}"
	"@media print{body{margin:0}}";

void report_html_begin(FILE *out, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"rolecall " ROLECALL_VERSION "\">\n<title>",
	      out);
	emit_html(out, title);
	fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
	emit_html(out, title);
	fputs("</h1>\n", out);
}

void report_html_end(FILE *out)
{
	char now[40];

	report_text_time(now, sizeof now, app_now(), REPORT_SECONDS);
	fprintf(out, "<footer class=\"muted\"><p>Made by rolecall %s on %s.</p></footer>\n"
		"</body>\n</html>\n", ROLECALL_VERSION, now);
}

void report_html_bar(FILE *out, unsigned correct, unsigned of)
{
	unsigned p = stats_percent(correct, of);
	unsigned w = of ? (unsigned)((double)correct * BAR_W / of + 0.5) : 0;

	fprintf(out, "<svg class=\"bar\" width=\"%d\" height=\"16\" role=\"img\" "
		"aria-label=\"%u%%\"><rect width=\"%d\" height=\"16\" fill=\"#eaeef2\"/>"
		"<rect width=\"%u\" height=\"16\" fill=\"%s\"/></svg>", BAR_W, p, BAR_W, w,
		p >= 80 ? "#2da44e" : p >= 50 ? "#d4a72c" : "#cf222e");
}

/* One row of the role bars: its figures in data- attributes. */
static void bar_row(FILE *out, const struct report_role_score *r)
{
	unsigned pct = stats_percent(r->correct, r->asked);

	fputs("<tr class=\"role\" data-role=\"", out);
	emit_html(out, r->id);
	fprintf(out, "\" data-correct=\"%u\" data-asked=\"%u\" data-percent=\"%u\"><td>",
		r->correct, r->asked, pct);
	emit_html(out, r->name);
	fputs("</td><td>", out);
	report_html_bar(out, r->correct, r->asked);
	fprintf(out, "</td><td class=\"num\">%u of %u right (%u%%)</td></tr>\n", r->correct,
		r->asked, pct);
}

void report_html_roles(FILE *out, const struct report_role_score *v, unsigned n)
{
	fputs("<table id=\"roles\">\n<tr><th>Role</th><th>Accuracy</th><th>Right</th></tr>\n",
	      out);
	for (unsigned i = 0; i < n; i++)
		bar_row(out, &v[i]);
	fputs("</table>\n", out);
}

/* White to red by the share of chances taken; the diagonal, the answers
 * that were right, white to green. */
static void heat_fill(char *buf, size_t len, unsigned count, unsigned chances, int right)
{
	double s = chances ? (double)count / chances : 0;
	int fade = (int)(255 - s * (right ? 150 : 200) + 0.5);

	if (right)
		snprintf(buf, len, "rgb(%d,%d,%d)", fade, 255 - (int)(s * 60), fade);
	else
		snprintf(buf, len, "rgb(255,%d,%d)", fade, fade);
}

static void heat_cell(FILE *out, const struct history *h, unsigned a, unsigned p)
{
	const struct role_tally *t = history_role_tally(h, a);
	const struct confusion_cell *c = history_confusion(h, a, p);
	unsigned count = a == p ? t->correct : c->count;
	unsigned chances = a == p ? t->asked : c->chances;
	int x = HEAT_LEFT + (int)p * HEAT_CELL_W, y = HEAT_TOP + (int)a * HEAT_CELL_H;
	char fill[32];

	heat_fill(fill, sizeof fill, count, chances, a == p);
	fputs("<g class=\"cell\" data-answer=\"", out);
	emit_html(out, history_role_id(h, a));
	fputs("\" data-picked=\"", out);
	emit_html(out, history_role_id(h, p));
	fprintf(out, "\" data-count=\"%u\" data-chances=\"%u\"><rect x=\"%d\" y=\"%d\" "
		"width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#d0d7de\"/>"
		"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%u/%u</text></g>\n", count,
		chances, x, y, HEAT_CELL_W, HEAT_CELL_H, fill, x + HEAT_CELL_W / 2,
		y + HEAT_CELL_H / 2 + 4, count, chances);
}

static void heat_labels(FILE *out, const struct report *rp, const struct history *h,
			unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		const char *name = report_role_name(rp, history_role_id(h, i));
		int x = HEAT_LEFT + (int)i * HEAT_CELL_W + HEAT_CELL_W / 2;
		int y = HEAT_TOP + (int)i * HEAT_CELL_H + HEAT_CELL_H / 2 + 4;

		fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", HEAT_LEFT - 8, y);
		emit_html(out, name);
		fprintf(out, "</text>\n<text transform=\"translate(%d,%d) rotate(-35)\">", x,
			HEAT_TOP - 8);
		emit_html(out, name);
		fputs("</text>\n", out);
	}
}

void report_html_heatmap(FILE *out, const struct report *rp, const struct history *h)
{
	unsigned n = history_role_count(h);

	if (!n) {
		fputs("<p class=\"muted\">No answers yet.</p>\n", out);
		return;
	}
	fprintf(out, "<p class=\"muted\">A row is the right role, a column the role picked: "
		"\"took column for row in count of chances\"; the diagonal is the answers "
		"that were right.</p>\n<svg id=\"heatmap\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-label=\"confusion matrix\">\n",
		HEAT_LEFT + (int)n * HEAT_CELL_W + 40, HEAT_TOP + (int)n * HEAT_CELL_H + 10);
	heat_labels(out, rp, h, n);
	for (unsigned a = 0; a < n; a++)
		for (unsigned p = 0; p < n; p++)
			heat_cell(out, h, a, p);
	fputs("</svg>\n", out);
}
