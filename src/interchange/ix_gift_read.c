/*
 * GIFT into a bank draft.  Questions are separated by blank lines; lines
 * starting with // are comments, of which "// rolecall KEY: VALUE" carry
 * what our writer put there.  Only a multiple-choice question with one
 * right answer becomes a bank question; every other is reported with its
 * line and left out.
 */
#include "ix_gift.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_LINES 256

struct pending {
	const char *roles, *difficulty, *source, *about;
	const char *tags[IX_MAX_TAGS];
	unsigned n_tags;
};

struct reader {
	struct ix_bank *b;
	const char *name;
	const struct ix_role_map *map;
	struct diag_list *diags;
	const char *start, *end;  /* the block: lines of the text, comments out */
	char *buf;
	size_t len;
	int line_of[BLOCK_LINES]; /* the file's line of each line of buf */
	int n_lines;
	struct pending p;
	const char *category;
	const char *title;        /* the question's ::title::, or NULL */
	int oom;
};

struct answer {
	const char *text, *feedback;
	long weight;
};

static int line_at(const struct reader *r, const char *at)
{
	int k = 0;

	for (const char *s = r->buf; s < at; s++)
		k += *s == '\n';
	return r->line_of[k < r->n_lines ? k : r->n_lines - 1];
}

static void report(struct reader *r, const char *at, const char *why)
{
	if (r->title && *r->title)
		diag_add(r->diags, r->name, line_at(r, at), 1, "question '%s' not imported: %s",
			 r->title, why);
	else
		diag_add(r->diags, r->name, line_at(r, at), 1, "question not imported: %s", why);
}

static const char *dup_meta(struct reader *r, const char *s, const char *end)
{
	const char *t = gift_text(&r->b->arena, s, end, 0);

	r->oom |= !t;
	return t;
}

/* "ID TEXT" of a role, summary or contrast line. */
static int split_id(struct reader *r, const char **v, const char *end, char *id, size_t cap)
{
	size_t n = strcspn(*v, " \n");

	if ((size_t)(end - *v) < n || n >= cap)
		return -1;
	memcpy(id, *v, n);
	id[n] = '\0';
	*v += n;
	(void)r;
	return bank_id_valid(id, n) ? 0 : -1;
}

/* "// rolecall role: ID NAME" declares a role. */
static void role_line(struct reader *r, const char *id, const char *name, int line)
{
	char why[160];
	int rc = ix_bank_role(r->b, id, name);

	r->oom |= rc == IX_OOM;
	if (rc != IX_FULL)
		return;
	ix_role_full(why, sizeof why, id);
	diag_add(r->diags, r->name, line, 1, "%s; it was left out", why);
}

static void bank_meta(struct reader *r, const char *key, const char *v, const char *end,
		      int line)
{
	struct ix_bank *b = r->b;
	char a[80], c[80];
	int i, j;

	if (!strcmp(key, "bank") || !strcmp(key, "title") || !strcmp(key, "description")) {
		const char *t = dup_meta(r, v, end);

		*(key[0] == 'b' ? &b->id : key[0] == 't' ? &b->title : &b->description) = t;
	} else if (!strcmp(key, "exam")) {
		if (sscanf(v, "%u %u", &b->exam_count, &b->exam_pass) != 2)
			b->exam_count = 0;
	} else if (!strcmp(key, "role") && !split_id(r, &v, end, a, sizeof a)) {
		role_line(r, a, dup_meta(r, v, end), line);
	} else if (!strcmp(key, "summary") && !split_id(r, &v, end, a, sizeof a) &&
		   (i = ix_bank_find_role(b, a)) >= 0) {
		b->roles[i].summary = dup_meta(r, v, end);
	} else if (!strcmp(key, "contrast") && !split_id(r, &v, end, a, sizeof a) &&
		   (v += strspn(v, " "), !split_id(r, &v, end, c, sizeof c)) &&
		   (i = ix_bank_find_role(b, a)) >= 0 && (j = ix_bank_find_role(b, c)) >= 0 &&
		   b->n_contrasts < IX_MAX_CONTRASTS) {
		b->contrasts[b->n_contrasts++] = (struct ix_contrast){ i, j, dup_meta(r, v, end) };
	} else {
		diag_add(r->diags, r->name, line, 1, "'// rolecall %s:' is not a comment "
			 "'rolecall bank import' understands; it was ignored", key);
	}
}

static void meta(struct reader *r, const char *s, const char *end, int line)
{
	char key[32];
	size_t n = strcspn(s, ":\n");
	const char *v = s + n + 1;

	if (n >= sizeof key || v > end) {
		diag_add(r->diags, r->name, line, 1, "a '// rolecall' comment is '// rolecall "
			 "KEY: VALUE'; this one was ignored");
		return;
	}
	memcpy(key, s, n);
	key[n] = '\0';
	v += strspn(v, " ");
	if (!strcmp(key, "roles"))
		r->p.roles = dup_meta(r, v, end);
	else if (!strcmp(key, "difficulty"))
		r->p.difficulty = dup_meta(r, v, end);
	else if (!strcmp(key, "source"))
		r->p.source = dup_meta(r, v, end);
	else if (!strcmp(key, "about"))
		r->p.about = dup_meta(r, v, end);
	else if (!strcmp(key, "tag") && r->p.n_tags < IX_MAX_TAGS)
		r->p.tags[r->p.n_tags++] = dup_meta(r, v, end);
	else
		bank_meta(r, key, v, end, line);
}

/* The question type GIFT's answer block [s, end) gives, when it is one a
 * bank cannot hold; NULL for multiple choice. */
static const char *unmappable(const char *s, const char *end)
{
	static const char *const tf[] = { "T", "F", "TRUE", "FALSE", NULL };
	size_t n;

	while (s < end && strchr(" \t\n", *s))
		s++;
	if (s == end)
		return "it is an essay question (no answers to choose from)";
	if (*s == '#')
		return "it is a numerical question";
	n = strcspn(s, "#} \t\n");
	for (int i = 0; tf[i]; i++)
		if (n == strlen(tf[i]) && !strncmp(s, tf[i], n))
			return "it is a true/false question";
	/* Moodle's order: any '~' makes it multiple choice, so a choice may
	 * say "->"; only then is "=... -> ..." a matching question. */
	if (gift_find(s, end, "~"))
		return NULL;
	if (gift_find(s, end, "->"))
		return "it is a matching question";
	return "it is a short-answer question (every answer starts with '=')";
}

/* The answers of [s, end) into a[]; their count, or -1 after reporting. */
static int parse_answers(struct reader *r, const char *s, const char *end, struct answer *a)
{
	int n = 0;

	s += strspn(s, " \t\n");
	if (s < end && *s != '~' && *s != '=') {
		report(r, s, "there is text before the first answer; each answer starts with "
		       "'=' (right) or '~' (wrong)");
		return -1;
	}
	while (s < end) {
		const char *next = gift_find_any(s + 1, end, "~="), *t, *fb;

		if (n == BANK_MAX_OPTIONS) {
			report(r, s, "it has more than 8 answers; a bank question offers 2 to 8");
			return -1;
		}
		a[n].weight = *s == '=' ? 100 : 0;
		t = s + 1 + strspn(s + 1, " \t");
		if (*t == '%' && memchr(t + 1, '%', (size_t)(next - t - 1))) {
			a[n].weight = strtol(t + 1, NULL, 10);
			t = (const char *)memchr(t + 1, '%', (size_t)(next - t - 1)) + 1;
		}
		fb = gift_find(t, next, "#");
		a[n].text = gift_text(&r->b->arena, t, fb ? fb : next, 1);
		a[n].feedback = fb ? gift_text(&r->b->arena, fb + 1, next, 1) : NULL;
		r->oom |= !a[n].text || (fb && !a[n].feedback);
		n++;
		s = next;
	}
	return n;
}

/* One right answer worth all the marks, among 2 to 8: its index, else -1
 * after reporting. */
static int the_right_one(struct reader *r, const char *at, const struct answer *a, int n)
{
	int right = -1, rights = 0;

	for (int i = 0; i < n; i++)
		if (a[i].weight > 0) {
			rights++;
			right = a[i].weight == 100 ? i : right;
		}
	if (n < BANK_MIN_OPTIONS) {
		report(r, at, "it has fewer than 2 answers; a bank question offers 2 to 8");
		return -1;
	}
	if (rights != 1 || right < 0) {
		report(r, at, "it gives several right answers or partial marks; a bank "
		       "question has exactly one right answer");
		return -1;
	}
	return right;
}

/* The next of the space-separated ids at *s into id (cap bytes): "" when
 * none is left or it is too long to be one; *s moves past it. */
static void next_id(const char **s, char *id, size_t cap)
{
	size_t n;

	*s += strspn(*s, " ");
	n = strcspn(*s, " ");
	snprintf(id, cap, "%.*s", n < cap ? (int)n : 0, *s);
	*s += n;
}

/* The roles of q's choices: from "// rolecall roles:", else --roles.
 * -1 after reporting when the right answer has none or a role is one too
 * many, -2 when out of memory. */
static int map_roles(struct reader *r, const char *at, struct ix_question *q)
{
	const char *s = r->p.roles;
	char msg[400];
	int rc;

	for (unsigned i = 0; i < q->n_choices; i++) {
		char id[80];

		q->choices[i].role = -1;
		if (!s)
			continue;
		next_id(&s, id, sizeof id);
		q->choices[i].role = ix_bank_find_role(r->b, id);
	}
	/* our own export says which choices have no role: kept so */
	rc = ix_question_roles(r->b, r->map, q, msg, sizeof msg);
	if (rc == 0 || (rc == -1 && r->p.roles))
		return 0;
	if (rc == IX_OOM)
		return -2;
	report(r, at, msg);
	return -1;
}

/* A wrong answer's feedback back into its why: the writer appended the
 * contrast of the pair it stands for. */
static void split_feedback(struct reader *r, struct ix_question *q, unsigned i)
{
	struct ix_bank *b = r->b;
	struct ix_choice *c = &q->choices[i];
	const char *con = c->why && c->role >= 0 && i != q->correct ?
		ix_bank_contrast(b, q->choices[q->correct].role, c->role) : NULL;
	size_t n, k;

	if (!con)
		return;
	n = strlen(c->why);
	k = strlen(con);
	if (n == k && !strcmp(c->why, con))
		c->why = NULL;
	else if (n > k + 1 && !strcmp(c->why + n - k, con) && c->why[n - k - 1] == ' ')
		r->oom |= !(c->why = arena_strndup(&b->arena, c->why, n - k - 1));
}

static void take_pending(struct reader *r, struct ix_question *q)
{
	const char *s = r->p.about;

	q->difficulty = r->p.difficulty ? (unsigned)strtoul(r->p.difficulty, NULL, 10) : 0;
	if (q->difficulty > 3)
		q->difficulty = 0;
	q->source = r->p.source;
	memcpy(q->tags, r->p.tags, sizeof q->tags);
	q->n_tags = r->p.n_tags;
	while (s && *s && q->n_about < BANK_MAX_ROLES) {
		char id[80];
		int i;

		next_id(&s, id, sizeof id);
		if ((i = ix_bank_find_role(r->b, id)) >= 0)
			q->about[q->n_about++] = i;
	}
}

/* The answers of a multiple-choice question into q; -1 after reporting. */
static int take_answers(struct reader *r, const char *lb, const char *rb,
			struct ix_question *q, const char **general)
{
	struct answer a[BANK_MAX_OPTIONS];
	const char *gf = gift_find(lb + 1, rb, "####"), *kind = unmappable(lb + 1, gf ? gf : rb);
	int n, right;

	if (kind) {
		report(r, lb, kind);
		return -1;
	}
	if ((n = parse_answers(r, lb + 1, gf ? gf : rb, a)) < 0 ||
	    (right = the_right_one(r, lb, a, n)) < 0)
		return -1;
	*general = gf ? gift_text(&r->b->arena, gf + 4, rb, 1) : NULL;
	r->oom |= gf && !*general;
	for (int i = 0; i < n; i++) {
		if (!*a[i].text) {
			report(r, lb, "one of its answers is empty");
			return -1;
		}
		q->choices[i] = (struct ix_choice){ a[i].text, a[i].feedback, -1 };
	}
	q->n_choices = (unsigned)n;
	q->correct = (unsigned)right;
	return 0;
}

/* The prompt: the text before the answers, and for a "missing word"
 * question the blank and the text after them.  NULL when out of memory. */
static const char *prompt_of(struct reader *r, const char *s, const char *lb,
			     const char *rb)
{
	const char *before = gift_text(&r->b->arena, s, lb, 1);
	const char *after = gift_text(&r->b->arena, rb + 1, r->buf + r->len, 1);
	char *p;

	if (!before || !after || !*after) {
		r->oom |= !before || !after;
		return after ? before : NULL;
	}
	p = arena_alloc(&r->b->arena, strlen(before) + strlen(after) + 8);
	if (p)
		sprintf(p, "%s _____ %s", before, after);
	r->oom |= !p;
	return p;
}

static int build(struct reader *r, const char *s, struct ix_question *q)
{
	const char *lb = gift_find(s, r->buf + r->len, "{"), *rb, *general;
	int rc;

	if (!lb) {
		report(r, s, "it is a description (it has no answers)");
		return -1;
	}
	if (!(rb = gift_find(lb, r->buf + r->len, "}"))) {
		diag_add(r->diags, r->name, line_at(r, lb), 1, "GIFT syntax: the '{' that "
			 "starts the answers has no closing '}'%s%s%s", r->title ? " (question '" : "",
			 r->title ? r->title : "", r->title ? "')" : "");
		return -1;
	}
	if (!(q->prompt = prompt_of(r, s, lb, rb)))
		return -2;
	if (take_answers(r, lb, rb, q, &general) < 0)
		return -1;
	if (!q->prompt || !*q->prompt) {
		report(r, s, "it has no question text");
		return -1;
	}
	if ((rc = map_roles(r, s, q)) < 0)
		return rc;
	for (unsigned i = 0; i < q->n_choices; i++)
		split_feedback(r, q, i);
	return ix_question_finish(r->b, q, r->title, general) < 0 ? -2 : 0;
}

/* The block in r->buf, one question or a $CATEGORY. */
static void flush(struct reader *r)
{
	const char *s = r->buf, *end = r->buf + r->len, *t;
	struct ix_question q, *slot;
	int rc;

	r->title = NULL;
	s += strspn(s, " \t\n");
	if (s == end)
		return;
	if (!strncmp(s, "$CATEGORY:", 10)) {
		r->category = gift_text(&r->b->arena, s + 10, end, 0);
		r->oom |= !r->category;
		return;
	}
	if (!strncmp(s, "::", 2) && (t = gift_find(s + 2, end, "::"))) {
		r->title = gift_text(&r->b->arena, s + 2, t, 0);
		r->oom |= !r->title;
		s = t + 2;
	}
	memset(&q, 0, sizeof q);
	rc = build(r, s, &q);

	if (rc == -1) {
		/* reported */
	} else if (rc < 0 || !(slot = ix_bank_add_question(r->b))) {
		r->oom = 1;
	} else {
		take_pending(r, &q);
		*slot = q;
	}
	memset(&r->p, 0, sizeof r->p);
}

static int add_line(struct reader *r, const char *s, size_t n, int line)
{
	if (r->n_lines < BLOCK_LINES)
		r->line_of[r->n_lines] = line;
	r->n_lines += r->n_lines < BLOCK_LINES;
	if (r->len)
		r->buf[r->len++] = '\n';
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	r->buf[r->len] = '\0';
	return 0;
}

/* Each line: a comment, a blank line ending a question, or a line of one. */
static void each_line(struct reader *r, const char *s, const char *end)
{
	for (int line = 1; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s)), *stop = nl ? nl : end;
		const char *t = s + strspn(s, " \t");

		if (stop > s && stop[-1] == '\r')
			stop--;
		if (t >= stop) {
			flush(r);
			r->len = 0;
			r->n_lines = 0;
		} else if (!strncmp(t, "// rolecall ", 12)) {
			meta(r, t + 12, stop, line);
		} else if (strncmp(t, "//", 2)) {
			add_line(r, s, (size_t)(stop - s), line);
		}
		s = nl ? nl + 1 : end;
	}
	flush(r);
}

int ix_read_gift(struct ix_bank *b, const char *name, const char *text, size_t len,
		 const struct ix_role_map *roles, struct diag_list *diags)
{
	struct reader r = { .b = b, .name = name, .map = roles, .diags = diags };

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if (!(r.buf = malloc(len + 1)))
		return -1;
	r.len = 0;
	each_line(&r, text, text + len);
	free(r.buf);
	if (!b->title && r.category) {
		const char *slash = strrchr(r.category, '/');

		b->title = slash ? slash + 1 : r.category;
	}
	return r.oom ? -1 : 0;
}
