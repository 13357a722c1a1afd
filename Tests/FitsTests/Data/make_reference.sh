#!/bin/sh
# Regenerates the scipy agreement data of FitsTests (run from this directory):
#   PEERS=/path/to/peers PY=/path/to/python-with-scipy sh make_reference.sh
# PEERS is the directory holding make_fit_data.py and fit_scipy.py (the workspace's shared/peers); PY a Python
# with numpy and scipy. Both must be given: the tests themselves only read the files this script wrote.
# Data: make_fit_data.py (known ground truth; --paper: the paper's Table 1) and make_hard_offset.py;
# references: fit_scipy.py (numpy lstsq / scipy curve_fit) and tight_offset.py (offset-power polished to 1e-15).
set -e
PY=${PY:?set PY to a python with numpy and scipy}
PEERS=${PEERS:?set PEERS to the directory holding make_fit_data.py and fit_scipy.py}
$PY $PEERS/make_fit_data.py --out ground-truth.csv
$PY $PEERS/make_fit_data.py --seed 7 --logit-noise 0.05 --out ground-truth-logit-noise.csv
$PY $PEERS/make_fit_data.py --paper --out paper.csv
$PY make_hard_offset.py > hard-offset.csv
$PY $PEERS/fit_scipy.py ground-truth.csv --x x --y y --group group --model power > scipy-ground-truth-power.json
$PY $PEERS/fit_scipy.py ground-truth.csv --x x --y y --group group --model logit-power \
    --only offset_power,accuracy_logit > scipy-ground-truth-logit-power.json
$PY $PEERS/fit_scipy.py ground-truth-logit-noise.csv --x x --y y --group group --model logit-power \
    --only offset_power,accuracy_logit > scipy-ground-truth-logit-noise-logit-power.json
$PY $PEERS/fit_scipy.py ground-truth.csv --x x --y y --group group --model offset-power \
    --only offset_power,accuracy_logit > scipy-ground-truth-offset-power.json
$PY $PEERS/fit_scipy.py paper.csv --x x --y y --group group --model power > scipy-paper-power.json
$PY $PEERS/fit_scipy.py paper.csv --x x --y y --group group --model logit-power --percent > scipy-paper-logit-power.json
$PY $PEERS/fit_scipy.py hard-offset.csv --x x --y y --group group --model offset-power > scipy-hard-offset-offset-power.json
$PY tight_offset.py ground-truth.csv scipy-ground-truth-offset-power.json > tight-ground-truth-offset-power.json
$PY tight_offset.py hard-offset.csv scipy-hard-offset-offset-power.json > tight-hard-offset-offset-power.json
