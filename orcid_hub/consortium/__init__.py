"""Consortium management: the records the lead keeps for the annual deliverables."""
