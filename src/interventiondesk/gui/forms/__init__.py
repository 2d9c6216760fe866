"""Forms compiled from the Qt Designer files in ui/ by pyside6-uic: generated, do not edit."""
