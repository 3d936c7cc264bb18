"""Importers for public rule bases: ftr-site-config site patterns and ad-blocker cosmetic lists."""
