/* serve: the workshop page of `caseload serve` (DESIGN.md section 7d, docs/serve.md).
 *
 * A small HTTP server (libmicrohttpd) on 127.0.0.1 only. It serves one page (serve_page.html,
 * compiled in) and a few requests behind it:
 *   GET  /                 the page
 *   GET  /report.css       the report's style sheet (report_css), so the answer looks the same
 *   GET  /api/scenarios    the scenario files of the folder, resolved (JSON)
 *   GET  /api/levers       the event types and their keys, units, ranges, defaults (JSON, from
 *                          params_event_specs, the table `validate --keys` prints)
 *   POST /api/check        body: scenario text; parsed as ID.ini in the folder (JSON verdict)
 *   POST /api/run          body: scenario text; ?baseline=FILE&name=ID&reps=N&seed=S: the
 *                          comparison's findings, summary table and charts (JSON with HTML)
 *   POST /api/download     body: scenario text; the same text as ID.ini once it parses
 *   GET  /report.html, /charts/STEM.svg|png   the full report of the last run
 * Scenario text is parsed by scn_load_buffer_inside, so its mistakes are the command line's
 * FILE:LINE messages and its `base =` chain cannot leave the folder. A run is what `caseload
 * compare BASE ID.ini --reps N --seed S` does (runner, output, report: the same code), into the
 * server's own results folder (a temporary folder, removed at the end).
 *
 * Limits: one run at a time (another is told so: 503); a run is refused when its estimate
 * (run_estimate.h) is above the memory or time limit, and stopped when it runs past the time
 * limit; request bodies above SERVE_MAX_BODY are refused (413); only loopback peers and a Host
 * of 127.0.0.1 or localhost are answered. Nothing here prints; cmd_serve.c talks to the user. */
#ifndef CASELOAD_SERVE_H
#define CASELOAD_SERVE_H

#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define SERVE_MAX_BODY ((size_t)64 * 1024) /* a scenario a page builds is a few hundred bytes */
#define SERVE_MAX_CONNECTIONS 16
#define SERVE_ID_MAX 48                     /* characters of the built scenario's file name */

typedef struct serve_config {
    const char *scenarios; /* the folder of scenario files: the only files read */
    unsigned port;         /* 0: a free port chosen by the system */
    size_t max_reps;       /* replications a run may ask for */
    double max_seconds;    /* wall-clock limit of one run (estimate and actual) */
    double max_memory;     /* bytes one run may be estimated to need */
    unsigned threads;      /* threads of a run */
} serve_config;

typedef struct serve_state {
    serve_config cfg;
    char root[PATH_MAX];           /* the scenarios folder, as given */
    char results[PATH_MAX];        /* the server's own results folder (mkdtemp) */
    atomic_int has_results;        /* a run has completed into it (read by other requests) */
    pthread_mutex_t run_lock;      /* held by the one run under way */
    volatile sig_atomic_t closing; /* the server is stopping: a run under way stops too */
    struct MHD_Daemon *daemon;
} serve_state;

/* A reply: status, content type, body (malloc'd, owned by the reply) and, for a download, the
 * file name the browser saves it as. */
typedef struct serve_reply {
    unsigned status;
    const char *type;
    char *body;
    size_t len;
    char filename[SERVE_ID_MAX + 8];
} serve_reply;

/* Start listening on 127.0.0.1:cfg->port; 0, or -1 with a message. */
int serve_start(serve_state *s, const serve_config *cfg, char *err, size_t errlen);
unsigned serve_port(const serve_state *s);
/* Stop a run under way (at its next replication), close the listener, remove the results. */
void serve_stop(serve_state *s);

/* ---- the requests (serve_api.c, serve_run.c); each fills *r ---- */

/* The query arguments of a request, looked up by name (NULL when absent). */
typedef const char *(*serve_arg_fn)(void *ctx, const char *name);

void serve_scenarios(serve_state *s, serve_reply *r);
void serve_levers(serve_reply *r);
void serve_check(serve_state *s, serve_arg_fn arg, void *ctx, const char *body, size_t len,
                 serve_reply *r);
void serve_download(serve_state *s, serve_arg_fn arg, void *ctx, const char *body, size_t len,
                    serve_reply *r);
void serve_run(serve_state *s, serve_arg_fn arg, void *ctx, const char *body, size_t len,
               serve_reply *r);
/* A file of the last run's results (report.html, charts/STEM.svg or .png), or 404. */
void serve_result_file(serve_state *s, const char *url, serve_reply *r);

/* ---- shared by the requests ---- */

/* A JSON error reply {"ok": false, "error": msg, "where": where, "line": line}: where names the
 * field ("text", "baseline", "name", "reps", "seed", "run"), line the line of the page's text
 * the message is about (0: none). */
void serve_error(serve_reply *r, unsigned status, const char *where, int line, const char *msg);
/* Parse body as the scenario ID.ini of the folder (?name=ID). Returns 0, or -1 with *r filled
 * with the error (the parser's FILE:LINE message). The caller frees *scn with scn_free. */
struct scn_scenario;
int serve_parse_text(serve_state *s, serve_arg_fn arg, void *ctx, const char *body, size_t len,
                     struct scn_scenario *scn, serve_reply *r);

/* Load `file`, a plain file name of the folder, confined to it. 0, or -1 with the message. */
int serve_load_file(serve_state *s, const char *file, struct scn_scenario *scn, char *err,
                    size_t errlen);

extern const unsigned char serve_page_html[]; /* serve_page.html, embedded at build time */
extern const size_t serve_page_html_len;

#endif
