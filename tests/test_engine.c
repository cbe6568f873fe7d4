/* Engine and history: selection, shuffling, confusion counting, drill. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rolecall/engine.h"
#include "rolecall/stats.h"

#define T0 1800000000LL /* a fixed "now": tests never read the clock */

static const char fixture[] =
	"bank: fx\n"
	"title: Fixture\n"
	"roles:\n"
	"  - {id: pm, name: Product Manager}\n"
	"  - {id: po, name: Product Owner}\n"
	"  - {id: pmm, name: Product Marketing Manager}\n"
	"  - {id: pjm, name: Project Manager}\n"
	"contrasts:\n"
	"  - {roles: [po, pm], text: 'PO: backlog. PM: roadmap.'}\n"
	"questions:\n"
	"  - {id: q1, prompt: Backlog?, answer: po, explain: x, difficulty: 1}\n"
	"  - {id: q2, prompt: Roadmap?, answer: pm, explain: x, difficulty: 1}\n"
	"  - {id: q3, prompt: Messaging?, answer: pmm, options: [pmm, pm], explain: x}\n"
	"  - {id: q4, prompt: Risks?, answer: pjm, options: [pjm, pm, po], explain: x}\n"
	"  - {id: q5, prompt: Stand-ups?, answer: po, options: [po, pjm], explain: x}\n"
	"  - {id: q6, prompt: Vision?, answer: pm, options: [pm, pmm], explain: x}\n"
	"  - {id: q7, prompt: Research?, answer: pmm, options: [pmm, pjm], explain: x}\n"
	"  - {id: q8, prompt: Milestones?, answer: pjm, options: [pjm, pmm], explain: x}\n"
	"  - id: q9\n"
	"    prompt: Which fits the PO?\n"
	"    choices:\n"
	"      - {text: Refines the backlog., role: po, correct: true}\n"
	"      - {text: Owns the roadmap., role: pm}\n"
	"      - {text: Runs retrospectives., role: pjm}\n"
	"    explain: x\n"
	"  - {id: q10, prompt: Acceptance?, answer: po, options: [po, pm], explain: x}\n"
	"  - {id: q11, prompt: C-level?, answer: pm, options: [pm, po], explain: x}\n"
	"  - {id: q12, prompt: Campaigns?, answer: pmm, explain: x}\n";

struct fx {
	struct catalog *cat;
	const struct bank *bank;
	struct history *h;
};

static int setup(void **state)
{
	static struct fx fx;
	struct diag_list d;

	diag_list_init(&d, 10);
	fx.cat = catalog_new();
	assert_non_null(fx.cat);
	assert_int_equal(catalog_load_buffer(fx.cat, "fx.yaml", fixture, strlen(fixture), &d), 0);
	fx.bank = catalog_bank(fx.cat, 0);
	fx.h = history_new();
	diag_list_free(&d);
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	history_free(fx->h);
	catalog_free(fx->cat);
	return 0;
}

static struct session *start(struct fx *fx, enum session_mode mode, unsigned count,
			     uint64_t seed, int64_t now)
{
	struct session_config cfg = { mode, &fx->bank, 1, count, seed, now };
	struct session *s;
	struct rc_error err;

	assert_int_equal(session_new(fx->cat, fx->h, &cfg, &s, &err), 0);
	return s;
}

static int position_of(const struct shown_question *sq, unsigned choice)
{
	for (unsigned i = 0; i < sq->n_options; i++)
		if (sq->order[i] == choice)
			return (int)i;
	return -1;
}

static int role_position(const struct shown_question *sq, int role)
{
	for (unsigned i = 0; i < sq->n_options; i++)
		if (sq->q->choices[sq->order[i]].role == role)
			return (int)i;
	return -1;
}

/* Answer right, or pick the first wrong option. */
static void answer(struct session *s, const struct shown_question *sq, int right,
		   int64_t now, struct answer_result *res)
{
	struct rc_error err;
	int pos = position_of(sq, sq->q->correct);

	if (!right)
		pos = pos == 0 ? 1 : 0;
	assert_int_equal(session_answer(s, pos, 1000, now, res, &err), 0);
}

static void test_same_seed_same_session(void **state)
{
	struct fx *fx = *state;
	char a[512] = "", b[512] = "";

	for (int run = 0; run < 2; run++) {
		struct history *saved = fx->h;
		struct session *s;
		const struct shown_question *sq;
		char *out = run ? b : a;

		fx->h = history_new();
		s = start(fx, MODE_PRACTICE, 8, 42, T0);
		while ((sq = session_next(s))) {
			struct answer_result res;
			char buf[64];

			snprintf(buf, sizeof buf, "%s:%u%u%u;", sq->q->id, sq->order[0],
				 sq->order[1], sq->n_options > 2 ? sq->order[2] : 9);
			strcat(out, buf);
			answer(s, sq, 1, T0, &res);
		}
		session_free(s);
		history_free(fx->h);
		fx->h = saved;
	}
	assert_string_equal(a, b);
	assert_true(strlen(a) > 0);
}

static void test_options_are_shuffled(void **state)
{
	struct fx *fx = *state;
	unsigned seen[4] = { 0 };

	/* The same question over many seeds: the right answer must not sit
	 * in one place. */
	for (uint64_t seed = 1; seed <= 200; seed++) {
		struct session *s = start(fx, MODE_PRACTICE, 12, seed, T0);
		const struct shown_question *sq;

		while ((sq = session_next(s)) && strcmp(sq->q->id, "q1")) {
			struct answer_result res;

			answer(s, sq, 1, T0, &res);
		}
		assert_non_null(sq);
		seen[position_of(sq, sq->q->correct)]++;
		session_free(s);
		history_free(fx->h);
		fx->h = history_new();
	}
	for (int i = 0; i < 4; i++)
		assert_true(seen[i] > 20);
}

static void test_no_repeat_unless_missed(void **state)
{
	struct fx *fx = *state;
	struct session *s = start(fx, MODE_PRACTICE, 6, 7, T0);
	const struct shown_question *sq;
	const char *missed = NULL;
	unsigned missed_at = 0, n = 0, back_at = 0;
	char ids[16][8];

	while ((sq = session_next(s))) {
		struct answer_result res;

		snprintf(ids[n], sizeof ids[n], "%s", sq->q->id);
		n++;
		if (missed && !strcmp(sq->q->id, missed)) {
			assert_int_equal(sq->reason, PICK_REASK);
			back_at = sq->number;
		}
		answer(s, sq, n != 2, T0 + n, &res);
		if (n == 2) {
			missed = sq->q->id;
			missed_at = sq->number;
			assert_true(res.will_return);
		}
	}
	assert_int_equal(n, 7); /* 6 planned + 1 re-ask */
	assert_int_equal(back_at, missed_at + SESSION_REASK_GAP + 1);
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = i + 1; j < n; j++)
			if (!strcmp(ids[i], ids[j]))
				assert_string_equal(ids[i], missed);
	session_free(s);
}

static void test_confusion_counting(void **state)
{
	struct fx *fx = *state;
	struct session *s = start(fx, MODE_PRACTICE, 12, 3, T0);
	const struct shown_question *sq;
	struct answer_result res;
	struct rc_error err;
	int po, pm, pjm, pmm;

	while ((sq = session_next(s)) && strcmp(sq->q->id, "q4")) {
		answer(s, sq, 1, T0, &res);
	}
	assert_non_null(sq);
	/* q4: answer pjm, options pjm pm po.  Pick po. */
	assert_int_equal(session_answer(s, role_position(sq, catalog_find_role(fx->cat, "po")),
					500, T0, &res, &err), 0);
	assert_false(res.correct);
	pjm = history_role_find(fx->h, "pjm");
	po = history_role_find(fx->h, "po");
	pm = history_role_find(fx->h, "pm");
	pmm = history_role_find(fx->h, "pmm");
	assert_int_equal(history_confusion(fx->h, pjm, po)->count, 1);
	assert_int_equal(history_confusion(fx->h, pjm, po)->chances, 1);
	assert_int_equal(history_confusion(fx->h, pjm, pm)->count, 0);
	assert_int_equal(history_confusion(fx->h, pjm, pm)->chances, 1);
	/* Never offered side by side: unknown, not zero. */
	if (pmm >= 0)
		assert_true(history_confusion(fx->h, pjm, pmm)->chances <= 1);
	assert_int_equal(res.confused_answer, catalog_find_role(fx->cat, "pjm"));
	assert_int_equal(res.confused_picked, catalog_find_role(fx->cat, "po"));
	assert_null(res.contrast); /* no pjm/po contrast in the fixture */
	assert_string_equal(res.record.answer_role, "pjm");
	assert_string_equal(answer_record_picked_role(&res.record), "po");
	session_free(s);
}

static void test_contrast_on_confusion(void **state)
{
	struct fx *fx = *state;
	struct session *s = start(fx, MODE_PRACTICE, 12, 5, T0);
	const struct shown_question *sq;
	struct answer_result res;
	struct rc_error err;

	while ((sq = session_next(s)) && strcmp(sq->q->id, "q10"))
		answer(s, sq, 1, T0, &res);
	assert_non_null(sq);
	assert_int_equal(session_answer(s, role_position(sq, catalog_find_role(fx->cat, "pm")),
					500, T0, &res, &err), 0);
	assert_non_null(res.contrast);
	assert_string_equal(res.contrast, "PO: backlog. PM: roadmap.");
	session_free(s);
}

/* Record "took pm for po" several times, then drill: every planned
 * question must put po and pm side by side. */
static void test_drill_targets_confused_pair(void **state)
{
	struct fx *fx = *state;
	int po = catalog_find_role(fx->cat, "po"), pm = catalog_find_role(fx->cat, "pm");
	struct session *s;
	const struct shown_question *sq;
	struct weak_pair w[3];
	unsigned n = 0;

	for (int round = 0; round < 3; round++) {
		s = start(fx, MODE_PRACTICE, 12, 11 + (uint64_t)round, T0 + round * 100);
		while ((sq = session_next(s))) {
			struct answer_result res;
			struct rc_error err;
			int pos = role_position(sq, pm);

			if (sq->q->answer_role == po && pos >= 0)
				assert_int_equal(session_answer(s, pos, 900, T0, &res, &err), 0);
			else
				answer(s, sq, 1, T0, &res);
		}
		session_free(s);
	}
	s = start(fx, MODE_DRILL, 4, 99, T0 + 86400);
	assert_false(session_drill_fallback(s));
	assert_true(session_weak_pairs(s, w, 3) >= 1);
	assert_int_equal(w[0].answer, po);
	assert_int_equal(w[0].picked, pm);
	while ((sq = session_next(s))) {
		struct answer_result res;

		if (sq->reason != PICK_REASK) {
			assert_true((sq->q->answer_role == po && role_position(sq, pm) >= 0) ||
				    (sq->q->answer_role == pm && role_position(sq, po) >= 0));
			n++;
		}
		answer(s, sq, 1, T0 + 86400, &res);
	}
	assert_int_equal(n, 4);
	session_free(s);
}

static void test_drill_without_confusions_falls_back(void **state)
{
	struct fx *fx = *state;
	struct session *s = start(fx, MODE_DRILL, 3, 1, T0);

	assert_true(session_drill_fallback(s));
	assert_non_null(session_next(s));
	session_free(s);
}

static void test_due_questions_come_back(void **state)
{
	struct fx *fx = *state;
	struct session *s = start(fx, MODE_PRACTICE, 2, 8, T0);
	const struct shown_question *sq;
	char first[2][8];
	unsigned n = 0, due_seen = 0;

	while ((sq = session_next(s))) {
		struct answer_result res;

		snprintf(first[n++], sizeof first[0], "%s", sq->q->id);
		answer(s, sq, 1, T0, &res);
	}
	session_free(s);
	/* A month later both are due: they lead the rotation's due slot. */
	s = start(fx, MODE_PRACTICE, 6, 8, T0 + 30 * 86400);
	while ((sq = session_next(s))) {
		struct answer_result res;

		if (sq->reason == PICK_DUE) {
			assert_true(!strcmp(sq->q->id, first[0]) || !strcmp(sq->q->id, first[1]));
			due_seen++;
		}
		answer(s, sq, 1, T0 + 30 * 86400, &res);
	}
	assert_int_equal(due_seen, 2);
	session_free(s);
}

static void test_leech_after_six_misses(void **state)
{
	struct fx *fx = *state;
	struct answer_record rec = { 0 };

	rec.bank_id = "fx";
	rec.question_id = "q3";
	rec.answer_role = "pmm";
	rec.shown_roles[0] = "pm";
	rec.shown_roles[1] = "pmm";
	rec.n_shown = 2;
	rec.picked = 0;
	for (int i = 0; i < HISTORY_LEECH_MISSES; i++) {
		rec.answered_at = T0 + i * 86400;
		assert_int_equal(history_apply(fx->h, &rec, 0), 0);
	}
	assert_int_equal(history_question(fx->h, "q3")->wrong, HISTORY_LEECH_MISSES);
	assert_int_equal(history_question(fx->h, "q3")->card.lapses, HISTORY_LEECH_MISSES - 1);
}

static void test_count_and_summary(void **state)
{
	struct fx *fx = *state;
	struct session *s = start(fx, MODE_PRACTICE, 50, 2, T0);
	const struct shown_question *sq;
	const struct session_summary *sum;
	unsigned n = 0;

	while ((sq = session_next(s))) {
		struct answer_result res;

		answer(s, sq, n % 2 == 0 || sq->reason == PICK_REASK, T0, &res);
		n++;
	}
	sum = session_summary(s);
	assert_int_equal(sum->asked, n);
	assert_true(n >= 12 && n <= 12 + 6); /* the bank has 12; re-asks on top */
	assert_true(sum->correct < sum->asked);
	assert_true(sum->n_confusions > 0);
	session_free(s);
}

static void test_bad_answer_position(void **state)
{
	struct fx *fx = *state;
	struct session *s = start(fx, MODE_PRACTICE, 1, 2, T0);
	const struct shown_question *sq = session_next(s);
	struct answer_result res;
	struct rc_error err;

	assert_int_equal(session_answer(s, 9, 0, T0, &res, &err), -1);
	assert_non_null(strstr(err.msg, "is not one of the"));
	assert_int_equal(session_answer(s, -1, 0, T0, &res, &err), 0);
	assert_false(res.correct);
	assert_null(res.picked);
	assert_int_equal(res.record.picked, -1);
	(void)sq;
	session_free(s);
}

/* One answer with answer po, pm and pjm offered: picked is a role id or
 * NULL for right. */
static void evidence_answer(struct evidence *ev, const char *picked, int64_t at)
{
	struct answer_record rec = { .answer_role = "po",
				     .shown_roles = { "po", "pm", "pjm" },
				     .n_shown = 3, .answered_at = at };

	rec.correct = picked == NULL;
	rec.picked = !picked ? 0 : !strcmp(picked, "pm") ? 1 : 2;
	assert_int_equal(evidence_apply(ev, &rec), 0);
}

/* Misses make a pair believed confused; right answers since, more than
 * old misses, let it go; a pick of another role tells nothing about it. */
static void test_evidence_weighs_recent_answers(void **state)
{
	struct evidence *ev = evidence_new();
	struct pair_seen fresh, missed, other;
	int64_t t = T0;

	(void)state;
	assert_non_null(ev);
	fresh = evidence_pair(ev, "po", "pm", t);
	assert_true(fresh.confused > 0.2 && fresh.confused < 0.4);
	assert_true(fresh.reveal > 0);
	for (int i = 0; i < 6; i++)
		evidence_answer(ev, "pm", t += 20);
	missed = evidence_pair(ev, "po", "pm", t);
	assert_true(missed.confused > 0.95);
	assert_int_equal(missed.all_misses, 6);
	for (int i = 0; i < 6; i++)
		evidence_answer(ev, "pjm", t += 20);
	other = evidence_pair(ev, "po", "pm", t);
	assert_true(fabs(other.confused - missed.confused) < 1e-3);
	assert_int_equal(other.all_chances, 12);
	for (int day = 1; day <= 5; day++)
		for (int i = 0; i < 12; i++)
			evidence_answer(ev, NULL, T0 + day * 86400 + i * 20);
	/* 60 right since: the stored counts still say 6 in 72 (8%), the
	 * evidence says cleared. */
	assert_true(evidence_pair(ev, "po", "pm", T0 + 5 * 86400 + 400).confused < 0.05);
	evidence_free(ev);
}

/* A drill given evidence applies its answers to it; without, it starts its
 * own from the history's counts. */
static void test_drill_applies_answers_to_evidence(void **state)
{
	struct fx *fx = *state;
	struct evidence *ev = evidence_new();
	struct session_config cfg = { MODE_DRILL, &fx->bank, 1, 3, 5, T0, ev };
	const struct shown_question *sq;
	struct session *s;
	struct rc_error err;
	uint32_t chances = 0;

	assert_non_null(ev);
	assert_int_equal(session_new(fx->cat, fx->h, &cfg, &s, &err), 0);
	while ((sq = session_next(s))) {
		struct answer_result res;

		answer(s, sq, 1, T0, &res);
	}
	session_free(s);
	for (unsigned a = 0; a < 4; a++)
		for (unsigned p = 0; p < 4; p++)
			if (a != p)
				chances += evidence_pair(ev, catalog_role(fx->cat, (int)a)->id,
							 catalog_role(fx->cat, (int)p)->id, T0)
						   .all_chances;
	assert_true(chances >= 3);
	evidence_free(ev);
}

static const char ladder_fixture[] =
	"bank: ladder\n"
	"title: Ladder\n"
	"roles:\n"
	"  - {id: pm, name: Product Manager}\n"
	"  - {id: po, name: Product Owner}\n"
	"questions:\n"
	"  - {id: e1, prompt: Backlog?, answer: po, options: [po, pm], explain: x, difficulty: 1}\n"
	"  - {id: e2, prompt: Sprint?, answer: po, options: [po, pm], explain: x, difficulty: 1}\n"
	"  - {id: m1, prompt: Stories?, answer: po, options: [po, pm], explain: x, difficulty: 2}\n"
	"  - {id: m2, prompt: Review?, answer: po, options: [po, pm], explain: x, difficulty: 2}\n"
	"  - {id: h1, prompt: Value?, answer: po, options: [po, pm], explain: x, difficulty: 3}\n"
	"  - {id: h2, prompt: Scope?, answer: po, options: [po, pm], explain: x, difficulty: 3}\n"
	"  - {id: r1, prompt: Roadmap?, answer: pm, options: [pm, po], explain: x}\n"
	"  - {id: r2, prompt: Vision?, answer: pm, options: [pm, po], explain: x}\n";

/* Within a confused pair the drill climbs: easy questions until one is
 * answered right, then the next difficulty, though harder ones weigh more
 * once the pair is ready for them (issue 19). */
static void test_drill_climbs_difficulty(void **state)
{
	static const unsigned want[5] = { 1, 1, 2, 3, 3 };
	static const int right[5] = { 0, 1, 1, 1, 1 };
	struct catalog *cat = catalog_new();
	const struct bank *bank;
	struct history *h = history_new();
	struct diag_list d;
	struct session *s;
	struct rc_error err;

	(void)state;
	diag_list_init(&d, 10);
	assert_non_null(cat);
	assert_non_null(h);
	assert_int_equal(catalog_load_buffer(cat, "ladder.yaml", ladder_fixture,
					     strlen(ladder_fixture), &d), 0);
	bank = catalog_bank(cat, 0);
	assert_int_equal(history_set_confusion(h, "po", "pm", (struct confusion_cell){ 3, 6 }), 0);
	assert_int_equal(history_set_confusion(h, "pm", "po", (struct confusion_cell){ 0, 6 }), 0);
	struct session_config cfg = { MODE_DRILL, &bank, 1, 5, 3, T0 + 86400, NULL };
	assert_int_equal(session_new(cat, h, &cfg, &s, &err), 0);
	for (unsigned i = 0; i < 5; i++) {
		const struct shown_question *sq = session_next(s);
		struct answer_result res;

		assert_non_null(sq);
		assert_string_equal(catalog_role(cat, sq->q->answer_role)->id, "po");
		assert_int_equal(sq->q->difficulty, want[i]);
		answer(s, sq, right[i], T0 + 86400 + i * 20, &res);
	}
	session_free(s);
	history_free(h);
	catalog_free(cat);
	diag_list_free(&d);
}

/* A cohort's history: tallies, confusions and totals summed, roles met in
 * either order, no question states; a sum past UINT32_MAX stays there. */
static void test_history_add_sums_a_group(void **state)
{
	struct history *sum = history_new(), *ana = history_new(), *bob = history_new();
	int pm, po, pjm;

	(void)state;
	assert_non_null(sum);
	assert_non_null(ana);
	assert_non_null(bob);
	assert_int_equal(history_set_role(ana, "pm", (struct role_tally){ 4, 3 }), 0);
	assert_int_equal(history_set_role(ana, "po", (struct role_tally){ 2, 0 }), 0);
	assert_int_equal(history_set_confusion(ana, "po", "pm", (struct confusion_cell){ 2, 2 }), 0);
	history_set_totals(ana, 6, 3);
	assert_int_equal(history_set_role(bob, "pjm", (struct role_tally){ 1, 1 }), 0);
	assert_int_equal(history_set_role(bob, "po", (struct role_tally){ 3, 2 }), 0);
	assert_int_equal(history_set_confusion(bob, "po", "pm",
					       (struct confusion_cell){ 1, UINT32_MAX }), 0);
	assert_int_equal(history_set_confusion(bob, "po", "pjm", (struct confusion_cell){ 0, 3 }), 0);
	history_set_totals(bob, 4, 3);
	assert_int_equal(history_add(sum, ana), 0);
	assert_int_equal(history_add(sum, bob), 0);
	pm = history_role_find(sum, "pm");
	po = history_role_find(sum, "po");
	pjm = history_role_find(sum, "pjm");
	assert_true(pm >= 0 && po >= 0 && pjm >= 0);
	assert_int_equal(history_role_count(sum), 3);
	assert_int_equal(history_role_tally(sum, (unsigned)po)->asked, 5);
	assert_int_equal(history_role_tally(sum, (unsigned)po)->correct, 2);
	assert_int_equal(history_role_tally(sum, (unsigned)pjm)->asked, 1);
	assert_int_equal(history_confusion(sum, (unsigned)po, (unsigned)pm)->count, 3);
	assert_int_equal(history_confusion(sum, (unsigned)po, (unsigned)pm)->chances, UINT32_MAX);
	assert_int_equal(history_confusion(sum, (unsigned)po, (unsigned)pjm)->chances, 3);
	assert_int_equal(history_confusion(sum, (unsigned)pm, (unsigned)po)->chances, 0);
	assert_int_equal(history_answers(sum), 10);
	assert_int_equal(history_correct(sum), 6);
	assert_null(history_question(sum, "q1"));
	history_free(sum);
	history_free(ana);
	history_free(bob);
}

/* Weakest first by the exact share right (1/3 before 2/5 before 1/2),
 * the more asked first on a tie, then by id whatever order the roles were
 * met in; never a role not asked. */
static void test_weak_roles_order(void **state)
{
	struct history *h = history_new();
	unsigned out[8], n;

	(void)state;
	assert_non_null(h);
	assert_int_equal(history_set_role(h, "ab", (struct role_tally){ 2, 1 }), 0);
	assert_int_equal(history_set_role(h, "a", (struct role_tally){ 2, 1 }), 0);
	assert_int_equal(history_set_role(h, "b", (struct role_tally){ 3, 1 }), 0);
	assert_int_equal(history_set_role(h, "c", (struct role_tally){ 0, 0 }), 0);
	assert_int_equal(history_set_role(h, "d", (struct role_tally){ 5, 2 }), 0);
	assert_int_equal(history_set_role(h, "e", (struct role_tally){ 4, 2 }), 0);
	assert_int_equal(history_set_role(h, "f", (struct role_tally){ 1, 1 }), 0);
	n = stats_weak_roles(h, out, 8);
	assert_int_equal(n, 6);
	assert_string_equal(history_role_id(h, out[0]), "b");
	assert_string_equal(history_role_id(h, out[1]), "d");
	assert_string_equal(history_role_id(h, out[2]), "e"); /* 2/4 asked more than 1/2 */
	assert_string_equal(history_role_id(h, out[3]), "a");
	assert_string_equal(history_role_id(h, out[4]), "ab"); /* met first, but "a" < "ab" */
	assert_string_equal(history_role_id(h, out[5]), "f");
	assert_int_equal(stats_weak_roles(h, out, 2), 2);
	assert_string_equal(history_role_id(h, out[0]), "b");
	assert_string_equal(history_role_id(h, out[1]), "d");
	history_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_seed_same_session, setup, teardown),
		cmocka_unit_test_setup_teardown(test_options_are_shuffled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_repeat_unless_missed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_confusion_counting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contrast_on_confusion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drill_targets_confused_pair, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drill_without_confusions_falls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_questions_come_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_leech_after_six_misses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_and_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_answer_position, setup, teardown),
		cmocka_unit_test(test_evidence_weighs_recent_answers),
		cmocka_unit_test(test_drill_climbs_difficulty),
		cmocka_unit_test_setup_teardown(test_drill_applies_answers_to_evidence, setup,
						teardown),
		cmocka_unit_test(test_history_add_sums_a_group),
		cmocka_unit_test(test_weak_roles_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
