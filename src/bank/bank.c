/*
 * Building a bank from the YAML nodes bank_parse streams to us: every rule of
 * doc/bank-format.md is checked here, and every problem is reported with the
 * position of the node it concerns.  Checks that need the whole file (role
 * references written before the roles, missing keys) run in finish().
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bank_impl.h"
#include "bank_node.h"
#include "rolecall/emit.h"
#include "rolecall/sha256.h"

/* Contrasts are held in the arena one by one (role_ref keeps pointers into
 * them) and gathered into one array when the bank is complete. */
struct contrast_draft {
	struct bank_contrast *c;
	int line, col;
};

/* A question that offers every role of the bank: its options are only
 * known once the whole file is read. */
struct all_roles_q {
	size_t q;
	int *answer;
};

/* A role reference seen before its role was declared. */
struct pending_ref {
	int *slot;
	const char *id;
	int line, col;
};

struct builder {
	const char *name;
	struct diag_list *diags;
	size_t errors_before;
	struct bank_impl *b;
	struct pending_ref *pending;
	size_t n_pending, cap_pending;
	struct all_roles_q *all_roles;
	size_t n_all_roles, cap_all_roles;
	struct contrast_draft *contrasts; /* gathered into the arena at the end */
	size_t n_contrasts, cap_contrasts;
	size_t n_role_items;              /* valid or not: for the count check */
	int too_many_roles;               /* reported once, not per extra role */
	int skip_items;                   /* of the current top-level key */
	int items_of;                     /* top_index of that key */
	unsigned top_seen;                /* bit per top-level key */
	int top_line[8], top_col[8];
	int oom;
};

static const char *const top_keys[] = {
	"bank", "title", "description", "exam", "roles", "contrasts",
	"questions", NULL,
};
enum { TOP_BANK, TOP_TITLE, TOP_DESCRIPTION, TOP_EXAM, TOP_ROLES,
       TOP_CONTRASTS, TOP_QUESTIONS };

static const char *const question_keys[] = {
	"id", "prompt", "answer", "options", "choices", "explain", "source",
	"tags", "difficulty", "roles", NULL,
};
static const char *const choice_keys[] = { "text", "role", "correct", "why", NULL };
static const char *const role_keys[] = { "id", "name", "summary", NULL };
static const char *const contrast_keys[] = { "roles", "text", NULL };
static const char *const exam_keys[] = { "count", "pass", NULL };

#define err(bd, at, ...) bnode_err((bd)->diags, (bd)->name, (at), __VA_ARGS__)

/* What the terminal sanitiser would not show as it is (emit.h); newline is
 * the one exception text may contain.  A shared bank must not be able to
 * drive the terminal, nor read differently from what it is. */
static int is_unsafe(long cp)
{
	return cp != '\n' && emit_unsafe_char(cp);
}

/* User text quoted in a message: at most 40 characters, with control
 * characters and invalid UTF-8 shown as '?', so that a hostile value can
 * neither drive the terminal nor break the JSON report.  Returned by
 * value: show(...).s lives until the end of the statement. */
struct shown {
	char s[176];
};

static struct shown show(const char *str, size_t len)
{
	struct shown out;
	size_t o = 0, chars = 0, i = 0;

	while (i < len && chars < 40) {
		long cp;
		size_t n = emit_utf8_next(str + i, len - i, &cp);

		if (cp < 0 || emit_unsafe_char(cp)) {
			out.s[o++] = '?';
			i += n;
		} else {
			memcpy(out.s + o, str + i, n);
			o += n;
			i += n;
		}
		chars++;
	}
	if (i < len) {
		memcpy(out.s + o, "...", 3);
		o += 3;
	}
	out.s[o] = '\0';
	return out;
}

static void *bd_alloc(struct builder *bd, size_t size)
{
	void *p = arena_alloc(&bd->b->arena, size);

	if (!p && !bd->oom) {
		bd->oom = 1;
		diag_add(bd->diags, bd->name, 0, 0, "out of memory");
	}
	return p;
}

static int grow(struct builder *bd, void **arr, size_t size, size_t n, size_t *cap)
{
	void *p;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	p = realloc(*arr, ncap * size);
	if (!p) {
		if (!bd->oom)
			diag_add(bd->diags, bd->name, 0, 0, "out of memory");
		bd->oom = 1;
		return -1;
	}
	*arr = p;
	*cap = ncap;
	return 0;
}

/* ---- "did you mean" ---------------------------------------------------- */

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[32];

	if (la >= 31 || lb >= 31)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

static void unknown_key(struct builder *bd, const struct bnode *key,
			const char *where, const char *const *known)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; known[i]; i++) {
		size_t d = edit_distance(key->str, known[i]);

		if (d < best_d) {
			best_d = d;
			best = known[i];
		}
	}
	if (best)
		err(bd, key, "unknown key '%s' in %s (did you mean '%s'?)",
		    show(key->str, key->len).s, where, best);
	else
		err(bd, key, "unknown key '%s' in %s", show(key->str, key->len).s, where);
}

/* ---- typed values ------------------------------------------------------ */

static const char *kind_name(const struct bnode *n)
{
	if (n->kind == BNODE_SCALAR && n->plain && n->len == 0)
		return "an empty value";
	return n->kind == BNODE_MAP ? "a mapping" :
	       n->kind == BNODE_SEQ ? "a list" : "a single value";
}

static int want_scalar(struct builder *bd, const struct bnode *v, const char *key)
{
	if (v->kind == BNODE_SCALAR)
		return 0;
	err(bd, v, "'%s' must be a single value, not %s", key, kind_name(v));
	return -1;
}

static int want_seq(struct builder *bd, const struct bnode *v, const char *key)
{
	if (v->kind == BNODE_SEQ)
		return 0;
	err(bd, v, "'%s' must be a list (- item, or [a, b]), not %s", key, kind_name(v));
	return -1;
}

static int want_map(struct builder *bd, const struct bnode *v, const char *what)
{
	if (v->kind == BNODE_MAP)
		return 0;
	err(bd, v, "%s must be a mapping of keys, not %s", what, kind_name(v));
	return -1;
}

/* Text reaches the terminal, so no control characters but newline, and no
 * bidirectional controls; the error gives the character's position. */
static int check_text_chars(struct builder *bd, const struct bnode *v,
			    const char *key)
{
	const unsigned char *s = (const unsigned char *)v->str;
	size_t chars = 0;

	for (size_t i = 0; i < v->len; chars++) {
		long cp;

		/* Printable ASCII and newline, most of any text, need no decoding. */
		if ((s[i] >= 0x20 && s[i] < 0x7F) || s[i] == '\n') {
			i++;
			continue;
		}
		i += emit_utf8_next(v->str + i, v->len - i, &cp);
		if (cp < 0) {
			err(bd, v, "'%s' is not valid UTF-8 (at character %zu)", key, chars + 1);
			return -1;
		}
		if (cp >= 0x202A) {
			if (!is_unsafe(cp))
				continue;
			err(bd, v, "'%s' contains the bidirectional control U+%04lX at character "
			    "%zu; it can make text display differently from what it is, so "
			    "banks may not contain it", key, cp, chars + 1);
			return -1;
		}
		if (is_unsafe(cp)) {
			err(bd, v, "'%s' contains the control character U+%04lX at character %zu; "
			    "text may not contain control characters (other than newline)",
			    key, cp, chars + 1);
			return -1;
		}
	}
	return 0;
}

/* A text value: a scalar, at most BANK_MAX_TEXT bytes, safe characters.
 * Returns the arena copy, or NULL after reporting. */
static const char *take_text(struct builder *bd, const struct bnode *v,
			     const char *key, int allow_empty)
{
	size_t len;

	if (want_scalar(bd, v, key) < 0)
		return NULL;
	/* bank_parse keeps no more of a long value than it takes to know. */
	if (v->len > BANK_MAX_TEXT) {
		err(bd, v, "'%s' is too long (more than %d bytes); shorten it", key,
		    BANK_MAX_TEXT);
		return NULL;
	}
	if (check_text_chars(bd, v, key) < 0)
		return NULL;
	/* Block scalars (|) keep a final newline nobody wants on screen. */
	len = v->len;
	while (len && v->str[len - 1] == '\n')
		len--;
	if (!allow_empty && len == 0) {
		err(bd, v, "'%s' is empty; write the text", key);
		return NULL;
	}
	return arena_strndup(&bd->b->arena, v->str, len);
}

int bank_id_valid(const char *s, size_t len)
{
	if (len == 0 || len > 64 || s[0] == '-' || s[0] == '_')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

static const char *take_id(struct builder *bd, const struct bnode *v, const char *key)
{
	if (want_scalar(bd, v, key) < 0)
		return NULL;
	if (!bank_id_valid(v->str, v->len)) {
		err(bd, v, "'%s' must be an id: " BANK_ID_RULE "; not '%s'", key,
		    show(v->str, v->len).s);
		return NULL;
	}
	return arena_strndup(&bd->b->arena, v->str, v->len);
}

/* An integer in [lo, hi]; returns -1 after reporting. */
static long take_int(struct builder *bd, const struct bnode *v, const char *key,
		     long lo, long hi)
{
	char *end;
	long n;

	if (want_scalar(bd, v, key) < 0)
		return -1;
	n = strtol(v->str, &end, 10);
	if (!v->plain || v->len == 0 || *end || n < lo || n > hi) {
		err(bd, v, "'%s' must be a whole number from %ld to %ld, not '%s'", key,
		    lo, hi, show(v->str, v->len).s);
		return -1;
	}
	return n;
}

/* true/false; returns -1 after reporting. */
static int take_bool(struct builder *bd, const struct bnode *v, const char *key)
{
	if (want_scalar(bd, v, key) < 0)
		return -1;
	if (v->plain && (!strcmp(v->str, "true") || !strcmp(v->str, "True")))
		return 1;
	if (v->plain && (!strcmp(v->str, "false") || !strcmp(v->str, "False")))
		return 0;
	err(bd, v, "'%s' must be true or false, not '%s'", key, show(v->str, v->len).s);
	return -1;
}

/* ---- mappings ---------------------------------------------------------- */

/* k is the key `known`.  Compared in line, with its length: a bank of
 * 100,000 questions has a million keys, and a NUL (written "\0") inside a
 * key must not make it a known one. */
static int is_key(const char *known, const struct bnode *k)
{
	for (size_t j = 0; j < k->len; j++)
		if (!known[j] || known[j] != k->str[j])
			return 0;
	return known[k->len] == '\0';
}

/* Look a map's keys over: unknown and duplicate keys are errors.  Fills
 * vals[i] with the value of known[i] (or NULL). */
static void map_fields(struct builder *bd, const struct bnode *map, const char *where,
		       const char *const *known, const struct bnode **vals)
{
	const struct bnode *keys[16] = {0};

	for (size_t i = 0; known[i]; i++)
		vals[i] = NULL;
	for (size_t p = 0; p < map->n; p++) {
		const struct bnode *k = map->items[2 * p], *v = map->items[2 * p + 1];
		size_t i;

		if (k->kind != BNODE_SCALAR) {
			err(bd, k, "a key in %s must be a plain word, not %s", where, kind_name(k));
			continue;
		}
		for (i = 0; known[i] && !is_key(known[i], k); i++)
			;
		if (!known[i]) {
			unknown_key(bd, k, where, known);
		} else if (vals[i]) {
			err(bd, k, "duplicate key '%s' in %s (first at line %d)", k->str,
			    where, keys[i]->line);
		} else {
			vals[i] = v;
			keys[i] = k;
		}
	}
}

static void missing(struct builder *bd, const struct bnode *map, const char *key,
		    const char *where)
{
	err(bd, map, "%s has no '%s'", where, key);
}

/* ---- roles ------------------------------------------------------------- */

static int find_local_role(const struct bank_impl *b, const char *id)
{
	for (unsigned i = 0; i < b->n_roles; i++) {
		const char *r = b->roles[i].role.id, *s = id;

		while (*r && *r == *s) /* in line: called for every role reference */
			r++, s++;
		if (*r == *s)
			return (int)i;
	}
	return -1;
}

/* Point *slot at the role named by node v (an id), now or once declared. */
static void role_ref(struct builder *bd, const struct bnode *v, const char *key,
		     int *slot)
{
	const char *id = take_id(bd, v, key);

	*slot = -1;
	if (!id)
		return;
	*slot = find_local_role(bd->b, id);
	if (*slot >= 0)
		return;
	if (grow(bd, (void **)&bd->pending, sizeof *bd->pending, bd->n_pending,
		 &bd->cap_pending) < 0)
		return;
	bd->pending[bd->n_pending++] = (struct pending_ref){ slot, id, v->line, v->col };
}

/* An item of a list of role ids ('options', 'roles'): the message names
 * the item, not the list ("'options' must be a single value" misleads). */
static void role_item_ref(struct builder *bd, const struct bnode *v, const char *key,
			  int *slot)
{
	*slot = -1;
	if (v->kind != BNODE_SCALAR) {
		err(bd, v, "an item of '%s' must be a role id, not %s", key, kind_name(v));
		return;
	}
	if (!bank_id_valid(v->str, v->len)) {
		err(bd, v, "an item of '%s' must be a role id (" BANK_ID_RULE "), not '%s'", key,
		    show(v->str, v->len).s);
		return;
	}
	role_ref(bd, v, key, slot);
}

static void add_role(struct builder *bd, const struct bnode *item)
{
	const struct bnode *f[3];
	struct bank_impl *b = bd->b;
	struct role_decl d = {0};

	bd->n_role_items++;
	if (want_map(bd, item, "a role") < 0)
		return;
	map_fields(bd, item, "a role", role_keys, f);
	if (!f[0]) {
		missing(bd, item, "id", "this role");
		return;
	}
	d.role.id = take_id(bd, f[0], "id");
	if (!f[1])
		missing(bd, item, "name", "this role");
	else
		d.role.name = take_text(bd, f[1], "name", 0);
	d.role.summary = f[2] ? take_text(bd, f[2], "summary", 0) : NULL;
	d.line = f[0]->line;
	d.col = f[0]->col;
	/* A role whose name is wrong (reported) is still declared, so that
	 * the questions naming it do not report "unknown role" as well. */
	if (!d.role.id)
		return;
	if (find_local_role(b, d.role.id) >= 0) {
		err(bd, f[0], "duplicate role id '%s' (first at line %d)", d.role.id,
		    b->roles[find_local_role(b, d.role.id)].line);
		return;
	}
	if (b->n_roles == BANK_MAX_ROLES) {
		if (!bd->too_many_roles++)
			err(bd, item, "too many roles (at most %d)", BANK_MAX_ROLES);
		return;
	}
	b->roles[b->n_roles++] = d;
}

/* ---- contrasts --------------------------------------------------------- */

static void add_contrast(struct builder *bd, const struct bnode *item)
{
	const struct bnode *f[2];
	struct bank_contrast *c;

	if (want_map(bd, item, "a contrast") < 0)
		return;
	map_fields(bd, item, "a contrast", contrast_keys, f);
	if (!f[0] || !f[1]) {
		missing(bd, item, f[0] ? "text" : "roles", "this contrast");
		return;
	}
	if (want_seq(bd, f[0], "roles") < 0)
		return;
	if (f[0]->n != 2) {
		err(bd, f[0], "a contrast names exactly 2 roles, not %zu", f[0]->n);
		return;
	}
	c = bd_alloc(bd, sizeof *c);
	if (!c || grow(bd, (void **)&bd->contrasts, sizeof *bd->contrasts,
		       bd->n_contrasts, &bd->cap_contrasts) < 0)
		return;
	c->text = take_text(bd, f[1], "text", 0);
	role_item_ref(bd, f[0]->items[0], "roles", &c->role_a);
	role_item_ref(bd, f[0]->items[1], "roles", &c->role_b);
	if (!c->text)
		return;
	bd->contrasts[bd->n_contrasts++] = (struct contrast_draft){ c, f[0]->line, f[0]->col };
}

/* ---- questions --------------------------------------------------------- */

enum { Q_ID, Q_PROMPT, Q_ANSWER, Q_OPTIONS, Q_CHOICES, Q_EXPLAIN, Q_SOURCE,
       Q_TAGS, Q_DIFFICULTY, Q_ROLES };

static int count_ok(struct builder *bd, const struct bnode *v, const char *what)
{
	if (v->n >= BANK_MIN_OPTIONS && v->n <= BANK_MAX_OPTIONS)
		return 0;
	err(bd, v, "a question offers %d to %d %s, not %zu", BANK_MIN_OPTIONS,
	    BANK_MAX_OPTIONS, what, v->n);
	return -1;
}

static void take_choices(struct builder *bd, const struct bnode *v,
			 struct bank_question *q)
{
	struct bank_choice *ch;
	const struct bnode *first_correct = NULL;

	if (want_seq(bd, v, "choices") < 0 || count_ok(bd, v, "choices") < 0)
		return;
	ch = bd_alloc(bd, v->n * sizeof *ch);
	if (!ch)
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct bnode *f[4], *item = v->items[i];

		ch[i] = (struct bank_choice){ NULL, NULL, -1 };
		if (want_map(bd, item, "a choice") < 0)
			continue;
		map_fields(bd, item, "a choice", choice_keys, f);
		if (!f[0])
			missing(bd, item, "text", "this choice");
		else
			ch[i].text = take_text(bd, f[0], "text", 0);
		if (f[1])
			role_ref(bd, f[1], "role", &ch[i].role);
		if (f[3])
			ch[i].why = take_text(bd, f[3], "why", 0);
		if (f[2] && take_bool(bd, f[2], "correct") == 1) {
			if (first_correct)
				err(bd, f[2], "more than one choice is marked 'correct: true' "
				    "(the first is at line %d); mark exactly one", first_correct->line);
			else
				q->correct = (unsigned)i;
			if (!first_correct)
				first_correct = f[2];
		}
	}
	if (!first_correct)
		err(bd, v, "no choice is marked 'correct: true'; mark exactly one");
	q->kind = QUESTION_STATEMENTS;
	q->choices = ch;
	q->n_choices = (unsigned)v->n;
}

static void take_role_options(struct builder *bd, const struct bnode *answer,
			      const struct bnode *options, struct bank_question *q)
{
	struct bank_choice *ch;
	int found = -1;

	q->kind = QUESTION_ROLES;
	if (want_scalar(bd, answer, "answer") < 0)
		return;
	if (!options) {
		struct all_roles_q *aq;
		int *slot = bd_alloc(bd, sizeof *slot);

		if (!slot || grow(bd, (void **)&bd->all_roles, sizeof *aq,
				  bd->n_all_roles, &bd->cap_all_roles) < 0)
			return;
		role_ref(bd, answer, "answer", slot);
		aq = &bd->all_roles[bd->n_all_roles++];
		*aq = (struct all_roles_q){ bd->b->pub.n_questions, slot };
		return;
	}
	if (want_seq(bd, options, "options") < 0 || count_ok(bd, options, "options") < 0)
		return;
	/* Not an id (reported): there is nothing to look for among the options. */
	if (!take_id(bd, answer, "answer"))
		answer = NULL;
	ch = bd_alloc(bd, options->n * sizeof *ch);
	if (!ch)
		return;
	for (size_t i = 0; i < options->n; i++) {
		const struct bnode *o = options->items[i];

		ch[i] = (struct bank_choice){ NULL, NULL, -1 };
		if (o->kind == BNODE_SCALAR) {
			const struct bnode *dup = NULL;

			/* Earlier options may be lists or mappings (already
			 * reported): only a scalar has text to compare. */
			for (size_t j = 0; j < i && !dup; j++)
				if (options->items[j]->kind == BNODE_SCALAR &&
				    !strcmp(options->items[j]->str, o->str))
					dup = options->items[j];
			if (dup)
				err(bd, o, "role '%s' is listed twice in 'options' (first at "
				    "line %d, column %d)", show(o->str, o->len).s, dup->line,
				    dup->col);
			if (answer && !strcmp(o->str, answer->str))
				found = (int)i;
		}
		role_item_ref(bd, o, "options", &ch[i].role);
	}
	if (answer && found < 0)
		err(bd, answer, "the answer '%s' is not among the options; add it to "
		    "'options'", answer->str);
	q->choices = ch;
	q->n_choices = (unsigned)options->n;
	q->correct = found < 0 ? 0 : (unsigned)found;
}

static void take_about(struct builder *bd, const struct bnode *v,
		       struct bank_question *q)
{
	int *about;

	if (want_seq(bd, v, "roles") < 0)
		return;
	if (v->n == 0 || v->n > BANK_MAX_ROLES) {
		err(bd, v, "'roles' lists 1 to %d roles the question is about", BANK_MAX_ROLES);
		return;
	}
	about = bd_alloc(bd, v->n * sizeof *about);
	if (!about)
		return;
	for (size_t i = 0; i < v->n; i++)
		role_item_ref(bd, v->items[i], "roles", &about[i]);
	q->about = about;
	q->n_about = (unsigned)v->n;
}

static void take_tags(struct builder *bd, const struct bnode *v,
		      struct bank_question *q)
{
	const char **tags;

	if (want_seq(bd, v, "tags") < 0)
		return;
	tags = bd_alloc(bd, (v->n ? v->n : 1) * sizeof *tags);
	if (!tags)
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i]->kind != BNODE_SCALAR) {
			err(bd, v->items[i], "an item of 'tags' must be a single word or phrase, "
			    "not %s", kind_name(v->items[i]));
			return;
		}
		if (!(tags[i] = take_text(bd, v->items[i], "tags", 0)))
			return;
	}
	q->tags = tags;
	q->n_tags = (unsigned)v->n;
}

static void question_kind(struct builder *bd, const struct bnode *item,
			  const struct bnode **f, struct bank_question *q)
{
	if (f[Q_ANSWER] && f[Q_CHOICES])
		err(bd, f[Q_CHOICES], "a question has either 'answer' (the options are roles) "
		    "or 'choices' (statements), not both");
	else if (f[Q_CHOICES])
		take_choices(bd, f[Q_CHOICES], q);
	else if (f[Q_ANSWER])
		take_role_options(bd, f[Q_ANSWER], f[Q_OPTIONS], q);
	else if (f[Q_OPTIONS])
		err(bd, item, "this question has 'options' but no 'answer'; add 'answer' "
		    "(the role that is right)");
	else
		err(bd, item, "this question has neither 'answer' (the options are roles) "
		    "nor 'choices' (statements)");
	if (f[Q_OPTIONS] && f[Q_CHOICES] && !f[Q_ANSWER])
		err(bd, f[Q_OPTIONS], "'options' goes with 'answer'; statement questions use "
		    "'choices'");
}

static void check_question_id(struct builder *bd, const struct bnode *v,
			      struct bank_question *q)
{
	void *prev;
	int rc;

	q->id = take_id(bd, v, "id");
	q->line = (unsigned)v->line;
	q->col = (unsigned)v->col;
	if (!q->id)
		return;
	rc = strmap_add(&bd->b->ids, q->id, (void *)(uintptr_t)(bd->b->pub.n_questions + 1),
			&prev);
	if (rc > 0)
		err(bd, v, "duplicate question id '%s' (first at line %u)", q->id,
		    bd->b->questions[(uintptr_t)prev - 1].line);
	else if (rc < 0)
		bd->oom = 1;
}

static void add_question(struct builder *bd, const struct bnode *item)
{
	const struct bnode *f[10];
	struct bank_question q;
	struct bank_impl *b = bd->b;

	if (want_map(bd, item, "a question") < 0)
		return;
	memset(&q, 0, sizeof q);
	q.answer_role = -1;
	q.difficulty = 2;
	q.line = (unsigned)item->line;
	q.col = (unsigned)item->col;
	map_fields(bd, item, "a question", question_keys, f);
	if (f[Q_ID])
		check_question_id(bd, f[Q_ID], &q);
	else
		missing(bd, item, "id", "this question");
	if (!f[Q_PROMPT])
		missing(bd, item, "prompt", "this question");
	else
		q.prompt = take_text(bd, f[Q_PROMPT], "prompt", 0);
	if (!f[Q_EXPLAIN])
		err(bd, item, "this question has no 'explain' (say why the answer is right)");
	else
		q.explain = take_text(bd, f[Q_EXPLAIN], "explain", 0);
	if (f[Q_SOURCE])
		q.source = take_text(bd, f[Q_SOURCE], "source", 0);
	if (f[Q_DIFFICULTY]) {
		long d = take_int(bd, f[Q_DIFFICULTY], "difficulty", 1, 3);

		q.difficulty = d < 0 ? 2 : (unsigned)d;
	}
	if (f[Q_TAGS])
		take_tags(bd, f[Q_TAGS], &q);
	if (f[Q_ROLES])
		take_about(bd, f[Q_ROLES], &q);
	question_kind(bd, item, f, &q);
	if (grow(bd, (void **)&b->questions, sizeof *b->questions, b->pub.n_questions,
		 &b->cap_questions) < 0)
		return;
	q.bank = &b->pub;
	b->questions[b->pub.n_questions++] = q;
}

/* ---- top level --------------------------------------------------------- */

static void take_exam(struct builder *bd, const struct bnode *v)
{
	const struct bnode *f[2];
	long n;

	if (want_map(bd, v, "'exam'") < 0)
		return;
	map_fields(bd, v, "'exam'", exam_keys, f);
	if (f[0] && (n = take_int(bd, f[0], "count", 1, 1000)) > 0)
		bd->b->pub.exam_count = (unsigned)n;
	if (f[1] && (n = take_int(bd, f[1], "pass", 0, 100)) >= 0)
		bd->b->pub.exam_pass = (unsigned)n;
}

static int top_index(const struct bnode *key)
{
	if (strlen(key->str) != key->len) /* a NUL inside: no known key */
		return -1;
	for (int i = 0; top_keys[i]; i++)
		if (!strcmp(top_keys[i], key->str))
			return i;
	return -1;
}

static void on_key(void *ctx, const struct bnode *key, const struct bnode *v)
{
	struct builder *bd = ctx;
	struct bank *pub = &bd->b->pub;
	int i = top_index(key);

	/* The items of an unknown or repeated key are not looked at. */
	bd->skip_items = 1;
	bd->items_of = i;
	if (i < 0) {
		unknown_key(bd, key, "the bank", top_keys);
		return;
	}
	if (bd->top_seen & (1u << i)) {
		err(bd, key, "duplicate key '%s' in the bank (first at line %d)", key->str,
		    bd->top_line[i]);
		return;
	}
	bd->skip_items = 0;
	bd->top_seen |= 1u << i;
	bd->top_line[i] = key->line;
	bd->top_col[i] = key->col;
	switch (i) {
	case TOP_BANK:
		pub->id = take_id(bd, v, "bank");
		bd->b->id_line = v->line;
		bd->b->id_col = v->col;
		break;
	case TOP_TITLE: pub->title = take_text(bd, v, "title", 0); break;
	case TOP_DESCRIPTION: pub->description = take_text(bd, v, "description", 1); break;
	case TOP_EXAM: take_exam(bd, v); break;
	default:
		if (want_seq(bd, v, key->str) == 0)
			return;
	}
	bd->top_seen |= 1u << (i + 16); /* not a list (reported): no items */
}

static void on_item(void *ctx, const struct bnode *key, const struct bnode *item)
{
	struct builder *bd = ctx;
	int i = bd->items_of; /* on_key came first, with the same key */

	(void)key;
	if (i < 0 || bd->skip_items || (bd->top_seen & (1u << (i + 16))))
		return;
	if (i == TOP_ROLES)
		add_role(bd, item);
	else if (i == TOP_CONTRASTS)
		add_contrast(bd, item);
	else
		add_question(bd, item);
}

/* ---- the whole file ---------------------------------------------------- */

/* The top-level key was given, and its value was a list. */
static int is_list(const struct builder *bd, int key)
{
	return (bd->top_seen & (1u << key)) && !(bd->top_seen & (1u << (key + 16)));
}

static void require_top(struct builder *bd)
{
	static const int required[] = { TOP_BANK, TOP_TITLE, TOP_ROLES, TOP_QUESTIONS };

	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (!(bd->top_seen & (1u << required[i])))
			diag_add(bd->diags, bd->name, 1, 1, "the bank has no '%s'",
				 top_keys[required[i]]);
	/* Counted when the value was a list at all (else that is reported);
	 * a role with an error still counts, its error says what is wrong. */
	if (is_list(bd, TOP_ROLES) && bd->n_role_items < 2)
		diag_add(bd->diags, bd->name, bd->top_line[TOP_ROLES], bd->top_col[TOP_ROLES],
			 "a bank declares at least 2 roles (it has %zu)", bd->n_role_items);
	if (is_list(bd, TOP_QUESTIONS) && bd->b->pub.n_questions == 0)
		diag_add(bd->diags, bd->name, bd->top_line[TOP_QUESTIONS],
			 bd->top_col[TOP_QUESTIONS], "the bank has no questions; add at least one "
			 "under 'questions'");
}

static void resolve_pending(struct builder *bd)
{
	const struct bank_impl *b = bd->b;

	for (size_t i = 0; i < bd->n_pending; i++) {
		const struct pending_ref *r = &bd->pending[i];
		char known[400] = "";
		size_t len = 0;

		*r->slot = find_local_role(b, r->id);
		if (*r->slot >= 0)
			continue;
		/* Ids are ASCII, so the list can be cut anywhere; say when it is. */
		for (unsigned k = 0; k < b->n_roles; k++) {
			const char *id = b->roles[k].role.id;

			if (len + strlen(id) + 7 >= sizeof known) {
				strcpy(known + len, ", ...");
				break;
			}
			len += (size_t)snprintf(known + len, sizeof known - len, "%s%s",
						k ? ", " : "", id);
		}
		diag_add(bd->diags, bd->name, r->line, r->col,
			 "unknown role '%s' (this bank declares: %s)", r->id,
			 b->n_roles ? known : "no roles");
	}
}

static void expand_all_roles(struct builder *bd)
{
	struct bank_impl *b = bd->b;

	for (size_t i = 0; i < bd->n_all_roles; i++) {
		struct bank_question *q = &b->questions[bd->all_roles[i].q];
		struct bank_choice *ch;

		if (b->n_roles > BANK_MAX_OPTIONS || b->n_roles < BANK_MIN_OPTIONS) {
			diag_add(bd->diags, bd->name, (int)q->line, (int)q->col,
				 "without 'options' a question offers every role of the bank "
				 "(%u), but it must offer %d to %d; give 'options'",
				 b->n_roles, BANK_MIN_OPTIONS, BANK_MAX_OPTIONS);
			continue;
		}
		ch = bd_alloc(bd, b->n_roles * sizeof *ch);
		if (!ch)
			return;
		for (unsigned k = 0; k < b->n_roles; k++)
			ch[k] = (struct bank_choice){ NULL, NULL, (int)k };
		q->choices = ch;
		q->n_choices = b->n_roles;
		q->correct = *bd->all_roles[i].answer < 0 ? 0 : (unsigned)*bd->all_roles[i].answer;
	}
}

/* Fill in what follows from the rest: role names as option texts, the
 * answer role, and the roles a question counts toward. */
static void complete_questions(struct builder *bd)
{
	struct bank_impl *b = bd->b;

	for (size_t i = 0; i < b->pub.n_questions; i++) {
		struct bank_question *q = &b->questions[i];
		struct bank_choice *ch = (struct bank_choice *)q->choices;
		int *about;

		if (!ch)
			continue;
		for (unsigned k = 0; k < q->n_choices; k++)
			if (q->kind == QUESTION_ROLES && ch[k].role >= 0)
				ch[k].text = b->roles[ch[k].role].role.name;
		q->answer_role = ch[q->correct].role;
		if (q->n_about || q->answer_role < 0)
			continue;
		about = bd_alloc(bd, sizeof *about);
		if (!about)
			return;
		*about = q->answer_role;
		q->about = about;
		q->n_about = 1;
	}
}

static void gather_contrasts(struct builder *bd)
{
	struct bank_contrast *all;
	unsigned n = 0;

	all = bd_alloc(bd, (bd->n_contrasts ? bd->n_contrasts : 1) * sizeof *all);
	if (!all)
		return;
	for (size_t i = 0; i < bd->n_contrasts; i++) {
		const struct contrast_draft *d = &bd->contrasts[i];
		const struct bank_contrast *c = d->c;

		if (c->role_a < 0 || c->role_b < 0)
			continue;
		if (c->role_a == c->role_b) {
			diag_add(bd->diags, bd->name, d->line, d->col,
				 "a contrast names two different roles, not '%s' twice",
				 bd->b->roles[c->role_a].role.id);
			continue;
		}
		for (size_t k = 0; k < i; k++) {
			const struct contrast_draft *e = &bd->contrasts[k];

			if ((e->c->role_a == c->role_a && e->c->role_b == c->role_b) ||
			    (e->c->role_a == c->role_b && e->c->role_b == c->role_a)) {
				diag_add(bd->diags, bd->name, d->line, d->col,
					 "a second contrast for '%s' and '%s' (the first is at "
					 "line %d); give each pair one contrast",
					 bd->b->roles[c->role_a].role.id,
					 bd->b->roles[c->role_b].role.id, e->line);
				break;
			}
		}
		all[n++] = *c;
	}
	bd->b->pub.contrasts = all;
	bd->b->pub.n_contrasts = n;
}

static void finish(struct builder *bd)
{
	require_top(bd);
	resolve_pending(bd);
	expand_all_roles(bd);
	complete_questions(bd);
	gather_contrasts(bd);
	bd->b->pub.questions = bd->b->questions;
}

void bank_impl_free(struct bank_impl *b)
{
	if (!b)
		return;
	arena_free(&b->arena);
	free(b->questions);
	strmap_free(&b->ids);
	free(b);
}

/* A question takes a few hundred bytes of YAML.  Making room for len / 256
 * of them at the start spares a large bank the copies of its question
 * array and id map as they grow (a fifth of its page faults); pages of the
 * room that no question fills are never touched, so cost nothing.  Best
 * effort: growing still works when this fails or guesses short. */
static void presize(struct builder *bd, size_t len)
{
	size_t guess = len / 256;

	if (guess < 64)
		return;
	bd->b->questions = malloc(guess * sizeof *bd->b->questions);
	if (bd->b->questions)
		bd->b->cap_questions = guess;
	(void)strmap_reserve(&bd->b->ids, guess);
}

struct bank_impl *bank_build(const char *name, const char *data, size_t len,
			     int want_sha256, struct diag_list *diags)
{
	struct builder bd;
	struct bank_parse_ops ops;
	int ok;

	memset(&bd, 0, sizeof bd);
	bd.name = name;
	bd.diags = diags;
	bd.errors_before = diags->n + diags->dropped;
	bd.b = calloc(1, sizeof *bd.b);
	if (!bd.b) {
		diag_add(diags, name, 0, 0, "out of memory");
		return NULL;
	}
	arena_init(&bd.b->arena, 64 * 1024);
	strmap_init(&bd.b->ids);
	presize(&bd, len);
	ops = (struct bank_parse_ops){ &bd, on_key, on_item };
	ok = bank_parse(name, data, len, &ops, diags) == 0;
	if (ok && !bd.oom)
		finish(&bd);
	free(bd.pending);
	free(bd.all_roles);
	free(bd.contrasts);
	if (!ok || bd.oom || diags->n + diags->dropped > bd.errors_before) {
		bank_impl_free(bd.b);
		return NULL;
	}
	bd.b->pub.path = arena_strndup(&bd.b->arena, name, strlen(name));
	/* SHA-256 costs more than parsing (380 ms for 30 MB): only the
	 * commands that record which bank version was used ask for it. */
	if (want_sha256)
		sha256_hex(data, len, bd.b->pub.sha256);
	if (!bd.b->pub.path) {
		diag_add(diags, name, 0, 0, "out of memory");
		bank_impl_free(bd.b);
		return NULL;
	}
	return bd.b;
}
