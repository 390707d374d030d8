//! Messages for rpps, adeli, identifier and nir rules.
