//! Integration tests, one binary: a module per scenario (files → core → bytes → read back).
// Tests unwrap, index and panic: a failed test is the report (Cargo.toml's [lints] hold the
// library and the command line to these lints, clippy.toml frees the unit tests).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod ars;
mod check;
mod cli;
mod common;
mod compare;
mod corpus;
mod odd_xlsx;
mod read;
mod roundtrip;
mod schema;
mod write;
mod xlsb;
