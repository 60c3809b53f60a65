/* serve_http: the HTTP side of `caseload serve` (libmicrohttpd): listening on loopback only,
 * reading request bodies up to SERVE_MAX_BODY, routing, and turning a serve_reply into a
 * response. See serve.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "serve.h"

#include <arpa/inet.h>
#include <ftw.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "util.h"

/* One request's body as it arrives. */
typedef struct request {
    char *body;
    size_t len, cap;
    int too_big; /* more than SERVE_MAX_BODY arrived: the rest is dropped, the answer is 413 */
} request;

static const char *query_arg(void *ctx, const char *name)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

/* Only the machine itself: the listener is bound to 127.0.0.1, and a peer from anywhere else
 * (which that should make impossible) is refused before a byte is read. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
    (void)cls;
    if (len < (socklen_t)sizeof(struct sockaddr_in) || addr->sa_family != AF_INET)
        return MHD_NO;
    const struct sockaddr_in *in = (const struct sockaddr_in *)addr;
    return (ntohl(in->sin_addr.s_addr) >> 24) == 127 ? MHD_YES : MHD_NO;
}

/* A page elsewhere on the web could make the browser post here under another name (DNS
 * rebinding); the Host header tells, so only our own names are answered. */
static int host_ok(struct MHD_Connection *c, unsigned port)
{
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    char a[64], b[64];
    snprintf(a, sizeof a, "127.0.0.1:%u", port);
    snprintf(b, sizeof b, "localhost:%u", port);
    return host && (!strcmp(host, a) || !strcmp(host, b));
}

static enum MHD_Result send_reply(struct MHD_Connection *c, serve_reply *r)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(r->body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    /* the page and the answer fetch nothing from anywhere else */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                            "script-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                            "frame-ancestors 'none'");
    if (r->filename[0]) {
        char disp[SERVE_ID_MAX + 64];
        snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", r->filename);
        MHD_add_response_header(resp, "Content-Disposition", disp);
    }
    enum MHD_Result rc = MHD_queue_response(c, r->status, resp);
    MHD_destroy_response(resp);
    return rc;
}

static void static_reply(serve_reply *r, const char *type, const char *text, size_t len)
{
    r->body = malloc(len ? len : 1);
    if (!r->body) {
        serve_error(r, 500, "run", 0, "out of memory");
        return;
    }
    memcpy(r->body, text, len);
    r->len = len;
    r->status = 200;
    r->type = type;
}

static void route_get(serve_state *s, const char *url, serve_reply *r)
{
    if (!strcmp(url, "/"))
        static_reply(r, "text/html; charset=utf-8", (const char *)serve_page_html,
                     serve_page_html_len);
    else if (!strcmp(url, "/report.css"))
        static_reply(r, "text/css; charset=utf-8", report_css(), strlen(report_css()));
    else if (!strcmp(url, "/api/scenarios"))
        serve_scenarios(s, r);
    else if (!strcmp(url, "/api/levers"))
        serve_levers(r);
    else
        serve_result_file(s, url, r);
}

static void route_post(serve_state *s, struct MHD_Connection *c, const char *url,
                       const request *q, serve_reply *r)
{
    if (q->too_big) {
        char msg[160];
        snprintf(msg, sizeof msg, "the request is larger than %zu KiB; a scenario is a page of "
                                  "text", SERVE_MAX_BODY / 1024);
        serve_error(r, 413, "text", 0, msg);
    } else if (!strcmp(url, "/api/check")) {
        serve_check(s, query_arg, c, q->body, q->len, r);
    } else if (!strcmp(url, "/api/run")) {
        serve_run(s, query_arg, c, q->body, q->len, r);
    } else if (!strcmp(url, "/api/download")) {
        serve_download(s, query_arg, c, q->body, q->len, r);
    } else {
        serve_error(r, 404, "run", 0, "no such request");
    }
}

/* The body arrives in pieces (libmicrohttpd calls again with each); the answer is made once it
 * is all in. A declared length above the cap is refused at once. */
static int take_body(request *q, const char *data, size_t n)
{
    if (q->too_big || q->len + n > SERVE_MAX_BODY) {
        q->too_big = 1;
        return 0;
    }
    if (util_grow((void **)&q->body, &q->cap, q->len + n + 1, 1, 4096))
        return -1;
    memcpy(q->body + q->len, data, n);
    q->len += n;
    q->body[q->len] = 0;
    return 0;
}

static int declared_too_big(struct MHD_Connection *c)
{
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return cl && strtoull(cl, NULL, 10) > SERVE_MAX_BODY;
}

/* The first call of a request, before any body: 1 with *r the answer when it can be given at once
 * (a refusal, or a GET), 0 when the body is to be read first. */
static int answer_at_once(serve_state *s, struct MHD_Connection *c, const char *url,
                          const char *method, request *q, serve_reply *r)
{
    int post = !strcmp(method, MHD_HTTP_METHOD_POST);
    if (!host_ok(c, serve_port(s))) {
        serve_error(r, 403, "run", 0, "this page answers only http://127.0.0.1 or "
                                      "http://localhost on this machine");
    } else if (!post && strcmp(method, MHD_HTTP_METHOD_GET)) {
        serve_error(r, 405, "run", 0, "only GET and POST are answered");
    } else if (post && declared_too_big(c)) {
        q->too_big = 1;
        route_post(s, c, url, q, r);
    } else if (post) {
        return 0;
    } else {
        route_get(s, url, r);
    }
    return 1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
    serve_state *s = cls;
    request *q = *con_cls;
    serve_reply r = {0};
    (void)version;
    if (!q) {
        q = calloc(1, sizeof *q);
        if (!q)
            return MHD_NO;
        *con_cls = q;
        return answer_at_once(s, c, url, method, q, &r) ? send_reply(c, &r) : MHD_YES;
    }
    if (*upload_size) {
        if (take_body(q, upload, *upload_size))
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    route_post(s, c, url, q, &r);
    return send_reply(c, &r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    request *q = *con_cls;
    if (q) {
        free(q->body);
        free(q);
    }
    *con_cls = NULL;
}

int serve_start(serve_state *s, const serve_config *cfg, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->cfg = *cfg;
    snprintf(s->root, sizeof s->root, "%s", cfg->scenarios);
    const char *tmp = getenv("TMPDIR");
    snprintf(s->results, sizeof s->results, "%s/caseload-serve-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(s->results)) {
        snprintf(err, errlen, "cannot make a results folder in %s", tmp && *tmp ? tmp : "/tmp");
        return -1;
    }
    pthread_mutex_init(&s->run_lock, NULL);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)cfg->port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG,
        (uint16_t)cfg->port, on_accept, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(err, errlen, "cannot listen on 127.0.0.1:%u (in use? try another --port)",
                 cfg->port);
        rmdir(s->results);
        pthread_mutex_destroy(&s->run_lock);
        return -1;
    }
    return 0;
}

unsigned serve_port(const serve_state *s)
{
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    return i ? i->port : s->cfg.port;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

void serve_stop(serve_state *s)
{
    s->closing = 1;
    MHD_stop_daemon(s->daemon); /* waits for the request threads: a run ends at its next rep */
    nftw(s->results, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    pthread_mutex_destroy(&s->run_lock);
}
