/*
 * What both front ends say (explain.h).  Each wording lives here once;
 * the UI, plain mode, stats and reports only place it on their screen.
 */
#include "rolecall/explain.h"

#include <inttypes.h>
#include <stdio.h>

#include "rolecall/stats.h"

const char *explain_role(const struct catalog *cat, int role)
{
	const struct bank_role *r = role >= 0 ? catalog_role(cat, role) : NULL;

	return r ? r->name : "?";
}

const char *explain_role_id(const struct catalog *cat, const char *id)
{
	int r = catalog_find_role(cat, id);

	return r >= 0 ? explain_role(cat, r) : id;
}

const char *explain_history_role(const struct catalog *cat, const struct history *h,
				 unsigned i)
{
	const char *id = history_role_id(h, i), *saved = history_role_name(h, i);
	int r = id ? catalog_find_role(cat, id) : -1;

	if (r >= 0)
		return explain_role(cat, r);
	return saved ? saved : id ? id : "?";
}

int explain_pick(char *buf, size_t len, const struct catalog *cat,
		 const struct bank_question *q, const struct bank_choice *picked)
{
	buf[0] = '\0';
	/* a right pick needs no second opinion on what it describes */
	if (!picked || picked == &q->choices[q->correct])
		return 0;
	if (picked->why)
		snprintf(buf, len, "That choice: %s", picked->why);
	else if (q->kind == QUESTION_STATEMENTS && picked->role >= 0)
		snprintf(buf, len, "That statement describes the %s.",
			 explain_role(cat, picked->role));
	return buf[0] != '\0';
}

void explain_contrast_title(char *buf, size_t len, const struct catalog *cat,
			    int answer, int picked)
{
	snprintf(buf, len, "%s vs %s", explain_role(cat, answer), explain_role(cat, picked));
}

void explain_confusion(char *buf, size_t len, const char *who, const char *picked,
		       const char *answer, unsigned count, unsigned chances)
{
	if (chances)
		snprintf(buf, len, "%s%spicked %s when the answer was %s in %u of %u chances",
			 who ? who : "", who ? " " : "", picked, answer, count, chances);
	else
		snprintf(buf, len, "%s%spicked %s when the answer was %s (%u time%s)",
			 who ? who : "", who ? " " : "", picked, answer, count,
			 count == 1 ? "" : "s");
}

void explain_score(char *buf, size_t len, uint64_t correct, uint64_t count)
{
	snprintf(buf, len, "%" PRIu64 " of %" PRIu64 " right (%u%%)", correct, count,
		 stats_percent(correct, count));
}

void explain_next_review(char *buf, size_t len, int64_t seconds)
{
	static const struct { int64_t size; const char *name; } unit[] = {
		{ 60, "minute" }, { 3600, "hour" }, { 86400, "day" },
	};
	unsigned u = seconds < 3600 ? 0 : seconds < 86400 ? 1 : 2;
	int64_t n;

	if (seconds <= 0) {
		snprintf(buf, len, "next review now");
		return;
	}
	n = (seconds + unit[u].size - 1) / unit[u].size;
	snprintf(buf, len, "next review in %" PRId64 " %s%s", n, unit[u].name,
		 n == 1 ? "" : "s");
}

unsigned explain_pass_needs(unsigned count, unsigned pass_mark)
{
	/* the least c with c * 100 >= pass_mark * count: exam_passes' rule */
	return (unsigned)(((uint64_t)pass_mark * count + 99) / 100);
}

void explain_pass_rule(char *buf, size_t len, unsigned count, unsigned pass_mark)
{
	snprintf(buf, len, "pass mark %u%%: at least %u of %u right", pass_mark,
		 explain_pass_needs(count, pass_mark), count);
}
