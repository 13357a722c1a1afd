/// Metrics over graded samples.
