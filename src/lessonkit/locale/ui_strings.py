"""Every interface string (handout headings, site labels, slide-notes labels), in English.

Renderers wrap each one with `lessonkit.locale.ui.translator(root, language)`; `lessonkit i18n extract`
writes this list to `locales/templates/ui.pot` for translators. Add a label here before using it.
"""

from __future__ import annotations

# (English text, note for translators)
UI_STRINGS: tuple[tuple[str, str], ...] = (
    ("Get help", "Heading of the help box on handouts, slides and web pages."),
    ("Get help now", "Button or banner leading to help services."),
    ("Objectives", "Heading: what learners will be able to do."),
    ("Vocabulary", "Heading: words used in the lesson, with meanings."),
    ("Key messages", "Heading: the few sentences to remember."),
    ("Activities", "Heading of the teacher's plan."),
    ("Safeguarding", "Heading of the box telling teachers how to respond to a disclosure."),
    ("Quiz", "Heading of the quiz."),
    ("Answers", "Heading of the quiz answers."),
    ("For families", "Heading of the take-home sheet for parents and carers."),
    ("Teacher's plan", "Name of a downloadable document."),
    ("Handout", "Name of a downloadable document for students."),
    ("Large print", "Name of the large-print version of a handout."),
    ("Family sheet", "Name of a downloadable document for parents and carers."),
    ("Slides (PowerPoint)", "Name of a downloadable, editable slide deck."),
    ("Slides (PDF)", "Name of a downloadable PDF of the slides."),
    ("Speaker notes", "Label of the notes a teacher reads with each slide."),
    ("Minutes", "Unit after a number, e.g. '10 minutes' in an activity heading."),
    ("Duration", "Label of a lesson's length."),
    ("Sources", "Heading: the report findings a lesson draws on."),
    ("Licence", "Label of the content licence (CC BY-SA 4.0)."),
    ("Last updated", "Label before a date."),
    ("Ages", "Label before an age range, e.g. 'Ages 8 to 10'."),
    ("Home", "Site navigation: the start page."),
    ("Teachers", "Site navigation: the section for teachers."),
    ("Parents and carers", "Site navigation: the section for parents and carers."),
    ("Educators", "Site navigation: the section for educators."),
    ("NGOs and translators", "Site navigation: the section for organisations adapting the curriculum."),
    ("Coverage", "Heading of the table of which topics each age band covers."),
    ("Help", "Short label of the help page."),
    ("Download", "Link or button that downloads a file."),
    ("Handbook", "Name of the printed book of all lessons of one age band."),
    ("Contents", "Heading of a table of contents."),
    ("Page", "Label before a page number."),
    ("Notes", "Label of the speaker-notes placeholder in a slide deck."),
    ("Stage", "Label of an activity's stage: starter, main or plenary."),
    ("Starter", "Activity stage: the opening activity."),
    ("Main", "Activity stage: the main part of the lesson."),
    ("Plenary", "Activity stage: the closing activity."),
    ("Ground rules", "Heading of the class's ground rules reminder."),
    ("Teacher's note", "Heading of background notes for the teacher."),
    ("Open", "Opening hours label of a help service."),
    ("Cost", "Label of what a help service costs."),
    ("Languages", "Label of the languages a help service is offered in."),
    ("Not yet confirmed: check before printing", "Warning beside a help-service entry that has not been verified."),
    (
        "This translation is not complete; the English text is shown",
        "Notice at the top of a guide shown partly in English.",
    ),
    (
        "This lesson is not yet available in this language",
        "Notice on the site where an untranslated student lesson would be.",
    ),
    ("You will not be in trouble for telling.", "Closing line of every help box; must stay reassuring."),
)
