//! The signatures of signed robots, as each platform documents them:
//! - DingTalk: `sign` = Base64 of HMAC-SHA256 keyed with the secret over
//!   `timestamp + "\n" + secret` (the timestamp in milliseconds), sent as
//!   URL query parameters `timestamp` and `sign` (URL-encoded when the
//!   request is built);
//! - Feishu / Lark: `sign` = Base64 of HMAC-SHA256 keyed with
//!   `timestamp + "\n" + secret` over an empty message (the timestamp in
//!   seconds), sent in the body with `timestamp` as a string.
//!
//! WeCom's robots are not signed: the key in the address is the secret.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Base64 (standard alphabet, padded) of HMAC-SHA256 of `message` under `key`.
fn hmac_base64(key: &[u8], message: &[u8]) -> String {
    // HMAC takes a key of any length: `new_from_slice` cannot fail here.
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// DingTalk's `sign` for `timestamp_ms`, before URL encoding.
pub fn dingtalk(secret: &str, timestamp_ms: i64) -> String {
    let message = format!("{timestamp_ms}\n{secret}");
    hmac_base64(secret.as_bytes(), message.as_bytes())
}

/// Feishu's `sign` for `timestamp_s`.
pub fn feishu(secret: &str, timestamp_s: i64) -> String {
    let key = format!("{timestamp_s}\n{secret}");
    hmac_base64(key.as_bytes(), b"")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known answers, computed independently (Python's hmac, hashlib and
    /// base64 over the same strings).
    #[test]
    fn signatures_match_known_answers() {
        assert_eq!(
            dingtalk("SEC000", 1_700_000_000_000),
            "ltBBey5eZrWKh1cPzFIdz3v3xpkc4Tjx4lLsPSHqdtA="
        );
        assert_eq!(
            feishu("SEC000", 1_700_000_000),
            "QKhXycVUGrhA1dUEbXA2Vo/zGkv/W88IgYgKNA7Xmk0="
        );
    }
}
