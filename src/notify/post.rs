//! Posting a body to a robot over HTTP(S) (`ureq`, blocking, rustls) with
//! one global timeout, and reading the platform's answer: DingTalk and
//! WeCom say `errcode` (0: posted) and `errmsg`, Feishu `code` (0:
//! posted) and `msg` (its older robots `StatusCode`). What goes wrong is
//! a [`Failure`] the front words; nothing it carries holds the robot's
//! address, access token or secret (`scrub`).

use super::robots::{Kind, Robot};
use super::sign;
use serde_json::Value;
use std::time::Duration;

/// How long one robot may take, connection to answer.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The timeout in use: [`TIMEOUT`], unless the tests set a shorter one
/// (`MERIT_NOTIFY_TIMEOUT_MS`, not for people: a test of a robot that
/// never answers need not wait 10 s).
pub fn timeout() -> Duration {
    std::env::var("MERIT_NOTIFY_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|ms| (1..=60_000).contains(ms))
        .map_or(TIMEOUT, Duration::from_millis)
}

/// Why a robot was not posted to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The platform answered and said no: its own words.
    Refused(String),
    /// An HTTP error status.
    Status(u16),
    /// No answer within the timeout.
    Timeout(Duration),
    /// The address's host is not known.
    HostNotFound,
    /// The connection failed (refused, reset…): why, as the system says.
    Network(String),
    /// An answer merit does not understand (HTTP status given).
    Unreadable(u16),
}

/// Now, in milliseconds since the epoch.
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Posts `body` to `robot`, signed when it has a secret.
pub fn post(robot: &Robot, mut body: Value) -> Result<(), Failure> {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout()))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("merit/", env!("CARGO_PKG_VERSION")))
        .build();
    let agent: ureq::Agent = config.into();
    let mut request = agent
        .post(&robot.url)
        .header("Content-Type", "application/json; charset=utf-8");
    match (robot.kind, &robot.secret) {
        (Kind::DingTalk, Some(secret)) => {
            let ts = now_ms();
            // `query` percent-encodes the value (`+`, `/`, `=` included).
            request = request
                .query("timestamp", ts.to_string())
                .query("sign", sign::dingtalk(secret, ts));
        }
        (Kind::Feishu, Some(secret)) => {
            let ts = now_ms() / 1000;
            if let Some(o) = body.as_object_mut() {
                o.insert("timestamp".into(), Value::String(ts.to_string()));
                o.insert("sign".into(), Value::String(sign::feishu(secret, ts)));
            }
        }
        _ => {}
    }
    let mut response = request
        .send(body.to_string())
        .map_err(|e| failure(robot, e))?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(1 << 20)
        .read_to_string()
        .unwrap_or_default();
    answer(robot, status, &text)
}

/// The platform's answer: posted, refused with its words, or an HTTP
/// error.
fn answer(robot: &Robot, status: u16, text: &str) -> Result<(), Failure> {
    let reply: Option<Value> = serde_json::from_str(text).ok();
    let field = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| reply.as_ref().and_then(|r| r.get(*n)).cloned())
    };
    let (code, message) = match robot.kind {
        Kind::DingTalk | Kind::WeCom => (field(&["errcode"]), field(&["errmsg"])),
        Kind::Feishu => (
            field(&["code", "StatusCode"]),
            field(&["msg", "StatusMessage"]),
        ),
    };
    let code = code.and_then(|c| c.as_i64());
    match code {
        Some(0) if (200..300).contains(&status) => Ok(()),
        Some(_) => {
            let words = message
                .as_ref()
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| format!("{}", code.unwrap_or_default()));
            Err(Failure::Refused(scrub(robot, &words)))
        }
        None if !(200..300).contains(&status) => Err(Failure::Status(status)),
        None => Err(Failure::Unreadable(status)),
    }
}

/// What ureq's error says, without the address (its errors may quote the
/// URL, access token and all).
fn failure(robot: &Robot, e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(_) => Failure::Timeout(timeout()),
        ureq::Error::StatusCode(s) => Failure::Status(s),
        ureq::Error::HostNotFound => Failure::HostNotFound,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            Failure::Timeout(timeout())
        }
        ureq::Error::Io(io) => Failure::Network(io.kind().to_string()),
        ureq::Error::ConnectionFailed => Failure::Network("connection failed".into()),
        // Others (TLS, protocol, a bad address) name no address of
        // their own, but are scrubbed all the same.
        other => Failure::Network(scrub(robot, &other.to_string())),
    }
}

/// `text` with the robot's address, each value of its query (the access
/// token, the key) and its secret taken out, control characters shown,
/// at most 200 characters.
pub fn scrub(robot: &Robot, text: &str) -> String {
    let mut out = text.replace(&robot.url, "…");
    let query = robot.url.split_once('?').map_or("", |(_, q)| q);
    let mut secrets: Vec<&str> = query
        .split('&')
        .filter_map(|kv| kv.split_once('=').map(|(_, v)| v))
        .collect();
    secrets.extend(robot.secret.as_deref());
    // A long path segment may be the key too (Feishu's hook/<id>).
    let path = robot
        .url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map_or("", |(_, path)| path);
    secrets.extend(path.split(['/', '?', '&', '=']).filter(|s| s.len() >= 16));
    for s in secrets.into_iter().filter(|s| s.len() >= 4) {
        out = out.replace(s, "…");
    }
    let out = crate::text::visible(&out).into_owned();
    match out.char_indices().nth(200) {
        Some((at, _)) => format!("{}…", &out[..at]),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn robot(kind: Kind) -> Robot {
        Robot {
            name: "east".into(),
            kind,
            url: "https://oapi.dingtalk.com/robot/send?access_token=TOKEN123".into(),
            secret: Some("SECabc".into()),
            keyword: None,
            site_url: None,
        }
    }

    #[test]
    fn answers_are_read_as_each_platform_says_them() {
        let d = robot(Kind::DingTalk);
        assert_eq!(answer(&d, 200, r#"{"errcode":0,"errmsg":"ok"}"#), Ok(()));
        assert_eq!(
            answer(&d, 200, r#"{"errcode":310000,"errmsg":"sign not match"}"#),
            Err(Failure::Refused("sign not match".into()))
        );
        assert_eq!(answer(&d, 502, "bad gateway"), Err(Failure::Status(502)));
        assert_eq!(answer(&d, 200, "<html>"), Err(Failure::Unreadable(200)));
        let f = robot(Kind::Feishu);
        assert_eq!(
            answer(&f, 200, r#"{"code":0,"msg":"success","data":{}}"#),
            Ok(())
        );
        assert_eq!(answer(&f, 200, r#"{"StatusCode":0}"#), Ok(()));
        assert_eq!(
            answer(&f, 400, r#"{"code":19021,"msg":"sign match fail"}"#),
            Err(Failure::Refused("sign match fail".into()))
        );
    }

    #[test]
    fn scrub_takes_out_the_address_token_and_secret() {
        let d = robot(Kind::DingTalk);
        let s = scrub(
            &d,
            "bad uri: https://oapi.dingtalk.com/robot/send?access_token=TOKEN123 TOKEN123 SECabc",
        );
        assert!(!s.contains("TOKEN123") && !s.contains("SECabc"), "{s}");
        assert!(!s.contains("access_token"), "{s}");
        let f = Robot {
            url: "https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef0123".into(),
            ..robot(Kind::Feishu)
        };
        let s = scrub(
            &f,
            "no route to /open-apis/bot/v2/hook/0123456789abcdef0123",
        );
        assert!(!s.contains("0123456789abcdef0123"), "{s}");
        assert_eq!(
            scrub(&f, "open.feishu.cn said no"),
            "open.feishu.cn said no"
        );
    }
}
