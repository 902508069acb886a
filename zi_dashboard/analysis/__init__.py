"""Pure computations on clean tables: `filters`, `metrics` (agents, attendance, stages, the
headline), `action_plans`, `profile` (one unit whole), `frames` (shared helpers).
"""
