"""Help services as every document prints them: entries for help boxes, and help slides that fit."""
