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

#endif
