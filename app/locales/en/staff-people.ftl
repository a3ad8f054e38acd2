# What HR, analysts and administrators read on the roster pages. English only for now:
# other languages fall back to these until they are translated.

people-people = People
people-loading = Loading…
people-import-csv = Import CSV
people-export-csv = Export CSV
people-the-person-and-everything-about = The person and everything about them were erased.
people-search-by-name-email-team = Search by name, email, team or title
people-include-leavers = Include leavers
people-search = Search
people-no-one-matches = No one matches.
people-name = Name
people-title = Title
people-team = Team
people-department = Department
people-location = Location
people-pages = Pages
people-previous = ← Previous
people-next = Next →
people-leaver = leaver
people-introductions-to-newcomers = Introductions to newcomers
people-saved = Saved.
people-manager-chain = Manager chain
people-no-manager = No manager.
people-history = History
people-no-changes-recorded-since-this = No changes recorded since this person was added.
people-seen-on = Seen on
people-field = Field
people-from = From
people-to = To
people-by = By
people-edit = Edit
people-export-their-data = Export their data
people-erase = Erase…
people-edit-person = Edit person
people-other-attributes = Other attributes
people-one-per-line-as-name = One per line, as Name: value (for example Grade: 5).
people-save = Save
people-saving = Saving…
people-erase-this-person = Erase this person?
people-erasure-honours-a-request-under = Erasure honours a request under the right to erasure. It cannot be undone. This will remove:
people-their-email-in-other-people = their email in other people's manager history
people-to-stop-surveying-a-leaver = To stop surveying a leaver while keeping past networks intact, deactivate them instead.
people-import-the-roster = Import the roster
people-upload-a-csv-export-from = Upload a CSV export from your HR system. Nothing changes until you have seen a preview and applied it.
people-csv-file = CSV file
people-utf-8-comma-or-semicolon = UTF-8, comma or semicolon separated, one row per person. Columns Knit knows: Email, Full Name
people-or-first-last-name-preferred = (or First/Last Name), Preferred Name, Department, Team, Title, Manager Email, Location,
people-hire-date-end-date-any = Hire Date, End Date. Any other column is kept as a custom attribute.
people-changes-seen-on = Changes seen on
people-the-date-of-the-export = The date of the export; history is dated with it. Leave empty for today.
people-deactivate-active-people-who-are = Deactivate active people who are missing from this file (leavers)
people-upload-and-preview = Upload and preview
people-reading-the-file = Reading the file…
people-upload-a-file = Upload a file
people-import = Import
people-preview = Preview:
people-to-add = to add
people-to-change = to change
people-unchanged = unchanged
people-to-deactivate = to deactivate
people-problems = problems
people-kept-as-custom-attributes = Kept as custom attributes:
people-problems-to-fix = Problems to fix
people-nothing-can-be-imported-until = Nothing can be imported until the file has no problems. Fix these in the file and upload it again.
people-row = Row
people-column = Column
people-what-to-fix = What to fix
people-apply-import = Apply import
people-applying-large-files-take-a = Applying… large files take a few seconds
people-upload-another-file = Upload another file
people-email = Email
people-import-applied-added-changed-unchanged = Import applied: { $added } added, { $changed } changed, { $unchanged } unchanged, { $deactivated } deactivated.
people-of-people = { $first }–{ $last } of { $total } people
people-page-of = Page { $page } of { $pages }
people-suggested-to-newcomer-in-the = Suggested to { $newcomers } { $newcomers ->
        [one] newcomer
       *[other] newcomers
    } in the last three months.{ $less ->
        [yes] {" "}Asked to be suggested less often: at most one newcomer a quarter.
       *[no] {""}
    }
people-direct-reports = Direct reports ({ $len })
people-their-roster-entry-name-email = { $name } ({ $email }): their roster entry, name, email and every attribute
people-recorded-change-in-their-history = { $history-entries } recorded { $history-entries ->
        [one] change
       *[other] changes
    } in their history
people-their-place-as-manager-of = their place as manager of { $direct-reports } { $direct-reports ->
        [one] direct report
       *[other] direct reports
    } (those people stay, with no manager)
people-survey-answer-they-gave-and = { $answers-given } survey { $answers-given ->
        [one] answer
       *[other] answers
    } they gave, and { $answers-naming } { $answers-naming ->
        [one] answer
       *[other] answers
    } by others that name them
people-pending-import-upload-that-mention = { $pending-uploads } pending import { $pending-uploads ->
        [one] upload
       *[other] uploads
    } that mention them
people-erase-2 = Erase { $name }
people-rows-read-changes-will-be = { $rows } rows read. Changes will be dated { $as-of }.
people-and-more = …and { $total } more.
people-to-add-2 = To add ({ $total })
people-suggest-as-usual = Suggest as usual
people-suggest-less-often = Suggest less often
people-preferred-name = Preferred name
people-hire-date = Hire date
people-end-date = End date
people-reactivate = Reactivate
people-deactivate-leaver = Deactivate (leaver)
people-full-name = Full name
people-manager-s-email = Manager's email
people-hire-date-yyyy-mm-dd = Hire date (YYYY-MM-DD)
people-end-date-yyyy-mm-dd = End date (YYYY-MM-DD)
people-to-change-2 = To change
people-to-deactivate-2 = To deactivate
people-at-row = {" "}· row { $row }
people-sample-title = { $title } ({ $total })
