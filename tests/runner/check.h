/* check: the few assertion macros the runner tests share. A failed check prints where and counts;
 * a test returns check_failures() != 0 as its exit status. */
#ifndef CASELOAD_TESTS_RUNNER_CHECK_H
#define CASELOAD_TESTS_RUNNER_CHECK_H

#include <math.h>
#include <stdio.h>

static int check_failed;

#define CHECK(cond)                                                                            \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);           \
            check_failed++;                                                                    \
        }                                                                                      \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                                  \
    do {                                                                                       \
        double a_ = (a), b_ = (b);                                                             \
        if (!(fabs(a_ - b_) <= (tol))) {                                                       \
            fprintf(stderr, "%s:%d: %s = %.12g, expected %.12g (tol %g)\n", __FILE__, __LINE__, \
                    #a, a_, b_, (double)(tol));                                                \
            check_failed++;                                                                    \
        }                                                                                      \
    } while (0)

static inline int check_failures(void)
{
    if (check_failed)
        fprintf(stderr, "%d check(s) failed\n", check_failed);
    return check_failed != 0;
}

#endif
