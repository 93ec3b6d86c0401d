/* The `tito` subcommands. Each takes argc/argv starting at the subcommand name
 * (argv[0] == "convert") and returns the process exit status:
 *
 *   0  success
 *   1  the work ran and failed (a test failed, a module did not pass)
 *   2  usage error or bad input (unknown flag, malformed notebook, missing module)
 *   3  environment / infrastructure error (service unreachable, missing program,
 *      permission denied, I/O error) -- retrying after fixing it may succeed
 *
 * Every command accepts --help. Errors go to stderr as one line starting with
 * "tito <cmd>: ". */
#ifndef TITO_COORDINATOR_COMMANDS_H
#define TITO_COORDINATOR_COMMANDS_H

enum { TITO_EXIT_OK = 0, TITO_EXIT_FAILED = 1, TITO_EXIT_USAGE = 2, TITO_EXIT_ENV = 3 };

int tito_cmd_convert(int argc, char **argv);  /* cmd_convert.c */
int tito_cmd_export(int argc, char **argv);   /* cmd_export.c */
int tito_cmd_module(int argc, char **argv);   /* cmd_module.c: start | complete */
int tito_cmd_batch(int argc, char **argv);    /* cmd_batch.c */
int tito_cmd_grade(int argc, char **argv);    /* cmd_grade.c: a cohort, students x modules */
int tito_cmd_runs(int argc, char **argv);     /* cmd_query.c */
int tito_cmd_results(int argc, char **argv);  /* cmd_query.c */
int tito_cmd_logs(int argc, char **argv);     /* cmd_query.c */
int tito_cmd_status(int argc, char **argv);   /* cmd_query.c */
int tito_cmd_services(int argc, char **argv); /* cmd_services.c */
int tito_cmd_db(int argc, char **argv);       /* cmd_services.c: db migrate */

#endif
