fn main() {
    sandtable_app::start();
}
