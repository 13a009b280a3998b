use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        println!(
            "{}",
            merit::i18n::patterns::render_in(merit::i18n::Lang::ZhCn, &line)
        );
    }
}
