"""The PySide6 desktop interface: the only package that imports Qt."""

from interventiondesk.gui.shared.pyside_import_hook import stop_keeping_module_sources

stop_keeping_module_sources()
