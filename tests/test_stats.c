/* stats: percentages as every front end shows them, due questions and
 * leeches of the catalog in use, and the worst confused pairs in order. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "rolecall/stats.h"

#define T0 1800000000LL /* a fixed "now": tests never read the clock */

static void test_percent_rounds_half_up(void **state)
{
	(void)state;
	assert_int_equal(stats_percent(2, 3), 67);
	assert_int_equal(stats_percent(1, 3), 33);
	assert_int_equal(stats_percent(1, 8), 13);  /* 12.5 */
	assert_int_equal(stats_percent(1, 200), 1); /* 0.5 */
	assert_int_equal(stats_percent(1, 201), 0); /* 0.497... */
	assert_int_equal(stats_percent(199, 200), 100); /* 99.5 */
	assert_int_equal(stats_percent(0, 5), 0);
	assert_int_equal(stats_percent(5, 5), 100);
	assert_int_equal(stats_percent(0, 0), 0);
	assert_int_equal(stats_percent(3, 0), 0);
	assert_int_equal(stats_percent(1000000007, 2000000014), 50);
}

static const char bank[] =
	"bank: st\ntitle: Stats\n"
	"roles: [{id: pm, name: Product Manager}, {id: po, name: Product Owner}]\n"
	"questions:\n"
	"  - {id: q1, prompt: One?, answer: pm, explain: x}\n"
	"  - {id: q2, prompt: Two?, answer: po, explain: x}\n"
	"  - {id: q3, prompt: Three?, answer: pm, explain: x}\n";

static void put_question(struct history *h, const char *id, int64_t due, uint32_t wrong)
{
	struct question_state qs;

	memset(&qs, 0, sizeof qs);
	qs.id = id;
	qs.asked = wrong + 1;
	qs.wrong = wrong;
	qs.card.due = due;
	assert_int_equal(history_set_question(h, &qs), 0);
}

/* Seen and due count only what the catalog still asks; a question with
 * HISTORY_LEECH_MISSES misses is a leech. */
static void test_due_and_leeches(void **state)
{
	struct catalog *cat = catalog_new();
	struct history *h = history_new();
	struct stats_due due;
	struct diag_list d;

	(void)state;
	diag_list_init(&d, 10);
	assert_int_equal(catalog_load_buffer(cat, "st.yaml", bank, strlen(bank), &d), 0);
	put_question(h, "q1", T0, 0);                           /* due right now */
	put_question(h, "q2", T0 + 1, HISTORY_LEECH_MISSES);    /* not yet; a leech */
	put_question(h, "q3", T0 - 86400, HISTORY_LEECH_MISSES - 1);
	put_question(h, "gone", T0 - 86400, 50);                /* no bank has it */
	stats_due(h, cat, T0, &due);
	assert_int_equal(due.seen, 3);
	assert_int_equal(due.due, 2);
	assert_int_equal(due.n_leech, 1);
	assert_string_equal(due.leech[0]->id, "q2");
	stats_due(h, cat, T0 + 1, &due);
	assert_int_equal(due.due, 3);
	diag_list_free(&d);
	history_free(h);
	catalog_free(cat);
}

static void confuse(struct history *h, const char *answer, const char *picked,
		    uint32_t count, uint32_t chances)
{
	struct confusion_cell c = { count, chances };

	assert_int_equal(history_set_confusion(h, answer, picked, c), 0);
}

static void assert_pair(const struct history *h, const struct stats_pair *p,
			const char *answer, const char *picked)
{
	assert_string_equal(history_role_id(h, p->answer), answer);
	assert_string_equal(history_role_id(h, p->picked), picked);
	assert_true(p->score == history_confusion_score(h, p->answer, p->picked));
}

/* Worst first by history_confusion_score; a pair never confused is none;
 * max bounds what is written. */
static void test_top_pairs(void **state)
{
	struct history *h = history_new();
	struct stats_pair top[STATS_TOP_PAIRS];

	(void)state;
	confuse(h, "po", "pm", 3, 5);   /* 3.5 / 10 = 0.35 */
	confuse(h, "pm", "po", 1, 20);  /* 1.5 / 25 = 0.06 */
	confuse(h, "pjm", "pm", 4, 5);  /* 4.5 / 10 = 0.45 */
	confuse(h, "pmm", "pm", 0, 30); /* offered, never confused */
	confuse(h, "pm", "pjm", 1, 1);  /* 1.5 / 6 = 0.25 */
	assert_int_equal(stats_top_pairs(h, top, STATS_TOP_PAIRS), 4);
	assert_pair(h, &top[0], "pjm", "pm");
	assert_pair(h, &top[1], "po", "pm");
	assert_pair(h, &top[2], "pm", "pjm");
	assert_pair(h, &top[3], "pm", "po");
	assert_true(top[0].score == 0.45);
	memset(top, 0xff, sizeof top);
	assert_int_equal(stats_top_pairs(h, top, 2), 2);
	assert_pair(h, &top[0], "pjm", "pm");
	assert_pair(h, &top[1], "po", "pm");
	assert_int_equal(top[2].answer, 0xffffffffu); /* untouched past max */
	history_free(h);

	h = history_new();
	assert_int_equal(stats_top_pairs(h, top, STATS_TOP_PAIRS), 0);
	history_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_percent_rounds_half_up),
		cmocka_unit_test(test_due_and_leeches),
		cmocka_unit_test(test_top_pairs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
