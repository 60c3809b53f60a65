/* check: the tiny assertion helpers of the plots tests (no framework: exit status is the verdict). */
#ifndef CASELOAD_TEST_CHECK_H
#define CASELOAD_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);             \
            check_failures++;                                                                    \
        }                                                                                        \
    } while (0)

#define CHECK_STR(got, want)                                                                     \
    do {                                                                                         \
        const char *g_ = (got), *w_ = (want);                                                    \
        if (strcmp(g_, w_)) {                                                                    \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_);     \
            check_failures++;                                                                    \
        }                                                                                        \
    } while (0)

/* got contains want */
#define CHECK_HAS(got, want)                                                                     \
    do {                                                                                         \
        const char *g_ = (got), *w_ = (want);                                                    \
        if (!strstr(g_, w_)) {                                                                   \
            fprintf(stderr, "%s:%d: \"%.300s\" does not contain \"%s\"\n", __FILE__, __LINE__,   \
                    g_, w_);                                                                     \
            check_failures++;                                                                    \
        }                                                                                        \
    } while (0)

static int check_done(const char *name)
{
    if (check_failures)
        fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
    return check_failures ? 1 : 0;
}

#endif
