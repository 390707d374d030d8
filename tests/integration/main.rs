//! Integration tests, one binary: a module per scenario (files → core → bytes → read back).

mod check;
mod cli;
mod common;
mod corpus;
mod read;
mod roundtrip;
mod schema;
mod write;
