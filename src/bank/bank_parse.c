/* The only file of rolecall that includes <yaml.h>. */
#include "bank_node.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "rolecall/bank.h"
#include "rolecall/diag.h"

struct parse {
	yaml_parser_t yaml;
	yaml_event_t ev;
	int have_ev;
	const char *name;
	const char *data;   /* the file after its byte-order mark: what libyaml reads */
	size_t len;
	struct diag_list *diags;
	struct arena scratch;
	int failed;   /* syntax error or out of memory: stop */
	int not_bank; /* empty, or not a mapping: nothing for the callbacks to check */
};

static int pos_line(const yaml_mark_t *m) { return (int)m->line + 1; }
static int pos_col(const yaml_mark_t *m) { return (int)m->column + 1; }

/* The byte at 1-based line and character column, or -1.  libyaml counts
 * columns in characters, so step over UTF-8 continuation bytes. */
static int char_at(const struct parse *p, int line, int col)
{
	const char *s = p->data, *end = p->data + p->len;
	int c = 0;

	for (int l = 1; l < line && s < end;) {
		size_t n = diag_break_len(s, end);

		l += n > 0;
		s += n ? n : 1;
	}
	for (; s < end && !diag_break_len(s, end); s++) {
		if (((unsigned char)*s & 0xC0) == 0x80)
			continue;
		if (++c == col)
			return (unsigned char)*s;
	}
	return -1;
}

/* The code point of the UTF-8 sequence at s (best effort), for messages. */
static unsigned code_point(const unsigned char *s, size_t left)
{
	if (s[0] >= 0xC0 && s[0] < 0xE0 && left >= 2)
		return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
	if (s[0] >= 0xE0 && s[0] < 0xF0 && left >= 3)
		return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
	return s[0];
}

/* Reader errors (bad UTF-8, control characters) carry a byte offset, not
 * a line: turn it into line and character column. */
static void reader_error(struct parse *p, const char *problem)
{
	const unsigned char *d = (const unsigned char *)p->data;
	size_t off = p->yaml.problem_offset;
	int line = 1, col = 1;

	if (off > p->len)
		off = p->len;
	/* libyaml points at the bad continuation byte; the character it
	 * spoils starts at the lead byte before it. */
	if (!strcmp(problem, "invalid trailing UTF-8 octet") && off > 0)
		do
			off--;
		while (off > 0 && (d[off] & 0xC0) == 0x80);
	for (size_t i = 0; i < off;) {
		size_t n = diag_break_len(p->data + i, p->data + p->len);

		if (n) {
			line++;
			col = 1;
			i += n;
			continue;
		}
		col += (d[i] & 0xC0) != 0x80;
		i++;
	}
	if (!strcmp(problem, "control characters are not allowed"))
		diag_add(p->diags, p->name, line, col,
			 "the file contains the control character U+%04X; is it a text file?",
			 off < p->len ? code_point(d + off, p->len - off) : 0);
	else if (off < p->len)
		diag_add(p->diags, p->name, line, col,
			 "invalid UTF-8 (byte 0x%02X); the file must be saved as UTF-8 text",
			 d[off]);
	else
		diag_add(p->diags, p->name, line, col,
			 "the file ends in the middle of a UTF-8 character; it must be UTF-8 text");
}

/* libyaml's words name its parser states; say what to fix instead.  Some
 * problems are shown where the construct began: an unclosed quote only
 * breaks at the end of the file.  0 when there is nothing better to say. */
static int explain_syntax(const yaml_parser_t *y, char *msg, size_t size,
			  int *line, int *col)
{
	const char *pr = y->problem, *cx = y->context ? y->context : "";
	int from = pos_line(&y->context_mark);

	if (!strcmp(cx, "while scanning a quoted scalar") &&
	    (!strcmp(pr, "found unexpected end of stream") ||
	     !strcmp(pr, "found unexpected document indicator"))) {
		*line = from;
		*col = pos_col(&y->context_mark);
		snprintf(msg, size, "this quoted text is never closed; add the closing quote");
	} else if (!strcmp(pr, "could not find expected ':'")) {
		*line = from;
		*col = pos_col(&y->context_mark);
		snprintf(msg, size, "this key has no ':' after it on the same line, or "
			 "is longer than 1024 characters");
	} else if (!strcmp(pr, "mapping values are not allowed in this context")) {
		snprintf(msg, size, "unexpected ':'; check the indentation of this line, "
			 "or put the value in quotes if it contains ': '");
	} else if (!strcmp(pr, "did not find expected key")) {
		snprintf(msg, size, "this line is not indented like the keys of the mapping "
			 "that starts at line %d; check the indentation", from);
	} else if (!strcmp(pr, "did not find expected '-' indicator")) {
		snprintf(msg, size, "this line is not indented like the '- ' items of the "
			 "list that starts at line %d; check the indentation", from);
	} else if (!strcmp(pr, "did not find expected ',' or ']'")) {
		snprintf(msg, size, "expected ',' or ']' here: the list opened with '[' "
			 "at line %d is not closed", from);
	} else if (!strcmp(pr, "did not find expected ',' or '}'")) {
		snprintf(msg, size, "expected ',' or '}' here: the mapping opened with '{' "
			 "at line %d is not closed", from);
	} else if (!strcmp(pr, "block sequence entries are not allowed in this context")) {
		snprintf(msg, size, "a '- ' list item cannot go here; check the indentation");
	} else if (!strcmp(pr, "did not find expected node content")) {
		snprintf(msg, size, "a value is missing here");
	} else if (!strcmp(pr, "found character that cannot start any token")) {
		snprintf(msg, size, "this character cannot start a value; put the value "
			 "in quotes");
	} else if (!strcmp(pr, "did not find expected hexdecimal number")) {
		snprintf(msg, size, "this escape needs hex digits ('\\x' 2, '\\u' 4, "
			 "'\\U' 8); write '\\\\' for a backslash, or use single quotes");
	} else if (!strcmp(pr, "found unknown escape character")) {
		snprintf(msg, size, "unknown escape after '\\' in double-quoted text; write "
			 "'\\\\' for a backslash, or use single quotes");
	} else {
		return 0;
	}
	return 1;
}

/* At the end of the input libyaml counts one line more than the file
 * has when its last line has no line break: point at the end of the last
 * line instead, where something is missing. */
static void clamp_to_end(const struct parse *p, int *line, int *col)
{
	const char *s = p->data, *end = p->data + p->len, *last = s;
	int lines = 1;

	while (s < end) {
		size_t n = diag_break_len(s, end);

		if (n) {
			lines++;
			s += n;
			last = s;
		} else {
			s++;
		}
	}
	if (*line <= lines)
		return;
	*line = lines;
	*col = 1;
	for (s = last; s < end; s++)
		*col += ((unsigned char)*s & 0xC0) != 0x80;
}

__attribute__((format(printf, 4, 5)))
static void syntax_at(struct parse *p, int line, int col, const char *fmt, ...)
{
	char msg[RC_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	clamp_to_end(p, &line, &col);
	diag_add(p->diags, p->name, line, col, "%s", msg);
}

static void syntax_error(struct parse *p)
{
	const yaml_parser_t *y = &p->yaml;
	const char *problem = y->problem ? y->problem : "the YAML is not well formed";
	int line = pos_line(&y->problem_mark), col = pos_col(&y->problem_mark);
	char msg[RC_ERROR_MSG_MAX];

	p->failed = 1;
	if (y->error == YAML_MEMORY_ERROR)
		diag_add(p->diags, p->name, 0, 0, "out of memory while reading YAML");
	else if (y->error == YAML_READER_ERROR)
		reader_error(p, problem);
	else if (char_at(p, line, col) == '\t')
		diag_add(p->diags, p->name, line, col,
			 "tab character; YAML indents with spaces, not tabs");
	else if (y->problem && explain_syntax(y, msg, sizeof msg, &line, &col))
		syntax_at(p, line, col, "%s", msg);
	else if (y->context)
		syntax_at(p, line, col, "%s (%s at line %d)", problem, y->context,
			  pos_line(&y->context_mark));
	else
		syntax_at(p, line, col, "%s", problem);
}

/* Move to the next event; 0 at the end of input or on error. */
static int next(struct parse *p)
{
	if (p->have_ev)
		yaml_event_delete(&p->ev);
	p->have_ev = 0;
	if (p->failed)
		return 0;
	if (!yaml_parser_parse(&p->yaml, &p->ev)) {
		syntax_error(p);
		return 0;
	}
	p->have_ev = 1;
	return 1;
}

static const yaml_char_t *event_anchor(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: return ev->data.scalar.anchor;
	case YAML_SEQUENCE_START_EVENT: return ev->data.sequence_start.anchor;
	case YAML_MAPPING_START_EVENT: return ev->data.mapping_start.anchor;
	default: return NULL;
	}
}

/* Anchors are refused: banks have no use for them, and with aliases they
 * are how "billion laughs" files multiply a few lines into gigabytes. */
static void check_anchor(struct parse *p)
{
	const yaml_char_t *anchor = event_anchor(&p->ev);

	if (anchor)
		diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
			 pos_col(&p->ev.start_mark),
			 "anchors (&%s) are not allowed in banks; write the value out in full",
			 (const char *)anchor);
}

static struct bnode *new_node(struct parse *p, enum bnode_kind kind)
{
	struct bnode *n = arena_alloc(&p->scratch, sizeof *n);

	if (!n) {
		diag_add(p->diags, p->name, 0, 0, "out of memory");
		p->failed = 1;
		return NULL;
	}
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->line = pos_line(&p->ev.start_mark);
	n->col = pos_col(&p->ev.start_mark);
	return n;
}

static int push_item(struct parse *p, struct bnode *parent, size_t *cap,
		     size_t count, struct bnode *child)
{
	if (count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct bnode **items = arena_alloc(&p->scratch, ncap * sizeof *items);

		if (!items) {
			diag_add(p->diags, p->name, 0, 0, "out of memory");
			p->failed = 1;
			return -1;
		}
		if (count)
			memcpy(items, parent->items, count * sizeof *items);
		parent->items = items;
		*cap = ncap;
	}
	parent->items[count] = child;
	return 0;
}

static struct bnode *parse_node(struct parse *p, int depth);

static struct bnode *parse_collection(struct parse *p, int depth)
{
	int is_map = p->ev.type == YAML_MAPPING_START_EVENT;
	yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
	struct bnode *node = new_node(p, is_map ? BNODE_MAP : BNODE_SEQ);
	size_t cap = 0, count = 0;

	if (!node)
		return NULL;
	/* Stop reading, as at a syntax error: skipping the rest would cost
	 * more than it tells, since libyaml's work grows with the square of
	 * the depth (100,000 '[' take seconds). */
	if (depth > BANK_MAX_DEPTH) {
		diag_add(p->diags, p->name, node->line, node->col,
			 "nesting is too deep (more than %d levels); a bank needs far fewer",
			 BANK_MAX_DEPTH);
		p->failed = 1;
		return NULL;
	}
	while (next(p) && p->ev.type != end) {
		struct bnode *child = parse_node(p, depth + 1);

		if (!child || push_item(p, node, &cap, count, child) < 0)
			return NULL;
		count++;
		node->n = is_map ? count / 2 : count;
	}
	return p->failed ? NULL : node;
}

static struct bnode *parse_scalar(struct parse *p)
{
	struct bnode *node = new_node(p, BNODE_SCALAR);
	size_t len = p->ev.data.scalar.length;

	if (!node)
		return NULL;
	/* No value may be longer than a text, so a longer one is kept only as
	 * far as it takes to refuse it: a 50 MB value costs no second copy. */
	if (len > BANK_MAX_TEXT)
		len = BANK_MAX_TEXT + 1;
	node->len = len;
	node->plain = p->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	node->str = arena_strndup(&p->scratch, (const char *)p->ev.data.scalar.value, len);
	if (!node->str) {
		diag_add(p->diags, p->name, 0, 0, "out of memory");
		p->failed = 1;
		return NULL;
	}
	return node;
}

static const char *alias_text(struct parse *p)
{
	const char *anchor = (const char *)p->ev.data.alias.anchor;
	size_t len = strlen(anchor);
	char *s = arena_alloc(&p->scratch, len + 2);

	if (s) {
		s[0] = '*';
		memcpy(s + 1, anchor, len + 1);
	}
	return s;
}

/* Build the node that starts at the current event. */
static struct bnode *parse_node(struct parse *p, int depth)
{
	struct bnode *node;

	check_anchor(p);
	switch (p->ev.type) {
	case YAML_SCALAR_EVENT:
		return parse_scalar(p);
	case YAML_ALIAS_EVENT:
		diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
			 pos_col(&p->ev.start_mark),
			 "aliases (*%s) are not allowed in banks; write the value out in full",
			 (const char *)p->ev.data.alias.anchor);
		/* Never expanded: it stands for its own text, "*name", which
		 * spares follow-on errors such as "'explain' is empty". */
		node = new_node(p, BNODE_SCALAR);
		if (node && !(node->str = alias_text(p))) {
			diag_add(p->diags, p->name, 0, 0, "out of memory");
			p->failed = 1;
			return NULL;
		}
		if (node)
			node->len = strlen(node->str);
		return node;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return parse_collection(p, depth);
	default:
		diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
			 pos_col(&p->ev.start_mark), "unexpected YAML event");
		p->failed = 1;
		return NULL;
	}
}

/*
 * The top level is streamed, and each value or list item is handed over
 * only once the event after it parsed.  When bad indentation breaks the
 * YAML, libyaml first closes the node above the bad line as if it were
 * complete; checking that cut-off node would report problems (a missing
 * 'explain') that the file does not have.  On return the current event is
 * the one after the value.
 */
static void parse_top_value(struct parse *p, const struct bank_parse_ops *ops,
			    const struct bnode *key)
{
	struct bnode *value;

	if (p->ev.type != YAML_SEQUENCE_START_EVENT || event_anchor(&p->ev)) {
		value = parse_node(p, 2);
		if (value && next(p))
			ops->on_key(ops->ctx, key, value);
		return;
	}
	value = new_node(p, BNODE_SEQ);
	if (!value || !next(p))
		return;
	ops->on_key(ops->ctx, key, value);
	while (p->ev.type != YAML_SEQUENCE_END_EVENT) {
		struct bnode *item = parse_node(p, 3);

		if (!item || !next(p))
			return;
		ops->on_item(ops->ctx, key, item);
		arena_reset(&p->scratch);
	}
	next(p);
}

/* A top-level key that is not a word: report it and skip its value. */
static void skip_bad_key(struct parse *p)
{
	struct bnode *bad = parse_node(p, 2);

	if (!bad || !next(p))
		return;
	diag_add(p->diags, p->name, bad->line, bad->col,
		 "a top-level key must be a plain word, not %s",
		 bad->kind == BNODE_MAP ? "a mapping" : "a list");
	if (parse_node(p, 2))
		next(p);
}

static void parse_top_mapping(struct parse *p, const struct bank_parse_ops *ops)
{
	if (!next(p))
		return;
	while (!p->failed && p->ev.type != YAML_MAPPING_END_EVENT) {
		struct bnode key = {0};
		char keybuf[128];
		size_t len;

		if (p->ev.type != YAML_SCALAR_EVENT) {
			skip_bad_key(p);
			arena_reset(&p->scratch);
			continue;
		}
		check_anchor(p);
		/* The key lives outside the scratch arena, which items reset.  A
		 * key cut short here is longer than any known key, so it stays
		 * unknown; a NUL inside it makes strlen differ from len. */
		len = p->ev.data.scalar.length;
		if (len >= sizeof keybuf)
			len = sizeof keybuf - 1;
		memcpy(keybuf, p->ev.data.scalar.value, len);
		keybuf[len] = '\0';
		key.kind = BNODE_SCALAR;
		key.line = pos_line(&p->ev.start_mark);
		key.col = pos_col(&p->ev.start_mark);
		key.str = keybuf;
		key.len = len;
		key.plain = p->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (!next(p))
			return;
		parse_top_value(p, ops, &key);
		arena_reset(&p->scratch);
	}
}

static void parse_document(struct parse *p, const struct bank_parse_ops *ops)
{
	yaml_event_type_t t = p->ev.type;

	if (t == YAML_MAPPING_START_EVENT) {
		check_anchor(p);
		parse_top_mapping(p, ops);
		return;
	}
	p->not_bank = 1;
	if (t == YAML_SCALAR_EVENT && p->ev.data.scalar.length == 0)
		diag_add(p->diags, p->name, 1, 1,
			 "the file is empty; a bank needs at least the keys bank, title, "
			 "roles and questions");
	else
		diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
			 pos_col(&p->ev.start_mark),
			 "a bank must be a mapping of keys (bank, title, roles, questions), "
			 "not %s", t == YAML_SEQUENCE_START_EVENT ? "a list" :
			 t == YAML_SCALAR_EVENT ? "a single value" : "an alias");
}

static void parse_stream(struct parse *p, const struct bank_parse_ops *ops)
{
	int documents = 0;

	if (!next(p) || p->ev.type != YAML_STREAM_START_EVENT)
		return;
	while (next(p) && p->ev.type == YAML_DOCUMENT_START_EVENT) {
		if (++documents > 1) {
			diag_add(p->diags, p->name, pos_line(&p->ev.start_mark),
				 pos_col(&p->ev.start_mark),
				 "a bank is one YAML document; this starts a second one");
			return;
		}
		if (!next(p))
			return;
		parse_document(p, ops);
		if (p->failed || p->not_bank || !next(p))
			return; /* DOCUMENT-END */
	}
	if (!p->failed && documents == 0) {
		p->not_bank = 1;
		diag_add(p->diags, p->name, 1, 1,
			 "the file is empty; a bank needs at least the keys bank, title, "
			 "roles and questions");
	}
}

/* A file that is empty or not a mapping counts as not well formed: the
 * callbacks have nothing to check, and "no 'bank'" would only repeat it. */
int bank_parse(const char *name, const char *data, size_t len,
	       const struct bank_parse_ops *ops, struct diag_list *diags)
{
	struct parse p;

	memset(&p, 0, sizeof p);
	/* libyaml would skip the mark itself, but then it also takes a UTF-16
	 * mark and reads UTF-16; a bank is UTF-8 only. */
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
		data += 3;
		len -= 3;
	}
	p.name = name;
	p.data = data;
	p.len = len;
	p.diags = diags;
	arena_init(&p.scratch, 16 * 1024);
	if (!yaml_parser_initialize(&p.yaml)) {
		diag_add(diags, name, 0, 0, "out of memory");
		return -1;
	}
	yaml_parser_set_input_string(&p.yaml, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&p.yaml, YAML_UTF8_ENCODING);
	parse_stream(&p, ops);
	if (p.have_ev)
		yaml_event_delete(&p.ev);
	yaml_parser_delete(&p.yaml);
	arena_free(&p.scratch);
	return p.failed || p.not_bank ? -1 : 0;
}

void bnode_err(struct diag_list *diags, const char *name, const struct bnode *at,
	       const char *fmt, ...)
{
	char msg[RC_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(diags, name, at ? at->line : 0, at ? at->col : 0, "%s", msg);
}
