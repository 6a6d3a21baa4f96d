"""Sync support for mirrors: the deletions feed (registered on the router in panel.api)."""
