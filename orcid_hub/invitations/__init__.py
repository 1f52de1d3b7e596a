"""Invitations: institution admins invite researchers (and the lead invites admins)."""
