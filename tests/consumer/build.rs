// The build script of a crate that uses docbind as a build-dependency, as the README shows.
fn main() {
    docbind::Builder::new("docs").generate().unwrap_or_else(|e| panic!("{e}"));
}
