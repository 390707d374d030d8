//! Messages for name, yes/no, mode, date and free-text rules.
