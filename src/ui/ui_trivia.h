/*
 * ui_trivia — trivia in the terminal UI: what its files share and what
 * ui.c calls.  The whole game is one screen of ui.c (UI_SCR_TRIVIA) with
 * views of its own, so that the frame only learns one screen, one menu
 * action and one "move" action:
 *
 *   setup      (from the menu) a form: the players' names, the number of
 *              questions, the seconds each, the banks, and whether to play
 *              on this terminal or host a game for others;
 *   rules      hot seat, before the first question: what scores;
 *   handover   hot seat: "pass the keyboard to Ana — press Enter";
 *   countdown  the 3-2-1 before a question shows (every role);
 *   question   the question and its countdown;
 *   lobby      host: the game code, who has joined, Enter starts;
 *   round      host: the question, its countdown, how many answered;
 *   wait       player: waiting for the host, or for the others (with the
 *              round's time left once it answered);
 *   reveal     the right answer, who got it and their points, why;
 *   board      the leaderboard;
 *   podium     the top three, the full ranking and the tie rule.
 *
 * ui_trivia.c does every move of the game (trivia_game.h) and the clock;
 * ui_trivia_draw.c only draws, from the game and this state.  A key
 * handler sets `move` and returns UI_ACT_TRIVIA_MOVE; ui.c hands that to
 * ui_trivia_act.  No game logic lives here: points, turns and phases are
 * trivia_game.c's.
 */
#ifndef ROLECALL_UI_TRIVIA_H
#define ROLECALL_UI_TRIVIA_H

#include "trivia_setup.h"
#include "ui_impl.h"

#define UI_TRIVIA_INPUT 160
/* A number's digits as a string literal, for the form's texts. */
#define UI_TRIVIA_STR_(x) #x
#define UI_TRIVIA_STR(x) UI_TRIVIA_STR_(x)

enum ui_trivia_view {
	UI_TRIVIA_SETUP,
	UI_TRIVIA_RULES,
	UI_TRIVIA_HANDOVER,
	UI_TRIVIA_COUNTDOWN,
	UI_TRIVIA_QUESTION,
	UI_TRIVIA_LOBBY,
	UI_TRIVIA_ROUND,
	UI_TRIVIA_WAIT,
	UI_TRIVIA_REVEAL,
	UI_TRIVIA_BOARD,
	UI_TRIVIA_PODIUM,
};

/* The setup form's fields, top to bottom. */
enum ui_trivia_field {
	UI_TRIVIA_F_NAMES,
	UI_TRIVIA_F_ROUNDS,
	UI_TRIVIA_F_SECONDS,
	UI_TRIVIA_F_BANKS,
	UI_TRIVIA_F_WHERE,
	UI_TRIVIA_F_COUNT,
};

enum ui_trivia_move {
	UI_TRIVIA_MOVE_NONE,
	UI_TRIVIA_MOVE_CREATE,  /* setup: start the game the form describes */
	UI_TRIVIA_MOVE_SHOW,    /* handover: count down, then show the question */
	UI_TRIVIA_MOVE_ANSWER,  /* question: answer with sel */
	UI_TRIVIA_MOVE_NEXT,    /* rules, lobby, reveal, board: on to what comes next */
	UI_TRIVIA_MOVE_QUIT,    /* confirmed: end the game (leave it, as a player) */
	UI_TRIVIA_MOVE_CLOSE,   /* host, round: close it now, before its time */
	UI_TRIVIA_MOVE_REMOVE,  /* host: remove the player picked in the box */
};

struct ui_trivia {
	struct trivia_game *g;          /* NULL on the setup view */
	enum ui_trivia_view view;
	enum ui_trivia_move move;     /* what the last key asked for */
	int ask_quit;             /* the "end the game?" box is open */
	int ask_remove;           /* host: the "remove a player" box is open */
	unsigned remove_sel;      /* ... and the player highlighted in it */
	unsigned turn;            /* hot seat: whose turn it is */
	int sel;                  /* the highlighted option */
	unsigned round;           /* player: the round the question view is for */
	int64_t shown_ms;         /* hot seat: app_ms when the question showed */
	int64_t ready_ms;         /* hot seat: app_ms when its countdown ends */
	int64_t shown_secs;       /* the countdown as last drawn */
	int64_t shown_silent;     /* player: the host's silence as last drawn, in s */
	int64_t polled_ms;        /* shared game: app_ms of the last poll */
	int woken;                /* a change was announced: poll now */
	int left;                 /* player: left the game */
	char input[UI_TRIVIA_INPUT];  /* setup: the names typed */
	enum ui_trivia_field field;   /* setup: the field keys go to */
	char rounds[4], seconds[4]; /* setup: as typed */
	unsigned bank;            /* setup: 0 all the banks, else the bank-th */
	int host;                 /* setup: host a game for other terminals */
	char message[RC_ERROR_MSG_MAX]; /* a line about what just happened */
};

/* ---- the flow (ui_trivia.c) ------------------------------------------ */

/* The game the command line asked for (hot seat, host or join); -1 with
 * ui->error set when it cannot start. */
int ui_trivia_open(struct ui *ui);
/* From the menu: the setup form. */
int ui_trivia_setup(struct ui *ui);
/* Do ui->trivia->move; -1 with ui->error set when the store failed. */
int ui_trivia_act(struct ui *ui);
/* The clock and the shared game, after every key or timeout: 1 when the
 * screen moved on by itself (a key read at that moment must not act on
 * the new one), 0 when not, -1 on a store error (ui->error set). */
int ui_trivia_tick(struct ui *ui);
/* How long the next read may wait: short while a countdown runs or a
 * shared game is polled, otherwise idle_ms. */
int ui_trivia_wait_ms(const struct ui *ui, int idle_ms);

/* The descriptor that becomes readable when the store announces a change
 * to the shared game on screen (-1: none), and the note that it did, so
 * that the next tick reads the game at once. */
int ui_trivia_wake_fd(const struct ui *ui);
void ui_trivia_woken(struct ui *ui);
/* Free the game; a hot-seat or hosted game not over is abandoned (the
 * scores so far stand), a player leaves. */
void ui_trivia_end(struct ui *ui);

/* Seconds left on the question's clock shown now (0 when out), -1 when
 * the view has none: the question, the host's round, and a player's wait
 * while the round it answered is open. */
int64_t ui_trivia_seconds_left(const struct ui *ui, int64_t *ms_left);
/* Milliseconds of the 3-2-1 left on the countdown view (0 when over). */
int64_t ui_trivia_countdown_ms(const struct ui *ui);

/* ---- the views (ui_trivia_draw.c) ------------------------------------ */

void ui_trivia_draw(struct ui *ui);
enum ui_action ui_trivia_key(struct ui *ui, const struct ui_key *k);

#endif
