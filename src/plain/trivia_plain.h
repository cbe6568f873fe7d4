/*
 * trivia_plain — trivia in line mode: questions and numbered options on
 * stdout, answers one per line on stdin, each question's countdown
 * enforced with poll() (line_in.h).  For screen readers and scripted play:
 * when stdin is not a terminal, input lines are echoed into the output and
 * nothing waits for Enter between screens.  Private to the executable.
 *
 * Each returns 0 when the game ran (to its end, or until q or the end of
 * input ended it: a hot seat or hosted game is then abandoned, a player
 * leaves), -1 after printing why it could not go on.
 */
#ifndef ROLECALL_TRIVIA_PLAIN_H
#define ROLECALL_TRIVIA_PLAIN_H

#include "app.h"
#include "trivia_setup.h"

/* Every player answers each question in turn at this terminal. */
int trivia_plain_hotseat(struct app *app, const struct trivia_game_config *cfg);

/* Open a shared game, show its code, start it on Enter and run it; Enter
 * moves on from each reveal and leaderboard. */
int trivia_plain_host(struct app *app, const struct trivia_game_config *cfg);

/* Join a shared game and answer its questions as they come. */
int trivia_plain_join(struct app *app, const char *code, const char *name);

#endif
