/* check: the assertion macros every C test shares (no framework: the exit status is the verdict).
 *
 * Contract:
 *   - A failed check prints "FILE:LINE: ..." with the condition (and, where the macro has one, the
 *     values or a message) to stderr, bumps check_failed, and carries on: one run reports every
 *     failure, not just the first.
 *   - CHECK(cond)                    cond is true
 *     CHECK_MSG(cond, fmt, ...)      the same, with a printf-style message saying what was seen
 *     CHECK_NEAR(a, b, tol)          |a - b| <= tol (doubles; NaN fails)
 *     CHECK_STR(got, want)           strcmp(got, want) == 0
 *     CHECK_HAS(got, want)           got contains want
 *   - main ends with `return check_done("test_name");`, which prints "test_name: ok" to stdout, or
 *     "test_name: N check(s) failed" to stderr, and returns the exit status (0 pass, 1 fail).
 *   - check_failed is the running count: a hand-rolled check that prints its own message bumps it
 *     (check_failed++), and a forked child reports with `_exit(check_failed != 0)`.
 * The counter is static state in a header: that is fine because every test is its own executable
 * and includes this from its one .c file (headers shared by tests include it too; the include guard
 * keeps one copy per program). */
#ifndef CASELOAD_TESTS_CHECK_H
#define CASELOAD_TESTS_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(cond)                                                                              \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);             \
            check_failed++;                                                                      \
        }                                                                                        \
    } while (0)

#define CHECK_MSG(cond, ...)                                                                     \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);             \
            fprintf(stderr, __VA_ARGS__);                                                        \
            fputc('\n', stderr);                                                                 \
            check_failed++;                                                                      \
        }                                                                                        \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                                    \
    do {                                                                                         \
        double a_ = (a), b_ = (b);                                                               \
        if (!(fabs(a_ - b_) <= (tol))) {                                                         \
            fprintf(stderr, "%s:%d: %s = %.12g, expected %.12g (tol %g)\n", __FILE__, __LINE__,  \
                    #a, a_, b_, (double)(tol));                                                  \
            check_failed++;                                                                      \
        }                                                                                        \
    } while (0)

#define CHECK_STR(got, want)                                                                     \
    do {                                                                                         \
        const char *g_ = (got), *w_ = (want);                                                    \
        if (strcmp(g_, w_)) {                                                                    \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, w_);     \
            check_failed++;                                                                      \
        }                                                                                        \
    } while (0)

#define CHECK_HAS(got, want)                                                                     \
    do {                                                                                         \
        const char *g_ = (got), *w_ = (want);                                                    \
        if (!strstr(g_, w_)) {                                                                   \
            fprintf(stderr, "%s:%d: \"%.300s\" does not contain \"%s\"\n", __FILE__, __LINE__,   \
                    g_, w_);                                                                     \
            check_failed++;                                                                      \
        }                                                                                        \
    } while (0)

static inline int check_done(const char *name)
{
    if (check_failed) {
        fprintf(stderr, "%s: %d check(s) failed\n", name, check_failed);
        return 1;
    }
    printf("%s: ok\n", name);
    return 0;
}

#endif
