//! Messages for the `values` area.
