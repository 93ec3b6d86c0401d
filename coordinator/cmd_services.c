/* Placeholder until implemented; see the owning issue. */
#include <stdio.h>
#include "commands.h"
int tito_cmd_services(int argc, char **argv) { (void)argc; fprintf(stderr, "tito %s: not implemented yet\n", argv[0]); return TITO_EXIT_ENV; }
int tito_cmd_db(int argc, char **argv) { (void)argc; fprintf(stderr, "tito %s: not implemented yet\n", argv[0]); return TITO_EXIT_ENV; }
