#!/usr/bin/env bash
# The golden outputs (tests/golden/) reproduced byte for byte: see scripts/golden.sh.
exec bash "$2/scripts/golden.sh" "$1" "$2"
