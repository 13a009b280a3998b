//! Posting a period's digest to the team's group robots (issue 41,
//! `merit notify`): DingTalk, WeCom (企业微信) and Feishu / Lark. The
//! robots are read from `robots.toml` outside the store (`robots`); the
//! digest's data comes from the core (`ops::digest`), is worded from the
//! catalogue (`words`), made each platform's request body (`render`),
//! signed where the platform signs (`sign`) and posted (`post`). The
//! command line's part (choosing robots, printing, the audit) is
//! `cli::notify`.

pub mod post;
pub mod render;
pub mod robots;
pub mod sign;
pub mod words;

pub use robots::{Kind, Robot};
