//! Messages for row and file findings.
