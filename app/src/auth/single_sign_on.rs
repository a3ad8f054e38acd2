//! Single sign-on with OpenID Connect: the authorization code flow with PKCE,
//! state and nonce.
//!
//! - The state is 128 random bits, kept in an HttpOnly cookie of the browser
//!   that set out and, hashed, in `oidc_flows` with the nonce and the PKCE
//!   verifier. A callback must bring the same state as the cookie, and the
//!   flow is deleted as it is read, so no callback works twice or in another
//!   browser.
//! - The ID token's signature, issuer, audience, expiry and nonce are checked
//!   by the `openidconnect` crate against the provider's published keys.
//! - An account is found by the provider's subject, else by a verified email
//!   (and then linked to the subject). A verified email without an account
//!   gets one only when `KNIT_OIDC_NEW_ACCOUNTS` names a role.

use super::service::{hash_token, replace_session, Session, Visitor};
pub use crate::model::auth::SingleSignOnRefusal as Refusal;
use crate::model::auth::{CurrentUser, Role, SignInMethod};
use crate::store::{now_ms, single_sign_on as store, users, Db};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};

/// How long a sign-in may spend at the provider.
pub const FLOW_LIFETIME_MS: i64 = 10 * 60 * 1000;
/// The cookie that ties a callback to the browser that set out.
pub const STATE_COOKIE: &str = "knit_sso_state";

/// The provider and what to do with the people it signs in.
#[derive(Clone)]
pub struct SingleSignOn {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// Knit's callback, `{KNIT_PUBLIC_URL}/auth/oidc/callback`.
    pub redirect_url: String,
    /// The role a verified email with no account is given; `None`: refused.
    pub new_accounts: Option<Role>,
    /// The sign-in button's words.
    pub label: String,
    /// Refuse emails the provider does not say it verified (on by default).
    pub require_verified_email: bool,
    http: openidconnect::reqwest::Client,
}

// The client secret stays out of logs and panics.
impl std::fmt::Debug for SingleSignOn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SingleSignOn")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("new_accounts", &self.new_accounts)
            .finish_non_exhaustive()
    }
}

/// Where the browser goes next, and the state for its cookie.
pub struct Departure {
    pub provider_url: String,
    pub state: String,
}

/// What the provider sent back to the callback.
#[derive(Debug, Default)]
pub struct Callback {
    pub state_cookie: Option<String>,
    pub state: Option<String>,
    pub code: Option<String>,
    pub error: Option<String>,
    /// The issuer the provider says answered (RFC 9207), when it says.
    pub iss: Option<String>,
}

impl SingleSignOn {
    pub fn new(
        issuer: String,
        client_id: String,
        client_secret: Option<String>,
        public_url: &str,
        new_accounts: Option<Role>,
        label: String,
        require_verified_email: bool,
    ) -> Result<SingleSignOn, String> {
        IssuerUrl::new(issuer.clone()).map_err(|e| format!("KNIT_OIDC_ISSUER: {e}"))?;
        // No redirects: an answer that points elsewhere is an error, not a hop.
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| format!("the HTTP client for single sign-on: {e}"))?;
        Ok(SingleSignOn {
            issuer,
            client_id,
            client_secret,
            redirect_url: format!("{}/auth/oidc/callback", public_url.trim_end_matches('/')),
            new_accounts,
            label,
            require_verified_email,
            http,
        })
    }

    /// Reads the provider's metadata and keys (each time, so rotated keys are
    /// picked up) and makes a client for them.
    async fn client(
        &self,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        Refusal,
    > {
        let issuer = IssuerUrl::new(self.issuer.clone()).map_err(|_| Refusal::Unavailable)?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|err| {
                tracing::warn!(error = %err, "the OpenID provider's metadata could not be read");
                Refusal::Unavailable
            })?;
        let redirect = RedirectUrl::new(self.redirect_url.clone()).map_err(|err| {
            tracing::error!(error = %err, "the single sign-on callback address is invalid");
            Refusal::Unavailable
        })?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.client_id.clone()),
            self.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(redirect))
    }

    /// Sets out: remembers state, nonce and PKCE verifier, and returns the
    /// provider's address for the browser.
    pub async fn begin(&self, db: &Db, return_to: &str) -> Result<Departure, Refusal> {
        let client = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        store::insert_flow(
            db,
            &hash_token(state.secret()),
            &store::Flow {
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                return_to: return_to.to_string(),
            },
            now_ms() + FLOW_LIFETIME_MS,
        )
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "a single sign-on could not be stored");
            Refusal::Unavailable
        })?;
        Ok(Departure {
            provider_url: url.to_string(),
            state: state.secret().clone(),
        })
    }

    /// Comes back: checks the state against the browser's cookie, redeems the
    /// code with the PKCE verifier, verifies the ID token with the nonce, finds
    /// (or makes) the account and opens a session. Returns the account, the
    /// session token and where to go.
    pub async fn finish(
        &self,
        db: &Db,
        callback: Callback,
        visitor: &Visitor,
        previous: Option<&Session>,
    ) -> Result<(CurrentUser, String, String), Refusal> {
        let state = callback.state.as_deref().unwrap_or_default();
        let same_browser = callback
            .state_cookie
            .as_deref()
            .is_some_and(|cookie| !state.is_empty() && constant_time_eq(cookie, state));
        // The flow is spent whatever happens next.
        let flow = if state.is_empty() {
            None
        } else {
            store::take_flow(db, &hash_token(state), now_ms())
                .await
                .map_err(|_| Refusal::Unavailable)?
        };
        let Some(flow) = flow.filter(|_| same_browser) else {
            return Err(Refusal::State);
        };
        // A callback that names another issuer is an answer from some other
        // provider, mixed up with this one (RFC 9207).
        if callback
            .iss
            .as_deref()
            .is_some_and(|iss| iss != self.issuer)
        {
            return Err(Refusal::Token);
        }
        if let Some(error) = &callback.error {
            tracing::info!(error = %error, "the OpenID provider refused the sign-in");
            return Err(Refusal::Provider);
        }
        let code = callback.code.ok_or(Refusal::Provider)?;
        let client = self.client().await?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|_| Refusal::Unavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(flow.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|err| {
                tracing::info!(error = %err, "the OpenID provider did not redeem the code");
                Refusal::Token
            })?;
        let id_token = tokens.id_token().ok_or(Refusal::Token)?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(flow.nonce))
            .map_err(|err| {
                tracing::info!(error = %err, "an ID token failed verification");
                Refusal::Token
            })?;
        let subject = format!("{} {}", claims.issuer().as_str(), claims.subject().as_str());
        let mut email = claims.email().map(|e| e.as_str().to_string());
        let mut verified = claims.email_verified();
        let mut name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_string());
        // Many providers put the email in the ID token only for some flows;
        // the user info endpoint, checked against the token's subject, has it.
        if email.is_none() {
            if let Ok(request) = client.user_info(
                tokens.access_token().clone(),
                Some(claims.subject().clone()),
            ) {
                let info: openidconnect::core::CoreUserInfoClaims =
                    request.request_async(&self.http).await.map_err(|err| {
                        tracing::info!(error = %err, "the user info could not be read");
                        Refusal::Token
                    })?;
                email = info.email().map(|e| e.as_str().to_string());
                verified = info.email_verified();
                name = name.or_else(|| {
                    info.name()
                        .and_then(|n| n.get(None))
                        .map(|n| n.as_str().to_string())
                });
            }
        }
        let user = self
            .account_for(db, &subject, email, verified, name)
            .await?;
        let token = replace_session(db, user.id, visitor, SignInMethod::SingleSignOn, previous)
            .await
            .map_err(|_| Refusal::Unavailable)?;
        Ok((user.to_current(), token, flow.return_to))
    }

    async fn account_for(
        &self,
        db: &Db,
        subject: &str,
        email: Option<String>,
        verified: Option<bool>,
        name: Option<String>,
    ) -> Result<users::UserRecord, Refusal> {
        let unavailable = |err: sqlx::Error| {
            tracing::error!(error = %err, "single sign-on could not read the accounts");
            Refusal::Unavailable
        };
        if let Some(user) = store::find_by_subject(db, subject)
            .await
            .map_err(unavailable)?
        {
            return if user.disabled {
                Err(Refusal::Disabled)
            } else {
                Ok(user)
            };
        }
        let email = email
            .filter(|e| !e.trim().is_empty())
            .ok_or(Refusal::NoEmail)?;
        if self.require_verified_email && verified != Some(true) {
            return Err(Refusal::UnverifiedEmail);
        }
        let user = match users::find_by_email(db, &email)
            .await
            .map_err(unavailable)?
        {
            Some(user) => user,
            None => {
                let role = self.new_accounts.ok_or(Refusal::NoAccount)?;
                let name = name.unwrap_or_else(|| email.clone());
                let mut tx = db.begin().await.map_err(unavailable)?;
                let id = super::service::insert_account(
                    &mut tx,
                    None,
                    &users::NewUser {
                        email: &email,
                        name: &name,
                        role,
                        // Never matches: argon2 cannot parse it.
                        password_hash: "",
                    },
                )
                .await
                .map_err(|_| Refusal::Unavailable)?;
                tx.commit().await.map_err(unavailable)?;
                users::find_by_id(db, id)
                    .await
                    .map_err(unavailable)?
                    .ok_or(Refusal::Unavailable)?
            }
        };
        if user.disabled {
            return Err(Refusal::Disabled);
        }
        if !store::link_subject(db, user.id, subject)
            .await
            .map_err(unavailable)?
        {
            return Err(Refusal::OtherSubject);
        }
        Ok(user)
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
