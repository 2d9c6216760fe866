"""Exports that leave the workspace: calendar files, PDFs and case files. No Qt."""
