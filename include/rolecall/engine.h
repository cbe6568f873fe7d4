/*
 * engine — sessions: which question comes next, in which option order, and
 * what an answer means.
 *
 * No I/O, no terminal, no database: a session reads a catalog and a
 * history, and updates the history as answers come in (history_apply); the
 * front end hands each answer's record to the store.  Time and randomness
 * are parameters: the same seed, history and times give the same session.
 *
 * Ownership: the session borrows the catalog, the banks and the history
 * (they must outlive it) and owns everything else; session_free(NULL) is
 * safe.  Pointers it returns live until the next call on the session.
 */
#ifndef ROLECALL_ENGINE_H
#define ROLECALL_ENGINE_H

#include <stdint.h>

#include "rolecall/bank.h"
#include "rolecall/evidence.h"
#include "rolecall/history.h"

#define SESSION_DEFAULT_COUNT 10
/* A missed question comes back after this many other questions. */
#define SESSION_REASK_GAP 3
/* How often a question can come back after misses in one session. */
#define SESSION_MAX_REASKS 2

struct session_config {
	enum session_mode mode;
	const struct bank *const *banks; /* the banks to draw from */
	size_t n_banks;
	unsigned count;                  /* questions; 0 = SESSION_DEFAULT_COUNT */
	uint64_t seed;
	int64_t now;                     /* unix seconds at the start */
	/* The drill's evidence, replayed from the answer log (borrowed; the
	 * session applies every answer to it).  NULL: a drill starts its own
	 * from the history's all-time counts (evidence_seed). */
	struct evidence *evidence;
};

/* Why a question was chosen (shown in the UI, tested in unit tests). */
enum pick_reason { PICK_NEW, PICK_DUE, PICK_WEAK, PICK_REASK, PICK_REVIEW };

struct shown_question {
	const struct bank_question *q;
	unsigned order[BANK_MAX_OPTIONS]; /* choice index shown at each position */
	unsigned n_options;
	unsigned number;                  /* 1-based position in the session */
	unsigned total;                   /* planned length (grows with re-asks) */
	enum pick_reason reason;
};

struct answer_result {
	int correct;
	unsigned right_position;            /* where the right option was shown */
	const struct bank_choice *right;
	const struct bank_choice *picked;   /* NULL when no answer was given */
	int confused_answer;                /* catalog roles of a confusion Y→X, */
	int confused_picked;                /* or -1 when the miss was no confusion */
	const char *contrast;               /* that pair's contrast, or NULL */
	int will_return;                    /* missed: it comes back this session */
	struct answer_record record;        /* for store_record */
};

/* A confused pair, as the drill ranks them. */
struct weak_pair {
	int answer, picked; /* catalog role indices */
	uint32_t count, chances;
	double score;       /* history_confusion_score */
};

struct session;

/* The parts of an answer's log record that follow from the question as
 * shown (order: choice index at each position); picked is -1 and the
 * answer fields are left for the caller.  Strings are the catalog's. */
void answer_record_init(struct answer_record *rec, const struct catalog *cat,
			const struct bank_question *q, const unsigned *order,
			unsigned n_shown, enum session_mode mode);

/* A practice or drill session (cfg->mode) over cfg's banks, answering into
 * h, which it borrows; exams are exam.h's and trivia games trivia.h's.  -1
 * with why in err (*out NULL).  session_free(NULL) is safe. */
int session_new(const struct catalog *cat, struct history *h,
		const struct session_config *cfg, struct session **out,
		struct rc_error *err);
void session_free(struct session *s);

/* The next question, or NULL when the session is over. */
const struct shown_question *session_next(struct session *s);

/* Answer the current question: `position` is the 0-based option picked as
 * shown, -1 for no answer (time out).  Applies it to the history. */
int session_answer(struct session *s, int position, int64_t elapsed_ms,
		   int64_t now, struct answer_result *out, struct rc_error *err);

/* The user's most confused pairs among the session's roles, worst first;
 * returns how many were written (at most max). */
unsigned session_weak_pairs(const struct session *s, struct weak_pair *out,
			    unsigned max);

/* What front ends say when session_drill_fallback is 1. */
#define SESSION_PROBE_NOTICE \
	"No confusions recorded yet: this drill first looks for the pairs you confuse."

/* 1 when drill mode found no confusion yet: it probes for them. */
int session_drill_fallback(const struct session *s);

/* The questions the session plans to ask, not counting re-asks: the
 * count asked for, or fewer when the banks have fewer. */
unsigned session_planned(const struct session *s);

/* "--count 50, but these banks have 23 questions: this session asks 23."
 * into buf (always terminated), when the session plans fewer questions
 * than asked for; returns 1 then, else 0 and buf is "". */
int session_count_notice(const struct session *s, char *buf, size_t cap);

struct session_confusion {
	int answer, picked; /* catalog role indices */
	unsigned count;
};

/* What this session added up to. */
struct session_summary {
	unsigned asked, correct;
	unsigned best_streak, streak;
	unsigned role_asked[ROLECALL_MAX_ROLES];   /* by catalog role index */
	unsigned role_correct[ROLECALL_MAX_ROLES];
	unsigned n_confusions;
	struct session_confusion confusions[32];
	unsigned due_now;     /* questions of these banks due at the end */
	int64_t next_due;     /* earliest future due time, 0 when none */
};
const struct session_summary *session_summary(struct session *s);

#endif
