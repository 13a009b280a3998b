//! The command line's progress bar (issue 24): rows done, rate and time
//! left, drawn with `indicatif` on stderr while stdout is a terminal, and
//! nothing at all otherwise (a pipe, a script, cron).

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;

struct Bar(Mutex<Option<ProgressBar>>);

impl crate::progress::Sink for Bar {
    fn start(&self, what: &crate::progress::Task, total: Option<u64>) {
        let what = crate::i18n::task(what);
        let bar = match total {
            Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr())
                .with_style(
                    ProgressStyle::with_template(
                        "{msg} [{bar:30}] {human_pos}/{human_len} {rate} {eta}",
                    )
                    .map(|s| s.with_key("rate", rate))
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
                ProgressStyle::with_template("{spinner} {msg} {human_pos} {rate} {elapsed}")
                    .map(|s| s.with_key("rate", rate))
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        bar.set_message(crate::text::visible(&what).into_owned());
        if let Ok(mut b) = self.0.lock() {
            *b = Some(bar);
        }
    }

    fn advance(&self, steps: u64) {
        if let Ok(b) = self.0.lock()
            && let Some(bar) = b.as_ref()
        {
            bar.inc(steps);
        }
    }

    fn finish(&self) {
        if let Ok(mut b) = self.0.lock()
            && let Some(bar) = b.take()
        {
            bar.finish_and_clear();
        }
    }
}

/// Rows a second, whole and grouped (`325,524/s`; indicatif's own
/// `{per_sec}` shows four decimals).
fn rate(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{}/s", HumanCount(state.per_sec().max(0.0) as u64));
}

/// Shows progress on the terminal when stdout is one.
pub fn install_if_terminal() {
    if std::io::stdout().is_terminal() && std::io::stderr().is_terminal() {
        crate::progress::install(Box::new(Bar(Mutex::new(None))));
    }
}
