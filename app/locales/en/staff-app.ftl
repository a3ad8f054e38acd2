# What HR, analysts and administrators read on the navigation and page frame. English only for now:
# other languages fall back to these until they are translated.

nav-account = Account
nav-people = People
nav-surveys = Surveys
nav-newcomers = Newcomers
nav-accounts = Accounts
nav-audit-log = Audit log
nav-sign-out = Sign out
nav-page-not-found = Page not found
nav-there-is-nothing-at-this = There is nothing at this address.
nav-go-to-the-start-page = Go to the start page
ui-hide-password = Hide password
ui-show-password = Show password
ui-hide = Hide
ui-show = Show
