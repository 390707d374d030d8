//! Messages for the `read` area.
