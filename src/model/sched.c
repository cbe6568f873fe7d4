/*
 * FSRS-6, transcribed from py-fsrs 6.x fsrs/scheduler.py (Scheduler.review_card
 * and its _initial_*, _next_*, _short_term_stability helpers).
 *
 * Where rolecall departs from py-fsrs, and why:
 *  - Elapsed time is exact (seconds / 86400), not floored to whole days, so
 *    that retrievability is continuous and R(S) = 0.9 holds for any S.  For
 *    reviews a whole number of days apart, which is what py-fsrs's own tests
 *    replay, the two agree exactly.
 *  - No learning or relearning steps and no fuzz: every review updates the
 *    memory state the way py-fsrs does in every state (first review:
 *    initial S and D; under a day since the last: short-term S; otherwise:
 *    long-term S), then Again is due in 10 minutes and other grades in
 *    whole days.
 *  - Same-day Hard may lower stability, as in py-fsrs.  (ts-fsrs and fsrs-rs's
 *    training model floor the same-day factor at 1 for Hard too; we follow the
 *    implementation whose tests we reproduce.)
 */
#include "rolecall/sched.h"

#include <math.h>

#define FSRS_DAY_SECONDS 86400
#define FSRS_STABILITY_MIN 0.001
#define FSRS_DIFFICULTY_MIN 1.0
#define FSRS_DIFFICULTY_MAX 10.0

/* py-fsrs 6.x DEFAULT_PARAMETERS (FSRS-6), in order w0..w20. */
const struct fsrs_params fsrs_default_params = {
	.w = {
		0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
		0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
		1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
	},
	.desired_retention = 0.9,
	.maximum_interval_days = 36500.0,
};

static double fsrs_clamp(double x, double lo, double hi)
{
	if (x < lo)
		return lo;
	if (x > hi)
		return hi;
	return x;
}

/* py-fsrs rounds intervals with Python's round(), which sends ties to even. */
static double fsrs_round_half_even(double x)
{
	double r = floor(x + 0.5);

	if (r - x == 0.5 && fmod(r, 2.0) != 0.0)
		r -= 1.0;
	return r;
}

static double fsrs_decay(const struct fsrs_params *p)
{
	return -p->w[20];
}

/* Chosen so that the forgetting curve passes through R = 0.9 at t = S. */
static double fsrs_factor(const struct fsrs_params *p)
{
	return pow(0.9, 1.0 / fsrs_decay(p)) - 1.0;
}

static double fsrs_forgetting_curve(const struct fsrs_params *p,
				    double elapsed_days, double stability)
{
	return pow(1.0 + fsrs_factor(p) * elapsed_days / stability,
		   fsrs_decay(p));
}

static int fsrs_grade_valid(int g)
{
	return g >= FSRS_AGAIN && g <= FSRS_EASY;
}

/* NaN counts as never reviewed too: there is no memory state to build on. */
static int fsrs_is_new(const struct fsrs_card *card)
{
	return !(card->stability > 0.0);
}

static double fsrs_elapsed_days(const struct fsrs_card *card, int64_t now)
{
	if (now <= card->last_review)
		return 0.0;
	return (double)(now - card->last_review) / FSRS_DAY_SECONDS;
}

/* Unclamped, because mean reversion aims at the raw Easy value. */
static double fsrs_initial_difficulty_raw(const struct fsrs_params *p, int g)
{
	return p->w[4] - exp(p->w[5] * (g - 1)) + 1.0;
}

static double fsrs_initial_difficulty(const struct fsrs_params *p, int g)
{
	return fsrs_clamp(fsrs_initial_difficulty_raw(p, g),
			  FSRS_DIFFICULTY_MIN, FSRS_DIFFICULTY_MAX);
}

/* Linear damping slows change near 10; mean reversion pulls toward easy. */
static double fsrs_next_difficulty(const struct fsrs_params *p, double d,
				   int g)
{
	double delta = -p->w[6] * (g - 3);
	double damped = d + (10.0 - d) * delta / 9.0;
	double target = fsrs_initial_difficulty_raw(p, FSRS_EASY);
	double next = p->w[7] * target + (1.0 - p->w[7]) * damped;

	return fsrs_clamp(next, FSRS_DIFFICULTY_MIN, FSRS_DIFFICULTY_MAX);
}

static double fsrs_short_term_stability(const struct fsrs_params *p,
					double s, int g)
{
	double inc = exp(p->w[17] * (g - 3 + p->w[18])) * pow(s, -p->w[19]);

	/* A correct answer must never make the memory weaker. */
	if (g >= FSRS_GOOD && inc < 1.0)
		inc = 1.0;
	return s * inc;
}

static double fsrs_recall_stability(const struct fsrs_params *p, double d,
				    double s, double r, int g)
{
	double hard_penalty = g == FSRS_HARD ? p->w[15] : 1.0;
	double easy_bonus = g == FSRS_EASY ? p->w[16] : 1.0;
	double inc = exp(p->w[8]) * (11.0 - d) * pow(s, -p->w[9]) *
		     (exp((1.0 - r) * p->w[10]) - 1.0);

	return s * (1.0 + inc * hard_penalty * easy_bonus);
}

/* Capped so a lapse never leaves more stability than a same-day Again. */
static double fsrs_forget_stability(const struct fsrs_params *p, double d,
				    double s, double r)
{
	double long_term = p->w[11] * pow(d, -p->w[12]) *
			   (pow(s + 1.0, p->w[13]) - 1.0) *
			   exp((1.0 - r) * p->w[14]);
	double cap = s / exp(p->w[17] * p->w[18]);

	return fmin(long_term, cap);
}

static double fsrs_long_term_stability(const struct fsrs_params *p,
				       const struct fsrs_card *card, int g,
				       int64_t now)
{
	double d = card->difficulty;
	double s = card->stability;
	double r = fsrs_forgetting_curve(p, fsrs_elapsed_days(card, now), s);

	if (g == FSRS_AGAIN)
		return fsrs_forget_stability(p, d, s, r);
	return fsrs_recall_stability(p, d, s, r, g);
}

/* Stability uses the difficulty from before this review, as py-fsrs does. */
static void fsrs_update_memory(const struct fsrs_params *p,
			       struct fsrs_card *card, int g, int64_t now)
{
	double s;

	if (fsrs_is_new(card)) {
		card->stability = fmax(p->w[g - 1], FSRS_STABILITY_MIN);
		card->difficulty = fsrs_initial_difficulty(p, g);
		return;
	}
	if (fsrs_elapsed_days(card, now) < 1.0)
		s = fsrs_short_term_stability(p, card->stability, g);
	else
		s = fsrs_long_term_stability(p, card, g, now);
	card->stability = fmax(s, FSRS_STABILITY_MIN);
	card->difficulty = fsrs_next_difficulty(p, card->difficulty, g);
}

static int64_t fsrs_next_due(const struct fsrs_params *p,
			     const struct fsrs_card *card, int g, int64_t now)
{
	double days;

	if (g == FSRS_AGAIN)
		return now + FSRS_AGAIN_DELAY_SECONDS;
	days = fsrs_clamp(fsrs_next_interval_days(p, card->stability), 0.0,
			  FSRS_INTERVAL_DAYS_CAP);
	return now + (int64_t)days * FSRS_DAY_SECONDS;
}

void fsrs_card_init(struct fsrs_card *card)
{
	*card = (struct fsrs_card){ 0 };
}

void fsrs_review(const struct fsrs_params *p, struct fsrs_card *card,
		 enum fsrs_grade grade, int64_t now)
{
	int g = (int)grade;

	if (!fsrs_grade_valid(g))
		return;
	if (g == FSRS_AGAIN && !fsrs_is_new(card) && card->lapses < UINT32_MAX)
		card->lapses++;
	fsrs_update_memory(p, card, g, now);
	card->due = fsrs_next_due(p, card, g, now);
	card->last_review = now;
	if (card->reps < UINT32_MAX)
		card->reps++;
}

double fsrs_retrievability(const struct fsrs_params *p,
			   const struct fsrs_card *card, int64_t now)
{
	if (fsrs_is_new(card))
		return 0.0;
	return fsrs_forgetting_curve(p, fsrs_elapsed_days(card, now),
				     card->stability);
}

double fsrs_next_interval_days(const struct fsrs_params *p, double stability)
{
	double decay = fsrs_decay(p);
	double days = stability / fsrs_factor(p) *
		      (pow(p->desired_retention, 1.0 / decay) - 1.0);

	days = fsrs_round_half_even(days);
	/* Written so that NaN, too, ends at the 1-day floor. */
	if (!(days >= 1.0))
		days = 1.0;
	if (days > p->maximum_interval_days)
		days = p->maximum_interval_days;
	return days;
}
