#include <math.h>
/* Loading scenarios: inheritance chains and cycles, events across files, --set overrides, where
 * each value came from, the resolved INI round trip, and the shipped scenarios. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scenario.h"
#include "check.h"

static char dir[256];

static const char *path_of(const char *name)
{
    static char buf[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void put(const char *name, const char *text)
{
    FILE *f = fopen(path_of(name), "w");
    if (!f) {
        perror(name);
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

static const scn_setting *setting(const scn_scenario *s, const char *key)
{
    for (size_t i = 0; i < s->n_settings; i++)
        if (!strcmp(s->settings[i].key, key))
            return &s->settings[i];
    return NULL;
}

/* Loads; on failure prints the message and counts a failure. */
static int load(scn_scenario *s, const char *name, const char *const *sets, size_t n)
{
    char err[1024];
    if (scn_load(s, path_of(name), sets, n, err, sizeof err) < 0) {
        fprintf(stderr, "unexpected error: %s\n", err);
        check_failed++;
        return -1;
    }
    return 0;
}

/* Expects an error containing each of the NULL-terminated substrings; returns the message. */
static const char *load_fails(const char *name, const char *const *sets, size_t n, ...)
{
    static char err[1024];
    scn_scenario s;
    err[0] = '\0';
    int rc = scn_load(&s, path_of(name), sets, n, err, sizeof err);
    scn_free(&s);
    CHECK_MSG(rc < 0, "%s loaded but should not", name);
    CHECK_MSG(!strchr(err, '\n'), "message is one line: %s", err);
    va_list ap;
    va_start(ap, n);
    for (const char *sub; (sub = va_arg(ap, const char *)) != NULL;)
        CHECK_MSG(strstr(err, sub), "'%s' not in: %s", sub, err);
    va_end(ap);
    return err;
}

static void test_chain(void)
{
    mkdir(path_of("sub"), 0755);
    put("d.ini", "[demand]\nchildren = 1000\ncontacts_per_week = 10\n[staff \"manager\"]\nfte = 3\n");
    put("sub/c.ini", "[scenario]\nbase = ../d.ini\n[demand]\nchildren = 2000\n");
    put("b.ini", "; b\n[scenario]\nbase = sub/c.ini\nname = B\n[staff \"manager\"]\nfte = 4\n");
    put("a.ini", "[scenario]\nname = A\nbase = b.ini\n");
    scn_scenario s;
    if (load(&s, "a.ini", NULL, 0) < 0)
        return;
    CHECK_MSG(!strcmp(s.id, "a"), "id %s", s.id);
    CHECK_MSG(!strcmp(s.params.name, "A"), "name %s", s.params.name);
    CHECK_MSG(s.params.children == 2000, "children from c over d: %g", s.params.children);
    CHECK_MSG(s.params.contacts_per_week == 10, "contacts from d");
    CHECK_MSG(s.params.staff[ROLE_MANAGER].fte == 4, "manager fte from b");
    const scn_setting *c = setting(&s, "demand.children");
    CHECK_MSG(c && c->source == SCN_FROM_FILE && strstr(c->file, "sub/c.ini") && c->line == 4,
              "children origin %s:%d", c ? c->file : "", c ? c->line : 0);
    const scn_setting *w = setting(&s, "demand.contacts_per_week");
    CHECK_MSG(w && strstr(w->file, "d.ini") && w->line == 3, "contacts origin");
    const scn_setting *n = setting(&s, "scenario.name");
    CHECK_MSG(n && strstr(n->file, "/a.ini") && n->line == 2, "name origin");
    const scn_setting *d = setting(&s, "demand.need_sd");
    CHECK_MSG(d && d->source == SCN_FROM_DEFAULT && !strcmp(d->value, "1"), "default");
    scn_free(&s);
}

static void test_cycles_and_missing(void)
{
    put("x.ini", "[scenario]\nbase = y.ini\n");
    put("y.ini", "[scenario]\nname = y\n\nbase = x.ini\n");
    load_fails("x.ini", NULL, 0, "y.ini:4:", "cycle", "x.ini -> y.ini -> x.ini", NULL);
    put("self.ini", "[scenario]\nbase = self.ini\n");
    load_fails("self.ini", NULL, 0, "self.ini:2:", "cycle", NULL);
    put("orphan.ini", "[scenario]\nname = o\nbase = nowhere.ini\n");
    load_fails("orphan.ini", NULL, 0, "orphan.ini:3:", "'nowhere.ini' not found", NULL);
    put("twice.ini", "[scenario]\nbase = d.ini\nbase = d.ini\n");
    load_fails("twice.ini", NULL, 0, "twice.ini:3:", "set twice", NULL);
    /* an error inside a base names the base file and its line */
    put("badbase.ini", "[demand]\nchildren = lots\n");
    put("child.ini", "[scenario]\nbase = badbase.ini\n");
    load_fails("child.ini", NULL, 0, "badbase.ini:2:", "'children'", "expected a number", NULL);
}

static const char *const cut_event =
    "[event \"cut\"]\ntype = budget_cut\ndate = 2011-04-01\ntarget = early_help\nfraction = 27%\n";

static void test_events(void)
{
    char text[1024];
    snprintf(text, sizeof text, "[scenario]\nname = parent\n%s\n[event \"later\"]\n"
             "type = demand_shock\ndate = 2012-01-02\nfactor = 1.5\n"
             "[event \"earlier\"]\ntype = history_use\ndate = 2010-06-01\nenabled = no\n",
             cut_event);
    put("ev-parent.ini", text);
    put("ev-child.ini", "[scenario]\nbase = ev-parent.ini\n[event \"cut\"]\nfraction = 10%\n"
                        "[event \"later\"]\ntype = agency_cap\ndate = 2013-01-02\ncap = 5%\n");
    scn_scenario s;
    if (load(&s, "ev-child.ini", NULL, 0) == 0) {
        const model_params *p = &s.params;
        CHECK_MSG(p->n_events == 3, "events kept: %d", p->n_events);
        CHECK_MSG(!strcmp(p->events[0].name, "earlier") && !strcmp(p->events[1].name, "cut")
                      && !strcmp(p->events[2].name, "later"), "sorted by date");
        CHECK_MSG(p->events[1].fraction == 0.10 && p->events[1].target == ROLE_EARLY_HELP,
                  "redefined key, others inherited");
        CHECK_MSG(p->events[2].type == EVT_AGENCY_CAP && p->events[2].factor == 1.0
                      && p->events[2].cap == 0.05, "retyped event starts afresh");
        const scn_setting *f = setting(&s, "event.cut.fraction");
        CHECK_MSG(f && strstr(f->file, "ev-child.ini") && f->line == 4 && !strcmp(f->value, "10%"),
                  "fraction origin");
        const scn_setting *t = setting(&s, "event.cut.target");
        CHECK_MSG(t && strstr(t->file, "ev-parent.ini"), "target origin");
        CHECK_MSG(setting(&s, "event.later.factor") == NULL, "keys of the old type are gone");
        scn_free(&s);
    }
    put("ev-notype.ini", "[event \"x\"]\ndate = 2011-04-01\n");
    load_fails("ev-notype.ini", NULL, 0, "ev-notype.ini:1:", "has no type", NULL);
    put("ev-need.ini", "[scenario]\nname = n\n[event \"x\"]\ntype = investment\ndate = 2011-04-01\n"
                       "target = social_worker\n");
    load_fails("ev-need.ini", NULL, 0, "ev-need.ini:3:", "needs 'fte'", NULL);
    put("ev-same-day.ini", "[event \"a\"]\ntype = budget_cut\ndate = 2011-04-01\ntarget = "
                           "early_help\nfraction = 10%\n[event \"b\"]\ntype = budget_cut\ndate = "
                           "2011-04-01\ntarget = early_help\nfraction = 10%\n");
    load_fails("ev-same-day.ini", NULL, 0, "ev-same-day.ini:8:", "order of their effects", NULL);
    /* an event after the run's end loads with a warning that names the fix, and is left out */
    put("ev-late.ini", "[event \"a\"]\ntype = history_use\ndate = 2030-01-01\nenabled = no\n"
                       "[event \"b\"]\ntype = history_use\ndate = 2012-01-02\nenabled = no\n");
    scn_scenario late;
    if (load(&late, "ev-late.ini", NULL, 0) == 0) {
        CHECK(late.params.n_events == 1 && !strcmp(late.params.events[0].name, "b"));
        CHECK(late.n_warnings == 1);
        CHECK_HAS(late.warnings[0], "ev-late.ini:3: warning: date 2030-01-01 of [event \"a\"] is "
                                    "after the run ends on 2015-03-31, so the event is left out; "
                                    "to include it, run at least 20 years");
        for (size_t i = 0; i < late.n_settings; i++)
            CHECK(strncmp(late.settings[i].key, "event.a.", 8)); /* gone from the settings too */
    }
    scn_free(&late);
}

static void test_sets(void)
{
    const char *sets[] = {"demand.children=500", "staff.social_worker.fte = 40",
                          "event.cut.fraction=30%", "event.new.type=demand_shock",
                          "event.new.date=2012-01-02", "event.new.factor=2",
                          "scenario.warmup=6m"};
    put("set.ini", cut_event);
    scn_scenario s;
    if (load(&s, "set.ini", sets, 7) == 0) {
        CHECK_MSG(s.params.children == 500, "general");
        CHECK_MSG(s.params.staff[ROLE_SOCIAL_WORKER].fte == 40, "staff");
        CHECK_MSG(s.params.n_events == 2 && s.params.events[0].fraction == 0.30, "event key");
        CHECK_MSG(s.params.events[1].factor == 2, "event added by --set");
        CHECK_MSG(s.params.warmup == 130.5, "warmup");
        const scn_setting *c = setting(&s, "demand.children");
        CHECK_MSG(c && c->source == SCN_FROM_SET && !strcmp(c->value, "500"), "set origin");
        scn_free(&s);
    }
    const char *bad1[] = {"demand.childrn=5"};
    load_fails("set.ini", bad1, 1, "--set demand.childrn=5: unknown key 'childrn' in [demand]; did "
               "you mean 'children'?", NULL);
    const char *bad2[] = {"demand.children"};
    load_fails("set.ini", bad2, 1, "--set demand.children: expected section.key=value", NULL);
    const char *bad3[] = {"staff.social_worker.fte=-1"};
    load_fails("set.ini", bad3, 1, "--set staff.social_worker.fte=-1:", "not negative", NULL);
    const char *bad4[] = {"event.nope.fraction=1"};
    load_fails("set.ini", bad4, 1, "--set event.nope.fraction=1:", "no event 'nope'", NULL);
    const char *bad5[] = {"event.cut.fraction=120%"};
    load_fails("set.ini", bad5, 1, "--set event.cut.fraction=120%:", "above the maximum of 100%",
               NULL);
    const char *bad6[] = {"frontdoor.history_use=no"};
    load_fails("set.ini", bad6, 1, "--set frontdoor.history_use=no:", "did you mean [front_door]",
               NULL);
    const char *bad7[] = {"scenario.base=d.ini"};
    load_fails("set.ini", bad7, 1, "--set scenario.base=d.ini:", NULL);
    const char *bad8[] = {"event.x.type=demand_shock"};
    load_fails("set.ini", bad8, 1, "--set event.x.type=demand_shock:", "needs 'date'", NULL);
}

/* Every key in the tables can be set (with its own default, so the scenario stays valid): the
 * parser is driven by the tables, and a row added to them is a key at once. */
static void test_every_key_reachable(void)
{
    model_params p;
    params_defaults(&p);
    size_t n = params_specs_count + (size_t)ROLE_COUNT * params_staff_specs_count
               + params_event_specs_count + 1;
    char **sets = calloc(n, sizeof *sets);
    size_t k = 0;
    char v[512];
    for (size_t i = 0; i < params_specs_count; i++) {
        scn_format_value(&params_specs[i], &p, v, sizeof v);
        sets[k] = malloc(1024);
        snprintf(sets[k++], 1024, "%s.%s=%s", params_specs[i].section, params_specs[i].key, v);
    }
    for (int r = 0; r < ROLE_COUNT; r++)
        for (size_t i = 0; i < params_staff_specs_count; i++) {
            scn_format_value(&params_staff_specs[i], &p.staff[r], v, sizeof v);
            sets[k] = malloc(1024);
            snprintf(sets[k++], 1024, "staff.%s.%s=%s", params_role_name((params_role)r),
                     params_staff_specs[i].key, v);
        }
    put("empty-ish.ini", "[scenario]\nname = every key\n");
    scn_scenario s;
    char err[1024];
    int rc = scn_load(&s, path_of("empty-ish.ini"), (const char *const *)sets, k, err, sizeof err);
    CHECK_MSG(rc == 0, "every key by --set: %s", err);
    if (rc == 0) {
        for (size_t i = 0; i < s.n_settings; i++)
            CHECK_MSG(s.settings[i].source != SCN_FROM_DEFAULT || !strcmp(s.settings[i].key,
                                                                           "scenario.name"),
                      "%s not set", s.settings[i].key);
        CHECK_MSG(s.n_settings == params_specs_count + (size_t)ROLE_COUNT * params_staff_specs_count,
                  "settings count");
    }
    scn_free(&s);
    /* every event key, for every type that takes it, from a file */
    for (int t = 0; t < EVT_TYPE_COUNT; t++) {
        params_event e;
        params_event_defaults(&e, (params_event_type)t);
        e.date = cal_from_ymd(2011, 4, 1);
        snprintf(e.name, sizeof e.name, "e");
        char text[4096];
        size_t used = (size_t)snprintf(text, sizeof text, "[event \"e\"]\ntype = %s\n",
                                       params_event_type_name((params_event_type)t));
        for (size_t i = 0; i < params_event_specs_count; i++)
            if (params_event_specs[i].types & (1u << t)) {
                scn_format_value(&params_event_specs[i], &e, v, sizeof v);
                used += (size_t)snprintf(text + used, sizeof text - used, "%s = %s\n",
                                         params_event_specs[i].key, v);
            }
        rc = scn_load_buffer(&s, "mem.ini", text, strlen(text), NULL, 0, err, sizeof err);
        CHECK_MSG(rc == 0, "event type %s with every key: %s", params_event_type_name(t), err);
        if (rc == 0)
            CHECK_MSG(!memcmp(&s.params.events[0], &e, sizeof e), "event %s read back",
                      params_event_type_name(t));
        scn_free(&s);
    }
    for (size_t i = 0; i < k; i++)
        free(sets[i]);
    free(sets);
}

/* Write the resolved INI, load it on its own: the same parameters, bit for bit. */
static void round_trip(const char *path, const char *const *sets, size_t nsets)
{
    scn_scenario a, b;
    char err[1024];
    if (scn_load(&a, path, sets, nsets, err, sizeof err) < 0) {
        fprintf(stderr, "round trip: %s\n", err);
        check_failed++;
        return;
    }
    const char *out = path_of("resolved.ini");
    FILE *f = fopen(out, "w");
    CHECK_MSG(f && scn_write_resolved(&a, f) == 0, "write resolved");
    fclose(f);
    int rc = scn_load(&b, out, NULL, 0, err, sizeof err);
    CHECK_MSG(rc == 0, "%s: resolved file does not load: %s", path, err);
    if (rc == 0) {
        CHECK_MSG(!memcmp(&a.params, &b.params, sizeof a.params), "%s: params differ after round trip",
                  path);
        CHECK_MSG(a.n_settings == b.n_settings, "settings count");
        for (size_t i = 0; i < a.n_settings && i < b.n_settings; i++)
            CHECK_MSG(!strcmp(a.settings[i].value, b.settings[i].value), "%s: %s '%s' vs '%s'", path,
                      a.settings[i].key, a.settings[i].value, b.settings[i].value);
    }
    scn_free(&a);
    scn_free(&b);
}

static void test_round_trips(void)
{
    const char *sets[] = {"scenario.name=With sets", "demand.seasonal=1,1,1,1,1,1,1,0.5,1,1,1,1",
                          "staff.manager.salary=\xc2\xa3" "51,234.5"};
    round_trip(path_of("a.ini"), NULL, 0);
    /* a name that starts with ';' (found by the fuzzer): written without a space after '=' */
    put("semi.ini", "[scenario]\nname =;x ; a comment\n");
    round_trip(path_of("semi.ini"), NULL, 0);
    round_trip(path_of("ev-child.ini"), sets, 3);
    /* an event after the run's end is left out (found by the fuzzer): its freed slot must not
     * keep the event's values, or the resolved file loads to different parameters */
    put("late.ini", "[scenario]\nname = late\nyears = 1\n[event \"early\"]\ntype = demand_shock\n"
                    "date = 2011-01-10\nfactor = 1.2\n[event \"late\"]\ntype = demand_shock\n"
                    "date = 2031-01-27\nfactor = 1.01\n");
    round_trip(path_of("late.ini"), NULL, 0);
    const char *shipped[] = {"baseline", "isle-of-wight-2011", "centre-cut-27", "restructure",
                             "combined-2011", "investment", "units-done-well"};
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/scenarios/%s.ini", CASELOAD_SOURCE_DIR, shipped[i]);
        round_trip(p, NULL, 0);
    }
}

static void test_shipped(void)
{
    const char *names[] = {"baseline", "isle-of-wight-2011", "centre-cut-27", "restructure",
                           "combined-2011", "investment"};
    scn_scenario s[6];
    char err[1024];
    for (int i = 0; i < 6; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/scenarios/%s.ini", CASELOAD_SOURCE_DIR, names[i]);
        int rc = scn_load(&s[i], p, NULL, 0, err, sizeof err);
        CHECK_MSG(rc == 0, "%s", err);
        if (rc < 0)
            return;
        CHECK_MSG(!strcmp(s[i].id, names[i]), "id");
        char msg[512];
        CHECK_MSG(params_check(&s[i].params, msg, sizeof msg) == 0, "%s: %s", names[i], msg);
    }
    model_params d;
    params_defaults(&d);
    d.n_events = 0;
    snprintf(d.name, sizeof d.name, "%s", s[0].params.name);
    snprintf(d.label, sizeof d.label, "%s", s[0].params.label);
    CHECK_MSG(!memcmp(&d, &s[0].params, sizeof d), "baseline.ini is the defaults");
    const model_params *iow = &s[1].params;
    CHECK_MSG(iow->children == 26100 && iow->staff[ROLE_SOCIAL_WORKER].fte == 70
                  && iow->start == cal_from_ymd(2010, 4, 1) && iow->years == 5 && iow->warmup == 783,
              "Isle of Wight");
    for (int i = 2; i < 6; i++) {
        /* the alternatives differ from the Isle of Wight only in their name, events and the keys
         * they state */
        CHECK_MSG(s[i].params.children == iow->children, "%s inherits", names[i]);
        CHECK_MSG(s[i].params.n_events >= 1, "%s has events", names[i]);
    }
    const params_event *cut = &s[2].params.events[0];
    CHECK_MSG(cut->type == EVT_BUDGET_CUT && cut->fraction == 0.27 && cut->closure_share > 0
                  && cut->target == ROLE_EARLY_HELP && cut->date == cal_from_ymd(2011, 4, 1)
                  && cut->management_share > 0
                  && fabs(cut->fte_share + cut->closure_share + cut->management_share - 1) < 1e-9,
              "centre cut");
    const params_event *inv = &s[5].params.events[0];
    CHECK_MSG(inv->type == EVT_INVESTMENT && inv->fte == 16 && inv->target == ROLE_SOCIAL_WORKER,
              "investment: the redesign's 16 posts");
    for (int i = 0; i < 6; i++)
        scn_free(&s[i]);
}

static void test_buffer_equals_file(void)
{
    const char *text = "[scenario]\nname = mem\n[demand]\nchildren = 1,234\n";
    put("mem.ini", text);
    scn_scenario a, b;
    char err[512];
    CHECK_MSG(scn_load(&a, path_of("mem.ini"), NULL, 0, err, sizeof err) == 0, "%s", err);
    CHECK_MSG(scn_load_buffer(&b, path_of("mem.ini"), text, strlen(text), NULL, 0, err, sizeof err)
                  == 0, "%s", err);
    CHECK_MSG(!memcmp(&a.params, &b.params, sizeof a.params), "buffer and file agree");
    scn_free(&a);
    scn_free(&b);
}

static void test_relations_blame_the_later_key(void)
{
    put("rel-base.ini", "[front_door]\nthreshold_referral = 1.5\n");
    put("rel.ini", "[scenario]\nbase = rel-base.ini\n\n[front_door]\nthreshold_early_help = 1.6\n");
    load_fails("rel.ini", NULL, 0, "rel.ini:5:", "threshold_early_help must be below", NULL);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/caseload-scn-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_chain();
    test_cycles_and_missing();
    test_events();
    test_sets();
    test_every_key_reachable();
    test_round_trips();
    test_shipped();
    test_buffer_equals_file();
    test_relations_blame_the_later_key();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_scenario_load");
}
