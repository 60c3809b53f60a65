/* snapshot: the open cases, the families known to the service and the staff in post on one date,
 * from which a run starts instead of a warm-up (docs/snapshot.md gives the files' formats).
 *
 * A model_snapshot is plain data: rows as an authority's records give them, with what they do
 * not say left unknown (NAN, or -1 for a count). sim/scenario/scn_snapshot.c reads and writes the
 * folder of CSV files; model_run starts from one when model_params.snapshot is set, drawing what
 * is unknown (a family's need within the level its status implies, the time left of a plan given
 * how long it has run) from the replication's own stream, so every replication starts from the
 * same cases with its own luck. model_snapshot_take records the end of a run in the same form,
 * with the model's own values filled in, so a run continued from it picks up where it stopped.
 *
 * Ownership: the arrays are the struct's; model_snapshot_free releases them (safe on a zeroed
 * struct). Rows refer to staff by index into `staff`, not by name, once read.
 */
#ifndef CASELOAD_SNAPSHOT_H
#define CASELOAD_SNAPSHOT_H

#include <stddef.h>
#include "calendar.h"

#define SNAP_MAX_AGE_DAYS 6574 /* 18 years: no child's case or history is older */
#define SNAP_ID_MAX 32
#define SNAP_RECENT 5 /* latest contact dates kept (a chronology reads them) */ /* a family's or worker's identifier, as the authority's records give it */

/* Status of an open social care case (open_cases.csv). */
typedef enum snap_case_status {
    SNAP_AWAITING,   /* referred, no worker yet: "awaiting allocation" */
    SNAP_ASSESSMENT, /* allocated, assessment under way: "in assessment" */
    SNAP_CIN,        /* "child in need" plan */
    SNAP_S47,        /* "section 47" enquiry, conference not yet held */
    SNAP_CP,         /* "protection plan" */
    SNAP_LAC,        /* "looked after" */
    SNAP_CASE_STATUS_COUNT
} snap_case_status;

/* Status of a family known to the service without an open case (families.csv). */
typedef enum snap_family_status {
    SNAP_CONTACT,    /* "contact": a contact not yet decided by the front door */
    SNAP_SENT_AWAY,  /* "sent away": no further action or early help ended, need not met */
    SNAP_CLOSED,     /* "closed": a social care case closed with its need met */
    SNAP_EH,         /* "early help": in an early help episode */
    SNAP_EH_WAITING, /* "waiting for early help" */
    SNAP_FAMILY_STATUS_COUNT
} snap_family_status;

const char *snap_case_status_name(int s);   /* "awaiting allocation", ... */
const char *snap_family_status_name(int s); /* "contact", ... */

typedef struct snap_case {
    char family[SNAP_ID_MAX];
    int children;        /* children on the case (1..) */
    int status;          /* snap_case_status */
    cal_date start;      /* referral (awaiting, assessment), or when the enquiry or plan began */
    int worker;          /* index into staff, or -1 (must be -1 for awaiting allocation) */
    /* optional: what the model knows and records do not (NAN or -1 when not given) */
    double need;         /* latent need score */
    double presentation; /* how much better the family looks than it is (need score) */
    double effort;       /* hours the assessment needs in all */
    double hours_left;   /* hours of it still to do */
    int contacts, referrals; /* the family's contacts and referrals so far */
    cal_date referred;   /* referral date of a plan case (0: not given) */
    cal_date recent[SNAP_RECENT]; /* its latest contacts, newest first (0: none or not given) */
} snap_case;

typedef struct snap_family {
    char family[SNAP_ID_MAX];
    int children;
    int status;          /* snap_family_status */
    cal_date since;      /* when it left, or its episode or wait began, or the contact came */
    int returns;         /* 1 it will contact again, 0 it will not, -1 not known (the model draws) */
    double need, presentation; /* optional, as for cases */
    int contacts, referrals;
    cal_date last_referral; /* 0: none or not given */
    cal_date recent[SNAP_RECENT]; /* as for cases: a chronology counts them */
} snap_family;

typedef struct snap_staff {
    char worker[SNAP_ID_MAX];
    int role;            /* params_role */
    double fte;          /* 0 < fte <= 1: a part-time worker has that share of the hours */
    int agency;          /* 1 agency, 0 employed */
    int nqsw;            /* newly qualified (in the assessed first year) */
    cal_date start;      /* took up post */
} snap_staff;

typedef struct model_snapshot {
    cal_date date;       /* the run starts on this day */
    snap_case *cases; size_t ncases, capcases;
    snap_family *families; size_t nfamilies, capfamilies;
    snap_staff *staff; size_t nstaff, capstaff;
} model_snapshot;

void model_snapshot_free(model_snapshot *s);

#endif
