"""Evaluating the lessons: a pre/post questionnaire per band, and a report pooling the answers of many classes.

No learner is ever identified: the questionnaire asks no name, the offline form keeps answers
only until the teacher downloads them, and the report refuses personal columns and hides the
figures of small groups.
"""
