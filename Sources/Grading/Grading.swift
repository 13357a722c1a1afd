/// Answer extraction and step checking.
