//! Link options for the `knit` binary.

fn main() {
    // The binary's 55,000 relative relocations, packed (DT_RELR): the loader
    // then reads 15 KB of them instead of 1.3 MB before `main`, at every start
    // of every command. GNU ld 2.38+ and lld 15+ pack them for glibc 2.36+;
    // the binary then names the GLIBC_ABI_DT_RELR version it needs, so an
    // older glibc refuses it at once. Older linkers ignore the option with a
    // warning.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
