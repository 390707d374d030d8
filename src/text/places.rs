//! Messages for the `places` area.
