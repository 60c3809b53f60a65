/* caseload calendar YEAR: a year's England and Wales bank holidays and its number of working days.
 * Output, one holiday a line: "YYYY-MM-DD  Name", then "working days: N". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: caseload calendar YEAR\n\n"
            "Prints the bank holidays of England and Wales in YEAR (%d-%d), one a line as an ISO\n"
            "date and its name, then the number of working days (Monday to Friday less bank\n"
            "holidays): the days the model's clock counts.\n",
            CAL_FIRST_YEAR, CAL_LAST_YEAR);
}

static int parse_year(const char *s, int *year)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end != '\0' || v < CAL_FIRST_YEAR || v > CAL_LAST_YEAR)
        return -1;
    *year = (int)v;
    return 0;
}

int cmd_calendar(int argc, char **argv)
{
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "caseload calendar: expected one argument, YEAR (see --help)\n");
        return 2;
    }
    int year;
    if (parse_year(argv[1], &year)) {
        fprintf(stderr, "caseload calendar: '%s' is not a year from %d to %d\n", argv[1],
                CAL_FIRST_YEAR, CAL_LAST_YEAR);
        return 2;
    }
    cal_holiday h[32];
    int n = cal_bank_holidays(year, h, sizeof h / sizeof h[0]);
    for (int i = 0; i < n; i++) {
        char iso[11];
        cal_format_iso(h[i].date, iso);
        printf("%s  %s\n", iso, h[i].name);
    }
    printf("working days: %d\n", cal_working_days_in_year(year));
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
