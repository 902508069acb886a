"""Files people take away: `images` (PNG/SVG through one warm Chromium), `sheets` (XLSX/CSV and
the spreadsheet safety rules), `briefing` (a pack's content), `deck`/`deck_pdf`/`pptx_chart`
(PPTX, PDF, native charts), `factsheet`/`factsheet_pdf` (one page per unit).
"""
