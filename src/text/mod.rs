//! Every sentence the coordinator reads, in French, in one place: the page and the command line
//! say the same thing. One file per area; code elsewhere never holds French prose.

pub mod ars;
pub mod check;
pub mod cli;
pub mod contact;
pub mod errors;
pub mod identifiers;
pub mod places;
pub mod read;
pub mod schema;
pub mod values;
pub mod write;
