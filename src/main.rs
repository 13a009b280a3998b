//! The `merit` binary: everything lives in the library.

fn main() {
    std::process::exit(merit::cli::run());
}
