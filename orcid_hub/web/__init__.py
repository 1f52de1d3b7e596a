"""Pages shared by every role: the front page, health, errors."""
