"""Bytes in, clean tables and a report out: `sources` (files), `reader` (format, sheets, header
rows), `cells` (parsing), `rows` (row checks per dataset), `validate` (the whole check),
`report` and `report_workbook` (issues and their workbook), `template` (the upload template).
"""
