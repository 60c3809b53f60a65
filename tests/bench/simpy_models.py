"""The peer side of tests/bench/vs-simpy.sh: the two benchmark models written in SimPy.

Run with Debian's interpreter (Debian's python3-simpy3 is importable only from it):
    /usr/bin/python3 simpy_models.py mmc SERVERS ARRIVAL_RATE SERVICE_MEAN CUSTOMERS REPS SEED
    /usr/bin/python3 simpy_models.py pathway REFERRALS REPS SEED
Prints one line a replication, "rep R WAIT...", in the format of bench_pathway (the same models on
caseload's engine), so the script can compare them. Written the way SimPy's documentation writes
queues (a Resource per pool, a process per customer); first come, first served.
This is a benchmark peer only: nothing in caseload uses Python.
"""
import math
import random
import sys

import simpy


def mmc_rep(servers, rate, service_mean, customers, seed):
    env = simpy.Environment()
    pool = simpy.Resource(env, capacity=servers)
    arr, svc = random.Random(seed * 2), random.Random(seed * 2 + 1)
    stats = [0.0, 0]

    def customer():
        arrived = env.now
        with pool.request() as req:
            yield req
            stats[0] += env.now - arrived
            stats[1] += 1
            yield env.timeout(svc.expovariate(1.0 / service_mean))

    def source():
        for _ in range(customers):
            yield env.timeout(arr.expovariate(rate))
            env.process(customer())

    env.process(source())
    env.run()
    return [stats[0] / stats[1]]


# The pathway: referrals 4.5 a day; screening by 4 servers, exponential mean 0.5 days; 40% go on to
# assessment by 20 workers, lognormal mean 10 days and CV 0.5; half of those go on to case work,
# 360 places, exponential mean 90 days.
RATE, SCREENERS, SCREEN_MEAN, P_ASSESS = 4.5, 4, 0.5, 0.4
WORKERS, ASSESS_MEAN, ASSESS_CV, P_CASE = 20, 10.0, 0.5, 0.5
PLACES, CASE_MEAN = 360, 90.0
LN_SIGMA = math.sqrt(math.log(1 + ASSESS_CV ** 2))
LN_MU = math.log(ASSESS_MEAN) - LN_SIGMA ** 2 / 2


def pathway_rep(referrals, seed):
    env = simpy.Environment()
    pools = [simpy.Resource(env, capacity=c) for c in (SCREENERS, WORKERS, PLACES)]
    rng = random.Random(seed)
    wait = [0.0, 0.0, 0.0]
    count = [0, 0, 0]

    def stage(k, duration):
        arrived = env.now
        with pools[k].request() as req:
            yield req
            wait[k] += env.now - arrived
            count[k] += 1
            yield env.timeout(duration)

    def referral():
        yield from stage(0, rng.expovariate(1.0 / SCREEN_MEAN))
        if rng.random() < P_ASSESS:
            yield from stage(1, rng.lognormvariate(LN_MU, LN_SIGMA))
            if rng.random() < P_CASE:
                yield from stage(2, rng.expovariate(1.0 / CASE_MEAN))

    def source():
        for _ in range(referrals):
            yield env.timeout(rng.expovariate(RATE))
            env.process(referral())

    env.process(source())
    env.run()
    return [w / max(n, 1) for w, n in zip(wait, count)]


def main(argv):
    if len(argv) == 8 and argv[1] == "mmc":
        c, rate, mean, n, reps, seed = int(argv[2]), float(argv[3]), float(argv[4]), int(argv[5]), \
            int(argv[6]), int(argv[7])
        run = lambda r: mmc_rep(c, rate, mean, n, seed * 100003 + r)
    elif len(argv) == 5 and argv[1] == "pathway":
        n, reps, seed = int(argv[2]), int(argv[3]), int(argv[4])
        run = lambda r: pathway_rep(n, seed * 100003 + r)
    else:
        sys.stderr.write(__doc__)
        return 2
    for r in range(reps):
        print("rep", r, " ".join("%.9g" % w for w in run(r)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
