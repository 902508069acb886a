"""The data model and the ZI rules, as data: `schema` (datasets, columns, aliases), `enums`
(stages, modes, …), `rules` (the LKE rule sets per regulation, eligibility, gaps), `attendance`
(latest event, best mode), `errors` (the exception tree).
"""
