//! Messages for reading files and matching columns.
