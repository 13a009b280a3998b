//! A stand-in for the platforms' robot webhooks on 127.0.0.1, for
//! `tests/notify.rs`: it reads each request (request line, headers, a
//! Content-Length body), keeps it, checks its signature with the test's
//! own HMAC (not merit's code) and answers as the platform does:
//! - `/dingtalk/…?access_token=…[&timestamp=…&sign=…]`: `errcode` 0, or
//!   310000 `sign not match` (a signed path whose sign is wrong, missing or
//!   not percent-encoded);
//! - `/wecom/…?key=…`: `errcode` 0;
//! - `/feishu/…`: `code` 0, or 19021 when the body's sign is wrong.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

pub const DING_TOKEN: &str = "dt-token-0123456789abcdef";
pub const DING_SECRET: &str = "SECdingtalk0123456789abcdef";
pub const WECOM_KEY: &str = "wecom-key-0123456789abcdef";
pub const FEISHU_HOOK: &str = "feishu-hook-0123456789abcdef";
pub const FEISHU_SECRET: &str = "feishu-secret-0123456789";

/// Every secret and token the tests give merit: none may ever be shown.
pub const SECRETS: &[&str] = &[
    DING_TOKEN,
    DING_SECRET,
    WECOM_KEY,
    FEISHU_HOOK,
    FEISHU_SECRET,
];

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    /// The query as sent (still percent-encoded).
    pub raw_query: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Seen {
    /// The body as JSON (it must be UTF-8 and JSON).
    pub fn json(&self) -> serde_json::Value {
        let text = std::str::from_utf8(&self.body).expect("a UTF-8 body");
        serde_json::from_str(text).expect("a JSON body")
    }

    /// A query parameter, percent-decoded.
    pub fn param(&self, name: &str) -> Option<String> {
        self.raw_query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then(|| percent_decode(v))
        })
    }
}

/// A running stand-in; its thread lives as long as the test process.
pub struct Hook {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Hook {
    pub fn start() -> Hook {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                handle(stream, &kept);
            }
        });
        Hook { base, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn handle(stream: TcpStream, kept: &Arc<Mutex<Vec<Seen>>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = line
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let (path, raw_query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.clone(), String::new()),
    };
    let (mut length, mut content_type) = (0usize, String::new());
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = v.trim().parse().unwrap_or(0),
                "content-type" => content_type = v.trim().to_string(),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let seen = Seen {
        path,
        raw_query,
        content_type,
        body,
    };
    let reply = reply(&seen);
    kept.lock().unwrap().push(seen);
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
        reply.len()
    );
}

/// The platform's answer to `seen`.
fn reply(seen: &Seen) -> String {
    let json = serde_json::from_slice::<serde_json::Value>(&seen.body).ok();
    if !seen.content_type.starts_with("application/json") || json.is_none() {
        return r#"{"errcode":40035,"errmsg":"not json","code":9499,"msg":"not json"}"#.into();
    }
    let json = json.unwrap_or_default();
    if seen.path.starts_with("/dingtalk/") {
        if seen.param("access_token").as_deref() != Some(DING_TOKEN) {
            return r#"{"errcode":300001,"errmsg":"token is not exist"}"#.into();
        }
        if seen.path.ends_with("/signed") && !dingtalk_signed(seen) {
            return r#"{"errcode":310000,"errmsg":"sign not match"}"#.into();
        }
        return r#"{"errcode":0,"errmsg":"ok"}"#.into();
    }
    if seen.path.starts_with("/wecom/") {
        if seen.param("key").as_deref() != Some(WECOM_KEY) {
            return r#"{"errcode":93000,"errmsg":"invalid webhook url"}"#.into();
        }
        return r#"{"errcode":0,"errmsg":"ok"}"#.into();
    }
    if seen.path == format!("/feishu/hook/{FEISHU_HOOK}") {
        if !feishu_signed(&json) {
            return r#"{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}"#.into();
        }
        return r#"{"code":0,"msg":"success","data":{}}"#.into();
    }
    r#"{"errcode":404,"errmsg":"no such robot"}"#.into()
}

fn hmac_base64(key: &[u8], message: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
    mac.update(message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// DingTalk's check: a timestamp within the hour, and `sign` the Base64
/// HMAC-SHA256 under the secret of `timestamp\nsecret`, sent
/// percent-encoded (no raw `+`, `/` or `=` in the query).
fn dingtalk_signed(seen: &Seen) -> bool {
    let raw_sign = seen
        .raw_query
        .split('&')
        .find_map(|kv| kv.strip_prefix("sign="));
    let (Some(raw_sign), Some(ts), Some(sign)) =
        (raw_sign, seen.param("timestamp"), seen.param("sign"))
    else {
        return false;
    };
    let Ok(ts_ms) = ts.parse::<i64>() else {
        return false;
    };
    let encoded = !raw_sign.contains(['+', '/', '=']) && raw_sign.contains("%3D");
    let expected = hmac_base64(
        DING_SECRET.as_bytes(),
        format!("{ts}\n{DING_SECRET}").as_bytes(),
    );
    encoded && (now_ms() - ts_ms).abs() < 3_600_000 && sign == expected
}

/// Feishu's check: `timestamp` (seconds, a string) within the hour, and
/// `sign` the Base64 HMAC-SHA256 keyed by `timestamp\nsecret` over nothing.
fn feishu_signed(body: &serde_json::Value) -> bool {
    let (Some(ts), Some(sign)) = (
        body.get("timestamp").and_then(|v| v.as_str()),
        body.get("sign").and_then(|v| v.as_str()),
    ) else {
        return false;
    };
    let Ok(ts_s) = ts.parse::<i64>() else {
        return false;
    };
    let expected = hmac_base64(format!("{ts}\n{FEISHU_SECRET}").as_bytes(), b"");
    (now_ms() / 1000 - ts_s).abs() < 3600 && sign == expected
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(if c == b'+' { b' ' } else { c });
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
