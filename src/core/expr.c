/*
 * expr.c: the parser of typed formulas (expr.h). Recursive descent builds
 * the tree (expr_internal.h) in one array allocated once (a formula of n
 * bytes has at most n nodes: each comes from a distinct byte), folding
 * constant subtrees into numbers as it goes; errors carry the 1-based
 * column of the byte where the problem starts. Evaluation is in expr_ad.c.
 */
#include "core/expr_internal.h"
#include "core/nls.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double PI = 3.14159265358979323846;

static const struct {
    const char *name;
    node_kind kind;
    int args;
} functions[] = {
    {"sin", N_SIN, 1},       {"cos", N_COS, 1},     {"tan", N_TAN, 1},
    {"exp", N_EXP, 1},       {"log", N_LOG, 1},     {"sqrt", N_SQRT, 1},
    {"abs", N_ABS, 1},       {"tanh", N_TANH, 1},   {"sinh", N_SINH, 1},
    {"cosh", N_COSH, 1},     {"sigmoid", N_SIGMOID, 1}, {"relu", N_RELU, 1},
    {"softplus", N_SOFTPLUS, 1}, {"min", N_MIN, 2}, {"max", N_MAX, 2},
    {"pow", N_POWC, 2},
};
enum { FUNCTION_COUNT = (int)(sizeof functions / sizeof functions[0]) };
/* ---- parsing ------------------------------------------------------- */

typedef struct parser {
    const char *s;
    size_t pos, len;
    int depth;
    int dim;     /* 1: x only; 0 or 2: x and y */
    bool uses_y;
    bool failed;
    expr *e;
    expr_error *err;
} parser;

/* The error at 1-based column: fmt (all its conversions %s) with a0, a1. */
static void set_error(expr_error *err, int column, const char *fmt, const char *a0,
                      const char *a1)
{
    err->column = column;
    err->format = fmt;
    snprintf(err->args[0], sizeof err->args[0], "%s", a0 ? a0 : "");
    snprintf(err->args[1], sizeof err->args[1], "%s", a1 ? a1 : "");
    snprintf(err->message, sizeof err->message, fmt, err->args[0], err->args[1]);
}

static int fail(parser *p, size_t at, const char *fmt, const char *a0, const char *a1)
{
    if (!p->failed) {
        p->failed = true;
        set_error(p->err, (int)at + 1, fmt, a0, a1);
    }
    return -1;
}

static void skip_space(parser *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Appends a node; folds it into a number when all its children are. */
static int add_node(parser *p, node_kind kind, int a, int b, double value)
{
    if (p->failed)
        return -1;
    expr *e = p->e;
    const int i = e->n++;
    e->nodes[i] = (node){.kind = kind, .a = a, .b = b, .value = value};
    const bool leaf = kind == N_NUM || kind == N_X || kind == N_Y;
    if (!leaf && e->nodes[a].kind == N_NUM && (b < 0 || e->nodes[b].kind == N_NUM)) {
        const double v = expr_node_value(e, i);
        e->nodes[i] = (node){.kind = N_NUM, .a = -1, .b = -1, .value = v};
    }
    return i;
}

/* base ^ exponent: the power rule when the exponent is a constant. */
static int add_power(parser *p, int base, int exponent)
{
    if (p->failed)
        return -1;
    if (p->e->nodes[exponent].kind == N_NUM)
        return add_node(p, N_POWC, base, -1, p->e->nodes[exponent].value);
    return add_node(p, N_POW, base, exponent, 0.0);
}

static bool enter(parser *p)
{
    if (++p->depth > EXPR_MAX_DEPTH) {
        char depth[16];
        snprintf(depth, sizeof depth, "%d", EXPR_MAX_DEPTH);
        fail(p, p->pos, N_("nesting deeper than %s levels"), depth, NULL);
        return false;
    }
    return true;
}

static int parse_sum(parser *p);
static int parse_unary(parser *p);

/* A byte shown in a message: the character, or its hex code. */
static const char *show_byte(char c, char *buf, size_t n)
{
    const unsigned char u = (unsigned char)c;
    if (u >= 0x21 && u < 0x7f)
        snprintf(buf, n, "'%c'", c);
    else
        snprintf(buf, n, "byte 0x%02X", u);
    return buf;
}

static int parse_number(parser *p)
{
    const size_t start = p->pos;
    size_t i = p->pos;
    while (i < p->len && is_digit(p->s[i]))
        i++;
    if (i < p->len && p->s[i] == '.')
        for (i++; i < p->len && is_digit(p->s[i]);)
            i++;
    if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
        size_t j = i + 1;
        if (j < p->len && (p->s[j] == '+' || p->s[j] == '-'))
            j++;
        if (j < p->len && is_digit(p->s[j])) {
            while (j < p->len && is_digit(p->s[j]))
                j++;
            i = j;
        }
    }
    char buf[EXPR_MAX_TEXT + 1];
    memcpy(buf, p->s + start, i - start);
    buf[i - start] = '\0';
    const double v = strtod(buf, NULL);
    p->pos = i;
    if (!isfinite(v)) {
        char shown[40];
        snprintf(shown, sizeof shown, "%.24s%s", buf, i - start > 24 ? "..." : "");
        return fail(p, start, N_("number %s is too large"), shown, NULL);
    }
    return add_node(p, N_NUM, -1, -1, v);
}

/* name ( args ): checks the argument count against the function's. */
static int parse_call(parser *p, int f, size_t name_at)
{
    const size_t open = p->pos;
    if (!enter(p))
        return -1;
    p->pos++; /* '(' */
    int args[2] = {-1, -1}, count = 0;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == ')') {
        p->pos++;
    } else {
        for (;;) {
            const int a = parse_sum(p);
            if (p->failed)
                return -1;
            if (count < 2)
                args[count] = a;
            count++;
            skip_space(p);
            if (p->pos >= p->len)
                return fail(p, open, N_("unclosed '(' (no matching ')')"), NULL, NULL);
            if (p->s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (p->s[p->pos] == ')') {
                p->pos++;
                break;
            }
            char b[16];
            return fail(p, p->pos, N_("expected ',' or ')' in the arguments, found %s"),
                        show_byte(p->s[p->pos], b, sizeof b), NULL);
        }
    }
    p->depth--;
    if (count != functions[f].args) {
        char got[16];
        snprintf(got, sizeof got, "%d", count);
        return fail(p, name_at,
                    functions[f].args == 1 ? N_("%s takes 1 argument, got %s")
                                           : N_("%s takes 2 arguments, got %s"),
                    functions[f].name, got);
    }
    if (functions[f].kind == N_POWC)
        return add_power(p, args[0], args[1]);
    return add_node(p, functions[f].kind, args[0], args[1], 0.0);
}

static int parse_name(parser *p)
{
    const size_t start = p->pos;
    while (p->pos < p->len && (is_name_start(p->s[p->pos]) || is_digit(p->s[p->pos])))
        p->pos++;
    const size_t n = p->pos - start;
    const char *w = p->s + start;
#define IS(lit) (n == sizeof(lit) - 1 && strncmp(w, lit, n) == 0)
    if (IS("pi"))
        return add_node(p, N_NUM, -1, -1, PI);
    if (IS("e"))
        return add_node(p, N_NUM, -1, -1, exp(1.0));
    if (IS("x"))
        return add_node(p, N_X, -1, -1, 0.0);
    if (IS("y") && p->dim != 1) {
        p->uses_y = true;
        return add_node(p, N_Y, -1, -1, 0.0);
    }
    for (int f = 0; f < FUNCTION_COUNT; f++) {
        if (!(strlen(functions[f].name) == n && strncmp(w, functions[f].name, n) == 0))
            continue;
        skip_space(p);
        if (p->pos >= p->len || p->s[p->pos] != '(')
            return fail(p, p->pos, N_("%s needs its argument in parentheses, e.g. sin(x)"),
                        functions[f].name, NULL);
        return parse_call(p, f, start);
    }
    char name[24];
    snprintf(name, sizeof name, "%.*s%s", n > 16 ? 16 : (int)n, w, n > 16 ? "..." : "");
    const char *fmt = p->dim == 1 && IS("y")
                          ? N_("unknown name '%s' in a 1D formula; use x, pi, e or a function: "
                               "sin cos tan exp log sqrt abs tanh sinh cosh sigmoid relu softplus "
                               "min max pow")
                          : N_("unknown name '%s'; use %s, pi, e or a function: sin cos tan exp "
                               "log sqrt abs tanh sinh cosh sigmoid relu softplus min max pow");
#undef IS
    return fail(p, start, fmt, name, p->dim == 1 ? "x" : "x, y");
}

static int parse_primary(parser *p)
{
    skip_space(p);
    if (p->pos >= p->len) {
        size_t k = p->pos;
        while (k > 0 && (p->s[k - 1] == ' ' || p->s[k - 1] == '\t'))
            k--;
        char b[16] = "";
        if (k > 0)
            show_byte(p->s[k - 1], b, sizeof b);
        return fail(p, p->len, k > 0 ? N_("missing operand after %s") : N_("missing operand"), b,
                    NULL);
    }
    const char c = p->s[p->pos];
    if (is_digit(c) || (c == '.' && p->pos + 1 < p->len && is_digit(p->s[p->pos + 1])))
        return parse_number(p);
    if (is_name_start(c))
        return parse_name(p);
    if (c == '(') {
        const size_t open = p->pos;
        if (!enter(p))
            return -1;
        p->pos++;
        const int inner = parse_sum(p);
        if (p->failed)
            return -1;
        skip_space(p);
        if (p->pos >= p->len)
            return fail(p, open, N_("unclosed '(' (no matching ')')"), NULL, NULL);
        if (p->s[p->pos] != ')') {
            char b[16];
            return fail(p, p->pos, N_("expected ')' or an operator, found %s"),
                        show_byte(p->s[p->pos], b, sizeof b), NULL);
        }
        p->pos++;
        p->depth--;
        return inner;
    }
    char b[16];
    show_byte(c, b, sizeof b);
    if (strchr("*/^,)", c))
        return fail(p, p->pos, N_("missing operand before %s"), b, NULL);
    return fail(p, p->pos, N_("unexpected %s"), b, NULL);
}

/* The token of text starting at i, for a message: a name or number, or a
 * parenthesized group (cut to 12 bytes); its length in *n. */
static void token_at(const parser *p, size_t i, size_t *n)
{
    size_t j = i;
    if (p->s[i] == '(') {
        int depth = 0;
        for (; j < p->len; j++) {
            depth += p->s[j] == '(' ? 1 : p->s[j] == ')' ? -1 : 0;
            if (depth == 0) {
                j++;
                break;
            }
        }
    } else {
        while (j < p->len && (is_name_start(p->s[j]) || is_digit(p->s[j]) || p->s[j] == '.'))
            j++;
    }
    *n = j - i > 12 ? 12 : j - i;
}

/* After a complete operand at [start, p->pos), another operand starting
 * (a name, a number after a non-number, '('): a product written without
 * '*', as on paper ("2x", "(x+1)(x-1)"). Fails with the spelling to use. */
static bool implicit_product(parser *p, size_t start)
{
    if (p->pos >= p->len)
        return false;
    const char c = p->s[p->pos];
    const bool left_number = is_digit(p->s[start]) || p->s[start] == '.';
    if (!(is_name_start(c) || c == '(' || (is_digit(c) && !left_number)))
        return false;
    size_t end = p->pos;
    while (end > start && (p->s[end - 1] == ' ' || p->s[end - 1] == '\t'))
        end--;
    const size_t ln = end - start > 12 ? 12 : end - start;
    size_t rn;
    token_at(p, p->pos, &rn);
    char left[16], right[16];
    snprintf(left, sizeof left, "%.*s", (int)ln, p->s + end - ln);
    snprintf(right, sizeof right, "%.*s", (int)rn, p->s + p->pos);
    fail(p, p->pos, N_("a product needs '*': write %s*%s"), left, right);
    return true;
}

/* power := primary [ '^' unary ]  (right associative; -x^2 = -(x^2), 2^-1) */
static int parse_power(parser *p)
{
    skip_space(p);
    const size_t start = p->pos;
    const int base = parse_primary(p);
    if (p->failed)
        return -1;
    skip_space(p);
    if (implicit_product(p, start))
        return -1;
    if (p->pos < p->len && p->s[p->pos] == '^') {
        if (!enter(p))
            return -1;
        p->pos++;
        const int exponent = parse_unary(p);
        p->depth--;
        return add_power(p, base, exponent);
    }
    return base;
}

/* unary := ('-' | '+') unary | power */
static int parse_unary(parser *p)
{
    skip_space(p);
    if (p->pos < p->len && (p->s[p->pos] == '-' || p->s[p->pos] == '+')) {
        const bool neg = p->s[p->pos] == '-';
        if (!enter(p))
            return -1;
        p->pos++;
        const int u = parse_unary(p);
        p->depth--;
        return neg ? add_node(p, N_NEG, u, -1, 0.0) : u;
    }
    return parse_power(p);
}

/* product := unary { ('*' | '/') unary } */
static int parse_product(parser *p)
{
    int t = parse_unary(p);
    for (;;) {
        if (p->failed)
            return -1;
        skip_space(p);
        if (p->pos >= p->len || (p->s[p->pos] != '*' && p->s[p->pos] != '/'))
            return t;
        const node_kind k = p->s[p->pos] == '*' ? N_MUL : N_DIV;
        p->pos++;
        const int r = parse_unary(p);
        t = add_node(p, k, t, r, 0.0);
    }
}

/* sum := product { ('+' | '-') product } */
static int parse_sum(parser *p)
{
    int t = parse_product(p);
    for (;;) {
        if (p->failed)
            return -1;
        skip_space(p);
        if (p->pos >= p->len || (p->s[p->pos] != '+' && p->s[p->pos] != '-'))
            return t;
        const node_kind k = p->s[p->pos] == '+' ? N_ADD : N_SUB;
        p->pos++;
        const int r = parse_product(p);
        t = add_node(p, k, t, r, 0.0);
    }
}

expr *expr_parse(const char *text, int dim, expr_error *err)
{
    expr_error scratch;
    if (!err)
        err = &scratch;
    err->column = 0;
    err->message[0] = '\0';
    err->format = NULL;
    if (!text)
        text = "";
    const size_t len = strlen(text);
    if (len > EXPR_MAX_TEXT) {
        char most[16];
        snprintf(most, sizeof most, "%d", EXPR_MAX_TEXT);
        set_error(err, EXPR_MAX_TEXT + 1, N_("formula longer than %s bytes"), most, NULL);
        return NULL;
    }
    parser p = {.s = text, .len = len, .dim = dim, .err = err};
    skip_space(&p);
    if (p.pos == len) {
        set_error(err, 1, N_("empty formula"), NULL, NULL);
        return NULL;
    }
    p.e = malloc(sizeof(expr) + (len + 1) * sizeof(node));
    if (!p.e) {
        set_error(err, 1, N_("out of memory"), NULL, NULL);
        return NULL;
    }
    p.e->n = 0;
    const int root = parse_sum(&p);
    skip_space(&p);
    if (!p.failed && p.pos < len) {
        char b[16];
        show_byte(text[p.pos], b, sizeof b);
        if (text[p.pos] == ')')
            fail(&p, p.pos, N_("unmatched ')'"), NULL, NULL);
        else
            fail(&p, p.pos, N_("unexpected %s after a complete formula (missing operator?)"), b,
                 NULL);
    }
    if (p.failed) {
        free(p.e);
        return NULL;
    }
    p.e->root = root;
    p.e->dim = dim == 2 || p.uses_y ? 2 : 1;
    return p.e;
}

void expr_free(expr *e)
{
    free(e);
}

int expr_dim(const expr *e)
{
    return e->dim;
}

void expr_error_caret(const char *text, const expr_error *err, char *buf, size_t len)
{
    if (!buf || len == 0)
        return;
    const size_t n = text ? strlen(text) : 0;
    size_t col = err->column < 1 ? 1 : (size_t)err->column;
    if (col > n + 1)
        col = n + 1;
    size_t k = 0;
    /* the formula on one line (line breaks shown as spaces), then the caret
     * under the column (tabs copied so it lines up) */
    for (size_t i = 0; i < n && k + 1 < len; i++)
        buf[k++] = (text[i] == '\n' || text[i] == '\r') ? ' ' : text[i];
    if (k + 1 < len)
        buf[k++] = '\n';
    for (size_t i = 0; i + 1 < col && k + 1 < len; i++)
        buf[k++] = text[i] == '\t' ? '\t' : ' ';
    if (k + 1 < len)
        buf[k++] = '^';
    buf[k] = '\0';
}
