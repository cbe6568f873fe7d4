/*
 * report — what 'rolecall report' shares between its list of exam attempts
 * and certificates (report_attempts.c), its item analysis (report_items.c)
 * and 'rolecall report' itself (src/cli/cmd_report.c).
 */
#ifndef ROLECALL_REPORT_H
#define ROLECALL_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "options.h"
#include "rolecall/store.h"
#include "rolecall/store_trivia.h"
#include "rolecall/trivia.h"
#include "strmap.h"

struct report {
	const struct options *cli;
	struct catalog *cat;
	const struct bank **banks;   /* chosen with --bank, or all */
	size_t n_banks;
	struct store *store;
	struct exam_filter filter;   /* the user (0: everyone), --since, --exam */
	const char *who;             /* that user's name; NULL for everyone */
	struct exam_def *exam;       /* --exam's definition, or NULL */
	FILE *out;
	char login[64];              /* a shared database's login, when bound */
	/* role id -> a name saved with the answers, for roles no loaded bank
	 * has: keys and values in names_arena */
	struct strmap saved_names;
	struct arena names_arena;
};

/* v with a fixed number of decimals and '.' as the decimal point whatever
 * the locale, for CSV and JSON ("0.4472", "-1.0000"). */
void report_fixed(char *buf, size_t len, double v, int decimals);

/* The name of a role id in the banks, else the one saved with the
 * answers of the report's people, else the id itself. */
const char *report_role_name(const struct report *rp, const char *id);
/* Read the saved role names of the report's people (rp->filter.user_id,
 * 0 for everyone) into rp->saved_names; -1 after printing why. */
int report_load_role_names(struct report *rp);
void report_free_role_names(struct report *rp);

/* t as ISO 8601 in UTC: "2027-01-15T08:00:00Z". */
void report_iso_time(char *buf, size_t len, int64_t t);

/* t in UTC for a text report: "2027-01-15", "2027-01-15 08:00" or
 * "2027-01-15 08:00:00 UTC"; the number itself when gmtime cannot. */
enum report_time { REPORT_DATE, REPORT_MINUTES, REPORT_SECONDS };
void report_text_time(char *buf, size_t len, int64_t t, enum report_time how);

/* The order people are listed in: by name, ASCII letters without case
 * ("Ana", "bob", "Chen"), then byte order; the same whatever the locale or
 * the backend.  As strcmp returns. */
int report_name_order(const char *a, const char *b);

/* s seconds as "5:07" or "1:02:03" (a negative s as 0). */
void report_duration(char *buf, size_t len, int64_t s);

/* The attempts the filter selects in --format (text, csv, json); 0, or -1
 * after printing why. */
int report_attempts(const struct report *rp);
/* The certificate of attempt --certificate (a result slip for a fail), in
 * text or --format json or html; 0, or -1 after printing why. */
int report_certificate(const struct report *rp);
/* The same for attempt id into out, in fmt: "text", "json" or "html". */
int report_certificate_of(const struct report *rp, int64_t id, const char *fmt, FILE *out);
/* 'report --verify FILE': the certificate in FILE against the database,
 * line by line; 0 when they agree, 1 when they differ (said on stdout),
 * -1 after printing why it cannot tell. */
int report_verify(const struct report *rp, const char *file);

/* 'report --cohort' (report_cohort.c): one row per person of the cohort,
 * the group's most confused pairs and weakest roles, in --format; 0, or
 * -1 after printing why. */
int report_cohort(const struct report *rp);

/* Write --items in the chosen format; 0, or -1 after printing why. */
int report_items(const struct report *rp);

/* The pieces of an HTML report (report_html.c): one self-contained page
 * (inline style and SVG, nothing fetched), every user or bank text
 * escaped, every figure also in data- attributes.  begin writes up to the
 * page's <h1>title</h1>, end the footer and the closing tags. */
void report_html_begin(FILE *out, const char *title);
void report_html_end(FILE *out);
/* An inline SVG bar of correct out of of. */
void report_html_bar(FILE *out, unsigned correct, unsigned of);
/* One row of report_html_roles. */
struct report_role_score {
	const char *id;
	const char *name;
	unsigned correct, asked;
};
/* A table with a bar per role: v[i]'s name, correct of asked. */
void report_html_roles(FILE *out, const struct report_role_score *v, unsigned n);
/* The confusion matrix of h as an SVG heatmap with the roles' names. */
struct history;
void report_html_heatmap(FILE *out, const struct report *rp, const struct history *h);
/* --items' questions (report_items.c) as an HTML table with each prompt
 * and its facility; 0, or -1 after printing why. */
int report_items_html(const struct report *rp, FILE *out);

/* Room in the array *vp (n used of *cap, of size-byte elements; vp is the
 * address of the array's pointer) for one more, doubling from `first`:
 * 0, or -1 when out of memory, with *vp and *cap as they were. */
int report_grow(void *vp, size_t *cap, size_t n, size_t size, size_t first);

/* People found by name while a report gathers them (report_people.c):
 * *v is the caller's array of *n records of size bytes, each beginning
 * with its name (a char * the record owns); map holds name -> index + 1. */
struct strmap;
struct report_people {
	void **v;
	size_t *n, size, cap;
	struct strmap *map;
};
/* The index + 1 of the record called name; when there is none and add is
 * set, a new zeroed record with a copy of name, appended.  0: none (and
 * not added); -1: out of memory. */
long report_person(struct report_people *p, const char *name, int add);

/* 'rolecall export --format moodle-grades' (report_grades.c): a Moodle
 * gradebook import CSV, the best score per defined exam, with a feedback
 * column each when cli->feedback is set; returns the exit status. */
int report_grades(const struct options *cli, FILE *out);

/* 'rolecall users' (report_users.c): the profiles this session may read,
 * in --format; returns the exit status. */
int report_users(const struct options *cli);

/* 'rolecall report --trivia' (report_trivia.c): past trivia games and
 * their rankings, or with --leaderboard the players across them; returns
 * the exit status. */
int report_trivia(const struct options *cli);

/* The leaderboard across trivia games (report_board.c): fed each game's
 * state and ranking, it ranks the players by total points, then wins,
 * then fewer games, then name.  report_board_free(NULL) is safe. */
#define REPORT_BOARD_RULE "Ranked by total points, then wins, then fewer games, then " \
	"name.\nA win is first place in a game played to its end; team games and " \
	"games\nthat played no question are left out."
struct report_board;
struct report_board *report_board_new(void);
/* Count one game (st as store_trivia_state read it for its current round,
 * rank its players in ranking order); 0, or -1 when out of memory. */
int report_board_add(struct report_board *b, const struct store_trivia_state *st,
		     const struct trivia_player *rank, unsigned n);
/* Rank and write the board in fmt (text, csv, json), only user's line
 * when user is not NULL.  Returns the lines shown; text writes nothing
 * when there are none, CSV and JSON their header or "[]". */
size_t report_board_print(struct report_board *b, FILE *out, const char *fmt,
			  const char *user);
void report_board_free(struct report_board *b);

#endif
