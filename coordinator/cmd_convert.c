/* Placeholder until implemented; see the owning issue. */
#include <stdio.h>
#include "commands.h"
int tito_cmd_convert(int argc, char **argv) { (void)argc; fprintf(stderr, "tito %s: not implemented yet\n", argv[0]); return TITO_EXIT_ENV; }
