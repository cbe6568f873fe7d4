/*
 * ui_exam — the exam in the terminal UI: what its files (ui_exam*.c) share
 * and what ui.c calls.
 *
 * The flow is the plain exam's (cmd_exam.c): the attempt and all its
 * questions are stored when the exam begins, each pick is committed as it
 * is made, skipped questions come back after the last one, and submitting
 * (or the time running out) scores it, logs every question and stores the
 * result.  A submit the store refuses is tried again on a countdown
 * (ui_exam_submit.c shows it) until it is stored or the person gives up;
 * an attempt left open is resumed from the intro or with --resume.
 * ui_exam.c is the only exam code that changes the exam or calls the
 * store; the screens only read the exam and move the UI's own state.
 */
#ifndef ROLECALL_UI_EXAM_H
#define ROLECALL_UI_EXAM_H

#include "exam_plan.h"
#include "rolecall/exam.h"
#include "rolecall/store.h"
#include "ui_impl.h"

/* The overlay the exam screens show over themselves. */
enum ui_exam_ask {
	UI_EXAM_ASK_NONE,
	UI_EXAM_ASK_SUBMIT, /* S or F10 */
	UI_EXAM_ASK_LEAVE,  /* q or Esc: leaving is submitting */
	UI_EXAM_ASK_DONE,   /* every question answered, offered once */
};

struct ui_exam {
	struct exam_config cfg;
	struct exam *e;       /* on the intro: a draft, to show its numbers */
	int begun;            /* the attempt is stored and the clock runs */
	struct exam_attempt att;
	char *banks;          /* att.banks */
	int64_t deadline_ms;  /* app_ms; -1 when untimed */
	int64_t shown_left;   /* seconds left as last drawn; -1 before */
	int cur;              /* the question on screen */
	int furthest;         /* the last question reached in order */
	int sel;              /* the highlighted option */
	int list_sel;         /* the highlighted row of the question list */
	int offered;          /* submitting was offered once all were answered */
	int returned;         /* the skipped questions were announced */
	enum ui_exam_ask ask;
	char notice[256];     /* one line above the prompt, until the next move */
	struct app_exam_open open; /* on a new exam's intro: an attempt not
				    * submitted, to offer; id 0 when none */
	/* A submit the store refused, waiting to be tried again: */
	int stored;           /* the submit is stored */
	unsigned tries;       /* how many times it failed */
	int64_t retry_ms;     /* app_ms of the next try; 0 while none waits */
	int trying;           /* the next try runs once the screen says so */
	char why[RC_ERROR_MSG_MAX]; /* why the last try failed */
};

/* ---- screens (ui_exam_question.c, ui_exam_list.c, ui_exam_results.c) - */

void ui_exam_intro_draw(struct ui *ui);
enum ui_action ui_exam_intro_key(struct ui *ui, const struct ui_key *k);
void ui_exam_question_draw(struct ui *ui);
enum ui_action ui_exam_question_key(struct ui *ui, const struct ui_key *k);
void ui_exam_list_draw(struct ui *ui);
enum ui_action ui_exam_list_key(struct ui *ui, const struct ui_key *k);
void ui_exam_results_draw(struct ui *ui);
enum ui_action ui_exam_results_key(struct ui *ui, const struct ui_key *k);
void ui_exam_submit_draw(struct ui *ui);
enum ui_action ui_exam_submit_key(struct ui *ui, const struct ui_key *k);
/* Seconds until the failed submit is tried again (rounded up). */
int64_t ui_exam_retry_left(const struct ui_exam *ex);

/* The submit/leave question over an exam screen, and its keys. */
void ui_exam_ask_draw(struct ui *ui);
enum ui_action ui_exam_ask_key(struct ui *ui, const struct ui_key *k);

/* "answered k/N · time left mm:ss" for the exam screens' headers; it
 * remembers the seconds drawn, so the clock redraws only when they change. */
void ui_exam_status_text(struct ui *ui, char *buf, size_t len);
/* How that header note is drawn: the warning's style in the last tenth
 * of a timed exam's time (bold without colour), else normal. */
attr_t ui_exam_status_attr(const struct ui *ui);

/* ---- the exam's flow (ui_exam.c) ------------------------------------- */

/* The intro for the banks picked (ui->bank_sel): a draft exam shows its
 * length, pass mark and time limit; -1 with ui->error set when the exam
 * cannot be drawn. */
int ui_exam_open(struct ui *ui);
/* UI_ACT_EXAM_BEGIN, _RESUME (the open attempt the intro offers),
 * _ANSWER (ui->exam->sel on the current question), _SUBMIT, and, while a
 * failed submit waits, _RETRY (now) and _GIVE_UP; -1 with ui->error set
 * when the store failed or the person gave up. */
int ui_exam_act(struct ui *ui, enum ui_action act);
/* The clock, after every key or timeout: 1 when the time ran out and the
 * exam was submitted, or a failed submit was tried again, 0 when nothing
 * happened, -1 on a store error. */
int ui_exam_tick(struct ui *ui);
/* How long the next read may wait: to the next second of a running timed
 * exam or of a failed submit's countdown (at most 1000 ms), otherwise
 * idle_ms. */
int ui_exam_wait_ms(const struct ui *ui, int idle_ms);
/* The id of an attempt begun and not stored as submitted, or 0. */
int64_t ui_exam_open_attempt(const struct ui *ui);
/* As rolecall ends, when 'rolecall exam' started the UI and nothing has
 * failed: the exit status says how the exam went, for scripts (0 a pass,
 * 1 a fail), and a reason goes into ui->error when it was left with no
 * result. */
void ui_exam_exit_status(struct ui *ui);
/* Free the exam; an attempt not submitted stays open in the database. */
void ui_exam_end(struct ui *ui);
/* "Exam (20 questions, pass 80%)" for the menu, from the banks' defaults
 * and the command line. */
void ui_exam_menu_label(const struct ui *ui, char *buf, size_t len);

/* Moves that change only which question is shown. */
void ui_exam_skip(struct ui *ui);
void ui_exam_back(struct ui *ui);
void ui_exam_go(struct ui *ui, int i);
/* f: flag question i for review, or unflag it; the notice says which. */
void ui_exam_flag(struct ui *ui, int i);

#endif
