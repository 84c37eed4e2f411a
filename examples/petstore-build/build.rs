//! Generates `$OUT_DIR/petstore.rs` from the bundled petstore description (and `common.yaml`, which it
//! references). Cargo reruns this script only when one of those files changes.

fn main() {
    if let Err(error) = specforge::Builder::new()
        .spec("../../specs/petstore/openapi.yaml")
        .module_name("petstore")
        .type_attribute("NewPet", "#[non_exhaustive]")
        .generate_to(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
    {
        // Every error names the file and the place; stop the build with it.
        panic!("specforge: {error}");
    }
}
