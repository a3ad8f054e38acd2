//! Static assets compiled into the server binary.

use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// The one stylesheet, plain CSS.
pub const STYLESHEET: &str = include_str!("../../style/knit.css");

/// The interactive network map (WebGL), plain JavaScript: loaded only by
/// pages that draw a map (`insight::pages::NETWORK_MAP_HREF`), so every other
/// page keeps its weight.
pub const NETWORK_MAP_SCRIPT: &str = include_str!("../../style/network-map.js");

/// The stylesheet's address, versioned by its content so it can be cached forever.
pub fn stylesheet_href() -> &'static str {
    static HREF: LazyLock<String> = LazyLock::new(|| {
        let digest = hex::encode(Sha256::digest(STYLESHEET.as_bytes()));
        format!("/style/knit.css?v={}", &digest[..12])
    });
    &HREF
}
