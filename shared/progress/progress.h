/* tito_progress: the student's progress.json at COURSE/progress.json, in
 * TinyTorch's format (spec/tinytorch.md §2) so a course can move between
 * upstream's tito and ours:
 *
 *   {
 *     "started_modules": ["02"],
 *     "completed_modules": ["01"],
 *     "last_worked": "02",
 *     "last_completed": "01",
 *     "last_updated": "2025-11-26T03:39:12.123456"
 *   }
 *
 * Written as Python's json.dump(indent=2): no trailing newline. Module ids
 * are 2-digit strings. Key order is that of the loaded file (unknown keys are
 * kept); a missing or unparseable file reads as the default dict above with
 * empty lists and nulls. last_updated is local time, datetime.isoformat().
 *
 * A tito_progress owns its JSON tree; ids passed in are copied. */
#ifndef TITO_PROGRESS_PROGRESS_H
#define TITO_PROGRESS_PROGRESS_H

#include <stddef.h>

#include "json/json.h"
#include "util/error.h"

typedef struct tito_progress tito_progress;

/* Loads path (normally COURSE/progress.json). A missing, unreadable-as-JSON
 * or non-object file gives the default progress (not an error, as upstream);
 * missing keys are added at the end, non-list module lists reset to [].
 * Errors: TITO_ENOMEM; TITO_EIO when the file exists but cannot be read. */
int tito_progress_load(tito_progress **out, const char *path, tito_error *err);
/* Convenience: tito_progress_load(COURSE/progress.json). */
int tito_progress_load_course(tito_progress **out, const char *course_dir, tito_error *err);
void tito_progress_free(tito_progress *p);

int tito_progress_is_started(const tito_progress *p, const char *id);
int tito_progress_is_completed(const tito_progress *p, const char *id);
size_t tito_progress_ncompleted(const tito_progress *p);
/* "last_worked" / "last_completed", or NULL when null. Borrowed. */
const char *tito_progress_last_worked(const tito_progress *p);
const char *tito_progress_last_completed(const tito_progress *p);

/* upstream mark_module_started: append id to started_modules if absent;
 * last_worked = id. In memory only: call tito_progress_save. */
int tito_progress_mark_started(tito_progress *p, const char *id, tito_error *err);
/* upstream update_progress: append id to completed_modules if absent, remove
 * it from started_modules, last_completed = id. In memory only. */
int tito_progress_mark_completed(tito_progress *p, const char *id, tito_error *err);

/* Sets last_updated to now (local time) and writes the file atomically
 * (temporary file in the same folder, fsync, rename): a crash leaves the old
 * or the new file, never half of one. TITO_EIO on failure. */
int tito_progress_save(tito_progress *p, tito_error *err);
/* Serialises as save writes it (without touching last_updated). */
int tito_progress_format(tito_buf *out, const tito_progress *p);
/* The document itself (borrowed), e.g. for --json output. */
const tito_json *tito_progress_json(const tito_progress *p);
const char *tito_progress_path(const tito_progress *p);

/* datetime.now().isoformat() for the given time: "YYYY-MM-DDTHH:MM:SS.ffffff",
 * without the fraction when microseconds are 0 (as Python does). buf >= 32. */
void tito_progress_isoformat(char *buf, size_t size, long long sec, long usec);

#endif
