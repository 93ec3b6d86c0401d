/* Placeholder until implemented (issue 4). */
#include <stdio.h>
int main(void) { fprintf(stderr, "tito-worker: not implemented yet\n"); return 3; }
