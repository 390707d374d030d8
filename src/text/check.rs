//! Messages for the `check` area.
