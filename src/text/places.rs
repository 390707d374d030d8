//! Messages for profession, postal code and commune rules.
