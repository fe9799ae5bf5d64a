/*
 * check.h: a non-fatal assertion for the standalone render tests, which
 * check many pixels and report every failure before exiting 1.
 */
#ifndef OPTIVIZ_TESTS_CHECK_H
#define OPTIVIZ_TESTS_CHECK_H

#include <stdio.h>

static int failures;

#define CHECK(cond, ...)                                                                          \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                  \
            fprintf(stderr, __VA_ARGS__);                                                         \
            fputc('\n', stderr);                                                                  \
            failures++;                                                                           \
        }                                                                                         \
    } while (0)

/* The exit status after the checks: 1 with the count of failures on
 * stderr, else 0 with "WHAT checks passed". */
static inline int check_report(const char *what)
{
    if (failures)
        fprintf(stderr, "%d %s check(s) failed\n", failures, what);
    else
        printf("%s checks passed\n", what);
    return failures ? 1 : 0;
}

#endif
