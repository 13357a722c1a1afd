/// The study runner.
