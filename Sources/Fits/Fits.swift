/// Scaling-law fits; see Fit.swift.
