"""The shell: the start, the main window and its menus, the case list, the open-case view."""
