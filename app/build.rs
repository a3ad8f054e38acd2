//! Versions the map script's address by its content at build time, so the
//! browser client carries the short address and not the script itself.

use std::hash::{DefaultHasher, Hash, Hasher};

fn main() {
    let path = "../style/network-map.js";
    println!("cargo:rerun-if-changed={path}");
    let script = std::fs::read(path).expect("style/network-map.js is part of the source");
    let mut hasher = DefaultHasher::new();
    script.hash(&mut hasher);
    println!(
        "cargo:rustc-env=KNIT_NETWORK_MAP_VERSION={:016x}",
        hasher.finish()
    );
}
