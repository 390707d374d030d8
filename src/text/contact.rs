//! Messages for phone and email/MSSanté rules.
