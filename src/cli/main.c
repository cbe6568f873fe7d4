/* rolecall: parse the command line, dispatch to a command. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "trivia_game.h"
#include "config.h"
#include "ui.h"

static const char usage_text[] =
	"Usage: rolecall [OPTION]... [COMMAND] [ARG]...\n"
	"Learn to tell apart roles that are easy to confuse, with multiple-choice\n"
	"questions that drill the distinctions you get wrong.\n"
	"\n"
	"Commands:\n"
	"  practice          adaptive practice: due reviews, weak spots, new questions\n"
	"  drill             drill the distinctions you confuse most\n"
	"  stats             your accuracy per role and your confusion matrix\n"
	"  export            the raw answer log (CSV or JSON)\n"
	"  exam              a fixed set of questions with a pass mark\n"
	"  report            exam attempts (text, CSV, JSON), --items, --certificate ID;\n"
	"                    --trivia: past trivia games and their rankings\n"
	"  trivia            a trivia game: --players or --teams on one terminal;\n"
	"                    'trivia host' and 'trivia join CODE --name NAME' on several\n"
	"  check [FILE|DIR]...  validate banks (default: the bundled banks)\n"
	"\n"
	"Options:\n"
	"  -b, --bank ID|FILE   use this bank (repeatable; default: all bundled banks)\n"
	"  -u, --user NAME      whose progress to use (default: your login name)\n"
	"      --db FILE        the database (default: $XDG_DATA_HOME/rolecall/rolecall.db)\n"
	"  -n, --count N        number of questions in the session\n"
	"  -s, --seed N         random seed, to replay a session exactly\n"
	"  -p, --plain          line mode: numbered options, answers from stdin\n"
	"  -f, --format FMT     text, json or csv (stats, export, report)\n"
	"      --pass PERCENT   exam pass mark (default: the bank's, else 80)\n"
	"      --time MINUTES   exam time limit; decimals allowed (0.5 is 30 seconds)\n"
	"      --time SECONDS   trivia: the time per question (default 20)\n"
	"      --players LIST   trivia: players taking turns, as \"Ana,Ben,Chen\"\n"
	"      --teams LIST     trivia: teams taking turns, as \"Red,Blue\"\n"
	"      --rounds N       trivia: number of questions (default 10)\n"
	"      --points P       trivia: points for a right answer: 0, 1000 or 2000\n"
	"      --no-speed       trivia: no extra points for faster answers\n"
	"      --no-streak      trivia: no streak bonus\n"
	"      --name NAME      trivia join: your name in the game\n"
	"      --trivia         report: trivia games instead of exams\n"
	"      --all            report on every user\n"
	"      --since DATE     report attempts from DATE (YYYY-MM-DD, UTC) on\n"
	"      --items          report: item analysis of the questions\n"
	"      --certificate ID report: a certificate of exam attempt ID\n"
	"      --json           machine-readable summary (check)\n"
	"      --rebuild        rebuild derived state from the answer log (stats)\n"
	"  -h, --help           show this help and exit\n"
	"  -V, --version        show the version and exit\n"
	"\n"
	"See rolecall(1) for details and doc/bank-format.md for writing banks.\n";

enum { OPT_DB = 256, OPT_JSON, OPT_REBUILD, OPT_PASS, OPT_TIME, OPT_ALL, OPT_SINCE,
       OPT_ITEMS, OPT_CERTIFICATE, OPT_PLAYERS, OPT_TEAMS, OPT_ROUNDS, OPT_POINTS,
       OPT_NO_SPEED, OPT_NO_STREAK, OPT_NAME, OPT_TRIVIA };

static const struct option long_options[] = {
	{ "bank", required_argument, NULL, 'b' },
	{ "user", required_argument, NULL, 'u' },
	{ "db", required_argument, NULL, OPT_DB },
	{ "count", required_argument, NULL, 'n' },
	{ "seed", required_argument, NULL, 's' },
	{ "plain", no_argument, NULL, 'p' },
	{ "format", required_argument, NULL, 'f' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "rebuild", no_argument, NULL, OPT_REBUILD },
	{ "pass", required_argument, NULL, OPT_PASS },
	{ "time", required_argument, NULL, OPT_TIME },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "items", no_argument, NULL, OPT_ITEMS },
	{ "certificate", required_argument, NULL, OPT_CERTIFICATE },
	{ "players", required_argument, NULL, OPT_PLAYERS },
	{ "teams", required_argument, NULL, OPT_TEAMS },
	{ "rounds", required_argument, NULL, OPT_ROUNDS },
	{ "points", required_argument, NULL, OPT_POINTS },
	{ "no-speed", no_argument, NULL, OPT_NO_SPEED },
	{ "no-streak", no_argument, NULL, OPT_NO_STREAK },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "trivia", no_argument, NULL, OPT_TRIVIA },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int parse_number(const char *opt, const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-') {
		app_fail("%s needs a whole number, not '%s'", opt, s);
		return -1;
	}
	v = strtoull(s, &end, 10);
	if (*end || v > max) {
		app_fail("%s needs a whole number up to %" PRIu64 ", not '%s'", opt, max, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* --pass PERCENT and --certificate ID. */
static int parse_exam_number(struct options *cli, int c, const char *s)
{
	uint64_t v;

	if (c == OPT_PASS) {
		if (parse_number("--pass", s, 100, &v) < 0)
			return -1;
		cli->pass = (long)v;
		return 0;
	}
	if (parse_number("--certificate", s, INT64_MAX, &v) < 0)
		return -1;
	if (!v) {
		app_fail("--certificate needs an attempt id ('rolecall report' lists them)");
		return -1;
	}
	cli->certificate = (int64_t)v;
	return 0;
}

static int add_bank(struct options *cli, const char *bank)
{
	const char **b = realloc(cli->banks, (size_t)(cli->n_banks + 1) * sizeof *b);

	if (!b) {
		app_fail("out of memory");
		return -1;
	}
	b[cli->n_banks++] = bank;
	cli->banks = b;
	return 0;
}

static int parse_option(struct options *cli, int c)
{
	uint64_t v;

	switch (c) {
	case 'b': return add_bank(cli, optarg);
	case 'u': cli->user = optarg; return 0;
	case OPT_DB: cli->db = optarg; return 0;
	case 'p': cli->plain = 1; return 0;
	case OPT_JSON: cli->json = 1; return 0;
	case OPT_REBUILD: cli->rebuild = 1; return 0;
	case OPT_ALL: cli->all = 1; return 0;
	case OPT_ITEMS: cli->items = 1; return 0;
	/* minutes or seconds: parsed once the command is known */
	case OPT_TIME: cli->time_arg = optarg; return 0;
	case OPT_PLAYERS: cli->players = optarg; return 0;
	case OPT_TEAMS: cli->teams = optarg; return 0;
	case OPT_NAME: cli->name = optarg; return 0;
	case OPT_NO_SPEED: cli->no_speed = 1; return 0;
	case OPT_NO_STREAK: cli->no_streak = 1; return 0;
	case OPT_TRIVIA: cli->trivia = 1; return 0;
	case OPT_ROUNDS: return tgame_parse_rounds(optarg, &cli->rounds);
	case OPT_POINTS: return tgame_parse_points(optarg, &cli->points);
	case OPT_SINCE: return cmd_report_parse_date(optarg, &cli->since);
	case OPT_PASS:
	case OPT_CERTIFICATE:
		return parse_exam_number(cli, c, optarg);
	case 'f':
		if (strcmp(optarg, "text") && strcmp(optarg, "json") && strcmp(optarg, "csv")) {
			app_fail("--format is text, json or csv, not '%s'", optarg);
			return -1;
		}
		cli->format = optarg;
		return 0;
	case 'n':
		if (parse_number("--count", optarg, 100000, &v) < 0)
			return -1;
		if (v == 0) {
			app_fail("--count must be at least 1");
			return -1;
		}
		cli->count = (long)v;
		return 0;
	case 's':
		if (parse_number("--seed", optarg, UINT64_MAX, &v) < 0)
			return -1;
		cli->seed = v;
		cli->has_seed = 1;
		return 0;
	default:
		/* getopt already said what was wrong. */
		fputs("Try 'rolecall --help' for more information.\n", stderr);
		return -1;
	}
}

struct command {
	const char *name;
	int (*run)(const struct options *cli);
};

static const struct command commands[] = {
	{ "check", cmd_check },
	{ "practice", cmd_practice },
	{ "drill", cmd_drill },
	{ "stats", cmd_stats },
	{ "export", cmd_export },
	{ "exam", cmd_exam },
	{ "report", cmd_report },
	{ "trivia", cmd_trivia },
	{ NULL, NULL },
};

/* --time is minutes for an exam and seconds per question for trivia. */
static int parse_time(struct options *cli)
{
	if (!cli->time_arg)
		return 0;
	if (cli->command && !strcmp(cli->command, "trivia"))
		return tgame_parse_seconds(cli->time_arg, &cli->time_limit);
	return cmd_exam_parse_time(cli->time_arg, &cli->time_limit);
}

static int dispatch(const struct options *cli)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, cli->command))
			return c->run(cli);
	app_fail("unknown command '%s'; see 'rolecall --help'", cli->command);
	return EXIT_USAGE;
}

/* Plain "rolecall": the menu in a terminal; otherwise practice, which
 * runs in line mode or says why it cannot. */
static int run_default(struct options *cli)
{
	if (!cli->plain && isatty(STDIN_FILENO)) {
		cli->command = "menu";
		return ui_main(cli, UI_START_MENU);
	}
	cli->command = "practice";
	return dispatch(cli);
}

/*
 * A closed standard descriptor would be taken by the next file opened, and
 * output meant for the terminal would land in it.  Closed stdin or stderr
 * become /dev/null; closed stdout is refused, since a session would record
 * answers to questions nobody saw.  A file-size limit (ulimit -f) makes a
 * write fail with EFBIG, which the store reports, instead of killing us.
 */
static int sane_process(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int nul;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (fd == STDOUT_FILENO) {
			app_fail("standard output is closed; run rolecall with its output "
				 "going to a terminal, a file or a pipe");
			return -1;
		}
		nul = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
		if (nul >= 0 && nul != fd)
			close(nul); /* a lower descriptor was free: not ours to fill */
	}
	signal(SIGXFSZ, SIG_IGN);
	return 0;
}

int main(int argc, char **argv)
{
	struct options cli = { .count = -1, .pass = -1, .since = INT64_MIN, .points = -1 };
	int c, rc;

	setlocale(LC_ALL, "");
	if (sane_process() < 0)
		return EXIT_FAIL;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "b:u:n:s:pf:hV", long_options, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage_text, stdout);
			free(cli.banks);
			return EXIT_OK;
		}
		if (c == 'V') {
			printf("rolecall %s\n", ROLECALL_VERSION);
			free(cli.banks);
			return EXIT_OK;
		}
		if (parse_option(&cli, c) < 0) {
			free(cli.banks);
			return EXIT_USAGE;
		}
	}
	cli.command = optind < argc ? argv[optind++] : NULL;
	cli.args = argv + optind;
	cli.n_args = argc - optind;
	if (parse_time(&cli) < 0) {
		free(cli.banks);
		return EXIT_USAGE;
	}
	rc = cli.command ? dispatch(&cli) : run_default(&cli);
	free(cli.banks);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		app_fail("cannot write the output");
		return EXIT_FAIL;
	}
	return rc;
}
