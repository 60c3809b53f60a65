# The two commands a user needs (README): `make demo` and `make check`.
# Every target installs what is missing first (scripts/setup-deps.sh), then builds with CMake.
BUILD ?= build
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
OUT   ?= out
CASELOAD = $(BUILD)/caseload

.PHONY: all deps test-deps ci-deps build demo check check-sanitize check-valgrind check-cluster fuzz docs golden bench install deb check-fresh clean

all: build

deps:
	@bash scripts/setup-deps.sh build

test-deps:
	@bash scripts/setup-deps.sh test

ci-deps:
	@bash scripts/setup-deps.sh ci

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The main job: the shipped scenarios compared, charts and report written to $(OUT)/.
demo: build
	$(CASELOAD) compare scenarios/isle-of-wight-2011.ini scenarios/centre-cut-27.ini \
	  scenarios/restructure.ini scenarios/units-done-well.ini scenarios/combined-2011.ini \
	  scenarios/investment.ini --reps 200 --seed 20110401 --out $(OUT)
	@echo "Report: $(abspath $(OUT))/report.html"

check: test-deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
check-sanitize: test-deps
	cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCASELOAD_SANITIZE=ON
	cmake --build build-sanitize -j $(JOBS)
	cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

# One small comparison under valgrind: any memory error or leak fails.
check-valgrind: ci-deps build
	rm -rf $(BUILD)/valgrind-out
	valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	  --suppressions=tests/valgrind.supp \
	  $(CASELOAD) compare scenarios/isle-of-wight-2011.ini scenarios/centre-cut-27.ini \
	  --reps 2 --years 2 --threads 2 --seed 7 --quiet --out $(BUILD)/valgrind-out

# A one-node Slurm cluster (slurm-wlm, munge) started in a temporary folder runs a comparison as a
# 4-task job array and its merge; the merged folder must equal the single run byte for byte
# (docs/cluster.md). Fails, with the reason, when the cluster cannot be started.
check-cluster: build
	@bash scripts/setup-deps.sh cluster
	bash scripts/check-cluster.sh $(CASELOAD) $(CURDIR)

# libFuzzer targets for the scenario and --set parsers and the results reader of plot;
# FUZZ_SECONDS per target (default 30).
fuzz: ci-deps
	bash scripts/fuzz.sh

# Regenerate the key reference in docs/scenarios.md from the parameter tables.
docs: build
	bash scripts/refresh-keys.sh $(CASELOAD)

# Regenerate tests/golden/ (fixed-seed outputs the golden test compares byte for byte): only in a
# commit that is meant to move results, whose message says why.
golden: build
	bash scripts/golden.sh $(CASELOAD) $(CURDIR) --update

# caseload on the PATH: bin/caseload, the scenarios and data under share/caseload/, the man page
# and bash completion (PREFIX, default /usr/local).
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The Debian package (CPack), built with /usr as its prefix: $(BUILD)/caseload_VERSION_ARCH.deb.
deb: build
	@bash scripts/setup-deps.sh deb
	cd $(BUILD) && cpack -G DEB
	@ls $(BUILD)/caseload_*.deb

bench: build
	@ls $(BUILD)/tests/bench/bench_* >/dev/null 2>&1 && for b in $(BUILD)/tests/bench/bench_*; do echo "== $$b"; $$b; done

# `make check` as a new user meets it: minimal Debian 12 (debootstrap), only make and git added.
check-fresh:
	@bash scripts/setup-deps.sh fresh
	bash scripts/check-fresh.sh

clean:
	rm -rf $(BUILD) build-sanitize
