//! Who is signing in from where: the client's address, taken from
//! `X-Forwarded-For` only when the connection comes from a proxy the operator
//! trusts (`KNIT_TRUSTED_PROXIES`); anyone else could write that header.

use ipnet::IpNet;
use std::net::IpAddr;

/// A list of address ranges (CIDR), such as `10.0.0.0/8, ::1/128`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a comma-separated CIDR list; a bare address is one host. The
    /// message names the part that is not a range.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut ranges = Vec::new();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let address = part.split('/').next().unwrap_or(part);
            let address: IpAddr = address
                .parse()
                .map_err(|_| format!("'{part}' is not an address range such as 10.0.0.0/8"))?;
            let range = if part.contains('/') {
                part.parse::<IpNet>().map_err(|_| {
                    let max = if address.is_ipv4() { 32 } else { 128 };
                    format!("'{part}': the prefix length must be 0 to {max}")
                })?
            } else {
                IpNet::from(address)
            };
            ranges.push(range);
        }
        Ok(TrustedProxies(ranges))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|range| range.contains(&ip))
    }
}

/// An IPv4 address written as IPv6 (::ffff:a.b.c.d) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The client's address: the peer's, unless the peer is a trusted proxy; then
/// the nearest address in `X-Forwarded-For` (read from the right) that is not
/// itself a trusted proxy. Entries that are not addresses end the walk.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &TrustedProxies) -> IpAddr {
    if !trusted.contains(peer) {
        return peer;
    }
    let mut client = peer;
    for entry in forwarded_for
        .iter()
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        match entry.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !trusted.contains(ip) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    #[test]
    fn ranges_hold_their_addresses_only() {
        let t = TrustedProxies::parse("10.0.0.0/8, 192.168.1.7, fd00::/8").expect("ranges");
        for inside in ["10.1.2.3", "192.168.1.7", "fd12::1", "::ffff:10.9.9.9"] {
            assert!(t.contains(ip(inside)), "{inside}");
        }
        for outside in ["11.0.0.1", "192.168.1.8", "fe80::1"] {
            assert!(!t.contains(ip(outside)), "{outside}");
        }
        assert!(TrustedProxies::parse("0.0.0.0/0")
            .expect("all")
            .contains(ip("8.8.8.8")));
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0.0/x"] {
            let err = TrustedProxies::parse(bad).expect_err(bad);
            assert!(err.contains(bad.split('/').next().unwrap_or(bad)), "{err}");
        }
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_proxy() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").expect("ranges");
        let spoofed = ["6.6.6.6, 203.0.113.9"];
        // Not from a proxy: the header is the client's own words.
        assert_eq!(
            client_address(ip("198.51.100.4"), &spoofed, &trusted),
            ip("198.51.100.4")
        );
        // From the proxy: the nearest untrusted hop, not what the client wrote first.
        assert_eq!(
            client_address(ip("10.0.0.2"), &spoofed, &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &["203.0.113.9, 10.0.0.5"], &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &[], &trusted),
            ip("10.0.0.2")
        );
        assert_eq!(
            client_address(ip("10.0.0.2"), &["junk"], &trusted),
            ip("10.0.0.2")
        );
        assert_eq!(
            client_address(
                ip("10.0.0.2"),
                &["198.51.100.1"],
                &TrustedProxies::default()
            ),
            ip("10.0.0.2")
        );
    }
}
