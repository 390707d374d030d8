//! Messages for the `write` area.
