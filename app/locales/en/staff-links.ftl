# What HR, analysts and administrators read. English only for now: other
# languages fall back to these until they are translated.

staff-links-forbidden-title = Not allowed
staff-links-forbidden-text = Only administrators and analysts manage survey links.
staff-new-link-title = New personal link
staff-new-link-text = A new personal link for { $name }. It is shown only this once; the previous link no longer works.
staff-link-label = Personal link
staff-back-to-survey = Back to the survey
staff-no-person-title = No such person
staff-no-new-link-title = No new link
staff-not-revoked-title = Not revoked
