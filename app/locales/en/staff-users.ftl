# What HR, analysts and administrators read on the users and settings pages. English only for now:
# other languages fall back to these until they are translated.

users-accounts = Accounts
users-people-who-can-sign-in = People who can sign in to Knit. Employees answering surveys need no account. A manager's account sees the reports of its roster person: the one linked here, or else the one with the same email.
users-the-link-to-set-a = The link to set a new password is on its way. It works for 30 minutes, once.
users-loading = Loading…
users-name = Name
users-email = Email
users-role = Role
users-roster-person = Roster person
users-signed-in = Signed in
users-change = Change
users-none = none
users-their-roster-email = their roster email
users-link = Link
users-set-role = Set role
users-no = no
users-end = End
users-add-an-account = Add an account
users-work-email = Work email
users-knit-emails-the-owner-a = Knit emails the owner a link to set their own password; no one else ever knows it.
users-add-account = Add account
users-adding = Adding…
users-roster-person-no-one-with = Roster person: no one with the email { $email } is on the roster.
users-unknown-change-disable-enable-set = Unknown change '{ $other }': disable, enable, set_role, end_sessions, end_session, link_person, send_reset or delete.
users-roster-person-of = Roster person of { $email }
users-role-of = Role of { $email }
users-sessions = { $sessions ->
        [one] 1 session
       *[other] { $sessions } sessions
    }
users-since-last-active-by = Since { $started-at }, last active { $last-seen-at }, by { $label }{ $address ->
        [none] {""}
       *[other] , from { $address }
    }{ $browser ->
        [none] {""}
       *[other] , { $browser }
    }
users-from = , from { $ip }
users-role-choose-administrator-people-analyst = Role: choose administrator, people analyst or manager.
users-disabled = (disabled)
users-linked = (linked)
users-same-email = (same email)
users-enable = Enable
users-disable = Disable
users-sign-out-everywhere = Sign out everywhere
users-send-reset-link = Send reset link
users-delete = Delete
users-the-account-was-created-its = The account was created. Its owner signs in with single sign-on.
users-the-account-was-created-and = The account was created, and its owner has an email with a link to set their own password (it works once, for 7 days).
role-admin = Administrator
role-analyst = People analyst
role-manager = Manager
sign-in-password = password
sign-in-single-sign-on = single sign-on
