/* cli: the subcommands of the `caseload` executable. Only these talk to the user.
 * Each takes the arguments after the subcommand name (argv[0] is the subcommand) and returns the
 * process exit code: 0 success, 1 a run-time failure (I/O, out of memory, a results folder
 * locked by another run), 2 bad input (arguments, scenario files, a results folder that is not
 * caseload's or does not match its manifest, a run estimated beyond its limits). */
#ifndef CASELOAD_CLI_H
#define CASELOAD_CLI_H

int cmd_run(int argc, char **argv);      /* sim/cli/cmd_run.c */
int cmd_compare(int argc, char **argv);  /* sim/cli/cmd_run.c */
int cmd_merge(int argc, char **argv);    /* sim/cli/cmd_merge.c */
int cmd_validate(int argc, char **argv); /* sim/cli/cmd_validate.c */
int cmd_plot(int argc, char **argv);     /* sim/cli/cmd_plot.c */
int cmd_queue(int argc, char **argv);    /* sim/cli/cmd_queue.c */
int cmd_calendar(int argc, char **argv); /* sim/cli/cmd_calendar.c */
int cmd_plan(int argc, char **argv);     /* sim/cli/cmd_plan.c */
int cmd_sweep(int argc, char **argv);    /* sim/cli/cmd_sweep.c */
int cmd_sensitivity(int argc, char **argv); /* sim/cli/cmd_sensitivity.c */
int cmd_fit(int argc, char **argv);      /* sim/cli/cmd_fit.c */
int cmd_serve(int argc, char **argv);    /* sim/cli/cmd_serve.c */

#endif
