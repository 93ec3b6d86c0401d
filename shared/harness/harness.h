/* The Python test harness (tito_harness.py next to this header), embedded in
 * libtito at build time (cmake/embed.cmake) so a worker needs no data files:
 * the runner writes it into each job's work dir. Its command line and report
 * protocol are documented at the top of tito_harness.py. */
#ifndef TITO_HARNESS_HARNESS_H
#define TITO_HARNESS_HARNESS_H

#include <stddef.h>

extern const unsigned char tito_harness_py[];
extern const size_t tito_harness_py_len;

#endif
