"""Tightly converged offset-power reference: fit_scipy.py's optimum polished by curve_fit with
ftol = xtol = gtol = 1e-15 (fit_scipy.py keeps scipy's default 1e-8 tolerances, which leave its SEs up to
~1e-5 relative from the exact optimum). Usage: tight_offset.py DATA.csv SCIPY.json > TIGHT.json"""
import csv
import json
import sys

import numpy as np
from scipy.optimize import curve_fit

data, reference = sys.argv[1], json.load(open(sys.argv[2]))
rows = list(csv.DictReader(open(data)))
out = {'impl': 'scipy curve_fit, tolerances 1e-15, started at fit_scipy.py optimum', 'groups': {}}
for g, r in reference['groups'].items():
    x = np.array([float(row['x']) for row in rows if row['group'] == g])
    y = np.array([float(row['y']) for row in rows if row['group'] == g])
    p0 = [r['params'][k] for k in ('c', 'a', 'b')]
    popt, pcov = curve_fit(lambda x, c, a, b: c + a * np.power(x, -b), x, y, p0=p0, ftol=1e-15, xtol=1e-15,
                           gtol=1e-15, maxfev=100000)
    se = np.sqrt(np.diag(pcov))
    out['groups'][g] = {'params': dict(zip('cab', map(float, popt))), 'se': dict(zip('cab', map(float, se)))}
print(json.dumps(out))
