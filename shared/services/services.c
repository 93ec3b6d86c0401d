/* The embedded redis-server and PostgreSQL cluster. Talks to the servers only
 * through their binaries and a raw PING on the Redis socket; connecting
 * clients goes through store.c / queue.c. */
#include "services/services.h"
#include "util/sha256.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PG_PORT "5432"
#define PG_USER "tito"
#define PG_DB "tito"

/* Everything derived from the options, resolved once per call. */
typedef struct svc {
    char dir[PATH_MAX];        /* STATE/services */
    char redis_dir[PATH_MAX];
    char redis_sock[PATH_MAX];
    char redis_pid[PATH_MAX];
    char pg_dir[PATH_MAX];     /* socket dir */
    char pg_data[PATH_MAX];
    char pg_sock[PATH_MAX];
    char pg_log[PATH_MAX];
    int as_root;
    uid_t redis_uid, pg_uid;
    gid_t redis_gid, pg_gid;
    char redis_user[64], pg_user[64];
    int lock_fd;
} svc;

static int path_join(char *out, size_t size, const char *a, const char *b, tito_error *err)
{
    int n = snprintf(out, size, "%s/%s", a, b);
    if (n < 0 || (size_t)n >= size)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG, "path too long: %s/%s", a, b);
    return 0;
}

static int mkdir_p(const char *path, mode_t mode, tito_error *err)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG, "path too long: %s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
            return tito_error_set_os(err, TITO_EIO, "cannot create %s", tmp);
        *p = '/';
    }
    if (mkdir(tmp, mode) < 0 && errno != EEXIST)
        return tito_error_set_os(err, TITO_EIO, "cannot create %s", tmp);
    return 0;
}

static void pick_user(const char *preferred, uid_t *uid, gid_t *gid, char *name, size_t n)
{
    struct passwd *pw = getpwnam(preferred);
    if (!pw)
        pw = getpwnam("postgres");
    if (!pw)
        pw = getpwnam("nobody");
    if (pw) {
        *uid = pw->pw_uid;
        *gid = pw->pw_gid;
        snprintf(name, n, "%s", pw->pw_name);
    } else {
        *uid = 65534;
        *gid = 65534;
        snprintf(name, n, "nobody");
    }
}

/* Can uid/gid search (reach) path? Always 1 when we are not root. */
static int user_can_reach(const char *path, uid_t uid, gid_t gid)
{
    if (geteuid() != 0)
        return 1;
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        if (setgroups(0, NULL) < 0 || setgid(gid) < 0 || setuid(uid) < 0)
            _exit(2);
        _exit(access(path, X_OK) == 0 ? 0 : 1);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int svc_init(svc *s, const tito_services_opts *opts, int create, tito_error *err)
{
    char state[PATH_MAX];
    int error;

    memset(s, 0, sizeof(*s));
    s->lock_fd = -1;
    if (!opts || !opts->state_dir || !*opts->state_dir)
        return tito_error_set(err, TITO_EINVALID, TITO_ERROR_CONFIG, "no state directory given");
    if (create && (error = mkdir_p(opts->state_dir, 0755, err)) < 0)
        return error;
    if (!realpath(opts->state_dir, state)) {
        if (errno == ENOENT && !create) {
            /* Not created yet: nothing can be running there. */
            if (opts->state_dir[0] == '/')
                snprintf(state, sizeof(state), "%s", opts->state_dir);
            else {
                char cwd[PATH_MAX];
                if (!getcwd(cwd, sizeof(cwd)))
                    return tito_error_set_os(err, TITO_EIO, "getcwd");
                if ((error = path_join(state, sizeof(state), cwd, opts->state_dir, err)) < 0)
                    return error;
            }
        } else {
            return tito_error_set_os(err, TITO_EIO, "state directory %s", opts->state_dir);
        }
    }
    s->as_root = geteuid() == 0;
    if (s->as_root) {
        pick_user("redis", &s->redis_uid, &s->redis_gid, s->redis_user, sizeof(s->redis_user));
        pick_user("postgres", &s->pg_uid, &s->pg_gid, s->pg_user, sizeof(s->pg_user));
    } else {
        s->redis_uid = s->pg_uid = getuid();
        s->redis_gid = s->pg_gid = getgid();
    }
    /* STATE/services, unless the unix socket paths would be too long or (as
     * root) the service users cannot reach STATE (say /root/course/.tito):
     * then a directory derived from STATE's path under /var/tmp, so every
     * command finds the same servers again. */
    struct sockaddr_un sa;
    const char *base = state;
    char fallback[128];
    int far = strlen(state) + sizeof("/services/pg/.s.PGSQL." PG_PORT ".lock") >= sizeof(sa.sun_path);
    if (!far && s->as_root && access(state, F_OK) == 0 &&
        (!user_can_reach(state, s->pg_uid, s->pg_gid) ||
         !user_can_reach(state, s->redis_uid, s->redis_gid)))
        far = 1;
    if (far) {
        char hex[65];
        tito_sha256_hex(hex, state, strlen(state));
        snprintf(fallback, sizeof(fallback), "/var/tmp/tito-%.16s", hex);
        base = fallback;
        if (create && (error = mkdir_p(fallback, 0755, err)) < 0)
            return error;
        chmod(fallback, 0755);
        if (create) {
            /* Which STATE this belongs to, for gc_fallbacks. */
            char owner[200];
            snprintf(owner, sizeof(owner), "%s/state", fallback);
            FILE *f = fopen(owner, "wx");
            if (f) {
                fprintf(f, "%s\n", state);
                fclose(f);
            }
            /* For people looking in STATE: STATE/services -> the real place. */
            char link[PATH_MAX], target[200];
            snprintf(target, sizeof(target), "%s/services", fallback);
            if (path_join(link, sizeof(link), state, "services", NULL) == 0)
                (void)symlink(target, link);
        }
    }
    if ((error = path_join(s->dir, sizeof(s->dir), base, "services", err)) < 0 ||
        (error = path_join(s->redis_dir, sizeof(s->redis_dir), s->dir, "redis", err)) < 0 ||
        (error = path_join(s->redis_sock, sizeof(s->redis_sock), s->redis_dir, "redis.sock", err)) < 0 ||
        (error = path_join(s->redis_pid, sizeof(s->redis_pid), s->redis_dir, "redis.pid", err)) < 0 ||
        (error = path_join(s->pg_dir, sizeof(s->pg_dir), s->dir, "pg", err)) < 0 ||
        (error = path_join(s->pg_data, sizeof(s->pg_data), s->pg_dir, "data", err)) < 0 ||
        (error = path_join(s->pg_sock, sizeof(s->pg_sock), s->pg_dir, ".s.PGSQL." PG_PORT, err)) < 0 ||
        (error = path_join(s->pg_log, sizeof(s->pg_log), s->pg_dir, "postgres.log", err)) < 0)
        return error;
    return 0;
}

static int svc_lock(svc *s, tito_error *err)
{
    char path[PATH_MAX];
    int error;
    if ((error = mkdir_p(s->dir, 0755, err)) < 0 ||
        (error = path_join(path, sizeof(path), s->dir, "lock", err)) < 0)
        return error;
    s->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (s->lock_fd < 0)
        return tito_error_set_os(err, TITO_EIO, "cannot open %s", path);
    while (flock(s->lock_fd, LOCK_EX) < 0) {
        if (errno != EINTR)
            return tito_error_set_os(err, TITO_EIO, "cannot lock %s", path);
    }
    return 0;
}

static void svc_unlock(svc *s)
{
    if (s->lock_fd >= 0)
        close(s->lock_fd);
    s->lock_fd = -1;
}

/* --- processes ----------------------------------------------------------- */

/* Runs argv (absolute path) as uid/gid when root, output appended to log
 * (NULL: /dev/null), waits for it. Returns its exit status or -1. */
static int run_as(const char *const *argv, int drop, uid_t uid, gid_t gid, const char *log)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setsid();
        /* Drop first, so the log file belongs to the service user. */
        if (drop) {
            if (setgroups(0, NULL) < 0 || setgid(gid) < 0 || setuid(uid) < 0)
                _exit(126);
        }
        int fd = open(log ? log : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0644);
        int nul = open("/dev/null", O_RDONLY);
        if (nul >= 0) {
            dup2(nul, 0);
            if (nul > 2)
                close(nul);
        }
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            if (fd > 2)
                close(fd);
        }
        umask(077);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* 1 when pid is a live (non-zombie) process. */
static int pid_alive(pid_t pid)
{
    char path[64], buf[512];
    if (pid <= 0)
        return 0;
    if (kill(pid, 0) < 0 && errno != EPERM)
        return 0;
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 1;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')');
    return !(p && p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X'));
}

static pid_t read_pid(const char *path)
{
    FILE *f = fopen(path, "r");
    long pid = 0;
    if (!f)
        return 0;
    if (fscanf(f, "%ld", &pid) != 1)
        pid = 0;
    fclose(f);
    return (pid_t)pid;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* --- binaries ------------------------------------------------------------ */

static int find_in_path(char *out, size_t size, const char *name)
{
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
    while (*path) {
        size_t n = strcspn(path, ":");
        if (n && (size_t)snprintf(out, size, "%.*s/%s", (int)n, path, name) < size &&
            access(out, X_OK) == 0)
            return 1;
        path += n + (path[n] == ':');
    }
    return 0;
}

static int find_redis(char *out, size_t size, const tito_services_opts *opts, tito_error *err)
{
    const char *bin = opts->redis_bin ? opts->redis_bin : getenv("TITO_REDIS_SERVER");
    if (bin && *bin) {
        if (access(bin, X_OK) == 0) {
            snprintf(out, size, "%s", bin);
            return 0;
        }
        return tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_CONFIG,
                              "redis-server not found at %s: install redis-server "
                              "(Debian: apt-get install redis-server) or set TITO_REDIS_URL",
                              bin);
    }
    if (find_in_path(out, size, "redis-server") || find_in_path(out, size, "../sbin/redis-server"))
        return 0;
    if (access("/usr/sbin/redis-server", X_OK) == 0) {
        snprintf(out, size, "/usr/sbin/redis-server");
        return 0;
    }
    return tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_CONFIG,
                          "redis-server not found in PATH: install redis-server "
                          "(Debian: apt-get install redis-server) or set TITO_REDIS_URL");
}

static int pg_dir_ok(const char *dir)
{
    char p[PATH_MAX];
    static const char *const tools[] = {"initdb", "pg_ctl", "postgres", "createdb"};
    for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++) {
        if ((size_t)snprintf(p, sizeof(p), "%s/%s", dir, tools[i]) >= sizeof(p) || access(p, X_OK) < 0)
            return 0;
    }
    return 1;
}

static int find_pg(char *out, size_t size, const tito_services_opts *opts, tito_error *err)
{
    const char *dir = opts->pg_bindir ? opts->pg_bindir : getenv("TITO_PG_BINDIR");
    char p[PATH_MAX], real[PATH_MAX];

    if (dir && *dir) {
        if (pg_dir_ok(dir)) {
            snprintf(out, size, "%s", dir);
            return 0;
        }
        return tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_CONFIG,
                              "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in %s: "
                              "install postgresql-15 (Debian: apt-get install postgresql-15; binaries "
                              "in /usr/lib/postgresql/15/bin) or set TITO_DATABASE_URL",
                              dir);
    }
    if (find_in_path(p, sizeof(p), "pg_ctl") && realpath(p, real)) {
        char *slash = strrchr(real, '/');
        *slash = '\0';
        if (pg_dir_ok(real)) {
            snprintf(out, size, "%s", real);
            return 0;
        }
    }
    static const char *const known[] = {"/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
                                        "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/14/bin"};
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (pg_dir_ok(known[i])) {
            snprintf(out, size, "%s", known[i]);
            return 0;
        }
    return tito_error_set(err, TITO_ENOTFOUND, TITO_ERROR_CONFIG,
                          "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: install "
                          "postgresql-15 (Debian: apt-get install postgresql-15; binaries in "
                          "/usr/lib/postgresql/15/bin) or set TITO_DATABASE_URL");
}

/* Can the service user create files in dir (and reach it)? */
static int user_can_write(const svc *s, const char *dir, uid_t uid, gid_t gid)
{
    if (!s->as_root)
        return 1;
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        if (setgroups(0, NULL) < 0 || setgid(gid) < 0 || setuid(uid) < 0)
            _exit(2);
        _exit(access(dir, R_OK | W_OK | X_OK) == 0 ? 0 : 1);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* --- redis --------------------------------------------------------------- */

/* 1: answered PONG; 0: not reachable; -1: reachable but not ready (LOADING). */
static int redis_ping(const char *sock)
{
    struct sockaddr_un sa;
    char buf[128];
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), ok = 0;
    if (fd < 0)
        return 0;
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", sock);
    struct timeval tv = {2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 && write(fd, "PING\r\n", 6) == 6) {
        ssize_t n = read(fd, buf, sizeof(buf) - 1);
        if (n > 0) {
            buf[n] = '\0';
            ok = !strncmp(buf, "+PONG", 5) ? 1 : -1;
        }
    }
    close(fd);
    return ok;
}

static pid_t redis_running(const svc *s)
{
    pid_t pid = read_pid(s->redis_pid);
    if (pid_alive(pid) && redis_ping(s->redis_sock) != 0)
        return pid;
    return 0;
}

static void fill_urls(tito_services_info *out, const svc *s)
{
    snprintf(out->redis_url, sizeof(out->redis_url), "unix://%s", s->redis_sock);
    snprintf(out->database_url, sizeof(out->database_url), "host=%s port=" PG_PORT " dbname=" PG_DB
             " user=" PG_USER, s->pg_dir);
    snprintf(out->dir, sizeof(out->dir), "%s", s->dir);
}

static int chown_dir(const svc *s, const char *dir, uid_t uid, gid_t gid, tito_error *err)
{
    if (s->as_root && chown(dir, uid, gid) < 0)
        return tito_error_set_os(err, TITO_EIO, "cannot chown %s", dir);
    return 0;
}

static int tail_log(char *out, size_t size, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    out[0] = '\0';
    if (!f)
        return 0;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0])
            snprintf(out, size, "%s", line);
    }
    fclose(f);
    return 0;
}

static int redis_start_locked(svc *s, const tito_services_opts *opts, tito_error *err)
{
    char bin[PATH_MAX], conf[PATH_MAX], log[PATH_MAX], last[512];
    int error;

    if (redis_running(s))
        return 0;
    if ((error = find_redis(bin, sizeof(bin), opts, err)) < 0)
        return error;
    if ((error = mkdir_p(s->redis_dir, 0750, err)) < 0 ||
        (error = chown_dir(s, s->redis_dir, s->redis_uid, s->redis_gid, err)) < 0 ||
        (!user_can_write(s, s->redis_dir, s->redis_uid, s->redis_gid) &&
         (error = tito_error_set(err, TITO_EIO, TITO_ERROR_CONFIG,
                                 "redis-server runs as user '%s' (not root), who cannot reach %s: "
                                 "make its parent directories searchable (chmod o+x) or choose "
                                 "another TITO_STATE_DIR",
                                 s->redis_user, s->redis_dir)) < 0) ||
        (error = path_join(conf, sizeof(conf), s->redis_dir, "redis.conf", err)) < 0 ||
        (error = path_join(log, sizeof(log), s->redis_dir, "redis.log", err)) < 0)
        return error;
    unlink(s->redis_sock);
    unlink(s->redis_pid);
    FILE *f = fopen(conf, "w");
    if (!f)
        return tito_error_set_os(err, TITO_EIO, "cannot write %s", conf);
    fprintf(f,
            "# written by tito: embedded Redis, unix socket only\n"
            "port 0\n"
            "unixsocket %s\n"
            "unixsocketperm 700\n"
            "dir %s\n"
            "daemonize yes\n"
            "pidfile %s\n"
            "logfile %s\n"
            "appendonly yes\n"
            "appendfsync everysec\n"
            "save \"\"\n"
            "protected-mode no\n",
            s->redis_sock, s->redis_dir, s->redis_pid, log);
    if (fclose(f) != 0)
        return tito_error_set_os(err, TITO_EIO, "cannot write %s", conf);
    if (s->as_root && chown(conf, s->redis_uid, s->redis_gid) < 0)
        return tito_error_set_os(err, TITO_EIO, "cannot chown %s", conf);
    const char *argv[] = {bin, conf, NULL};
    int st = run_as(argv, s->as_root, s->redis_uid, s->redis_gid, log);
    if (st != 0) {
        tail_log(last, sizeof(last), log);
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_CONFIG,
                              "redis-server failed to start (exit %d)%s%s; see %s", st,
                              last[0] ? ": " : "", last, log);
    }
    /* Wait for the socket (and for the AOF to load). */
    for (int i = 0; i < 600; i++) {
        if (redis_ping(s->redis_sock) == 1)
            return 0;
        sleep_ms(50);
    }
    tail_log(last, sizeof(last), log);
    return tito_error_set(err, TITO_ETIMEOUT, TITO_ERROR_CONFIG,
                          "redis-server did not answer within 30 s%s%s; see %s",
                          last[0] ? ": " : "", last, log);
}

static int redis_stop_locked(svc *s, tito_error *err)
{
    pid_t pid = read_pid(s->redis_pid);
    if (!pid_alive(pid))
        return 0;
    /* SIGTERM: Redis fsyncs the AOF and exits. */
    if (kill(pid, SIGTERM) < 0 && errno != ESRCH)
        return tito_error_set_os(err, TITO_EIO, "cannot stop redis-server (pid %d)", (int)pid);
    for (int i = 0; i < 600; i++) {
        if (!pid_alive(pid))
            return 0;
        sleep_ms(50);
    }
    return tito_error_set(err, TITO_ETIMEOUT, TITO_ERROR_CONFIG,
                          "redis-server (pid %d) did not stop within 30 s", (int)pid);
}

/* --- postgres ------------------------------------------------------------ */

/* 1 when something accepts connections on the unix socket. */
static int sock_accepts(const char *path)
{
    struct sockaddr_un sa;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), ok;
    if (fd < 0)
        return 0;
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    size_t n = strlen(path);
    if (n >= sizeof(sa.sun_path)) {
        close(fd);
        return 0;
    }
    memcpy(sa.sun_path, path, n + 1);
    ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
    close(fd);
    return ok;
}

static pid_t pg_running(const svc *s)
{
    char pidfile[PATH_MAX + 32];
    snprintf(pidfile, sizeof(pidfile), "%s/postmaster.pid", s->pg_data);
    pid_t pid = read_pid(pidfile);
    if (pid_alive(pid) && sock_accepts(s->pg_sock))
        return pid;
    return 0;
}

static int pg_start_locked(svc *s, const tito_services_opts *opts, tito_error *err)
{
    char bindir[PATH_MAX], tool[PATH_MAX + 32], verfile[PATH_MAX + 32], marker[PATH_MAX + 32];
    char conf[PATH_MAX + 32], last[512], sockopt[PATH_MAX + 160];
    struct stat st;
    int error, rc;

    if (pg_running(s))
        return 0;
    if ((error = find_pg(bindir, sizeof(bindir), opts, err)) < 0)
        return error;
    if ((error = mkdir_p(s->pg_dir, 0755, err)) < 0 ||
        (error = chown_dir(s, s->pg_dir, s->pg_uid, s->pg_gid, err)) < 0)
        return error;
    chmod(s->pg_dir, 0755);
    if (!user_can_write(s, s->pg_dir, s->pg_uid, s->pg_gid))
        return tito_error_set(err, TITO_EIO, TITO_ERROR_CONFIG,
                              "PostgreSQL runs as user '%s' (it refuses to run as root), who cannot "
                              "reach %s: make its parent directories searchable (chmod o+x) or "
                              "choose another TITO_STATE_DIR",
                              s->pg_user, s->pg_dir);
    /* A postmaster killed hard leaves postmaster.pid behind; when its pid is
     * dead (or a zombie nobody reaped) and the socket is silent, remove it
     * (PostgreSQL's shared-memory interlock still guards the data dir). */
    {
        char pidfile[PATH_MAX + 32];
        snprintf(pidfile, sizeof(pidfile), "%s/postmaster.pid", s->pg_data);
        pid_t old = read_pid(pidfile);
        if (old > 0 && !pid_alive(old) && !sock_accepts(s->pg_sock)) {
            char lock[PATH_MAX + 32];
            snprintf(lock, sizeof(lock), "%s.lock", s->pg_sock);
            unlink(pidfile);
            unlink(lock);
            unlink(s->pg_sock);
        }
    }
    snprintf(verfile, sizeof(verfile), "%s/PG_VERSION", s->pg_data);
    if (stat(verfile, &st) < 0) {
        snprintf(tool, sizeof(tool), "%s/initdb", bindir);
        const char *argv[] = {tool, "-D", s->pg_data, "-A", "trust", "-U", PG_USER, "-E", "UTF8",
                              "--locale=C", "--no-sync", NULL};
        rc = run_as(argv, s->as_root, s->pg_uid, s->pg_gid, s->pg_log);
        if (rc != 0) {
            tail_log(last, sizeof(last), s->pg_log);
            return tito_error_set(err, TITO_ERROR, TITO_ERROR_CONFIG,
                                  "initdb failed (exit %d)%s%s; see %s", rc, last[0] ? ": " : "",
                                  last, s->pg_log);
        }
        snprintf(conf, sizeof(conf), "%s/postgresql.conf", s->pg_data);
        FILE *f = fopen(conf, "a");
        if (!f)
            return tito_error_set_os(err, TITO_EIO, "cannot write %s", conf);
        fprintf(f, "\n# added by tito: embedded cluster, unix socket only\n"
                   "listen_addresses = ''\n"
                   "unix_socket_directories = '%s'\n"
                   "port = " PG_PORT "\n"
                   "unix_socket_permissions = 0700\n"
                   "max_connections = 200\n",
                s->pg_dir);
        if (fclose(f) != 0)
            return tito_error_set_os(err, TITO_EIO, "cannot write %s", conf);
    }
    /* pg_ctl -w waits until the server accepts connections. */
    snprintf(tool, sizeof(tool), "%s/pg_ctl", bindir);
    /* Socket mode 0700: trust auth must not mean "any local user" (root
     * still connects: it bypasses file permissions). */
    snprintf(sockopt, sizeof(sockopt),
             "-c unix_socket_directories='%s' -c listen_addresses='' -c unix_socket_permissions=0700",
             s->pg_dir);
    {
        const char *argv[] = {tool, "-D", s->pg_data, "-l", s->pg_log, "-o", sockopt, "-w", "-t",
                              "60", "start", NULL};
        rc = run_as(argv, s->as_root, s->pg_uid, s->pg_gid, NULL);
    }
    if (rc != 0 || !pg_running(s)) {
        tail_log(last, sizeof(last), s->pg_log);
        return tito_error_set(err, TITO_ERROR, TITO_ERROR_CONFIG,
                              "PostgreSQL failed to start (pg_ctl exit %d)%s%s; see %s", rc,
                              last[0] ? ": " : "", last, s->pg_log);
    }
    /* The database, once. */
    snprintf(marker, sizeof(marker), "%s/.tito_db_created", s->pg_dir);
    if (stat(marker, &st) < 0) {
        char dblog[PATH_MAX + 32];
        snprintf(tool, sizeof(tool), "%s/createdb", bindir);
        snprintf(dblog, sizeof(dblog), "%s/createdb.log", s->pg_dir);
        unlink(dblog);
        const char *argv[] = {tool, "-h", s->pg_dir, "-p", PG_PORT, "-U", PG_USER, PG_DB, NULL};
        rc = run_as(argv, 0, 0, 0, dblog);
        tail_log(last, sizeof(last), dblog);
        if (rc != 0 && !strstr(last, "already exists"))
            return tito_error_set(err, TITO_ERROR, TITO_ERROR_CONFIG,
                                  "createdb " PG_DB " failed (exit %d): %s", rc, last);
        int fd = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd >= 0)
            close(fd);
    }
    return 0;
}

static int pg_stop_locked(svc *s, const tito_services_opts *opts, tito_error *err)
{
    char bindir[PATH_MAX], tool[PATH_MAX + 32], last[512];
    pid_t pid = pg_running(s);
    char pidfile[PATH_MAX + 32];
    int error;

    snprintf(pidfile, sizeof(pidfile), "%s/postmaster.pid", s->pg_data);
    if (!pid)
        pid = read_pid(pidfile);
    if (!pid_alive(pid))
        return 0;
    if ((error = find_pg(bindir, sizeof(bindir), opts, err)) == 0) {
        snprintf(tool, sizeof(tool), "%s/pg_ctl", bindir);
        const char *argv[] = {tool, "-D", s->pg_data, "-m", "fast", "-w", "-t", "60", "stop", NULL};
        int rc = run_as(argv, s->as_root, s->pg_uid, s->pg_gid, s->pg_log);
        if (rc == 0 || !pid_alive(pid))
            return 0;
    }
    /* No pg_ctl: SIGINT is PostgreSQL's "fast shutdown". */
    kill(pid, SIGINT);
    for (int i = 0; i < 600; i++) {
        if (!pid_alive(pid))
            return 0;
        sleep_ms(50);
    }
    tail_log(last, sizeof(last), s->pg_log);
    return tito_error_set(err, TITO_ETIMEOUT, TITO_ERROR_CONFIG,
                          "PostgreSQL (pid %d) did not stop within 30 s: %s", (int)pid, last);
}

/* --- public -------------------------------------------------------------- */

static void fill_status(tito_services_info *out, const svc *s)
{
    if (!out)
        return;
    memset(out, 0, sizeof(*out));
    fill_urls(out, s);
    out->redis_pid = redis_running(s);
    out->redis_running = out->redis_pid > 0;
    out->pg_pid = pg_running(s);
    out->pg_running = out->pg_pid > 0;
}

static int migrate(const tito_services_info *info, tito_error *err)
{
    tito_store *st = NULL;
    int error = tito_store_new(&st, info->database_url, err);
    if (error == 0)
        error = tito_store_migrate(st, NULL, err);
    tito_store_free(st);
    return error;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

/* Removes /var/tmp/tito-* fallback dirs whose STATE no longer exists and
 * whose servers are not running (the STATE was deleted, e.g. a test's temp
 * dir): their data is unreachable by any command. */
static void gc_fallbacks(void)
{
    DIR *d = opendir("/var/tmp");
    struct dirent *e;
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        char base[300], path[400], state[PATH_MAX];
        if (strncmp(e->d_name, "tito-", 5) || strlen(e->d_name) != 21)
            continue;
        snprintf(base, sizeof(base), "/var/tmp/%s", e->d_name);
        snprintf(path, sizeof(path), "%s/state", base);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        int ok = fgets(state, sizeof(state), f) != NULL;
        fclose(f);
        if (!ok)
            continue;
        state[strcspn(state, "\n")] = '\0';
        if (!state[0] || access(state, F_OK) == 0 || errno != ENOENT)
            continue;
        snprintf(path, sizeof(path), "%s/services/redis/redis.pid", base);
        if (pid_alive(read_pid(path)))
            continue;
        snprintf(path, sizeof(path), "%s/services/pg/data/postmaster.pid", base);
        if (pid_alive(read_pid(path)))
            continue;
        nftw(base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    }
    closedir(d);
}

enum { WANT_REDIS = 1, WANT_PG = 2 };

static int start_some(tito_services_info *out, const tito_services_opts *opts, int want,
                      tito_error *err)
{
    tito_services_info info;
    svc s;
    int error;

    if ((error = svc_init(&s, opts, 1, err)) < 0)
        return error;
    if ((error = svc_lock(&s, err)) < 0)
        goto cleanup;
    gc_fallbacks();
    if ((want & WANT_REDIS) && (error = redis_start_locked(&s, opts, err)) < 0)
        goto cleanup;
    if ((want & WANT_PG) && (error = pg_start_locked(&s, opts, err)) < 0)
        goto cleanup;
    fill_status(&info, &s);
    if ((want & WANT_PG) && opts->migrate && (error = migrate(&info, err)) < 0)
        goto cleanup;
    if (out)
        *out = info;
cleanup:
    svc_unlock(&s);
    return error;
}

int tito_services_start(tito_services_info *out, const tito_services_opts *opts, tito_error *err)
{
    return start_some(out, opts, WANT_REDIS | WANT_PG, err);
}

int tito_services_redis_start(tito_services_info *out, const tito_services_opts *opts,
                              tito_error *err)
{
    return start_some(out, opts, WANT_REDIS, err);
}

int tito_services_pg_start(tito_services_info *out, const tito_services_opts *opts, tito_error *err)
{
    return start_some(out, opts, WANT_PG, err);
}

static int stop_some(const tito_services_opts *opts, int want, tito_error *err)
{
    svc s;
    struct stat st;
    int error, e2 = 0;

    if ((error = svc_init(&s, opts, 0, err)) < 0)
        return error;
    if (stat(s.dir, &st) < 0)
        return 0; /* never started here */
    if ((error = svc_lock(&s, err)) < 0)
        goto cleanup;
    if (want & WANT_REDIS)
        error = redis_stop_locked(&s, err);
    if (want & WANT_PG) {
        tito_error e = TITO_ERROR_INIT;
        e2 = pg_stop_locked(&s, opts, &e);
        if (e2 < 0 && error == 0) {
            error = e2;
            if (err)
                *err = e;
        }
    }
cleanup:
    svc_unlock(&s);
    return error;
}

int tito_services_stop(const tito_services_opts *opts, tito_error *err)
{
    return stop_some(opts, WANT_REDIS | WANT_PG, err);
}

int tito_services_redis_stop(const tito_services_opts *opts, tito_error *err)
{
    return stop_some(opts, WANT_REDIS, err);
}

int tito_services_pg_stop(const tito_services_opts *opts, tito_error *err)
{
    return stop_some(opts, WANT_PG, err);
}

int tito_services_status(tito_services_info *out, const tito_services_opts *opts, tito_error *err)
{
    svc s;
    int error;
    if ((error = svc_init(&s, opts, 0, err)) < 0)
        return error;
    fill_status(out, &s);
    return 0;
}

int tito_services_resolve(char **out_redis_url, char **out_database_url, const tito_config *cfg,
                          tito_error *err)
{
    tito_services_opts opts = TITO_SERVICES_OPTS_INIT;
    tito_services_info info;
    char *r = NULL, *d = NULL;
    int want = 0, error = 0;

    if (out_redis_url)
        *out_redis_url = NULL;
    if (out_database_url)
        *out_database_url = NULL;
    if (out_redis_url && !(cfg->redis_url && *cfg->redis_url))
        want |= WANT_REDIS;
    if (out_database_url && !(cfg->database_url && *cfg->database_url))
        want |= WANT_PG;
    if (want) {
        opts.state_dir = cfg->state_dir ? cfg->state_dir : ".tito";
        if ((error = start_some(&info, &opts, want, err)) < 0)
            return error;
    }
    if (out_redis_url && !(r = strdup((want & WANT_REDIS) ? info.redis_url : cfg->redis_url)))
        goto nomem;
    if (out_database_url && !(d = strdup((want & WANT_PG) ? info.database_url : cfg->database_url)))
        goto nomem;
    if (out_redis_url)
        *out_redis_url = r;
    if (out_database_url)
        *out_database_url = d;
    return 0;
nomem:
    free(r);
    free(d);
    return tito_error_set(err, TITO_ENOMEM, TITO_ERROR_NOMEM, "out of memory");
}

int tito_services_connect(tito_store **out_store, tito_queue **out_queue, const tito_config *cfg,
                          const char *consumer, tito_error *err)
{
    char *rurl = NULL, *durl = NULL;
    tito_store *st = NULL;
    tito_queue *q = NULL;
    int error;

    if (out_store)
        *out_store = NULL;
    if (out_queue)
        *out_queue = NULL;
    if ((error = tito_services_resolve(out_queue ? &rurl : NULL, out_store ? &durl : NULL, cfg,
                                       err)) < 0)
        goto cleanup;
    if (out_store) {
        if ((error = tito_store_new(&st, durl, err)) < 0 ||
            (error = tito_store_migrate(st, NULL, err)) < 0)
            goto cleanup;
    }
    if (out_queue && (error = tito_queue_new(&q, rurl, cfg->queue, consumer, err)) < 0)
        goto cleanup;
    if (out_store) {
        *out_store = st;
        st = NULL;
    }
    if (out_queue) {
        *out_queue = q;
        q = NULL;
    }
cleanup:
    tito_store_free(st);
    tito_queue_free(q);
    free(rurl);
    free(durl);
    return error;
}
