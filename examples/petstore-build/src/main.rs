//! Uses the models that build.rs generated.

// A binary uses only some of the models; in a library, `pub mod` needs no `allow`.
#[allow(dead_code)]
mod petstore {
    include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
}

use petstore::{Kind, NewPet};

fn main() {
    let pet = NewPet { name: "Rex".into(), kind: Kind::Dog, tags: Some(vec!["good".into()]), birthday: None, photo: None };
    println!("{}", serde_json::to_string(&pet).expect("a pet serializes"));
    let back: NewPet = serde_json::from_str(r#"{"name":"Tom","kind":"hamster"}"#).expect("open enums accept new kinds");
    println!("{} is a {}", back.name, back.kind);
}
