//! Knit's cookies: a staff member's session, a respondent's and a newcomer's.
//! Each is HttpOnly and SameSite=Lax, for the whole site. Under https each
//! carries the `__Host-` prefix: browsers then accept it only when Secure,
//! for the whole site and with no Domain, so a neighbouring subdomain cannot
//! plant one of its own, and only the prefixed one is read.

use cookie::{Cookie, SameSite};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteCookie {
    /// A staff member's session (set at sign-in).
    Session,
    /// A respondent signed in to one wave by their personal link.
    Respondent,
    /// A newcomer signed in to their own page by their link.
    Newcomer,
    /// What someone typed in a form that came back with an error, for the
    /// form's page to fill in again (never in the address bar); a minute long.
    Typed,
}

impl SiteCookie {
    pub fn name(self, secure: bool) -> &'static str {
        match (self, secure) {
            (SiteCookie::Session, false) => "knit_session",
            (SiteCookie::Session, true) => "__Host-knit_session",
            (SiteCookie::Respondent, false) => "knit_respondent",
            (SiteCookie::Respondent, true) => "__Host-knit_respondent",
            (SiteCookie::Newcomer, false) => "knit_newcomer",
            (SiteCookie::Newcomer, true) => "__Host-knit_newcomer",
            (SiteCookie::Typed, false) => "knit_typed",
            (SiteCookie::Typed, true) => "__Host-knit_typed",
        }
    }

    /// The Set-Cookie value holding `value` for `max_age_seconds`.
    pub fn set(self, value: &str, max_age_seconds: i64, secure: bool) -> String {
        Cookie::build((self.name(secure), value))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(secure)
            .max_age(cookie::time::Duration::seconds(max_age_seconds.max(0)))
            .build()
            .to_string()
    }

    /// The Set-Cookie value that removes it.
    pub fn clear(self, secure: bool) -> String {
        self.set("", 0, secure)
    }

    /// Its value in a Cookie header, when there and not empty.
    pub fn read(self, header: &str, secure: bool) -> Option<String> {
        let name = self.name(secure);
        Cookie::split_parse(header)
            .filter_map(Result::ok)
            .find(|c| c.name() == name)
            .map(|c| c.value().to_string())
            .filter(|v| !v.is_empty())
    }

    /// Its value in the current request's cookies (inside a server function).
    pub fn from_request(self, secure: bool) -> Option<String> {
        use leptos::prelude::use_context;
        let parts = use_context::<http::request::Parts>()?;
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|header| self.read(header, secure))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cookie_is_http_only_lax_and_site_wide() {
        for kind in [
            SiteCookie::Session,
            SiteCookie::Respondent,
            SiteCookie::Newcomer,
            SiteCookie::Typed,
        ] {
            let plain = kind.set("abc", 60, false);
            assert!(
                plain.starts_with(&format!("{}=abc", kind.name(false))),
                "{plain}"
            );
            for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=60"] {
                assert!(plain.contains(part), "{plain}");
            }
            assert!(!plain.contains("Secure"), "{plain}");
            let secure = kind.set("abc", 60, true);
            assert!(secure.starts_with("__Host-"), "{secure}");
            assert!(
                secure.contains("Secure") && !secure.contains("Domain"),
                "{secure}"
            );
            assert!(kind.clear(true).contains("Max-Age=0"));
        }
    }

    #[test]
    fn under_https_only_the_prefixed_cookie_is_read() {
        let kind = SiteCookie::Respondent;
        assert_eq!(
            kind.read("a=1; knit_respondent=xyz; b=2", false),
            Some("xyz".into())
        );
        assert_eq!(kind.read("knit_respondent=", false), None);
        assert_eq!(kind.read("other=1", false), None);
        assert_eq!(kind.read("knit_respondent=planted", true), None);
        assert_eq!(
            kind.read("knit_respondent=planted; __Host-knit_respondent=mine", true),
            Some("mine".into())
        );
    }
}
