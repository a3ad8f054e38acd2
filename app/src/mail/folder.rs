//! The outbox folder (email written as .eml files when no SMTP server is
//! set) holds personal data too: names, addresses, live links. Erasure takes
//! out every message that names the person, and retention every message older
//! than the retention period.

use base64::Engine;
use std::path::Path;

/// A message as a person would read it: quoted-printable and base64 parts and
/// encoded header words decoded, so that a name split across a soft line break
/// or encoded is found.
pub fn readable_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() * 2);
    out.push_str(&quoted_printable(raw));
    // Base64 bodies: runs of lines after a blank line following the header.
    let mut base64_next = false;
    let mut block = String::new();
    let mut in_block = false;
    for line in raw.lines() {
        let trimmed = line.trim();
        if in_block {
            if trimmed.is_empty() || trimmed.starts_with("--") {
                out.push('\n');
                out.push_str(&decode_base64(&block));
                block.clear();
                in_block = false;
            } else {
                block.push_str(trimmed);
            }
        } else if trimmed.eq_ignore_ascii_case("Content-Transfer-Encoding: base64") {
            base64_next = true;
        } else if base64_next && trimmed.is_empty() {
            base64_next = false;
            in_block = true;
        }
    }
    out.push_str(&decode_base64(&block));
    // Encoded words in headers: =?charset?B?...?= and =?charset?Q?...?=.
    for word in raw.split("=?").skip(1) {
        let mut parts = word.splitn(3, '?');
        if let (Some(_charset), Some(kind), Some(rest)) = (parts.next(), parts.next(), parts.next())
        {
            let text = rest.split("?=").next().unwrap_or_default();
            out.push(' ');
            if kind.eq_ignore_ascii_case("b") {
                out.push_str(&decode_base64(text));
            } else {
                out.push_str(&quoted_printable(&text.replace('_', " ")));
            }
        }
    }
    out
}

fn decode_base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// Quoted-printable text decoded: soft line breaks joined, =XX bytes restored.
pub fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Deletes every message in `dir` that mentions any of `needles` (case is
/// ignored). Returns how many went; a missing folder holds none.
pub fn erase_mentions(dir: &Path, needles: &[String]) -> std::io::Result<usize> {
    let needles: Vec<String> = needles
        .iter()
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    remove_where(dir, |path, _| {
        let raw = String::from_utf8_lossy(&std::fs::read(path)?).into_owned();
        let text = format!("{}\n{}", path.display(), readable_text(&raw)).to_lowercase();
        Ok(needles.iter().any(|n| text.contains(n)))
    })
}

/// Deletes every message in `dir` last written before `before` (UTC ms).
pub fn erase_older_than(dir: &Path, before: i64) -> std::io::Result<usize> {
    remove_where(dir, |_, modified| Ok(modified < before))
}

fn remove_where(
    dir: &Path,
    remove: impl Fn(&Path, i64) -> std::io::Result<bool>,
) -> std::io::Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(err) => return Err(err),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "eml") {
            continue;
        }
        let modified = entry
            .metadata()?
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or_default();
        if remove(&path, modified)? {
            std::fs::remove_file(&path)?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_however_the_message_encodes_them() {
        let qp = "Subject: =?utf-8?b?Wm/DqyBMaW1h?=\r\n\r\nHello Zo=C3=AB Li=\r\nma";
        let text = readable_text(qp);
        assert!(text.contains("Zoë Lima"), "{text}");
        assert_eq!(text.matches("Zoë Lima").count(), 2, "{text}");
        let b64 = format!(
            "Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--boundary--",
            base64::engine::general_purpose::STANDARD.encode("Meet Rui Sousa")
        );
        assert!(readable_text(&b64).contains("Rui Sousa"));
        assert!(!readable_text("Hello Ana").contains("Rui"));
    }
}
