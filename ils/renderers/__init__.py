"""Renderers: domain Document -> JSON, HTML, PDF, DOCX, XLSX, text."""
