//! The terminal screen (SPEC §10): an Elm-style app — keys become actions
//! through the keymap, `App::update` changes state through `ops`, and the
//! view draws from state. A synchronous loop polls keys and, when idle,
//! SQLite's `data_version` to show other processes' writes; a rule save
//! runs on its own thread (`background`) while keys keep working.

pub mod action;
pub mod app;
pub mod background;
pub mod effect;
mod input;
pub mod keymap;
pub mod panes;
pub mod periods;
pub mod popups;
pub mod progress;
mod refresh;
mod status;
pub mod strings;
pub mod terminal;
pub mod theme;
pub mod view;
mod watch;
pub mod widgets;

use crate::error::{Error, Result};
use crate::ops::Context;
use crate::store::Store;
use app::App;
use crossterm::event::{self, Event, KeyEventKind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How often other processes' writes are looked for.
const TICK: Duration = Duration::from_millis(500);
/// How often a background save's progress is redrawn.
const SAVING_TICK: Duration = Duration::from_millis(100);

/// Runs the screen on `store` until the user quits. On a hang-up the
/// process exits after removing `cleanup` (a temporary store's files).
pub fn run(store: Store, ctx: Context, label: &str, cleanup: Vec<PathBuf>) -> Result<()> {
    terminal::exit_on_hangup(cleanup)?;
    progress::install();
    let mut app = App::new(store, ctx, label, theme::Theme::from_env())?;
    app.background = true;
    let mut guard = terminal::Guard::enter()?;
    let io =
        |e: std::io::Error| Error::failed(crate::msg!("terminal-error", error = e.to_string()));
    let mut dirty = true;
    let mut last_tick = Instant::now();
    while !app.quit {
        if dirty {
            let size = guard.terminal.size().map_err(io)?;
            if (size.width, size.height) != app.size {
                app.resize(size.width, size.height);
            }
            guard.terminal.draw(|f| view::draw(&app, f)).map_err(io)?;
            dirty = false;
        }
        let tick = if app.saving.is_some() {
            SAVING_TICK
        } else {
            TICK
        };
        if event::poll(tick).map_err(io)? {
            match event::read().map_err(io)? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    app.handle_key(k);
                    dirty = true;
                }
                Event::Resize(w, h) => {
                    app.resize(w, h);
                    dirty = true;
                }
                Event::Paste(text) => {
                    app.paste(&text);
                    dirty = true;
                }
                _ => {}
            }
        }
        if last_tick.elapsed() >= tick {
            last_tick = Instant::now();
            dirty |= app.tick();
        }
    }
    app.cancel_save();
    drop(guard);
    Ok(())
}
