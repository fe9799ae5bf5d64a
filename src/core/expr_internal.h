/*
 * expr_internal.h: the tree a typed formula parses into, shared by the
 * parser (expr.c) and the evaluator (expr_ad.c); not for other modules.
 * Nodes live in one array; a node's children always precede it.
 */
#ifndef OPTIVIZ_CORE_EXPR_INTERNAL_H
#define OPTIVIZ_CORE_EXPR_INTERNAL_H

#include "core/expr.h"

typedef enum node_kind {
    N_NUM,
    N_X,
    N_Y,
    N_NEG,
    N_ADD,
    N_SUB,
    N_MUL,
    N_DIV,
    N_POWC, /* a ^ constant */
    N_POW,  /* a ^ b, b not constant */
    N_MIN,
    N_MAX,
    N_SIN,
    N_COS,
    N_TAN,
    N_EXP,
    N_LOG,
    N_SQRT,
    N_ABS,
    N_TANH,
    N_SINH,
    N_COSH,
    N_SIGMOID,
    N_RELU,
    N_SOFTPLUS,
} node_kind;

typedef struct node {
    node_kind kind;
    int a, b;     /* children (indices into nodes), -1 when absent */
    double value; /* N_NUM: the number; N_POWC: the exponent */
} node;

struct expr {
    int dim;
    int root;
    int n;
    node nodes[]; /* n used, allocated for strlen(text) + 1 */
};

/* The value of node i, whose children are all numbers (constant folding
 * while parsing). */
double expr_node_value(const expr *e, int i);

#endif
