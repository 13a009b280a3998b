//! The `merit` binary: everything lives in the library.

fn main() {
    // Output piped into `head` or a pager that quits early ends merit
    // quietly, as it ends any shell tool, instead of a panic on the
    // broken pipe (Rust ignores SIGPIPE by default).
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal, before any
    // thread is started and with no handler of ours installed for it.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    merit::tune_process();
    std::process::exit(merit::cli::run());
}
