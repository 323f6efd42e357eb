"""lessonkit: an open curriculum and toolkit for preventing online child sexual exploitation."""

__version__ = "0.1.0"
