//! `ntk`: a small command line over the same core as the desktop app.

fn main() {
    println!("ntk {}", env!("CARGO_PKG_VERSION"));
}
