"""Older import paths, kept so existing notebooks still run: use ``cjm_widgets.templates``."""
