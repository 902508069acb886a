"""Display-ready tables and cards: `dashboard` (pages), `admin_tables` (upload and history),
`summaries` (the CLI's JSON and text).
"""
