# What HR, analysts and administrators read on the email wording pages. English only for now:
# other languages fall back to these until they are translated.

wording-surveys = Surveys
wording-email-wording = Email wording
wording-every-survey-s-invitations-and = Every survey's invitations and reminders use these words. Each message is sent as plain text and as HTML, with the person's own link.
wording-placeholders = Placeholders
wording-the-organization-s-language-is = The organization's language is saved.
wording-built-in-wording = · built-in wording
wording-subject = Subject
wording-message = Message
wording-preview = Preview
wording-save = Save
wording-restore-the-built-in-wording = Restore the built-in wording
wording-the-wording-in-each-language = The wording in each language
wording-the-organization-s-language = The organization's language
wording-save-language = Save language
wording-saved = { $label } saved.
wording-preview-2 = Preview: { $label }
wording-the-message-as-html = The message as HTML: { $label }
wording-the-organization-s = { $english-name } (the organization's)
wording-the-wording-in-the-organization = The wording in { $english-name }, the organization's language.
wording-the-wording-people-who-read = The wording people who read { $english-name } get. Until you change it, it is Knit's own in { $english-name }.
wording-used-for-people-whose-roster = Used for people whose roster gives no language (with no language set in their browser either). Each language's wording is its own tab below; Knit speaks { $join }.
wording-language-choose-one-of-the = Language: choose one of the languages listed.
purpose-invitation = Invitation
purpose-reminder = Reminder
purpose-pulse = Newcomer pulse
purpose-introductions = Introductions for a newcomer
purpose-manager-copy = Introductions, the manager's copy
purpose-heads-up = Heads-up to an introduced colleague
purpose-did-you-meet = "Did you meet?" to a newcomer
purpose-password-reset = Link to set a new password
purpose-account-welcome = A new account's link to set its password
