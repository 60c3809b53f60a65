/* Parameter sets the model tests share: every lever at once, and stressed authorities. */
#ifndef CASELOAD_MODEL_SCENARIOS_H
#define CASELOAD_MODEL_SCENARIOS_H

#include <stdio.h>
#include "model_testutil.h"

static inline params_event *add_event(model_params *p, params_event_type type, int y, int m, int d)
{
    params_event *ev = &p->events[p->n_events++];
    params_event_defaults(ev, type);
    snprintf(ev->name, sizeof ev->name, "%s-%d", params_event_type_name(type), p->n_events);
    ev->date = cal_from_ymd(y, m, d);
    return ev;
}

/* Every event type, dated inside the measured period (2010-04-01 for five years). */
static inline void every_lever(model_params *p)
{
    params_event *ev = add_event(p, EVT_BUDGET_CUT, 2011, 4, 1);
    ev->target = ROLE_EARLY_HELP;
    ev->fraction = 0.27;
    ev->fte_share = 0.15;
    ev->closure_share = 0.75;
    ev->management_share = 0.10;
    ev = add_event(p, EVT_RESTRUCTURE, 2011, 6, 1);
    ev->duration = 130;
    ev->handoff_share = 0.3;
    ev->new_caseload_cap = 20;
    ev = add_event(p, EVT_THRESHOLD_PRESSURE, 2011, 9, 1);
    ev->threshold_shift = 0.2;
    ev->outcome_shift = 0.1;
    ev->ramp = 60;
    ev = add_event(p, EVT_HISTORY_USE, 2012, 1, 2);
    ev->enabled = 0;
    ev = add_event(p, EVT_RECRUITMENT_FREEZE, 2012, 4, 2);
    ev->duration = 120;
    ev = add_event(p, EVT_INVESTMENT, 2013, 4, 2);
    ev->target = ROLE_SOCIAL_WORKER;
    ev->fte = 6;
    ev->ramp = 60;
    ev = add_event(p, EVT_AGENCY_CAP, 2013, 6, 3);
    ev->cap = 0.05;
    ev->duration = 200;
    ev = add_event(p, EVT_DEMAND_SHOCK, 2014, 1, 6);
    ev->factor = 1.3;
    ev->ramp = 40;
    ev->duration = 200;
    ev = add_event(p, EVT_BUDGET_CUT, 2014, 6, 2);
    ev->target = ROLE_SOCIAL_WORKER;
    ev->fraction = 0.1;
    ev->by_attrition = 1;
}

/* Events back in date order (the model requires it), keeping the order of those on one day. */
static inline void sort_events(model_params *p)
{
    for (int i = 1; i < p->n_events; i++)
        for (int j = i; j > 0 && p->events[j].date < p->events[j - 1].date; j--) {
            params_event t = p->events[j];
            p->events[j] = p->events[j - 1];
            p->events[j - 1] = t;
        }
}

/* A hurried move into units (competence not checked) and, two years on, back to pools. */
static inline void into_units_and_back(model_params *p)
{
    params_event *ev = add_event(p, EVT_RESTRUCTURE, 2011, 1, 4);
    ev->duration = 130;
    ev->handoff_share = 0.4;
    ev->structure = STRUCTURE_UNITS;
    ev->competence_checked = 0;
    ev->settling = 253;
    ev->unchecked_noise = 2;
    ev = add_event(p, EVT_RESTRUCTURE, 2013, 1, 7);
    ev->duration = 65;
    ev->handoff_share = 0.2;
    ev->structure = STRUCTURE_POOLS;
    sort_events(p);
}

#endif
