"""Pipeline steps, one per module; see :mod:`localize.registry` for their names."""
