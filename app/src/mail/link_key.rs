//! Personal links that the database alone cannot reproduce.
//!
//! An invitation stores a random seed and the SHA-256 of its link token. The
//! token is HMAC-SHA256(link key, seed): the worker can put the same link in the
//! invitation and in every reminder without the token ever being stored, and a
//! copy of the database without the key reveals no link.

use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::fmt;

#[derive(Clone)]
pub struct LinkKey([u8; 32]);

impl LinkKey {
    pub fn generate() -> LinkKey {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        LinkKey(bytes)
    }

    /// Reads a key written by [`LinkKey::to_hex`] (64 hex digits).
    pub fn from_hex(text: &str) -> Option<LinkKey> {
        let bytes = hex::decode(text.trim()).ok()?;
        Some(LinkKey(bytes.try_into().ok()?))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Identifies the key without revealing it, so that instances sharing one
    /// database can check that they also share the key.
    pub fn fingerprint(&self) -> String {
        hex::encode(
            &Sha256::digest([b"knit link key fingerprint".as_slice(), &self.0].concat())[..8],
        )
    }

    /// The link token for an invitation's seed.
    pub fn token(&self, seed: &str) -> String {
        self.derive(b"knit invitation link\0", seed)
    }

    /// The token of a password-reset link, from its seed: a different label,
    /// so that no invitation seed yields a reset token or the reverse.
    pub fn password_reset_token(&self, seed: &str) -> String {
        self.derive(b"knit password reset\0", seed)
    }

    /// The token of a colleague's "suggest me less often" link, from their
    /// roster id: it only ever lowers how often they are suggested, so one
    /// standing token per person (never stored) is enough.
    pub fn suggest_less_token(&self, person_id: i64) -> String {
        self.derive(b"knit suggest less\0", &person_id.to_string())
    }

    fn derive(&self, label: &[u8], seed: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(label);
        mac.update(seed.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

impl fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LinkKey({})", self.fingerprint())
    }
}

/// A fresh random seed for one invitation (128 bits from the OS).
pub fn new_seed() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_depend_on_key_and_seed() {
        let key = LinkKey::generate();
        let seed = new_seed();
        assert_eq!(key.token(&seed), key.token(&seed));
        assert_ne!(key.token(&seed), key.token(&new_seed()));
        assert_ne!(key.token(&seed), LinkKey::generate().token(&seed));
        assert_eq!(key.token(&seed).len(), 64);
        let again = LinkKey::from_hex(&key.to_hex()).expect("round trip");
        assert_eq!(again.token(&seed), key.token(&seed));
        assert_eq!(again.fingerprint(), key.fingerprint());
        assert!(!format!("{key:?}").contains(&key.to_hex()));
        assert!(LinkKey::from_hex("abcd").is_none());
    }
}
