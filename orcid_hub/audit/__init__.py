"""The audit log: who changed what, recorded on every flush."""
