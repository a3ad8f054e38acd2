# The respondent's page: what a person reads when they answer a survey.

respond-open-until = Open until { $date }
respond-hello = Hello { $name }.
respond-closed = This survey has closed. Thank you for your interest; answers can no longer be given or changed.
respond-submitted = Thank you: your answers are submitted. You can come back and change them until the survey closes.
respond-saved = Saved.
respond-declined-noted = Noted: you prefer not to take part. You will get no reminders, and nothing you had saved is kept.
respond-save = Save
respond-about-you = About you
respond-submit = Submit
respond-submit-changes = Submit changes
respond-save-later = Save and finish later
respond-decline = I prefer not to take part…
respond-decline-explained = Anything you saved is deleted, and you get no reminders. You can take part again until the survey closes.
respond-decline-confirm = Yes, I prefer not to take part
respond-more-intro = More about this survey
respond-who-sees-what = Who sees what, and for how long
respond-declined = You said you prefer not to take part in this survey. You will get no reminders about it.
respond-take-part = Take part after all
respond-suggested-less = You asked to be suggested less often, so Knit suggests you to at most one newcomer a quarter.
respond-suggested = In the last three months, Knit suggested you to { $count ->
        [one] { $count } newcomer
       *[other] { $count } newcomers
    } as someone worth meeting. Thank you for helping them find their way.
respond-suggest-as-usual = Suggest me as usual
respond-suggest-less = Suggest me less often
respond-remove = Remove
respond-remove-person = Remove { $name }
respond-no-match-query = No one matches “{ $query }”. Type at least two letters of a name, team or title.
respond-matching = Matching colleagues
respond-find-colleague = Find a colleague: { $question }
respond-language = Language
respond-language-change = Change language
respond-choose = Choose…
respond-strongly-disagree = Strongly disagree
respond-disagree = Disagree
respond-neither = Neither
respond-agree = Agree
respond-strongly-agree = Strongly agree
respond-answer-saved = Saved
respond-answer-not-saved = Not saved: use Save below

picker-added-now = Added just now
picker-placeholder = Name, team or title
picker-find = Find
picker-no-match = No one matches. Try part of a name, team or title.
picker-results = Colleagues matching your search ({ $question })
picker-found = { $count ->
        [0] No one matches.
        [one] { $count } colleague found.
       *[other] { $count } colleagues found.
    }
picker-added = { $name } added.
picker-not-added = { $name } was not added: { $reason }
picker-taken-off = { $name } taken off.

# Errors a respondent can meet.
respond-open-from-link = Open the survey from the personal link in your invitation.

# Why answers were not saved.
respond-refused-too-many = You named { $named } colleagues; one form takes at most { $most }. Remove some and save again.
respond-refused-not-in-survey = A colleague you named is not among the people this survey asks about. Remove them and try again.
respond-refused-question-not-asked = An answer is for a question this survey does not ask. Reload the page.
respond-refused-named-self = You cannot name yourself.
respond-refused-named-twice = The same colleague is named twice for one question.
respond-refused-scale-value = { $scale }: choose a value from the list.
respond-refused-rating-not-asked = An answer has a rating this question does not ask. Reload the page.
respond-refused-not-a-choice = { $question }: this answer is not one of the choices (or is too long).
respond-refused-rate-unnamed = Add this colleague first, then rate them.
respond-refused-closed = This survey has closed; answers can no longer change.
respond-refused-language = Choose one of the languages listed.
