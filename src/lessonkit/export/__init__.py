"""Exports for classroom platforms: Moodle GIFT, QTI 1.2 assessments and IMS Common Cartridge 1.3.

Every export reads the same quiz model (`lessonkit.load.quiz`) of the lessons that are ready in a
locale, with the locale's help services filled in, so an imported quiz says what the handout says.
"""
